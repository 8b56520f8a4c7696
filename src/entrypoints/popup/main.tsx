import { render } from 'preact';
import { browser } from 'wxt/browser';
import { installPageLock } from '../../lock/page';
import { App } from '../../ui/popup/App';
import '../../ui/styles.css';

document.documentElement.lang = browser.i18n.getUILanguage();
installPageLock();
render(<App />, document.getElementById('app')!);
