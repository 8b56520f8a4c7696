/**
 * The structure replicas of real pages (test/real/, issue #11) in the real browsers: served under the sites' host
 * names at the URLs their truth files name, with the built extension. What the unit score (happy-dom) finds, the
 * extension must do in Chromium and Firefox ESR too:
 * - every kind of item gets as many capture controls as the adapter finds targets (where that is the truth's count,
 *   the person sees a control on every item);
 * - for each page, the first item of each kind that the score reads fully right is captured by a click like a
 *   person's, and the stored record still matches the truth field for field;
 * - no page's own markup breaks the content script (a page that gets no control of a kind it has stays at 0).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentMismatches, type PageScore, realPages, scorePage } from '../real/score';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { SitePage, VaultPage } from './pages';
import { pinRealPage, REAL_ROOT, type ReplicaServer, startReplicaServer } from './server';

/**
 * Some pages were saved with their content hidden by the site's own inline state (a post dialog over a feed kept
 * `display: none` / `hidden` on the feed's wrapper until the site's script ran; replicas have no script). A person on
 * the live site sees the item, so before clicking, the ancestors of Holdfast's controls that the saved page left
 * hidden are shown again — only those, and only their inline state.
 */
async function revealSavedPage(site: SitePage): Promise<void> {
  await site.page.evaluate(() => {
    for (const control of document.querySelectorAll('[data-holdfast-capture]')) {
      for (let el = control.parentElement; el && el !== document.body; el = el.parentElement) {
        if (getComputedStyle(el).display !== 'none') continue;
        if (el.hasAttribute('hidden')) el.removeAttribute('hidden');
        if ((el as HTMLElement).style.display === 'none') (el as HTMLElement).style.display = '';
      }
    }
  });
}

const scores: PageScore[] = realPages().map(({ host, truthFile }) => scorePage(host, truthFile));

for (const browserName of browsersUnderTest()) {
  describe(`real-page structure replicas — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      vault = await VaultPage.open(harness);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    for (const score of scores) {
      it(`${score.page}: controls as the adapter finds them, right items captured right`, async () => {
        const url = score.truth.url;
        pinRealPage(url, join(REAL_ROOT, `${score.page}.html`));
        const site = await SitePage.open(harness, url);
        try {
          const kinds = new Set([...Object.keys(score.truth.targets), ...Object.keys(score.targetCounts)]);
          for (const kind of kinds) {
            const n = score.targetCounts[kind] ?? 0;
            if (n > 0) expect(await site.waitForControls(kind, n, 15_000).catch(() => site.countControls(kind)), `${kind} controls`).toBe(n);
            else expect(await site.countControls(kind), `${kind} controls`).toBe(0);
          }
          const firstRightOfEachKind = score.rightItems.filter((i, k, all) => all.findIndex((j) => j.kind === i.kind) === k);
          for (const item of firstRightOfEachKind) {
            await site.goto(url);
            await site.waitForControls(item.kind, item.index + 1, 20_000);
            await revealSavedPage(site);
            const outcome = await site.capture(item.kind, item.index);
            expect(outcome.code, `${item.kind}#${item.index} outcome`).toMatch(/^ok/);
            const rec = await vault.newest();
            expect(rec.kind).toBe(item.kind);
            expect(rec.pageUrl).toBe(url);
            expect(rec.extraction.method).toBe('adapter');
            expect(contentMismatches(rec.content, item.expect), `${score.page} ${item.kind}#${item.index}`).toEqual([]);
          }
        } finally {
          await site.close();
        }
      });
    }
  });
}
