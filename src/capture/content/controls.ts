/**
 * Puts one capture control on every capturable item the adapter finds, and keeps doing so as the site
 * streams, recycles and navigates (a MutationObserver, coalesced to one scan per animation frame).
 */
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { type ControlHandle, createControl, CONTROL_ATTR } from './ui-elements';

export interface ControlsOptions {
  label(target: CaptureTarget): string;
  onActivate(target: CaptureTarget, control: ControlHandle): void;
  /** Called after each scan with the number of live targets (used to offer a page-level capture on redesigns). */
  onScan?(targets: number): void;
  /** Whole-thread capture (issue #4): whether a target gets a second control, `data-holdfast-capture="thread"`. */
  threadable?(target: CaptureTarget): boolean;
  threadLabel?(target: CaptureTarget): string;
  onThread?(target: CaptureTarget, control: ControlHandle): void;
}

interface Attached {
  control: ControlHandle;
  target: CaptureTarget;
}

export class CaptureControls {
  private attached = new Map<Element, Attached>();
  private threadControls = new Map<Element, Attached>();
  private observer: MutationObserver | null = null;
  private scheduled = false;
  /** Cumulative main-thread time spent scanning (ms), for the benchmark. */
  scanTimeMs = 0;
  scans = 0;

  constructor(
    private adapter: SiteAdapter,
    private readonly opts: ControlsOptions,
  ) {}

  setAdapter(adapter: SiteAdapter): void {
    if (adapter === this.adapter) return;
    this.adapter = adapter;
    this.clear();
    this.schedule();
  }

  start(): void {
    this.scan();
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'childList' && r.addedNodes.length > 0) {
          // Our own insertions do not need a rescan.
          if (r.addedNodes.length === 1 && (r.addedNodes[0] as Element).hasAttribute?.(CONTROL_ATTR)) continue;
          this.schedule();
          return;
        }
      }
    });
    this.observer.observe(document.documentElement, { childList: true, subtree: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.clear();
  }

  private clear(): void {
    for (const { control } of this.attached.values()) control.host.remove();
    this.attached.clear();
    for (const { control } of this.threadControls.values()) control.host.remove();
    this.threadControls.clear();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.scan();
    };
    // rAF does not fire in background tabs; a timeout keeps scanning there too.
    if (document.visibilityState === 'visible') requestAnimationFrame(run);
    else setTimeout(run, 100);
  }

  /** Find targets, attach controls to new ones, forget detached ones. Never throws into the page. */
  scan(): void {
    const started = performance.now();
    try {
      let targets: CaptureTarget[] = [];
      try {
        targets = this.adapter.findTargets(document, { url: new URL(location.href), document });
      } catch {
        targets = [];
      }
      const seen = new Set<Element>();
      for (const target of targets) {
        seen.add(target.element);
        const existing = this.attached.get(target.element);
        if (existing && existing.control.host.isConnected) {
          if (existing.target.kind !== target.kind) {
            existing.target = target;
            existing.control.host.setAttribute(CONTROL_ATTR, target.kind);
            existing.control.button.setAttribute('aria-label', this.opts.label(target));
          } else existing.target = target;
          continue;
        }
        this.attach(target);
      }
      for (const [el, { control }] of this.attached) {
        if (!seen.has(el) || !el.isConnected) {
          control.host.remove();
          this.attached.delete(el);
        }
      }
      this.scanThreads(targets);
      this.opts.onScan?.(this.attached.size);
    } finally {
      this.scanTimeMs += performance.now() - started;
      this.scans++;
    }
  }

  private attach(target: CaptureTarget): void {
    const anchor = target.anchor ?? target.element;
    const positioned = getComputedStyle(anchor).position !== 'static';
    const entry: Attached = { target, control: undefined as unknown as ControlHandle };
    entry.control = createControl(target.kind, this.opts.label(target), positioned, () => this.opts.onActivate(entry.target, entry.control));
    anchor.prepend(entry.control.host);
    this.attached.set(target.element, entry);
  }

  /** A second control on items that can be captured whole (a DM conversation, a post page's post). */
  private scanThreads(targets: CaptureTarget[]): void {
    if (!this.opts.threadable || !this.opts.onThread) {
      return;
    }
    const keep = new Set<Element>();
    for (const target of targets) {
      if (target.kind !== 'dm-thread' && target.kind !== 'post' && target.kind !== 'profile') continue;
      let ok = false;
      try {
        ok = this.opts.threadable(target);
      } catch {
        ok = false;
      }
      if (!ok) continue;
      keep.add(target.element);
      const existing = this.threadControls.get(target.element);
      if (existing?.control.host.isConnected) {
        existing.target = target;
        continue;
      }
      const anchor = target.anchor ?? target.element;
      const positioned = getComputedStyle(anchor).position !== 'static';
      const entry: Attached = { target, control: undefined as unknown as ControlHandle };
      const label = this.opts.threadLabel?.(target) ?? 'Capture the whole thread';
      entry.control = createControl(target.kind, label, positioned, () => this.opts.onThread?.(entry.target, entry.control));
      // A profile's is "capture profile with posts"; a conversation's and a post page's, "capture the whole thread".
      entry.control.host.setAttribute(CONTROL_ATTR, target.kind === 'profile' ? 'profile-posts' : 'thread');
      // Beside the item's own control, never on top of it.
      if (positioned) entry.control.host.style.right = '34px';
      else entry.control.host.style.marginLeft = '34px';
      anchor.prepend(entry.control.host);
      this.threadControls.set(target.element, entry);
    }
    for (const [el, { control }] of this.threadControls) {
      if (!keep.has(el) || !el.isConnected) {
        control.host.remove();
        this.threadControls.delete(el);
      }
    }
  }

  /** Hide or show every control (around a screenshot). Opacity, not visibility: a click that lands on a
   * hidden control during someone else's screenshot must still reach it, never fall through to the site. */
  setVisible(visible: boolean): void {
    for (const { control } of this.attached.values()) control.host.style.opacity = visible ? '' : '0';
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
