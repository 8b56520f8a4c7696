// @vitest-environment happy-dom
/**
 * Bounds of a whole-thread / profile-posts capture (issue #4): the pure parts (the dialog's choice → a bound, which
 * rows are inside it, what the record says) and the engine against fake virtualised lists in both directions: a
 * conversation (oldest first, older rows load at the top) bounded by a date stops going up at the first older row;
 * a profile timeline (newest first, older rows load at the bottom) stops at a date or after N posts, never because
 * of a pinned post or a repost's older time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { BoundInfo, ThreadContainer, ThreadEntry, ThreadSupport } from '../../sites/types';
import { BoundTracker, boundFields, boundOfChoice, cutToBound, restrictTo, sinceOfDate } from './bounds';
import { type EngineDeps, ThreadEngine } from './engine';

const ROW = 10;
const VIEW = 100;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

interface Item {
  key: string;
  time: string;
  pinned?: boolean;
  repost?: boolean;
}

/**
 * A virtualised list. Oldest first: starts at the bottom, loads `page` older rows at the top after `delay`.
 * Newest first: starts at the top, loads `page` older rows at the bottom after `delay`. Rows are new nodes each render.
 */
class FakeList {
  readonly scroller: HTMLElement;
  readonly list: HTMLElement;
  private top = 0;
  private loadingUntil: number | null = null;
  spinner: HTMLElement | null = null;
  loaded: Item[];

  constructor(
    /** In page order, top to bottom, once everything is loaded. */
    private readonly all: Item[],
    initial: number,
    readonly newestFirst: boolean,
    private readonly page = 20,
    private readonly delay = 200,
  ) {
    this.loaded = newestFirst ? all.slice(0, initial) : all.slice(Math.max(0, all.length - initial));
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
    this.top = newestFirst ? 0 : Math.max(0, this.height - VIEW);
    this.render();
  }

  get height(): number {
    return this.loaded.length * ROW;
  }

  private now = 0;

  private onScroll(): void {
    const atEnd = this.newestFirst ? this.top + VIEW >= this.height : this.top === 0;
    if (atEnd && this.loaded.length < this.all.length && this.loadingUntil === null) {
      this.loadingUntil = this.now + this.delay;
      this.spinner = document.createElement('div');
      this.spinner.setAttribute('role', 'progressbar');
      this.list.after(this.spinner);
    }
    this.render();
  }

  tick(now: number): void {
    this.now = now;
    if (this.loadingUntil !== null && now >= this.loadingUntil) {
      if (this.newestFirst) {
        this.loaded = this.all.slice(0, Math.min(this.all.length, this.loaded.length + this.page));
      } else {
        const have = this.all.length - this.loaded.length;
        const older = this.all.slice(Math.max(0, have - this.page), have);
        this.loaded = [...older, ...this.loaded];
        this.top += older.length * ROW;
      }
      this.loadingUntil = null;
      this.spinner?.remove();
      this.spinner = null;
      this.render();
    }
  }

  render(): void {
    this.list.replaceChildren();
    const first = Math.max(0, Math.floor(this.top / ROW) - 3);
    const last = Math.min(this.loaded.length, Math.ceil((this.top + VIEW) / ROW) + 3);
    for (let i = first; i < last; i++) {
      const m = this.loaded[i]!;
      const row = document.createElement('div');
      row.setAttribute('data-key', m.key);
      this.list.append(row);
    }
  }
}

function support(site: FakeList, items: Item[]): ThreadSupport {
  const byKey = new Map(items.map((m) => [m.key, m]));
  return {
    container: () => null,
    scroller: () => site.scroller,
    rows: () => Array.from(site.list.querySelectorAll('[data-key]')),
    keyOf: (row) => row.getAttribute('data-key'),
    entryOf: (row): ThreadEntry => {
      const m = byKey.get(row.getAttribute('data-key')!)!;
      const content: ExtractedContent = {
        kind: 'post',
        platform: 'x',
        itemTime: m.time,
        links: [],
        media: [],
        method: 'adapter',
        warnings: [],
        ...(m.pinned ? { fields: { pinned: 'true' } } : m.repost ? { fields: { repost: 'true' } } : {}),
      };
      return { key: m.key, content };
    },
    loading: () => !!site.spinner?.isConnected,
    expanders: () => [],
    isAllowedClick: () => false,
    head: () => ({ kind: 'profile', platform: 'x', links: [], media: [], method: 'adapter', warnings: [] }),
    boundOf: (e): BoundInfo => (e.content.fields?.pinned ? { counted: false } : e.content.fields?.repost ? { counted: true } : { time: e.content.itemTime, counted: true }),
  };
}

function deps(site: FakeList): { deps: EngineDeps; sent: ThreadEntry[] } {
  let now = 0;
  const sent: ThreadEntry[] = [];
  return {
    sent,
    deps: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
        site.tick(now);
      },
      frame: async () => {
        now += 1;
        site.tick(now);
      },
      send: async (entries) => {
        sent.push(...entries);
        return { shot: 'pixel' };
      },
    },
  };
}

/** A conversation: n messages one minute apart, oldest first. */
const conversation = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ key: `m${i}`, time: iso(T0 + i * 60_000) }));

/** A profile timeline, newest first: a pinned post (very old), then n entries one hour apart going back; every 7th a repost of an older post. */
function timeline(n: number): Item[] {
  const out: Item[] = [{ key: 'pinned', time: iso(T0 - 400 * 86_400_000), pinned: true }];
  for (let i = 0; i < n; i++) {
    const at = T0 - i * 3_600_000;
    out.push(i % 7 === 3 ? { key: `r${i}`, time: iso(at - 30 * 86_400_000), repost: true } : { key: `p${i}`, time: iso(at) });
  }
  return out;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('bounds: the dialog’s choice', () => {
  const now = new Date(2026, 10, 20, 12, 0, 0);
  it('a date is the start of that local day; not in the future, not malformed', () => {
    expect(sinceOfDate('2026-09-15', now)).toBe(new Date(2026, 8, 15).toISOString());
    expect(sinceOfDate('2026-11-21', now)).toBeNull();
    expect(sinceOfDate('2026-02-30', now)).toBeNull();
    expect(sinceOfDate('15/09/2026', now)).toBeNull();
    expect(sinceOfDate('', now)).toBeNull();
  });
  it('choices map to bounds or name the field in error', () => {
    expect(boundOfChoice('all', '', '', now)).toEqual({ bound: { kind: 'all' } });
    expect(boundOfChoice('since', '2026-09-15', '', now)).toEqual({ bound: { kind: 'since', since: new Date(2026, 8, 15).toISOString(), date: '2026-09-15' } });
    expect(boundOfChoice('since', '', '', now)).toEqual({ error: 'date' });
    expect(boundOfChoice('latest', '', '120', now)).toEqual({ bound: { kind: 'latest', count: 120 } });
    for (const bad of ['0', '-3', '1.5', 'x', '', '10001']) expect(boundOfChoice('latest', '', bad, now)).toEqual({ error: 'count' });
  });
});

describe('bounds: which rows are inside', () => {
  const info = (items: Item[]) => {
    const m = new Map(items.map((x) => [x.key, x.pinned ? { counted: false } : x.repost ? { counted: true } : { time: x.time, counted: true }] as const));
    return (k: string): BoundInfo | undefined => m.get(k);
  };
  it('newest first, back to a date: everything above the first counted row older than the date (reposts and the pinned post do not end it)', () => {
    const items = timeline(50);
    const since = iso(T0 - 20.5 * 3_600_000);
    const cut = cutToBound(items.map((x) => x.key), info(items), { kind: 'since', since, date: 'd' }, true);
    // p0..p20 are newer than the date; r3, r10, r17 (reposts) sit among them; p21 is the first older one.
    expect(cut.order).toEqual(items.slice(0, 22).map((x) => x.key));
    expect(cut).toMatchObject({ reached: true, excluded: 50 + 1 - 22, extra: 1 });
  });
  it('newest first, latest N: the first N counted rows, the pinned post kept but not counted', () => {
    const items = timeline(50);
    const cut = cutToBound(items.map((x) => x.key), info(items), { kind: 'latest', count: 10 }, true);
    expect(cut.order).toEqual(items.slice(0, 11).map((x) => x.key));
    expect(cut).toMatchObject({ reached: true, excluded: 40, extra: 1 });
    const short = cutToBound(items.slice(0, 6).map((x) => x.key), info(items), { kind: 'latest', count: 10 }, true);
    expect(short).toMatchObject({ reached: false, excluded: 0, extra: 1 });
    expect(short.order.length).toBe(6);
  });
  it('oldest first, back to a date: everything after the last row older than the date', () => {
    const items = conversation(100);
    const cut = cutToBound(items.map((x) => x.key), info(items), { kind: 'since', since: iso(T0 + 40 * 60_000 - 1), date: 'd' }, false);
    expect(cut.order).toEqual(items.slice(40).map((x) => x.key));
    expect(cut).toMatchObject({ reached: true, excluded: 40, extra: 0 });
    const none = cutToBound(items.map((x) => x.key), info(items), { kind: 'since', since: iso(T0 - 1), date: 'd' }, false);
    expect(none).toMatchObject({ reached: false, excluded: 0 });
    expect(none.order.length).toBe(100);
  });
  it('the tracker says when to stop', () => {
    const t = new BoundTracker({ kind: 'latest', count: 2 });
    t.add({ counted: false });
    t.add({ counted: true });
    expect(t.reached).toBe(false);
    t.add({ counted: true });
    expect(t.reached).toBe(true);
    const d = new BoundTracker({ kind: 'since', since: iso(T0), date: 'd' });
    d.add({ counted: true });
    d.add({ counted: false, time: iso(T0 - 1) });
    expect(d.reached).toBe(false);
    d.add({ counted: true, time: iso(T0 - 1) });
    expect(d.reached).toBe(true);
    expect(new BoundTracker({ kind: 'all' }).reached).toBe(false);
  });
  it('restrictTo keeps only the rows of the order', () => {
    expect([...restrictTo(new Map([['a', 1], ['b', 2], ['c', 3]]), ['c', 'a']).keys()]).toEqual(['c', 'a']);
  });
});

describe('bounds: what the record says', () => {
  it('a date bound that was reached is complete for its range, and says which', () => {
    const f = boundFields({ kind: 'since', since: '2026-09-14T22:00:00.000Z', date: '2026-09-15', reached: true, excluded: 3, extra: 0 }, 'dm-thread', 40, false);
    expect(f).toMatchObject({ bound: 'since', boundSince: '2026-09-14T22:00:00.000Z', boundSinceDate: '2026-09-15', boundReached: 'true', boundExcluded: '3' });
    expect(f.coverage).toMatch(/^Complete for the chosen range: every message from 2026-09-15 .* to the newest, 40 messages\. Messages older than 2026-09-15 were not captured/);
  });
  it('latest N on a profile, with the pinned post; fewer than N; everything; partial', () => {
    expect(boundFields({ kind: 'latest', count: 120, reached: true, excluded: 5, extra: 1 }, 'profile', 121, false).coverage).toBe(
      'Complete for the chosen range: the latest 120 posts on the profile’s timeline, newest first on the page. Older posts were not captured. It also holds the pinned post shown at the top, marked pinned, which does not count.',
    );
    expect(boundFields({ kind: 'latest', count: 120, reached: false, excluded: 0, extra: 0 }, 'profile', 80, false).coverage).toBe('Complete: all 80 posts on the profile’s timeline, fewer than the 120 asked for.');
    expect(boundFields({ kind: 'all', reached: false, excluded: 0, extra: 0 }, 'dm-thread', 9, false)).toEqual({ bound: 'all', boundReached: 'false', coverage: 'Complete: every message the site loaded, back to the first: 9 messages.' });
    expect(boundFields({ kind: 'latest', count: 120, reached: false, excluded: 0, extra: 0 }, 'profile', 30, true).coverage).toMatch(/^Asked for the latest 120 posts on the profile’s timeline\. The capture ended early/);
  });
});

describe('ThreadEngine with a bound', () => {
  it('a conversation back to a date: stops going up at the first older message, keeps exactly the range, marks it reached', async () => {
    const items = conversation(1000);
    const site = new FakeList(items, 60, false);
    const h = deps(site);
    const since = iso(T0 + 700 * 60_000 - 1);
    const container: ThreadContainer = { element: site.scroller, recordKind: 'dm-thread' };
    const result = await new ThreadEngine(support(site, items), container, () => ({ url: new URL('https://x.com/i/chat/1-2'), document }), h.deps, { settleMs: 300, bound: { kind: 'since', since, date: 'd' } }).run();
    expect(result.partial).toBeUndefined();
    expect(result.order).toEqual(items.slice(700).map((x) => x.key));
    expect(result.bound).toMatchObject({ kind: 'since', reached: true, extra: 0 });
    expect(result.bound.excluded).toBeGreaterThan(0);
    // It did not go all the way back: far fewer than 1000 rows were loaded.
    expect(site.loaded.length).toBeLessThan(400);
    expect(result.oldest).toBe(items[700]!.time);
  });

  it('a profile timeline, latest N: reads down from the top, stops after N posts (pinned kept, not counted)', async () => {
    const items = timeline(300);
    const site = new FakeList(items, 21, true);
    const h = deps(site);
    const container: ThreadContainer = { element: site.scroller, recordKind: 'profile', newestFirst: true };
    const result = await new ThreadEngine(support(site, items), container, () => ({ url: new URL('https://x.com/a'), document }), h.deps, { settleMs: 300, bound: { kind: 'latest', count: 120 } }).run();
    expect(result.partial).toBeUndefined();
    expect(result.order).toEqual(items.slice(0, 121).map((x) => x.key));
    expect(result.bound).toMatchObject({ kind: 'latest', count: 120, reached: true, extra: 1 });
    expect(site.loaded.length).toBeLessThan(200);
    expect(site.scroller.scrollTop).toBe(0);
  });

  it('a profile timeline back to a date: a repost’s older time does not stop it; the first older post does', async () => {
    const items = timeline(300);
    const site = new FakeList(items, 21, true);
    const h = deps(site);
    const since = iso(T0 - 100.5 * 3_600_000);
    const container: ThreadContainer = { element: site.scroller, recordKind: 'profile', newestFirst: true };
    const result = await new ThreadEngine(support(site, items), container, () => ({ url: new URL('https://x.com/a'), document }), h.deps, { settleMs: 300, bound: { kind: 'since', since, date: 'd' } }).run();
    // Entries 0..100 are newer than the date; entry 101 is a repost (of an older post) just past it and does not end
    // the capture; entry 102 is the first older post and does.
    expect(items[102]!.key).toBe('r101');
    expect(result.order).toEqual(items.slice(0, 103).map((x) => x.key));
    expect(result.bound).toMatchObject({ kind: 'since', reached: true, extra: 1 });
  });

  it('a profile timeline read without screenshots by someone who had scrolled down first: still from the top', async () => {
    const items = timeline(150);
    const site = new FakeList(items, 60, true);
    site.scroller.scrollTop = 300;
    const h = deps(site);
    const container: ThreadContainer = { element: site.scroller, recordKind: 'profile', newestFirst: true };
    const result = await new ThreadEngine(support(site, items), container, () => ({ url: new URL('https://x.com/a'), document }), h.deps, { settleMs: 300, screenshots: false }).run();
    expect(result.order).toEqual(items.map((x) => x.key));
    // The reader is put back where they were.
    expect(site.scroller.scrollTop).toBe(300);
  });

  it('a profile timeline, everything: to the end, every entry once, in page order', async () => {
    const items = timeline(150);
    const site = new FakeList(items, 21, true);
    const h = deps(site);
    const container: ThreadContainer = { element: site.scroller, recordKind: 'profile', newestFirst: true };
    const result = await new ThreadEngine(support(site, items), container, () => ({ url: new URL('https://x.com/a'), document }), h.deps, { settleMs: 300 }).run();
    expect(result.order).toEqual(items.map((x) => x.key));
    expect(new Set(h.sent.map((e) => e.key)).size).toBe(h.sent.length);
    expect(result.bound).toMatchObject({ kind: 'all', reached: false, excluded: 0 });
  });
});
