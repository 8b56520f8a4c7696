/**
 * A real install (issue #14): the vault survives a browser restart and an extension reload, in each browser.
 * One capture on the X replica, then: close the browser, start it again on the SAME profile folder → the record is
 * there, byte for byte, and the vault verifies; reload the extension (runtime.reload() from its own page, what an
 * update does) → the same again, and each time the reminder of a report stored before is still set as a browser alarm
 * at the same time: the restarted background schedules it again from the vault (a build without that start-up step
 * failed here in both browsers: neither keeps the alarm across this restart, nor across the reload). Then the options page's "Before you remove Holdfast" (axe-core) and its
 * "Export everything", which opens the vault page's export dialog for the whole vault.
 *
 * How the profile is kept:
 * - Chromium: the profile folder (`userDataDir`) is kept between launches; the unpacked extension is loaded from the
 *   same folder, so its id — and with it the IndexedDB origin chrome-extension://<id> — is the same.
 * - Firefox: an add-on loaded as *temporary* (about:debugging) is removed when Firefox closes, and removing an
 *   add-on deletes its data, so the test does not do that: it installs Holdfast for good, as a person on Firefox
 *   ESR, Developer Edition or Nightly with xpinstall.signatures.required=false would (README "Keeping Holdfast in
 *   Firefox"): the built add-on is written into the profile's extensions/ folder as <gecko id>.xpi and Firefox
 *   installs it at start. launchFirefox pins the add-on's internal UUID (extensions.webextensions.uuids), so its
 *   origin moz-extension://<uuid> — where the vault lives — is the same at every start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, extensionDir, type Harness, installXpiIntoProfile, launch } from './browsers';
import type { Page } from 'puppeteer-core';
import { ExtensionPage, reportsSeedSource, SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const HOME = 'https://x.com/home';

/**
 * When the browser's alarm of that name is due (ms), read from an extension page; waits up to 10 s for it (a
 * restarted background schedules reminders from the vault once it starts). Undefined when there is none.
 */
async function alarmAt(page: Page, name: string): Promise<number | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const at = await page.evaluate(async (n) => {
      type Api = { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (await (g.browser ?? g.chrome)!.alarms.get(n))?.scheduledTime ?? null;
    }, name);
    if (at !== null || Date.now() > deadline) return at ?? undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const browserName of browsersUnderTest()) {
  describe(`the vault survives a restart and a reload — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness | undefined;
    let profileDir: string;
    const opts = () => ({ profileDir, firefoxInstall: 'profile' as const });

    beforeAll(async () => {
      server = await startReplicaServer();
      profileDir = mkdtempSync(join(tmpdir(), `holdfast-profile-${browserName}-`));
      if (browserName === 'firefox') await installXpiIntoProfile(profileDir);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
      rmSync(profileDir, { recursive: true, force: true });
    });

    /** The vault page once the extension answers (after a reload it takes a moment to be back). */
    async function openVault(h: Harness): Promise<VaultPage> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          return await VaultPage.open(h);
        } catch (e) {
          if (Date.now() > deadline) throw e;
          for (const p of await h.browser.pages()) if (p.url().startsWith(h.extensionBase)) await p.close().catch(() => undefined);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }

    /**
     * Firefox: runtime.reload() from the extension's own page. Chromium: the unpacked extension is loaded again from
     * the same folder (CDP Extensions.loadUnpacked, what "Load unpacked"/the reload button of chrome://extensions
     * does; the same id, installed over itself). runtime.reload() is not used there: in this harness, where the
     * extension is loaded over the DevTools pipe, Chromium leaves it unloaded after runtime.reload() (every page of
     * it then fails with ERR_BLOCKED_BY_CLIENT, Holdfast's code or not).
     * Either way the vault page open before must close or lose its document: the proof the extension was unloaded.
     */
    async function reloadExtension(h: Harness, page: VaultPage): Promise<void> {
      await page.page.evaluate(() => {
        (window as unknown as { __hfBeforeReload?: boolean }).__hfBeforeReload = true;
      });
      if (h.name === 'chromium') await h.browser.installExtension(extensionDir('chromium', 'test-grant'));
      else
        await page.page.evaluate(() => {
          const g = globalThis as unknown as { browser: { runtime: { reload(): void } } };
          setTimeout(() => g.browser.runtime.reload(), 50);
        });
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (page.page.isClosed()) return;
        const old = await page.page.evaluate(() => (window as unknown as { __hfBeforeReload?: boolean }).__hfBeforeReload === true).catch(() => false);
        if (!old) return;
        if (Date.now() > deadline) throw new Error('the extension did not reload: its page is still the one from before');
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    it('captured, restarted on the same profile, reloaded: the record is the same and the vault verifies each time', async () => {
      harness = await launch(browserName, server, 'test-grant', opts());
      const site = await SitePage.open(harness, HOME);
      await site.waitForControls('post', 1);
      expect((await site.capture('post', 0)).code).toBe('ok');
      let vault = await openVault(harness);
      const before = await vault.raw();
      const record = await vault.newest();
      expect(before.records).toHaveLength(1);
      expect(record.platform).toBe('x');
      expect(before.artifacts.length).toBeGreaterThan(0);
      // A report with a reminder in 5 days, stored through the vault's code and scheduled as the vault page does
      // (reports:reminders). The browsers drop it at the restart and the reload: the background schedules it again.
      const remindAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
      await vault.page.evaluate(await reportsSeedSource());
      const reportId = (await vault.page.evaluate(
        `(async () => { const s = globalThis.__hfReportsSeed; const r = await s.addReport(${JSON.stringify({ platform: 'x', origin: 'item', reportedAt: new Date().toISOString(), recordIds: [record.id], permalinks: [], remindAt })}); await s.done(); return r.id; })()`,
      )) as string;
      expect(
        await vault.page.evaluate(async (m) => {
          type Api = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; scheduled?: number }> } };
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          return (g.browser ?? g.chrome)!.runtime.sendMessage(m);
        }, { type: 'reports:reminders', reminders: [{ id: reportId, remindAt }] }),
      ).toEqual({ ok: true, scheduled: 1 });
      const alarm = `holdfast-report-reminder:${reportId}`;
      const due = Date.parse(remindAt);
      expect(Math.abs((await alarmAt(vault.page, alarm))! - due)).toBeLessThanOrEqual(1000);

      // 1. Close the browser and start it again with the same profile.
      await harness.close();
      harness = undefined;
      harness = await launch(browserName, server, 'test-grant', opts());
      vault = await openVault(harness);
      const afterRestart = await vault.raw();
      expect(afterRestart.records).toEqual(before.records);
      expect(afterRestart.artifacts).toEqual(before.artifacts);
      for (const a of afterRestart.artifacts) expect(a.actualSha256, a.role).toBe(a.sha256);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
      expect(Math.abs((await alarmAt(vault.page, alarm))! - due)).toBeLessThanOrEqual(1000);

      // 2. Reload the extension, as an update does: it is unloaded (its pages close) and started again.
      await reloadExtension(harness, vault);
      vault = await openVault(harness);
      const afterReload = await vault.raw();
      expect(afterReload.records).toEqual(before.records);
      expect(afterReload.artifacts).toEqual(before.artifacts);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
      expect(Math.abs((await alarmAt(vault.page, alarm))! - due)).toBeLessThanOrEqual(1000);
    });

    it('before removing: the options page says removal deletes the vault, and "Export everything" opens the vault page export of everything', async () => {
      if (!harness) throw new Error('the first test did not leave a browser');
      const h = harness;
      const options = await ExtensionPage.open(h, 'options.html', '[data-testid="before-remove"]');
      expect(await options.text('before-remove')).toMatch(/deletes the vault/);
      expect(await options.axe()).toEqual([]);
      // Installed for good (Firefox: from the profile's extensions/ folder), so no "temporary add-on" warning.
      const installType = await options.page.evaluate(async () => {
        const g = globalThis as unknown as { browser?: { management: { getSelf(): Promise<{ installType: string }> } }; chrome?: { management: { getSelf(): Promise<{ installType: string }> } } };
        return (await (g.browser ?? g.chrome)!.management.getSelf()).installType;
      });
      if (browserName === 'firefox') expect(installType).not.toBe('development');
      expect(await options.page.$('[data-testid="temporary-install"]')).toBeNull();
      const vaultUrl = `${h.extensionBase}vault.html`;
      const isVaultTab = (u: string) => u.startsWith(vaultUrl);
      const before = new Set((await h.browser.pages()).filter((p) => isVaultTab(p.url())));
      await options.click('export-everything');
      let tab: Page | undefined;
      const deadline = Date.now() + 10_000;
      while (!tab && Date.now() < deadline) {
        tab = (await h.browser.pages()).find((p) => !before.has(p) && isVaultTab(p.url()));
        if (!tab) await new Promise((r) => setTimeout(r, 100));
      }
      if (!tab) throw new Error('no vault tab opened');
      await tab.bringToFront();
      await tab.waitForSelector('[data-testid="export-dialog"] input[name="scope"][value="all"]:checked', { timeout: 15_000 });
      // The request left the address: a reload does not open the dialog again.
      await tab.waitForFunction(() => !location.search.includes('export'), { timeout: 5_000 });
      // The vault page's footer says it too, with the same button.
      expect(await tab.$eval('[data-testid="before-remove-footer"]', (f) => [f.querySelector('[data-testid="uninstall-warning"]') !== null, f.querySelector('[data-testid="export-everything"]') !== null])).toEqual([true, true]);
    });
  });
}
