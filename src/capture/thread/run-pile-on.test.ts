// @vitest-environment happy-dom
/**
 * Issue #14, wiring: a whole-thread capture of a post offers the pile-on list from the entries it sent, and its
 * "Report accounts…" asks the background with the record the background just saved; nothing is offered when the save
 * failed or for a conversation. The engine is replaced by one that sends fixed entries (it is tested on its own).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureResult } from '../../messaging/protocol';
import type { CaptureTarget, SiteAdapter, ThreadSupport } from '../../sites/types';

const reply = (handle: string, text: string): ExtractedContent => ({ kind: 'reply', platform: 'x', author: { handle }, text, links: [], media: [], method: 'adapter', warnings: [] });
const ENTRIES = [reply('bob', 'a'), reply('amy', 'b'), reply('bob', 'c'), reply('victim', 'd')];

vi.mock('./engine', () => ({
  ThreadEngine: class {
    constructor(
      _s: unknown,
      _c: unknown,
      _ctx: unknown,
      private readonly deps: { send(entries: { key: string; content: ExtractedContent }[], shot: null): Promise<unknown> },
    ) {}
    async run() {
      await this.deps.send(ENTRIES.slice(0, 2).map((content, i) => ({ key: `k${i}`, content })), null);
      await this.deps.send(ENTRIES.slice(2).map((content, i) => ({ key: `k${i + 2}`, content })), null);
      return { order: ['k0', 'k1', 'k2', 'k3'], count: 4, bound: { kind: 'all', reached: false, excluded: 0, extra: 0 }, notes: [], stats: { elapsedMs: 1, loadWaitMs: 0, scrolls: 0, clicks: 0, shots: 0 } };
    }
    stop() {}
  },
}));

const { captureThread } = await import('./run');

let roots: Map<Element, ShadowRoot>;
beforeEach(() => {
  roots = new Map();
  const orig = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
    const r = orig.call(this, init);
    roots.set(this, r);
    return r;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

function setup(kind: 'post' | 'dm-thread', finish: CaptureResult) {
  const element = document.createElement('div');
  document.body.append(element);
  const head: ExtractedContent = { ...reply('victim', 'my post'), kind: kind === 'post' ? 'post' : 'dm-thread' };
  const support = { container: () => ({ element, recordKind: kind }), head: () => head } as unknown as ThreadSupport;
  const adapter = { id: 'x', version: '1', reportRoutes: () => [] } as unknown as SiteAdapter;
  const sent: { type: string; [k: string]: unknown }[] = [];
  const send = vi.fn(async (m: { type: string; [k: string]: unknown }) => {
    sent.push(m);
    if (m.type === 'thread:begin') return { ok: true, session: 's1' };
    if (m.type === 'thread:segment') return { ok: true, shot: 'none' };
    if (m.type === 'thread:finish') return finish;
    if (m.type === 'pileon:open') return { ok: true };
    return { ok: true };
  });
  const deps = { send: send as never, setControlsVisible: () => undefined, announce: () => undefined };
  return { run: () => captureThread(adapter, support, {} as CaptureTarget, deps), sent };
}

const saved: CaptureResult = { ok: true, recordId: 'rec-9', seq: 9, screenshot: 'none', extraction: 'adapter', warnings: [] };
const progress = () => document.querySelector<HTMLElement>('[data-testid="holdfast-thread-progress"]');

describe('captureThread offers the pile-on list', () => {
  it('after a saved post: the repliers from the entries sent; Report… asks the background for that record', async () => {
    const { run, sent } = setup('post', saved);
    await run();
    expect(progress()!.dataset.pileon).toBe('2');
    const section = roots.get(progress()!)!.querySelector('section.pile')!;
    expect([...section.querySelectorAll('li')].map((li) => li.dataset.count)).toEqual(['2', '1']);
    section.querySelector<HTMLInputElement>('input')!.checked = true;
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    roots.get(document.querySelector('[data-testid="holdfast-pileon-open"]')!)!.querySelector('button')!.dispatchEvent(click);
    expect(sent.filter((m) => m.type === 'pileon:open')).toEqual([{ type: 'pileon:open', recordId: 'rec-9', accounts: ['x:@bob'] }]);
  });

  it('nothing when the save failed, and nothing for a conversation', async () => {
    const failed = setup('post', { ok: false, code: 'invalid', message: 'no' });
    await failed.run();
    expect(progress()!.dataset.state).toBe('error');
    expect(progress()!.dataset.pileon).toBeUndefined();
    expect(document.querySelector('[data-testid="holdfast-pileon-open"]')).toBeNull();
    document.body.replaceChildren();
    const dm = setup('dm-thread', saved);
    await dm.run();
    expect(progress()!.dataset.state).toBe('ok');
    expect(progress()!.dataset.pileon).toBeUndefined();
    expect(dm.sent.some((m) => m.type === 'pileon:open')).toBe(false);
  });
});
