import { startDomRenderer } from '../capture/content/dom-render';

// Injected on demand (scripting.executeScript) only when a pixel screenshot is not permitted,
// so the per-site content scripts stay small.
export default defineUnlistedScript(() => {
  startDomRenderer();
});
