import { publishThreadCapture } from '../capture/thread/module';

// Injected on demand (scripting.executeScript) when someone starts a whole-thread capture: the engine, the "how far
// back" dialog and the progress panel stay out of the per-site content scripts, which every page load pays for.
export default defineUnlistedScript(() => {
  publishThreadCapture();
});
