// @vitest-environment happy-dom
/**
 * Quick exit from Holdfast's in-page elements: a page's own script cannot set it off (synthetic Escape presses on our
 * elements are not trusted), and only Holdfast's own elements count. The trusted path runs in the browser tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followDiscreet, installPanelQuickExit, isHoldfastElement } from './discretion';

describe('in-page quick exit and discretion', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('knows its own elements', () => {
    const control = document.createElement('holdfast-capture');
    const panel = document.createElement('holdfast-thread-progress');
    const tagged = document.createElement('span');
    tagged.setAttribute('data-holdfast-capture', 'post');
    expect([control, panel, tagged].map(isHoldfastElement)).toEqual([true, true, true]);
    expect(isHoldfastElement(document.createElement('div'))).toBe(false);
    expect(isHoldfastElement(window)).toBe(false);
  });

  it("a page's synthetic Escape presses on a Holdfast element never start a quick exit", async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const stop = installPanelQuickExit();
    const control = document.createElement('holdfast-capture');
    document.body.append(control);
    for (let i = 0; i < 4; i++) control.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await new Promise((r) => setTimeout(r, 10));
    expect(send).not.toHaveBeenCalled();
    stop();
  });

  it('follows the discreet setting live', async () => {
    const seen: boolean[] = [];
    const stop = followDiscreet((on) => seen.push(on));
    await new Promise((r) => setTimeout(r, 10));
    await fakeBrowser.storage.local.set({ settings: { discreet: true } });
    await new Promise((r) => setTimeout(r, 10));
    stop();
    await fakeBrowser.storage.local.set({ settings: { discreet: false } });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([false, true]);
  });
});
