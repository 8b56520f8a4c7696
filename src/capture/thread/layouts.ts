/**
 * Test support (not shipped): a generator of DM-thread layouts built differently from the project's replicas, for
 * driving the whole-thread engine in happy-dom (engine-layouts.test.ts). happy-dom has no layout, so each fake site
 * computes its own geometry (row boxes, scroll position, scroll height) and answers scrolls like a site would:
 *
 * - scroll container: the window (document scroller), an inner div, or a div nested in other overflow boxes;
 * - virtualisation: every loaded row in the DOM, or only the rows near the viewport, drawn into a recycled pool of
 *   nodes in arbitrary DOM order (rows recycled at both ends);
 * - load direction: a conversation (older rows at the top) or a newest-first list (older rows at the bottom);
 * - rows with a message id, or without (keyed by sender, time and text);
 * - loaders: prepend keeping the reader's place; prepend that leaves the reader at the top (no scroll anchoring at
 *   0, as browsers do); a sliding window that drops rows at the other end; pages that replace the whole list;
 * - a bottom-up list (flex-direction: column-reverse, scrollTop 0 at the newest and negative above);
 * - page size, load delay, loading indicator (a spinner, role=progressbar, or nothing the adapter can see);
 * - a start-of-conversation marker (one the adapter knows, plain "beginning of your conversation" text, or none);
 * - how the site ends: it loads everything, or stops part way (spinner forever, or silently);
 * - quirks that keep a naive wait busy: a height that jitters, an indicator that blinks.
 *
 * A site loads only on a scroll event near an end, as real ones do: setting scrollTop to where it already is fires
 * nothing.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadContainer, ThreadEntry, ThreadSupport } from '../../sites/types';

export interface Layout {
  /** 'older-at-top': a conversation (oldest first, older rows load at the top); 'newest-first': a timeline (older rows load at the bottom). */
  direction: 'older-at-top' | 'newest-first';
  scroll: 'window' | 'div' | 'nested';
  virtual: 'none' | 'both';
  ids: boolean;
  loader: 'prepend' | 'prepend-jump' | 'window' | 'page';
  reversed: boolean;
  page: number;
  indicator: 'spinner' | 'progressbar' | 'none';
  marker: 'hook' | 'text' | 'none';
  /** 'full': everything loads; 'stall-spinner': stops with its indicator showing forever; 'stall-silent': stops, nothing shown. */
  ending: 'full' | 'stall-spinner' | 'stall-silent';
  /** Slowest load (ms); each load takes between a quarter of it and all of it. */
  delay: number;
  /** Messages in the conversation. */
  size: number;
  /**
   * 'jitter': the list's height changes by a few pixels all the time (rows re-measured, a composer that resizes);
   * 'blink': the loading indicator is taken down and put back every 250 ms while loading (re-mounted per attempt).
   */
  quirk: 'none' | 'jitter' | 'blink';
}

export interface Msg {
  id: string;
  sender: string;
  time: string;
  text: string;
  height: number;
}

const VIEW = 400;
const HEADER = 60;
const SPINNER = 40;
const MARKER = 120;
const OVERSCAN = 200;

/** A small deterministic PRNG (mulberry32), so every layout is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function conversation(n: number, seed: number): Msg[] {
  const r = rng(seed);
  let t = Date.UTC(2025, 2, 1, 9, 0, 0);
  return Array.from({ length: n }, (_, i) => {
    t += Math.floor(r() * 3 * 3600_000);
    return {
      id: `${1_000_000 + i * 7}`,
      sender: r() < 0.5 ? 'me' : 'them',
      time: new Date(Math.floor(t / 60_000) * 60_000).toISOString(),
      text: `message ${i} ${Math.floor(r() * 1e6).toString(36)}`,
      height: 24 + Math.floor(r() * 4) * 18,
    };
  });
}

export class FakeThreadSite {
  readonly root: HTMLElement;
  readonly scroller: HTMLElement;
  readonly list: HTMLElement;
  /** Distance of the viewport's top from the top of the content. */
  private top = 0;
  /** Loaded range [lo, hi) of `all`. */
  lo: number;
  hi: number;
  private loading: { until: number; where: 'top' | 'bottom'; pending?: number } | null = null;
  private stalled = false;
  private now = 0;
  private readonly r: () => number;
  private pool: HTMLElement[] = [];
  private rowsByIndex = new Map<number, HTMLElement>();
  private offsets: number[] = [];
  private markerEl: HTMLElement | null = null;
  private spinnerEl: HTMLElement | null = null;
  loads = 0;
  /** How many of the oldest messages the site never shows (it stops loading before them). */
  readonly cut: number;
  /** Messages in page order (newest first on a newest-first list), and the range of them the site ever shows. */
  private readonly disp: Msg[];
  private readonly minLo: number;
  private readonly maxHi: number;
  private readonly newestFirst: boolean;

  constructor(
    readonly layout: Layout,
    readonly all: Msg[],
    seed: number,
  ) {
    this.r = rng(seed ^ 0x5eed);
    this.cut = layout.ending === 'full' ? 0 : Math.floor(all.length * 0.4);
    this.newestFirst = layout.direction === 'newest-first';
    this.disp = this.newestFirst ? [...all].reverse() : all;
    this.minLo = this.newestFirst ? 0 : this.cut;
    this.maxHi = this.newestFirst ? all.length - this.cut : all.length;
    this.hi = this.newestFirst ? Math.min(all.length, layout.page) : all.length;
    this.lo = this.newestFirst ? 0 : Math.max(0, all.length - layout.page);
    const doc = document;
    this.root = doc.createElement('main');
    this.list = doc.createElement('div');
    this.list.setAttribute('data-list', '');
    const win = layout.scroll === 'window';
    if (win) {
      doc.body.append(this.root);
      this.root.append(this.list);
      this.scroller = doc.documentElement;
      Object.defineProperty(window, 'innerHeight', { configurable: true, get: () => VIEW });
    } else {
      const box = doc.createElement('div');
      box.style.overflowY = 'auto';
      if (layout.reversed) {
        box.style.display = 'flex';
        box.style.flexDirection = 'column-reverse';
      }
      let inner: HTMLElement = this.list;
      if (layout.scroll === 'nested') {
        // Wrappers between the rows and the scroller, and an outer overflow box that does not scroll.
        const a = doc.createElement('div');
        const b = doc.createElement('div');
        b.style.overflowY = 'auto'; // an overflow box that does not scroll (its content fits)
        a.append(this.list);
        b.append(a);
        inner = b;
        const outer = doc.createElement('section');
        outer.style.overflowY = 'auto';
        Object.defineProperty(outer, 'scrollHeight', { get: () => VIEW + HEADER });
        Object.defineProperty(outer, 'clientHeight', { get: () => VIEW + HEADER });
        outer.append(this.root);
        doc.body.append(outer);
      } else doc.body.append(this.root);
      box.append(inner);
      this.root.append(box);
      this.scroller = box;
      box.getBoundingClientRect = () => new DOMRect(0, HEADER, 400, VIEW);
    }
    const s = this.scroller;
    const raw = () => (layout.reversed && !win ? this.top - this.maxTop : this.top);
    Object.defineProperty(s, 'scrollTop', {
      configurable: true,
      get: raw,
      set: (v: number) => {
        const want = layout.reversed && !win ? v + this.maxTop : v;
        const next = Math.max(0, Math.min(Math.round(want), this.maxTop));
        if (next === this.top) return; // no movement, no scroll event
        this.top = next;
        this.onScroll();
      },
    });
    Object.defineProperty(s, 'scrollHeight', { configurable: true, get: () => Math.max(this.height, VIEW) });
    Object.defineProperty(s, 'clientHeight', { configurable: true, get: () => VIEW });
    this.layoutRows();
    this.top = this.newestFirst ? 0 : this.maxTop; // a conversation opens at its newest message, a timeline at its top
    this.render();
  }

  private jitter = 0;

  get height(): number {
    return this.jitter + (this.offsets[this.offsets.length - 1] ?? 0) + (this.showMarker ? MARKER : 0) + (this.spinnerAt('top') ? SPINNER : 0) + (this.spinnerAt('bottom') ? SPINNER : 0);
  }

  get maxTop(): number {
    return Math.max(0, this.height - VIEW);
  }

  private get showMarker(): boolean {
    return this.layout.marker !== 'none' && (this.newestFirst ? this.hi === this.disp.length : this.lo === 0);
  }

  private spinnerAt(where: 'top' | 'bottom'): boolean {
    if (this.layout.quirk === 'blink' && Math.floor(this.now / 250) % 2 === 1) return false;
    return this.layout.indicator !== 'none' && this.loading?.where === where;
  }

  /** Row offsets (from the top of the rows) for the loaded range. */
  private layoutRows(): void {
    const out = [0];
    for (let i = this.lo; i < this.hi; i++) out.push(out[out.length - 1]! + this.disp[i]!.height);
    this.offsets = out;
  }

  /** Top of the rows block in content coordinates. */
  private get rowsTop(): number {
    return (this.showMarker && !this.newestFirst ? MARKER : 0) + (this.spinnerAt('top') ? SPINNER : 0);
  }

  private get viewOrigin(): number {
    return this.layout.scroll === 'window' ? 0 : HEADER;
  }

  private onScroll(): void {
    if (this.loading === null && !this.stalled) {
      if (this.top <= 40 && this.lo > 0) this.startLoad('top');
      else if (this.top >= this.maxTop - 40 && this.hi < this.disp.length) this.startLoad('bottom');
    }
    this.render();
  }

  private startLoad(where: 'top' | 'bottom'): void {
    if (where === 'top' ? this.lo <= this.minLo : this.hi >= this.maxHi) {
      if (this.layout.ending === 'stall-spinner') {
        this.stalled = true;
        this.withPlace(() => {
          this.loading = { until: Number.POSITIVE_INFINITY, where };
        });
      }
      return; // 'stall-silent': nothing happens, nothing shows
    }
    const d = this.layout.delay;
    // Counted from the next tick: `pending` holds the duration until then.
    this.withPlace(() => {
      this.loading = { until: Number.NaN, where, pending: d / 4 + this.r() * (d * 0.75) };
    });
    this.render();
  }

  tick(now: number): void {
    const before = this.now;
    this.now = now;
    if (this.layout.quirk === 'jitter') {
      const j = (Math.floor(now / 100) % 3) * 4;
      if (j !== this.jitter) {
        this.jitter = j;
        this.top = Math.min(this.top, this.maxTop);
      }
    }
    if (this.layout.quirk === 'blink' && this.loading && Math.floor(before / 250) !== Math.floor(now / 250)) this.render();
    const l = this.loading;
    if (!l) return;
    if (Number.isNaN(l.until)) l.until = now + (l.pending ?? 0); // counted from the first tick after the trigger
    if (now < l.until) return;
    this.loads++;
    const done = () => {
      this.loading = null;
    };
    const page = this.layout.page;
    const loader = this.layout.loader;
    if (l.where === 'top') {
      const newLo = Math.max(this.minLo, this.lo - page);
      if (loader === 'page') {
        done();
        this.hi = this.lo;
        this.lo = newLo;
        this.layoutRows();
        this.top = this.maxTop; // the older page, shown from its bottom
      } else if (loader === 'window') {
        this.withPlace(() => {
          done();
          this.lo = newLo;
          this.hi = Math.min(this.hi, this.lo + 2 * page);
          this.layoutRows();
        });
      } else if (loader === 'prepend-jump' && !this.layout.reversed) {
        done();
        const at = this.top;
        this.lo = newLo;
        this.layoutRows();
        this.top = Math.min(at, this.maxTop);
      } else {
        this.withPlace(() => {
          done();
          this.lo = newLo;
          this.layoutRows();
        });
      }
    } else if (loader === 'page') {
      done();
      this.lo = this.hi;
      this.hi = Math.min(this.maxHi, this.hi + page);
      this.layoutRows();
      this.top = 0;
    } else {
      this.withPlace(() => {
        done();
        this.hi = Math.min(this.maxHi, this.hi + page);
        if (loader === 'window') this.lo = Math.max(this.lo, this.hi - 2 * page);
        this.layoutRows();
      });
    }
    this.render();
  }

  /** Runs a change keeping the first row on screen where it was (the site's own scroll anchoring). */
  private withPlace(change: () => void): void {
    const anchor = this.firstVisible();
    const before = anchor === null ? 0 : this.rowsTop + this.offsets[anchor - this.lo]! - this.top;
    change();
    if (anchor === null || anchor < this.lo || anchor >= this.hi) {
      this.top = Math.min(this.top, this.maxTop);
      return;
    }
    this.top = Math.max(0, Math.min(this.maxTop, this.rowsTop + this.offsets[anchor - this.lo]! - before));
  }

  private firstVisible(): number | null {
    const rt = this.rowsTop;
    for (let i = this.lo; i < this.hi; i++) {
      if (rt + this.offsets[i - this.lo + 1]! > this.top) return i;
    }
    return null;
  }

  render(): void {
    const doc = document;
    const rt = this.rowsTop;
    const origin = this.viewOrigin;
    // Marker and spinner
    if (this.showMarker) {
      if (!this.markerEl) {
        this.markerEl = doc.createElement('div');
        this.markerEl.className = 'thread-start';
        this.markerEl.textContent = this.layout.marker === 'text' ? 'This is the beginning of your conversation with Them' : 'Them · @them · Joined 2019';
      }
      const m = this.markerEl;
      const at = this.newestFirst ? rt + this.offsets[this.offsets.length - 1]! : this.spinnerAt('top') ? SPINNER : 0;
      const y = at - this.top + origin;
      m.getBoundingClientRect = () => new DOMRect(0, y, 400, MARKER);
      const near = this.layout.virtual === 'none' || (this.top < at + MARKER + OVERSCAN && this.top + VIEW > at - OVERSCAN);
      if (near && !m.isConnected) {
        if (this.newestFirst) this.list.append(m);
        else this.list.prepend(m);
      }
      if (!near) m.remove();
    } else this.markerEl?.remove();
    const spin = this.loading && this.spinnerAt(this.loading.where) ? this.loading.where : null;
    if (spin) {
      if (!this.spinnerEl) {
        this.spinnerEl = doc.createElement('div');
        if (this.layout.indicator === 'progressbar') this.spinnerEl.setAttribute('role', 'progressbar');
        else this.spinnerEl.className = 'spinner';
      }
      if (spin === 'top') this.list.prepend(this.spinnerEl);
      else this.list.append(this.spinnerEl);
    } else this.spinnerEl?.remove();

    let from = this.lo;
    let to = this.hi;
    if (this.layout.virtual === 'both') {
      const a = this.top - OVERSCAN;
      const b = this.top + VIEW + OVERSCAN;
      while (from < to && rt + this.offsets[from - this.lo + 1]! < a) from++;
      while (to > from && rt + this.offsets[to - 1 - this.lo]! > b) to--;
    }
    if (this.layout.virtual === 'none') {
      // Every loaded row has its own node, kept across renders.
      const keep = new Map<number, HTMLElement>();
      const ordered: HTMLElement[] = [];
      for (let i = from; i < to; i++) {
        const el = this.rowsByIndex.get(i) ?? this.makeRow();
        if (!this.rowsByIndex.has(i)) this.fill(el, i);
        keep.set(i, el);
        ordered.push(el);
      }
      for (const [i, el] of this.rowsByIndex) if (!keep.has(i)) el.remove();
      this.rowsByIndex = keep;
      if (this.layout.reversed) ordered.reverse();
      const current = Array.from(this.list.children).filter((c) => c.classList.contains('msg'));
      if (current.length !== ordered.length || current.some((el, i) => el !== ordered[i])) {
        for (const el of current) el.remove();
        const anchorEnd = this.spinnerEl?.isConnected && spin === 'bottom' ? this.spinnerEl : null;
        for (const el of ordered) this.list.insertBefore(el, anchorEnd);
      }
      for (let i = from; i < to; i++) this.place(this.rowsByIndex.get(i)!, i, rt, origin);
      return;
    }
    // Recycled pool: nodes are reused for other messages and sit in arbitrary DOM order.
    const need = to - from;
    while (this.pool.length < need) {
      const el = this.makeRow();
      this.pool.push(el);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k]!;
      const i = from + ((k + this.lo * 3) % Math.max(1, need));
      if (k < need) {
        this.fill(el, i);
        this.place(el, i, rt, origin);
        if (!el.isConnected) this.list.append(el);
      } else el.remove();
    }
  }

  private makeRow(): HTMLElement {
    const el = document.createElement('div');
    el.className = 'msg';
    const text = document.createElement('span');
    text.className = 'text';
    const time = document.createElement('time');
    el.append(text, time);
    return el;
  }

  private fill(el: HTMLElement, i: number): void {
    const m = this.disp[i]!;
    if (this.layout.ids) el.setAttribute('data-id', m.id);
    el.setAttribute('data-sender', m.sender);
    (el.firstChild as HTMLElement).textContent = m.text;
    (el.lastChild as HTMLElement).setAttribute('datetime', m.time);
  }

  private place(el: HTMLElement, i: number, rt: number, origin: number): void {
    const y = rt + this.offsets[i - this.lo]! - this.top + origin;
    const h = this.disp[i]!.height;
    el.getBoundingClientRect = () => new DOMRect(0, y, 400, h);
  }

  /** The adapter a site like this would have. */
  support(): ThreadSupport {
    const layout = this.layout;
    const root = this.root;
    const list = this.list;
    const keyOf = (row: Element): string | null => {
      if (!row.classList.contains('msg')) return null;
      if (layout.ids) return `id:${row.getAttribute('data-id')}`;
      return `${row.getAttribute('data-sender')}|${row.querySelector('time')?.getAttribute('datetime')}|${row.querySelector('.text')?.textContent}`;
    };
    const support: ThreadSupport & { startMarker?: (c: ThreadContainer) => boolean | undefined } = {
      container: () => null,
      ...(layout.scroll === 'nested' ? {} : { scroller: () => (layout.scroll === 'window' ? list : this.scroller) }),
      rows: () => Array.from(list.querySelectorAll('.msg')),
      keyOf,
      entryOf: (row): ThreadEntry => {
        const time = row.querySelector('time')?.getAttribute('datetime') ?? undefined;
        const sender = row.getAttribute('data-sender') ?? '';
        const content: ExtractedContent = {
          kind: 'dm-message',
          platform: 'x',
          author: { handle: sender },
          ...(time ? { itemTime: time } : {}),
          text: row.querySelector('.text')?.textContent ?? '',
          links: [],
          media: [],
          method: 'adapter',
          warnings: [],
        };
        return { key: keyOf(row) ?? '', content };
      },
      loading: () => {
        if (layout.indicator === 'spinner') return !!root.querySelector('.spinner');
        if (layout.indicator === 'progressbar') return !!root.querySelector('[role=progressbar]');
        return false;
      },
      expanders: () => [],
      isAllowedClick: () => false,
      head: () => ({ kind: 'dm-thread', platform: 'x', links: [], media: [], method: 'adapter', warnings: [] }),
    };
    if (layout.marker === 'hook') support.startMarker = () => !!root.querySelector('.thread-start');
    return support;
  }

  container(): ThreadContainer {
    return this.newestFirst ? { element: this.root, recordKind: 'profile', newestFirst: true } : { element: this.root, recordKind: 'dm-thread' };
  }

  /** Keys of the messages this site ever shows, in page order (the truth a capture is scored against). */
  truthKeys(): string[] {
    return this.disp.slice(this.minLo, this.maxHi).map((m) => (this.layout.ids ? `id:${m.id}` : `${m.sender}|${m.time}|${m.text}`));
  }

  get nowMs(): number {
    return this.now;
  }

  /** Removes the site and its fake geometry from the shared document. */
  dispose(): void {
    for (const p of ['scrollTop', 'scrollHeight', 'clientHeight']) delete (this.scroller as unknown as Record<string, unknown>)[p];
    delete (window as unknown as Record<string, unknown>).innerHeight;
    document.body.replaceChildren();
  }
}
