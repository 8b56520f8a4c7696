import { runContentScript } from '../capture/content/content-main';
import { quietContext } from '../capture/content/quiet-context';
import { facebookSite } from '../sites/facebook/site';
import { messengerSite } from '../sites/messenger/site';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('facebook'),
  // No window message at start (WXT's announcement; the whole context is replaced by a quiet one: quiet-context.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    // Messenger lives at facebook.com/messages/t/…; the site navigates between the two in-page.
    runContentScript(quietContext(ctx, 'facebook'), [messengerSite, facebookSite]);
  },
});
