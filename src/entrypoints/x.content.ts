import { runContentScript } from '../capture/content/content-main';
import { xAdapter } from '../sites/x/adapter';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  main() {
    runContentScript([xAdapter]);
  },
});
