import { runContentScript } from '../capture/content/content-main';
import { instagramAdapter } from '../sites/instagram/adapter';

export default defineContentScript({
  matches: ['https://www.instagram.com/*'],
  main() {
    runContentScript([instagramAdapter]);
  },
});
