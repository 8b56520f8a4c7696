/**
 * WACZ export from the real extension (issue #15 C): capture items on two platforms, export the whole vault from the
 * vault page with `[data-testid="export-format"]` = `wacz`, then check the downloaded .wacz with outside tools:
 *  - the validator (test/wacz/validate.ts, a port of py-wacz's `wacz validate`, since PyPI is not reachable here;
 *    py-wacz itself too when it is installed): valid, signed, every capture a page at its URL;
 *  - `bin/holdfast-verify.mjs`: passes, and prints the vault key fingerprint the vault page shows;
 *  - ReplayWeb.page (test/wacz/replay.ts, served locally, Chromium): each captured item's text at its permalink,
 *    nothing fetched beyond loopback.
 * The export runs in each browser under test; the replay in Chromium (the harness drives Debian's Chromium).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/model/evidence';
import { describeValidation, tryPyWacz, validateWacz } from '../wacz/validate';
import { replayText } from '../wacz/replay';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { runVerifier, waitForDownload } from './downloads';
import { SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const ITEMS: [string, string][] = [
  ['https://x.com/grimshaw_k/status/2123706098119606292', 'reply'],
  ['https://www.instagram.com/p/DRk3mQ2jXaB/', 'comment'],
];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Where a record's HTML snapshot is archived: the item's permalink, else the page it was on. */
const itemUrl = (r: EvidenceRecord) => r.permalink ?? r.pageUrl;

for (const browserName of browsersUnderTest()) {
  describe(`WACZ export — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    let wacz: string;
    let records: EvidenceRecord[];
    let exportMs: number;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      vault = await VaultPage.open(harness);
      for (const [url, kind] of ITEMS) {
        const site = await SitePage.open(harness, url);
        await site.waitForControls(kind, 1);
        expect((await site.capture(kind, 0)).code).toMatch(/^ok/);
        await site.close();
      }
      records = (await vault.raw()).records;
      expect(records).toHaveLength(ITEMS.length);
      await vault.reload();
      await vault.page.click('[data-testid="export-vault"]');
      await vault.page.waitForSelector('[data-testid="export-format"]');
      expect(await vault.page.$eval('[data-testid="export-format"]', (e) => (e as HTMLSelectElement).value)).toBe('zip');
      await vault.page.select('[data-testid="export-format"]', 'wacz');
      const started = Date.now();
      await vault.page.click('[data-testid="export-confirm"]');
      wacz = await waitForDownload(harness.downloadDir, 120_000, '.wacz');
      exportMs = Date.now() - started;
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('the WACZ validator passes it (and py-wacz where installed): signed, each capture a page at its URL', async () => {
      const report = await validateWacz(wacz);
      const py = tryPyWacz(wacz);
      console.log(`[wacz e2e ${browserName}] export ${exportMs} ms; ${describeValidation(report, py)}`);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.version).toBe('1.1.1');
      expect(report.signature).toBe('valid');
      expect(report.pages.map((p) => p.url).sort()).toEqual(records.map(itemUrl).sort());
      if (py.ran === 'py-wacz') expect(py.status, py.output).toBe(0);
    });

    it("holdfast-verify passes the WACZ and prints the fingerprint the vault page shows", async () => {
      const shown = await vault.page.waitForSelector('[data-testid="vault-key-fingerprint"]', { timeout: 10_000 });
      const fingerprint = (await shown!.evaluate((e) => e.getAttribute('data-fingerprint'))) ?? '';
      expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/i);
      const run = runVerifier(wacz);
      expect(run.status, run.output).toBe(0);
      const line = run.output.split('\n').find((l) => /fingerprint/i.test(l)) ?? '';
      expect(line, run.output).toContain(fingerprint);
      // The WACZ's signature is by that same key: the fingerprint (first 16 bytes of SHA-256 over the SPKI,
      // docs/export-format.md) of datapackage-digest.json's publicKey, computed here, is the one the vault shows.
      const spki = Buffer.from((await validateWacz(wacz)).publicKey ?? '', 'base64');
      expect(spki.byteLength).toBeGreaterThan(0);
      const own = createHash('sha256').update(spki).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
      expect(own).toBe(fingerprint.toLowerCase());
    });

    if (browserName === 'chromium') {
      it("ReplayWeb.page shows each captured item's text at its permalink, with nothing fetched beyond loopback", async () => {
        for (const r of records) {
          const expected = squash(r.text ?? '').slice(0, 60);
          expect(expected.length, `record ${r.id} has text`).toBeGreaterThan(10);
          const result = await replayText(wacz, itemUrl(r), { waitForText: expected.slice(0, 20), timeoutMs: 60_000 });
          console.log(`[wacz e2e] replay of ${itemUrl(r)}: ${result.ms} ms, ${result.served.length} local requests, ${result.outside.length} outside`);
          expect(squash(result.text)).toContain(expected);
          expect(result.outside).toEqual([]);
        }
      });
    }
  });
}

const HOSTILE_POST = 'https://x.com/hostile/scripts.html';
const HOSTILE_PAGE = 'https://example.org/hostile/page.html';
const canary = () => ({
  ran: (window as unknown as { __hostileRan?: number }).__hostileRan ?? 0,
  attr: document.documentElement.hasAttribute('data-hostile-ran'),
});

// Captured HTML is hostile (test/replicas/x.com/hostile/, example.org/hostile/: every trick that runs sets
// window.__hostileRan / data-hostile-ran and calls https://x.com/__hostile/beacon). ReplayWeb.page runs an archived
// page's scripts (test/wacz/replay.test.ts proves it), so whatever a WACZ holds at an item's URL must be inert.
if (browsersUnderTest().includes('chromium')) {
  describe('WACZ export of hostile captures — chromium', () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    let wacz: string;
    let records: EvidenceRecord[];

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch('chromium', server, 'test-grant');
      vault = await VaultPage.open(harness);
      const site = await SitePage.open(harness, HOSTILE_POST);
      // Positive control: on the live page the hostile scripts run.
      await site.page.waitForFunction(() => ((window as unknown as { __hostileRan?: number }).__hostileRan ?? 0) > 0, { timeout: 10_000 });
      await site.waitForControls('post', 1);
      expect((await site.capture('post', 0)).code).toMatch(/^ok/);
      await site.close();
      const other = await SitePage.open(harness, HOSTILE_PAGE);
      try {
        await other.page.bringToFront();
        const result = (await vault.page.evaluate(async () => {
          type Api = { tabs: { query(q: object): Promise<{ id?: number }[]> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          const api = (g.browser ?? g.chrome)!;
          const [tab] = await api.tabs.query({ url: 'https://example.org/*' });
          return api.runtime.sendMessage({ type: 'capture:page', tabId: tab!.id });
        })) as { ok: boolean };
        expect(result.ok).toBe(true);
      } finally {
        await other.close();
      }
      records = (await vault.raw()).records;
      expect(records).toHaveLength(2);
      await vault.reload();
      await vault.page.click('[data-testid="export-vault"]');
      await vault.page.waitForSelector('[data-testid="export-format"]');
      await vault.page.select('[data-testid="export-format"]', 'wacz');
      await vault.page.click('[data-testid="export-confirm"]');
      wacz = await waitForDownload(harness.downloadDir, 120_000, '.wacz');
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('validates, and each hostile capture replays in ReplayWeb.page with no script run, no dialog and no beacon', async () => {
      const report = await validateWacz(wacz);
      expect(report.problems).toEqual([]);
      const seen = [];
      for (const r of records) {
        const result = await replayText(wacz, itemUrl(r), { settleMs: 1_500, probe: canary, timeoutMs: 60_000 });
        const beacons = result.pageRequests.filter((u) => u.includes('__hostile'));
        console.log(`[wacz e2e hostile] ${itemUrl(r)}: canary ${JSON.stringify(result.probe)}, dialogs ${result.dialogs.length}, beacons ${beacons.length}, text ${squash(result.text).length} chars`);
        expect(result.text.trim().length, itemUrl(r)).toBeGreaterThan(0);
        expect(result.outside).toEqual([]);
        // The whole page was serialised after its scripts ran on the site, so its markup may carry their
        // data-hostile-ran attribute (logged above); the window global is what a script running in the replay sets.
        seen.push({ url: itemUrl(r), ran: (result.probe as { ran: number }).ran, dialogs: result.dialogs, beacons: beacons.length });
      }
      expect(seen).toEqual(records.map((r) => ({ url: itemUrl(r), ran: 0, dialogs: [], beacons: 0 })));
    });
  });
}
