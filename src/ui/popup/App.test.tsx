// @vitest-environment happy-dom
/** Issue #14: the popup's "Capture and report" hands the flow to the page (only on the supported sites). */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from './App';

let root: HTMLElement;
let sent: { type: string; tabId?: number }[];
beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: unknown) => {
    const m = msg as { type: string; tabId?: number };
    sent.push(m);
    if (m.type === 'permissions:status') return { allUrls: true };
    if (m.type === 'report:page') return { ok: true };
    return undefined;
  }) as never);
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});


async function pressReport(url: string): Promise<string> {
  const tab = { id: 5, url, index: 0, highlighted: true, active: true, pinned: false, incognito: false, windowId: 1 };
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => [tab]) as never);
  await act(async () => {
    render(<App />, root);
  });
  await act(async () => {
    root.querySelector<HTMLButtonElement>('[data-testid="popup-capture-report"]')!.click();
    await new Promise((r) => setTimeout(r, 20));
  });
  return root.querySelector('[data-testid="popup-report-note"]')?.textContent ?? '';
}

describe('popup: Capture and report', () => {
  it('asks the background to run it in a supported tab, then steps aside', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const note = await pressReport('https://x.com/grimshaw_k/status/1');
    expect(sent.filter((m) => m.type === 'report:page')).toEqual([{ type: 'report:page', tabId: 5 }]);
    expect(note).toBe('repfPopupStarted');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 450));
    });
    expect(close).toHaveBeenCalled();
  });

  it('says where it works, and sends nothing, on any other page', async () => {
    const note = await pressReport('https://example.org/');
    expect(sent.some((m) => m.type === 'report:page')).toBe(false);
    expect(note).toBe('repfPopupUnsupported');
  });
});
