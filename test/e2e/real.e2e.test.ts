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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentMismatches, type PageScore, realPages, scorePage } from '../real/score';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

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
