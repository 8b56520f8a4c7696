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
import { ReportsPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const CAPTURE: SeedCapture = { platform: 'instagram', kind: 'comment', handle: 'quiet.watcher', text: 'Nice car. Blue suits you.', itemTime: '2026-11-15T12:30:00.000Z' };
const HOSTILE_REF = '<img src=x onerror="document.title=\'PWNED\'">IG-42';

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
  });
}
