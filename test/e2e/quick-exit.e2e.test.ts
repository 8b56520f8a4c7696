/**
 * Quick exit (issue #12), with a passphrase set and the vault unlocked before each: the button on the vault page,
 * Escape twice on the options page, Escape twice on a capture control in a site's page. Each time: the vault is
 * locked (the session key is gone, the vault page shows the lock screen), no Holdfast tab is left, the
 * person is on the neutral page chosen in the options, and that tab's history holds no Holdfast page. The time from
 * the click / second key press to the neutral page's load event is printed (target ≤ 300 ms; not asserted, a
 * loaded CI machine is not the person's). axe-core checks the options page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { ExtensionPage, markPress, NEUTRAL_URL, openTabUrls, pressedAt, SitePage, settleInView, waitForNeutralPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

const timings: string[] = [];
const HOME_URL = 'https://x.com/home';
const PASSPHRASE = 'quiet harbour lantern 7';

for (const browserName of browsersUnderTest()) {
  describe(`quick exit — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-neutral-url"]');
      await options.setNeutralPage(NEUTRAL_URL);
      // An encrypted vault, so "locked" means something: the quick exit must take the key away.
      await options.click('passphrase-set');
      await options.fill('passphrase-new', PASSPHRASE);
      await options.fill('passphrase-repeat', PASSPHRASE);
      await options.click('passphrase-save');
      await options.text('recovery-key', 60_000);
      await options.click('recovery-done');
      await options.page.close();
    });

    /** The vault page, unlocked (each quick exit locks it). */
    async function unlockedVault(): Promise<ExtensionPage> {
      const vault = await ExtensionPage.open(harness, 'vault.html', '[data-testid="record-count"], [data-testid="lock-screen"]');
      if (await vault.page.$('[data-testid="lock-screen"]')) {
        await vault.fill('unlock-passphrase', PASSPHRASE);
        await vault.click('unlock-submit');
        await vault.page.waitForSelector('[data-testid="record-count"]', { timeout: 30_000 });
      }
      expect(typeof (await vault.storage()).session.holdfastSessionKey).toBe('string');
      return vault;
    }
    afterAll(async () => {
      await harness?.close();
      await server?.close();
      if (timings.length) console.log(`quick exit, press → neutral page loaded:\n  ${timings.join('\n  ')}`);
    });

    const isOurs = (u: string) => u.startsWith(harness.extensionBase);
    /** "N ms" from the page's own event time (the last Escape / the click), and from the test's send in brackets. */
    const timing = async (what: string, loadedAt: number, sentAt: number, fromPage: boolean) => {
      let pressed: number | undefined;
      if (fromPage) {
        const reader = await ExtensionPage.open(harness, 'options.html', '[data-testid="quick-exit"]');
        pressed = await pressedAt(reader);
        await reader.page.close();
      }
      timings.push(`${browserName} ${what}: ${pressed ? `${Math.round(loadedAt - pressed)} ms from the press event` : 'press event time not available'} (from the test's send: ${Math.round(loadedAt - sentAt)} ms)`);
    };

    /** After a quick exit: no Holdfast tab, the neutral tab's history has no Holdfast page, the key is gone. */
    async function expectLeft(neutral: Awaited<ReturnType<typeof waitForNeutralPage>>, allowSiteHistory: boolean): Promise<void> {
      // Give the background a moment to finish closing (it closes them after the neutral tab is open).
      await new Promise((r) => setTimeout(r, 300));
      expect((await openTabUrls(harness)).filter(isOurs)).toEqual([]);
      const depth = await neutral.page.evaluate(() => window.history.length);
      if (!allowSiteHistory) expect(depth).toBe(1);
      // history.length cannot say what the earlier entries are: going back must not reach a Holdfast page.
      if (depth > 1) {
        await neutral.page.goBack({ timeout: 5000 }).catch(() => undefined);
        expect(isOurs(neutral.page.url())).toBe(false);
      }
      const check = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-neutral-url"]');
      const { session } = await check.storage();
      expect(session.holdfastSessionKey).toBeUndefined();
      await check.goto('vault.html', '[data-testid="lock-screen"]');
      await check.page.close();
      await neutral.page.close();
    }

    it('the quick-exit button on the vault page (with the options page open too)', async () => {
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="quick-exit"]');
      const vault = await unlockedVault();
      expect(await vault.page.$('[data-testid="uninstall-warning"]')).not.toBeNull();
      await vault.page.bringToFront();
      const button = await vault.page.waitForSelector('[data-testid="quick-exit"]');
      await markPress(vault.page, 'click');
      const t0 = Date.now();
      await button!.click();
      const neutral = await waitForNeutralPage(harness);
      await timing('vault button', neutral.loadedAt, t0, true);
      await expectLeft(neutral, false);
      expect(options.page.isClosed() || !isOurs(options.page.url())).toBe(true);
    });

    it('Escape twice on the options page', async () => {
      await (await unlockedVault()).page.close();
      // The settings form draws after its values are read from storage: wait for the field that gets the focus.
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-autolock"]');
      await options.page.bringToFront();
      await options.page.focus('[data-testid="settings-autolock"]');
      await options.page.keyboard.press('Escape');
      await markPress(options.page, 'keydown');
      const t0 = Date.now();
      // The page closes on the key going down: its key-up has nowhere to go.
      await options.page.keyboard.down('Escape');
      void options.page.keyboard.up('Escape').catch(() => undefined);
      const neutral = await waitForNeutralPage(harness);
      await timing('options double Escape', neutral.loadedAt, t0, true);
      await expectLeft(neutral, false);
    });

    it('one Escape does nothing; Escape twice on a capture control in a site page leaves that tab on the neutral page', async () => {
      const vault = await unlockedVault();
      const site = await SitePage.open(harness, HOME_URL);
      const kind = 'post';
      await site.waitForControls(kind);
      const control = await site.control(kind, 0);
      await settleInView(control);
      await control.focus();
      await site.page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 800));
      expect(site.page.url()).toMatch(/^https:\/\/x\.com\//);
      expect(vault.page.isClosed()).toBe(false);
      await site.page.keyboard.press('Escape');
      const t0 = Date.now();
      await site.page.keyboard.press('Escape');
      const neutral = await waitForNeutralPage(harness);
      await timing('in-page control double Escape', neutral.loadedAt, t0, false);
      // The site's own page may stay behind the neutral page in that tab; no Holdfast page may.
      await expectLeft(neutral, true);
    });

    it('the quick-exit button of the toolbar popup (opened as a page)', async () => {
      await (await unlockedVault()).page.close();
      const popup = await ExtensionPage.open(harness, 'popup.html', '[data-testid="quick-exit"]');
      await markPress(popup.page, 'click');
      const t0 = Date.now();
      await popup.click('quick-exit');
      const neutral = await waitForNeutralPage(harness);
      await timing('popup button', neutral.loadedAt, t0, true);
      await expectLeft(neutral, false);
    });

    it('discreet mode: neutral toolbar title and page titles, back to normal when turned off', async () => {
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-discreet"]');
      const actionTitle = () =>
        options.page.evaluate(async () => {
          type Action = { getTitle(d: object): Promise<string> };
          const g = globalThis as unknown as { browser?: { action?: Action; browserAction?: Action }; chrome?: { action?: Action; browserAction?: Action } };
          const api = (g.browser ?? g.chrome)!;
          return (api.action ?? api.browserAction)!.getTitle({});
        });
      expect(await actionTitle()).toMatch(/Holdfast/);
      await options.click('settings-discreet');
      await options.click('settings-save');
      await options.page.waitForSelector('[data-testid="settings-saved"]');
      await options.page.waitForFunction(() => document.title === 'Page tools', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 300));
      expect(await actionTitle()).toBe('Page tools');
      await options.click('settings-discreet');
      await options.click('settings-save');
      await options.page.waitForFunction(() => document.title !== 'Page tools', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 300));
      expect(await actionTitle()).toMatch(/Holdfast/);
      await options.page.close();
    });

    it('options page: no axe-core violations; the discreet setting says the extension list name cannot change', async () => {
      const options = await ExtensionPage.open(harness, 'options.html', '[data-testid="settings-discreet"]');
      expect(await options.axe()).toEqual([]);
      expect(await options.page.$eval('#discreet-note', (e) => e.textContent ?? '')).toMatch(/list of extensions cannot be changed/);
      expect(await options.page.$('[data-testid="uninstall-warning"]')).not.toBeNull();
      await options.page.close();
    });
  });
}
