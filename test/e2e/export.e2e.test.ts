/**
 * Export from the real extension: capture items on three platforms, export the whole vault from the vault page
 * (default scope, no password), then check the downloaded bundle with outside tools — `unzip -t`,
 * `sha256sum -c SHA256SUMS`, poppler's `pdfinfo`/`pdftotext`, the Node verifier — and load report.html in
 * Chromium: it must make no network request and contain no script.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/model/evidence';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { runVerifier, waitForDownload } from './downloads';
import { CasePage, SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const ITEMS: [string, string][] = [
  ['https://x.com/grimshaw_k/status/2123706098119606292', 'reply'],
  ['https://www.instagram.com/p/DRk3mQ2jXaB/', 'comment'],
  ['https://www.facebook.com/', 'post'],
];


const REPORT_REF = '=HYPERLINK("http://evil.invalid")';
const REPORT_NOTES = '<img src=x onerror=alert(1)> they said <b>no action</b>';

for (const browserName of browsersUnderTest()) {
  describe(`export bundle — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;
    let bundle: string;
    let dir: string;
    let records: EvidenceRecord[];
    let reportIds: string[];

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
      // Issue #14: a report on the first capture (hostile reference and notes), through the vault page's own module.
      const seeder = await CasePage.openCase(harness);
      reportIds = await seeder.seed<string[]>('(seed, arg) => seed.seedExportReports(arg)', [
        { platform: records[0]!.platform, recordIds: [records[0]!.id], permalinks: [records[0]!.permalink ?? records[0]!.pageUrl], origin: 'item', reportedAt: '2026-11-20T11:00:00.000Z', reference: REPORT_REF, notes: REPORT_NOTES, abuse: 'threats' },
      ]);
      await seeder.seed('(seed) => seed.done()');
      await seeder.page.close();
      await vault.reload();
      await vault.page.click('[data-testid="export-vault"]');
      await vault.page.waitForSelector('[data-testid="export-confirm"]');
      await vault.page.click('[data-testid="export-confirm"]');
      bundle = await waitForDownload(harness.downloadDir);
      dir = mkdtempSync(join(tmpdir(), 'holdfast-bundle-'));
      execFileSync('unzip', ['-q', bundle, '-d', dir]);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('unzip -t accepts the bundle and sha256sum -c checks every file', () => {
      expect(spawnSync('unzip', ['-t', bundle]).status).toBe(0);
      const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const lines = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(records.length * 3 + 5);
    });

    it('the manifest holds every record with the vault’s hashes', () => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { records: { record?: EvidenceRecord; recordHash?: string; chain?: unknown }[] };
      const text = JSON.stringify(manifest);
      for (const r of records) {
        expect(text).toContain(r.chain.recordHash);
        for (const a of r.artifacts) expect(text).toContain(a.sha256);
      }
    });

    it('report.pdf opens in poppler and names each capture’s URL and hashes', () => {
      expect(spawnSync('pdfinfo', [join(dir, 'report.pdf')]).status).toBe(0);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const r of records) {
        expect(text).toContain((r.permalink ?? r.pageUrl).replace(/\s+/g, ''));
        expect(text).toContain(r.artifacts[0]!.sha256);
      }
    });

    it('report.html does not repeat large pictures: small ones inline, large ones as reduced copies, each linked to its file', () => {
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { records: { artifacts: { role: string; path: string; size: number }[] }[] };
      const shots = manifest.records.flatMap((r) => r.artifacts).filter((a) => a.role === 'screenshot');
      expect(shots.length).toBeGreaterThan(0);
      for (const shot of shots) expect(html).toContain(`href="${shot.path}"`);
      const large = shots.filter((s) => s.size > 48 * 1024);
      // The extension page draws a reduced JPEG of each large screenshot (OffscreenCanvas).
      if (large.length) expect((html.match(/<img class="shot thumb"[^>]+src="data:image\/jpeg;base64,/g) ?? []).length).toBe(large.length);
      const inline = [...html.matchAll(/src="data:image\/[a-z]+;base64,([A-Za-z0-9+/=]+)"/g)].reduce((n, m) => n + (m[1]!.length * 3) / 4, 0);
      const shotBytes = shots.reduce((n, s) => n + s.size, 0);
      // Small screenshots are inline as they are (base64 padding aside); large ones only as reduced copies.
      expect(inline).toBeLessThanOrEqual(shotBytes - large.reduce((n, s) => n + s.size, 0) + large.length * 48 * 1024 + 8 * shots.length);
      console.log(`[export e2e] screenshots ${shotBytes} bytes; pictures inside report.html ${Math.round(inline)} bytes; report.html ${html.length} bytes`);
    });

    it('reports.csv and report.html carry the report as text (issue #14)', () => {
      const csv = readFileSync(join(dir, 'reports.csv'), 'utf8');
      expect(csv).toContain(reportIds[0]!);
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.invalid"")"`);
      expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}reports\.csv\n/);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('id="platform-reports"');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    });

    it('the Node verifier passes the bundle', () => {
      const run = runVerifier(bundle);
      expect(run.status, run.output).toBe(0);
    });

    it('the bundle is signed by this vault\'s key (issue #15): the fingerprint on the vault page is the one the verifier prints and accepts', async () => {
      const shown = await vault.page.waitForSelector('[data-testid="vault-key-fingerprint"]', { timeout: 10_000 });
      const fingerprint = (await shown!.evaluate((e) => e.getAttribute('data-fingerprint'))) ?? '';
      expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/i);
      const run = runVerifier(bundle);
      const line = run.output.split('\n').find((l) => /fingerprint/i.test(l)) ?? '';
      expect(line, run.output).toContain(fingerprint);
      expect(run.output).toMatch(/^Signature:.*\bsigned\b/im);
      expect(runVerifier(bundle, false, ['--fingerprint', fingerprint]).status).toBe(0);
      const other = fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      expect(runVerifier(bundle, false, ['--fingerprint', other]).status).toBe(1);
    });

    it('the bundle imports into a fresh vault in this browser: every record, every file streamed in with its hash intact', async () => {
      const fresh = await launch(browserName, server, 'test-grant');
      try {
        const target = await VaultPage.open(fresh);
        await target.page.click('[data-testid="import-bundle"]');
        const input = (await target.page.waitForSelector('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
        await input.uploadFile(bundle);
        await target.page.waitForFunction(() => !(document.querySelector('[data-testid="import-run"]') as HTMLButtonElement | null)?.disabled, { timeout: 15_000 });
        await target.page.click('[data-testid="import-run"]');
        const result = await target.page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 });
        expect(await result!.evaluate((e) => `${e.getAttribute('data-status')} ${e.textContent}`)).toMatch(/^imported /);
        expect(await target.page.$eval('[data-testid="import-restored-reports"]', (e) => e.textContent)).toMatch(/\b1\b/);
        const raw = await target.raw();
        expect(raw.records.map((r) => [r.id, r.seq, r.chain.recordHash])).toEqual(records.map((r) => [r.id, r.seq, r.chain.recordHash]));
        const captured = records.reduce((n, r) => n + (r.artifacts?.length ?? 0), 0);
        expect(raw.artifacts).toHaveLength(captured);
        for (const a of raw.artifacts) expect([a.actualSha256, a.actualSize], a.id).toEqual([a.sha256, a.size]);
        const restored = await new CasePage(target.page, fresh).seed<Array<{ id: string; reference?: string; notes?: string }>>('(seed) => seed.exportReports()');
        expect(restored.map((r) => [r.id, r.reference, r.notes])).toEqual([[reportIds[0], REPORT_REF, REPORT_NOTES]]);
      } finally {
        await fresh.close();
      }
    });

    it('a WACZ exported from the vault page is checked by its Check a bundle (issue #15): verified, the fingerprint of the vault page; import refuses it', async () => {
      const fingerprint = await vault.page.$eval('[data-testid="vault-key-fingerprint"]', (e) => e.getAttribute('data-fingerprint'));
      await vault.page.click('[data-testid="export-vault"]');
      await vault.page.waitForSelector('[data-testid="export-format"]');
      await vault.page.select('[data-testid="export-format"]', 'wacz');
      await vault.page.click('[data-testid="export-confirm"]');
      const wacz = await waitForDownload(harness.downloadDir, 120_000, '.wacz');
      await vault.reload();
      await vault.page.click('[data-testid="verify-bundle"]');
      const picker = (await vault.page.waitForSelector('[data-testid="verify-file"]')) as ElementHandle<HTMLInputElement>;
      expect(await picker.evaluate((e) => e.accept)).toContain('.wacz');
      await picker.uploadFile(wacz);
      await vault.page.waitForFunction(() => !(document.querySelector('[data-testid="verify-run"]') as HTMLButtonElement | null)?.disabled, { timeout: 15_000 });
      await vault.page.click('[data-testid="verify-run"]');
      const result = await vault.page.waitForSelector('[data-testid="wacz-result"]', { timeout: 60_000 });
      expect(await result!.evaluate((e) => [e.getAttribute('data-ok'), e.getAttribute('data-problems')])).toEqual(['true', '']);
      expect(await vault.page.$eval('[data-testid="wacz-counts"] [data-count="warcs"]', (e) => e.textContent)).toMatch(/\b1\b/);
      expect(await vault.page.$eval('[data-testid="wacz-counts"] [data-count="pages"]', (e) => e.textContent)).toMatch(new RegExp(`\\b${records.length}\\b`));
      const signature = await vault.page.$eval('[data-testid="bundle-signature"]', (e) => [e.getAttribute('data-signature'), e.getAttribute('data-fingerprint'), e.textContent]);
      expect(signature[0]).toBe('signed');
      expect(signature[1]).toBe(fingerprint);
      expect(signature[2]).toContain(fingerprint);
      // Import says plainly that a WACZ is not a vault backup, and adds nothing.
      const before = (await vault.raw()).records.length;
      await vault.reload();
      await vault.page.click('[data-testid="import-bundle"]');
      const input = (await vault.page.waitForSelector('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(wacz);
      await vault.page.waitForFunction(() => !(document.querySelector('[data-testid="import-run"]') as HTMLButtonElement | null)?.disabled, { timeout: 15_000 });
      await vault.page.click('[data-testid="import-run"]');
      const refused = await vault.page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 });
      expect(await refused!.evaluate((e) => [e.getAttribute('data-status'), e.getAttribute('data-refusal')])).toEqual(['refused', 'wacz']);
      expect(await refused!.evaluate((e) => e.textContent)).toContain('ReplayWeb.page');
      expect((await vault.raw()).records).toHaveLength(before);
    });

    if (browserName === 'chromium') {
      it('report.html loads with no network request and no script', async () => {
        const html = readFileSync(join(dir, 'report.html'), 'utf8');
        expect(html).not.toMatch(/<script/i);
        const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'] });
        try {
          const page = await browser.newPage();
          const requests: string[] = [];
          page.on('request', (r) => requests.push(r.url()));
          const cdp = await page.createCDPSession();
          const scripts: string[] = [];
          cdp.on('Debugger.scriptParsed', (e: { url: string }) => scripts.push(e.url));
          await cdp.send('Debugger.enable');
          await page.goto(`file://${join(dir, 'report.html')}`, { waitUntil: 'load' });
          expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
          expect(scripts.filter((u) => u.startsWith('file://'))).toEqual([]);
          for (const r of records) expect(await page.evaluate(() => document.body.innerText)).toContain(r.permalink ?? r.pageUrl);
        } finally {
          await browser.close();
        }
      });
    }
  });
}
