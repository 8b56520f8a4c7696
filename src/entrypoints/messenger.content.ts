import { runContentScript } from '../capture/content/content-main';
import { messengerAdapter } from '../sites/messenger/adapter';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('messenger'),
  main() {
    runContentScript([messengerAdapter]);
  },
});
