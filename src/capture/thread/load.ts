/**
 * Gets the whole-thread capture module into this content script's world: asks the background to inject
 * `thread-capture.js` into this frame the first time, then picks the module up from the world's global object.
 */
import type { chooseBound } from './dialog';
import type { captureThread, ThreadRunDeps } from './run';

/** Where the module hands itself over on the content script's world's global object. */
export const THREAD_MODULE_KEY = '__holdfastThreadCapture';

/** What module.ts (thread-capture.js) publishes there. */
export interface ThreadCaptureModule {
  chooseBound: typeof chooseBound;
  captureThread: typeof captureThread;
}

export async function loadThreadCapture(send: ThreadRunDeps['send']): Promise<ThreadCaptureModule> {
  const g = globalThis as unknown as Record<string, ThreadCaptureModule | undefined>;
  const present = g[THREAD_MODULE_KEY];
  if (present) return present;
  const res = await send({ type: 'thread:load' });
  const loaded = g[THREAD_MODULE_KEY];
  if (!res.ok || !loaded) throw new Error(res.ok ? 'The capture module did not load.' : res.message);
  return loaded;
}
