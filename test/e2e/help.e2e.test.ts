/**
 * Get help (issue #14), in each browser, one launch: the vault page's nav-help link opens `#/help`; the region
 * <select> starts from the browser's language (else the international list); entries carry data-kind and
 * data-checked, the emergency number comes first as a tel: link, web addresses open in a new tab without referrer;
 * axe-core finds nothing; changing the region changes the entries and is remembered after a reload (storage.local
 * settings.helpRegion). The popup's "Get help" opens vault.html#/help in a new tab; the options page links to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRegion } from '../../src/ui/help/choose';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { ExtensionPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const KINDS = ['hotline', 'police', 'organisation', 'platform'];

/** What the page shows, read from its DOM. */
async function readEntries(page: ExtensionPage['page']) {
  return page.$$eval('[data-testid="help-entry"]', (els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind') ?? '',
      checked: el.getAttribute('data-checked') ?? '',
      name: el.querySelector('h4')?.textContent ?? '',
      tel: el.querySelector('a[href^="tel:"]')?.getAttribute('href') ?? null,
    })),
  );
}

for (const browserName of browsersUnderTest()) {
  describe(`Get help — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('from the vault nav: region from the browser language, entries with kind and date, tel: links, axe clean; a new region is remembered', async () => {
      const vault = await ExtensionPage.open(harness, 'vault.html', '[data-testid="nav-help"]');
      await vault.click('nav-help');
      const select = await vault.page.waitForSelector('[data-testid="help-region"]', { timeout: 15_000 });
      expect(await select!.evaluate((s) => s.tagName)).toBe('SELECT');

      const langs = await vault.page.evaluate(() => {
        const api = (globalThis as unknown as { browser?: { i18n: { getUILanguage(): string } }; chrome?: { i18n: { getUILanguage(): string } } });
        return [(api.browser ?? api.chrome)!.i18n.getUILanguage(), ...navigator.languages, navigator.language];
      });
      const codes = await vault.page.$$eval('[data-testid="help-region"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(codes).toEqual(expect.arrayContaining(['INTL', 'US', 'GB', 'EC', 'ES', 'MX']));
      expect(await select!.evaluate((s) => (s as HTMLSelectElement).value)).toBe(chooseRegion('', langs));

      const before = await readEntries(vault.page);
      expect(before.length).toBeGreaterThan(4);
      for (const e of before) {
        expect(KINDS).toContain(e.kind);
        expect(e.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(before[0]!.kind).toBe('police');
      expect(before[0]!.tel).toMatch(/^tel:\+?\d+$/);
      expect(before.filter((e) => e.kind === 'platform').length).toBe(3);
      const links = await vault.page.$$eval('[data-testid="help-entry"] a[href^="https:"]', (as) => as.map((a) => `${a.getAttribute('target')}|${a.getAttribute('rel')}`));
      expect(links.length).toBeGreaterThan(3);
      expect(new Set(links)).toEqual(new Set(['_blank|noopener noreferrer']));
      expect(await vault.axe()).toEqual([]);

      // Change the region like a person (keyboard-reachable native select).
      const target = chooseRegion('', langs) === 'EC' ? 'GB' : 'EC';
      await vault.page.select('[data-testid="help-region"]', target);
      const expectedTel = target === 'EC' ? 'tel:1800335486' : 'tel:08088020300';
      await vault.page.waitForSelector(`[data-testid="help-entry"] a[href="${expectedTel}"]`, { timeout: 10_000 });
      const after = await readEntries(vault.page);
      expect(after.map((e) => e.name)).not.toEqual(before.map((e) => e.name));
      expect(after[0]!.kind).toBe('police');
      expect(await vault.axe()).toEqual([]);

      // Remembered on this device: settings.helpRegion, and the page starts there next time.
      let saved: unknown;
      for (let i = 0; i < 50 && saved !== target; i++) {
        saved = ((await vault.storage()).local.settings as { helpRegion?: string } | undefined)?.helpRegion;
        if (saved !== target) await new Promise((r) => setTimeout(r, 100));
      }
      expect(saved).toBe(target);
      await vault.goto('options.html', '[data-testid="options-help"]');
      expect(await vault.page.$eval('[data-testid="options-help"]', (a) => a.getAttribute('href'))).toBe(`${harness.extensionBase}vault.html#/help`);
      await vault.goto('vault.html#/help', '[data-testid="help-region"]');
      expect(await vault.page.$eval('[data-testid="help-region"]', (s) => (s as HTMLSelectElement).value)).toBe(target);
      await vault.page.close();
    });

    it('the popup’s Get help opens vault.html#/help in a new tab', async () => {
      const popup = await ExtensionPage.open(harness, 'popup.html', '[data-testid="popup-help"]');
      await popup.click('popup-help');
      const wanted = `${harness.extensionBase}vault.html#/help`;
      // A new tab on vault.html#/help that draws the help page. Its address is read in the page: Firefox's BiDi may
      // report a tab opened by the extension as about:blank for a while.
      let shown = false;
      for (let i = 0; i < 100 && !shown; i++) {
        for (const tab of await harness.browser.pages()) {
          if (tab === popup.page) continue;
          const here = await tab.evaluate(() => `${location.href} ${!!document.querySelector('[data-testid="help-region"]')}`).catch(() => '');
          if (here === `${wanted} true`) {
            shown = true;
            await tab.close();
            break;
          }
        }
        if (!shown) await new Promise((r) => setTimeout(r, 150));
      }
      expect(shown).toBe(true);
      await popup.page.close();
    });
  });
}
