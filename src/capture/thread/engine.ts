/**
 * The whole-thread engine (content side, site-agnostic): collect-as-you-scroll over a virtualised list.
 *
 * 1. Up: scroll the thread's scroller towards the top one screen at a time, collecting the rows that pass. At the
 *    top, wait for the site to load older rows (its loading indicator, bounded); stop when nothing more comes.
 *    A loading indicator that never goes away ends the upward pass as "stalled" (partial) with a plain message.
 *    A conversation is complete only once its start was seen (issue #11): the site's marker (`startMarker`, else
 *    start-of-conversation wording outside the rows), or a top that stays still while the engine leaves it and comes
 *    back TOP_RETRIES more times, waiting longer each time (sites load on a scroll event near the top; a site that
 *    leaves the reader at 0 after a load needs a new one). A site that has a marker and stops short of it ends partial,
 *    saying how far back it got ("stopped loading messages on <date>") and why.
 *    Never a hang: a pass that sees no new row for longer than any deliberate wait (`idle`) ends partial with what it
 *    has; a wait ends at the stall time even when an indicator blinks; a bare change of height is not "more rows".
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
 * are collected (one batch in flight while the next is collected): only the keys stay here.
 *
 * Speed (the site's own loading is the floor; everything else is kept small):
 * - each step scrolls as far as keeps one already-seen row on screen (the overlap that anchors the page order),
 *   measured from the rows the site actually drew, not a fixed fraction of the screen;
 * - at an end, the engine wakes as soon as the page changes (DOM mutation or scroll), not on a fixed poll;
 * - how long "nothing happens" means "no more" is learned from this site during this capture: once it has shown
 *   its loading indicator promptly a few times, the wait is a few times its slowest response (never below
 *   MIN_SETTLE_MS, never above settleMs);
 * - without screenshots and with no "show more" control seen on the way up, the forward pass starts where the
 *   upward pass started: everything above was already collected on the way up (unless the support's rows are keyed
 *   by their place, `placesOnTheWayDown`, which only the way down completes).
 *
 * Proven against layouts built unlike the project's replicas by engine-layouts.test.ts (a generator in layouts.ts:
 * scroll containers, recycled rows, ids or none, loaders that jump or swap pages, bottom-up and newest-first lists,
 * indicators that blink, heights that jitter, sites that stop), scored on recall, order, sender, honest "complete"
 * and hangs.
 *
 * Read-only: the ONLY click in this module is in `clickAllowed`, which clicks an element only when it came from
 * `support.expanders()` and `support.isAllowedClick()` accepts it.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureBound, ThreadBoundReport, ThreadShotRequest } from '../../messaging/protocol';
import { RENDER_TOKEN_ATTR } from '../content/capture-item';
import type { BoundInfo, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../../sites/types';
import { BoundTracker, cutToBound } from './bounds';
import { PageOrder } from './order';

export interface ThreadProgress {
  count: number;
  oldest?: string;
  elapsedMs: number;
  phase: 'up' | 'forward' | 'done';
  /**
   * What the engine is waiting for, when it is waiting on the site: older rows at the top, newer rows at the bottom,
   * or a check that nothing older is left (the top is re-touched a few times before it counts as the beginning).
   */
  waiting?: 'older' | 'newer' | 'check';
}

export interface EngineDeps {
  /**
   * Streams new entries (and optionally a screen to image) to the background. Returns whether a shot was taken.
   * Entry-only batches are not awaited before collecting on (at most one in flight); a failure surfaces at the next
   * send or at the end.
   */
  send(entries: ThreadEntry[], shot: ThreadShotRequest | null): Promise<{ shot: 'pixel' | 'dom-render' | 'none'; message?: string }>;
  onProgress?(p: ThreadProgress): void;
  /** Hide/show Holdfast's own on-page elements around a screenshot. */
  setOwnUiVisible?(visible: boolean): void;
  now?(): number;
  sleep?(ms: number): Promise<void>;
  /** Resolves after the page has had a chance to render the new scroll position. */
  frame?(): Promise<void>;
  /**
   * Resolves after at most `ms`, earlier when the page changes (a mutation in `root` or a scroll of `scroller`).
   * Default: a MutationObserver and a scroll listener when `sleep` is not injected, else `sleep(ms)`.
   */
  changed?(root: Element, scroller: Element, ms: number): Promise<void>;
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

/** The shortest wait at an end of the list, however promptly the site has answered before. */
export const MIN_SETTLE_MS = 600;
/** Loads seen before the wait at an end is learned from the site rather than `settleMs`. */
const LEARN_AFTER = 3;
/** The panel is updated at most this often. */
const PROGRESS_MS = 100;
/**
 * At a quiet top of a conversation, how many more times the engine leaves the top and comes back (a site loads older
 * rows on a scroll event near the top, which being there already does not fire) before the top counts as the start.
 * Each wait is longer than the one before (2x, then 3x the settle time learned from the site, at most half the stall time).
 */
const TOP_RETRIES = 2;
/** More content than this below the screen at the bottom means the site added rows (a few pixels are re-measuring). */
const GROW_SLACK_PX = 32;
/** Start-of-conversation wording the engine recognises on its own, in the languages the extension ships and a few more. */
const START_WORDING =
  /\b(?:beginning|start) of (?:your|this|the) (?:conversation|chat|messages)\b|\bthis is the (?:beginning|start)\b|\b(?:inicio|comienzo|principio) de (?:tu|la|esta|vuestra) (?:conversaci[oó]n|chat)\b|\bin[ií]cio (?:da|de) (?:sua|tua|esta|nossa) conversa|\bd[ée]but de (?:votre|ta|la|cette) (?:conversation|discussion)\b|\bAnfang (?:eures|deines|des|dieses|eurer) (?:Chats|Gespr[äa]chs|Unterhaltung)\b/i;

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
  partial?: {
    reason: 'stopped' | 'stalled' | 'error';
    message: string;
    /** For 'stalled': which end the site stopped loading at (older rows at the top, newer rows at the bottom). */
    end?: 'older' | 'newer';
  };
  /**
   * How the beginning of a conversation was known, when it was reached: the site's own start marker, or a top that
   * stayed still after repeated loads with no loading indicator. Absent: not reached (partial), or not a question
   * (a post's replies, a newest-first list, a bound that ended the capture first).
   */
  start?: 'marker' | 'still';
  /** What the bound did (kind 'all': reached is false). `order` holds only the rows inside it. */
  bound: ThreadBoundReport;
  notes: string[];
  stats: { elapsedMs: number; loadWaitMs: number; scrolls: number; clicks: number; shots: number };
}

type WaitOutcome = 'grew' | 'end' | 'stalled' | 'stopped';

/** Where the keyed rows of the last scan were drawn, relative to the top of the scroller's visible area (CSS px). */
interface DrawnWindow {
  firstTop: number;
  firstHeight: number;
  lastTop: number;
  lastHeight: number;
}

const realChanged = (root: Element, scroller: Element, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const view = scroller.ownerDocument.defaultView;
    const target: EventTarget | null = scroller === scroller.ownerDocument.scrollingElement || scroller === scroller.ownerDocument.documentElement ? view : scroller;
    let observer: MutationObserver | null = null;
    const done = () => {
      clearTimeout(timer);
      observer?.disconnect();
      target?.removeEventListener('scroll', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (typeof MutationObserver === 'function') {
      observer = new MutationObserver(done);
      observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'aria-hidden', 'aria-busy', 'style'] });
    }
    target?.addEventListener('scroll', done, { passive: true });
  });

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
  /** Whether screens are marked for the DOM renderer (until the first pixel screen). */
  private markScreens = true;
  /** The list is drawn bottom-up (see `pos`). */
  private reversed = false;
  private coveredShots = 0;
  private inflight: Promise<unknown> | null = null;
  private drawn: DrawnWindow | null = null;
  /** The slowest the site has been to show its loading indicator (or new rows) at an end, and how often it did. */
  private slowestSignalMs = 0;
  private signals = 0;
  private sawExpander = false;
  private lastProgress = Number.NEGATIVE_INFINITY;
  /**
   * Keys seen in the current pass, and when the pass last got anywhere (a new key, or further than it had been since
   * the last new key: a list that draws every row at once gives all its keys in the first scan). A pass that gets
   * nowhere for too long ends.
   */
  private seenInPhase = new Set<string>();
  private lastGainAt = 0;
  /** The furthest position (in the pass's direction) since the last new key; NaN: take the next one. */
  private furthest = Number.NaN;
  /** The first and last key of the last scan (a changed window means the site changed what it shows). */
  private windowSig = '';
  /** A scan on the way up overlapped nothing seen before: the site jumped, rows in between were not read on the way up. */
  private gapped = false;
  private waiting: ThreadProgress['waiting'];
  private start: EngineResult['start'];
  private readonly changed: (root: Element, scroller: Element, ms: number) => Promise<void>;

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
    this.changed = deps.changed ?? (deps.sleep ? (_r, _s, ms) => this.sleep(ms) : realChanged);
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
    this.lastGainAt = this.started;
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
      let nudgeDue = true;
      /** The last load left the reader at the very top (no scroll anchoring at 0): the site needs a new scroll event there. */
      let grewInPlace = false;
      for (;;) {
        if (newestFirst) break;
        this.collect();
        await this.flushIfFull();
        addedAbove = Math.max(0, scroller.scrollHeight - heightBefore);
        if (this.stopped) break;
        if (this.idle()) {
          partial = { reason: 'stalled', message: this.stallMessage('idle', 'older'), end: 'older' };
          this.scrollTo(scroller, 0);
          break;
        }
        if (this.tracker.reached) {
          // Far enough back: read forward from here (the rows older than the bound are left out of the record).
          forwardFrom = this.pos(scroller);
          break;
        }
        // A post's replies always may need expanding; asking a site's expanders() early can use up a one-time offer (Facebook's filter switch).
        if (!this.sawExpander) this.sawExpander = this.container.recordKind === 'post' || this.anyAllowedExpander();
        if (this.pos(scroller) > 1) {
          if (nudgeDue) {
            nudgeDue = false;
            if (await this.nudgeTop(scroller)) continue;
          }
          this.scrollTo(scroller, this.pos(scroller) - this.step(scroller, 'up'));
          await this.frame();
          continue;
        }
        // At the top. A conversation is complete only once its beginning has been seen.
        const conversation = this.container.recordKind === 'dm-thread';
        if (conversation && this.startMarker() === true) {
          this.start = 'marker';
          break;
        }
        if (grewInPlace) await this.retouch(scroller, 'up');
        let outcome = await this.waitForMore(scroller, 'up');
        if (outcome === 'end' && conversation) outcome = await this.checkEnd(scroller, 'up');
        addedAbove = Math.max(0, scroller.scrollHeight - heightBefore);
        if (outcome === 'grew') {
          nudgeDue = true;
          grewInPlace = this.pos(scroller) <= 1;
          continue;
        }
        if (outcome === 'stalled') {
          partial = { reason: 'stalled', message: this.stallMessage('loading', 'older'), end: 'older' };
          // Keep going: whatever the site did load is still collected (and imaged) on the way forward.
          this.scrollTo(scroller, 0);
        } else if (outcome === 'end' && conversation) {
          partial = this.startReached();
        }
        break;
      }
      // ---- 2. forward, to the newest (newest first: down the list, to the bound or the oldest)
      this.phase = 'forward';
      this.seenInPhase = new Set();
      this.lastGainAt = this.now();
      this.furthest = Number.NaN;
      this.progress(true);
      if (!this.stopped) {
        // Without screens to take and nothing to expand, what lies above the starting place was read on the way up
        // (a newest-first list has no way up: it is read from its top, wherever the reader was).
        // Nor when the site's rows are keyed by their place, which the way down completes (Instagram's conversations).
        // Nor when the way up jumped (a scan that overlapped nothing): rows between were not read on the way up.
        const skipAbove = !newestFirst && !this.shotsOn && !this.sawExpander && partial === undefined && !this.support.placesOnTheWayDown && !this.gapped;
        const resumeAt = skipAbove ? Math.max(0, savedTop + addedAbove) : 0;
        this.scrollTo(scroller, Math.max(forwardFrom, resumeAt));
        await this.frame();
        for (;;) {
          this.collect();
          if (this.stopped) break;
          if (this.idle()) {
            partial ??= { reason: 'stalled', message: this.stallMessage('idle', newestFirst ? 'older' : 'newer'), end: newestFirst ? 'older' : 'newer' };
            break;
          }
          if (await this.expand()) {
            await this.waitSettled();
            continue;
          }
          const at = this.pos(scroller);
          await this.shot(scroller);
          await this.flushIfFull();
          if (this.stopped || (newestFirst && this.tracker.reached)) break;
          // The site moved the reader while the screen was imaged (it swapped in its next page): read where it is now
          // before stepping on, or the rows at the new place would be stepped over.
          if (Math.abs(this.pos(scroller) - at) > 1) continue;
          const bottom = this.pos(scroller) + this.viewHeight(scroller) >= scroller.scrollHeight - 2;
          if (bottom) {
            let outcome = await this.waitForMore(scroller, 'down');
            // A newest-first list (a profile timeline) has its oldest rows at the bottom: checked like a conversation's top.
            if (outcome === 'end' && newestFirst) outcome = this.startMarker() === true ? 'end' : await this.checkEnd(scroller, 'down');
            if (outcome === 'grew') continue;
            if (outcome === 'end' && newestFirst) partial ??= this.startReached();
            if (outcome === 'stalled' && !partial) {
              const end = newestFirst ? 'older' : 'newer';
              partial = { reason: 'stalled', message: this.stallMessage('loading', end), end };
            }
            break;
          }
          this.scrollTo(scroller, this.pos(scroller) + this.step(scroller, 'down'));
          await this.frame();
        }
      }
      if (this.stopped && !partial) {
        partial = { reason: 'stopped', message: `Stopped by you after ${this.order.size} ${this.noun()}; earlier or later ones may be missing.` };
      }
      await this.flush(null);
      await this.drain();
    } catch (err) {
      partial = { reason: 'error', message: `The capture was interrupted: ${err instanceof Error ? err.message : String(err)}` };
      try {
        await this.drain().catch(() => undefined);
        await this.flush(null);
        await this.drain();
      } catch {
        /* the background is gone; the caller reports it */
        throw err;
      }
    } finally {
      this.phase = 'done';
      this.waiting = undefined;
      this.progress(true);
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
      ...(this.start && !partial && !cut.reached ? { start: this.start } : {}),
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
    const boxes = new Map<Element, DOMRect>();
    for (const r of rows) boxes.set(r, r.getBoundingClientRect());
    if (rows.length > 1) {
      rows = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (boxes.get(a.r)?.top ?? 0) - (boxes.get(b.r)?.top ?? 0) || a.i - b.i)
        .map((x) => x.r);
    }
    const ctx = this.ctx();
    const window: string[] = [];
    let known = false;
    let first: DOMRect | undefined;
    let last: DOMRect | undefined;
    for (const row of rows) {
      let key: string | null = null;
      try {
        key = this.support.keyOf(row, ctx);
      } catch {
        key = null;
      }
      if (!key) continue;
      window.push(key);
      if (!known && this.order.has(key)) known = true;
      if (!this.seenInPhase.has(key)) {
        this.seenInPhase.add(key);
        this.lastGainAt = this.now();
        this.furthest = Number.NaN;
      }
      const box = boxes.get(row);
      if (box && box.height > 0) {
        first ??= box;
        last = box;
      }
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
    if (window.length && !known && this.order.size > 0 && this.phase === 'up') this.gapped = true;
    this.windowSig = window.length ? `${window[0]}\u0000${window[window.length - 1]}` : '';
    this.order.merge(window, (k) => this.times.get(k), this.phase === 'up' ? 'start' : 'end');
    this.drawn = null;
    if (first && last && this.currentScroller) {
      const origin = this.viewTop(this.currentScroller);
      this.drawn = { firstTop: first.top - origin, firstHeight: first.height, lastTop: last.top - origin, lastHeight: last.height };
    }
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

  private progress(force = false): void {
    const now = this.now();
    if (!force && now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    this.deps.onProgress?.({
      count: this.order.size,
      ...(this.oldest ? { oldest: this.oldest } : {}),
      elapsedMs: now - this.started,
      phase: this.phase,
      ...(this.waiting ? { waiting: this.waiting } : {}),
    });
  }

  private async flushIfFull(): Promise<void> {
    if (this.pending.length >= this.opts.batchSize) await this.flush(null);
  }

  /**
   * Sends the pending entries (and a screen request). A batch without a screen is not waited for: the next send
   * (or the end) waits for it first, so at most one batch is in flight and the background sees them in order.
   */
  private async flush(shot: ThreadShotRequest | null): Promise<{ shot: 'pixel' | 'dom-render' | 'none'; message?: string }> {
    const entries = this.pending;
    this.pending = [];
    if (entries.length === 0 && !shot) return { shot: 'none' };
    await this.drain();
    const sent = this.deps.send(entries, shot);
    if (shot) return sent;
    this.inflight = sent;
    sent.catch(() => undefined); // observed by drain()
    return { shot: 'none' };
  }

  /** Waits for the batch in flight; its failure is thrown here. */
  private async drain(): Promise<void> {
    const inflight = this.inflight;
    this.inflight = null;
    if (inflight) await inflight;
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

  /** Whether an allow-listed expander is on the page now (never clicks). */
  private anyAllowedExpander(): boolean {
    try {
      return this.support.expanders(this.container).some((el) => {
        try {
          return this.support.isAllowedClick(el);
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
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
  private async waitForMore(scroller: Element, direction: 'up' | 'down', settle = this.settleMs()): Promise<WaitOutcome> {
    const top0 = this.pos(scroller);
    const size0 = this.order.size;
    const sig0 = this.windowSig;
    const waitStart = this.now();
    let quietSince = this.now();
    let loadingSince: number | null = null;
    let signalled = this.isLoading();
    if (signalled) this.learn(0);
    const before = this.waiting;
    this.waiting = before === 'check' ? 'check' : direction === 'up' ? 'older' : 'newer';
    this.progress(true);
    try {
      for (;;) {
        if (this.stopped) return 'stopped';
        await this.changed(this.container.element, scroller, this.opts.pollMs);
        this.collect();
        // New rows, a different window of rows, the reader pushed down by rows added above, or real room below.
        // Not a bare change of height: lists that re-measure their rows change it all the time.
        const more =
          direction === 'up' ? this.pos(scroller) > top0 + 1 : scroller.scrollHeight - (this.pos(scroller) + this.viewHeight(scroller)) > GROW_SLACK_PX;
        const grew = this.order.size !== size0 || this.windowSig !== sig0 || more;
        const now = this.now();
        if (grew) {
          if (!signalled) this.learn(now - waitStart);
          return 'grew';
        }
        if (this.isLoading()) {
          if (!signalled) this.learn(now - waitStart);
          signalled = true;
          loadingSince ??= now;
          quietSince = now;
          if (now - loadingSince > this.opts.stallMs) return 'stalled';
        } else {
          loadingSince = null;
          if (now - quietSince > settle) return 'end';
        }
        // An indicator that comes and goes (re-mounted per attempt) never stays on, nor lets the page go quiet.
        if (now - waitStart > this.opts.stallMs + settle) return 'stalled';
      }
    } finally {
      this.stats.loadWaitMs += this.now() - waitStart;
      this.waiting = before;
      this.progress();
    }
  }

  /**
   * A quiet top of a conversation: before it counts as the beginning, leave the top and come back a few times,
   * waiting longer each time (a site loads on a scroll event near the top, and some load slowly with nothing shown).
   * Stops early when the site's start marker shows.
   */
  private async checkEnd(scroller: Element, direction: 'up' | 'down'): Promise<WaitOutcome> {
    const before = this.waiting;
    this.waiting = 'check';
    try {
      for (let k = 1; k <= TOP_RETRIES; k++) {
        if (this.stopped) return 'stopped';
        if (this.startMarker() === true) return 'end';
        await this.retouch(scroller, direction);
        const outcome = await this.waitForMore(scroller, direction, this.retryWaitMs(k));
        if (outcome !== 'end') return outcome;
      }
      return 'end';
    } finally {
      this.waiting = before;
    }
  }

  private retryWaitMs(k: number): number {
    const settle = this.settleMs();
    return Math.max(settle, Math.min(settle * (k + 1), this.opts.stallMs / 2));
  }

  /**
   * Leaves the end (half a screen, less on a short list) and comes back to it: the scroll event a site loads older
   * rows on. 'up': the top of a conversation; 'down': the bottom of a newest-first list.
   */
  private async retouch(scroller: Element, direction: 'up' | 'down'): Promise<void> {
    const room = Math.max(0, scroller.scrollHeight - this.viewHeight(scroller));
    const away = Math.min(Math.floor(this.viewHeight(scroller) / 2), Math.floor(room / 2));
    if (away < 1) return;
    this.scrollTo(scroller, direction === 'up' ? away : room - away);
    await this.frame();
    this.collect();
    this.scrollTo(scroller, direction === 'up' ? 0 : Math.max(0, scroller.scrollHeight - this.viewHeight(scroller)));
    await this.frame();
    this.collect(); // what a wait compares against is the end's window, not the one passed on the way
  }

  /**
   * The end that holds the oldest rows went quiet after the checks: the start, unless the site shows a start marker
   * and it is not here (then partial, saying how far back it got). A start taken from a still end is noted.
   */
  private startReached(): EngineResult['partial'] {
    const marker = this.startMarker();
    if (marker === false) return { reason: 'stalled', message: this.stallMessage('no-start', 'older'), end: 'older' };
    this.start = marker ? 'marker' : 'still';
    if (!marker) {
      const newestFirst = !!this.container.newestFirst;
      this.notes.push(
        `The ${newestFirst ? 'end of the list' : 'start of the conversation'} was taken to be where older ${this.noun()} stopped coming: the ${newestFirst ? 'bottom' : 'top'} stayed still after ${TOP_RETRIES + 1} loads with no loading indicator (no start marker was found on the page).`,
      );
    }
    return undefined;
  }

  /**
   * Nothing new for longer than any deliberate wait (a load at stallMs, the checks at the top): the site is going in
   * circles or has stopped without saying so. The capture ends with what it has instead of hanging.
   */
  private idle(): boolean {
    const s = this.currentScroller;
    if (s) {
      // Going up, further is nearer the top; going forward, nearer the bottom. Coming back over ground covered (a
      // site that swaps the same pages in and out) is not getting anywhere.
      const pos = this.pos(s);
      const ahead = this.phase === 'up' ? -pos : pos;
      if (Number.isNaN(this.furthest)) this.furthest = ahead;
      else if (ahead > this.furthest + 1) {
        this.furthest = ahead;
        this.lastGainAt = this.now();
      }
    }
    return this.now() - this.lastGainAt > this.idleLimitMs();
  }

  /** Longer than any deliberate wait: a load at stallMs, a quiet end at settleMs, the checks at the start. */
  private idleLimitMs(): number {
    let checks = 0;
    for (let k = 1; k <= TOP_RETRIES; k++) checks += this.retryWaitMs(k) + this.opts.pollMs;
    return this.opts.stallMs + this.opts.settleMs + checks;
  }

  /**
   * The site's start-of-conversation marker: the adapter's answer, else start-of-conversation wording outside the rows.
   * Wording the site shows counts even when the adapter does not see its own marker (a site that changed its start
   * from a profile block to a sentence): false only when neither is there.
   */
  private startMarker(): boolean | null {
    let v: boolean | null = null;
    if (this.support.startMarker) {
      try {
        const answer = this.support.startMarker(this.container);
        if (answer === true) return true;
        if (answer === false) v = false;
      } catch {
        /* fall through to the wording */
      }
    }
    return this.startWording() ? true : v;
  }

  private startWording(): boolean {
    const s = this.currentScroller;
    const root = s && !this.isDocumentScroller(s) ? s : this.container.element;
    const doc = root.ownerDocument;
    if (!START_WORDING.test(root.textContent ?? '')) return false;
    let rows: Element[] = [];
    try {
      rows = this.support.rows(this.container);
    } catch {
      rows = [];
    }
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!START_WORDING.test(n.nodeValue ?? '')) continue;
      // Wording inside a message is what someone wrote, not the site's marker; hidden wording is not shown to anyone.
      const el = n.parentElement;
      if (!el || el.closest('[hidden],[aria-hidden="true"]')) continue;
      if (!rows.some((r) => r.contains(n))) return true;
    }
    return false;
  }

  /**
   * Sites load older rows when the reader reaches the top. When more than a screen or two lies between here and the
   * top, touch the top first, so the site's next load runs while the rows in between are collected, then come back
   * (shifted by anything the site added meanwhile) and go on upward as usual: windows are still merged bottom-up.
   * Returns whether it scrolled.
   */
  private async nudgeTop(scroller: Element): Promise<boolean> {
    const view = this.viewHeight(scroller);
    const from = this.pos(scroller);
    // Not on bottom-up lists: their rows are keyed by what stayed in place between screens (Instagram), which a jump breaks.
    // Nor once the site has been seen to jump or swap pages (a scan that overlapped nothing): coming back to where a
    // swapped-in page was shown from (its bottom) would make such a site swap in the newer page again.
    if (this.reversed || this.gapped || from < 2 * view || this.isLoading()) return false;
    const height = scroller.scrollHeight;
    this.scrollTo(scroller, 0);
    await this.frame();
    this.scrollTo(scroller, from + Math.max(0, scroller.scrollHeight - height));
    await this.frame();
    return true;
  }

  /** The site answered at an end (indicator or new rows) after `ms`. */
  private learn(ms: number): void {
    this.signals++;
    this.slowestSignalMs = Math.max(this.slowestSignalMs, ms);
  }

  /** How long a quiet end must stay quiet: settleMs until the site has answered a few times, then a few times its slowest answer. */
  private settleMs(): number {
    if (this.signals < LEARN_AFTER) return this.opts.settleMs;
    return Math.min(this.opts.settleMs, Math.max(MIN_SETTLE_MS, 4 * this.slowestSignalMs + 2 * this.opts.pollMs));
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

  /** The plain account of why a capture ended short, for the record: how far it got, at which end, and why. */
  private stallMessage(why: 'loading' | 'idle' | 'no-start', end: 'older' | 'newer'): string {
    const what = this.noun();
    const s = Math.round(this.opts.stallMs / 1000);
    const at = end === 'older' ? this.oldest : this.newest;
    const on = at ? ` on ${at.slice(0, 10)} (the ${end === 'older' ? 'oldest' : 'newest'} kept is from ${at.slice(0, 16).replace('T', ' ')} UTC)` : '';
    const reason =
      why === 'loading'
        ? `it was still showing that it was loading after ${s} s`
        : why === 'idle'
          ? `nothing new appeared for ${Math.round(this.idleLimitMs() / 1000)} s`
          : `no older ${what} came after ${TOP_RETRIES + 1} tries, and the ${this.container.newestFirst ? 'end of the list' : 'start of the conversation'} was not seen`;
    return `The site stopped loading ${what}${on}: ${reason}. ${this.order.size} ${what} were kept; ${end} ones may be missing.`;
  }

  // ------------------------------------------------------------------ scrolling and screens

  private currentScroller: Element | null = null;

  private scroller(): Element {
    this.currentScroller = this.findScroller();
    return this.currentScroller;
  }

  private findScroller(): Element {
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
      if (s.ownerDocument.defaultView?.getComputedStyle(s).flexDirection === 'column-reverse') return true;
    } catch {
      /* probe below */
    }
    // The style may not say so (set on a class the computed style misses, or drawn bottom-up another way): a list at
    // its bottom that can be scrolled to a negative offset is bottom-up. A list at 0 that is not does not move.
    const t = s.scrollTop;
    if (t < -0.5) return true;
    if (Math.abs(t) > 0.5 || s.scrollHeight <= s.clientHeight + 1) return false;
    s.scrollTop = -1;
    const probed = s.scrollTop < -0.5;
    s.scrollTop = t;
    return probed;
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

  /** The top of the scroller's visible area in viewport coordinates. */
  private viewTop(s: Element): number {
    return this.isDocumentScroller(s) ? 0 : s.getBoundingClientRect().top;
  }

  /**
   * How far to scroll next: as far as keeps the last-seen row at the far edge fully on screen, so the next scan
   * overlaps this one by at least that row. Screens for the stitched picture must also not leave gaps, so the forward
   * step with screenshots is at most one screen. Without drawn rows, 90% of a screen.
   */
  private step(s: Element, direction: 'up' | 'down'): number {
    const view = this.viewHeight(s);
    const fallback = Math.max(40, Math.floor(view * 0.9));
    const d = this.drawn;
    if (!d) return fallback;
    const MARGIN = 8;
    let step: number;
    if (direction === 'up') {
      // Bring the top-most drawn row to the bottom of the screen.
      step = view - Math.min(d.firstHeight, view / 2) - d.firstTop - MARGIN;
    } else {
      // Bring the bottom-most drawn row to the top of the screen.
      step = d.lastTop - MARGIN + Math.max(0, d.lastHeight - view / 2);
      if (this.shotsOn) step = Math.min(step, Math.floor(view * 0.98));
    }
    if (!Number.isFinite(step)) return fallback;
    // Never crawl (a tall block that is not a row below the last row), never leap past what the site draws.
    return Math.max(40, Math.floor(view / 4), Math.min(Math.floor(step), 4 * view));
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
    // Marked so the background can have it redrawn from the page when exact screenshots are off (issue #14); once a
    // pixel screen came back, no longer (a mark is an attribute the site's own scripts could see).
    const token = this.isDocumentScroller(s) || !this.markScreens ? '' : crypto.randomUUID();
    const req: ThreadShotRequest = {
      rect: this.visibleRect(s),
      viewport: { width: s.ownerDocument.documentElement.clientWidth || view?.innerWidth || 0, height: view?.innerHeight || 0 },
      devicePixelRatio: view?.devicePixelRatio || 1,
      scrollTop: this.pos(s),
      renderToken: token,
    };
    if (token) s.setAttribute(RENDER_TOKEN_ATTR, token);
    this.deps.setOwnUiVisible?.(false);
    try {
      await this.frame();
      const res = await this.flush(req);
      this.coveredShots++;
      if (res.shot === 'pixel') this.markScreens = false;
      if (res.shot !== 'none') this.stats.shots++;
      else {
        this.shotsOn = false;
        this.notes.push(res.message ?? 'No stitched screenshot could be taken.');
      }
    } finally {
      if (token) s.removeAttribute(RENDER_TOKEN_ATTR);
      this.deps.setOwnUiVisible?.(true);
    }
  }
}
