/**
 * Issue #14, capture then report, in a real browser: the report control on an X replica post asks what it is about,
 * captures the post, and opens the report route in a new tab only once the record is stored (the write is held back
 * by the test build's delay hook; the tab must appear after it, with the record already in the vault); the report is
 * logged with the item's permalink, which is also on the clipboard. With the write failing (quota), no tab opens and
 * the person is told. The route's host need not load (the replica server answers 404). The same from the right-click
 * menu ("Capture and report this"): puppeteer cannot choose a browser menu item, so after a real right-click on a reply
 * the test build's `test:menu-click` runs the background's own menus.onClicked listener for the tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { openTabUrls, SitePage, settleInView, TOAST, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const STATUS = 'https://x.com/grimshaw_k/status/2123706098119606292';
const ROUTE = 'https://help.x.com/forms/safety-and-sensitive-content/violent-threats';
const REPORT = (kind: string) => `[data-holdfast-report="${kind}"]`;
const ABUSE = (abuse: string) => `[data-testid="holdfast-report-abuse"][data-abuse="${abuse}"]`;
const DELAY_MS = 1500;

/** The address a tab was sent to: Firefox shows a host it cannot reach as about:neterror?…&u=<address>. */
function tabTarget(url: string): string {
  if (!url.startsWith('about:neterror')) return url;
  return new URLSearchParams(url.slice(url.indexOf('?') + 1)).get('u') ?? url;
}

/** Polls the browser's tabs until one is at `prefix`; returns when it was first seen. */
async function waitForTab(harness: Harness, prefix: string, timeout = 15_000): Promise<number> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await openTabUrls(harness)).some((u) => tabTarget(u).startsWith(prefix))) return Date.now();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`No tab at ${prefix} (tabs: ${(await openTabUrls(harness)).join(', ')})`);
}

async function toastAfter(site: SitePage, n: number, prefix: string, timeout = 20_000): Promise<string> {
  const handle = await site.page.waitForFunction(
    (sel, after, p) => {
      const host = document.querySelector(sel);
      const code = host?.getAttribute('data-holdfast-toast') ?? '';
      return Number(host?.getAttribute('data-holdfast-toast-n') ?? 0) > after && code.startsWith(p) ? code : false;
    },
    { timeout, polling: 50 },
    TOAST,
    n,
    prefix,
  );
  return (await handle.jsonValue()) as string;
}

const toastCount = (site: SitePage) => site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);

/** Presses the index-th report control of a kind, then the chooser's option for `abuse`. */
async function report(site: SitePage, kind: string, index: number, abuse: string): Promise<number> {
  await site.page.bringToFront();
  await site.page.waitForSelector(REPORT(kind), { timeout: 10_000 });
  const control = (await site.page.$$(REPORT(kind)))[index];
  if (!control) throw new Error(`no report control #${index} of kind ${kind}`);
  await settleInView(control);
  await control.click();
  const option = await site.page.waitForSelector(ABUSE(abuse), { timeout: 5000 });
  const pressed = Date.now();
  await option!.click();
  return pressed;
}

/** The vault's report entries, read raw from the vault page (a plaintext vault). */
async function reportRows(vault: VaultPage): Promise<string> {
  return vault.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('holdfast-vault');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('reports').objectStore('reports').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return JSON.stringify(rows);
  });
}

/** A reply of the replica page by its permalink (status.truth.json), for the right-click. */
const REPLY = (permalink: string) => `article:has(a[href="${new URL(permalink).pathname}"]) [data-testid="tweetText"]`;
const REPLY_MENU = 'https://x.com/marta_lopez/status/2123719373091766306';
const REPLY_MENU_FAIL = 'https://x.com/bob_okafor/status/2123725538718646307';

/**
 * Right-click on a reply (the content script notes the item under it), then the menu item "Capture and report this"
 * through the test build's `test:menu-click`: the background's own menus.onClicked listener for that tab. Resolves
 * with the background's answer once the flow ends (the chooser must be answered meanwhile).
 */
async function menuCaptureReport(site: SitePage, vault: VaultPage, reply: string): Promise<{ ok: boolean; result?: { ok: boolean } }> {
  await site.page.bringToFront();
  const text = await site.page.waitForSelector(REPLY(reply), { timeout: 10_000 });
  await text!.scrollIntoView();
  await text!.click({ button: 'right' });
  return vault.page.evaluate(
    async (url, menuItemId) => {
      type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const api = (g.browser ?? g.chrome)!;
      const tab = (await api.tabs.query({})).find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
      return JSON.parse(JSON.stringify(await api.runtime.sendMessage({ type: 'test:menu-click', tabId: tab.id, menuItemId })));
    },
    STATUS,
    'holdfast-capture-report',
  ) as Promise<{ ok: boolean; result?: { ok: boolean } }>;
}

/** The test build opens these Holdfast shadow roots when the page's root element carries this (shadow-mode.ts). */
const OPEN_SHADOW = 'data-holdfast-test-open-shadow';

/**
 * axe-core (WCAG 2.1 A/AA, every impact) on one Holdfast element of a site page and what is inside its shadow roots.
 * Returns the violations as "impact rule: target" lines and, as proof that axe looked inside, how many nodes each
 * passed rule checked.
 */
async function axeIn(page: Page, selector: string): Promise<{ violations: string[]; passed: Record<string, number> }> {
  if (!(await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe === 'object')))
    await page.evaluate(`${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')}\n;void 0`);
  const json = await page.evaluate(async (sel) => {
    type Result = { id: string; impact?: string; nodes: { target: unknown[] }[] };
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const result = await axe.run({ include: [sel] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return JSON.stringify({
      violations: result.violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${JSON.stringify(n.target)}`)),
      passed: Object.fromEntries(result.passes.map((p) => [p.id, p.nodes.length])),
    });
  }, selector);
  return JSON.parse(json) as { violations: string[]; passed: Record<string, number> };
}

for (const browserName of browsersUnderTest()) {
  describe(`capture, then report — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    let site: SitePage;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      vault = await VaultPage.open(harness);
      site = await SitePage.open(harness, STATUS);
      await site.waitForControls('post', 1);
    }, 40_000);
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('stores the post first, then opens the route in a new tab and logs the report with the permalink', async () => {
      await vault.testHook({ type: 'test:delay-next-write', ms: DELAY_MS });
      const before = await toastCount(site);
      const pressed = await report(site, 'post', 0, 'harassment');
      const tabSeen = await waitForTab(harness, ROUTE);
      // The record is in the vault when the tab is there, and the tab waited for the held-back write.
      const { records } = await vault.raw();
      expect(records.length).toBe(1);
      expect(tabSeen - pressed).toBeGreaterThanOrEqual(DELAY_MS - 50);
      const rec = records[0]!;
      expect(rec.kind).toBe('post');
      expect(rec.permalink).toBe(STATUS);
      expect(await toastAfter(site, before, 'report:')).toBe('report:ok');
      const rows = await reportRows(vault);
      expect(rows).toContain(rec.id);
      expect(rows).toContain(STATUS);
      expect(rows).toContain(ROUTE);
      // The permalink is on the clipboard: paste it into a field of the page.
      await site.page.bringToFront();
      await site.page.evaluate(() => {
        const area = document.createElement('textarea');
        area.id = 'paste-here';
        document.body.prepend(area);
        area.focus();
      });
      await site.page.keyboard.down('Control');
      await site.page.keyboard.press('v');
      await site.page.keyboard.up('Control');
      expect(await site.page.$eval('#paste-here', (el) => (el as HTMLTextAreaElement).value)).toBe(STATUS);
      for (const p of await harness.browser.pages()) if (tabTarget(p.url()).startsWith(ROUTE)) await p.close();
    }, 40_000);

    it('keyboard: Enter on the report control opens the chooser; Escape closes it, captures nothing, focus returns', async () => {
      await site.page.bringToFront();
      const control = (await site.page.$$(REPORT('reply')))[1]!;
      await settleInView(control);
      await control.focus();
      await site.page.keyboard.press('Enter');
      await site.page.waitForSelector('[data-testid="holdfast-report-chooser"]', { timeout: 5000 });
      expect(await site.page.evaluate(() => document.activeElement?.getAttribute('data-abuse'))).toBe('harassment');
      await site.page.keyboard.press('ArrowDown');
      expect(await site.page.evaluate(() => document.activeElement?.getAttribute('data-abuse'))).toBe('threats');
      await site.page.keyboard.press('Escape');
      await site.page.waitForFunction(() => !document.querySelector('[data-testid="holdfast-report-chooser"]'), { timeout: 5000 });
      expect(await site.page.evaluate(() => document.activeElement?.hasAttribute('data-holdfast-report'))).toBe(true);
      expect((await vault.raw()).records.length).toBe(1);
    }, 20_000);

    it('opens no tab and says so when the capture cannot be stored', async () => {
      const tabsBefore = (await openTabUrls(harness)).length;
      await vault.testHook({ type: 'test:fail-next-write', code: 'quota' });
      const before = await toastCount(site);
      await report(site, 'reply', 0, 'threats');
      expect(await toastAfter(site, before, 'report:')).toBe('report:error:quota');
      await new Promise((r) => setTimeout(r, 500));
      expect((await openTabUrls(harness)).length).toBe(tabsBefore);
      expect((await openTabUrls(harness)).some((u) => tabTarget(u).startsWith('https://help.x.com'))).toBe(false);
      expect((await vault.raw()).records.length).toBe(1);
    }, 30_000);

    it('right-click "Capture and report this": the reply under the click is stored, then the route opens and the report is logged (origin context-menu)', async () => {
      const before = await toastCount(site);
      const stored = (await vault.raw()).records.length;
      const answer = menuCaptureReport(site, vault, REPLY_MENU);
      const option = await site.page.waitForSelector(ABUSE('threats'), { timeout: 10_000 });
      await option!.click();
      await waitForTab(harness, ROUTE);
      // The record is in the vault when the route's tab is there.
      const { records } = await vault.raw();
      expect(records.length).toBe(stored + 1);
      const rec = records.find((r) => r.permalink === REPLY_MENU)!;
      expect(rec.kind).toBe('reply');
      expect(await answer).toEqual({ ok: true, result: { ok: true } });
      expect(await toastAfter(site, before, 'report:')).toBe('report:ok');
      const rows = JSON.parse(await reportRows(vault)) as { origin: string; recordIds: string[]; routeUrl?: string }[];
      const logged = rows.filter((r) => r.origin === 'context-menu');
      expect(logged.map((r) => [r.recordIds, r.routeUrl])).toEqual([[[rec.id], ROUTE]]);
      for (const p of await harness.browser.pages()) if (tabTarget(p.url()).startsWith(ROUTE)) await p.close();
    }, 30_000);

    it('right-click "Capture and report this" with the write failing: no route tab, the person is told', async () => {
      const tabsBefore = (await openTabUrls(harness)).length;
      await vault.testHook({ type: 'test:fail-next-write', code: 'quota' });
      const before = await toastCount(site);
      const answer = menuCaptureReport(site, vault, REPLY_MENU_FAIL);
      await (await site.page.waitForSelector(ABUSE('threats'), { timeout: 10_000 }))!.click();
      expect(await toastAfter(site, before, 'report:')).toBe('report:error:quota');
      expect(await answer).toEqual({ ok: true, result: { ok: false } });
      await new Promise((r) => setTimeout(r, 500));
      expect((await openTabUrls(harness)).length).toBe(tabsBefore);
      expect((await vault.raw()).records.map((r) => r.permalink)).not.toContain(REPLY_MENU_FAIL);
      expect((JSON.parse(await reportRows(vault)) as { origin: string }[]).filter((r) => r.origin === 'context-menu').length).toBe(1);
    }, 30_000);

    it('axe-core inside the in-page chooser and the control menu (closed shadow roots, opened by the test build only when the test asks)', async () => {
      await site.page.bringToFront();
      const openMenu = async (): Promise<{ items: number | null }> => {
        // ArrowDown on an item's capture control opens its menu (the closed-shadow button takes the focus).
        const control = await site.control('reply', 4);
        await settleInView(control);
        await control.focus();
        await site.page.keyboard.press('ArrowDown');
        await site.page.waitForSelector('[data-holdfast-menu]', { timeout: 5000 });
        return { items: await site.page.$eval('[data-holdfast-menu]', (h) => h.shadowRoot?.querySelectorAll('[role="menu"] [role="menuitem"]').length ?? null) };
      };
      const openChooser = async (): Promise<{ dialog: boolean; options: (string | null)[] }> => {
        const report = (await site.page.$$(REPORT('reply')))[4]!;
        await settleInView(report);
        await report.focus();
        await site.page.keyboard.press('Enter');
        await site.page.waitForSelector('[data-testid="holdfast-report-chooser"]', { timeout: 5000 });
        return {
          dialog: await site.page.$eval('[data-testid="holdfast-report-chooser"]', (h) => !!h.shadowRoot?.querySelector('[role="dialog"]')),
          options: await site.page.$$eval('[data-testid="holdfast-report-abuse"]', (hs) => hs.map((h) => h.shadowRoot?.querySelector('button')?.textContent ?? null)),
        };
      };
      // Closed without Escape: two Escapes within 600 ms on Holdfast elements are the quick exit.
      const closeMenu = () => site.page.keyboard.press('Tab');
      const closeChooser = async () => {
        await (await site.page.waitForSelector('[data-testid="holdfast-report-cancel"]'))!.click();
        await site.page.waitForFunction(() => !document.querySelector('[data-testid="holdfast-report-chooser"]'), { timeout: 5000 });
      };
      // As shipped (and in every other test): the page cannot reach inside either.
      expect(await openMenu()).toEqual({ items: null });
      await closeMenu();
      expect(await openChooser()).toEqual({ dialog: false, options: [null, null, null, null, null, null] });
      await closeChooser();

      await site.page.evaluate((a) => document.documentElement.setAttribute(a, ''), OPEN_SHADOW);
      try {
        const { items } = await openMenu();
        expect(items).toBeGreaterThanOrEqual(2);
        const menu = await axeIn(site.page, '[data-holdfast-menu]');
        await closeMenu();
        const chooserParts = await openChooser();
        expect(chooserParts.dialog).toBe(true);
        expect(chooserParts.options.filter((t) => !!t).length).toBe(6);
        const chooser = await axeIn(site.page, '[data-testid="holdfast-report-chooser"]');
        await closeChooser();
        expect({ menu: menu.violations, chooser: chooser.violations }).toEqual({ menu: [], chooser: [] });
        // axe looked inside: the menu's structure and its items' names and contrast; the dialog's name, the options'
        // names, the contrast of the title, the note, the six options and Cancel.
        expect(menu.passed['aria-required-children']).toBe(1);
        expect(menu.passed['button-name']).toBe(items);
        expect(menu.passed['aria-required-parent']).toBe(items);
        expect(menu.passed['color-contrast']).toBeGreaterThanOrEqual(2);
        expect(chooser.passed['aria-dialog-name']).toBe(1);
        expect(chooser.passed['button-name']).toBe(7);
        expect(chooser.passed['color-contrast']).toBe(9);
      } finally {
        await site.page.evaluate((a) => document.documentElement.removeAttribute(a), OPEN_SHADOW);
      }
    }, 30_000);
  });
}
