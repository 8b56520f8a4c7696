/**
 * Encryption at rest from the person's side (issue #12), in each browser:
 * capture (plain vault) → set a passphrase in the options (warning first, recovery key shown once) → lock → the vault
 * page shows the lock screen (axe-core) → a capture while locked is saved, and the site's toast says
 * "Saved (vault locked)" with no prompt anywhere → wrong passphrase: plain message, nothing deleted → unlock: the
 * records are there and the page says one capture made while locked was added. Then the raw dump proof: every
 * IndexedDB store and storage.local, read directly, hold neither the unique marker texts, nor the handle, nor the
 * URLs, nor a run of the screenshot's bytes in plaintext. Last, the export of the encrypted vault (unlocked) holds
 * the same evidence in plaintext, and the Node verifier passes it: hashes are hashes of what was captured.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { runVerifier, waitForDownload } from './downloads';
import { ExtensionPage, openTabUrls, rawExtensionDump, SitePage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const HOME = 'https://x.com/home';
const HANDLE = 'alice_wren';
const PERMALINK = 'x.com/alice_wren/status/2123779188061110283';
const PASSPHRASE = 'tangerine orbit velvet 42';
const MARKER_PLAIN = `HFMARKPLAIN${Date.now().toString(36)}Q`;
const MARKER_LOCKED = `HFMARKLOCKED${Date.now().toString(36)}Z`;

/** Captures the first post of the replica home timeline after putting `marker` in its text. */
async function captureWithMarker(site: SitePage, marker: string) {
  await site.goto(HOME);
  await site.waitForControls('post', 1);
  await site.page.evaluate((m) => {
    const text = document.querySelector('[data-testid="tweetText"]');
    if (!text) throw new Error('no post text on the replica');
    text.textContent = `${m} — ${text.textContent}`;
  }, marker);
  return site.capture('post', 0);
}

for (const browserName of browsersUnderTest()) {
  describe(`encryption at rest and the lock screen — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let site: SitePage;
    let shotChunk = '';

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      site = await SitePage.open(harness, HOME);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('first run: the vault page offers a passphrase without blocking it; a plain capture works', async () => {
      const vault = await ExtensionPage.open(harness, 'vault.html', '[data-testid="record-count"]');
      expect(await vault.page.$('[data-testid="first-run-lock"]')).not.toBeNull();
      expect(await vault.page.$('[data-testid="lock-screen"]')).toBeNull();
      expect((await captureWithMarker(site, MARKER_PLAIN)).code).toMatch(/^ok/);
      await vault.page.close();
    });

    it('options: warning before the passphrase is set, the recovery key shown once, then lock now', async () => {
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="passphrase-set"]');
      await options.click('passphrase-set');
      expect(await options.text('passphrase-warning')).toMatch(/cannot be opened/);
      await options.fill('passphrase-new', PASSPHRASE);
      await options.fill('passphrase-repeat', `${PASSPHRASE}x`);
      await options.click('passphrase-save');
      expect(await options.text('passphrase-error')).toMatch(/not the same/);
      await options.fill('passphrase-repeat', PASSPHRASE);
      await options.click('passphrase-save');
      const key = await options.text('recovery-key', 60_000);
      expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5,}$/);
      await options.click('recovery-done');
      expect(await options.page.$('[data-testid="recovery-key"]')).toBeNull();
      await options.goto('options.html', '[data-testid="encryption-state"][data-encrypted="true"]');
      expect(await options.page.$('[data-testid="recovery-key"]')).toBeNull();
      expect(typeof (await options.storage()).session.holdfastSessionKey).toBe('string');
      await options.click('lock-now');
      await options.page.waitForSelector('[data-testid="lock-screen"]', { timeout: 10_000 });
      expect((await options.storage()).session.holdfastSessionKey).toBeUndefined();
      await options.page.close();
    });

    it('a capture while locked is saved and says "Saved (vault locked)", with no prompt anywhere', async () => {
      const before = await openTabUrls(harness);
      const outcome = await captureWithMarker(site, MARKER_LOCKED);
      expect(outcome.code).toBe('ok:locked');
      expect(await openTabUrls(harness)).toEqual(before);
    });

    it('lock screen: accessible, a wrong passphrase gets a plain message, the right one shows the records and the locked capture', async () => {
      const vault = await ExtensionPage.open(harness, 'vault.html', '[data-testid="lock-screen"]');
      expect(await vault.page.$('[data-testid="record-count"]')).toBeNull();
      expect(await vault.text('locked-captures')).toMatch(/\b1\b/);
      expect(await vault.axe()).toEqual([]);
      await vault.fill('unlock-passphrase', 'not my passphrase');
      await vault.click('unlock-submit');
      expect(await vault.text('unlock-error', 30_000)).toMatch(/not right.*Nothing was deleted/);
      await vault.fill('unlock-passphrase', PASSPHRASE);
      await vault.click('unlock-submit');
      await vault.page.waitForSelector('[data-testid="record-count"][data-count="2"]', { timeout: 30_000 });
      expect(await vault.page.$eval('[data-testid="unlock-added"]', (e) => e.getAttribute('data-count'))).toBe('1');
      const authors = await vault.page.$$eval('[data-testid="row-author"]', (els) => els.map((e) => e.textContent ?? ''));
      expect(authors.join(' ')).toContain(HANDLE);
      // The records page (navigation, search, filters, the windowed list, a selected row with the selection bar) and
      // the record view: no axe-core violation.
      await vault.page.click('[data-testid="row-select"]');
      await vault.page.waitForSelector('[data-testid="selection-bar"]');
      expect(await vault.axe()).toEqual([]);
      await vault.page.click('[data-testid="selection-clear"]');
      // The screenshot of the newest record as the vault page shows it (decrypted), to look for in the raw dump.
      await vault.page.click('[data-testid="record-row"]');
      const img = await vault.page.waitForSelector('[data-testid="record-screenshot"]', { timeout: 15_000 });
      expect(await vault.axe()).toEqual([]);
      shotChunk = await img!.evaluate(async (el) => {
        const bytes = new Uint8Array(await (await fetch((el as HTMLImageElement).src)).arrayBuffer());
        // 48 bytes from the middle of the compressed image data: unique to this picture.
        const mid = Math.floor(bytes.length / 2);
        return String.fromCharCode(...bytes.subarray(mid, mid + 48));
      });
      expect(shotChunk.length).toBe(48);
      await vault.page.close();
    });

    it('raw dump: no marker, handle, URL or screenshot bytes in plaintext anywhere in IndexedDB or storage.local', async () => {
      const page = await ExtensionPage.open(harness, 'options.html', '[data-testid="encryption-state"]');
      const dump = await rawExtensionDump(page.page);
      expect(dump.length).toBeGreaterThan(10_000);
      const found = [MARKER_PLAIN, MARKER_LOCKED, HANDLE, PERMALINK, 'x.com/home', 'Morning walk'].filter((s) => dump.includes(s));
      expect(found).toEqual([]);
      expect(dump.includes(shotChunk)).toBe(false);
      await page.page.close();
    });

    it('the export of the encrypted vault holds both captures in plaintext and passes the Node verifier', async () => {
      const vault = await ExtensionPage.open(harness, 'vault.html', '[data-testid="record-count"][data-count="2"]');
      await vault.page.click('[data-testid="export-vault"]');
      await vault.page.waitForSelector('[data-testid="export-confirm"]');
      await vault.page.click('[data-testid="export-confirm"]');
      const bundle = await waitForDownload(harness.downloadDir);
      const run = runVerifier(bundle);
      expect(run.status, run.output).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'holdfast-locked-'));
      execFileSync('unzip', ['-q', bundle, '-d', dir]);
      const manifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
      for (const text of [MARKER_PLAIN, MARKER_LOCKED, HANDLE]) expect(manifest).toContain(text);
      expect(JSON.parse(manifest).records).toHaveLength(2);
      await vault.page.close();
    });
  });
}
