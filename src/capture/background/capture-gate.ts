/**
 * The background's second line against a page that tries to start captures itself (issue #12). The first line is in
 * the content script: only a person's (trusted) click or key press on a Holdfast control starts a capture, and a page
 * cannot send extension messages at all (no `externally_connectable`). Should a content script still be driven to send
 * (a bug, a hostile page finding a way), the background:
 * - accepts a capture that names a browser gesture (context menu, toolbar, shortcut) only while it is itself asking
 *   that tab for one: those gestures reach the background from the browser first, never from the page;
 * - rate-limits captures and whole-thread starts per tab (a token bucket: a burst a person can click, then about two a
 *   second), so no page can flood the vault.
 */
export interface GateOptions {
  /** Captures a tab may start at once. */
  burst: number;
  /** Captures per second a tab regains after its burst. */
  perSecond: number;
  now?: () => number;
}

// A person clicking as fast as they can (and the robustness test's 50 captures in a row) stays inside; Chromium
// itself images at most two screens a second, so a faster stream could only come from a script.
export const GATE_DEFAULTS: GateOptions = { burst: 60, perSecond: 2 };

export type GateVia = 'control' | 'context-menu' | 'toolbar' | 'shortcut' | 'thread';

export class CaptureGate {
  private buckets = new Map<number, { tokens: number; at: number }>();
  private asking = new Map<number, number>();
  private readonly now: () => number;

  constructor(private readonly opts: GateOptions = GATE_DEFAULTS) {
    this.now = opts.now ?? Date.now;
  }

  /** The background is asking this tab for a capture (a browser gesture); call the returned function when answered. */
  expectBrowserGesture(tabId: number): () => void {
    this.asking.set(tabId, (this.asking.get(tabId) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.asking.get(tabId) ?? 1) - 1;
      if (n > 0) this.asking.set(tabId, n);
      else this.asking.delete(tabId);
    };
  }

  /** Null when a capture from this tab may go ahead; else a plain reason (nothing is stored). */
  check(tabId: number | undefined, via: GateVia): string | null {
    if (tabId === undefined) return null; // an extension page or the background itself: no page behind it
    if (via !== 'control' && via !== 'thread' && !this.asking.has(tabId)) return 'Refused: this capture was not started from the browser.';
    const t = this.now();
    const b = this.buckets.get(tabId) ?? { tokens: this.opts.burst, at: t };
    b.tokens = Math.min(this.opts.burst, b.tokens + ((t - b.at) / 1000) * this.opts.perSecond);
    b.at = t;
    this.buckets.set(tabId, b);
    if (b.tokens < 1) return 'Too many captures from this page in a short time: wait a moment and try again.';
    b.tokens -= 1;
    return null;
  }

  /** Forget a closed tab. */
  forget(tabId: number): void {
    this.buckets.delete(tabId);
    this.asking.delete(tabId);
  }
}
