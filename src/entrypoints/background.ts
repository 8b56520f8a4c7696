import { startBackground } from '../capture/background/main';

export default defineBackground({
  // Firefox MV2: an event page, not a persistent one.
  persistent: false,
  main() {
    startBackground();
  },
});
