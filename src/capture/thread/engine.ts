/**
 * The whole-thread engine (content side, site-agnostic): collect-as-you-scroll over a virtualised list.
 *
 * 1. Up: scroll the thread's scroller towards the top one screen at a time, collecting the rows that pass. At the
 *    top, wait for the site to load older rows (its loading indicator, bounded); stop when nothing more comes.
 *    A loading indicator that never goes away ends the upward pass as "stalled" (partial) with a plain message.
 * 2. Forward: from the top to the newest row one screen at a time, collecting again, clicking the adapter's
 *    "show more replies"-type controls, and asking the background to image each screen for the stitched picture.
 * 3. The scroll position is restored (shifted by whatever the site added above it).
 *
 * A list shown newest first (a profile timeline, `container.newestFirst`) skips step 1: the forward pass starts at
 * the top and loads older rows at the bottom. A bound (bounds.ts) ends the pass that goes back in time once a row
 * older than the chosen date, or the chosen number of rows, has been collected; the result keeps only the rows
 * inside the range and says whether the bound or the thread's own end came first.
 *
 * De-duplication by the adapter's stable key (message id / permalink, else sender+time+text); order by the page's
 * own position — rows sorted by where they are drawn, since recycled nodes sit anywhere in the DOM — merged across
 * overlapping windows (PageOrder), by time where windows do not overlap. Entries go to the background in batches as they
 * are collected: only the keys stay here.
 *
 * Read-only: the ONLY click in this module is in `clickAllowed`, which clicks an element only when it came from
 * `support.expanders()` and `support.isAllowedClick()` accepts it.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureBound, ThreadBoundReport, ThreadShotRequest } from '../../messaging/protocol';
import type { BoundInfo, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../../sites/types';
import { BoundTracker, cutToBound } from './bounds';
import { PageOrder } from './order';

export interface ThreadProgress {
  count: number;
  oldest?: string;
  elapsedMs: number;
  phase: 'up' | 'forward' | 'done';
}

export interface EngineDeps {
  /** Streams new entries (and optionally a screen to image) to the background. Returns whether a shot was taken. */
  send(entries: ThreadEntry[], shot: ThreadShotRequest | null): Promise<{ shot: 'pixel' | 'none'; message?: string }>;
  onProgress?(p: ThreadProgress): void;
  /** Hide/show Holdfast's own on-page elements around a screenshot. */
  setOwnUiVisible?(visible: boolean): void;
  now?(): number;
  sleep?(ms: number): Promise<void>;
  /** Resolves after the page has had a chance to render the new scroll position. */
  frame?(): Promise<void>;
  /** Performs a click (tests spy on it). Only ever called from `clickAllowed`. */
  click?(el: Element): void;
}

export interface EngineOptions {
  /** Poll interval while waiting on the site. */
  pollMs: number;
  /** How long to wait at an end of the list, with no loading indicator, before deciding there is no more. */
  settleMs: number;
  /** How long a loading indicator may stay before the site is considered to have stopped loading. */
  stallMs: number;
  /** Take screens for the stitched screenshot on the forward pass. */
  screenshots: boolean;
  /** At most this many screens (Chromium allows about two a second). */
  maxShots: number;
  /** Entries are sent when this many are pending (and with every screen). */
  batchSize: number;
  /** At most this many expander clicks (a site that keeps offering them must not loop forever). */
  maxClicks: number;
  /** How far back to go (issue #4): everything, back to a date, or the latest N rows. */
  bound: CaptureBound;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  pollMs: 50,
  settleMs: 1200,
  stallMs: 12_000,
  screenshots: true,
  maxShots: 600,
  batchSize: 100,
  maxClicks: 2000,
  bound: { kind: 'all' },
};

export interface EngineResult {
  order: string[];
  count: number;
  oldest?: string;
  newest?: string;
  partial?: { reason: 'stopped' | 'stalled' | 'error'; message: string };
  /** What the bound did (kind 'all': reached is false). `order` holds only the rows inside it. */
  bound: ThreadBoundReport;
  notes: string[];
  stats: { elapsedMs: number; loadWaitMs: number; scrolls: number; clicks: number; shots: number };
}

type WaitOutcome = 'grew' | 'end' | 'stalled' | 'stopped';

const realFrame = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else setTimeout(resolve, 16);
  });

export class ThreadEngine {
  private readonly order: PageOrder;
  private readonly times = new Map<string, string | undefined>();
  private readonly infos = new Map<string, BoundInfo>();
  private readonly tracker: BoundTracker;
  private pending: ThreadEntry[] = [];
  private stopped = false;
  private readonly clicked = new WeakSet<Element>();
  private readonly opts: EngineOptions;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly frame: () => Promise<void>;
  private started = 0;
  private oldest: string | undefined;
  private newest: string | undefined;
  private phase: ThreadProgress['phase'] = 'up';
  private readonly notes: string[] = [];
  private stats = { elapsedMs: 0, loadWaitMs: 0, scrolls: 0, clicks: 0, shots: 0 };
  private shotsOn: boolean;
  /** The list is drawn bottom-up (see `pos`). */
  private reversed = false;
  private coveredShots = 0;

  constructor(
    private readonly support: ThreadSupport,
    private readonly container: ThreadContainer,
    private readonly ctx: () => ExtractContext,
    private readonly deps: EngineDeps,
    options: Partial<EngineOptions> = {},
  ) {
    this.opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    this.order = new PageOrder(!!container.newestFirst);
    this.tracker = new BoundTracker(this.opts.bound);
    this.now = deps.now ?? (() => performance.now());
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.frame = deps.frame ?? realFrame;
    this.shotsOn = this.opts.screenshots;
  }

  /** The person pressed Stop: the capture ends at the next step and keeps what it has. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async run(): Promise<EngineResult> {
    this.started = this.now();
    const scroller = this.scroller();
    this.reversed = this.isReversed(scroller);
    const savedTop = this.pos(scroller);
    const heightBefore = scroller.scrollHeight;
    // What the site adds while going up is added above the reader's place; later growth (expanders, newer pages) is below it.
    let addedAbove = 0;
    let partial: EngineResult['partial'];
    const newestFirst = !!this.container.newestFirst;
    let forwardFrom = 0;
    try {
      // ---- 1. up, until the site has nothing older (or the bound is reached)
      this.phase = 'up';
      for (;;) {
        if (newestFirst) break;
        this.collect();
        await this.flushIfFull();
        addedAbove = Math.max(0, scroller.scrollHeight - heightBefore);
        if (this.stopped) break;
        if (this.tracker.reached) {
          // Far enough back: read forward from here (the rows older than the bound are left out of the record).
          forwardFrom = this.pos(scroller);
          break;
        }
        if (this.pos(scroller) > 1) {
          this.scrollTo(scroller, this.pos(scroller) - this.step(scroller));
          await this.frame();
          continue;
        }
        const outcome = await this.waitForMore(scroller, 'up');
        addedAbove = Math.max(0, scroller.scrollHeight - heightBefore);
        if (outcome === 'grew') continue;
        if (outcome === 'stalled') {
          partial = { reason: 'stalled', message: this.stallMessage() };
          // Keep going: whatever the site did load is still collected (and imaged) on the way forward.
          this.scrollTo(scroller, 0);
        }
        break;
      }
      // ---- 2. forward, to the newest (newest first: down the list, to the bound or the oldest)
      this.phase = 'forward';
      if (!this.stopped) {
        this.scrollTo(scroller, forwardFrom);
        await this.frame();
        for (;;) {
          this.collect();
          if (this.stopped) break;
          if (await this.expand()) {
            await this.waitSettled();
            continue;
          }
          await this.shot(scroller);
          await this.flushIfFull();
          if (this.stopped || (newestFirst && this.tracker.reached)) break;
          const bottom = this.pos(scroller) + this.viewHeight(scroller) >= scroller.scrollHeight - 2;
          if (bottom) {
            const outcome = await this.waitForMore(scroller, 'down');
            if (outcome === 'grew') continue;
            if (outcome === 'stalled' && !partial) partial = { reason: 'stalled', message: this.stallMessage() };
            break;
          }
          this.scrollTo(scroller, this.pos(scroller) + this.step(scroller));
          await this.frame();
        }
      }
      if (this.stopped && !partial) {
        partial = { reason: 'stopped', message: `Stopped by you after ${this.order.size} ${this.noun()}; earlier or later ones may be missing.` };
      }
      await this.flush(null);
    } catch (err) {
      partial = { reason: 'error', message: `The capture was interrupted: ${err instanceof Error ? err.message : String(err)}` };
      try {
        await this.flush(null);
      } catch {
        /* the background is gone; the caller reports it */
        throw err;
      }
    } finally {
      this.phase = 'done';
      this.scrollTo(scroller, savedTop + addedAbove);
      this.stats.elapsedMs = this.now() - this.started;
    }
    const bound = this.opts.bound;
    const cut = cutToBound(this.order.keys(), (k) => this.infos.get(k), bound, newestFirst);
    let { oldest, newest } = this;
    if (cut.excluded) {
      const times = cut.order.map((k) => this.times.get(k)).filter((t): t is string => !!t).sort();
      oldest = times[0];
      newest = times[times.length - 1];
    }
    return {
      order: cut.order,
      count: cut.order.length,
      ...(oldest ? { oldest } : {}),
      ...(newest ? { newest } : {}),
      ...(partial ? { partial } : {}),
      bound: { ...bound, reached: cut.reached, excluded: cut.excluded, extra: cut.extra },
      notes: this.notes,
      stats: { ...this.stats },
    };
  }

  // ------------------------------------------------------------------ collecting

  private collect(): number {
    let added = 0;
    let rows: Element[] = [];
    try {
      rows = this.support.rows(this.container);
    } catch {
      rows = [];
    }
    // Page order is what the reader sees, not DOM order: virtualised lists position recycled nodes anywhere.
    if (rows.length > 1) {
      const tops = new Map<Element, number>();
      for (const r of rows) tops.set(r, r.getBoundingClientRect().top);
      rows = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (tops.get(a.r) ?? 0) - (tops.get(b.r) ?? 0) || a.i - b.i)
        .map((x) => x.r);
    }
    const ctx = this.ctx();
    const window: string[] = [];
    for (const row of rows) {
      let key: string | null = null;
      try {
        key = this.support.keyOf(row, ctx);
      } catch {
        key = null;
      }
      if (!key) continue;
      window.push(key);
      if (this.times.has(key)) continue;
      const entry = this.entry(row, key, ctx);
      const time = entry.content.itemTime;
      this.times.set(key, time);
      const info = this.boundInfo(entry);
      this.infos.set(key, info);
      this.tracker.add(info);
      if (time) {
        if (!this.oldest || time < this.oldest) this.oldest = time;
        if (!this.newest || time > this.newest) this.newest = time;
      }
      this.pending.push(entry);
      added++;
    }
    this.order.merge(window, (k) => this.times.get(k), this.phase === 'up' ? 'start' : 'end');
    if (added) this.progress();
    return added;
  }

  private noun(): string {
    return this.container.recordKind === 'post' ? 'replies' : this.container.recordKind === 'profile' ? 'posts' : 'messages';
  }

  private boundInfo(entry: ThreadEntry): BoundInfo {
    try {
      if (this.support.boundOf) return this.support.boundOf(entry);
    } catch {
      /* fall back to the row's own time */
    }
    return { ...(entry.content.itemTime ? { time: entry.content.itemTime } : {}), counted: true };
  }

  private entry(row: Element, key: string, ctx: ExtractContext): ThreadEntry {
    try {
      const e = this.support.entryOf(row, ctx, this.container);
      return { key, content: e.content };
    } catch (err) {
      const content: ExtractedContent = {
        kind: this.container.recordKind === 'post' ? 'reply' : this.container.recordKind === 'profile' ? 'post' : 'dm-message',
        platform: 'web',
        text: (row.textContent ?? '').trim().slice(0, 10_000),
        links: [],
        media: [],
        method: 'generic',
        warnings: [`This row could not be read by the site adapter (${err instanceof Error ? err.message : String(err)}); its visible text was kept.`],
      };
      return { key, content };
    }
  }

  private progress(): void {
    this.deps.onProgress?.({ count: this.order.size, ...(this.oldest ? { oldest: this.oldest } : {}), elapsedMs: this.now() - this.started, phase: this.phase });
  }

  private async flushIfFull(): Promise<void> {
    if (this.pending.length >= this.opts.batchSize) await this.flush(null);
  }

  private async flush(shot: ThreadShotRequest | null): Promise<{ shot: 'pixel' | 'none'; message?: string }> {
    const entries = this.pending;
    this.pending = [];
    if (entries.length === 0 && !shot) return { shot: 'none' };
    return this.deps.send(entries, shot);
  }

  // ------------------------------------------------------------------ clicking (the only click in the engine)

  /** Clicks every allowed expander not clicked before. Returns whether anything was clicked. */
  private async expand(): Promise<boolean> {
    let list: Element[] = [];
    try {
      list = this.support.expanders(this.container);
    } catch {
      list = [];
    }
    let any = false;
    for (const el of list) {
      if (this.stats.clicks >= this.opts.maxClicks) break;
      if (this.clicked.has(el) || !el.isConnected) continue;
      if (this.clickAllowed(el)) any = true;
    }
    return any;
  }

  private clickAllowed(el: Element): boolean {
    let allowed = false;
    try {
      allowed = this.support.isAllowedClick(el);
    } catch {
      allowed = false;
    }
    if (!allowed) return false;
    this.clicked.add(el);
    this.stats.clicks++;
    if (this.deps.click) this.deps.click(el);
    else (el as HTMLElement).click();
    return true;
  }

  // ------------------------------------------------------------------ waiting on the site

  /** At an end of the list: did the site add rows (grew), finish (end), or keep loading forever (stalled)? */
  private async waitForMore(scroller: Element, direction: 'up' | 'down'): Promise<WaitOutcome> {
    const h0 = scroller.scrollHeight;
    const top0 = this.pos(scroller);
    const size0 = this.order.size;
    const waitStart = this.now();
    let quietSince = this.now();
    let loadingSince: number | null = null;
    try {
      for (;;) {
        if (this.stopped) return 'stopped';
        await this.sleep(this.opts.pollMs);
        this.collect();
        const grew = scroller.scrollHeight !== h0 || this.order.size !== size0 || (direction === 'up' ? this.pos(scroller) > top0 + 1 : false);
        if (grew) return 'grew';
        const now = this.now();
        if (this.isLoading()) {
          loadingSince ??= now;
          quietSince = now;
          if (now - loadingSince > this.opts.stallMs) return 'stalled';
          continue;
        }
        loadingSince = null;
        if (now - quietSince > this.opts.settleMs) return 'end';
      }
    } finally {
      this.stats.loadWaitMs += this.now() - waitStart;
      this.progress();
    }
  }

  /** After an expander click: wait until the site has stopped loading (bounded by stallMs). */
  private async waitSettled(): Promise<void> {
    const start = this.now();
    await this.frame();
    while (this.isLoading() && this.now() - start < this.opts.stallMs && !this.stopped) await this.sleep(this.opts.pollMs);
    this.stats.loadWaitMs += this.now() - start;
  }

  private isLoading(): boolean {
    try {
      return this.support.loading(this.container);
    } catch {
      return false;
    }
  }

  private stallMessage(): string {
    const what = this.noun();
    return `The site stopped loading ${what} (still loading after ${Math.round(this.opts.stallMs / 1000)} s). ${this.order.size} ${what} were kept; older ones may be missing.`;
  }

  // ------------------------------------------------------------------ scrolling and screens

  private scroller(): Element {
    const doc = this.container.element.ownerDocument;
    const fallback = doc.scrollingElement ?? doc.documentElement;
    let start: Element | null = null;
    try {
      start = this.support.scroller?.(this.container) ?? this.support.rows(this.container)[0] ?? this.container.element;
    } catch {
      start = this.container.element;
    }
    const view = doc.defaultView;
    for (let el: Element | null = start; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
      const style = view?.getComputedStyle(el);
      if (style && /(auto|scroll|overlay)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) return el;
    }
    return fallback;
  }

  /**
   * Chat lists drawn bottom-up (flex-direction: column-reverse, as Instagram's conversation is) report scrollTop 0 at
   * the newest message and negative values above it. The engine works in distance from the top of the content.
   */
  private isReversed(s: Element): boolean {
    if (this.isDocumentScroller(s)) return false;
    try {
      return s.ownerDocument.defaultView?.getComputedStyle(s).flexDirection === 'column-reverse';
    } catch {
      return false;
    }
  }

  private minTop(s: Element): number {
    return this.reversed ? -Math.max(0, s.scrollHeight - s.clientHeight) : 0;
  }

  /** Scroll position as distance from the top of the content, whichever way the list is drawn. */
  private pos(s: Element): number {
    return s.scrollTop - this.minTop(s);
  }

  private isDocumentScroller(s: Element): boolean {
    return s === s.ownerDocument.scrollingElement || s === s.ownerDocument.documentElement;
  }

  private viewHeight(s: Element): number {
    return this.isDocumentScroller(s) ? (s.ownerDocument.defaultView?.innerHeight ?? s.clientHeight) : s.clientHeight;
  }

  private step(s: Element): number {
    return Math.max(40, Math.floor(this.viewHeight(s) * 0.9));
  }

  private scrollTo(s: Element, top: number): void {
    this.stats.scrolls++;
    s.scrollTop = Math.max(0, top) + this.minTop(s);
  }

  private visibleRect(s: Element): ThreadShotRequest['rect'] {
    const view = s.ownerDocument.defaultView;
    const vw = s.ownerDocument.documentElement.clientWidth || view?.innerWidth || 0;
    const vh = view?.innerHeight || s.ownerDocument.documentElement.clientHeight || 0;
    if (this.isDocumentScroller(s)) return { x: 0, y: 0, width: vw, height: vh };
    const box = s.getBoundingClientRect();
    const x = Math.max(0, box.left);
    const y = Math.max(0, box.top);
    return { x, y, width: Math.max(0, Math.min(vw, box.right) - x), height: Math.max(0, Math.min(vh, box.bottom) - y) };
  }

  private async shot(s: Element): Promise<void> {
    if (!this.shotsOn) return;
    if (this.coveredShots >= this.opts.maxShots) {
      this.shotsOn = false;
      this.notes.push(`The stitched screenshot stops after ${this.opts.maxShots} screens; the transcript covers the whole thread.`);
      return;
    }
    const view = s.ownerDocument.defaultView;
    const req: ThreadShotRequest = {
      rect: this.visibleRect(s),
      viewport: { width: s.ownerDocument.documentElement.clientWidth || view?.innerWidth || 0, height: view?.innerHeight || 0 },
      devicePixelRatio: view?.devicePixelRatio || 1,
      scrollTop: this.pos(s),
    };
    this.deps.setOwnUiVisible?.(false);
    try {
      await this.frame();
      const res = await this.flush(req);
      this.coveredShots++;
      if (res.shot === 'pixel') this.stats.shots++;
      else {
        this.shotsOn = false;
        this.notes.push(res.message ?? 'No stitched screenshot could be taken.');
      }
    } finally {
      this.deps.setOwnUiVisible?.(true);
    }
  }
}
