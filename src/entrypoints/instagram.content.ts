import { runContentScript } from '../capture/content/content-main';
import { instagramSite } from '../sites/instagram/site';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('instagram'),
  main(ctx) {
    runContentScript(ctx, [instagramSite]);
  },
});
