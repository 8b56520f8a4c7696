/**
 * Behaviour around the capture, on the X replica: in-page navigation and node recycling, the keyboard,
 * double clicks and bursts, a full disk, a background stopped mid-capture, a redesigned page, any other site,
 * the DOM-rendered fallback without <all_urls>, the vault page itself, and tampering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const HOME = 'https://x.com/home';

for (const browserName of browsersUnderTest()) {
  describe(`capture robustness — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    let site: SitePage;

    const count = async () => (await vault.raw()).records.filter((r) => !r.deleted).length;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      vault = await VaultPage.open(harness);
      site = await SitePage.open(harness, HOME);
      await site.waitForControls('post', 3);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('controls do not shift the layout and are labelled buttons reachable by keyboard', async () => {
      const boxes = await site.page.$$eval('article[data-testid="tweet"]', (els) => els.slice(0, 5).map((e) => JSON.stringify(e.getBoundingClientRect())));
      const positions = await site.page.$$eval('[data-holdfast-capture]', (els) => els.map((e) => getComputedStyle(e).position));
      expect(new Set(positions)).toEqual(new Set(['absolute']));
      // Remove our controls and the articles keep exactly the same boxes.
      const after = await site.page.evaluate(() => {
        const hosts = Array.from(document.querySelectorAll('[data-holdfast-capture]'));
        const parents = hosts.map((h) => [h, h.parentElement] as const);
        for (const h of hosts) h.remove();
        const boxesWithout = Array.from(document.querySelectorAll('article[data-testid="tweet"]')).slice(0, 5).map((e) => JSON.stringify(e.getBoundingClientRect()));
        for (const [h, p] of parents) p?.prepend(h);
        return boxesWithout;
      });
      expect(after).toEqual(boxes);
      const before = await count();
      const outcome = await site.captureWithKeyboard('post', 1);
      expect(outcome.code).toMatch(/^ok/);
      expect(await count()).toBe(before + 1);
      expect(site.page.url()).toBe(HOME); // the site did not treat the key press as its own
    });

    it('keeps controls on items as the virtualised timeline recycles nodes while scrolling', async () => {
      for (let i = 0; i < 8; i++) {
        await site.page.evaluate(() => window.scrollBy(0, 1500));
        await new Promise((r) => setTimeout(r, 250));
      }
      const state = await site.page.evaluate(() => {
        const articles = Array.from(document.querySelectorAll('article[data-testid="tweet"]')).filter((a) => !a.querySelector('[data-testid="placementTracking"]'));
        return { articles: articles.length, withControl: articles.filter((a) => a.querySelector(':scope > [data-holdfast-capture], [data-holdfast-capture]')).length };
      });
      expect(state.articles).toBeGreaterThan(0);
      expect(state.withControl).toBe(state.articles);
      const before = await count();
      const lastIndex = (await site.countControls('post')) - 1;
      expect((await site.capture('post', lastIndex)).code).toMatch(/^ok/);
      expect(await count()).toBe(before + 1);
      await site.goto(HOME);
    });

    it('follows in-page navigation to a post page', async () => {
      await site.waitForControls('post', 1);
      const href = await site.page.$eval('article[data-testid="tweet"] a[href*="/status/"] time', (t) => (t.parentElement as HTMLAnchorElement).getAttribute('href'));
      await site.page.click('article[data-testid="tweet"] a[href*="/status/"] time');
      await site.page.waitForFunction((h) => location.pathname === h, {}, href);
      await site.waitForControls('reply', 1);
      const before = await count();
      expect((await site.capture('reply', 0)).code).toMatch(/^ok/);
      const rec = await vault.newest();
      expect(rec.kind).toBe('reply');
      expect(rec.pageUrl).toBe(`https://x.com${href}`);
      expect(await count()).toBe(before + 1);
      await site.goto(HOME);
      await site.waitForControls('post', 3);
    });

    it('a double click stores one record; two captures at once both land', async () => {
      const before = await count();
      const el = await site.control('post', 0);
      await el.click({ count: 2 });
      await new Promise((r) => setTimeout(r, 2500));
      expect(await count()).toBe(before + 1);
      const a = await site.control('post', 1);
      const b = await site.control('post', 2);
      // One click right after the other (both captures are then in flight together). Two clicks dispatched at the
      // same moment interleave their mouse moves and, on a loaded machine, can land beside the controls.
      await a.click();
      await b.click();
      await site.page.waitForFunction(() => !document.querySelector('[data-holdfast-toast="capturing"]'), { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 3000));
      expect(await count()).toBe(before + 3);
      const { records } = await vault.raw();
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    });

    it(`captures in a row all land, each once, and the chain verifies`, async () => {
      const n = browserName === 'chromium' ? 50 : 20;
      const before = await count();
      const codes: string[] = [];
      for (let i = 0; i < n; i++) codes.push((await site.capture('post', i % 3)).code);
      expect(codes.filter((c) => c.startsWith('ok')).length).toBe(n);
      expect(await count()).toBe(before + n);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
    });

    it('a full disk gives a plain error, stores nothing, and leaves the vault intact', async () => {
      const before = await count();
      await vault.testHook({ type: 'test:fail-next-write', code: 'quota' });
      expect((await site.capture('post', 0)).code).toBe('error:quota');
      expect(await count()).toBe(before);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
      expect((await site.capture('post', 0)).code).toMatch(/^ok/);
    });

    if (browserName === 'chromium') {
      it('the background stopped mid-capture: a plain error, no partial record, vault intact', async () => {
        const before = await count();
        await vault.testHook({ type: 'test:delay-next-write', ms: 4000 });
        await site.page.bringToFront();
        const toastN = await site.page.evaluate(() => Number(document.querySelector('[data-holdfast-toast]')?.getAttribute('data-holdfast-toast-n') ?? 0));
        await (await site.control('post', 0)).click();
        await new Promise((r) => setTimeout(r, 1200));
        // Stop the service worker while the capture waits to be written, as the browser may at any time.
        const cdp = await vault.page.createCDPSession();
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
        const outcome = await site.waitForOutcome(toastN, 20_000);
        expect(outcome.code).toBe('error:interrupted');
        await new Promise((r) => setTimeout(r, 5000));
        expect(await count()).toBe(before);
        expect(await vault.verify()).toEqual({ ok: true, problems: [] });
        // The service worker comes back on the next click and captures work again.
        expect((await site.capture('post', 0)).code).toMatch(/^ok/);
      });
    }

    it('a redesigned page still offers a generic capture of the visible page, with a warning', async () => {
      const page = await SitePage.open(harness, 'https://x.com/__holdfast/redesign.html');
      try {
        await page.waitForControls('page', 1, 10_000);
        expect(await page.countControls('post')).toBe(0);
        expect((await page.capture('page', 0)).code).toMatch(/^ok/);
        const rec = await vault.newest();
        expect(rec.kind).toBe('page');
        expect(rec.extraction.method).toBe('generic');
        expect(rec.text).toContain('threatening message that must still be kept');
        expect(rec.artifacts.find((a) => a.role === 'screenshot')).toBeTruthy();
      } finally {
        await page.close();
      }
    });

    it('any other site: the toolbar “capture this page” stores a page record with screenshot, HTML, URL and title', async () => {
      const other = await SitePage.open(harness, 'https://example.org/__holdfast/plain.html');
      try {
        expect(await other.countControls('post')).toBe(0);
        await other.page.bringToFront();
        const result = (await vault.page.evaluate(async () => {
          type Api = { tabs: { query(q: object): Promise<{ id?: number }[]> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          const api = (g.browser ?? g.chrome)!;
          const [tab] = await api.tabs.query({ url: 'https://example.org/*' });
          return api.runtime.sendMessage({ type: 'capture:page', tabId: tab!.id });
        })) as { ok: boolean; seq?: number };
        expect(result.ok).toBe(true);
        const rec = await vault.newest();
        expect(rec).toMatchObject({ kind: 'page', platform: 'web', pageUrl: 'https://example.org/__holdfast/plain.html', pageTitle: 'A forum thread' });
        expect(rec.text).toContain('A harassing post on a site Holdfast has no adapter for.');
        expect(rec.screenshot.method).toBe('pixel');
        expect(rec.artifacts.map((a) => a.role).sort()).toEqual(['html', 'screenshot', 'structured']);
      } finally {
        await other.close();
      }
    });

    it('the vault page lists records newest first and shows a record with its fields, screenshot, hashes and report routes', async () => {
      const rows = await vault.listedRows();
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => b - a));
      const { records } = await vault.raw();
      const post = [...records].reverse().find((r) => r.kind === 'post' && !r.deleted)!;
      await vault.openRecord(post.id);
      const shown = await vault.page.evaluate(() => ({
        permalink: document.querySelector('[data-testid="field-permalink"]')?.textContent,
        hash: document.querySelector('[data-testid="field-record-hash"]')?.textContent,
        method: document.querySelector('[data-testid="screenshot-method"]')?.getAttribute('data-method'),
        img: (document.querySelector('[data-testid="record-screenshot"]') as HTMLImageElement | null)?.naturalWidth ?? 0,
        shaShown: Array.from(document.querySelectorAll('[data-artifact-id]')).map((e) => e.getAttribute('data-sha256')),
        routes: Array.from(document.querySelectorAll('[data-testid="report-routes"] [data-route-id]')).map((e) => e.getAttribute('data-route-id')),
        scripts: document.querySelectorAll('[data-testid="record-view"] script, [data-testid="record-view"] iframe').length,
      }));
      expect(shown.permalink).toBe(post.permalink);
      expect(shown.hash).toBe(post.chain.recordHash);
      expect(shown.method).toBe('pixel');
      await vault.page.waitForFunction(() => ((document.querySelector('[data-testid="record-screenshot"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
      expect(shown.shaShown).toEqual(post.artifacts.map((a) => a.sha256));
      expect(shown.routes.length).toBeGreaterThan(0);
      expect(shown.scripts).toBe(0);
    });

    it('deleting or editing a record outside Holdfast makes verification fail and names the problem', async () => {
      expect((await vault.verify()).ok).toBe(true);
      await vault.tamper('edit-record', 2);
      const edited = await vault.verify();
      expect(edited.ok).toBe(false);
      expect(edited.problems).toContain('record-hash');
      await vault.tamper('delete-record', 3);
      const deleted = await vault.verify();
      expect(deleted.ok).toBe(false);
      expect(deleted.problems).toContain('record-missing');
    });
  });

  describe(`without <all_urls> (shipping permissions) — ${browserName}`, () => {
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

    it('the in-page control stores a DOM-rendered picture, labelled as such, and no network request is made for it', async () => {
      const vault = await VaultPage.open(harness);
      const site = await SitePage.open(harness, HOME);
      await site.waitForControls('post', 2);
      const outcome = await site.capture('post', 0);
      expect(outcome.code).toMatch(/^ok/);
      const rec = await vault.newest();
      expect(rec.screenshot.method).toBe('dom-render');
      expect(rec.extraction.warnings.join(' ')).toMatch(/redrawn/);
      const { artifacts } = await vault.raw();
      const shot = artifacts.find((a) => a.recordId === rec.id && a.role === 'screenshot')!;
      expect(shot.actualSha256).toBe(shot.sha256);
      expect(shot.size).toBeGreaterThan(1000);
      expect(harness.extensionRequests).toEqual([]);
      expect(server.requests.filter((r) => /^(chrome|moz)-extension:/.test(r.origin ?? ''))).toEqual([]);
    });
  });
}
