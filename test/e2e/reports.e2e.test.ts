/**
 * Report tracking (issue #14) in the real extension, by the automation contract (docs/testing.md): `#/reports` lists
 * `report-row`s; a report's view edits `report-reference` and `report-status` and saves with `report-save`; what was
 * saved survives a reload; a hostile reference stays text; axe-core finds nothing serious; the pile-on walk-through
 * over a seeded post with replies marks two accounts reported and skips one. One browser launch per browser; data is
 * seeded through the vault's own code in the vault page (test/e2e/case-seed.ts, test/e2e/reports-seed.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../src/model/report';
import { browsersUnderTest, type Harness, launch } from './browsers';
import type { SeedCapture } from './case-seed';
import { ExtensionPage, ReportsPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const CAPTURE: SeedCapture = { platform: 'instagram', kind: 'comment', handle: 'quiet.watcher', text: 'Nice car. Blue suits you.', itemTime: '2026-11-15T12:30:00.000Z' };
const HOSTILE_REF = '<img src=x onerror="document.title=\'PWNED\'">IG-42';
const PASSPHRASE = 'harbour lantern cobalt 7';

type Shown = { title: string; message: string } | null;
interface BrowserNotification {
  title?: string;
  message?: string;
  iconUrl?: string;
}

/** The browser's own list of the extension's notifications (Chromium: id → true; Firefox: id → its options). */
function notificationsNow(page: ReportsPage): Promise<Record<string, true | BrowserNotification>> {
  return page.page.evaluate(async () => {
    type Api = { notifications: { getAll(): Promise<Record<string, unknown>> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return JSON.parse(JSON.stringify(await (g.browser ?? g.chrome)!.notifications.getAll()));
  });
}

/** The browser's alarm of that name, read from the extension page (undefined when there is none). */
function alarmNow(page: ReportsPage, name: string): Promise<{ name: string; scheduledTime: number } | undefined> {
  return page.page.evaluate(async (n) => {
    type Api = { alarms: { get(n: string): Promise<{ name: string; scheduledTime: number } | undefined> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return JSON.parse(JSON.stringify((await (g.browser ?? g.chrome)!.alarms.get(n)) ?? null)) ?? undefined;
  }, name);
}

/** Sends a test-build hook from the extension page and returns the background's answer. */
function hook<T>(page: ReportsPage, message: Record<string, unknown>): Promise<T> {
  return page.page.evaluate(async (m) => {
    type Api = { runtime: { sendMessage(msg: unknown): Promise<unknown> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return JSON.parse(JSON.stringify((await (g.browser ?? g.chrome)!.runtime.sendMessage(m)) ?? null));
  }, message) as Promise<T>;
}

for (const browserName of browsersUnderTest()) {
  describe(`reports (issue #14) — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let rp: ReportsPage;
    let reportId = '';
    let postId = '';
    let captureId = '';

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      rp = await ReportsPage.openReports(harness);
      captureId = (await rp.seed<string[]>('(s, list) => s.seedCaptures(list)', [CAPTURE]))[0]!;
      await rp.seed('(s) => s.done()');
      const report = await rp.seedReports<ReportEntry>('(s, id) => s.addReport({ platform: "instagram", origin: "item", reportedAt: new Date().toISOString(), recordIds: [id], permalinks: [] })', captureId);
      reportId = report.id;
      postId = await rp.seedReports<string>('(s, r) => s.seedPileOnPost("victim", r)', [
        ['bob', 'first'],
        ['amy', 'second'],
        ['bob', 'third'],
        ['carl', 'fourth'],
        ['victim', 'please stop'],
        ['amy', 'fifth'],
        ['bob', 'sixth'],
      ]);
      await rp.seedReports('(s) => s.done()');
      await rp.reloadAt('#/reports', '[data-testid="report-row"]');
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('lists the report; reference and status edited by the contract survive a reload; the reference stays text', async () => {
      expect(await rp.rows()).toEqual([{ id: reportId, status: 'sent' }]);
      await rp.edit(reportId, HOSTILE_REF, 'acknowledged');
      await rp.reloadAt('#/reports', '[data-testid="report-row"]');
      expect(await rp.rows()).toEqual([{ id: reportId, status: 'acknowledged' }]);
      const row = await rp.page.$eval('[data-testid="report-row"]', (e) => ({ text: e.textContent ?? '', imgs: e.querySelectorAll('img').length }));
      expect(row.text).toContain(HOSTILE_REF);
      expect(row.imgs).toBe(0);
      await rp.show(`#/reports/${reportId}`, '[data-testid="report-reference"]');
      expect(await rp.page.$eval('[data-testid="report-reference"]', (e) => (e as HTMLInputElement).value)).toBe(HOSTILE_REF);
      expect(await rp.page.$eval('[data-testid="report-status"]', (e) => (e as HTMLSelectElement).value)).toBe('acknowledged');
      expect(await rp.page.$$eval('[data-testid="report-history"] li', (els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(['sent', 'acknowledged']);
      expect(await rp.page.title()).not.toContain('PWNED');
    });

    it('pile-on: from the record view, tick three accounts, mark two reported and skip one', async () => {
      await rp.show(`#/record/${postId}`, '[data-testid="record-pile-on"]');
      await rp.click('record-pile-on');
      await rp.page.waitForSelector('[data-testid="pileon-account"]');
      const accounts = await rp.page.$$eval('[data-testid="pileon-account"]', (els) => els.map((e) => `${(e as HTMLElement).dataset.account}=${(e as HTMLElement).dataset.count}`));
      expect(accounts).toEqual(['x:@bob=3', 'x:@amy=2', 'x:@carl=1']);
      for (const box of await rp.page.$$('[data-testid="pileon-account"] input[type="checkbox"]')) await box.click();
      await rp.click('pileon-start');
      const step = async (at: number, account: string, action: 'pileon-reported' | 'pileon-skip') => {
        await rp.page.waitForSelector(`[data-testid="pileon-step"][data-account="${account}"] [data-testid="pileon-progress"][data-at="${at}"][data-total="3"]`, { timeout: 15_000 });
        await rp.click(action);
      };
      await rp.page.waitForSelector('[data-testid="pileon-step"]');
      expect(await rp.axe()).toEqual([]);
      await step(1, 'x:@bob', 'pileon-reported');
      await step(2, 'x:@amy', 'pileon-skip');
      await step(3, 'x:@carl', 'pileon-reported');
      await rp.page.waitForSelector('[data-testid="pileon-done"]', { timeout: 15_000 });
      const all = await rp.seedReports<ReportEntry[]>('(s) => s.reports()');
      const pile = all.filter((r) => r.origin === 'pile-on');
      expect(pile.map((r) => [r.account, r.recordIds, r.status]).sort()).toEqual([
        ['x:@bob', [postId], 'sent'],
        ['x:@carl', [postId], 'sent'],
      ]);
      await rp.show('#/reports', '[data-testid="report-row"]');
      await rp.page.waitForFunction(() => document.querySelectorAll('[data-testid="report-row"]').length === 3, { timeout: 15_000 });
    });

    it('axe-core: no violation on the list, a report, the add form and the pile-on page', async () => {
      const found: Record<string, string[]> = {};
      const check = async (label: string, hash: string, ready: string) => {
        await rp.show(hash, ready);
        await new Promise((r) => setTimeout(r, 150));
        found[label] = await rp.axe();
      };
      await check('#/reports', '#/reports', '[data-testid="report-row"]');
      await check('a report', `#/reports/${reportId}`, '[data-testid="report-save"]');
      await check('the add form', `#/reports/new/${captureId}`, '[data-testid="report-add-form"]');
      await check('the pile-on', `#/reports/pile-on/${postId}`, '[data-testid="pileon-account"]');
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    });

    it('a reminder reaches a notification naming the platform; only "Holdfast reminder" in discreet mode and while locked; a click opens the report', async () => {
      const name = `holdfast-report-reminder:${reportId}`;
      /** Sets "remind me in 3 days" in the report's view; waits for the browser's alarm at that time. */
      const remind = async () => {
        await rp.reloadAt(`#/reports/${reportId}`, '[data-testid="report-remind-days"]');
        await rp.setValue('report-remind-days', '3');
        await rp.click('report-save');
        // Reloaded first, so the reminder shown is the one just saved (a fired one was cleared).
        const shown = await rp.page.waitForSelector('[data-testid="report-reminder"][data-remind-at]', { timeout: 15_000 });
        const at = Date.parse(await shown!.evaluate((e) => e.getAttribute('data-remind-at') ?? ''));
        expect(Math.abs(at - (Date.now() + 3 * 86_400_000))).toBeLessThan(120_000);
        const deadline = Date.now() + 10_000;
        let alarm = await alarmNow(rp, name);
        while (Math.abs((alarm?.scheduledTime ?? 0) - at) > 1000 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          alarm = await alarmNow(rp, name);
        }
        expect(Math.abs((alarm?.scheduledTime ?? 0) - at)).toBeLessThanOrEqual(1000);
      };
      /** The alarm comes due (the same listener the browser calls); returns what the notification says. */
      const fire = async (icon: 'icon' | 'neutral'): Promise<Shown> => {
        const answer = await hook<{ ok: boolean; shown: Shown }>(rp, { type: 'test:fire-alarm', name });
        expect(answer.ok).toBe(true);
        expect(await alarmNow(rp, name)).toBeUndefined();
        const all = await notificationsNow(rp);
        expect(Object.keys(all)).toEqual([name]);
        const n = all[name]!;
        // Firefox lists each notification's options; Chromium only its id, so there the words are the ones the
        // background handed to notifications.create.
        if (n !== true) {
          expect({ title: n.title, message: n.message }).toEqual(answer.shown);
          expect(JSON.stringify(n)).not.toContain('IG-42');
          expect(n.iconUrl).toBe(`${harness.extensionBase}${icon}/128.png`);
        } else expect(harness.name).toBe('chromium');
        return answer.shown;
      };
      const clearNotification = () => rp.page.evaluate(async (id) => {
        type Api = { notifications: { clear(id: string): Promise<boolean> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        await (g.browser ?? g.chrome)!.notifications.clear(id);
      }, name);

      await remind();
      expect(await fire('icon')).toEqual({ title: 'Holdfast reminder', message: 'Time to check on your report to Instagram' });
      // A click on it: the vault page on that report, in a new tab; the notification goes.
      expect(await hook<{ ok: boolean }>(rp, { type: 'test:click-notification', id: name })).toEqual({ ok: true });
      // The vault page on that report, in a new tab, as the extension's own pages see it (Firefox's WebDriver BiDi keeps
      // reporting a tab the extension opened on its own page at about:blank).
      const opened = await rp.page.waitForFunction(
        async (url, id) => {
          type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; getCurrent(): Promise<{ id?: number } | undefined>; remove(id: number): Promise<void> }; extension: { getViews(q: object): Window[] } };
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          const api = (g.browser ?? g.chrome)!;
          const self = (await api.tabs.getCurrent())?.id;
          const tabs = (await api.tabs.query({})).filter((t) => t.url === url && t.id !== self);
          const view = api.extension.getViews({ type: 'tab' }).find((w) => w !== window && w.location.href === url);
          if (!tabs[0]?.id || !view?.document.querySelector(`[data-testid="report-view"][data-report-id="${id}"]`)) return false;
          await api.tabs.remove(tabs[0].id);
          return tabs.length;
        },
        { timeout: 15_000, polling: 100 },
        `${harness.extensionBase}vault.html#/reports/${reportId}`,
        reportId,
      );
      expect(await opened.jsonValue()).toBe(1);
      expect(await notificationsNow(rp)).toEqual({});

      // Discreet mode, turned on in the options as a person does.
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-discreet"]');
      const discreet = async (on: boolean) => {
        await options.page.bringToFront();
        if ((await options.page.$eval('[data-testid="settings-discreet"]', (e) => (e as HTMLInputElement).checked)) !== on) await options.click('settings-discreet');
        await options.click('settings-save');
        // Stored where the background reads it (storage.local `settings`).
        const stored = async () => ((await options.storage()).local.settings as { discreet?: boolean } | undefined)?.discreet;
        for (let i = 0; i < 100 && (await stored()) !== on; i++) await new Promise((r) => setTimeout(r, 50));
        expect(await stored()).toBe(on);
      };
      await discreet(true);
      await remind();
      expect(await fire('neutral')).toEqual({ title: 'Holdfast reminder', message: 'Holdfast reminder' });
      await clearNotification();

      // Discreet off, the vault locked: the report cannot be read, so the notification names nothing.
      await discreet(false);
      await remind();
      await options.click('passphrase-set');
      await options.fill('passphrase-new', PASSPHRASE);
      await options.fill('passphrase-repeat', PASSPHRASE);
      await options.click('passphrase-save');
      await options.text('recovery-key', 60_000);
      await options.click('recovery-done');
      await options.click('lock-now');
      await options.page.waitForSelector('[data-testid="encryption-state"][data-locked="true"]', { timeout: 15_000 });
      expect(await fire('icon')).toEqual({ title: 'Holdfast reminder', message: 'Holdfast reminder' });
      await clearNotification();
    }, 90_000);
  });
}
