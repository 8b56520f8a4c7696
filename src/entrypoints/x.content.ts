import { runContentScript } from '../capture/content/content-main';
import { contentScriptMatches } from '../sites/registry';
import { xAdapter } from '../sites/x/adapter';

export default defineContentScript({
  matches: contentScriptMatches('x'),
  main() {
    runContentScript([xAdapter]);
  },
});
