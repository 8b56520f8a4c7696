// @vitest-environment happy-dom
/**
 * The "how far back" dialog (issue #4): a labelled modal dialog; "everything" is the default and focused; typing in
 * a field selects its option; invalid input is named and nothing starts; Enter starts, Escape and Cancel cancel, and
 * focus goes back to the control that opened it; Tab stays inside. Closed shadow roots are reached here by recording
 * what attachShadow returns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseBound } from './dialog';

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

const host = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement;
const inner = <T extends Element>(testid: string, sel: string) => roots.get(host(testid))!.querySelector(sel) as T;
/** Marks an event as the browser marks a person's (happy-dom makes none trusted; a page can never make one). */
function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}
const key = (target: Element, k: string, shift = false) => target.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, composed: true, cancelable: true })));
const press = (b: HTMLButtonElement) => b.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 })));
function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function control(): HTMLElement {
  const b = document.createElement('button');
  document.body.append(b);
  return b;
}

describe('bound dialog', () => {
  it('is a labelled modal dialog, "everything" chosen and focused; a conversation has no count field', async () => {
    const opener = control();
    const p = chooseBound({ kind: 'dm-thread', title: 'Capture the whole conversation', returnFocus: opener });
    const dlg = host('holdfast-bound-dialog');
    const box = roots.get(dlg)!.querySelector('[role="dialog"]')!;
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(roots.get(dlg)!.getElementById(box.getAttribute('aria-labelledby')!)?.textContent).toBe('Capture the whole conversation');
    expect(dlg.getAttribute('data-choice')).toBe('all');
    const radios = Array.from(roots.get(host('holdfast-bound-choice'))!.querySelectorAll('input[type="radio"]')) as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['all', 'since']);
    expect(radios[0]!.checked).toBe(true);
    expect(roots.get(host('holdfast-bound-choice'))!.activeElement).toBe(radios[0]);
    expect(host('holdfast-bound-count')).toBeNull();
    // Every field has a label (its own <label> in its shadow root).
    expect(inner<HTMLInputElement>('holdfast-bound-date', 'input').closest('label')).not.toBeNull();
    key(dlg, 'Escape');
    expect(await p).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(host('holdfast-bound-dialog')).toBeNull();
  });

  it('typing a date chooses "back to a date"; Enter starts with the start of that local day', async () => {
    const p = chooseBound({ kind: 'dm-thread', title: 't' });
    const date = inner<HTMLInputElement>('holdfast-bound-date', 'input');
    type(date, '2026-09-15');
    expect(host('holdfast-bound-dialog').getAttribute('data-choice')).toBe('since');
    expect(host('holdfast-bound-dialog').getAttribute('data-date')).toBe('2026-09-15');
    key(host('holdfast-bound-date'), 'Enter');
    expect(await p).toEqual({ kind: 'since', since: new Date(2026, 8, 15).toISOString(), date: '2026-09-15' });
  });

  it('an empty or future date is named as the problem and nothing starts', async () => {
    const p = chooseBound({ kind: 'dm-thread', title: 't' });
    const radios = roots.get(host('holdfast-bound-choice'))!.querySelectorAll('input') as NodeListOf<HTMLInputElement>;
    radios[1]!.checked = true;
    radios[1]!.dispatchEvent(new Event('change'));
    press(inner<HTMLButtonElement>('holdfast-bound-start', 'button'));
    const error = roots.get(host('holdfast-bound-dialog'))!.querySelector('[role="alert"]')!;
    expect(error.textContent).not.toBe('');
    expect(inner<HTMLInputElement>('holdfast-bound-date', 'input').getAttribute('aria-invalid')).toBe('true');
    expect(host('holdfast-bound-dialog')).not.toBeNull();
    type(inner<HTMLInputElement>('holdfast-bound-date', 'input'), '2999-01-01');
    press(inner<HTMLButtonElement>('holdfast-bound-start', 'button'));
    expect(host('holdfast-bound-dialog')).not.toBeNull();
    press(inner<HTMLButtonElement>('holdfast-bound-cancel', 'button'));
    expect(await p).toBeNull();
  });

  it('a profile also offers the latest N posts; typing a number chooses it', async () => {
    const p = chooseBound({ kind: 'profile', title: 'Capture the profile with its posts' });
    expect(Array.from(roots.get(host('holdfast-bound-choice'))!.querySelectorAll('input')).map((r) => (r as HTMLInputElement).value)).toEqual(['all', 'since', 'latest']);
    const count = inner<HTMLInputElement>('holdfast-bound-count', 'input');
    expect(count.closest('label')).not.toBeNull();
    type(count, '120');
    expect(host('holdfast-bound-dialog').getAttribute('data-choice')).toBe('latest');
    press(inner<HTMLButtonElement>('holdfast-bound-start', 'button'));
    expect(await p).toEqual({ kind: 'latest', count: 120 });
  });

  it('"everything" starts as is; Tab from the last part wraps to the first and Shift+Tab back', async () => {
    const p = chooseBound({ kind: 'profile', title: 't' });
    const dlg = host('holdfast-bound-dialog');
    host('holdfast-bound-start').focus();
    key(host('holdfast-bound-start'), 'Tab');
    expect(document.activeElement).toBe(host('holdfast-bound-choice'));
    key(host('holdfast-bound-choice'), 'Tab', true);
    expect(document.activeElement).toBe(host('holdfast-bound-start'));
    host('holdfast-bound-choice').focus();
    key(dlg, 'Enter');
    expect(await p).toEqual({ kind: 'all' });
  });
  it("a page's script can neither start nor cancel it (issue #12): its synthetic keys and clicks do nothing", async () => {
    const p = chooseBound({ kind: 'profile', title: 'Capture the profile with posts', returnFocus: control() });
    const dlg = host('holdfast-bound-dialog');
    const pageSaw: string[] = [];
    document.addEventListener('keydown', (e) => pageSaw.push(e.key));
    for (const k of ['Enter', 'Escape']) dlg.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
    host('holdfast-bound-start').click();
    host('holdfast-bound-cancel').click();
    inner<HTMLButtonElement>('holdfast-bound-start', 'button').click();
    inner<HTMLButtonElement>('holdfast-bound-cancel', 'button').click();
    let settled = false;
    void p.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(host('holdfast-bound-dialog')).toBe(dlg);
    expect(dlg.getAttribute('data-state')).toBe('open');
    expect(pageSaw, "the page's own events pass on untouched").toEqual(['Enter', 'Escape']);
    key(dlg, 'Enter');
    expect(await p).toEqual({ kind: 'all' });
  });
});
