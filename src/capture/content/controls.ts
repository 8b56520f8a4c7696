/**
 * Puts one capture control on every capturable item the adapter finds, and keeps doing so as the site
 * streams, recycles and navigates (a MutationObserver, coalesced to one scan per animation frame).
 *
 * Scans are incremental where the adapter allows it (`findTargetsIn`): only the subtrees added since the last scan
 * are read, so the cost follows what the site adds, not how long the page has grown. The whole document is read on
 * the first scan, after in-page navigation, for adapters without `findTargetsIn`, and when a burst is too big to track.
 */
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { type ControlHandle, createControl, CONTROL_ATTR, REPORT_ATTR } from './ui-elements';

export interface ControlsOptions {
  label(target: CaptureTarget): string;
  onActivate(target: CaptureTarget, control: ControlHandle): void;
  /** Called after each scan with the number of live targets (used to offer a page-level capture on redesigns). */
  onScan?(targets: number): void;
  /** Whole-thread capture (issue #4): whether a target gets a second control, `data-holdfast-capture="thread"`. */
  threadable?(target: CaptureTarget, url: URL): boolean;
  threadLabel?(target: CaptureTarget): string;
  onThread?(target: CaptureTarget, control: ControlHandle): void;
  /** Issue #14: each item also gets a report control (`data-holdfast-report`): capture it, then open its report route. */
  reportLabel?(target: CaptureTarget): string;
  onReport?(target: CaptureTarget, control: ControlHandle): void;
}

/** Beyond this many added subtrees between two scans, one full scan is cheaper than tracking them. */
const MAX_TRACKED = 400;

/**
 * The elements of `set` that are not inside another element of the set (and are still in the page). What is known
 * about each ancestor on the way up is remembered, so a burst of siblings (a feed appending its rows) costs one step
 * each, not a climb to the root each.
 */
export function topmost(set: Set<Element>): Element[] {
  const out: Element[] = [];
  /** Ancestors already climbed through: whether they are in the set or inside an element of it. */
  const covered = new Map<Element, boolean>();
  for (const el of set) {
    if (!el.isConnected) continue;
    let inner = false;
    const path: Element[] = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const known = covered.get(p);
      if (known !== undefined) {
        inner = known;
        break;
      }
      if (set.has(p)) {
        inner = true;
        break;
      }
      path.push(p);
    }
    for (const p of path) covered.set(p, inner);
    if (!inner) out.push(el);
  }
  return out;
}

interface Attached {
  control: ControlHandle;
  target: CaptureTarget;
  /** The item's report control (issue #14), beside its capture control. */
  report?: ControlHandle;
}

export class CaptureControls {
  private attached = new Map<Element, Attached>();
  private threadControls = new Map<Element, Attached>();
  private observer: MutationObserver | null = null;
  private scheduled = false;
  /** Stopped for good: a scan already scheduled does nothing (the content script's context may have ended). */
  private stopped = false;
  /** Subtrees added since the last scan (incremental scans look only there). */
  private added = new Set<Element>();
  /** Nodes were removed since the last scan (controls of detached items are dropped). */
  private removed = false;
  /** The next scan reads the whole document (first scan, new adapter, new URL, a burst too big to track). */
  private fullNext = true;
  private scannedHref = '';
  /** The page's URL as of the last scan (parsed once per address, not once per scan). */
  private url: URL | null = null;
  /** Cumulative main-thread time spent scanning (ms), for the benchmark. */
  scanTimeMs = 0;
  /** Of which: time inside the adapter's findTargets / findTargetsIn. */
  findTimeMs = 0;
  /** Of which: reading new anchors' computed position, and building and inserting controls. */
  styleTimeMs = 0;
  attachTimeMs = 0;
  scans = 0;
  fullScans = 0;
  /** Main-thread time in the mutation observer's callback (ms), outside scans, for the benchmark. */
  noteTimeMs = 0;
  /** Controls attached so far (items' own and whole-thread ones), for the benchmark's per-item figure. */
  controlsAdded = 0;

  constructor(
    private adapter: SiteAdapter,
    private readonly opts: ControlsOptions,
  ) {}

  setAdapter(adapter: SiteAdapter): void {
    if (adapter === this.adapter) return;
    this.adapter = adapter;
    this.clear();
    this.fullNext = true;
    this.schedule();
  }

  start(): void {
    if (this.stopped) return;
    this.scan();
    this.observer = new MutationObserver((records) => this.note(records));
    this.observer.observe(document.documentElement, { childList: true, subtree: true });
  }

  /** Remembers what changed; cheap (the page's own mutation bursts run through here). */
  private note(records: MutationRecord[]): void {
    const started = performance.now();
    try {
      this.noteRecords(records);
    } finally {
      this.noteTimeMs += performance.now() - started;
    }
  }

  private noteRecords(records: MutationRecord[]): void {
    let changed = false;
    // Indexed loops, and each record's removed nodes read only until one removal is known: on a virtualised timeline
    // every callback carries dozens of records, and each list read builds an object in the content script's world.
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (!this.removed && r.removedNodes.length > 0) {
        this.removed = true;
        changed = true;
      }
      const added = r.addedNodes;
      for (let j = 0; j < added.length; j++) {
        const node = added[j]!;
        if (node.nodeType !== 1) {
          // Text arriving in an existing element can complete an item (a time, a name): look at its element.
          if (node.parentElement && !this.fullNext) this.added.add(node.parentElement);
          changed = true;
          continue;
        }
        const el = node as Element;
        // Our own insertions do not need a rescan.
        if (el.hasAttribute(CONTROL_ATTR) || el.hasAttribute(REPORT_ATTR)) continue;
        changed = true;
        if (this.fullNext) continue;
        this.added.add(el);
        if (this.added.size > MAX_TRACKED) {
          this.fullNext = true;
          this.added.clear();
        }
      }
    }
    if (changed) this.schedule();
  }

  /** Disconnects the observer and removes every control, for good (a new CaptureControls starts again). */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    this.clear();
  }

  private clear(): void {
    for (const { control, report } of this.attached.values()) {
      control.host.remove();
      report?.host.remove();
    }
    this.attached.clear();
    for (const { control } of this.threadControls.values()) control.host.remove();
    this.threadControls.clear();
  }

  /**
   * Plain timers, not ctx.setTimeout: WXT's wrapper adds an invalidation listener per call that is never removed, and
   * this runs once per frame while a site streams. stop() (on invalidation) makes a pending scan a no-op instead.
   */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.scan();
    };
    // After the frame is drawn (rAF, then a task): the page's own style work is done by then, so reading an
    // anchor's computed position does not force a style pass in the middle of the site's frame.
    // rAF does not fire in background tabs; a timeout keeps scanning there too.
    if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(run, 0));
    else setTimeout(run, 100);
  }

  /** Find targets, attach controls to new ones, forget detached ones. Never throws into the page. */
  scan(): void {
    if (this.stopped) return;
    const started = performance.now();
    try {
      const href = location.href;
      if (href !== this.scannedHref || !this.url) {
        this.fullNext = true;
        this.url = new URL(href);
      }
      const ctx = { url: this.url, document };
      let targets: CaptureTarget[] | null = null;
      let full = this.fullNext;
      const f0 = performance.now();
      if (!full) {
        const roots = topmost(this.added);
        try {
          targets = roots.length === 0 ? [] : (this.adapter.findTargetsIn?.(roots, ctx) ?? null);
        } catch {
          targets = null;
        }
        if (targets === null) full = true;
      }
      if (full) {
        try {
          targets = this.adapter.findTargets(document, ctx);
        } catch {
          targets = [];
        }
      }
      this.findTimeMs += performance.now() - f0;
      this.added.clear();
      this.fullNext = false;
      this.scannedHref = location.href;
      this.apply(targets ?? [], full);
      if (full) this.fullScans++;
    } finally {
      this.scanTimeMs += performance.now() - started;
      this.scans++;
    }
  }

  /**
   * Attaches controls to new targets, updates moved kinds, and drops controls of items that left the page (on a full
   * scan: also of items that are no longer targets). Reads every new anchor's position first, then writes, so the
   * page's style is computed at most once per scan however many items arrived.
   */
  private apply(targets: CaptureTarget[], full: boolean): void {
    const fresh: CaptureTarget[] = [];
    const seen = full ? new Set<Element>() : null;
    for (const target of targets) {
      seen?.add(target.element);
      const existing = this.attached.get(target.element);
      if (existing?.control.host.isConnected) {
        if (existing.target.kind !== target.kind) {
          existing.control.host.setAttribute(CONTROL_ATTR, target.kind);
          existing.control.setLabel(this.opts.label(target));
          existing.report?.host.setAttribute(REPORT_ATTR, target.kind);
          if (existing.report && this.opts.reportLabel) existing.report.setLabel(this.opts.reportLabel(target));
        }
        existing.target = target;
        continue;
      }
      fresh.push(target);
    }
    if (full || this.removed) {
      for (const [el, { control, report }] of this.attached) {
        if ((seen && !seen.has(el)) || !el.isConnected || !control.host.isConnected) {
          control.host.remove();
          report?.host.remove();
          this.attached.delete(el);
        }
      }
    }
    const threads = this.threadTargets(full ? targets : fresh, this.url ?? new URL(location.href));
    const s0 = performance.now();
    if (full) this.positionByLook.clear();
    const positioned = new Map<Element, boolean>();
    for (const target of [...fresh, ...threads]) {
      const anchor = target.anchor ?? target.element;
      if (!positioned.has(anchor)) positioned.set(anchor, this.isPositioned(anchor));
    }
    const s1 = performance.now();
    for (const target of fresh) this.attach(target, positioned.get(target.anchor ?? target.element) ?? false);
    this.attachThreads(threads, full, positioned);
    this.styleTimeMs += s1 - s0;
    this.attachTimeMs += performance.now() - s1;
    // The observer's pending records are now only our own insertions (this runs in a task of its own, after every
    // earlier record was delivered): drop them rather than sift through them in the next callback.
    if (fresh.length || threads.length) this.observer?.takeRecords();
    this.removed = false;
    this.opts.onScan?.(this.attached.size);
  }

  /**
   * Whether an anchor is positioned (its control then sits at its top-right corner). Items of one list look alike:
   * the answer is remembered by what decides it in practice (tag, classes, inline style, and the parent's tag and
   * classes), so a feed streaming thousands of items reads one computed style per kind of item, not one per item.
   * Forgotten on every whole-page scan (in-page navigation may bring other style sheets).
   */
  private positionByLook = new Map<string, boolean>();
  private isPositioned(anchor: Element): boolean {
    const parent = anchor.parentElement;
    const look = `${anchor.tagName}|${anchor.getAttribute('class') ?? ''}|${anchor.getAttribute('style') ?? ''}|${parent?.tagName ?? ''}|${parent?.getAttribute('class') ?? ''}`;
    let known = this.positionByLook.get(look);
    if (known === undefined) {
      known = getComputedStyle(anchor).position !== 'static';
      if (this.positionByLook.size >= 256) this.positionByLook.clear();
      this.positionByLook.set(look, known);
    }
    return known;
  }

  private attach(target: CaptureTarget, positioned: boolean): void {
    const anchor = target.anchor ?? target.element;
    const entry: Attached = { target, control: undefined as unknown as ControlHandle };
    entry.control = createControl(target.kind, this.opts.label(target), positioned, () => this.opts.onActivate(entry.target, entry.control));
    anchor.prepend(entry.control.host);
    if (this.opts.onReport && target.kind !== 'page') {
      const label = this.opts.reportLabel?.(target) ?? this.opts.label(target);
      entry.report = createControl(target.kind, label, positioned, () => entry.report && this.opts.onReport?.(entry.target, entry.report), { report: true });
      // Before the capture control in the page's order: where the site's layout puts every control on one spot (a
      // right-aligned flex row ignores their offsets), the capture control is the one on top and a press captures.
      entry.control.host.before(entry.report.host);
    }
    this.attached.set(target.element, entry);
    this.controlsAdded++;
  }

  /** The targets that get a second, whole-thread control (a DM conversation, a post page's post). */
  private threadTargets(targets: CaptureTarget[], url: URL): CaptureTarget[] {
    if (!this.opts.threadable || !this.opts.onThread) return [];
    const out: CaptureTarget[] = [];
    for (const target of targets) {
      if (target.kind !== 'dm-thread' && target.kind !== 'post' && target.kind !== 'profile') continue;
      let ok = false;
      try {
        ok = this.opts.threadable(target, url);
      } catch {
        ok = false;
      }
      if (ok) out.push(target);
    }
    return out;
  }

  private attachThreads(threads: CaptureTarget[], full: boolean, positionedOf: Map<Element, boolean>): void {
    const keep = new Set<Element>();
    for (const target of threads) {
      keep.add(target.element);
      const existing = this.threadControls.get(target.element);
      if (existing?.control.host.isConnected) {
        existing.target = target;
        continue;
      }
      const anchor = target.anchor ?? target.element;
      const positioned = positionedOf.get(anchor) ?? false;
      const entry: Attached = { target, control: undefined as unknown as ControlHandle };
      const label = this.opts.threadLabel?.(target) ?? this.opts.label(target);
      // A profile's is "capture profile with posts"; a conversation's and a post page's, "capture the whole thread".
      // Beside the item's own control, never on top of it.
      const placement = { attr: target.kind === 'profile' ? 'profile-posts' : 'thread', beside: true };
      entry.control = createControl(target.kind, label, positioned, () => this.opts.onThread?.(entry.target, entry.control), placement);
      anchor.prepend(entry.control.host);
      this.threadControls.set(target.element, entry);
      this.controlsAdded++;
    }
    if (!full && !this.removed) return;
    for (const [el, { control }] of this.threadControls) {
      if ((full && !keep.has(el)) || !el.isConnected || !control.host.isConnected) {
        control.host.remove();
        this.threadControls.delete(el);
      }
    }
  }

  /** Hide or show every control (around a screenshot). Opacity, not visibility: a click that lands on a
   * hidden control during someone else's screenshot must still reach it, never fall through to the site. */
  setVisible(visible: boolean): void {
    for (const { control, report } of this.attached.values()) {
      control.host.style.opacity = visible ? '' : '0';
      if (report) report.host.style.opacity = visible ? '' : '0';
    }
    for (const { control } of this.threadControls.values()) control.host.style.opacity = visible ? '' : '0';
  }

  /** The target that contains `node`, if any (for the context menu). */
  targetFor(node: Node | null): CaptureTarget | undefined {
    let el: Element | null = node instanceof Element ? node : (node?.parentElement ?? null);
    let best: CaptureTarget | undefined;
    while (el) {
      const hit = this.attached.get(el);
      if (hit) {
        best = hit.target;
        if (hit.target.kind !== 'dm-thread') return best;
      }
      el = el.parentElement;
    }
    return best;
  }

  get count(): number {
    return this.attached.size;
  }
}
