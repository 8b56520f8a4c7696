import { runContentScript } from '../capture/content/content-main';
import { quietContext } from '../capture/content/quiet-context';
import { contentScriptMatches } from '../sites/registry';
import { xSite } from '../sites/x/site';

export default defineContentScript({
  matches: contentScriptMatches('x'),
  // No window message at start (WXT's announcement; the whole context is replaced by a quiet one: quiet-context.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    runContentScript(quietContext(ctx, 'x'), [xSite]);
  },
});
