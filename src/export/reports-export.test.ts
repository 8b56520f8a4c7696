/**
 * Reports to the platforms in the export (issue #14, format 3): reports.json and reports.csv with their hashes,
 * CSV-injection protection, the report's section (en/es, hostile text as text), scopes, the verifier's checks
 * (every record a report names is in the bundle; reports.csv says what reports.json says) and import.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import type { ReportEntry } from '../model/report';
import { sha256Hex } from '../vault/hashing';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { type ExportOptions, exportBundle } from './bundle';
import { FILES, type Manifest, type ReportsFile } from './format';
import { importBundle } from './import';
import { type JsonSchema, validateSchema } from './json-schema';
import { MANIFEST_SCHEMA } from './manifest-schema';
import { REPORT_COLUMNS } from './platform-reports';
import { decode, HOSTILE_TEXT, memorySink, seedVault, tamper, unzipAll } from './test-support';
import { verifyBundle } from './verify';

const enc = new TextEncoder();
const FORMULA_REF = '=HYPERLINK("http://evil.invalid","ref")';
const HOSTILE_NOTES = `${HOSTILE_TEXT}\n+cmd|calc\n@SUM(1)`;

let vault: VaultImpl;
let live: EvidenceRecord[];
let deleted: EvidenceRecord;
let personId: string;
let reports: { post: ReportEntry; hostile: ReportEntry; byHand: ReportEntry; instagram: ReportEntry };
let bundle: Uint8Array;
let files: Map<string, Uint8Array>;
let manifest: Manifest;

async function exportBytes(options: Partial<ExportOptions> = {}): Promise<Uint8Array> {
  const mem = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.3.0', ...options }, mem.sink);
  return mem.bytes();
}

async function resum(f: Map<string, Uint8Array>): Promise<void> {
  const lines: string[] = [];
  for (const [path, bytes] of f) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  f.set(FILES.sums, enc.encode(lines.join('')));
}

/** Rewrites a case file and its hash in the manifest, then SHA256SUMS: a forger who knows the format. */
async function rewrite(f: Map<string, Uint8Array>, path: string, text: string): Promise<void> {
  const bytes = enc.encode(text);
  f.set(path, bytes);
  const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
  for (const ref of Object.values(m.case ?? {})) {
    if (ref?.path === path) {
      ref.sha256 = await sha256Hex(bytes);
      ref.size = bytes.byteLength;
    }
  }
  f.set(FILES.manifest, enc.encode(JSON.stringify(m)));
  await resum(f);
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  vault = await openVault(freshDbName('reports-export'), { kdfTargetMs: 0 });
  live = await seedVault(vault);
  deleted = (await vault.list({ includeDeleted: true })).find((r) => r.deleted)!;
  const alice = live[0]!;
  const person = await vault.savePerson({ name: 'Alice (the harasser)' });
  personId = person.id;
  await vault.assignAccount(person.id, { platform: 'x', handle: 'alice_harasser', accountId: '4401', keys: ['x:id:4401', 'x:@alice_harasser'] });
  const instagram = live.find((r) => r.platform === 'instagram')!;
  reports = {
    post: await vault.addReport({
      platform: 'x',
      routeId: 'x-post',
      routeUrl: 'https://help.x.com/en/forms/safety-and-sensitive-content/abuse',
      routeLabel: 'Report a post',
      abuse: 'harassment',
      recordIds: [alice.id, deleted.id],
      permalinks: [alice.permalink!],
      account: 'x:@alice_harasser',
      origin: 'item',
      reportedAt: '2026-11-20T11:00:00.000Z',
      reference: 'X-0042',
    }),
    hostile: await vault.addReport({
      platform: 'x',
      routeLabel: HOSTILE_TEXT,
      recordIds: [alice.id],
      permalinks: [],
      origin: 'popup',
      reportedAt: '2026-11-21T11:00:00.000Z',
      reference: FORMULA_REF,
      notes: HOSTILE_NOTES,
    }),
    byHand: await vault.addReport({ platform: 'other', recordIds: [], permalinks: [], origin: 'by-hand', reportedAt: '2026-11-25T09:00:00.000Z', personId: person.id, status: 'escalated', reference: 'POLICE-17' }),
    instagram: await vault.addReport({ platform: 'instagram', abuse: 'threats', recordIds: [instagram.id], permalinks: [instagram.permalink!], origin: 'item', reportedAt: '2026-11-22T13:00:00.000Z' }),
  };
  reports.post = await vault.updateReport(reports.post.id, { status: 'content-removed', contentRemovedOn: '2026-11-23', notes: 'gone two days later' });
  bundle = await exportBytes();
  files = await unzipAll(bundle);
  manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
});
afterAll(() => vault.close());

describe('reports in a format-3 bundle', () => {
  it('lists reports.json and reports.csv with their hashes in the manifest and SHA256SUMS; it verifies', async () => {
    expect(manifest.formatVersion).toBe(4);
    expect(validateSchema(MANIFEST_SCHEMA as JsonSchema, manifest)).toEqual([]);
    const sums = decode(files.get(FILES.sums));
    for (const ref of [manifest.case!.reports!, manifest.case!.reportsCsv!]) {
      const bytes = files.get(ref.path)!;
      expect(ref.sha256).toBe(await sha256Hex(bytes));
      expect(ref.size).toBe(bytes.byteLength);
      expect(sums).toContain(`${ref.sha256}  ${ref.path}\n`);
      expect(manifest.files).toContain(ref.path);
    }
    expect(manifest.counts.reports).toBe(4);
    const report = await verifyBundle(bundle);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports.json holds every entry oldest first with record seqs and the person’s name', () => {
    const file = JSON.parse(decode(files.get(FILES.reports))) as ReportsFile;
    expect(file.format).toBe('holdfast-reports');
    expect(file.reports.map((r) => r.id)).toEqual([reports.post.id, reports.hostile.id, reports.instagram.id, reports.byHand.id]);
    const post = file.reports[0]!;
    expect(post.recordSeqs).toEqual([live[0]!.seq, deleted.seq]);
    expect(post.history.map((h) => h.status)).toEqual(['sent', 'content-removed']);
    expect(file.reports[3]).toMatchObject({ personId, personName: 'Alice (the harasser)', status: 'escalated' });
    expect(file.reports[1]?.notes).toBe(HOSTILE_NOTES);
  });

  it('reports.csv: one row per report, the listed columns, formulas defused, history and UTC times', () => {
    const bytes = files.get(FILES.reportsCsv)!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a UTF-8 BOM, so spreadsheets read UTF-8
    const rows = parseCsv(decode(bytes)); // TextDecoder drops the BOM
    expect(rows[0]).toEqual([...REPORT_COLUMNS]);
    expect(rows).toHaveLength(5);
    const col = (name: (typeof REPORT_COLUMNS)[number]) => REPORT_COLUMNS.indexOf(name);
    const post = rows[1]!;
    expect(post[col('report_id')]).toBe(reports.post.id);
    expect(post[col('route')]).toBe('Report a post');
    expect(post[col('abuse')]).toBe('harassment');
    expect(post[col('record_ids')]).toBe(`${live[0]!.id} ${deleted.id}`);
    expect(post[col('record_seqs')]).toBe(`${live[0]!.seq} ${deleted.seq}`);
    expect(post[col('account')]).toBe('x:@alice_harasser');
    expect(post[col('reported_at_utc')]).toBe('2026-11-20T11:00:00.000Z');
    expect(post[col('status')]).toBe('content-removed');
    expect(post[col('status_history')]).toMatch(/^sent 2\d{3}-.*Z; content-removed 2\d{3}-.*Z$/);
    expect(post[col('content_removed_on')]).toBe('2026-11-23');
    const hostile = rows[2]!;
    expect(hostile[col('reference')]).toBe(`'${FORMULA_REF}`);
    expect(hostile[col('notes')]).toBe(`${HOSTILE_NOTES}`); // starts with "<": a line break inside is no formula start
    for (const row of rows.slice(1)) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('report.html: a “Reports to the platforms” section, hostile text shown as text, the person’s reports in the course of conduct', () => {
    const html = decode(files.get(FILES.reportHtml));
    const section = html.slice(html.indexOf('id="platform-reports"'), html.indexOf('</section>', html.indexOf('id="platform-reports"')));
    expect(section).toContain('Reports to the platforms');
    expect(section).toContain('X-0042');
    expect(section).toContain('content removed');
    expect(section).toContain('Content found removed on 2026-11-23');
    expect(section).toContain('href="#exhibit-1"');
    expect(section).toContain(`record #${deleted.seq} (deleted)`);
    expect(section).not.toContain('<script>');
    expect(section).not.toContain('<img src=x');
    expect(section).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Alice's course of conduct counts her reports: the post, the hostile one (her record) and the one by hand.
    const conduct = html.slice(html.indexOf('id="conduct-1"'), html.indexOf('</dl>', html.indexOf('id="conduct-1"')));
    expect(conduct).toContain('3 reports (1 content removed, 1 sent, 1 escalated (police or regulator))');
  });

  it('report.pdf has the section too', () => {
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: files.get(FILES.reportPdf), encoding: 'utf8' });
    if (text.error) return; // poppler not installed
    expect(text.stdout).toContain('Reports to the platforms');
    expect(text.stdout).toContain('X-0042');
    expect(text.stdout).toContain('POLICE-17');
    expect(text.stdout).toContain('3 reports (1 content removed, 1 sent, 1 escalated');
  });

  it('in Spanish', async () => {
    const es = await unzipAll(await exportBytes({ language: 'es' }));
    const html = decode(es.get(FILES.reportHtml));
    expect(html).toContain('Denuncias a las plataformas');
    expect(html).toContain('contenido retirado');
    expect(html).toContain('acoso');
  });
});

describe('reports in a scoped export', () => {
  it('one person: the reports about them, their accounts or their records; nothing else', async () => {
    const scoped = await exportBytes({ scope: { type: 'person', personId, label: 'Alice', accounts: [] } });
    const file = JSON.parse(decode((await unzipAll(scoped)).get(FILES.reports))) as ReportsFile;
    expect(file.reports.map((r) => r.id).sort()).toEqual([reports.post.id, reports.hostile.id, reports.byHand.id].sort());
    // The deleted record is not in a person's scope: left out of the report's records, counted.
    expect(file.reports.find((r) => r.id === reports.post.id)).toMatchObject({ recordIds: [live[0]!.id], recordsOutside: 1 });
    expect((await verifyBundle(scoped)).problems).toEqual([]);
  });

  it('selected records: the reports naming them', async () => {
    const ig = live.find((r) => r.platform === 'instagram')!;
    const scoped = await exportBytes({ scope: { type: 'records', ids: [ig.id] } });
    const f = await unzipAll(scoped);
    const file = JSON.parse(decode(f.get(FILES.reports))) as ReportsFile;
    expect(file.reports.map((r) => r.id)).toEqual([reports.instagram.id]);
    expect(decode(f.get(FILES.reportsCsv))).not.toContain('X-0042');
    expect((await verifyBundle(scoped)).ok).toBe(true);
  });
});

describe('the verifier and reports', () => {
  it('an edited reports.csv (even with SHA256SUMS and the manifest hash recomputed) is caught', async () => {
    const bad = await tamper(bundle, (f) => rewrite(f, FILES.reportsCsv, decode(f.get(FILES.reportsCsv)).replace('X-0042', 'X-9999')));
    const report = await verifyBundle(bad);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message)).toContain('reports.csv does not say what reports.json says: it was edited.');
  });

  it('a report naming a record that is not in the bundle is a plain-words problem', async () => {
    const bad = await tamper(bundle, (f) => {
      const file = JSON.parse(decode(f.get(FILES.reports))) as ReportsFile;
      file.reports[0]!.recordIds.push('not-in-bundle');
      file.reports[0]!.recordSeqs.push(99);
      return rewrite(f, FILES.reports, JSON.stringify(file));
    });
    const report = await verifyBundle(bad);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'case-file', path: FILES.reports, message: expect.stringMatching(/names record not-in-bundle, which is not in the bundle\.$/) }));
  });

  it('reports.json changed without its manifest hash, or missing from a format-3 manifest, is caught', async () => {
    const changed = await tamper(bundle, async (f) => {
      f.set(FILES.reports, enc.encode(decode(f.get(FILES.reports)).replace('X-0042', 'X-0043')));
      await resum(f);
    });
    expect((await verifyBundle(changed)).problems.map((p) => p.code)).toContain('case-file');
    const unlisted = await tamper(bundle, async (f) => {
      const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
      delete m.case!.reports;
      f.set(FILES.manifest, enc.encode(JSON.stringify(m)));
      await resum(f);
    });
    expect((await verifyBundle(unlisted)).problems.map((p) => p.message)).toContain('manifest.json of a format-4 bundle does not list reports.json.');
  });
});

describe('import', () => {
  it('restores the reports after the records, as they were; importing again adds none', async () => {
    const target = await openVault(freshDbName('reports-import'), { kdfTargetMs: 0 });
    try {
      const result = await importBundle(target, bundle);
      expect(result.status).toBe('imported');
      expect(result.restored).toMatchObject({ reports: 4 });
      const back = await target.reports();
      const mine = await vault.reports();
      expect(back).toEqual(mine);
      const again = await importBundle(target, bundle);
      expect(again.restored?.reports ?? 0).toBe(0);
      expect(await target.reports()).toHaveLength(4);
      expect((await target.custodyLog()).some((e) => e.action === 'report-changed' && /4 reports restored from an import/.test(e.detail ?? ''))).toBe(true);
    } finally {
      target.close();
    }
  });
});
