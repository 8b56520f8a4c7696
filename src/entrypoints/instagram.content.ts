import { runContentScript } from '../capture/content/content-main';
import { instagramAdapter } from '../sites/instagram/adapter';
import { contentScriptMatches } from '../sites/registry';

export default defineContentScript({
  matches: contentScriptMatches('instagram'),
  main() {
    runContentScript([instagramAdapter]);
  },
});
