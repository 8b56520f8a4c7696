// @vitest-environment happy-dom
/**
 * The whole-thread engine on a list drawn bottom-up (flex-direction: column-reverse, as Instagram's conversation is):
 * scrollTop is 0 at the newest message and negative above it. The engine must still go all the way up, come back
 * down, send non-negative screen offsets for the stitched screenshot, and put the reader back at the newest message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadShotRequest } from '../../messaging/protocol';
import type { ThreadContainer, ThreadSupport } from '../../sites/types';
import { type EngineDeps, ThreadEngine } from './engine';

const ROW = 10;
const VIEW = 100;

/** A virtualised bottom-up list: ~30 rows in the DOM, older pages prepended at the top after a delay. */
class ReversedList {
  readonly scroller: HTMLElement;
  readonly list: HTMLElement;
  /** Raw scrollTop: 0 at the bottom, -(height - VIEW) at the top. */
  private raw = 0;
  private loadingUntil: number | null = null;
  spinner: HTMLElement | null = null;
  loaded: string[];

  constructor(
    private readonly all: string[],
    initial: number,
    private readonly page = 50,
    private readonly delay = 200,
  ) {
    this.loaded = all.slice(all.length - initial);
    this.scroller = document.createElement('div');
    this.scroller.style.display = 'flex';
    this.scroller.style.flexDirection = 'column-reverse';
    this.scroller.style.overflowY = 'auto';
    this.list = document.createElement('div');
    this.scroller.append(this.list);
    document.body.append(this.scroller);
    Object.defineProperty(this.scroller, 'scrollTop', {
      get: () => this.raw,
      set: (v: number) => {
        this.raw = Math.min(0, Math.max(v, -(this.height - VIEW)));
        this.onScroll();
      },
    });
    Object.defineProperty(this.scroller, 'scrollHeight', { get: () => this.height });
    Object.defineProperty(this.scroller, 'clientHeight', { get: () => VIEW });
    this.render();
  }

  get height(): number {
    return this.loaded.length * ROW;
  }

  /** Distance of the viewport's top from the top of the content. */
  get fromTop(): number {
    return this.raw + (this.height - VIEW);
  }

  private onScroll(): void {
    if (this.fromTop <= 0 && this.loaded.length < this.all.length && this.loadingUntil === null) {
      this.loadingUntil = 0;
      this.spinner = document.createElement('div');
      this.spinner.setAttribute('role', 'progressbar');
      this.scroller.append(this.spinner);
    }
    this.render();
  }

  tick(now: number): void {
    if (this.loadingUntil === 0) this.loadingUntil = now + this.delay;
    if (this.loadingUntil !== null && now >= this.loadingUntil) {
      const have = this.all.length - this.loaded.length;
      // Prepending keeps raw scrollTop (distance from the bottom): the reader's place stays by itself.
      this.loaded = [...this.all.slice(Math.max(0, have - this.page), have), ...this.loaded];
      this.loadingUntil = null;
      this.spinner?.remove();
      this.spinner = null;
      this.render();
    }
  }

  render(): void {
    this.list.replaceChildren();
    const first = Math.max(0, Math.floor(this.fromTop / ROW) - 10);
    const last = Math.min(this.loaded.length, Math.ceil((this.fromTop + VIEW) / ROW) + 10);
    for (let i = first; i < last; i++) {
      const row = document.createElement('div');
      row.setAttribute('data-key', this.loaded[i]!);
      this.list.append(row);
    }
  }
}

function supportFor(site: ReversedList): ThreadSupport {
  const content = (text: string): ExtractedContent => ({ kind: 'dm-message', platform: 'instagram', text, links: [], media: [], method: 'adapter', warnings: [] });
  return {
    container: () => null,
    scroller: () => site.list,
    rows: () => Array.from(site.list.querySelectorAll('[data-key]')),
    keyOf: (row) => row.getAttribute('data-key'),
    entryOf: (row) => ({ key: row.getAttribute('data-key')!, content: content(row.getAttribute('data-key')!) }),
    loading: () => !!site.spinner?.isConnected,
    expanders: () => [],
    isAllowedClick: () => false,
    head: () => ({ kind: 'dm-thread', platform: 'instagram', links: [], media: [], method: 'adapter', warnings: [] }),
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ThreadEngine on a bottom-up (column-reverse) list', () => {
  it('collects every message once, in order, with non-negative screen offsets, and ends at the newest message', async () => {
    const all = Array.from({ length: 600 }, (_, i) => `m${i}`);
    const site = new ReversedList(all, 60);
    let now = 0;
    const shots: ThreadShotRequest[] = [];
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
      send: async (_entries, shot) => {
        if (shot) shots.push(shot);
        return { shot: 'pixel' };
      },
    };
    const container: ThreadContainer = { element: site.scroller, recordKind: 'dm-thread' };
    const result = await new ThreadEngine(supportFor(site), container, () => ({ url: new URL('https://www.instagram.com/direct/t/1/'), document }), deps, { settleMs: 300 }).run();
    expect(result.partial).toBeUndefined();
    expect(result.order).toEqual(all);
    expect(shots.length).toBeGreaterThan(50);
    const tops = shots.map((s) => s.scrollTop);
    expect(Math.min(...tops)).toBe(0);
    for (let i = 1; i < tops.length; i++) expect(tops[i]!).toBeGreaterThan(tops[i - 1]!);
    // Back at the newest message (raw scrollTop 0 on a bottom-up list).
    expect(site.scroller.scrollTop).toBe(0);
  });
});
