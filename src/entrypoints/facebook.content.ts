import { runContentScript } from '../capture/content/content-main';
import { facebookAdapter } from '../sites/facebook/adapter';
import { messengerAdapter } from '../sites/messenger/adapter';

export default defineContentScript({
  matches: ['https://www.facebook.com/*'],
  main() {
    // Messenger lives at facebook.com/messages/t/…; the site navigates between the two in-page.
    runContentScript([messengerAdapter, facebookAdapter]);
  },
});
