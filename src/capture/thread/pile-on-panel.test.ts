// @vitest-environment happy-dom
/**
 * Issue #14: the pile-on list in the whole-thread panel. The accounts that replied, most replies first (the vault's
 * list), names as plain text, tick boxes in order; "Report accounts…" gives the ticked ids, only on a person's click;
 * Escape and Close close; the panel stays while the list is shown. Closed shadow roots are reached by recording what
 * attachShadow returns (as in dialog.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import { ThreadPanel } from './panel';
import { buildPileOnList, PANEL_ACCOUNTS, panelAccounts } from './pile-on-panel';

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
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}
const press = (b: Element, person = true) => {
  const e = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 });
  b.dispatchEvent(person ? trusted(e) : e);
};

const reply = (handle: string | undefined, text: string, extra: Partial<ExtractedContent> = {}): ExtractedContent => ({
  kind: 'reply',
  platform: 'x',
  ...(handle ? { author: { handle } } : {}),
  text,
  links: [],
  media: [],
  method: 'adapter',
  warnings: [],
  ...extra,
});
const head: ExtractedContent = { ...reply('victim', 'my post'), kind: 'post' };
const entries = [
  reply('bob', 'a'),
  reply('amy', 'b'),
  reply('bob', 'c'),
  reply('victim', 'thanks all'),
  reply(undefined, 'x', { author: { displayName: '<img src=x onerror=alert(1)>' } }),
  reply('bob', 'd'),
  reply('amy', 'e'),
  reply('me', 'mine', { direction: 'sent' }),
];

describe('panelAccounts', () => {
  it('the accounts that replied, most replies first, without the post\'s author or the person\'s own replies', () => {
    expect(panelAccounts(head, entries).map((a) => [a.id, a.count])).toEqual([
      ['x:@bob', 3],
      ['x:@amy', 2],
      ['x:name:<img src=x onerror=alert(1)>', 1],
    ]);
    expect(panelAccounts(head, [])).toEqual([]);
  });
});

describe('buildPileOnList', () => {
  it('lists names as text with counts, gives the ticked ids in list order, Escape and Close close', () => {
    const onOpen = vi.fn();
    const onClose = vi.fn();
    const built = buildPileOnList(document, panelAccounts(head, entries), { onOpen, onClose });
    document.body.append(built.element);
    const section = built.element;
    expect(section.querySelector('h2')!.id).toBe(section.getAttribute('aria-labelledby'));
    const items = [...section.querySelectorAll('li')];
    expect(items.map((li) => li.dataset.count)).toEqual(['3', '2', '1']);
    expect(section.querySelector('img')).toBeNull();
    expect(items[2]!.textContent).toContain('pileAccount');
    // Every tick box has its label (the account and its count) around it.
    for (const li of items) expect(li.querySelector('label > input[type="checkbox"]')).not.toBeNull();
    const boxes = [...section.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.every((b) => !b.checked)).toBe(true);
    boxes[2]!.checked = true;
    boxes[0]!.checked = true;
    press(built.open);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]![0]).toEqual(['x:@bob', 'x:name:<img src=x onerror=alert(1)>']);
    section.querySelector('button')!.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true })));
    press(section.querySelector('button.close')!);
    expect(onClose).toHaveBeenCalledTimes(2);
    built.showError('boom');
    expect(section.querySelector('[role="alert"]')!.textContent).toBe('boom');
  });

  it(`lists at most ${PANEL_ACCOUNTS} and says how many more are on the vault page`, () => {
    const many = Array.from({ length: PANEL_ACCOUNTS + 7 }, (_, i) => reply(`user${i}`, 't'));
    const built = buildPileOnList(document, panelAccounts(head, many), { onOpen: vi.fn(), onClose: vi.fn() });
    expect(built.element.querySelectorAll('li')).toHaveLength(PANEL_ACCOUNTS);
    expect(built.element.querySelector('.more')!.textContent).toBe('pileMore');
  });
});

describe('ThreadPanel.offerPileOn', () => {
  const panelRoot = () => roots.get(document.querySelector('[data-testid="holdfast-thread-progress"]')!)!;
  const button = (testid: string) => roots.get(document.querySelector(`[data-testid="${testid}"]`)!)!.querySelector('button')!;

  it('after a saved post: the list stays, the Report button (its own host) sends the ticked ids on a person\'s click only', async () => {
    vi.useFakeTimers();
    const panel = new ThreadPanel('post', () => undefined);
    panel.show();
    panel.finish('ok', 'Saved');
    const open = vi.fn(async (_ids: string[]) => ({ ok: true as const }));
    panel.offerPileOn(panelAccounts(head, entries), open);
    const host = document.querySelector<HTMLElement>('[data-testid="holdfast-thread-progress"]')!;
    expect(host.dataset.pileon).toBe('3');
    vi.advanceTimersByTime(60_000);
    expect(host.isConnected).toBe(true);
    const section = panelRoot().querySelector('section.pile')!;
    // The list is a labelled section outside the live status (a list is not an announcement); the status says it is there.
    expect(section.closest('[role="status"]')).toBeNull();
    expect(panelRoot().querySelector('[role="status"]')!.textContent).toContain('pileListed');
    expect(section.querySelector('slot[name="pileon-open"]')).not.toBeNull();
    section.querySelectorAll<HTMLInputElement>('input')[1]!.checked = true;
    press(button('holdfast-pileon-open'), false);
    expect(open).not.toHaveBeenCalled();
    press(button('holdfast-pileon-open'));
    expect(open).toHaveBeenCalledWith(['x:@amy']);
    press(button('holdfast-pileon-close'), false);
    expect(host.isConnected).toBe(true);
    press(button('holdfast-pileon-close'));
    expect(host.isConnected).toBe(false);
  });

  it('says so when the vault page could not be opened; offers nothing when nobody else replied', async () => {
    const panel = new ThreadPanel('post', () => undefined);
    panel.show();
    panel.finish('ok', 'Saved');
    panel.offerPileOn(panelAccounts(head, entries), async () => ({ ok: false, message: 'no tab' }));
    press(button('holdfast-pileon-open'));
    await vi.waitFor(() => expect(panelRoot().querySelector('[role="alert"]')!.textContent).toBe('pileOpenFailed'));
    document.body.replaceChildren();
    const quiet = new ThreadPanel('post', () => undefined);
    quiet.show();
    quiet.finish('ok', 'Saved');
    quiet.offerPileOn(panelAccounts(head, [reply('victim', 'only me')]), vi.fn());
    expect(document.querySelector('[data-testid="holdfast-pileon-open"]')).toBeNull();
    expect(document.querySelector<HTMLElement>('[data-testid="holdfast-thread-progress"]')!.dataset.pileon).toBeUndefined();
  });
});
