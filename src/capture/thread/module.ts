/**
 * The whole-thread capture as a module of its own, injected into the content script's world on demand. It runs in
 * the same isolated world as the content script, so it hands its two entry points over on that world's global object
 * (never visible to the page's own scripts).
 */
import { chooseBound } from './dialog';
import { THREAD_MODULE_KEY, type ThreadCaptureModule } from './load';
import { captureThread } from './run';

export function publishThreadCapture(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!g[THREAD_MODULE_KEY]) g[THREAD_MODULE_KEY] = { chooseBound, captureThread } satisfies ThreadCaptureModule;
}
