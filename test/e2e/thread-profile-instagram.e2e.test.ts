/**
 * "Capture profile with posts" on Instagram (issue #4) in real browsers, on the long profile replica
 * (test/replicas/www.instagram.com/thread/profile-long*.html): a 240-post grid, virtualised (rows of 3, recycled), 12
 * tiles per page behind a spinner, with no dates on the tiles. Captured as the latest 60 posts (with a stitched
 * screenshot) and back to a date (Spanish interface, no screenshot): one `profile` record each, complete, in order,
 * no duplicates, the pinned post marked and not counted, each post's time derived from its id (fields.timeFromId,
 * never itemTime), the range in the record — and nothing on the page is ever clicked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/model/evidence';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { BOUND_DIALOG, CONTROL, SitePage, TOAST, VaultPage } from './pages';
import { REPLICA_ROOT, type ReplicaServer, startReplicaServer } from './server';
import { clicksOnPage, transcriptOf } from './thread-support';

interface Tile {
  code: string;
  mediaId: string;
  time: string;
  permalink: string;
  key: string;
  type: string;
  pinned: boolean;
  alt: string;
  thumb: string;
}
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(REPLICA_ROOT, 'www.instagram.com', 'thread', 'ig-profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastIgProfileReplica as { OWNER: { handle: string; id: string }; VIEWER: { id: string }; N: number; tiles(lang?: string): Tile[] };

const PROFILE = 'https://www.instagram.com/night.owl_alt/';

interface TranscriptEntry {
  key: string;
  kind?: string;
  itemId?: string;
  permalink?: string;
  itemTime?: string;
  author?: { handle?: string; accountId?: string };
  text?: string;
  media?: { url: string }[];
  fields?: Record<string, string>;
}

/** Every transcript entry against the replica's tiles: same posts, same order, read as the grid shows them. */
function checkEntries(entries: TranscriptEntry[], expected: Tile[]): void {
  expect(entries.length).toBe(expected.length);
  expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  expect(entries.map((e) => e.key)).toEqual(expected.map((t) => t.key));
  expect(entries.map((e) => e.permalink)).toEqual(expected.map((t) => t.permalink));
  expect(entries.map((e) => e.itemId)).toEqual(expected.map((t) => t.code));
  expect(entries.map((e) => e.text)).toEqual(expected.map((t) => t.alt || undefined));
  expect(entries.map((e) => e.fields?.mediaType)).toEqual(expected.map((t) => t.type));
  expect(entries.map((e) => e.fields?.pinned === 'true')).toEqual(expected.map((t) => t.pinned));
  expect(entries.map((e) => e.media?.[0]?.url)).toEqual(expected.map((t) => t.thumb));
  // The time is derived from the post id and kept apart: no entry claims a time the page showed.
  expect(entries.map((e) => e.fields?.timeFromId)).toEqual(expected.map((t) => t.time));
  expect(entries.every((e) => e.itemTime === undefined && e.fields?.timeSource === 'derived from the post id')).toBe(true);
  expect(entries.every((e) => e.kind === 'post' && e.author?.handle === P.OWNER.handle && e.author?.accountId === P.OWNER.id)).toBe(true);
}

/** Opens the how-far-back dialog from the profile-posts control (a click). Returns the toast count before. */
async function openDialog(site: SitePage): Promise<number> {
  await site.page.bringToFront();
  await site.waitForControls('profile-posts', 1, 15_000);
  expect(await site.countControls('profile')).toBe(1);
  const before = await site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
  await (await site.page.$(CONTROL('profile-posts')))!.click();
  await site.page.waitForSelector(BOUND_DIALOG, { timeout: 5000 });
  return before;
}

const dialogAttr = (site: SitePage, name: string) => site.page.$eval(BOUND_DIALOG, (el, n) => el.getAttribute(n), name);
const loadedOnPage = (site: SitePage) => site.page.evaluate(() => (window as unknown as { __replica: { loaded(): number } }).__replica.loaded());

for (const browserName of browsersUnderTest()) {
  describe(`Instagram profile with posts — ${browserName}`, () => {
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

    it('the latest 60 posts: the pinned post and exactly the 60 newest, in order, typed, dated from their ids, stitched screenshot', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100`);
      try {
        const before = await openDialog(site);
        await (await site.page.$('[data-testid="holdfast-bound-count"]'))!.focus();
        for (let i = 0; i < 4; i++) await site.page.keyboard.press('Backspace');
        await site.page.keyboard.type('60');
        expect(await dialogAttr(site, 'data-choice')).toBe('latest');
        const started = Date.now();
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 120_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec: EvidenceRecord = await vault.newest();
        expect(rec.kind).toBe('profile');
        expect(rec.platform).toBe('instagram');
        expect(rec.permalink).toBe(PROFILE);
        expect(rec.author).toMatchObject({ handle: P.OWNER.handle, accountId: P.OWNER.id });
        expect(rec.content.itemId).toBe(P.OWNER.id);
        expect(rec.content.fields).toMatchObject({ posts: '61', bound: 'latest', boundCount: '60', boundReached: 'true' });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: the latest 60 posts.*It also holds the pinned post/);
        const { entries, bound, html } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(bound).toMatchObject({ kind: 'latest', count: 60, reached: true, extra: 1 });
        checkEntries(entries, P.tiles('en').slice(0, 61));
        expect(new Set(entries.map((e) => e.fields?.mediaType))).toEqual(new Set(['photo', 'carousel', 'reel', 'video']));
        // Hostile alt text is kept as text and shown escaped.
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('I know where you live &lt;script&gt;alert(&quot;owl&quot;)&lt;/script&gt; &amp; I will come by');
        expect(html).toContain('[pinned]');
        expect(html).toContain(`${P.tiles('en')[1]!.time} (derived from the post id, not shown on the page)`);
        expect(rec.screenshot.method).toBe('pixel');
        expect(rec.artifacts.filter((a) => a.role === 'segment' || a.role === 'screenshot').length).toBeGreaterThan(0);
        // It stopped once it had 60: most of the grid was never loaded; and the grid kept only a window of rows.
        const loaded = await loadedOnPage(site);
        expect(loaded).toBeGreaterThanOrEqual(60);
        expect(loaded).toBeLessThan(100);
        expect(await site.page.evaluate(() => (window as unknown as { __replica: { rowsInDom(): number } }).__replica.rowsInDom())).toBeLessThan(loaded / 3);
        expect(await clicksOnPage(site)).toEqual({ allowed: 0, other: 0, labels: '' });
        console.log(`[instagram profile e2e ${browserName}] latest 60 posts in ${seconds.toFixed(1)} s; ${rec.screenshot.note}`);
      } finally {
        await site.close();
      }
    });

    it('back to a date, Spanish interface: every post from that day on by the time in its id, none older', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?hl=es&delay=100#holdfast-shots=0`);
      try {
        const before = await openDialog(site);
        await (await site.page.$('[data-testid="holdfast-bound-date"]'))!.focus();
        await site.page.keyboard.type('08252026');
        expect(await dialogAttr(site, 'data-choice')).toBe('since');
        expect(await dialogAttr(site, 'data-date')).toBe('2026-08-25');
        const started = Date.now();
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 120_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec = await vault.newest();
        expect(rec.kind).toBe('profile');
        const since = rec.content.fields?.boundSince ?? '';
        expect(rec.content.fields).toMatchObject({ bound: 'since', boundSinceDate: '2026-08-25', boundReached: 'true' });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: every post from 2026-08-25/);
        // The pinned post (older than the date) is kept at the top and does not end the range; the first unpinned post
        // older than the date does.
        const all = P.tiles('es');
        const cut = all.findIndex((t) => !t.pinned && Date.parse(t.time) < Date.parse(since));
        const expected = all.slice(0, cut);
        expect(expected.length).toBeGreaterThan(90);
        expect(expected.length).toBeLessThan(120);
        expect(Date.parse(expected[0]!.time)).toBeLessThan(Date.parse(since));
        const { entries, bound } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(bound).toMatchObject({ kind: 'since', date: '2026-08-25', reached: true, extra: 1 });
        checkEntries(entries, expected);
        expect(rec.content.fields?.posts).toBe(String(expected.length));
        for (const e of entries.slice(1)) expect(Date.parse(e.fields!.timeFromId!)).toBeGreaterThanOrEqual(Date.parse(since));
        expect(rec.screenshot.method).toBe('none');
        expect(await loadedOnPage(site)).toBeLessThan(expected.length + 30);
        expect(await clicksOnPage(site)).toEqual({ allowed: 0, other: 0, labels: '' });
        console.log(`[instagram profile e2e ${browserName}] back to 2026-08-25 (es): ${entries.length} posts in ${seconds.toFixed(1)} s`);
      } finally {
        await site.close();
      }
    });

    it('every stored artifact hashes to its SHA-256 and the vault verifies', async () => {
      const { records, artifacts } = await vault.raw();
      expect(records.length).toBe(2);
      for (const a of artifacts) expect(a.actualSha256, a.id).toBe(a.sha256);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
    });
  });
}
