import { runContentScript } from '../capture/content/content-main';
import { facebookSite } from '../sites/facebook/site';
import { messengerSite } from '../sites/messenger/site';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('facebook'),
  main(ctx) {
    // Messenger lives at facebook.com/messages/t/…; the site navigates between the two in-page.
    runContentScript(ctx, [messengerSite, facebookSite]);
  },
});
