// @vitest-environment happy-dom
/**
 * Issue #12: a page must not learn that Holdfast is installed from events or messages. WXT's own content-script
 * context posts a window message and dispatches a document event (both named after the extension id) when a script
 * starts, and a window event at each in-page navigation; Holdfast's quiet context (used by the build instead, see
 * wxt.config.ts) does none of that, and the content script on it still follows navigation, ends with its context and
 * clears what an older copy left behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { runContentScript } from './content-main';
import { ContentScriptContext, quietContext } from './quiet-context';
import { CONTROL_ATTR } from './ui-elements';

const fakeSite: SiteAdapter = {
  id: 'x',
  version: 'test',
  hosts: ['localhost'],
  selectors: {},
  fixtureDir: 'none',
  matches: (url) => url.pathname.startsWith('/feed'),
  findTargets: (root) => Array.from(root.querySelectorAll('article'), (element): CaptureTarget => ({ element, kind: 'post' })),
  extract: () => {
    throw new Error('not used');
  },
  reportRoutes: () => [],
};

/** Everything a page script could hear: window messages, and any event dispatched on window or document. */
function listen(): { heard: string[] } {
  const heard: string[] = [];
  vi.spyOn(window, 'postMessage').mockImplementation((m: unknown) => heard.push(`postMessage ${JSON.stringify(m)}`));
  const onDoc = vi.spyOn(document, 'dispatchEvent');
  const onWin = vi.spyOn(window, 'dispatchEvent');
  return {
    get heard() {
      return [
        ...heard,
        ...onDoc.mock.calls.map((c) => `document ${(c[0] as Event).type}`),
        ...onWin.mock.calls.map((c) => `window ${(c[0] as Event).type}`),
      ];
    },
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/feed');
  document.body.innerHTML = '<article>one</article><article>two</article>';
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe("the quiet content-script context (nothing a page can hear)", () => {
  it("WXT's own context announces itself to the page (why Holdfast replaces it)", () => {
    const ear = listen();
    const ctx = new WxtContext('x', { noScriptStartedPostMessage: true });
    expect(ear.heard.some((h) => h.includes('wxt:content-script-started')), ear.heard.join('\n')).toBe(true);
    ctx.notifyInvalidated();
  });

  it('starts, follows in-page navigation and ends without one message or event in the page', async () => {
    const ear = listen();
    const ctx = new ContentScriptContext('x');
    const runtime = runContentScript(ctx, [fakeSite]);
    expect(document.querySelectorAll(`[${CONTROL_ATTR}]`).length).toBe(2);
    history.pushState(null, '', '/settings');
    await vi.waitFor(() => expect(runtime.controls).toBeNull(), { timeout: 3000 });
    history.pushState(null, '', '/feed/2');
    await vi.waitFor(() => expect(document.querySelectorAll(`[${CONTROL_ATTR}]`).length).toBe(2), { timeout: 3000 });
    ctx.notifyInvalidated();
    expect(document.querySelectorAll(`[${CONTROL_ATTR}]`).length).toBe(0);
    expect(ear.heard).toEqual([]);
  });

  it('a newer copy of the script clears what an older (dead) copy left in the page', () => {
    const old = new ContentScriptContext('x');
    runContentScript(old, [fakeSite]);
    expect(document.querySelectorAll(`[${CONTROL_ATTR}]`).length).toBe(2);
    // The old copy died without cleaning up (Firefox: a removed add-on's sandbox is gone, its elements stay).
    const fresh = new ContentScriptContext('x');
    runContentScript(fresh, [fakeSite]);
    expect(document.querySelectorAll(`[${CONTROL_ATTR}]`).length).toBe(2);
    fresh.notifyInvalidated();
    old.notifyInvalidated();
  });

  it("takes over from a WXT context if the build alias ever stopped applying, and ends with it", () => {
    const wxt = new WxtContext('x', { noScriptStartedPostMessage: true });
    const quiet = quietContext(wxt, 'x');
    expect(quiet).toBeInstanceOf(ContentScriptContext);
    expect(quietContext(quiet, 'x')).toBe(quiet);
    wxt.notifyInvalidated();
    expect(quiet.signal.aborted).toBe(true);
  });
});
