/**
 * The vault as a case file (issue #13), in the real extension, by the automation contract only (docs/testing.md):
 * the incident journal and the pattern it makes, people and accounts, search, files the person adds (hostile ones
 * included: nothing runs, nothing is lost), axe-core on every case view. One browser launch per browser; captures are
 * seeded through the vault's own code in the vault page (test/e2e/case-seed.ts) — capturing is capture.e2e's job.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../src/export/test-support';
import type { EvidenceRecord } from '../../src/model/evidence';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { runVerifier, waitForDownload } from './downloads';
import type { SeedCapture } from './case-seed';
import { CasePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer } from './server';

/** Everything a hostile file would do if it ever ran: a request the replica server logs, a title, a dialog. */
const beacon = (tag: string) => `fetch('https://example.org/__case-hostile/${tag}');document.title='PWNED ${tag}';alert('${tag}')`;
const HOSTILE_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="${beacon('svg-onload')}">
  <script>${beacon('svg-script')}</script>
  <image href="https://example.org/__case-hostile/svg-image" width="10" height="10"/>
  <rect width="40" height="40" fill="red" onmouseover="${beacon('svg-hover')}"/>
</svg>
`;
const HOSTILE_HTML = `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://example.org/__case-hostile/refresh"><script>${beacon('html-script')}</script></head>
<body onload="${beacon('html-onload')}"><img src="https://example.org/__case-hostile/html-img" onerror="${beacon('html-onerror')}"><iframe src="https://example.org/__case-hostile/iframe"></iframe></body></html>
`;

/** Captures seeded before the tests: two of one X account, one Instagram, one Facebook; times in UTC. */
const CAPTURES: SeedCapture[] = [
  { platform: 'x', kind: 'reply', handle: 'night_caller_77', displayName: 'NC', accountId: '77001', text: 'Answer the phone. I know you are awake.', itemTime: '2026-10-12T21:40:00.000Z', screenshot: true },
  { platform: 'x', kind: 'post', handle: 'night_caller_77', displayName: 'NC', accountId: '77001', text: 'Saw you leave work at six.', itemTime: '2026-10-13T18:05:00.000Z' },
  { platform: 'instagram', kind: 'comment', handle: 'quiet.watcher', text: 'Nice car. Blue suits you.', itemTime: '2026-10-15T12:30:00.000Z', screenshot: true },
  { platform: 'facebook', kind: 'comment', handle: 'harlan.moss.9', displayName: 'Harlan Moss', text: 'Tell her I was asking about her.', itemTime: '2026-10-16T08:10:00.000Z' },
];
const NIGHT = '2026-10-14';
const CALLS = ['02:17', '03:00', '05:04'];

for (const browserName of browsersUnderTest()) {
  describe(`case file (issue #13) — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let cp: CasePage;
    let captureIds: string[] = [];
    let personId = '';
    let title = '';
    const dialogs: string[] = [];
    const files = mkdtempSync(join(tmpdir(), 'holdfast-case-files-'));
    const raw = async (): Promise<EvidenceRecord[]> => (await new VaultPage(cp.page, harness).raw()).records;
    const hostileRequests = () => server.requests.filter((r) => r.path.startsWith('/__case-hostile')).map((r) => r.path);

    beforeAll(async () => {
      writeFileSync(join(files, 'call-log.png'), makePng(24, 16, 3));
      writeFileSync(join(files, 'evil.svg'), HOSTILE_SVG);
      writeFileSync(join(files, 'evil.html'), HOSTILE_HTML);
      writeFileSync(join(files, 'empty.txt'), '');
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      cp = await CasePage.openCase(harness, '#/records', '[data-testid="record-count"]');
      cp.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => undefined);
      });
      captureIds = await cp.seed<string[]>('(s, list) => s.seedCaptures(list)', CAPTURES);
      await cp.seed('(s) => s.done()');
      await cp.reloadAt('#/records', '[data-testid="record-count"]');
      title = await cp.page.title();
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('journal: three calls on one night by the contract’s form, then the pattern counts them by hour and by day', async () => {
      await cp.show('#/journal', '[data-testid="journal-add"]');
      for (const [i, at] of CALLS.entries()) {
        const added = await cp.addJournalEntry({ when: `${NIGHT}T${at}`, kind: 'call', text: `Private number called, ${at}`, typeText: i === 0 });
        expect(added, `entry at ${at} listed`).toBe(true);
      }
      const ids = await cp.journalEntryIds();
      expect(ids.length).toBe(3);
      expect(ids.every((id) => id.length > 0)).toBe(true);
      const stored = (await raw()).filter((r) => r.kind === 'journal-entry');
      expect(stored.map((r) => [r.platform, r.journal?.kind, r.journal?.when.local, r.journal?.when.precision, r.journal?.version, r.text]).sort()).toEqual(
        CALLS.map((at) => ['added', 'call', `${NIGHT}T${at}`, 'exact', 1, `Private number called, ${at}`]).sort(),
      );
      for (const r of stored) expect(r.journal?.when.utc, 'stored in UTC too').toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/);

      // Expected: the seeded captures at their local (the page's time zone) hour and day, plus the three calls.
      const local = await cp.seed<{ day: string; hour: number }[]>('(s, list) => list.map((c) => s.localDayHour(c.itemTime))', CAPTURES);
      const hours = new Array<number>(24).fill(0);
      const days: Record<string, number> = {};
      for (const { day, hour } of [...local, ...CALLS.map((at) => ({ day: NIGHT, hour: Number(at.slice(0, 2)) }))]) {
        hours[hour]! += 1;
        days[day] = (days[day] ?? 0) + 1;
      }
      await cp.show('#/pattern', '[data-testid="pattern-by-hour"][data-counts]');
      await cp.page.waitForFunction((want) => document.querySelector('[data-testid="pattern-by-hour"]')?.getAttribute('data-counts') === want, { timeout: 10_000, polling: 100 }, hours.join(',')).catch(() => undefined);
      const byHour = await cp.hourCounts();
      expect(byHour).toHaveLength(24);
      expect(byHour).toEqual(hours);
      for (const h of [2, 3, 5]) expect(byHour[h], `hour ${h}`).toBeGreaterThanOrEqual(1);
      const byDay = await cp.dayCounts();
      expect(byDay).toEqual(days);
      expect(byDay[NIGHT]).toBe(3);
    });

    it('people: a person is added, a record’s account is assigned to them from the record view, the person’s page lists that account’s records', async () => {
      personId = await cp.addPerson('Unknown caller 1');
      expect(personId).not.toBe('');
      expect((await cp.people()).find((p) => p.id === personId)?.accounts).toBe(0);

      await cp.show(`#/record/${captureIds[0]}`, '[data-testid="record-person"]');
      const value = await cp.page.$eval(
        '[data-testid="record-person"]',
        (el, id) => Array.from((el as HTMLSelectElement).options).find((o) => o.value === id || (o.textContent ?? '').includes('Unknown caller 1'))?.value ?? null,
        personId,
      );
      expect(value, 'the person is an option of record-person').not.toBeNull();
      await cp.page.select('[data-testid="record-person"]', value!);

      await cp.show('#/people', `[data-testid="person-row"][data-person-id="${personId}"]`);
      await cp.page
        .waitForFunction((id) => document.querySelector(`[data-testid="person-row"][data-person-id="${id}"]`)?.getAttribute('data-accounts') === '1', { timeout: 10_000, polling: 100 }, personId)
        .catch(() => undefined);
      expect((await cp.people()).find((p) => p.id === personId)?.accounts).toBe(1);

      // The person's page: both captures of that account (same handle and account id) are listed, the others not.
      const link = await cp.page.$(`[data-testid="person-row"][data-person-id="${personId}"] a[href*="${personId}"]`);
      if (link) await link.click();
      else await cp.show(`#/people/${personId}`, 'body');
      const listed = (id: string) => `[data-record-id="${id}"], a[href$="#/record/${id}"]`;
      await cp.page.waitForSelector(listed(captureIds[0]!), { timeout: 10_000 });
      expect(await cp.count(listed(captureIds[1]!)), 'the account’s other capture').toBeGreaterThan(0);
      expect(await cp.count(listed(captureIds[2]!)), 'another account’s capture').toBe(0);
    });

    it('search: typing a handle narrows record-count; clearing it brings every record back', async () => {
      await cp.show('#/records', '[data-testid="vault-search"]');
      const all = await cp.recordCount();
      expect(all).toBeGreaterThanOrEqual(CAPTURES.length);
      await cp.fill('vault-search', 'night_caller_77');
      expect(await cp.waitRecordCount(2)).toBe(2);
      const rows = await cp.page.$$eval('[data-testid="record-row"]', (els) => els.map((e) => e.getAttribute('data-record-id')));
      expect(rows.sort()).toEqual([captureIds[0], captureIds[1]].sort());
      await cp.fill('vault-search', 'quiet.watcher');
      expect(await cp.waitRecordCount(1)).toBe(1);
      await cp.fill('vault-search', 'nobody-has-this-handle-zq');
      expect(await cp.waitRecordCount(0)).toBe(0);
      await cp.fill('vault-search', '');
      expect(await cp.waitRecordCount(all)).toBe(all);
    });

    it('files and bad input: images, scripted SVG and HTML, an empty file, hostile names, 1 MB of text, 1900 and 2100 — nothing runs, nothing is lost', async () => {
      const mark = server.requests.length;
      await cp.show('#/journal', '[data-testid="journal-add"]');
      const keep = await cp.journalEntryIds();
      const before = await raw();

      // A PNG, a scripted SVG and a scripted HTML file from disk, on one entry.
      expect(
        await cp.addJournalEntry({ when: `${NIGHT}T09:30`, kind: 'message', text: 'Screenshots of the call log and what was sent.', files: ['call-log.png', 'evil.svg', 'evil.html'].map((f) => join(files, f)) }),
      ).toBe(true);
      const fileNamed = async (name: string, timeout = 15_000): Promise<EvidenceRecord | undefined> => {
        const end = Date.now() + timeout;
        for (;;) {
          const found = (await raw()).find((r) => r.kind === 'added-file' && r.addedFile?.name === name);
          if (found || Date.now() > end) return found;
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      const { artifacts } = await new VaultPage(cp.page, harness).raw();
      for (const name of ['call-log.png', 'evil.svg', 'evil.html']) {
        const rec = await fileNamed(name);
        expect(rec, `${name} stored as an added file`).toBeTruthy();
        const bytes = readFileSync(join(files, name));
        expect(rec!.platform).toBe('added');
        expect(rec!.addedFile?.size).toBe(bytes.length);
        const art = rec!.artifacts.find((a) => a.role === 'added');
        expect(art?.sha256, `${name} hashed as added`).toBe(createHash('sha256').update(bytes).digest('hex'));
        const stored = (await new VaultPage(cp.page, harness).raw()).artifacts.find((a) => a.id === art!.id);
        expect([stored?.actualSha256, stored?.actualSize]).toEqual([art!.sha256, bytes.length]);
      }
      expect(artifacts.length).toBeGreaterThan(0);

      // Each added file's record view: shown as text or an inert image; no document, no inline SVG of it.
      for (const name of ['evil.svg', 'evil.html', 'call-log.png']) {
        const rec = (await fileNamed(name, 0))!;
        await cp.show(`#/record/${rec.id}`, `[data-testid="record-view"][data-record-id="${rec.id}"]`);
        await new Promise((r) => setTimeout(r, 300));
        const shown = await cp.page.evaluate(async () => {
          const embeds = document.querySelectorAll('iframe, object, embed, frame').length;
          const inlineSvgScripts = document.querySelectorAll('svg script, svg [onload], [onload], [onerror]').length;
          const types: string[] = [];
          for (const img of Array.from(document.querySelectorAll('img[src^="blob:"]')) as HTMLImageElement[]) {
            const blob = await (await fetch(img.src)).blob();
            types.push(`${blob.type} ${(await blob.slice(0, 64).text()).includes('<svg') ? 'svg-bytes' : ''}`.trim());
          }
          return { embeds, inlineSvgScripts, types };
        });
        expect(shown.embeds, `${name}: no frame or object`).toBe(0);
        expect(shown.inlineSvgScripts, `${name}: no handler attributes in the page`).toBe(0);
        for (const t of shown.types) expect(t, `${name}: an <img> never shows SVG or HTML`).toMatch(/^image\/(png|jpeg|gif|webp|avif|bmp)$/);
        if (name.endsWith('.png')) expect(shown.types, 'the PNG shows as an image').toContain('image/png');
      }

      // An empty file: a plain message, the entry kept.
      await cp.show('#/journal', '[data-testid="journal-add"]');
      expect(await cp.addJournalEntry({ when: `${NIGHT}T10:00`, kind: 'other', text: 'An empty file came with this.', files: [join(files, 'empty.txt')] })).toBe(true);
      // The vault refuses a 0-byte file ('invalid', src/vault/api.ts): nothing stored for it, a plain message instead.
      expect((await raw()).find((r) => r.kind === 'added-file' && r.addedFile?.name === 'empty.txt'), 'no record for an empty file').toBeUndefined();
      {
        const message = await cp.page.waitForFunction(
          () => Array.from(document.querySelectorAll('[role="alert"], [role="status"], [aria-live]')).map((e) => (e.textContent ?? '').trim()).find((t) => t.length > 0) ?? false,
          { timeout: 10_000, polling: 100 },
        );
        expect(String(await message.jsonValue()).length, 'a plain message for the empty file').toBeGreaterThan(0);
      }
      expect((await raw()).some((r) => r.kind === 'journal-entry' && r.text === 'An empty file came with this.'), 'the entry is kept').toBe(true);

      // Hostile names, given in the page (no file system takes them): stored under their own name, or refused plainly.
      const names = ['../../x', `call\u0000log\u0007\u001b[31m\u202Egnp.exe`, `${'n'.repeat(300)}.txt`];
      if (!(await cp.page.$('[data-testid="journal-when"]'))) await cp.click('journal-add');
      await cp.setValue('journal-when', `${NIGHT}T11:00`);
      await cp.page.select('[data-testid="journal-kind"]', 'other');
      await cp.setValue('journal-text', 'Files with strange names.');
      await cp.pageFiles(names.map((name, i) => ({ name, type: i === 0 ? 'text/html' : 'text/plain', text: `<script>${beacon(`name-${i}`)}</script>` })));
      const listedBefore = (await cp.journalEntryIds()).length;
      await cp.click('journal-save');
      await cp.page.waitForFunction((n) => document.querySelectorAll('[data-testid="journal-entry"]').length > n, { timeout: 15_000, polling: 50 }, listedBefore);
      await new Promise((r) => setTimeout(r, 1000));
      const afterNames = await raw();
      for (const name of names) {
        const rec = afterNames.find((r) => r.kind === 'added-file' && r.addedFile?.name === name);
        expect(rec, `${JSON.stringify(name)} stored under the name the browser gave`).toBeTruthy();
        const art = rec!.artifacts.find((a) => a.role === 'added');
        expect(art?.size, JSON.stringify(name)).toBeGreaterThan(0);
        const safe = art!.filename;
        expect([...safe].filter((c) => c < ' ' || c === '/' || c === '\\' || c === '\u202e'), `export name ${JSON.stringify(safe)}`).toEqual([]);
        expect(safe.startsWith('.') || safe.length > 255, `export name ${JSON.stringify(safe)}`).toBe(false);
        await cp.show(`#/record/${rec!.id}`, `[data-testid="record-view"][data-record-id="${rec!.id}"]`);
        const shownText = await cp.page.evaluate(() => document.body.innerText);
        const shownControls = [...shownText].filter((c) => {
          const n = c.codePointAt(0)!;
          return n <= 8 || n === 0x0b || n === 0x1b || n === 0x202e;
        });
        expect(shownControls, `${JSON.stringify(name)}: no raw control characters on the record view`).toEqual([]);
      }
      await cp.show('#/journal', '[data-testid="journal-add"]');

      // 1 MB of text, and dates in 1900 and 2100: stored whole or refused plainly.
      const mb = `${'x'.repeat(1024 * 1024 - 16)} end-of-the-text`;
      const bigSaved = await cp.addJournalEntry({ when: `${NIGHT}T12:00`, kind: 'other', text: mb }, 30_000);
      const big = (await raw()).find((r) => r.kind === 'journal-entry' && r.text?.endsWith('end-of-the-text'));
      expect(bigSaved, 'the 1 MB entry is listed').toBe(true);
      expect(big?.text?.length, '1 MB stored whole').toBe(mb.length);
      for (const when of ['1900-01-01T10:00', '2100-12-31T23:30']) {
        const saved = await cp.addJournalEntry({ when, kind: 'other', text: `An entry dated ${when}` }, 10_000);
        const rec = (await raw()).find((r) => r.kind === 'journal-entry' && r.text === `An entry dated ${when}`);
        if (saved || rec) expect(rec?.journal?.when.local, `${when} stored as typed`).toBe(when);
        else {
          const msg = await cp.page.$$eval('[role="alert"], [role="status"], [aria-invalid="true"]', (els) => els.map((e) => (e.textContent ?? '').trim() || e.getAttribute('aria-invalid')).join(' '));
          expect(msg.length, `${when}: refused with a plain message`).toBeGreaterThan(0);
        }
      }

      // Nothing lost, nothing ran.
      const after = await raw();
      for (const r of before) expect(after.some((a) => a.id === r.id && a.chain.recordHash === r.chain.recordHash), `record ${r.seq} kept`).toBe(true);
      const listed = await cp.journalEntryIds();
      for (const id of keep) expect(listed, `entry ${id} still listed`).toContain(id);
      expect(dialogs).toEqual([]);
      expect(await cp.page.title()).toBe(title);
      expect(hostileRequests()).toEqual([]);
      // The browsers' own services (sign-in, update, remote settings) reach the server too; they are not the extension's.
      const browserOwn = /(^|\.)(mozilla\.(com|net|org)|google\.com|googleapis\.com|gstatic\.com)(:443)?$/;
      expect(server.requests.slice(mark).filter((r) => !r.known && !browserOwn.test(r.host)).map((r) => `${r.host}${r.path}`)).toEqual([]);
      expect(harness.extensionRequests).toEqual([]);
      const verified = await new VaultPage(cp.page, harness).verify();
      expect(verified).toEqual({ ok: true, problems: [] });
    });

    it('export scoped to one person: holdfast-verify passes; the bundle holds that person’s captures only, journal.csv and people.json', async () => {
      await cp.show('#/records', '[data-testid="export-vault"]');
      await cp.click('export-vault');
      await cp.page.waitForSelector('[data-testid="export-dialog"]');
      await cp.click('export-scope-people');
      const pick = await cp.page.waitForSelector('[data-testid="export-person-pick"]');
      await pick!.select(personId);
      await cp.click('export-confirm');
      const bundle = await waitForDownload(harness.downloadDir);
      // Rebuilt from this tree's src/export (bin/holdfast-verify.mjs is built at install, maybe from an older format).
      const run = runVerifier(bundle, true);
      expect(run.status, run.output).toBe(0);
      const names = execFileSync('unzip', ['-Z1', bundle], { encoding: 'utf8' }).split('\n');
      expect(names).toContain('journal.csv');
      expect(names).toContain('people.json');
      // The manifest's chain lists every record's hash (so the scoped bundle's place in the chain verifies); the
      // records themselves are the person's account's only.
      const manifest = JSON.parse(execFileSync('unzip', ['-p', bundle, 'manifest.json'], { encoding: 'utf8' })) as { records: { record?: { id: string }; id?: string }[]; counts: { records: number } };
      expect(manifest.records.map((r) => r.record?.id ?? r.id).sort()).toEqual([captureIds[0], captureIds[1]].sort());
      expect(manifest.counts.records).toBe(2);
      const people = execFileSync('unzip', ['-p', bundle, 'people.json'], { encoding: 'utf8' });
      expect(people).toContain('Unknown caller 1');
      await cp.page.keyboard.press('Escape');
    });

    it('axe-core: no serious or critical issue on the records list, people, a person, the journal and its form, the pattern and a record view', async () => {
      const found: Record<string, string[]> = {};
      const check = async (label: string, hash: string, ready: string) => {
        await cp.show(hash, ready);
        await new Promise((r) => setTimeout(r, 200));
        found[label] = await cp.axeSerious();
      };
      await check('#/records', '#/records', '[data-testid="vault-search"]');
      await check('#/people', '#/people', '[data-testid="person-add"]');
      await check('a person', `#/people/${personId}`, 'main');
      await check('#/journal', '#/journal', '[data-testid="journal-add"]');
      await cp.show('#/journal', '[data-testid="journal-add"]');
      if (!(await cp.page.$('[data-testid="journal-when"]'))) await cp.click('journal-add');
      await cp.page.waitForSelector('[data-testid="journal-when"]');
      found['the journal form'] = await cp.axeSerious();
      await check('#/pattern', '#/pattern', '[data-testid="pattern-by-hour"]');
      await check('a record view', `#/record/${captureIds[0]}`, '[data-testid="record-view"]');
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    });
  });
}
