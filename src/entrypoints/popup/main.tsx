import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from '../../ui/popup/App';
import '../../ui/styles.css';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
