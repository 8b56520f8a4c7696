/**
 * "Capture profile with posts" on Facebook (issue #4) in real browsers, on the long profile replica
 * (test/replicas/www.facebook.com/thread/profile-long.html at https://www.facebook.com/wade.kessler.4): a 200-entry
 * timeline that loads 10 older posts at a time behind Facebook's loading placeholder and takes posts far from the
 * viewport out of the page (recycled nodes). Captured as the latest 50 posts (with the stitched screenshot) and back
 * to a date (without): one `profile` record each, complete for its range, in order, no duplicates, the pinned post,
 * shares and posts by others on the wall marked, the bound in the record — and nothing on the page ever clicked.
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

interface Person {
  name: string;
  handle?: string;
  id?: string;
}
interface TimelineEntry {
  index: number;
  kind: 'own' | 'share' | 'wall';
  pinned: boolean;
  author: Person;
  key: string;
  permalink: string;
  text: string;
  photo: unknown;
  shared: { author: Person; permalink: string; text: string } | null;
}
interface TranscriptEntry {
  key: string;
  kind?: string;
  permalink?: string;
  itemTime?: string;
  author?: { handle?: string; displayName?: string; profileUrl?: string; accountId?: string };
  text?: string;
  media?: unknown[];
  fields?: Record<string, string>;
}

const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(REPLICA_ROOT, 'www.facebook.com', 'thread', 'profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastFbProfile as {
  OWNER: Person & { handle: string; id: string };
  N: number;
  timeline(n?: number): TimelineEntry[];
  timeOf(e: TimelineEntry): string | null;
};
const OWNER = P.OWNER;
const PROFILE = `https://www.facebook.com/${OWNER.handle}`;

const profileHref = (p: Person) => (p.handle ? `https://www.facebook.com/${p.handle}` : `https://www.facebook.com/profile.php?id=${p.id}`);
const markOf = (f: Record<string, string> | undefined) => (f?.pinned ? 'pinned' : f?.share ? `share:${f.sharedBy}:${f.sharedPermalink}` : f?.wallPost ? `wall:${f.wallOf}` : 'own');
const expectedMark = (e: TimelineEntry) =>
  e.pinned ? 'pinned' : e.kind === 'share' ? `share:${OWNER.handle}:${e.shared!.permalink}` : e.kind === 'wall' ? `wall:${OWNER.handle}` : 'own';

/** Whole-timeline truth for "back to a date": top down to the first post (not the pinned one) older than `since`. */
function expectedSince(since: string): TimelineEntry[] {
  const all = P.timeline();
  const at = all.findIndex((e) => {
    const t = P.timeOf(e);
    return !e.pinned && !!t && Date.parse(t) < Date.parse(since);
  });
  return at < 0 ? all : all.slice(0, at);
}

function checkEntries(entries: TranscriptEntry[], expected: TimelineEntry[]): void {
  expect(entries.length).toBe(expected.length);
  expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  expect(entries.map((e) => e.key)).toEqual(expected.map((e) => e.key));
  expect(entries.map((e) => e.kind)).toEqual(expected.map(() => 'post'));
  expect(entries.map((e) => e.permalink)).toEqual(expected.map((e) => e.permalink));
  expect(entries.map((e) => e.itemTime)).toEqual(expected.map((e) => P.timeOf(e) ?? undefined));
  expect(entries.map((e) => e.text)).toEqual(expected.map((e) => e.text));
  expect(entries.map((e) => e.author?.displayName)).toEqual(expected.map((e) => e.author.name));
  expect(entries.map((e) => e.author?.profileUrl)).toEqual(expected.map((e) => profileHref(e.author)));
  expect(entries.map((e) => e.media?.length ?? 0)).toEqual(expected.map((e) => (e.photo ? 1 : 0)));
  expect(entries.map((e) => markOf(e.fields))).toEqual(expected.map(expectedMark));
  // The profile's own posts carry its numeric id, read from the page (never the viewer's).
  for (const [k, e] of entries.entries()) if (expected[k]!.author.name === OWNER.name) expect(e.author?.accountId).toBe(OWNER.id);
}

/** Opens the "how far back" dialog from the profile's profile-posts control; returns the toast count before. */
async function openDialog(site: SitePage): Promise<number> {
  await site.page.bringToFront();
  await site.waitForControls('profile-posts', 1, 15_000);
  const before = await site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
  await (await site.page.$(CONTROL('profile-posts')))!.click();
  await site.page.waitForSelector(BOUND_DIALOG, { timeout: 5000 });
  return before;
}

const dialogAttr = (site: SitePage, name: string) => site.page.$eval(BOUND_DIALOG, (el, n) => el.getAttribute(n), name);
const replica = (site: SitePage) =>
  site.page.evaluate(() => {
    const r = (window as unknown as { __replica: { loaded(): number; nodes(): number } }).__replica;
    return { loaded: r.loaded(), nodes: r.nodes() };
  });

for (const browserName of browsersUnderTest()) {
  describe(`Facebook profile with posts — ${browserName}`, () => {
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

    it('the latest 50 posts: the pinned post and exactly the 50 newest entries, in order, marked, stitched screenshot; nothing clicked', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100`);
      try {
        const before = await openDialog(site);
        expect(await site.countControls('profile')).toBe(1);
        await (await site.page.$('[data-testid="holdfast-bound-count"]'))!.focus();
        for (let i = 0; i < 4; i++) await site.page.keyboard.press('Backspace');
        await site.page.keyboard.type('50');
        expect(await dialogAttr(site, 'data-choice')).toBe('latest');
        expect(await dialogAttr(site, 'data-count')).toBe('50');
        const started = Date.now();
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 120_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec: EvidenceRecord = await vault.newest();
        expect(rec.kind).toBe('profile');
        expect(rec.platform).toBe('facebook');
        expect(rec.permalink).toBe(PROFILE);
        expect(rec.author).toMatchObject({ handle: OWNER.handle, displayName: OWNER.name, accountId: OWNER.id });
        expect(rec.content.fields).toMatchObject({ posts: '51', bound: 'latest', boundCount: '50', boundReached: 'true', name: OWNER.name });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: the latest 50 posts/);
        const { entries, bound, html } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(bound).toMatchObject({ kind: 'latest', count: 50, reached: true, extra: 1 });
        const expected = P.timeline(50);
        checkEntries(entries, expected);
        expect(expected.filter((e) => e.kind === 'share').length).toBeGreaterThan(3);
        expect(expected.filter((e) => e.kind === 'wall').length).toBeGreaterThan(2);
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('&lt;script&gt;alert(');
        expect(html).toContain('lol &lt;3 &amp; everyone knows it');
        // The readable transcript says which posts are pinned, shares (with the shared post) and by others on the wall.
        expect(html).toContain('[pinned]');
        expect(html).toContain('[shares a post by Priya Shah]');
        expect(html).toContain(`Shared post: ${expected.find((e) => e.kind === 'share')!.shared!.text}`);
        expect(html).toContain(`[posted on the timeline of ${OWNER.handle}]`);
        expect(rec.screenshot.method).toBe('pixel');
        expect(rec.artifacts.filter((a) => a.role === 'segment' || a.role === 'screenshot').length).toBeGreaterThan(0);
        // It stopped once it had 50, and the page really took far posts out while it went (recycled nodes).
        const r = await replica(site);
        expect(r.loaded).toBeGreaterThanOrEqual(50);
        expect(r.loaded).toBeLessThan(100);
        expect(r.nodes).toBeLessThan(r.loaded);
        expect(await clicksOnPage(site)).toEqual({ allowed: 0, other: 0, labels: '' });
        console.log(`[fb profile e2e ${browserName}] latest 50 posts in ${seconds.toFixed(1)} s; ${rec.screenshot.note}`);
      } finally {
        await site.close();
      }
    });

    it('back to a date: every post from that day on, none older; shares and wall posts kept in place; nothing clicked', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100#holdfast-shots=0`);
      try {
        const before = await openDialog(site);
        await (await site.page.$('[data-testid="holdfast-bound-date"]'))!.focus();
        await site.page.keyboard.type('10102026');
        expect(await dialogAttr(site, 'data-choice')).toBe('since');
        expect(await dialogAttr(site, 'data-date')).toBe('2026-10-10');
        const started = Date.now();
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 120_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec = await vault.newest();
        expect(rec.kind).toBe('profile');
        const since = rec.content.fields?.boundSince ?? '';
        expect(Date.parse(since)).toBe(new Date(2026, 9, 10).getTime());
        expect(rec.content.fields).toMatchObject({ bound: 'since', boundSinceDate: '2026-10-10', boundReached: 'true' });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: every post from 2026-10-10/);
        const expected = expectedSince(since);
        expect(expected.length).toBeGreaterThan(60);
        expect(expected.length).toBeLessThan(120);
        const { entries, bound } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(bound).toMatchObject({ kind: 'since', reached: true, extra: 1 });
        checkEntries(entries, expected);
        expect(rec.content.fields?.posts).toBe(String(expected.length));
        // Every post kept (the pinned one aside) is on or after the date, where it has an exact time.
        for (const e of entries) if (!e.fields?.pinned && e.itemTime) expect(Date.parse(e.itemTime)).toBeGreaterThanOrEqual(Date.parse(since));
        expect(rec.screenshot.method).toBe('none');
        const r = await replica(site);
        expect(r.loaded).toBeLessThan(P.N);
        expect(await clicksOnPage(site)).toEqual({ allowed: 0, other: 0, labels: '' });
        console.log(`[fb profile e2e ${browserName}] back to 2026-10-10: ${entries.length} posts in ${seconds.toFixed(1)} s`);
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
