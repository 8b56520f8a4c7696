/**
 * Format 2 (issue #13): journal entries (all versions), added files, people and notes in the bundle; the one-person
 * scope; the report's course-of-conduct summary; the verifier's checks of the new files; import restoring them.
 * people()/notes() answer from a test double until the vault's case stores land (the records are real).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../docs/export-format.schema.json';
import type { EvidenceRecord } from '../model/evidence';
import { countByHour, eventsOf } from '../model/pattern';
import type { CustodyAction, CustodyEvent } from '../vault/api';
import { computeCustodyHash, sha256Hex } from '../vault/hashing';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { type ExportOptions, exportBundle } from './bundle';
import { JOURNAL_COLUMNS, journalChainProblems } from './case-files';
import { FILES, type Manifest } from './format';
import { importBundle } from './import';
import { type JsonSchema, validateSchema } from './json-schema';
import { summaryOf } from './report-conduct';
import { decode, HOSTILE_NAME, memorySink, resign, seedCase, seedVault, tamper, unzipAll, withCase } from './test-support';
import { type BundleReport, verifyBundle } from './verify';

const enc = new TextEncoder();
let base: VaultImpl;
let vault: VaultImpl & { restored: unknown[] };
let live: EvidenceRecord[];
let kase: Awaited<ReturnType<typeof seedCase>>;
let bundle: Uint8Array;
let files: Map<string, Uint8Array>;
let manifest: Manifest;

async function exportBytes(options: Partial<ExportOptions> = {}): Promise<Uint8Array> {
  const mem = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.2.0', ...options }, mem.sink);
  return mem.bytes();
}

const codes = (r: BundleReport) => [...new Set(r.problems.map((p) => p.code))].sort();

async function resum(f: Map<string, Uint8Array>): Promise<void> {
  const lines: string[] = [];
  for (const [path, bytes] of f) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  f.set(FILES.sums, enc.encode(lines.join('')));
}

/** Splits CSV text into rows of cells (RFC 4180, quoted cells may hold commas, quotes and line breaks). */
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
  base = await openVault(freshDbName('case-export'));
  live = await seedVault(base);
  kase = await seedCase(base, live);
  vault = withCase(base, { people: kase.people, notes: kase.notes });
  bundle = await exportBytes();
  files = await unzipAll(bundle);
  manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
});
afterAll(() => base.close());

describe('format 2 bundle', () => {
  it('lists journal.csv, people.json and notes.json in the manifest with their hashes and in SHA256SUMS', async () => {
    expect(manifest.formatVersion).toBe(4); // formats 3 and 4 keep every file of format 2
    expect(validateSchema(schema as unknown as JsonSchema, manifest)).toEqual([]);
    const sums = decode(files.get(FILES.sums));
    for (const key of ['journal', 'people', 'notes'] as const) {
      const ref = manifest.case![key];
      const bytes = files.get(ref.path)!;
      expect(ref.sha256).toBe(await sha256Hex(bytes));
      expect(ref.size).toBe(bytes.byteLength);
      expect(sums).toContain(`${ref.sha256}  ${ref.path}\n`);
      expect(manifest.files).toContain(ref.path);
    }
    expect(manifest.counts).toMatchObject({ records: 11, journalEntries: 2, journalVersions: 3, addedFiles: 2, people: 1, notes: 1 });
    const report = await verifyBundle(bundle);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('journal.csv has one row per version, with times, the person, links as record numbers, formulas neutralised', () => {
    const raw = files.get(FILES.journal)!;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(decode(raw).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...JOURNAL_COLUMNS]);
    const body = rows.slice(1).map((r) => Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c, r[i]])));
    expect(body).toHaveLength(3);
    const [v1, v2, call] = body;
    expect(v1).toMatchObject({ entry_id: 'entry-1', version: '1', supersedes_record_id: '', record_seq: String(kase.v1.seq), record_hash: kase.v1.chain.recordHash });
    expect(v1).toMatchObject({ when_local: '2026-11-23T02:17', when_offset: "'-05:00", when_utc: '2026-11-23T07:17:00.000Z', when_precision: 'exact', kind: 'call' });
    expect(v1!.person_name).toBe(HOSTILE_NAME);
    expect(v1!.person_id).toBe('person-1');
    expect(v1!.witnesses).toBe("'=cmd|calc");
    expect(v1!.linked_record_seqs).toBe(String(live[0]!.seq));
    expect(v2).toMatchObject({ version: '2', supersedes_record_id: kase.v1.id, supersedes_seq: String(kase.v1.seq), effect: 'Could not sleep', reference: 'POL-2026-17' });
    expect(v2!.what_happened).toBe('Private number called at 02:17, again at 03:00');
    expect(call).toMatchObject({ entry_id: 'entry-2', when_precision: 'about', person_id: '' });
  });

  it('people.json has the people with identifiers and the records they concern; notes.json the notes with record numbers', () => {
    const people = JSON.parse(decode(files.get(FILES.people)));
    expect(people.format).toBe('holdfast-people');
    expect(people.people).toHaveLength(1);
    const p = people.people[0];
    expect(p.name).toBe(HOSTILE_NAME);
    expect(p.identifiers.map((i: { type: string }) => i.type)).toEqual(['account', 'phone']);
    // Alice's captures (by id or handle) and both versions of the entry naming her.
    const alice = live.filter((r) => r.author?.accountId === '4401' || r.author?.handle?.toLowerCase() === 'alice_harasser').map((r) => r.seq);
    expect(alice.length).toBeGreaterThan(0);
    expect(p.records).toEqual([...alice, kase.v1.seq, kase.v2.seq].sort((a, b) => a - b));
    const notes = JSON.parse(decode(files.get(FILES.notes)));
    expect(notes.notes).toEqual([{ ...kase.notes[0], recordSeq: live[0]!.seq }]);
  });

  it('added files keep their bytes under a safe name of the bundle, never the name the person\u2019s file had', () => {
    const addedPaths = manifest.records.filter((r) => r.record.addedFile).flatMap((r) => r.artifacts.map((a) => a.path));
    expect(addedPaths).toHaveLength(2);
    for (const path of addedPaths) {
      expect(path).toMatch(/^artifacts\/[A-Za-z0-9_-]+\/added-file\.(png|bin)$/);
      expect(path).not.toMatch(/\.\.|svg|call/);
    }
    const svg = manifest.records.find((r) => r.record.id === kase.hostileFile.id)!;
    expect(decode(files.get(svg.artifacts[0]!.path))).toContain('<svg onload');
    expect(svg.record.addedFile?.name).toBe('../../x\u0007<svg>.svg');
  });

  it('custody entries for journal and file records are accepted (journal-added, journal-edited, file-added, note-added, person-changed)', async () => {
    // The records came in as 'captured' here (addRecord); the vault's case API logs them with the new actions.
    const origin = new Map([
      [kase.v1.id, 'journal-added'],
      [kase.v2.id, 'journal-edited'],
      [kase.file.id, 'file-added'],
      [kase.hostileFile.id, 'file-added'],
    ]);
    const rewritten = await tamper(bundle, async (f) => {
      const lines = decode(f.get(FILES.custody)).trim().split('\n').map((l) => JSON.parse(l) as CustodyEvent);
      const last = lines.pop()!;
      const events: Array<Omit<CustodyEvent, 'hash' | 'prevHash' | 'seq'>> = lines.map(({ hash: _h, prevHash: _p, seq: _s, ...e }) =>
        e.recordId && origin.has(e.recordId) && e.action === 'captured' ? { ...e, action: origin.get(e.recordId) as CustodyAction } : e,
      );
      events.push({ at: last.at, action: 'note-added', recordId: live[0]!.id, detail: 'note' });
      events.push({ at: last.at, action: 'person-changed', detail: 'created' });
      const { hash: _h, prevHash: _p, seq: _s, ...exported } = last;
      events.push(exported);
      let prev = manifest.chain.genesis;
      const out: CustodyEvent[] = [];
      for (const [i, e] of events.entries()) {
        const event = { ...e, seq: i + 1, prevHash: prev } as CustodyEvent;
        event.hash = await computeCustodyHash(event);
        prev = event.hash;
        out.push(event);
      }
      f.set(FILES.custody, enc.encode(out.map((e) => `${JSON.stringify(e)}\n`).join('')));
      const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
      m.custody = { ...m.custody, events: out.length, head: { seq: out.length, hash: prev } };
      f.set(FILES.manifest, enc.encode(JSON.stringify(m, null, 2)));
      // The case files' hashes are in the manifest, which changed: nothing else to redo but SHA256SUMS.
      await resign(f, vault); // the vault's own key: only the check under test fails
    });
    const report = await verifyBundle(rewritten);
    expect(report.problems).toEqual([]);
    // A record with no custody entry bringing it in is still caught.
    const missing = await tamper(rewritten, async (f) => {
      const lines = decode(f.get(FILES.custody)).trim().split('\n').map((l) => JSON.parse(l) as CustodyEvent);
      const i = lines.findIndex((e) => e.action === 'journal-edited');
      lines[i] = { ...lines[i]!, action: 'viewed' };
      f.set(FILES.custody, enc.encode(lines.map((e) => `${JSON.stringify(e)}\n`).join('')));
      await resign(f, vault); // the vault's own key: only the check under test fails
    });
    expect((await verifyBundle(missing)).problems.map((p) => p.message).join(' ')).toMatch(new RegExp(`no entry for record #${kase.v2.seq} coming into the vault`));
  });
});

describe('tampering with the case files', () => {
  it('journal.csv edited without fixing SHA256SUMS', async () => {
    const bad = await tamper(bundle, (f) => {
      f.set(FILES.journal, enc.encode(decode(f.get(FILES.journal)).replace('Could not sleep', 'Slept fine')));
    });
    const report = await verifyBundle(bad);
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(['case-file', 'file-changed']);
    expect(report.changed).toEqual([FILES.journal]);
  });

  it('journal.csv edited and SHA256SUMS recomputed: the manifest hash and the records still give it away', async () => {
    const bad = await tamper(bundle, async (f) => {
      f.set(FILES.journal, enc.encode(decode(f.get(FILES.journal)).replace('POL-2026-17', 'none')));
      await resum(f);
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['case-file']);
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(/journal\.csv does not say what the journal-entry records/);
  });

  it('people.json edited, with or without SHA256SUMS recomputed', async () => {
    const edit = (f: Map<string, Uint8Array>) => void f.set(FILES.people, enc.encode(decode(f.get(FILES.people)).replace('+593 99 000 0000', '+1 555 0100')));
    const plain = await verifyBundle(await tamper(bundle, edit));
    expect(codes(plain)).toEqual(['case-file', 'file-changed']);
    const careful = await verifyBundle(
      await tamper(bundle, async (f) => {
        edit(f);
        await resum(f);
      }),
    );
    expect(codes(careful)).toEqual(['case-file']);
    expect(careful.changed).toEqual([FILES.people]);
  });

  it('notes.json or people.json removed', async () => {
    const report = await verifyBundle(await tamper(bundle, (f) => void f.delete(FILES.notes)));
    expect(report.missing).toEqual([FILES.notes]);
    expect(report.ok).toBe(false);
  });

  it('the journal version chain: a version whose predecessor is missing, of another entry, or later', () => {
    const records = manifest.records.map((r) => r.record);
    expect(journalChainProblems(records)).toEqual([]);
    const v2 = records.find((r) => r.id === kase.v2.id)!;
    const without = records.filter((r) => r.id !== kase.v1.id);
    expect(journalChainProblems(without)[0]?.message).toMatch(/the version it replaces is not in the bundle/);
    const wrong = records.map((r) => (r.id === v2.id ? { ...r, journal: { ...r.journal!, supersedes: kase.call.id } } : r));
    expect(journalChainProblems(wrong)[0]?.message).toMatch(/which is not earlier in the chain|not version 1 of the same entry/);
    const twice = [...records, { ...v2, id: 'copy', seq: 99 }];
    expect(journalChainProblems(twice).map((p) => p.message).join(' ')).toMatch(/two records of version 2/);
    const orphan = records.map((r) => (r.id === kase.v1.id ? { ...r, journal: { ...r.journal!, supersedes: 'x' } } : r));
    expect(journalChainProblems(orphan)[0]?.message).toMatch(/version 1 of a journal entry but says it replaces/);
  });
});

describe('one person', () => {
  it('takes all their accounts, the journal entries naming them (every version) and files added to those entries', async () => {
    const scoped = await exportBytes({ scope: { type: 'person', personId: 'person-1', label: 'Alice', accounts: [] } });
    const m = JSON.parse(decode((await unzipAll(scoped)).get(FILES.manifest))) as Manifest;
    const ids = m.records.map((r) => r.record.id);
    expect(ids).toEqual(expect.arrayContaining([kase.v1.id, kase.v2.id, kase.file.id]));
    expect(ids).not.toContain(kase.call.id);
    expect(ids).not.toContain(kase.hostileFile.id);
    const captures = m.records.filter((r) => !r.record.journal && !r.record.addedFile).map((r) => r.record);
    expect(captures.length).toBeGreaterThan(0);
    for (const r of captures) expect([r.author?.accountId, r.author?.handle?.toLowerCase()]).toEqual(expect.arrayContaining([expect.stringMatching(/^(4401|alice_harasser)$/)]));
    // The scope records the keys the vault's people gave for the person.
    expect(m.scope).toMatchObject({ type: 'person', personId: 'person-1', keys: ['x:id:4401', 'x:@alice_harasser'] });
    expect((await verifyBundle(scoped)).ok).toBe(true);
  });

  it('exporting one selected version brings the versions it replaces with it, so the chain of versions verifies', async () => {
    const scoped = await exportBytes({ scope: { type: 'records', ids: [kase.v2.id] } });
    const m = JSON.parse(decode((await unzipAll(scoped)).get(FILES.manifest))) as Manifest;
    expect(m.records.map((r) => r.record.id)).toEqual([kase.v1.id, kase.v2.id, kase.file.id]);
    expect((await verifyBundle(scoped)).ok).toBe(true);
  });
});

describe('the course-of-conduct summary', () => {
  it('opens report.html with a section per person, then what is assigned to nobody, counted by pattern.ts', () => {
    const html = decode(files.get(FILES.reportHtml));
    const conduct = html.indexOf('Course of conduct');
    const firstExhibit = html.indexOf('id="exhibit-1"');
    expect(conduct).toBeGreaterThan(0);
    expect(conduct).toBeLessThan(firstExhibit);
    // The hostile name is text, never markup.
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Ex &quot;X&quot; &amp; &lt;/script&gt;');
    expect(html.indexOf('id="conduct-1"')).toBeLessThan(html.indexOf('Not assigned to anyone'));
    // The by-hour table of Alice's section holds pattern.ts's counts.
    const events = eventsOf(manifest.records.map((r) => summaryOf(r.record)), kase.people).filter((e) => e.personIds.includes('person-1'));
    const hours = countByHour(events);
    expect(hours[2]).toBe(1); // the 02:17 call (latest version only)
    const section = html.slice(html.indexOf('id="conduct-1"'), html.indexOf('id="conduct-2"'));
    const table = section.slice(section.indexOf('<caption>Contacts by hour of the day</caption>'));
    const cells = [...table.matchAll(/<tr><td>(\d\d)<\/td><td>(\d+)<\/td><\/tr>/g)].slice(0, 24).map((m) => Number(m[2]));
    expect(cells).toEqual(hours);
    expect(section).toContain('<svg class="chart" role="img"');
    // Inline SVG only: no script, no foreign object, no link out.
    expect(section).not.toMatch(/<script|foreignObject|xlink:href|href="http/i);
    // The timeline shows local time with its offset and UTC.
    expect(section).toContain('2026-11-23 02:17 (-05:00)');
    expect(section).toContain('2026-11-23 07:17 UTC');
  });

  it('shows journal entries and added files as exhibits added by the person, with the file\u2019s own name as text', () => {
    const html = decode(files.get(FILES.reportHtml));
    expect(html).toContain('Journal entry: Unwanted call (added by the person)');
    expect(html).toContain('File added by the person: call log.png');
    // The hostile file name: escaped, control character shown as a marker, no SVG inlined.
    expect(html).not.toContain('<svg>.svg');
    expect(html).toContain('&lt;svg&gt;.svg');
    expect(html).not.toMatch(/data:image\/svg/);
  });

  it('report.pdf starts with it too, and names the person (pdftotext)', async () => {
    const { spawnSync } = await import('node:child_process');
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: files.get(FILES.reportPdf), encoding: 'utf8' });
    if (text.error) return; // poppler-utils missing: the tools test reports it
    const out = text.stdout;
    expect(out.indexOf('Course of conduct')).toBeGreaterThan(0);
    expect(out.indexOf('Course of conduct')).toBeLessThan(out.indexOf('Exhibit 1 '));
    expect(out).toContain('Contacts by hour of the day');
    expect(out).toContain('Not assigned to anyone');
    expect(out).toContain('Journal entry: Unwanted call (added by the person)');
  });
});

describe('language', () => {
  it('writes report.html, report.pdf, VERIFY.txt and the certification in Spanish; the bundle verifies', async () => {
    const es = await exportBytes({ language: 'es' });
    const f = await unzipAll(es);
    const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
    expect(m.language).toBe('es');
    const html = decode(f.get(FILES.reportHtml));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="es">\n<head>\n<meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(html).toContain('Patrón de conducta');
    expect(html).toContain('Contactos por hora del día');
    expect(html).toContain('Entrada del diario: Llamada no deseada (añadida por la persona)');
    expect(html).not.toContain('Course of conduct');
    expect(decode(f.get(FILES.verify))).toContain('CÓMO COMPROBAR ESTE PAQUETE DE PRUEBAS');
    expect(decode(f.get(FILES.verify))).toContain('sha256sum -c SHA256SUMS');
    expect(decode(f.get(FILES.certification))).toContain('ESTO ES UN MODELO, NO ASESORAMIENTO JURÍDICO');
    // Machine files stay the same in every language.
    expect(decode(f.get(FILES.journal))).toContain('entry_id,version');
    const report = await verifyBundle(es);
    expect(report.problems).toEqual([]);
  });

  it('the verifier still refuses a report.html in any other language or without its CSP', async () => {
    const bad = await tamper(bundle, async (f) => {
      f.set(FILES.reportHtml, enc.encode(decode(f.get(FILES.reportHtml)).replace('<html lang="en">', '<html lang="fr">')));
      await resum(f);
    });
    expect(codes(await verifyBundle(bad))).toEqual(['html-not-inert']);
  });
});

describe('import of a format-2 bundle', () => {
  it('restores every journal version and added file as records, and the people and notes', async () => {
    const target = withCase(await openVault(freshDbName('case-import')), { people: [], notes: [] });
    try {
      const result = await importBundle(target, bundle);
      expect(result.status).toBe('imported');
      expect(result.imported.map((r) => r.id)).toEqual(manifest.records.map((r) => r.record.id));
      const v2 = await target.get(kase.v2.id);
      expect(v2?.journal).toMatchObject({ entryId: 'entry-1', version: 2, supersedes: kase.v1.id });
      expect((await target.get(kase.v1.id))?.journal?.version).toBe(1);
      const file = await target.get(kase.file.id);
      expect(file?.artifacts[0]?.role).toBe('added');
      expect((await target.getArtifact(file!.artifacts[0]!.id))?.bytes.byteLength).toBe(file!.addedFile!.size);
      expect(result.restored).toEqual({ people: 1, notes: 1, reports: 0 });
      const [given] = target.restored as Array<{ people: Array<Record<string, unknown>>; notes: Array<Record<string, unknown>> }>;
      expect(given!.people[0]).toEqual(kase.person);
      expect(given!.notes[0]).toEqual(kase.notes[0]);
    } finally {
      (target as unknown as VaultImpl).close();
    }
  });

  it('says so plainly when the vault cannot take people and notes (records stay imported)', async () => {
    const plain = await openVault(freshDbName('case-import-2'));
    try {
      const failing = new Proxy(plain, {
        get(t, k) {
          if (k === 'restoreCase') return async () => Promise.reject(new Error('Not built yet'));
          const v = Reflect.get(t, k, t);
          return typeof v === 'function' ? v.bind(t) : v;
        },
      });
      const result = await importBundle(failing, bundle);
      expect(result.status).toBe('partial');
      expect(result.reason).toMatch(/people, notes and reports could not all be restored: Not built yet/);
      expect(result.imported).toHaveLength(manifest.records.length);
    } finally {
      plain.close();
    }
  });
});
