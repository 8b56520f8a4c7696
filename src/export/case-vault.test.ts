/**
 * The case file end to end on the real vault (src/vault CaseApi): people, journal entries edited into versions,
 * files added to an entry and on their own, notes — exported, verified (with the vault's own custody actions) and
 * imported into an empty vault that then holds the same people, notes, versions and files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import type { AddedFileInput, ToolInfo } from '../vault/api';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES, type Manifest } from './format';
import { importBundle } from './import';
import { decode, makePng, memorySink, seedVault, unzipAll } from './test-support';
import { verifyBundle } from './verify';

const TOOL: ToolInfo = { version: '0.2.0', browser: 'test', userAgent: 'vitest' };
const opened: VaultImpl[] = [];
let vault: VaultImpl;
let live: EvidenceRecord[];
let bundle: Uint8Array;
let manifest: Manifest;
let ids: { personId: string; v1: EvidenceRecord; v2: EvidenceRecord; file: EvidenceRecord; loose: EvidenceRecord };

function file(name: string, type: string, bytes: Uint8Array): AddedFileInput {
  return { name, type, size: bytes.byteLength, lastModified: Date.UTC(2026, 10, 22, 23, 0), stream: () => new Blob([bytes as BlobPart]).stream() };
}

beforeAll(async () => {
  vault = await openVault(freshDbName('case-vault-export'));
  opened.push(vault);
  live = await seedVault(vault);
  const person = await vault.savePerson({ name: 'My ex <b>' });
  await vault.assignAccount(person.id, { platform: 'x', handle: 'Alice_Harasser', accountId: '4401', keys: ['x:id:4401', 'x:@alice_harasser'] });
  await vault.addIdentifier(person.id, { type: 'phone', value: '+593 99 000 0000' });
  const when = { precision: 'exact' as const, local: '2026-11-23T02:17', offset: '-05:00', utc: '2026-11-23T07:17:00.000Z' };
  const v1 = await vault.addJournalEntry({ when, kind: 'call', text: 'Private number called', personId: person.id, links: [live[0]!.id] }, TOOL);
  const v2 = await vault.editJournalEntry(v1.journal!.entryId, { when, kind: 'call', text: 'Private number called twice', personId: person.id, effect: 'No sleep', links: [live[0]!.id] }, TOOL);
  const shot = await vault.addFile(file('call log.png', 'image/png', makePng(60, 40, 3)), TOOL, { entryId: v1.journal!.entryId });
  const loose = await vault.addFile(file('../../x<script>.html', 'text/html', new TextEncoder().encode('<script>alert(1)</script>')), TOOL);
  await vault.addNote(live[0]!.id, 'Deleted by him the next day');
  ids = { personId: person.id, v1, v2, file: shot, loose };
  const mem = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.2.0', language: 'es' }, mem.sink);
  bundle = mem.bytes();
  manifest = JSON.parse(decode((await unzipAll(bundle)).get(FILES.manifest))) as Manifest;
});
afterAll(() => {
  for (const v of opened) v.close();
});

describe('the case file from the real vault', () => {
  it('exports a bundle the verifier passes, custody actions of the case file included', async () => {
    const report = await verifyBundle(bundle);
    expect(report.problems).toEqual([]);
    const custody = decode((await unzipAll(bundle)).get(FILES.custody));
    for (const action of ['journal-added', 'journal-edited', 'file-added', 'note-added', 'person-changed']) expect(custody).toContain(`"action":"${action}"`);
    expect(manifest.counts).toMatchObject({ journalEntries: 1, journalVersions: 2, addedFiles: 2, people: 1, notes: 1 });
  });

  it('names added files safely and shows the original names only as text', async () => {
    const files = await unzipAll(bundle);
    const loose = manifest.records.find((r) => r.record.id === ids.loose.id)!;
    expect(loose.artifacts[0]!.path).toMatch(/^artifacts\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\.bin$/);
    const html = decode(files.get(FILES.reportHtml));
    expect(html).toContain('Archivo añadido por la persona: ../../x&lt;script&gt;.html');
    expect(html).not.toContain('x<script>');
  });

  it('the one-person export takes their captures, both versions and the file added to the entry', async () => {
    const mem = memorySink();
    await exportBundle(vault, { scope: { type: 'person', personId: ids.personId, accounts: [] }, toolVersion: '0.2.0' }, mem.sink);
    const m = JSON.parse(decode((await unzipAll(mem.bytes())).get(FILES.manifest))) as Manifest;
    const got = m.records.map((r) => r.record.id);
    expect(got).toEqual(expect.arrayContaining([ids.v1.id, ids.v2.id, ids.file.id]));
    expect(got).not.toContain(ids.loose.id);
    expect((await verifyBundle(mem.bytes())).ok).toBe(true);
  });

  it('imports into an empty vault: versions, files, people and notes', async () => {
    const target = await openVault(freshDbName('case-vault-import'));
    opened.push(target);
    const result = await importBundle(target, bundle);
    expect(result.status, result.reason).toBe('imported');
    expect(result.restored).toEqual({ people: 1, notes: 1, reports: 0 });
    const versions = await target.journalVersions(ids.v1.journal!.entryId);
    expect(versions.map((v) => v.journal?.version)).toEqual([1, 2]);
    const people = await target.people();
    expect(people.map((p) => p.name)).toEqual(['My ex <b>']);
    expect(people[0]!.identifiers.map((i) => i.type).sort()).toEqual(['account', 'phone']);
    expect((await target.notes(live[0]!.id)).map((n) => n.text)).toEqual(['Deleted by him the next day']);
    const f = await target.get(ids.file.id);
    expect((await target.getArtifact(f!.artifacts[0]!.id))?.bytes.byteLength).toBe(f!.addedFile!.size);
    expect((await target.verify()).ok).toBe(true);
  });
});
