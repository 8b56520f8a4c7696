import { runContentScript } from '../capture/content/content-main';
import { facebookAdapter } from '../sites/facebook/adapter';
import { messengerAdapter } from '../sites/messenger/adapter';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('facebook'),
  main() {
    // Messenger lives at facebook.com/messages/t/…; the site navigates between the two in-page.
    runContentScript([messengerAdapter, facebookAdapter]);
  },
});
