import { runContentScript } from '../capture/content/content-main';
import { messengerAdapter } from '../sites/messenger/adapter';

export default defineContentScript({
  matches: ['https://www.messenger.com/*'],
  main() {
    runContentScript([messengerAdapter]);
  },
});
