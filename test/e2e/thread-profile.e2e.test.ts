/**
 * "Capture profile with posts" and bounded whole-conversation capture (issue #4) in real browsers, on the long
 * replicas (test/replicas/x.com/thread/): a 300-entry virtualised profile timeline captured as the latest 120 posts
 * and back to a date — complete, in order, no duplicates, reposts and the pinned post marked, the bound in the record;
 * a 2,000-message conversation back to a date stops at the right message and the record says so (complete for its
 * range, not partial); the dialog works by keyboard, and Escape cancels without capturing anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/model/evidence';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { BOUND_DIALOG, CONTROL, SitePage, TOAST, VaultPage } from './pages';
import { REPLICA_ROOT, type ReplicaServer, startReplicaServer } from './server';
import { transcriptOf } from './thread-support';

interface TimelineEntry {
  key: string;
  permalink: string;
  handle: string;
  time: string;
  text: string;
  repost: boolean;
  pinned: boolean;
}
interface DmMessage {
  id: string;
  time: string;
  text: string;
}
const load = (file: string, name: string): unknown => {
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(readFileSync(join(REPLICA_ROOT, 'x.com', 'thread', file), 'utf8'), sandbox);
  return sandbox[name];
};
const P = load('profile-data.js', '__holdfastProfileReplica') as { timeline(n?: number): TimelineEntry[] };
const R = load('thread-data.js', '__holdfastThreadReplica') as { dmMessage(i: number, n: number): DmMessage };

const PROFILE = 'https://x.com/harlow_vance';
const CHAT = 'https://x.com/i/chat/1523456789012345678-1888000000000000001';

interface TranscriptEntry {
  key: string;
  itemId?: string;
  permalink?: string;
  itemTime?: string;
  author?: { handle?: string };
  text?: string;
  kind?: string;
  fields?: Record<string, string>;
}

const toastCount = (site: SitePage) => site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
const dialogAttr = (site: SitePage, name: string) => site.page.$eval(BOUND_DIALOG, (el, n) => el.getAttribute(n), name);
/** The data-testid of the focused Holdfast element (focus sits in closed shadow roots: their hosts are what the page sees). */
const focused = (site: SitePage) =>
  site.page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? (el?.hasAttribute('data-holdfast-capture') ? `control:${el.getAttribute('data-holdfast-capture')}` : (el?.tagName ?? ''));
  });

/** Opens the dialog from a control with the keyboard (focus the control, Enter). Returns the toast count before. */
async function openDialogByKeyboard(site: SitePage, kind: string): Promise<number> {
  await site.page.bringToFront();
  await site.waitForControls(kind, 1, 15_000);
  const before = await toastCount(site);
  const el = await site.page.$(CONTROL(kind));
  await el!.focus();
  await site.page.keyboard.press('Enter');
  await site.page.waitForSelector(BOUND_DIALOG, { timeout: 5000 });
  return before;
}

/** Whole-timeline truth: the rows a capture bounded by `since` keeps (top down to the first own post older than it). */
function expectedSince(since: string): TimelineEntry[] {
  const all = P.timeline();
  const at = all.findIndex((e) => !e.pinned && !e.repost && Date.parse(e.time) < Date.parse(since));
  return at < 0 ? all : all.slice(0, at);
}

function checkEntries(entries: TranscriptEntry[], expected: TimelineEntry[]): void {
  expect(entries.length).toBe(expected.length);
  expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  expect(entries.map((e) => e.key)).toEqual(expected.map((e) => e.key));
  expect(entries.map((e) => e.permalink)).toEqual(expected.map((e) => e.permalink));
  expect(entries.map((e) => e.itemTime)).toEqual(expected.map((e) => e.time));
  expect(entries.map((e) => e.text)).toEqual(expected.map((e) => e.text));
  expect(entries.map((e) => e.author?.handle)).toEqual(expected.map((e) => e.handle));
  expect(entries.map((e) => (e.fields?.pinned ? 'pinned' : e.fields?.repost ? `repost:${e.fields.repostedBy}` : 'own'))).toEqual(
    expected.map((e) => (e.pinned ? 'pinned' : e.repost ? 'repost:harlow_vance' : 'own')),
  );
}

async function otherClicks(site: SitePage): Promise<string> {
  return site.page.evaluate(() => `${document.documentElement.getAttribute('data-replica-clicks-other')}|${document.documentElement.getAttribute('data-replica-clicks-other-labels') ?? ''}`);
}

for (const browserName of browsersUnderTest()) {
  describe(`profile with posts and bounded capture — ${browserName}`, () => {
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

    it('the dialog by keyboard: labelled parts, Tab stays inside, Escape cancels without capturing and returns focus', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100`);
      try {
        const before = await openDialogByKeyboard(site, 'profile-posts');
        expect(await dialogAttr(site, 'data-choice')).toBe('all');
        expect(await focused(site)).toBe('holdfast-bound-choice');
        const seen = new Set<string>();
        for (let i = 0; i < 12; i++) {
          await site.page.keyboard.press('Tab');
          seen.add(await focused(site));
        }
        expect([...seen].sort()).toEqual(['holdfast-bound-cancel', 'holdfast-bound-choice', 'holdfast-bound-count', 'holdfast-bound-date', 'holdfast-bound-start']);
        await site.page.keyboard.press('Escape');
        await site.page.waitForFunction((sel) => !document.querySelector(sel), { timeout: 5000 }, BOUND_DIALOG);
        expect(await focused(site)).toBe('control:profile-posts');
        await new Promise((r) => setTimeout(r, 1000));
        expect(await toastCount(site)).toBe(before);
        expect((await vault.raw()).records.length).toBe(0);
        expect(await otherClicks(site)).toBe('0|');
      } finally {
        await site.close();
      }
    });

    it('profile with its latest 120 posts: the pinned post and exactly the 120 newest entries, in order, reposts marked, stitched screenshot', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100`);
      try {
        await site.page.bringToFront();
        await site.waitForControls('profile-posts', 1, 15_000);
        // Beside the profile's own control, labelled.
        expect(await site.countControls('profile')).toBe(1);
        const before = await toastCount(site);
        const started = Date.now();
        await (await site.page.$(CONTROL('profile-posts')))!.click();
        await site.page.waitForSelector(BOUND_DIALOG, { timeout: 5000 });
        await (await site.page.$('[data-testid="holdfast-bound-count"]'))!.focus();
        for (let i = 0; i < 4; i++) await site.page.keyboard.press('Backspace');
        await site.page.keyboard.type('120');
        expect(await dialogAttr(site, 'data-choice')).toBe('latest');
        expect(await dialogAttr(site, 'data-count')).toBe('120');
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 150_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec: EvidenceRecord = await vault.newest();
        expect(rec.kind).toBe('profile');
        expect(rec.permalink).toBe(PROFILE);
        expect(rec.author?.handle).toBe('harlow_vance');
        expect(rec.content.itemId).toBe('1777000000000000300');
        expect(rec.content.fields).toMatchObject({ posts: '121', bound: 'latest', boundCount: '120', boundReached: 'true' });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: the latest 120 posts/);
        const { entries, bound, html } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(bound).toMatchObject({ kind: 'latest', count: 120, reached: true, extra: 1 });
        checkEntries(entries, P.timeline().slice(0, 121));
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('[repost by @harlow_vance]');
        expect(html).toContain('I am not harassing anyone &lt;3 &amp; you cannot prove otherwise.');
        expect(rec.screenshot.method).toBe('pixel');
        expect(rec.artifacts.filter((a) => a.role === 'segment' || a.role === 'screenshot').length).toBeGreaterThan(0);
        // It stopped reading once it had 120: the rest of the timeline was never loaded.
        expect(await site.page.evaluate(() => (window as unknown as { __replica: { loaded(): number } }).__replica.loaded())).toBeLessThan(200);
        expect(await otherClicks(site)).toBe('0|');
        console.log(`[profile e2e ${browserName}] latest 120 posts in ${seconds.toFixed(1)} s; ${rec.screenshot.note}`);
      } finally {
        await site.close();
      }
    });

    it('profile back to a date, chosen by keyboard: every post from that day on, none older, reposts kept in place', async () => {
      const site = await SitePage.open(harness, `${PROFILE}?delay=100#holdfast-shots=0`);
      try {
        const before = await openDialogByKeyboard(site, 'profile-posts');
        await site.page.keyboard.press('ArrowDown');
        expect(await dialogAttr(site, 'data-choice')).toBe('since');
        await site.page.keyboard.press('Tab');
        expect(await focused(site)).toBe('holdfast-bound-date');
        await site.page.keyboard.type('10172026');
        expect(await dialogAttr(site, 'data-date')).toBe('2026-10-17');
        const started = Date.now();
        await site.page.keyboard.press('Enter');
        expect((await site.waitForOutcome(before, 150_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec = await vault.newest();
        expect(rec.kind).toBe('profile');
        const since = rec.content.fields?.boundSince ?? '';
        expect(rec.content.fields).toMatchObject({ bound: 'since', boundSinceDate: '2026-10-17', boundReached: 'true' });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: every post from 2026-10-17/);
        const expected = expectedSince(since);
        expect(expected.length).toBeGreaterThan(100);
        expect(expected.length).toBeLessThan(200);
        const { entries } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        checkEntries(entries, expected);
        expect(rec.content.fields?.posts).toBe(String(expected.length));
        // Every own post kept is on or after the date; every own post left out is before it.
        for (const e of entries) if (!e.fields) expect(Date.parse(e.itemTime!)).toBeGreaterThanOrEqual(Date.parse(since));
        expect(await otherClicks(site)).toBe('0|');
        console.log(`[profile e2e ${browserName}] back to 2026-10-17: ${entries.length} posts in ${seconds.toFixed(1)} s`);
      } finally {
        await site.close();
      }
    });

    it('a 2,000-message conversation back to a date: stops at the first older message; the record covers exactly that range', async () => {
      const site = await SitePage.open(harness, `${CHAT}?delay=100#holdfast-shots=0`);
      try {
        const before = await openDialogByKeyboard(site, 'thread');
        await (await site.page.$('[data-testid="holdfast-bound-date"]'))!.focus();
        await site.page.keyboard.type('09022026');
        expect(await dialogAttr(site, 'data-choice')).toBe('since');
        const started = Date.now();
        await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
        expect((await site.waitForOutcome(before, 150_000)).code).toBe('ok');
        const seconds = (Date.now() - started) / 1000;
        const rec = await vault.newest();
        expect(rec.kind).toBe('dm-thread');
        const since = Date.parse(rec.content.fields?.boundSince ?? '');
        const all = Array.from({ length: 2000 }, (_, i) => R.dmMessage(i, 2000));
        const first = all.findIndex((m) => Date.parse(m.time) >= since);
        const expected = all.slice(first);
        expect(first).toBeGreaterThan(500);
        expect(rec.content.fields).toMatchObject({ bound: 'since', boundSinceDate: '2026-09-02', boundReached: 'true', messages: String(expected.length), oldest: expected[0]!.time });
        expect(rec.content.fields?.partial).toBeUndefined();
        expect(rec.extraction.warnings.some((w) => w.startsWith('PARTIAL'))).toBe(false);
        expect(rec.content.fields?.coverage).toMatch(/^Complete for the chosen range: every message from 2026-09-02/);
        const { entries } = await transcriptOf<TranscriptEntry>(vault, rec.id);
        expect(entries.map((e) => e.itemId)).toEqual(expected.map((m) => m.id));
        expect(entries.map((e) => e.text)).toEqual(expected.map((m) => m.text));
        // It went back only as far as it needed: the oldest messages were never loaded.
        expect(await site.page.evaluate(() => (window as unknown as { __replica: { loaded(): number } }).__replica.loaded())).toBeLessThan(2000 - first + 200);
        console.log(`[profile e2e ${browserName}] conversation back to 2026-09-02: ${entries.length} messages in ${seconds.toFixed(1)} s`);
      } finally {
        await site.close();
      }
    });

    it('every stored artifact hashes to its SHA-256 and the vault verifies', async () => {
      const { records, artifacts } = await vault.raw();
      expect(records.length).toBe(3);
      for (const a of artifacts) expect(a.actualSha256, a.id).toBe(a.sha256);
      expect(await vault.verify()).toEqual({ ok: true, problems: [] });
    });
  });
}
