// @vitest-environment happy-dom
/**
 * The whole-thread engine against a fake virtualised list (happy-dom has no layout, so the list computes its own
 * geometry): only ~20 rows in the DOM, new nodes on every render, older pages loaded at the top after a delay with
 * a spinner. Checks completeness, order, no duplicates, Stop, a stalled site, scroll restore, and that nothing but
 * allow-listed expanders is ever clicked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadContainer, ThreadEntry, ThreadSupport } from '../../sites/types';
import { type EngineDeps, ThreadEngine } from './engine';

const ROW = 10;
const VIEW = 100;

interface Msg {
  key: string;
  time: string;
  text: string;
  /** Replies hidden behind a "show more" button after this row. */
  hidden?: Msg[];
}

class FakeList {
  readonly scroller: HTMLElement;
  readonly list: HTMLElement;
  private top = 0;
  private loadingUntil: number | null = null;
  spinner: HTMLElement | null = null;
  now = 0;
  loaded: Msg[];
  forbiddenClicks = 0;

  constructor(
    private readonly all: Msg[],
    initial: number,
    private readonly page = 50,
    private readonly delay = 300,
    /** Stop loading (spinner forever) once this many rows are loaded. */
    private readonly stallAt = Number.POSITIVE_INFINITY,
    private readonly endLoads: Msg[] = [],
    /** Give rows and the scroller boxes (happy-dom has no layout), so the engine can step by the rows drawn. */
    private readonly geometry = false,
  ) {
    this.loaded = all.slice(Math.max(0, all.length - initial));
    this.scroller = document.createElement('div');
    this.scroller.style.overflowY = 'auto';
    this.list = document.createElement('div');
    this.scroller.append(this.list);
    document.body.append(this.scroller);
    Object.defineProperty(this.scroller, 'scrollTop', {
      get: () => this.top,
      set: (v: number) => {
        this.top = Math.max(0, Math.min(v, this.height - VIEW));
        this.onScroll();
      },
    });
    Object.defineProperty(this.scroller, 'scrollHeight', { get: () => this.height });
    Object.defineProperty(this.scroller, 'clientHeight', { get: () => VIEW });
    this.top = Math.max(0, this.height - VIEW);
    if (geometry) this.scroller.getBoundingClientRect = () => new DOMRect(0, 0, 300, VIEW);
    this.render();
  }

  get height(): number {
    return this.loaded.length * ROW;
  }

  private onScroll(): void {
    if (this.top === 0 && this.loaded.length < this.all.length && this.loadingUntil === null) {
      this.loadingUntil = this.loaded.length >= this.stallAt ? Number.POSITIVE_INFINITY : this.now + this.delay;
      this.spinner = document.createElement('div');
      this.spinner.setAttribute('role', 'progressbar');
      this.list.before(this.spinner);
    }
    if (this.top + VIEW >= this.height && this.endLoads.length) this.loaded.push(...this.endLoads.splice(0));
    this.render();
  }

  tick(now: number): void {
    this.now = now;
    if (this.loadingUntil !== null && now >= this.loadingUntil) {
      const have = this.all.length - this.loaded.length;
      const older = this.all.slice(Math.max(0, have - this.page), have);
      this.loaded = [...older, ...this.loaded];
      this.top += older.length * ROW; // the site keeps the reader's place
      this.loadingUntil = null;
      this.spinner?.remove();
      this.spinner = null;
      this.render();
    }
  }

  /** Renders the rows near the viewport as NEW nodes (recycling), plus a "show more" and a forbidden button per row. */
  render(): void {
    this.list.replaceChildren();
    const first = Math.max(0, Math.floor(this.top / ROW) - 5);
    const last = Math.min(this.loaded.length, Math.ceil((this.top + VIEW) / ROW) + 5);
    for (let i = first; i < last; i++) {
      const m = this.loaded[i]!;
      const row = document.createElement('div');
      row.setAttribute('data-key', m.key);
      row.textContent = m.text;
      if (this.geometry) {
        const y = i * ROW - this.top;
        row.getBoundingClientRect = () => new DOMRect(0, y, 300, ROW);
      }
      const like = document.createElement('button');
      like.setAttribute('data-action', 'like');
      like.addEventListener('click', () => this.forbiddenClicks++);
      row.append(like);
      this.list.append(row);
      if (m.hidden?.length) {
        const more = document.createElement('button');
        more.setAttribute('data-more', '');
        more.addEventListener('click', () => {
          const at = this.loaded.indexOf(m);
          this.loaded.splice(at + 1, 0, ...(m.hidden ?? []));
          m.hidden = [];
          this.render();
        });
        this.list.append(more);
      }
    }
  }
}

function messages(n: number, prefix = 'm'): Msg[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${i}`,
    time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    text: `${prefix} message ${i}`,
  }));
}

function supportFor(site: FakeList): ThreadSupport {
  return {
    container: () => null,
    scroller: () => site.scroller,
    rows: () => Array.from(site.list.querySelectorAll('[data-key]')),
    keyOf: (row) => row.getAttribute('data-key'),
    entryOf: (row): ThreadEntry => {
      const key = row.getAttribute('data-key')!;
      const m = /(\d+)$/.exec(key)!;
      const content: ExtractedContent = {
        kind: 'dm-message',
        platform: 'x',
        itemTime: new Date(Date.UTC(2026, 0, 1) + Number(m[1]) * 1000).toISOString(),
        text: row.textContent ?? '',
        links: [],
        media: [],
        method: 'adapter',
        warnings: [],
      };
      return { key, content };
    },
    loading: () => !!site.spinner?.isConnected,
    // Adversarial: offers every button, forbidden ones included; the allow-list must filter them out.
    expanders: () => Array.from(site.list.querySelectorAll('button')),
    isAllowedClick: (el) => el.matches('[data-more]'),
    head: () => ({ kind: 'dm-thread', platform: 'x', links: [], media: [], method: 'adapter', warnings: [] }),
  };
}

function harness(site: FakeList, onSend?: (n: number) => void) {
  let now = 0;
  const sent: ThreadEntry[] = [];
  let shots = 0;
  const deps: EngineDeps = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      site.tick(now);
    },
    frame: async () => {
      now += 1;
      site.tick(now);
    },
    send: async (entries, shot) => {
      sent.push(...entries);
      if (shot) shots++;
      onSend?.(sent.length);
      return { shot: 'pixel' };
    },
  };
  return { deps, sent, shots: () => shots };
}

const container = (site: FakeList): ThreadContainer => ({ element: site.scroller, recordKind: 'dm-thread' });
const ctx = () => ({ url: new URL('https://x.com/i/chat/1-2'), document });

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('ThreadEngine', () => {
  it('collects every message of a long virtualised thread once, in page order, and restores the reader’s place', async () => {
    const all = messages(1000);
    const site = new FakeList(all, 60);
    const h = harness(site);
    const startTop = site.scroller.scrollTop;
    const result = await new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { settleMs: 500 }).run();
    expect(result.partial).toBeUndefined();
    expect(result.count).toBe(1000);
    expect(result.order).toEqual(all.map((m) => m.key));
    expect(h.sent.map((e) => e.key).sort()).toEqual(all.map((m) => m.key).sort());
    expect(new Set(h.sent.map((e) => e.key)).size).toBe(h.sent.length);
    expect(result.oldest).toBe(all[0]!.time);
    expect(result.newest).toBe(all[999]!.time);
    expect(h.shots()).toBeGreaterThan(90); // one screen per ~9 rows on the way forward
    expect(result.stats.loadWaitMs).toBeGreaterThan(19 * 300);
    // The site added 940 rows above the place the reader was at; the engine puts them back there.
    expect(site.scroller.scrollTop).toBe(startTop + 940 * ROW);
    expect(site.forbiddenClicks).toBe(0);
  });

  it('Stop keeps the newest messages collected so far, contiguous, marked partial', async () => {
    const all = messages(1000);
    const site = new FakeList(all, 60);
    let engine: ThreadEngine | null = null;
    const h = harness(site, (n) => {
      if (n >= 300) engine?.stop();
    });
    engine = new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { batchSize: 50 });
    const result = await engine.run();
    expect(result.partial?.reason).toBe('stopped');
    expect(result.partial?.message).toMatch(/Stopped by you/);
    expect(result.count).toBeGreaterThanOrEqual(300);
    expect(result.count).toBeLessThan(1000);
    // Contiguous: the newest `count` messages, in order.
    expect(result.order).toEqual(all.slice(1000 - result.count).map((m) => m.key));
  });

  it('a site that stops loading halfway ends partial with a plain message (no hang), keeping what loaded', async () => {
    const all = messages(1000);
    const site = new FakeList(all, 60, 50, 300, 500);
    const h = harness(site);
    const result = await new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { stallMs: 5000 }).run();
    expect(result.partial?.reason).toBe('stalled');
    expect(result.partial?.message).toMatch(/stopped loading messages/);
    expect(result.order).toEqual(all.slice(1000 - site.loaded.length).map((m) => m.key));
    expect(result.count).toBe(site.loaded.length);
  });

  it('clicks only allow-listed expanders, never anything else, and collects what they reveal in place', async () => {
    const all = messages(200, 'r');
    for (const i of [20, 90, 150]) all[i]!.hidden = messages(5, `h${i}-`);
    const site = new FakeList(all, 200, 50, 300, Number.POSITIVE_INFINITY, messages(30, 'tail'));
    const clicked: Element[] = [];
    document.addEventListener('click', (e) => clicked.push(e.target as Element), true);
    const h = harness(site);
    const result = await new ThreadEngine(supportFor(site), { element: site.scroller, recordKind: 'post' }, ctx, h.deps).run();
    expect(clicked.length).toBe(3);
    for (const el of clicked) expect(el.matches('[data-more]')).toBe(true);
    expect(site.forbiddenClicks).toBe(0);
    expect(result.stats.clicks).toBe(3);
    expect(result.count).toBe(200 + 15 + 30);
    const order = result.order;
    expect(order.indexOf('h90-0')).toBe(order.indexOf('r90') + 1);
    expect(order.slice(-30)).toEqual(messages(30, 'tail').map((m) => m.key));
  });

  it('without screenshots, reads forward only from where it started (the rest was read on the way up)', async () => {
    const all = messages(1000);
    const withShots = new FakeList(all, 60);
    const a = await new ThreadEngine(supportFor(withShots), container(withShots), ctx, harness(withShots).deps, { settleMs: 500 }).run();
    document.body.replaceChildren();
    const site = new FakeList(all, 60);
    const h = harness(site);
    const b = await new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { settleMs: 500, screenshots: false }).run();
    expect(b.partial).toBeUndefined();
    expect(b.order).toEqual(all.map((m) => m.key));
    expect(h.shots()).toBe(0);
    // The forward pass of the screenshot run walks the whole thread again; this one does not.
    expect(b.stats.scrolls).toBeLessThan(a.stats.scrolls * 0.7);
  });

  it('without screenshots, still reads the whole list forward when the site keys rows by their place', async () => {
    const all = messages(600);
    const first = new FakeList(all, 60);
    const a = await new ThreadEngine(supportFor(first), container(first), ctx, harness(first).deps, { settleMs: 500, screenshots: false }).run();
    document.body.replaceChildren();
    const site = new FakeList(all, 60);
    const placed = { ...supportFor(site), placesOnTheWayDown: true };
    const b = await new ThreadEngine(placed, container(site), ctx, harness(site).deps, { settleMs: 500, screenshots: false }).run();
    expect(b.order).toEqual(all.map((m) => m.key));
    // The way down covers the whole list again (about as many scrolls as the way up), not just the last screen.
    expect(b.stats.scrolls).toBeGreaterThan(a.stats.scrolls * 1.6);
  });

  it('steps by the rows the site drew, keeping one seen row on screen: complete, in order, fewer steps', async () => {
    const all = messages(1000);
    const fixed = new FakeList(all, 60);
    const a = await new ThreadEngine(supportFor(fixed), container(fixed), ctx, harness(fixed).deps, { settleMs: 500, screenshots: false }).run();
    document.body.replaceChildren();
    const site = new FakeList(all, 60, 50, 300, Number.POSITIVE_INFINITY, [], true);
    const b = await new ThreadEngine(supportFor(site), container(site), ctx, harness(site).deps, { settleMs: 500, screenshots: false }).run();
    expect(b.order).toEqual(all.map((m) => m.key));
    expect(b.count).toBe(1000);
    expect(b.stats.scrolls).toBeLessThan(a.stats.scrolls * 0.85);
    // With screenshots the forward step never exceeds a screen (no gaps in the stitched picture).
    document.body.replaceChildren();
    const shots: number[] = [];
    const site2 = new FakeList(all, 60, 50, 300, Number.POSITIVE_INFINITY, [], true);
    const h2 = harness(site2);
    const send = h2.deps.send;
    h2.deps.send = async (entries, shot) => {
      if (shot) shots.push(shot.scrollTop);
      return send(entries, shot);
    };
    const c = await new ThreadEngine(supportFor(site2), container(site2), ctx, h2.deps, { settleMs: 500 }).run();
    expect(c.order).toEqual(all.map((m) => m.key));
    for (let i = 1; i < shots.length; i++) expect(shots[i]! - shots[i - 1]!).toBeLessThanOrEqual(VIEW);
  });

  it('keeps one batch in flight: collecting goes on while it is sent, and a failed send ends the capture', async () => {
    const all = messages(600);
    const site = new FakeList(all, 60);
    const h = harness(site);
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    h.deps.send = async (entries) => {
      calls++;
      inFlight++;
      most = Math.max(most, inFlight);
      await h.deps.sleep?.(30);
      inFlight--;
      if (calls === 4) throw new Error('Holdfast went away');
      h.sent.push(...entries);
      return { shot: 'none' };
    };
    const result = await new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { batchSize: 50, screenshots: false }).run();
    expect(result.partial).toMatchObject({ reason: 'error', message: expect.stringMatching(/Holdfast went away/) });
    expect(most).toBe(1);
  });

  it('learns how quickly the site answers at an end and then waits less than settleMs for the real end', async () => {
    const all = messages(1000);
    const site = new FakeList(all, 60);
    const h = harness(site);
    const result = await new ThreadEngine(supportFor(site), container(site), ctx, h.deps, { settleMs: 5000, screenshots: false }).run();
    expect(result.count).toBe(1000);
    // 19 loads of 300 ms; the two quiet ends would add 10 s at settleMs.
    expect(result.stats.loadWaitMs).toBeLessThan(19 * 300 + 2 * 5000);
    expect(result.stats.loadWaitMs).toBeGreaterThan(19 * 300);
  });

  it('never clicks when isAllowedClick refuses everything, even if expanders offers elements', async () => {
    const all = messages(100);
    all[50]!.hidden = messages(3, 'x');
    const site = new FakeList(all, 100);
    const support = { ...supportFor(site), isAllowedClick: () => false };
    const spy = vi.spyOn(HTMLElement.prototype, 'click');
    const h = harness(site);
    const result = await new ThreadEngine(support, container(site), ctx, h.deps).run();
    expect(spy).not.toHaveBeenCalled();
    expect(result.stats.clicks).toBe(0);
    expect(result.count).toBe(100);
  });
});
