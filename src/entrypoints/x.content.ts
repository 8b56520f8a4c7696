import { runContentScript } from '../capture/content/content-main';
import { contentScriptMatches } from '../sites/registry';
import { xSite } from '../sites/x/site';

export default defineContentScript({
  matches: contentScriptMatches('x'),
  main(ctx) {
    runContentScript(ctx, [xSite]);
  },
});
