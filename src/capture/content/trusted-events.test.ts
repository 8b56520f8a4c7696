// @vitest-environment happy-dom
/**
 * Issue #12: a page's own script cannot start a capture. A synthetic `host.click()` or dispatched event on a Holdfast
 * control is refused without a trace: nothing sent to the background, no toast, no change in the page, and the event
 * goes on to the page's own listeners as if Holdfast were not there. A person's click (a trusted event) still captures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { runContentScript } from './content-main';
import { ContentScriptContext } from './quiet-context';
import { CONTROL_ATTR, TOAST_ATTR } from './ui-elements';

const fakeSite: SiteAdapter = {
  id: 'x',
  version: 'test',
  hosts: ['localhost'],
  selectors: {},
  fixtureDir: 'none',
  matches: (url) => url.pathname.startsWith('/feed'),
  findTargets: (root) => Array.from(root.querySelectorAll('article'), (element): CaptureTarget => ({ element, kind: 'post' })),
  extract: () => ({ kind: 'post', platform: 'x', text: 'hello', author: {}, media: [], links: [], method: 'adapter', warnings: [] }) as never,
  reportRoutes: () => [],
};

/** A click as the browser makes it for a person (happy-dom has no trusted events; browsers never let a page make one). */
function personClick(): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 });
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}

const SAVED = { ok: true, recordId: 'r', seq: 1, screenshot: 'pixel', extraction: 'adapter', warnings: [] };
const sentMessage = (spy: { mock: { calls: unknown[][] } }, i = 0) => spy.mock.calls[i]![0] as { type: string; via: string; content: { kind: string } };

let ctx: ContentScriptContext;
beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/feed');
  document.body.innerHTML = '<article>one</article><article>two</article>';
});
afterEach(() => {
  ctx?.notifyInvalidated();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('only a person can start a capture (issue #12)', () => {
  it("refuses a page script's host.click() and dispatched clicks silently, and still captures a person's click", async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(SAVED as never);
    ctx = new ContentScriptContext('test');
    runContentScript(ctx, [fakeSite]);
    const hosts = Array.from(document.querySelectorAll<HTMLElement>(`[${CONTROL_ATTR}]`));
    expect(hosts.length).toBe(2);
    const pageSaw: string[] = [];
    document.addEventListener('click', (e) => pageSaw.push(e.type));
    const before = document.documentElement.outerHTML;

    for (const host of hosts) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).not.toHaveBeenCalled();
    expect(document.querySelector(`[${TOAST_ATTR}]`)).toBeNull();
    expect(document.documentElement.outerHTML, 'the page is left exactly as it was').toBe(before);
    expect(pageSaw.length, "the page's own listeners got its events, untouched").toBe(4);

    hosts[0]!.dispatchEvent(personClick());
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(sentMessage(sent).type).toBe('capture:item');
    expect(sentMessage(sent).via).toBe('control');
    expect(pageSaw.length, "a person's click on a control never reaches the site").toBe(4);
  });

  it("a page's synthetic contextmenu event does not choose what the browser's context menu captures", async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(SAVED as never);
    ctx = new ContentScriptContext('test');
    runContentScript(ctx, [fakeSite]);
    const second = document.querySelectorAll('article')[1]!;
    second.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    // The background's question after a browser context-menu click, as the content script receives it.
    void fakeBrowser.runtime.onMessage.trigger({ type: 'content:capture-context', via: 'context-menu', pageOnly: false }, {}, () => undefined);
    // Whatever the menu captured, it is not the item the page pointed at: no right-click by a person happened, so it is the page.
    await vi.waitFor(() => expect(sent).toHaveBeenCalled(), { timeout: 3000 });
    expect(sentMessage(sent).content.kind).toBe('page');
  });
});
