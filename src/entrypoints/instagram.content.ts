import { runContentScript } from '../capture/content/content-main';
import { quietContext } from '../capture/content/quiet-context';
import { instagramSite } from '../sites/instagram/site';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('instagram'),
  // No window message at start (WXT's announcement; the whole context is replaced by a quiet one: quiet-context.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    runContentScript(quietContext(ctx, 'instagram'), [instagramSite]);
  },
});
