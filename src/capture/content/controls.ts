/**
 * Puts one capture control on every capturable item the adapter finds, and keeps doing so as the site
 * streams, recycles and navigates (a MutationObserver, coalesced to one scan per animation frame).
 *
 * Scans are incremental where the adapter allows it (`findTargetsIn`): only the subtrees added since the last scan
 * are read, so the cost follows what the site adds, not how long the page has grown. The whole document is read on
 * the first scan, after in-page navigation, for adapters without `findTargetsIn`, and when a burst is too big to track.
 */
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { type Box, blockersAt, findSpot, leastCovering, neighbourObstacles, overlaps, SITE_CONTROLS, siteObstacles } from './placement';
import { CONTROL_ATTR, CONTROL_SIZE, type Control, type ControlHandle, createControl, drawing, made, type MenuEntry, REPORT_ATTR, SPACER_TAG, VEIL_ATTR } from './ui-elements';

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
  /** Issue #14: the item control's menu: its chevron's name and the "Capture this" entry. */
  menuLabel?: string;
  captureThisLabel?: string;
}

/** Space between the controls of one group (CSS px). */
const GROUP_GAP = 2;

/** Holdfast's own elements in the page (hosts of closed shadow roots): never obstacles, never read. */
const isOwn = (el: Element): boolean => el.localName.startsWith('holdfast-');

/** The element whose box a group may use: the item, when its controls' anchor lies inside it. */
const regionRoot = (entry: { target: CaptureTarget }, anchor: Element): Element =>
  entry.target.element !== anchor && entry.target.element.contains(anchor) ? entry.target.element : anchor;

const boxOf = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

/**
 * An empty line for a group of `width` px, in the site's flow: a block in a block layout (its line holds nothing
 * else), an item of that size in a flex or grid one. Not read by assistive technology, never takes a click (the
 * controls are laid over it), and removed from every snapshot like the controls.
 */
/**
 * Removes copies of Holdfast's elements that the site made itself: a page that builds new rows by cloning one already
 * on the page (a lazy-loaded message history) copies the controls in it too — empty boxes, with no shadow root,
 * translated to where the original was placed, never placed again, taking the clicks meant for the site (and a copy of
 * a spacer leaves a blank line). Each new subtree is searched once, as it is scanned.
 */
function dropCopies(root: Element): void {
  const sel = `holdfast-capture,${SPACER_TAG}`;
  if (root.matches(sel) && !made.has(root)) {
    root.remove();
    return;
  }
  for (const el of root.querySelectorAll(sel)) if (!made.has(el)) el.remove();
}

function makeSpacer(width: number): HTMLElement {
  const el = document.createElement(SPACER_TAG);
  made.add(el);
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText = `display:block;box-sizing:content-box;width:${width + 4}px;max-width:100%;height:${CONTROL_SIZE + 4}px;margin:0;margin-inline-start:auto;padding:0;border:0;flex:0 0 auto;pointer-events:none;visibility:hidden;`;
  return el;
}

/** A group's placement, measured (read phase) before anything moves (write phase). */
interface Plan {
  entry: Attached;
  anchor: Element;
  members: Control[];
  origin: { x: number; y: number };
  /** Each member's own static position (in a right-aligned flex row a narrower host's differs from the item's). */
  origins: { x: number; y: number }[];
  x: number;
  y: number;
  collapsed: boolean;
  /** The spot was on screen when planned, and what the page shows there was looked at then (no look in view needed). */
  seenFree?: boolean;
  /** Nothing free anywhere in view, in, beside or on a line made for it: the item's control waits veiled (see veil). */
  veiled?: boolean;
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
  control: Control;
  target: CaptureTarget;
  /** The item's report control (issue #14), beside its capture control. */
  report?: Control;
  /** A line of its own made for the group in the item's flow, when nothing in or beside the item was free. */
  spacer?: HTMLElement;
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
  /** Groups placed (each placement and each re-placement after a resize), for the benchmark. */
  placements = 0;

  /**
   * Placement (issue #14): each group is placed when its item's control is drawn, and again when its item changes
   * size (window resize, zoom, the site re-flowing it). One ResizeObserver for every drawn item: its first report for
   * an item comes after layout, before paint, so a control is never painted where it was not placed.
   */
  private resized: ResizeObserver | null = null;
  /** Drawn items by the element their controls live in (several targets may share one). */
  private byAnchor = new Map<Element, Set<Element>>();
  /** Parts of items the site paints over (relative to the item's box), found once a control was put there. */
  private paintedOver = new WeakMap<Element, Box[]>();
  /** Items drawn since the last placement batch. */
  private toPlace = new Set<Element>();
  /**
   * A window resize (or zoom) re-places every drawn group once, in the next frame: what lies beside an item (a
   * site's nav bar, the gap a group was put in) changes with the window even where the item keeps its width.
   */
  private onWindowResize: (() => void) | null = null;
  private resizeFrame = 0;
  private observedAnchors = new WeakSet<Element>();
  private justPlaced = new WeakSet<Element>();
  private placedWidth = new WeakMap<Element, number>();
  /** The items observed for resizing besides their controls' anchors, with that anchor. */
  private anchorOfRoot = new WeakMap<Element, Element>();
  /** Hosts placed at least once (other groups inside an item are obstacles only once they sit where they stay). */
  private placedHosts = new WeakSet<Element>();

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
    this.listenForPointer();
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
        // Our own insertions do not need a rescan (a copy of one made by the site does: see dropCopies).
        if (made.has(el)) continue;
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
    this.inView?.disconnect();
    this.inView = null;
    this.stopped = true;
    this.stopListeningForPointer();
    this.observer?.disconnect();
    this.observer = null;
    this.clear();
  }

  private clear(): void {
    this.resized?.disconnect();
    this.resized = null;
    if (this.onWindowResize) window.removeEventListener('resize', this.onWindowResize);
    this.onWindowResize = null;
    this.observedAnchors = new WeakSet();
    this.justPlaced = new WeakSet();
    this.placedWidth = new WeakMap();
    this.byAnchor.clear();
    for (const { control, report, spacer } of this.attached.values()) {
      control.host.remove();
      report?.host.remove();
      spacer?.remove();
    }
    this.attached.clear();
    // (The listeners that lift a veil are on the site's items, which outlive the controls.)
    this.veilListeners.abort();
    this.veilListeners = new AbortController();
    this.veilListening = new WeakSet();
    this.veiledHost = new WeakMap();
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
        for (const r of roots) dropCopies(r);
        try {
          targets = roots.length === 0 ? [] : (this.adapter.findTargetsIn?.(roots, ctx) ?? null);
        } catch {
          targets = null;
        }
        if (targets === null) full = true;
      }
      if (full) {
        try {
          dropCopies(document.documentElement);
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
      for (const [el, { control, report, spacer }] of this.attached) {
        if ((seen && !seen.has(el)) || !el.isConnected || !control.host.isConnected) {
          control.host.remove();
          report?.host.remove();
          spacer?.remove();
          this.attached.delete(el);
        }
      }
    }
    const threads = this.threadTargets(full ? targets : fresh, this.url ?? new URL(location.href));
    // No style is read here any more: controls are placed by measuring when they are drawn (placement.ts).
    const s1 = performance.now();
    for (const target of fresh) this.attach(target);
    this.attachThreads(threads, full);
    this.attachTimeMs += performance.now() - s1;
    // The observer's pending records are now only our own insertions (this runs in a task of its own, after every
    // earlier record was delivered): drop them rather than sift through them in the next callback.
    if (fresh.length || threads.length) this.observer?.takeRecords();
    this.removed = false;
    this.opts.onScan?.(this.attached.size);
  }

  private attach(target: CaptureTarget): void {
    const anchor = target.anchor ?? target.element;
    const entry: Attached = { target, control: undefined as unknown as Control };
    const el = target.element;
    const onDrawn = () => this.drawnIn(el);
    entry.control = createControl(target.kind, this.opts.label(target), false, () => this.opts.onActivate(entry.target, entry.control), {
      menu: () => this.menuFor(el),
      ...(this.opts.menuLabel ? { menuLabel: this.opts.menuLabel } : {}),
      onDrawn,
    });
    anchor.prepend(entry.control.host);
    if (this.opts.onReport && target.kind !== 'page') {
      const label = this.opts.reportLabel?.(target) ?? this.opts.label(target);
      entry.report = createControl(target.kind, label, false, () => entry.report && this.opts.onReport?.(entry.target, entry.report), { report: true, onDrawn });
      entry.control.host.after(entry.report.host);
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

  private attachThreads(threads: CaptureTarget[], full: boolean): void {
    const keep = new Set<Element>();
    for (const target of threads) {
      keep.add(target.element);
      const existing = this.threadControls.get(target.element);
      if (existing?.control.host.isConnected) {
        existing.target = target;
        continue;
      }
      const anchor = target.anchor ?? target.element;
      const entry: Attached = { target, control: undefined as unknown as Control };
      const label = this.opts.threadLabel?.(target) ?? this.opts.label(target);
      // A profile's is "capture profile with posts"; a conversation's and a post page's, "capture the whole thread".
      // Grouped with the item's own control (placed together), never on top of it; its own icon.
      const el = target.element;
      const placement = { attr: target.kind === 'profile' ? 'profile-posts' : 'thread', onDrawn: () => this.drawnIn(el) };
      entry.control = createControl(target.kind, label, false, () => this.opts.onThread?.(entry.target, entry.control), placement);
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

  /** The item control's menu: capture this, the whole thread / profile with posts where offered, capture and report. */
  private menuFor(el: Element): MenuEntry[] {
    const entry = this.attached.get(el);
    if (!entry) return [];
    const out: MenuEntry[] = [{ label: this.opts.captureThisLabel ?? this.opts.label(entry.target), run: () => this.opts.onActivate(entry.target, entry.control) }];
    const thread = this.threadControls.get(el);
    if (thread?.control.host.isConnected && this.opts.onThread) {
      out.push({ label: this.opts.threadLabel?.(thread.target) ?? this.opts.label(thread.target), run: () => this.opts.onThread?.(thread.target, thread.control) });
    }
    const report = entry.report;
    if (report && this.opts.onReport) out.push({ label: this.opts.reportLabel?.(entry.target) ?? this.opts.label(entry.target), run: () => this.opts.onReport?.(entry.target, report) });
    return out;
  }

  /** A control of the item `el` was drawn: its whole group is drawn with it and placed (after layout, before paint). */
  private drawnIn(el: Element): void {
    const entry = this.attached.get(el);
    if (!entry || this.stopped) return;
    for (const c of this.members(entry)) c.build();
    const anchor = entry.target.anchor ?? entry.target.element;
    let set = this.byAnchor.get(anchor);
    if (!set) {
      set = new Set();
      this.byAnchor.set(anchor, set);
    }
    set.add(el);
    // Placed at once, in one batch with every group drawn by the same near-viewport report (a microtask after it):
    // the control is placed before the frame that first shows it.
    this.toPlace.add(anchor);
    if (this.toPlace.size === 1) {
      queueMicrotask(() => {
        const anchors = [...this.toPlace];
        this.toPlace.clear();
        if (this.stopped) return;
        this.placeAll(anchors);
        if (!this.onWindowResize) {
          this.onWindowResize = () => {
            if (this.resizeFrame) return;
            this.resizeFrame = requestAnimationFrame(() => {
              this.resizeFrame = 0;
              // What was seen painted over the groups was measured in the old layout.
              this.paintedOver = new WeakMap();
              this.looks = new WeakMap();
              if (!this.stopped) this.placeAll([...this.byAnchor.keys()]);
            });
          };
          window.addEventListener('resize', this.onWindowResize, { passive: true });
        }
        if (typeof ResizeObserver === 'undefined') return;
        // Then again whenever the item changes size (window resize, zoom, the site re-flowing it). The observer's
        // first report of each item, right after observe(), is skipped: the group was just placed.
        this.resized ??= new ResizeObserver((entries) => {
          const changed: Element[] = [];
          for (const e of entries) {
            const anchor = this.anchorOfRoot.get(e.target) ?? e.target;
            const width = e.contentRect.width;
            const before = this.placedWidth.get(e.target);
            this.placedWidth.set(e.target, width);
            if (this.justPlaced.delete(e.target)) continue;
            // Only a change of width re-flows what is beside the controls (window resize, zoom); an item growing
            // taller as the site streams into it (a conversation) is not measured again on every frame.
            if (before !== undefined && Math.abs(before - width) < 0.5) continue;
            this.paintedOver.delete(anchor);
            changed.push(anchor);
          }
          if (changed.length) this.placeAll([...new Set(changed)]);
        });
        for (const a of anchors) {
          if (this.observedAnchors.has(a)) continue;
          this.observedAnchors.add(a);
          this.justPlaced.add(a);
          this.resized.observe(a);
          // And the item it lies in: a narrow anchor (a name in a header row) keeps its width while the item around
          // it re-flows (a window resize), and the group's translation, measured in the old layout, would then land
          // over the site.
          for (const el of this.byAnchor.get(a) ?? []) {
            const entry = this.attached.get(el);
            const root = entry ? regionRoot(entry, a) : a;
            if (root === a || this.observedAnchors.has(root)) continue;
            this.observedAnchors.add(root);
            this.anchorOfRoot.set(root, a);
            this.justPlaced.add(root);
            this.resized.observe(root);
          }
        }
      });
    }
  }

  private members(entry: Attached): Control[] {
    const out: Control[] = [entry.control];
    const thread = this.threadControls.get(entry.target.element);
    if (thread?.control.host.isConnected) out.push(thread.control);
    if (entry.report) out.push(entry.report);
    return out;
  }

  /** Places every drawn group living in `anchors`: all measured first, then all moved (one layout, however many). */
  private placeAll(anchors: Element[]): void {
    const started = performance.now();
    const spacersBefore = this.spacersMade;
    try {
      const plans: Plan[] = [];
      this.claimed = [];
      for (const anchor of anchors) {
        const set = this.byAnchor.get(anchor);
        if (!set) continue;
        if (!anchor.isConnected) {
          this.byAnchor.delete(anchor);
          this.resized?.unobserve(anchor);
          this.observedAnchors.delete(anchor);
          continue;
        }
        for (const el of set) {
          const entry = this.attached.get(el);
          if (!entry?.control.host.isConnected) {
            set.delete(el);
            continue;
          }
          const t0 = performance.now();
          const plan = this.plan(entry, anchor);
          drawing.parts.planMs += performance.now() - t0;
          drawing.parts.plans++;
          if (plan) {
            plans.push(plan);
            this.claim(plan);
          }
        }
      }
      this.claimed = null;
      for (const p of plans) this.move(p);
      this.placements += plans.length;
      // A spot the site paints over (a bar of the item's own with a z-index, seen only once the control is there):
      // that element's box is taken too, and the group is placed again, once.
      const vh = window.innerHeight;
      const vw = document.documentElement.clientWidth;
      const again: Plan[] = [];
      this.claimed = [];
      for (const p of plans) {
        // (A veiled control is clipped away: what the page shows at its spot is the site, by design.)
        if (p.veiled) continue;
        for (const m of p.collapsed ? p.members.slice(0, 1) : p.members) {
          if (m.host.style.display === 'none') continue;
          const r = m.host.getBoundingClientRect();
          if (r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) {
            continue;
          }
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (top && !isOwn(top)) {
            // Remembered against the item (relative to its box): later placements keep away from it too.
            const c = top.getBoundingClientRect();
            const a = regionRoot(p.entry, p.anchor).getBoundingClientRect();
            const list = this.paintedOver.get(p.anchor) ?? [];
            if (list.length < 8) list.push({ left: c.left - a.left, top: c.top - a.top, right: c.right - a.left, bottom: c.bottom - a.top });
            this.paintedOver.set(p.anchor, list);
            const plan = this.plan(p.entry, p.anchor);
            if (plan) {
              again.push(plan);
              this.claim(plan);
            }
            break;
          }
        }
      }
      this.claimed = null;
      for (const p of again) this.move(p);
      // A line made in an item's flow moves what follows it; where the site lays its rows at fixed offsets (a
      // virtualised feed, a saved page of one), a row below now runs further over the next: every drawn group is
      // placed again in the next frame (each item gets one line at most, so this ends).
      if (this.spacersMade !== spacersBefore && !this.spacerFrame) {
        this.spacerFrame = requestAnimationFrame(() => {
          this.spacerFrame = 0;
          if (this.stopped) return;
          const t0 = performance.now();
          const n0 = drawing.parts.plans;
          this.placeAll([...this.byAnchor.keys()]);
          drawing.parts.afterSpacerMs += performance.now() - t0;
          drawing.parts.afterSpacerPlans += drawing.parts.plans - n0;
        });
      }
    } catch {
      // Never into the page: a control left where it was is still a control.
    } finally {
      this.claimed = null;
      drawing.timeMs += performance.now() - started;
    }
  }

  /**
   * The spots taken by the groups planned so far in this batch (plans are all made before any group moves, so a
   * group planned later cannot see where an earlier one is going by looking at the page): kept off like a shown
   * control. Null outside a batch.
   */
  private claimed: Box[] | null = null;
  private claim(p: Plan): void {
    if (!this.claimed || p.veiled) return;
    const shown = p.collapsed ? p.members.slice(0, 1) : p.members;
    const w = shown.reduce((sum, m) => sum + m.width, 0) + GROUP_GAP * (shown.length - 1);
    this.claimed.push({ left: p.x, top: p.y, right: p.x + w, bottom: p.y + CONTROL_SIZE });
  }

  /** Lines made in items' flow so far (see plan), and the frame that places every group again after one. */
  private spacersMade = 0;
  private spacerFrame = 0;

  /**
   * Where a group goes: the free spot in its item nearest the item's top-right corner (bottom-right next) for the
   * whole group; else for the item's control alone (the others then live in its menu); else beside the item, where
   * the page shows nothing; else a line of its own at the top of the item, made in the site's flow (the site's content
   * moves down by a control's height, and nothing of it is covered); only where even that line is not free (a layout
   * that lays something over it), the spot that covers least.
   */
  private plan(entry: Attached, anchor: Element, spaced = false, seen = false): Plan | null {
    const members = this.members(entry);
    // The item's whole box, not only the part its controls live in (an adapter may anchor them in a header row).
    const root = regionRoot(entry, anchor);
    const a = root.getBoundingClientRect();
    if (a.width === 0 && a.height === 0) return null;
    const region = boxOf(a);
    /** The whole visible part of a tall item, before it is cut to its top (a last resort). */
    let whole: Box | null = null;
    // An item taller than the window (a whole conversation) may run on under its scroller's edge: only the part its
    // clipping ancestors show can hold a control (read for such items only: style reads cost).
    if (a.height > window.innerHeight) {
      for (let p = root.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowY === 'visible') continue;
        const c = p.getBoundingClientRect();
        region.top = Math.max(region.top, c.top);
        region.bottom = Math.min(region.bottom, c.bottom);
        region.left = Math.max(region.left, c.left);
        region.right = Math.min(region.right, c.right);
      }
      whole = { ...region };
      // And only its top: where the person starts reading it, and a part the page can always scroll to.
      region.bottom = Math.min(region.bottom, region.top + 200);
      if (region.bottom - region.top < CONTROL_SIZE) return null;
    }
    const docEl = document.documentElement;
    // The page's width as it is (a page already wider than the window scrolls sideways): nothing placed beyond it.
    const bounds: Box = {
      left: -window.scrollX,
      top: -window.scrollY,
      right: Math.max(docEl.clientWidth, docEl.scrollWidth) - window.scrollX,
      bottom: Math.max(docEl.clientHeight, docEl.scrollHeight) - window.scrollY,
    };
    const tq0 = performance.now();
    const obstacles = siteObstacles(root, region, isOwn);
    const tq1 = performance.now();
    drawing.parts.siteMs += tq1 - tq0;
    // The rows next to it, where their content runs over this one (a saved or virtualised feed).
    const next = neighbourObstacles(root, region, isOwn);
    drawing.parts.nextMs += performance.now() - tq1;
    obstacles.all.push(...next.all);
    obstacles.controls.push(...next.controls);
    for (const b of this.paintedOver.get(anchor) ?? []) obstacles.all.push({ left: a.left + b.left, top: a.top + b.top, right: a.left + b.right, bottom: a.top + b.bottom });
    // The line made for the group, where it lies outside the item (before a link that holds the item).
    const spacerBox = entry.spacer?.isConnected && !root.contains(entry.spacer) ? entry.spacer.getBoundingClientRect() : null;
    const addSpacer = () => {
      if (!spacerBox || spacerBox.width === 0 || spacerBox.height === 0) return;
      region.left = Math.min(region.left, spacerBox.left);
      region.top = Math.min(region.top, spacerBox.top);
      region.right = Math.max(region.right, spacerBox.right);
      region.bottom = Math.max(region.bottom, spacerBox.bottom);
    };
    addSpacer();
    /** After a look in view (`seen`): only the part on screen, where every spot can be checked against what the page
     * shows there. */
    const vh = window.innerHeight;
    const vw = document.documentElement.clientWidth;
    const clipToView = () => {
      region.top = Math.max(region.top, 0);
      region.bottom = Math.min(region.bottom, vh);
      region.left = Math.max(region.left, 0);
      region.right = Math.min(region.right, vw);
    };
    const full = { ...region };
    if (seen) clipToView();
    // An item inside a link or button of the site (a grid tile): nothing inside it is free.
    const wrapper = root.parentElement?.closest(SITE_CONTROLS);
    if (wrapper) {
      const w = boxOf(wrapper.getBoundingClientRect());
      obstacles.all.push(w);
      obstacles.controls.push(w);
    }
    // Other items' controls inside this one (a post's comments), once placed.
    const own = new Set<Element>(members.map((m) => m.host));
    const ownBlocks = this.otherControlShown(own);
    const claimed = this.claimed ?? [];
    obstacles.all.push(...claimed);
    const isClaimed = (box: Box) => claimed.some((c) => overlaps(c, box));
    for (const host of root.querySelectorAll('holdfast-capture')) {
      if (own.has(host) || !this.placedHosts.has(host) || (host as HTMLElement).style.display === 'none') continue;
      obstacles.all.push(boxOf(host.getBoundingClientRect()));
    }
    const origin = entry.control.staticOrigin();
    const h = CONTROL_SIZE;
    const groupW = members.reduce((sum, m) => sum + m.width, 0) + GROUP_GAP * (members.length - 1);
    const itemW = entry.control.width;
    const onScreen = (b: Box) => b.top >= 0 && b.left >= 0 && b.bottom <= vh && b.right <= vw;
    /**
     * A spot found from the item's own content, checked on screen against the rest of the page too (a site may lay
     * another element over the item); what is found there becomes an obstacle and the search goes on. A spot off
     * screen cannot be checked: it is kept (a control that moved as it came into view could move from under the
     * person's pointer; a known gap: such a spot may lie under something the site lays over the item).
     */
    const search = (w: number): { x: number; y: number; seenFree?: boolean } | null => {
      for (let tries = 0; tries < 4; tries++) {
        const spot = findSpot({ region, obstacles: obstacles.all, width: w, height: h, bounds });
        if (!spot) return null;
        const box = { left: spot.x, top: spot.y, right: spot.x + w, bottom: spot.y + h };
        if (!onScreen(box)) return spot;
        const ts0 = performance.now();
        const blockers = blockersAt(document, box, isOwn, 0, root, ownBlocks);
        drawing.parts.searchMs += performance.now() - ts0;
        if (blockers.length === 0) return { ...spot, seenFree: true };
        obstacles.all.push(...blockers);
      }
      return null;
    };
    const done = (spot: { x: number; y: number; seenFree?: boolean; veiled?: boolean }, collapsed: boolean): Plan => {
      const origins = members.map((m, i) => (i === 0 || m.host.style.display === 'none' ? origin : m.staticOrigin()));
      return { entry, anchor, members, origin, origins, ...spot, collapsed };
    };
    const together = members.length > 1 ? search(groupW) : null;
    if (together) return done(together, false);
    const alone = search(itemW);
    if (alone) return done(alone, members.length > 1);
    // Beside the item: right of its top corner, left of it, just above, just below.
    const beside = [
      { x: region.right + GROUP_GAP, y: region.top },
      { x: region.left - GROUP_GAP - itemW, y: region.top },
      { x: region.right - itemW, y: region.top - GROUP_GAP - h },
      { x: region.right - itemW, y: region.bottom + GROUP_GAP },
    ].filter((c) => c.x >= bounds.left && c.x + itemW <= bounds.right && c.y >= bounds.top && c.y + h <= bounds.bottom);
    const tb = performance.now();
    for (const c of beside) {
      const box = { left: c.x, top: c.y, right: c.x + itemW, bottom: c.y + h };
      if (!onScreen(box) || isClaimed(box)) continue;
      if (blockersAt(document, box, isOwn, 6, null, ownBlocks).length === 0) {
        drawing.parts.besideMs += performance.now() - tb;
        return done({ ...c, seenFree: true }, members.length > 1);
      }
    }
    drawing.parts.besideMs += performance.now() - tb;
    // Nothing free in or beside the item (an item that is all image, link or text, like a grid tile or a post on a
    // narrow window): a line of its own at the item's top, in the site's flow, and the search again.
    if (!spaced && !entry.spacer) {
      const outer = root.matches(SITE_CONTROLS) ? root : wrapper;
      entry.spacer = makeSpacer(groupW);
      this.spacersMade++;
      drawing.parts.spacers++;
      if (outer) outer.before(entry.spacer);
      else root.prepend(entry.spacer);
      return this.plan(entry, anchor, true, seen);
    }
    // A tall item whose top is all taken even so (rows laid over it): anywhere in the part of it on screen that shows
    // nothing (only there can what the page lays over it be seen; an item drawn off screen gets this when it comes
    // into view and is looked at).
    if (whole) {
      Object.assign(region, whole);
      addSpacer();
      if (seen) clipToView();
    }
    if (whole && region.bottom - region.top >= h + 4 && region.right - region.left >= itemW + 4) {
      const rest = siteObstacles(root, region, isOwn);
      const nextRest = neighbourObstacles(root, region, isOwn);
      obstacles.all.push(...rest.all, ...nextRest.all);
      obstacles.controls.push(...rest.controls, ...nextRest.controls);
      const anywhere = search(itemW);
      if (anywhere) return done(anywhere, members.length > 1);
    }
    Object.assign(region, full);
    // Still nothing (a layout that lays the site's things over that line): the spot inside it that covers least,
    // until a better one can be checked on screen. Once looked at on screen (`seen`) and still nothing, the control
    // waits there veiled: it covers nothing until the person's pointer or focus is on the item (see veil).
    const clampX = (x: number) => Math.max(bounds.left, Math.min(x, bounds.right - itemW));
    const clampY = (y: number) => Math.max(bounds.top, Math.min(y, bounds.bottom - h));
    const inside = [
      { x: clampX(region.right - 2 - itemW), y: clampY(region.top + 2) },
      { x: clampX(region.right - 2 - itemW), y: clampY(region.bottom - 2 - h) },
      { x: clampX(region.left + 2), y: clampY(region.top + 2) },
    ];
    // First, those spots as the page paints them: the obstacles read from the item's tree include what its scrollers
    // clip away (a carousel's next slide) and boxes wider than what they show; a spot on screen where the page shows
    // nothing of the site covers nothing, and needs no veil.
    for (const c of inside) {
      const box = { left: c.x, top: c.y, right: c.x + itemW, bottom: c.y + h };
      if (onScreen(box) && !isClaimed(box) && blockersAt(document, box, isOwn, 0, root, ownBlocks).length === 0) return done({ ...c, seenFree: true }, members.length > 1);
    }
    // (A control veiled before stays veiled while it is placed again off a look: it comes back only where a free spot
    // is found.)
    const veiled = seen || entry.control.host.hasAttribute(VEIL_ATTR);
    return done({ ...leastCovering(inside, itemW, h, obstacles.controls, obstacles.all), veiled }, members.length > 1);
  }

  /**
   * A group placed while off screen was placed from what the item and its neighbouring rows hold; what the page lays
   * over that spot from elsewhere can only be seen on screen. So the first time the item's control is wholly in view
   * after a placement, what is painted at each of its group's controls is looked at, and the group is placed again
   * if the site shows anything there (looked at again after that, up to three times: each look adds what it found).
   * This happens as the control comes into view, before the person can aim at it.
   */
  private cameIntoView = (entries: IntersectionObserverEntry[]): void => {
    const started = performance.now();
    drawing.parts.looks += entries.length;
    try {
      const again: [Plan, boolean][] = [];
      this.claimed = [];
      for (const e of entries) {
        if (e.intersectionRatio < 0.99) continue;
        const host = e.target as HTMLElement;
        const at = this.placedAt.get(host);
        if (!at || !host.isConnected || this.stopped) {
          this.inView?.unobserve(host);
          continue;
        }
        // The report is of a moment that may have passed (the page scrolled or was resized before this task ran):
        // what is painted can only be looked at where the control is on screen now; off it, it stays observed and is
        // looked at when it next comes into view.
        const hr = host.getBoundingClientRect();
        if (hr.top < 0 || hr.left < 0 || hr.bottom > window.innerHeight || hr.right > document.documentElement.clientWidth) continue;
        this.inView?.unobserve(host);
        const root = regionRoot(at.entry, at.anchor);
        const a = root.getBoundingClientRect();
        const found: Box[] = [];
        // (A collapsed group's other controls show only while the person asks for them, over whatever is there.)
        const peekOnly = this.collapsedGroups.get(host) ?? [];
        const group = this.members(at.entry);
        const ownBlocks = this.otherControlShown(new Set(group.map((m) => m.host)));
        for (const m of group) {
          if (m.host.style.display === 'none' || peekOnly.includes(m)) continue;
          found.push(...blockersAt(document, boxOf(m.host.getBoundingClientRect()), isOwn, 0, root, ownBlocks));
        }
        if (found.length === 0) continue;
        const list = this.paintedOver.get(at.anchor) ?? [];
        for (const c of found) if (list.length < 24) list.push({ left: c.left - a.left, top: c.top - a.top, right: c.right - a.left, bottom: c.bottom - a.top });
        this.paintedOver.set(at.anchor, list);
        const looks = (this.looks.get(host) ?? 0) + 1;
        this.looks.set(host, looks);
        const plan = this.plan(at.entry, at.anchor, false, true);
        if (plan) {
          again.push([plan, looks >= 3]);
          this.claim(plan);
        }
      }
      this.claimed = null;
      for (const [p, last] of again) this.move(p, last);
    } catch {
      // Never into the page.
    } finally {
      this.claimed = null;
      drawing.timeMs += performance.now() - started;
      drawing.parts.lookMs += performance.now() - started;
    }
  };
  private inView: IntersectionObserver | null = null;
  /** How many times a control was looked at in view and moved. */
  private looks = new WeakMap<HTMLElement, number>();
  /** The group each placed item control belongs to (for the look once it is in view). */
  private placedAt = new WeakMap<HTMLElement, { entry: Attached; anchor: Element }>();

  private move(p: Plan, checked = false): void {
    let x = p.x;
    const item = p.members[0]!;
    // A control the person's pointer is on stays where it is: they are aiming at it, and a press that lands on the
    // site instead is a lost click (Firefox may run a look only at the pointer's first move over a tab it has not
    // repainted). The group is placed again once the pointer has left it.
    if (this.underPointer(p.members)) {
      this.placeWhenLeft(p);
      return;
    }
    this.placedAt.set(item.host, { entry: p.entry, anchor: p.anchor });
    // A spot seen free on screen as it was chosen needs no second look; one chosen off screen (or the least covering,
    // not free) is looked at once it is wholly in view.
    if (p.seenFree) this.inView?.unobserve(item.host);
    else if (!checked && typeof IntersectionObserver !== 'undefined') {
      this.inView ??= new IntersectionObserver(this.cameIntoView, { threshold: 1 });
      this.inView.unobserve(item.host);
      this.inView.observe(item.host);
    }
    if (p.collapsed) {
      // The thread and report controls of a collapsed group stay pressable (docs/testing.md's contract): they wait,
      // not shown, in a row just under the item's control (above it when the window ends there) and show while the
      // person's pointer or focus is on the group, as discreet mode shows its controls; their actions are in the
      // menu too. Shown only while asked for, they never sit over the site otherwise.
      const extra = p.members.slice(1);
      const rowW = extra.reduce((sum, m) => sum + m.width, 0) + GROUP_GAP * (extra.length - 1);
      let rx = Math.max(0, p.x + item.width - rowW);
      const below = p.y + CONTROL_SIZE + GROUP_GAP;
      const ry = below + CONTROL_SIZE > window.innerHeight && p.y - GROUP_GAP - CONTROL_SIZE >= 0 ? p.y - GROUP_GAP - CONTROL_SIZE : below;
      for (const m of extra) {
        m.moveTo(p.origins[p.members.indexOf(m)] ?? p.origin, rx, ry);
        rx += m.width + GROUP_GAP;
      }
      this.collapsedGroups.set(item.host, extra);
      this.listenForPeek(item, p.members);
      const peeking = this.peeking.has(item.host);
      for (const m of extra) m.setShown(peeking);
      item.setShown(true);
      item.moveTo(p.origin, x, p.y);
      this.placedHosts.add(item.host);
      this.veil(item.host, regionRoot(p.entry, p.anchor), p.veiled === true);
      return;
    }
    this.collapsedGroups.delete(item.host);
    this.peeking.delete(item.host);
    for (let i = 0; i < p.members.length; i++) {
      const m = p.members[i]!;
      // A member hidden when the plan was made (a collapsed group's) had no static position to read: read now (rare).
      const wasHidden = i > 0 && m.host.style.display === 'none';
      m.setShown(true);
      m.moveTo(wasHidden ? m.staticOrigin() : (p.origins[i] ?? p.origin), x, p.y);
      this.placedHosts.add(m.host);
      x += m.width + GROUP_GAP;
    }
    this.veil(item.host, regionRoot(p.entry, p.anchor), p.veiled === true);
  }

  /**
   * Which Holdfast elements a group must keep off, as the page paints them: another item's control, placed and shown
   * (one control over another hides it — in a grid of tiles, a tile's control put beside it lands on the next tile's).
   * Not one still waiting to be placed (it moves), one not shown, or a veiled one (not painted).
   */
  private otherControlShown(group: Set<Element>): (el: Element) => boolean {
    return (el) =>
      !group.has(el) && this.placedHosts.has(el) && (el as HTMLElement).style.display !== 'none' && !el.hasAttribute(VEIL_ATTR);
  }

  /** Item roots whose control is listened for to lift its veil; the listeners (on the site's elements) and their
   * timers end with clear(). */
  private veilListening = new WeakSet<Element>();
  private veiledHost = new WeakMap<Element, HTMLElement>();
  private veilListeners = new AbortController();

  /**
   * Where a page leaves no free spot at all for an item's control — looked at on screen: in the item, beside it, on a
   * line made in its flow, anywhere in its part on screen (a saved X page without its style sheets, where rows laid at
   * fixed offsets run several deep over one another) — the control waits at the spot that covers least, veiled: clipped
   * away (`clip-path`, which hit testing honours too: it takes no click and is not painted), still in the tab order and
   * the accessibility tree. It shows while the person's pointer is on the item or focus is in it (Tab reaches it;
   * Alt+Shift+E and the right-click menu capture the item too). A later placement that finds a free spot lifts it.
   */
  private veil(host: HTMLElement, root: Element, on: boolean): void {
    if (!on) {
      if (host.hasAttribute(VEIL_ATTR)) {
        host.removeAttribute(VEIL_ATTR);
        host.style.clipPath = '';
      }
      return;
    }
    host.setAttribute(VEIL_ATTR, '');
    const asked = () => root.matches(':hover') || root.contains(document.activeElement);
    host.style.clipPath = asked() ? '' : 'inset(50%)';
    this.veiledHost.set(root, host);
    if (this.veilListening.has(root)) return;
    this.veilListening.add(root);
    // (The item's control of the moment: a site that re-renders the item gets a new one.)
    const lift = () => {
      const h = this.veiledHost.get(root);
      if (h?.hasAttribute(VEIL_ATTR)) h.style.clipPath = '';
    };
    const { signal } = this.veilListeners;
    const restore = () =>
      setTimeout(() => {
        if (signal.aborted) return;
        const h = this.veiledHost.get(root);
        if (h?.hasAttribute(VEIL_ATTR) && !asked()) h.style.clipPath = 'inset(50%)';
      }, 400);
    root.addEventListener('pointerenter', lift, { signal });
    root.addEventListener('focusin', lift, { signal });
    root.addEventListener('pointerleave', restore, { signal });
    root.addEventListener('focusout', restore, { signal });
  }

  /**
   * The control the person's pointer is on, from one pair of listeners on the window (a pair per control would cost
   * thousands on a long feed). Read from the events, not `:hover`: Firefox sets that only after the pointer's first
   * events, and a placement can run between them.
   */
  private pointerOn: Element | null = null;
  /** Groups not moved because the pointer was on them, placed again once it leaves: their item host → plan. */
  private heldBack = new Map<HTMLElement, Plan>();
  private onPointerOver = (e: PointerEvent): void => {
    const t = e.target instanceof Element && isOwn(e.target) ? e.target : null;
    this.pointerOn = t;
    if (!t && this.heldBack.size > 0) this.placeHeldBack();
  };
  private onPointerOut = (e: PointerEvent): void => {
    // Out of the document (the window's edge): nothing is under the pointer.
    if (e.relatedTarget === null) {
      this.pointerOn = null;
      if (this.heldBack.size > 0) this.placeHeldBack();
    }
  };
  private listeningForPointer = false;
  private listenForPointer(): void {
    if (this.listeningForPointer) return;
    this.listeningForPointer = true;
    window.addEventListener('pointerover', this.onPointerOver, { capture: true, passive: true });
    window.addEventListener('pointerout', this.onPointerOut, { capture: true, passive: true });
  }
  private stopListeningForPointer(): void {
    window.removeEventListener('pointerover', this.onPointerOver, true);
    window.removeEventListener('pointerout', this.onPointerOut, true);
    this.listeningForPointer = false;
    this.pointerOn = null;
    this.heldBack.clear();
  }

  private underPointer(members: Control[]): boolean {
    const on = this.pointerOn;
    return on !== null && members.some((m) => m.host === on || m.host.contains(on));
  }

  private placeWhenLeft(p: Plan): void {
    this.heldBack.set(p.members[0]!.host, p);
  }

  /** The pointer left the controls: the groups it held back are placed again (what a look found is remembered). */
  private placeHeldBack(): void {
    const anchors: Element[] = [];
    for (const [host, p] of this.heldBack) {
      if (this.underPointer(p.members)) continue;
      this.heldBack.delete(host);
      if (host.isConnected) anchors.push(p.anchor);
    }
    if (anchors.length && !this.stopped) this.placeAll(anchors);
  }

  /** Item controls whose collapsed group is shown now (pointer or focus on it). */
  private peeking = new WeakSet<HTMLElement>();
  /** A collapsed group's hidden members, by its item control's host. */
  private collapsedGroups = new WeakMap<HTMLElement, Control[]>();
  private peekListening = new WeakSet<HTMLElement>();

  /**
   * A collapsed group shows its other controls while the item's control is hovered or focused, and keeps them while
   * the pointer or focus is on any of them (a short grace lets the pointer travel from one to the next).
   */
  private listenForPeek(item: Control, members: Control[]): void {
    const show = () => {
      const extra = this.collapsedGroups.get(item.host);
      if (!extra) return;
      this.peeking.add(item.host);
      for (const m of extra) m.setShown(true);
    };
    const later = () =>
      setTimeout(() => {
        const extra = this.collapsedGroups.get(item.host);
        if (!extra) return;
        const hosts = [item.host, ...extra.map((m) => m.host)];
        const active = document.activeElement;
        const on = this.pointerOn;
        if (hosts.some((h) => h === active || (on !== null && (h === on || h.contains(on))))) return;
        this.peeking.delete(item.host);
        for (const m of extra) m.setShown(false);
      }, 400);
    if (!this.peekListening.has(item.host)) {
      this.peekListening.add(item.host);
      item.host.addEventListener('pointerenter', show);
      item.host.addEventListener('focusin', show);
      item.host.addEventListener('pointerleave', later);
      item.host.addEventListener('focusout', later);
    }
    for (const m of members.slice(1)) {
      if (this.peekListening.has(m.host)) continue;
      this.peekListening.add(m.host);
      m.host.addEventListener('pointerleave', later);
      m.host.addEventListener('focusout', later);
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

  /**
   * The item the person is on (issue #14's keyboard shortcut): the one holding focus (a Holdfast control in it or a
   * site element inside it), else the one under the pointer (the innermost hovered element). Read when asked: no
   * listener follows the pointer.
   */
  targetInUse(): CaptureTarget | undefined {
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) {
      const hit = this.targetFor(active);
      if (hit) return hit;
    }
    const hovered = document.querySelectorAll(':hover');
    const last = hovered[hovered.length - 1];
    return last ? this.targetFor(last) : undefined;
  }

  get count(): number {
    return this.attached.size;
  }
}
