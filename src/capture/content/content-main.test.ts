// @vitest-environment happy-dom
/**
 * The content script ends with its WXT context: after invalidation (extension updated, reloaded or removed, or a
 * newer copy of the script started) no observer, control, toast, listener or timer of the old script is left.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from './quiet-context';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { runContentScript } from './content-main';
import { CONTROL_ATTR } from './ui-elements';

/** A site whose items are <article>s, on /feed only. */
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

const controls = () => document.querySelectorAll(`[${CONTROL_ATTR}]`).length;
/** Lets the controls' scan (scheduled after the next frame) and the observer run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const addArticle = () => document.body.append(document.createElement('article'));

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/feed');
  document.body.innerHTML = '<article>one</article><article>two</article>';
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('the content script and its WXT context', () => {
  it('puts controls on items as they arrive, and takes them all down when the context is invalidated', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const ctx = new ContentScriptContext('test.content');
    const runtime = runContentScript(ctx, [fakeSite]);
    expect(controls()).toBe(2);
    addArticle();
    await settle();
    expect(controls()).toBe(3);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);

    addArticle();
    await Promise.resolve(); // the observer has seen it and scheduled a scan; the context ends before the scan runs
    ctx.notifyInvalidated();
    expect(disconnect).toHaveBeenCalled();
    expect(runtime.controls).toBeNull();
    expect(controls()).toBe(0);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);

    await settle();
    addArticle();
    await settle();
    expect(controls()).toBe(0);
    expect(document.querySelector('[data-holdfast-toast]')).toBeNull();
  });

  it('stops when the extension goes away (browser.runtime.id gone), found by its own periodic check', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const ctx = new ContentScriptContext('test.content');
      const runtime = runContentScript(ctx, [fakeSite]);
      expect(controls()).toBe(2);
      vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
      vi.advanceTimersByTime(2500);
      expect(ctx.isInvalid).toBe(true);
      expect(runtime.controls).toBeNull();
      expect(controls()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("follows in-page navigation through the context's location watcher, and no longer after invalidation", async () => {
    const ctx = new ContentScriptContext('test.content');
    const runtime = runContentScript(ctx, [fakeSite]);
    expect(controls()).toBe(2);
    history.pushState(null, '', '/settings'); // no adapter for this page
    await vi.waitFor(() => expect(runtime.controls).toBeNull(), { timeout: 3000 });
    expect(controls()).toBe(0);
    history.pushState(null, '', '/feed/2');
    await vi.waitFor(() => expect(controls()).toBe(2), { timeout: 3000 });

    ctx.notifyInvalidated();
    expect(controls()).toBe(0);
    history.pushState(null, '', '/feed/3');
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(runtime.controls).toBeNull();
    expect(controls()).toBe(0);
  });
});
