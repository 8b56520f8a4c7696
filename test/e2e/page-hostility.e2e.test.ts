/**
 * Issue #12, in real browsers with the built extension: what a hostile page can do to Holdfast, and learn about it.
 * - The built manifests carry a strict Content Security Policy, no web-accessible resource, no way in for web pages;
 *   every extension page still loads (and styles itself) under that policy.
 * - A page's script that clicks, taps and presses keys on every Holdfast control (capture, whole thread, the "how far
 *   back" dialog) starts nothing: no record, no toast, no dialog. A person's click (puppeteer's, a trusted event) still
 *   captures, and the keyboard (Escape) still closes the dialog.
 * - A whole-thread capture whose final save fails (a full disk, simulated by the test build) is kept and said so;
 *   Retry saves it.
 * - A script installed before anything else in the page records every window message, the events WXT would
 *   dispatch (named after the extension id: public), the window's own property names before and after, and
 *   probes the extension's URLs it could guess: it finds nothing but the controls in the DOM.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, extensionDir, GECKO_ID, type Harness, launch } from './browsers';
import { BOUND_DIALOG, SitePage, TOAST, VaultPage, whileDocumentReplaced } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';
import { settled, startThread } from './thread-support';

const POST = 'https://x.com/maya_okoye/status/2123799999999999999';
const CHAT = 'https://x.com/i/chat/1523456789012345678-1888000000000000001';

/** Runs in the page's own world before any other script: everything a page could watch. */
function installProbe(eventNames: string[]): void {
  const w = window as unknown as { __probe: { keys0: string[]; messages: string[]; events: string[] } };
  w.__probe = { keys0: Object.getOwnPropertyNames(window), messages: [], events: [] };
  addEventListener(
    'message',
    (e) => {
      let data = '';
      try {
        data = JSON.stringify(e.data);
      } catch {
        data = String(e.data);
      }
      w.__probe.messages.push(data);
    },
    true,
  );
  for (const name of eventNames) {
    for (const [where, target] of [
      ['window', window],
      ['document', document],
    ] as const)
      target.addEventListener(name, () => w.__probe.events.push(`${where} ${name}`), true);
  }
}

/** A page's script doing everything it can to Holdfast's controls and dialogs without a person. */
function poke(): number {
  let n = 0;
  const hosts = Array.from(document.querySelectorAll<HTMLElement>('[data-holdfast-capture],[data-testid^="holdfast-"]'));
  for (const host of hosts) {
    host.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick'])
      host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, detail: 1, view: window }));
    for (const key of ['Enter', ' ', 'Escape']) {
      host.focus();
      host.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : key, bubbles: true, composed: true, cancelable: true }));
      host.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true, cancelable: true }));
    }
    n++;
  }
  return n;
}

function ownState(page: Page): Promise<{ toast: boolean; dialog: string | null; panel: boolean }> {
  return page.evaluate(
    (toastSel, dialogSel) => ({
      toast: !!document.querySelector(toastSel),
      dialog: document.querySelector(dialogSel)?.getAttribute('data-state') ?? null,
      panel: !!document.querySelector('[data-testid="holdfast-thread-progress"]'),
    }),
    TOAST,
    BOUND_DIALOG,
  );
}

for (const browserName of browsersUnderTest()) {
  describe(`a hostile item, redrawn from its DOM (no <all_urls>) — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-nogrant');
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('an SVG <use> pointing into another file is not fetched by the renderer', async () => {
      const site = await SitePage.open(harness, POST);
      try {
        await site.waitForControls('post', 1);
        await site.page.evaluate(() => {
          const item = document.querySelector('article') ?? document.body;
          const wrap = document.createElement('div');
          wrap.innerHTML = '<svg width="20" height="20"><use href="https://pbs.twimg.com/holdfast-probe/sprite.svg#bell"></use></svg>';
          item.append(wrap);
        });
        await new Promise((r) => setTimeout(r, 500));
        const before = server.requests.filter((r) => r.path.includes('holdfast-probe')).length;
        const outcome = await site.capture('post', 0);
        expect(outcome.code).toMatch(/^ok/);
        await new Promise((r) => setTimeout(r, 1000));
        expect(server.requests.filter((r) => r.path.includes('holdfast-probe')).length, 'requests for the sprite after the capture').toBe(before);
      } finally {
        await site.close();
      }
    });
  });

  describe(`a hostile page — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    const count = async () => (await vault.raw()).records.filter((r) => !r.deleted).length;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      vault = await VaultPage.open(harness);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('the built manifest has the strict CSP, no web-accessible resources, nothing a web page can reach', () => {
      const dir = extensionDir(browserName);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      const csp = browserName === 'chromium' ? (manifest.content_security_policy as { extension_pages?: string })?.extension_pages : (manifest.content_security_policy as string);
      expect(typeof csp, 'a content_security_policy for extension pages').toBe('string');
      const directives = new Map((csp as string).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      // Nothing remote anywhere but connect-src http(s) for trusted time's one POST (issue #15, opt-in; wxt.config.ts
      // says how that request is confined), no inline script or eval of any kind.
      expect(directives.get('connect-src')).toEqual(["'self'", 'blob:', 'data:', 'https:', 'http:']);
      const others = (csp as string).split(';').filter((d) => !d.trim().startsWith('connect-src')).join(';');
      expect(others).not.toMatch(/https?:|wss?:|\*|unsafe-eval|wasm-unsafe-eval|unsafe-inline|unsafe-hashes|'strict-dynamic'/);
      expect(csp).not.toMatch(/wss?:|\*|unsafe-eval|wasm-unsafe-eval|unsafe-inline|unsafe-hashes|'strict-dynamic'/);
      for (const [name, values] of directives) {
        for (const v of values) expect(["'self'", "'none'", 'blob:', 'data:', ...(name === 'connect-src' ? ['https:', 'http:'] : [])], `${name} ${v}`).toContain(v);
      }
      expect(manifest.web_accessible_resources, 'no resource a page can load or probe').toBeUndefined();
      expect(manifest.externally_connectable, 'no web page can message the extension').toBeUndefined();
      // Built content scripts carry neither WXT's start announcement nor its location event.
      for (const file of readdirSync(join(dir, 'content-scripts'))) {
        const code = readFileSync(join(dir, 'content-scripts', file), 'utf8');
        expect(code, file).not.toContain('content-script-started');
        expect(code, file).not.toContain('wxt:locationchange');
      }
    });

    it('every extension page loads and draws itself under that policy', async () => {
      for (const name of ['vault', 'options', 'popup']) {
        const page = await harness.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/content.security.policy|CSP/i.test(m.text())) violations.push(m.text());
        });
        try {
          void page.goto(`${harness.extensionBase}${name}.html`).catch(() => undefined);
          // Firefox's BiDi may fail an evaluation while the page's document is replaced: asked again (pages.ts).
          const styled = await whileDocumentReplaced(Date.now() + 15_000, async (timeout) => {
            await page.waitForFunction(() => document.readyState === 'complete' && (document.querySelector('#app')?.childElementCount ?? 0) > 0, { timeout, polling: 100 });
            return page.evaluate(() => {
              const sheets = Array.from(document.styleSheets);
              return sheets.length > 0 && sheets.every((s) => s.cssRules.length > 0);
            });
          });
          expect(styled, `${name}: the bundled style sheet applies`).toBe(true);
          await new Promise((r) => setTimeout(r, 300));
          expect(violations, `${name}: CSP reports`).toEqual([]);
        } finally {
          await page.close();
        }
      }
    });

    it("a page's script clicking and pressing keys on every control captures nothing; a person's click does", async () => {
      const before = await count();
      const page = await harness.newPage();
      // The page pushes its items far below the screen first: Holdfast draws a control only near the screen, and an
      // undrawn control answers clicks through a window listener (the path a scripted host.click() once reached).
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = 'body { padding-top: 5000px !important; }';
          document.head.append(style);
        });
      });
      await page.goto(POST, { waitUntil: 'load' });
      const site = new SitePage(page, harness);
      try {
        await site.waitForControls('post', 1);
        await site.waitForControls('thread', 1, 15_000);
        // Once with the controls as they are (not drawn yet), once after they were all brought near the screen.
        const poked = await site.page.evaluate(poke);
        expect(poked).toBeGreaterThan(1);
        await site.page.evaluate(() => {
          for (const el of Array.from(document.querySelectorAll('[data-holdfast-capture]'))) el.scrollIntoView();
          window.scrollTo(0, 0);
        });
        await new Promise((r) => setTimeout(r, 500));
        await site.page.evaluate(poke);
        await new Promise((r) => setTimeout(r, 2500));
        expect(await ownState(site.page)).toEqual({ toast: false, dialog: null, panel: false });
        expect(await count(), 'no record from a page script').toBe(before);

        const outcome = await site.capture('post', 0);
        expect(outcome.code).toMatch(/^ok/);
        expect(await count()).toBe(before + 1);
      } finally {
        await site.close();
      }
    });

    it("the how-far-back dialog ignores a page's script; the person's keyboard still works", async () => {
      const before = await count();
      const site = await SitePage.open(harness, CHAT);
      try {
        await site.waitForControls('thread', 1, 15_000);
        await site.page.evaluate(poke);
        await new Promise((r) => setTimeout(r, 1000));
        expect(await ownState(site.page)).toEqual({ toast: false, dialog: null, panel: false });

        await site.page.bringToFront();
        await (await site.control('thread', 0)).click();
        await site.page.waitForSelector(BOUND_DIALOG, { timeout: 10_000 });
        await site.page.evaluate(poke);
        await new Promise((r) => setTimeout(r, 1000));
        expect(await ownState(site.page), 'still open, nothing started').toEqual({ toast: false, dialog: 'open', panel: false });

        await site.page.keyboard.press('Escape');
        await site.page.waitForFunction((sel) => !document.querySelector(sel), { timeout: 5000 }, BOUND_DIALOG);
        expect(await count()).toBe(before);
      } finally {
        await site.close();
      }
    });

    it('a whole-thread capture whose final save fails (disk full) is kept, said so, and saved by Retry', async () => {
      const before = await count();
      const site = await SitePage.open(harness, POST);
      try {
        await vault.testHook({ type: 'test:fail-next-write', code: 'quota' });
        const n = await startThread(site);
        expect(await settled(site, n, 60_000)).toBe('error:quota:kept');
        await site.page.waitForSelector('[data-testid="holdfast-thread-progress"][data-state="retry"]', { timeout: 5000 });
        expect(await count(), 'nothing saved yet').toBe(before);
        const toastN = await site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
        await site.page.bringToFront();
        await (await site.page.$('[data-testid="holdfast-thread-stop"]'))!.click();
        expect((await site.waitForOutcome(toastN, 30_000)).code).toBe('ok');
        expect(await count()).toBe(before + 1);
        const newest = await vault.newest();
        expect(newest.kind).toBe('post');
        expect(newest.content.fields?.partial).toBeUndefined();
      } finally {
        await site.close();
      }
    });

    it('a page learns nothing: no message, no event, no global, no extension URL it can load', async () => {
      const ids = [GECKO_ID, new URL(harness.extensionBase).host];
      const names: string[] = [];
      for (const id of ids) {
        for (const entry of ['x', 'instagram', 'facebook', 'messenger']) {
          for (const ev of ['wxt:content-script-started', 'wxt:locationchange']) names.push(`${id}:${entry}:${ev}`);
        }
      }
      const page = await harness.newPage();
      await page.evaluateOnNewDocument(installProbe, names);
      const site = new SitePage(page, harness);
      try {
        await page.goto(POST, { waitUntil: 'load' });
        await site.waitForControls('post', 1);
        // In-page navigation (WXT would dispatch its location event), and back.
        await page.evaluate(() => history.pushState(null, '', '/maya_okoye'));
        await new Promise((r) => setTimeout(r, 1500));
        await page.evaluate(() => history.back());
        await new Promise((r) => setTimeout(r, 1500));
        // A person's capture too: nothing is said to the page while it runs either.
        expect((await site.capture('post', 0)).code).toMatch(/^ok/);

        const guesses = ['manifest.json', 'vault.html', 'options.html', 'popup.html', 'background.js', 'content-scripts/x.js', 'thread-capture.js', 'dom-render.js', '_locales/en/messages.json', 'icon/128.png'];
        const bases = [harness.extensionBase, `chrome-extension://${new URL(harness.extensionBase).host}/`, `moz-extension://${new URL(harness.extensionBase).host}/`];
        const found = await page.evaluate(
          async (bases, guesses) => {
            const hits: string[] = [];
            for (const base of bases) {
              for (const g of guesses) {
                const url = base + g;
                try {
                  const r = await fetch(url);
                  if (r.ok) hits.push(`fetch ${url}`);
                } catch {
                  /* refused: as it should be */
                }
                const loaded = await new Promise<boolean>((resolve) => {
                  const img = new Image();
                  img.onload = () => resolve(true);
                  img.onerror = () => resolve(false);
                  setTimeout(() => resolve(false), 2000);
                  img.src = url;
                });
                if (loaded) hits.push(`img ${url}`);
              }
            }
            return hits;
          },
          bases,
          guesses,
        );
        const probe = await page.evaluate(() => {
          const p = (window as unknown as { __probe: { keys0: string[]; messages: string[]; events: string[] } }).__probe;
          const keys0 = new Set(p.keys0);
          // Not Holdfast's: the replica's own (__INITIAL_STATE__, __replica*, __holdfastThreadReplica in
          // test/replicas/x.com/) and puppeteer's (*ariaQuerySelector*).
          const theirs = (k: string) => k === '__probe' || k === '__INITIAL_STATE__' || k.startsWith('__replica') || k === '__holdfastThreadReplica' || /ariaQuerySelector/.test(k);
          return { messages: p.messages, events: p.events, newGlobals: Object.getOwnPropertyNames(window).filter((k) => !keys0.has(k) && !theirs(k)) };
        });
        expect(found, 'extension URLs a page could load').toEqual([]);
        expect(probe.events, 'events named after the extension').toEqual([]);
        expect(probe.messages, 'window messages (the replica posts none of its own)').toEqual([]);
        expect(probe.newGlobals, 'globals').toEqual([]);
      } finally {
        await page.close();
      }
    });

    it("the browser's own gestures still capture on a supported site (the background asked that tab)", async () => {
      const before = await count();
      const site = await SitePage.open(harness, POST);
      try {
        await site.waitForControls('post', 1);
        await site.page.bringToFront();
        const result = (await vault.page.evaluate(async () => {
          type Api = { tabs: { query(q: object): Promise<{ id?: number }[]> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          const api = (g.browser ?? g.chrome)!;
          const [tab] = await api.tabs.query({ url: 'https://x.com/maya_okoye/*' });
          return api.runtime.sendMessage({ type: 'capture:page', tabId: tab!.id });
        })) as { ok: boolean };
        expect(result.ok).toBe(true);
        expect(await count()).toBe(before + 1);
        expect((await vault.newest()).kind).toBe('page');
      } finally {
        await site.close();
      }
    });

    // Last: it reloads the extension. The quiet context must still end an old copy of the content script.
    it('after the extension reloads, no stale or doubled controls: gone, or one working set', async () => {
      const site = await SitePage.open(harness, POST);
      try {
        await site.waitForControls('post', 1);
        const n = await site.countControls('post');
        const page = await harness.newPage();
        void page.goto(`${harness.extensionBase}options.html`).catch(() => undefined);
        await page.waitForFunction(() => document.readyState === 'complete', { timeout: 15_000 }).catch(() => undefined);
        await page
          .evaluate(() => {
            const g = globalThis as unknown as { browser?: { runtime: { reload(): void } }; chrome?: { runtime: { reload(): void } } };
            (g.browser ?? g.chrome)!.runtime.reload();
          })
          .catch(() => undefined); // the page goes away with the extension
        // The old copy checks every 2 s whether its extension is still there.
        await new Promise((r) => setTimeout(r, 5000));
        const after = await site.countControls('post');
        // The reload happened: the extension page that asked for it is gone with the old extension.
        expect(await page.evaluate(() => location.href).then(() => 'still there', () => 'gone')).toBe('gone');
        expect([0, n], `controls after the reload (${after})`).toContain(after);
        if (after === n) {
          // A new copy started in the page (Firefox injects into open tabs): its controls work.
          expect((await site.capture('post', 0)).code).toMatch(/^ok/);
        }
      } finally {
        await site.close();
      }
    });
  });
}
