/**
 * The case file on the vault (issue #13): journal entries and their versions, added files, people and their
 * accounts, notes, summaries and suggestions, on a real vault (fake-indexeddb), plain and encrypted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRef, IncidentTime } from '../model/case';
import type { EvidenceRecord } from '../model/evidence';
import { type AddedFileInput, type JournalInput, VaultError } from './api';
import { sha256Hex } from './hashing';
import { sealSummary } from './rows';
import { summaryOf } from './summary';
import { freshDbName, rawEdit, rawGetAll, rawOpen, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl, type VaultOptions } from './vault';

const TOOL = { version: '0.1.0', browser: 'test', userAgent: 'vitest' };
const PASS = 'a long enough passphrase';

const opened: VaultImpl[] = [];
async function newVault(options: VaultOptions = {}, name = freshDbName()): Promise<VaultImpl> {
  const vault = await openVault(name, { kdfTargetMs: 0, ...options });
  opened.push(vault);
  return vault;
}
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

async function rejects(promise: Promise<unknown>, code: VaultError['code'], message?: RegExp): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  if (message) expect((error as VaultError).message).toMatch(message);
  return error as VaultError;
}

async function rawKeys(name: string, store: string): Promise<IDBValidKey[]> {
  const db = await rawOpen(name);
  try {
    const req = db.transaction(store).objectStore(store).getAllKeys();
    return await new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

const at = (local: string, offset = '+01:00'): IncidentTime => ({ precision: 'exact', local, offset });
const entry = (over: Partial<JournalInput> = {}): JournalInput => ({ when: at('2026-03-01T02:17'), kind: 'call', text: 'private number called', ...over });

function fileOf(bytes: Uint8Array, over: Partial<AddedFileInput> = {}, pieces = 1): AddedFileInput {
  return {
    name: 'call-log.png',
    type: 'image/png',
    size: bytes.byteLength,
    lastModified: Date.UTC(2026, 2, 1, 3, 0),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          const step = Math.ceil(bytes.byteLength / pieces);
          for (let i = 0; i < bytes.byteLength; i += step) c.enqueue(bytes.slice(i, i + step));
          c.close();
        },
      }),
    ...over,
  };
}

describe('journal entries', () => {
  it('adds an entry as a chained record of kind journal-entry, platform added, with custody journal-added', async () => {
    const vault = await newVault();
    const capture = await vault.addRecord(sampleRecord(), [sampleArtifact()]);
    const person = await vault.savePerson({ name: 'my ex' });
    const r = await vault.addJournalEntry(entry({ personId: person.id, links: [capture.id], where: 'home', effect: 'scared', witnesses: 'none', reference: 'police 123' }), TOOL);
    expect(r).toMatchObject({ kind: 'journal-entry', platform: 'added', pageUrl: '', seq: 2, text: 'private number called', artifacts: [], reportRoutes: [] });
    expect(r.chain.prevHash).toBe(capture.chain.recordHash);
    expect(r.journal).toEqual({
      entryId: r.journal?.entryId,
      version: 1,
      when: { precision: 'exact', local: '2026-03-01T02:17', offset: '+01:00', utc: '2026-03-01T01:17:00.000Z' },
      kind: 'call',
      personId: person.id,
      personName: 'my ex',
      where: 'home',
      effect: 'scared',
      witnesses: 'none',
      reference: 'police 123',
      links: [capture.id],
    });
    expect(r.extraction.method).toBe('person');
    expect(r.content.method).toBe('person');
    expect(r.screenshot.method).toBe('none');
    expect(r.tool).toEqual({ name: 'Holdfast', ...TOOL });
    expect(r.capturedAtOffset).toMatch(/^[+-]\d{2}:\d{2}$/);
    expect(await vault.get(r.id)).toEqual(r);
    const log = await vault.custodyLog();
    expect(log.at(-1)).toMatchObject({ action: 'journal-added', recordId: r.id });
    expect(await vault.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('summaries({ newest }) gives the newest records only, as the whole read gives them (plain and encrypted)', async () => {
    for (const encrypted of [false, true]) {
      const vault = await newVault();
      if (encrypted) await vault.enableEncryption(PASS);
      for (let i = 0; i < 6; i++) await vault.addRecord(sampleRecord({ text: `message ${i}` }), []);
      const v1 = await vault.addJournalEntry(entry(), TOOL);
      const v2 = await vault.editJournalEntry(v1.journal?.entryId as string, entry({ text: 'called again' }), TOOL);
      const all = await vault.summaries();
      const newest = await vault.summaries({ newest: 4 });
      expect(newest).toEqual(all.slice(0, 4));
      expect(newest.map((s) => s.id).slice(0, 2)).toEqual([v2.id, v1.id]);
      expect(newest[1]?.journal?.superseded).toBe(true);
      expect(await vault.summaries({ newest: 100 })).toEqual(all);
      for (const bad of [0, -3, Number.NaN]) expect(await vault.summaries({ newest: bad })).toEqual([]);
      expect(await (await newVault()).summaries({ newest: 5 })).toEqual([]);
    }
  });

  it('edits add a new version that supersedes the previous; every version stays; summaries mark the old ones', async () => {
    const vault = await newVault();
    const v1 = await vault.addJournalEntry(entry(), TOOL);
    const entryId = v1.journal?.entryId as string;
    const v2 = await vault.editJournalEntry(entryId, entry({ text: 'private number called twice' }), TOOL);
    const v3 = await vault.editJournalEntry(entryId, entry({ text: 'three times', kind: 'threat' }), TOOL);
    expect(v2.journal).toMatchObject({ entryId, version: 2, supersedes: v1.id });
    expect(v3.journal).toMatchObject({ entryId, version: 3, supersedes: v2.id, kind: 'threat' });
    expect((await vault.journalVersions(entryId)).map((r) => r.id)).toEqual([v1.id, v2.id, v3.id]);
    const summaries = await vault.summaries();
    expect(summaries.map((s) => [s.id, s.journal?.version, s.journal?.superseded])).toEqual([
      [v3.id, 3, undefined],
      [v2.id, 2, true],
      [v1.id, 1, true],
    ]);
    expect((await vault.custodyLog()).map((e) => e.action)).toEqual(['journal-added', 'journal-edited', 'journal-edited']);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 3 });
    await rejects(vault.editJournalEntry('no-such-entry', entry(), TOOL), 'not-found');
    await rejects(vault.journalVersions('no-such-entry'), 'not-found');
  });

  it('refuses bad entries with plain words, storing nothing', async () => {
    const vault = await newVault();
    await rejects(vault.addJournalEntry(entry({ kind: 'burglary' as never }), TOOL), 'invalid', /not a kind of incident/);
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'date', local: '2026-03-01T02:17' } }), TOOL), 'invalid', /not a date like/);
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'exact', local: '2026-03-01' , offset: '+01:00' } }), TOOL), 'invalid', /date and time/);
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'exact', local: '2026-02-30T01:00', offset: '+01:00' } }), TOOL), 'invalid');
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'unknown', local: '2026-03-01' } }), TOOL), 'invalid', /unknown/);
    await rejects(vault.addJournalEntry(entry({ when: { ...at('2026-03-01T02:17'), utc: '2026-03-01T02:17:00.000Z' } }), TOOL), 'invalid', /does not match/);
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'exact', local: '2026-03-01T02:17' } }), TOOL), 'invalid', /offset/);
    await rejects(vault.addJournalEntry(entry({ when: { precision: 'sometime' } as never }), TOOL), 'invalid');
    await rejects(vault.addJournalEntry(entry({ personId: 'nobody' }), TOOL), 'invalid', /person/);
    await rejects(vault.addJournalEntry(entry({ links: ['missing-record'] }), TOOL), 'invalid', /not in the vault/);
    await rejects(vault.addJournalEntry(entry({ text: 42 as never }), TOOL), 'invalid');
    expect(await vault.count()).toBe(0);
    expect(await vault.custodyLog()).toEqual([]);
  });

  it('stores a 1 MB text and dates in 1900 and 2100 exactly as given', async () => {
    const vault = await newVault();
    const big = 'a harassing message repeated. '.repeat(35_000); // ~1 MB
    const r = await vault.addJournalEntry(entry({ text: big }), TOOL);
    expect((await vault.get(r.id))?.text).toBe(big);
    expect((await vault.summaries())[0]?.snippet?.length).toBeLessThanOrEqual(280);
    const old = await vault.addJournalEntry(entry({ when: at('1900-01-01T00:05', '+00:00') }), TOOL);
    const future = await vault.addJournalEntry(entry({ when: { precision: 'date', local: '2100-12-31', offset: '-05:00' } }), TOOL);
    const y99 = await vault.addJournalEntry(entry({ when: at('0099-06-01T12:00', '+00:00') }), TOOL);
    expect((await vault.get(old.id))?.journal?.when).toEqual({ precision: 'exact', local: '1900-01-01T00:05', offset: '+00:00', utc: '1900-01-01T00:05:00.000Z' });
    expect((await vault.get(future.id))?.journal?.when).toEqual({ precision: 'date', local: '2100-12-31', offset: '-05:00' });
    expect((await vault.get(y99.id))?.journal?.when.utc).toBe('0099-06-01T12:00:00.000Z');
    expect(await vault.verify()).toMatchObject({ ok: true, records: 4 });
  });
});

describe('summaries', () => {
  it('one per record, newest first, with plaintext author keys, tombstones flagged; encrypted alike', async () => {
    for (const encrypted of [false, true]) {
      const vault = await newVault();
      if (encrypted) await vault.enableEncryption(PASS);
      const a = await vault.addRecord(sampleRecord({ author: { handle: 'Troll', accountId: '7', displayName: 'T' } }), [sampleArtifact()]);
      const b = await vault.addRecord(sampleRecord({ text: 'second' }), []);
      await vault.deleteRecord(b.id);
      const j = await vault.addJournalEntry(entry(), TOOL);
      const s = await vault.summaries();
      expect(s.map((x) => x.id)).toEqual([j.id, b.id, a.id]);
      expect(s[2]).toMatchObject({ authorKeys: ['x:id:7', 'x:@troll'], handle: 'Troll', displayName: 'T', screenshot: a.artifacts[0]?.id, snippet: 'You will regret posting that.' });
      expect(s[1]).toMatchObject({ deleted: true, authorKeys: [] });
      expect(s[1]?.snippet).toBeUndefined();
      expect(s[0]).toMatchObject({ kind: 'journal-entry', platform: 'added', journal: { version: 1, kind: 'call' } });
    }
  });

  it('captures while locked get their summary (sealed with the drop key), readable after unlock', async () => {
    const name = freshDbName();
    const vault = await newVault({}, name);
    await vault.enableEncryption(PASS);
    vault.lock();
    const r = await vault.addRecord(sampleRecord({ author: { handle: 'locked_one' } }), [sampleArtifact()]);
    await rejects(vault.summaries(), 'locked');
    await rejects(vault.addJournalEntry(entry(), TOOL), 'locked');
    await rejects(vault.savePerson({ name: 'x' }), 'locked');
    await rejects(vault.addFile(fileOf(new Uint8Array(3)), TOOL), 'locked');
    await rejects(vault.addNote(r.id, 'x'), 'locked');
    await rejects(vault.people(), 'locked');
    await rejects(vault.notes(), 'locked');
    const rows = await rawGetAll<{ id: string; k?: string; authorKeys?: unknown }>(name, 'summaries');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.k).toMatch(/^drop:/);
    expect(JSON.stringify(rows)).not.toContain('locked_one');
    await vault.unlock({ passphrase: PASS });
    expect((await rawGetAll<{ k?: string }>(name, 'summaries'))[0]?.k).toBe('dk');
    expect((await vault.summaries())[0]).toMatchObject({ id: r.id, authorKeys: ['x:@locked_one'] });
  });

  it('a summary changed outside Holdfast is rebuilt from its record; one missing is filled', async () => {
    const name = freshDbName();
    const vault = await newVault({}, name);
    await vault.enableEncryption(PASS);
    const a = await vault.addRecord(sampleRecord({ text: 'first' }), []);
    const b = await vault.addRecord(sampleRecord({ text: 'second' }), []);
    const rows = await rawGetAll<{ id: string; s: Uint8Array }>(name, 'summaries');
    const rowA = rows.find((r) => r.id === a.id) as { id: string; s: Uint8Array };
    const rowB = rows.find((r) => r.id === b.id) as { id: string; s: Uint8Array };
    await rawEdit(name, 'summaries', (st) => st.put({ ...rowA, s: rowB.s })); // b's sealed summary moved onto a
    await rawEdit(name, 'summaries', (st) => st.delete(b.id));
    const s = await vault.summaries();
    expect(s.map((x) => [x.id, x.snippet])).toEqual([
      [b.id, 'second'],
      [a.id, 'first'],
    ]);
    expect((await rawGetAll(name, 'summaries')).length).toBe(2);
  });

  it('encrypted: summary packs are written after many single opens, used after, never trusted over a changed row', async () => {
    const name = freshDbName();
    const vault = await newVault({}, name);
    await vault.enableEncryption(PASS);
    const ids: string[] = [];
    for (let i = 0; i < 210; i++) ids.push((await vault.addRecord(sampleRecord({ text: `m ${i}` }), [])).id);
    const packs = async () => (await rawGetAll<{ id: string }>(name, 'keys')).filter((r) => r.id.startsWith('summary-pack:'));
    expect(await packs()).toEqual([]);
    const first = await vault.summaries();
    expect(first.map((s) => s.id)).toEqual([...ids].reverse());
    expect((await packs()).map((p) => p.id)).toEqual(['summary-pack:0']);
    expect(JSON.stringify(await packs())).not.toContain('m 1');
    // A row changed after the pack (a tombstone): the row wins.
    await vault.deleteRecord(ids[5] as string);
    const second = await vault.summaries();
    expect(second.find((s) => s.id === ids[5])).toMatchObject({ deleted: true });
    expect(second.filter((s) => s.deleted)).toHaveLength(1);
    // A pack changed outside Holdfast does not open: ignored, every row opened on its own.
    await rawEdit(name, 'keys', (st) => st.put({ id: 'summary-pack:0', s: globalThis.crypto.getRandomValues(new Uint8Array(64)) }));
    expect(await vault.summaries()).toEqual(second);
    // Turning encryption off removes the packs with the keys.
    await vault.disableEncryption({ passphrase: PASS });
    expect(await packs()).toEqual([]);
    expect(await vault.summaries()).toEqual(second);
  });

  it('enable and disable encryption convert the case stores in place', async () => {
    const name = freshDbName();
    const vault = await newVault({}, name);
    const r = await vault.addRecord(sampleRecord(), []);
    const p = await vault.savePerson({ name: 'unknown 1' });
    await vault.addNote(r.id, 'context');
    await vault.enableEncryption(PASS);
    for (const store of ['summaries', 'people', 'notes']) {
      const rows = await rawGetAll<{ k?: string }>(name, store);
      expect(rows.length).toBe(1);
      expect(rows.every((row) => row.k === 'dk')).toBe(true);
    }
    expect(JSON.stringify(await rawGetAll(name, 'people'))).not.toContain('unknown 1');
    await vault.disableEncryption({ passphrase: PASS });
    for (const store of ['summaries', 'people', 'notes']) expect((await rawGetAll<{ k?: string }>(name, store)).every((row) => row.k === undefined)).toBe(true);
    expect((await vault.people()).map((x) => x.id)).toEqual([p.id]);
    expect((await vault.notes(r.id)).map((n) => n.text)).toEqual(['context']);
    expect((await vault.summaries()).map((s) => s.id)).toEqual([r.id]);
  });
});

describe('people', () => {
  const acct = (handle: string, id?: string): AccountRef => ({ platform: 'x', handle, keys: [...(id ? [`x:id:${id}`] : []), `x:@${handle}`] });

  it('creates, renames, assigns accounts (one person per account), merges, splits and deletes, custody-logged without names', async () => {
    const vault = await newVault();
    const ex = await vault.savePerson({ name: 'my ex' });
    const u1 = await vault.savePerson({ name: 'unknown 1', notes: 'maybe a friend of his' });
    expect((await vault.people()).map((p) => p.name)).toEqual(['my ex', 'unknown 1']);
    const renamed = await vault.savePerson({ id: ex.id, name: 'J.' });
    expect(renamed).toMatchObject({ id: ex.id, name: 'J.', createdAt: ex.createdAt });
    await vault.assignAccount(u1.id, acct('burner', '9'));
    await vault.assignAccount(ex.id, acct('burner')); // same account (shares a key): moves, never duplicated
    let people = await vault.people();
    expect(people.find((p) => p.id === u1.id)?.identifiers).toEqual([]);
    expect(people.find((p) => p.id === ex.id)?.identifiers).toHaveLength(1);
    await vault.assignAccount(ex.id, { platform: 'x', handle: 'burner', displayName: 'B', keys: ['x:id:9'] }); // merges keys
    people = await vault.people();
    expect(people.find((p) => p.id === ex.id)?.identifiers[0]?.account?.keys.sort()).toEqual(['x:@burner', 'x:id:9']);
    const phone = await vault.addIdentifier(u1.id, { type: 'phone', value: '+34 600 000 000' });
    await vault.addIdentifier(u1.id, { type: 'account', account: acct('burner') }); // taken from ex
    people = await vault.people();
    expect(people.find((p) => p.id === ex.id)?.identifiers).toEqual([]); // the whole account moved
    expect(people.find((p) => p.id === u1.id)?.identifiers.find((i) => i.type === 'account')?.account?.keys.sort()).toEqual(['x:@burner', 'x:id:9']);
    const merged = await vault.mergePeople(ex.id, u1.id);
    expect(merged.identifiers.map((i) => i.type).sort()).toEqual(['account', 'phone']);
    expect(merged.notes).toBe('maybe a friend of his');
    expect((await vault.people()).map((p) => p.id)).toEqual([ex.id]);
    const phoneId = phone.identifiers.find((i) => i.type === 'phone')?.id as string;
    expect((await vault.removeIdentifier(ex.id, phoneId)).identifiers.map((i) => i.type)).toEqual(['account']);
    await vault.assignAccount(null, acct('burner', '9'));
    expect((await vault.people())[0]?.identifiers).toEqual([]);
    await vault.deletePerson(ex.id);
    expect(await vault.people()).toEqual([]);
    const log = await vault.custodyLog();
    expect(log.every((e) => e.action === 'person-changed')).toBe(true);
    expect(log.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(log)).not.toMatch(/my ex|unknown 1|J\.|friend/);
    expect(await vault.verify()).toMatchObject({ ok: true });
  });

  it('refuses bad input', async () => {
    const vault = await newVault();
    await rejects(vault.savePerson({ name: '   ' }), 'invalid');
    await rejects(vault.savePerson({ name: 'x'.repeat(201) }), 'invalid');
    await rejects(vault.savePerson({ id: 'nope', name: 'a' }), 'not-found');
    const p = await vault.savePerson({ name: 'a' });
    await rejects(vault.addIdentifier(p.id, { type: 'fax' as never, value: '1' }), 'invalid');
    await rejects(vault.addIdentifier(p.id, { type: 'phone', value: ' ' }), 'invalid');
    await rejects(vault.addIdentifier(p.id, { type: 'account', account: { platform: 'x', keys: [] } }), 'invalid');
    await rejects(vault.removeIdentifier(p.id, 'nope'), 'not-found');
    await rejects(vault.mergePeople(p.id, p.id), 'invalid');
    await rejects(vault.mergePeople(p.id, 'nope'), 'not-found');
    await rejects(vault.deletePerson('nope'), 'not-found');
    await rejects(vault.assignAccount('nope', acct('a')), 'not-found');
  });

  it('restoreCase keeps ids, leaves existing people and notes alone, and keeps accounts already assigned here', async () => {
    const vault = await newVault();
    const r = await vault.addRecord(sampleRecord(), []);
    const here = await vault.savePerson({ name: 'here' });
    await vault.assignAccount(here.id, acct('taken'));
    const existingNote = await vault.addNote(r.id, 'mine');
    const result = await vault.restoreCase({
      people: [
        { ...here, name: 'overwritten?' },
        {
          id: 'p-imported',
          name: 'imported',
          identifiers: [
            { id: 'i1', type: 'account', account: acct('taken'), addedAt: '2026-01-01T00:00:00.000Z' },
            { id: 'i2', type: 'account', account: acct('free'), addedAt: '2026-01-01T00:00:00.000Z' },
            { id: 'i3', type: 'email', value: 'x@example.org', addedAt: '2026-01-01T00:00:00.000Z' },
          ],
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
        { id: 'bad', name: '', identifiers: [] } as never,
      ],
      notes: [
        { ...existingNote, text: 'changed?' },
        { id: 'n-imported', recordId: r.id, text: 'from the bundle', at: '2026-01-02T00:00:00.000Z' },
        { id: 'n-orphan', recordId: 'no-such-record', text: 'x', at: '2026-01-02T00:00:00.000Z' },
      ],
    });
    expect(result).toEqual({ people: 1, notes: 1 });
    const people = await vault.people();
    expect(people.find((p) => p.id === here.id)?.name).toBe('here');
    expect(people.find((p) => p.id === 'p-imported')?.identifiers.map((i) => i.id)).toEqual(['i2', 'i3']);
    expect((await vault.notes(r.id)).map((n) => n.text).sort()).toEqual(['from the bundle', 'mine']);
    expect(await vault.restoreCase({ people: [], notes: [] })).toEqual({ people: 0, notes: 0 });
  });
});

describe('notes', () => {
  it('adds trimmed notes to existing records, newest first, custody note-added', async () => {
    const vault = await newVault();
    const a = await vault.addRecord(sampleRecord(), []);
    const b = await vault.addRecord(sampleRecord(), []);
    const n1 = await vault.addNote(a.id, '  first  ');
    const n2 = await vault.addNote(a.id, 'second');
    await vault.addNote(b.id, 'other');
    expect(n1.text).toBe('first');
    expect((await vault.notes(a.id)).map((n) => n.id)).toEqual([n2.id, n1.id]);
    expect(await vault.notes()).toHaveLength(3);
    expect((await vault.custodyLog()).filter((e) => e.action === 'note-added').map((e) => e.recordId)).toEqual([a.id, a.id, b.id]);
    await rejects(vault.addNote('missing', 'x'), 'not-found');
    await rejects(vault.addNote(a.id, '   '), 'invalid');
    await rejects(vault.addNote(a.id, 'x'.repeat(100 * 1024 + 1)), 'invalid', /too long/);
    expect((await vault.addNote(a.id, 'x'.repeat(100 * 1024))).text).toHaveLength(100 * 1024);
    // Journal text never alters evidence: the record is unchanged.
    expect(await vault.get(a.id)).toEqual(a);
  });
});

describe('added files', () => {
  it('stores a small file as one artifact (role added) with a safe name and type, hashed', async () => {
    const vault = await newVault();
    const bytes = new TextEncoder().encode('screenshot of a call log');
    const r = await vault.addFile(fileOf(bytes), TOOL);
    expect(r).toMatchObject({ kind: 'added-file', platform: 'added', pageUrl: '', seq: 1 });
    expect(r.addedFile).toEqual({ name: 'call-log.png', size: bytes.byteLength, type: 'image/png', lastModified: '2026-03-01T03:00:00.000Z', addedAt: r.capturedAt });
    expect(r.artifacts).toEqual([{ id: r.artifacts[0]?.id, role: 'added', mediaType: 'image/png', sha256: await sha256Hex(bytes), size: bytes.byteLength, filename: 'added-1.png' }]);
    expect((await vault.getArtifact(r.artifacts[0]?.id as string))?.bytes).toEqual(bytes);
    expect((await vault.custodyLog()).at(-1)).toMatchObject({ action: 'file-added', recordId: r.id });
    expect((await vault.summaries())[0]).toMatchObject({ kind: 'added-file', snippet: 'call-log.png', addedFile: { name: 'call-log.png', size: bytes.byteLength, type: 'image/png' } });
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
  });

  it('hostile names and types: stored as given in addedFile, never as the export name or a renderable type', async () => {
    const vault = await newVault();
    const bytes = new TextEncoder().encode('<svg onload="alert(1)"></svg>');
    const cases: Array<[string, string, string, string]> = [
      ['../../x', 'image/svg+xml', 'added-1.bin', 'application/octet-stream'],
      ['evil\u0000\u001b[31m.html', 'text/html', 'added-2.bin', 'application/octet-stream'],
      [`${'a'.repeat(300)}.svg`, 'image/svg+xml', 'added-3.bin', 'application/octet-stream'],
      ['photo.jpg.html', 'text/html; charset=utf-8', 'added-4.bin', 'application/octet-stream'],
      ['voice.M4A', 'audio/x-m4a', 'added-5.m4a', 'audio/x-m4a'],
      ['mail.eml', 'message/rfc822', 'added-6.eml', 'message/rfc822'],
      ['notes.txt', 'text/plain;charset=UTF-8', 'added-7.txt', 'text/plain'],
      ['C:\\Users\\me\\x.pdf', '', 'added-8.pdf', 'application/octet-stream'],
    ];
    for (const [name, type, filename, mediaType] of cases) {
      const r = await vault.addFile(fileOf(bytes, { name, type }), TOOL);
      expect(r.addedFile?.name).toBe(name);
      expect(r.addedFile?.type).toBe(type);
      expect(r.artifacts[0]).toMatchObject({ filename, mediaType });
    }
  });

  it('refuses an empty file, a size that does not match, a missing entry; nothing stored, no chunks left', async () => {
    const name = freshDbName();
    const vault = await newVault({ chunkBytes: 16 }, name);
    await rejects(vault.addFile(fileOf(new Uint8Array(0)), TOOL), 'invalid', /^The file is empty \(0 bytes\); nothing was added\.$/);
    const bytes = new Uint8Array(100).fill(7);
    await rejects(vault.addFile(fileOf(bytes, { size: 99 }), TOOL), 'invalid', /changed while it was being added/);
    await rejects(vault.addFile(fileOf(bytes, { size: 101 }), TOOL), 'invalid', /changed while it was being added/);
    await rejects(vault.addFile(fileOf(new Uint8Array(10), { size: 12 }), TOOL), 'invalid');
    await rejects(vault.addFile(fileOf(bytes), TOOL, { entryId: 'no-such-entry' }), 'invalid', /journal entry/);
    // A stream that fails half-way (the file became unreadable).
    const failing: AddedFileInput = {
      ...fileOf(bytes),
      stream: () => {
        let n = 0;
        return new ReadableStream<Uint8Array>({
          pull(c) {
            n += 1;
            if (n > 3) c.error(new Error('disk unplugged'));
            else c.enqueue(new Uint8Array(20));
          },
        });
      },
    };
    await rejects(vault.addFile(failing, TOOL), 'unknown', /could not be read to the end/);
    expect(await vault.count()).toBe(0);
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect(await rawGetAll(name, 'artifacts')).toEqual([]);
    expect(await rawGetAll(name, 'summaries')).toEqual([]);
    expect(await vault.custodyLog()).toEqual([]);
  });

  it('streams a file larger than a chunk into chunks, hashed as it goes, readable back and verified; to an entry', async () => {
    for (const encrypted of [false, true]) {
      const name = freshDbName();
      const vault = await newVault({ chunkBytes: 1000 }, name);
      if (encrypted) await vault.enableEncryption(PASS);
      const e = await vault.addJournalEntry(entry(), TOOL);
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4321));
      const r = await vault.addFile(fileOf(bytes, { name: 'voice.ogg', type: 'audio/ogg' }, 7), TOOL, { entryId: e.journal?.entryId as string });
      expect(r.addedFile?.entryId).toBe(e.journal?.entryId);
      expect(r.artifacts[0]).toMatchObject({ size: 4321, sha256: await sha256Hex(bytes), mediaType: 'audio/ogg', filename: 'added-2.ogg' });
      expect(await rawGetAll(name, 'chunks')).toHaveLength(5);
      const reader = await vault.readArtifact(r.artifacts[0]?.id as string);
      expect(reader?.chunked).toBe(true);
      expect(new Uint8Array(await new Response(reader?.stream()).arrayBuffer())).toEqual(bytes);
      expect(await vault.verify()).toMatchObject({ ok: true, records: 2, artifacts: 1 });
      // Deleting it removes its chunks; the summary becomes a tombstone's.
      await vault.deleteRecord(r.id);
      expect(await rawGetAll(name, 'chunks')).toEqual([]);
      expect((await vault.summaries())[0]).toMatchObject({ id: r.id, deleted: true });
    }
  });

  it('a File read whole (arrayBuffer) is stored and hashed as its stream would be; a changed size is refused', async () => {
    for (const encrypted of [false, true]) {
      const name = freshDbName();
      const vault = await newVault({ chunkBytes: 1000 }, name);
      if (encrypted) await vault.enableEncryption(PASS);
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4321));
      let streamed = 0;
      const file = { ...fileOf(bytes, { name: 'voice.ogg', type: 'audio/ogg' }), arrayBuffer: async () => bytes.slice().buffer };
      const stream = () => {
        streamed++;
        return file.stream();
      };
      const r = await vault.addFile({ ...file, stream }, TOOL);
      expect(streamed).toBe(0);
      expect(r.artifacts[0]).toMatchObject({ size: 4321, sha256: await sha256Hex(bytes) });
      expect(await rawGetAll(name, 'chunks')).toHaveLength(5);
      const reader = await vault.readArtifact(r.artifacts[0]?.id as string);
      expect(new Uint8Array(await new Response(reader?.stream()).arrayBuffer())).toEqual(bytes);
      expect(await vault.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
      // Read whole, it was not the size given: nothing added.
      await rejects(vault.addFile({ ...file, size: 5000 }, TOOL), 'invalid', /changed while it was being added/);
      await rejects(vault.addFile({ ...file, arrayBuffer: async () => Promise.reject(new Error('gone from disk')) }, TOOL), 'unknown', /could not be read/);
      expect(await vault.count()).toBe(1);
      expect(await rawGetAll(name, 'chunks')).toHaveLength(5);
    }
  });

  it('a cut-short large add leaves no record and no orphan chunks', async () => {
    const name = freshDbName();
    const vault = await newVault({ chunkBytes: 1000 }, name);
    const bytes = new Uint8Array(3500).fill(1);
    await rejects(vault.addFile(fileOf(bytes.subarray(0, 2500), { size: 3500 }, 5), TOOL), 'invalid');
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect((await rawKeys(name, 'meta')).filter((k) => String(k).startsWith('upload:'))).toEqual([]);
    expect(await vault.count()).toBe(0);
  });
});

describe('import (a bundle from another vault)', () => {
  it('journal versions and added files import with their summaries; versions and files still found', async () => {
    const from = await newVault({ chunkBytes: 1000 });
    const v1 = await from.addJournalEntry(entry(), TOOL);
    const entryId = v1.journal?.entryId as string;
    const v2 = await from.editJournalEntry(entryId, entry({ text: 'edited' }), TOOL);
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(2500));
    const f = await from.addFile(fileOf(bytes, { name: 'photo.jpg', type: 'image/jpeg' }), TOOL, { entryId });
    const into = await newVault({ chunkBytes: 1000 });
    await into.addRecord(sampleRecord(), []); // so the imported records are re-linked
    for (const r of [v1, v2, f]) {
      const artifacts = await Promise.all(r.artifacts.map(async (ref) => ({ ref, stream: (await from.readArtifact(ref.id))?.stream() as ReadableStream<Uint8Array> })));
      await into.importRecord(r, artifacts, 'bundle.zip');
    }
    const s = await into.summaries();
    expect(s.map((x) => [x.kind, x.journal?.version, x.journal?.superseded, x.addedFile?.entryId])).toEqual([
      ['added-file', undefined, undefined, entryId],
      ['journal-entry', 2, undefined, undefined],
      ['journal-entry', 1, true, undefined],
      ['post', undefined, undefined, undefined],
    ]);
    expect((await into.journalVersions(entryId)).map((r) => r.text)).toEqual(['private number called', 'edited']);
    const v3 = await into.editJournalEntry(entryId, entry({ text: 'edited here' }), TOOL);
    expect(v3.journal).toMatchObject({ version: 3, supersedes: v2.id });
    expect(await into.verify()).toMatchObject({ ok: true, records: 5, artifacts: 1 });
  });
});

describe('suggestions', () => {
  it('same display name, linked profile and same thread; never the person capturing; never applied', async () => {
    const vault = await newVault();
    const rec = (handle: string, displayName: string, over: Partial<Parameters<typeof sampleRecord>[0]> = {}) =>
      vault.addRecord(sampleRecord({ author: { handle, displayName }, ...over }), []);
    await rec('burner_a', 'Jöhn  Doe');
    await rec('burner_b', 'jöhn doe');
    await rec('burner_c', 'Someone Else', {
      kind: 'profile',
      author: { handle: 'burner_c', displayName: 'Someone Else', profileUrl: 'https://x.com/burner_c' },
      content: { kind: 'profile', platform: 'x', links: [{ text: 'me', href: 'https://twitter.com/Burner_D/' }], media: [], method: 'adapter', warnings: [] },
    });
    await rec('burner_d', 'D');
    const msg = (handle: string, direction: 'sent' | 'received') => ({ kind: 'dm-message' as const, platform: 'x' as const, author: { handle }, direction, links: [], media: [], method: 'adapter' as const, warnings: [] });
    await vault.addRecord(
      sampleRecord({
        kind: 'dm-thread',
        author: { handle: 'group_1' },
        content: {
          kind: 'dm-thread',
          platform: 'x',
          links: [],
          media: [],
          method: 'adapter',
          warnings: [],
          participants: [{ handle: 'group_1' }, { handle: 'group_2' }, { handle: 'me_myself', displayName: 'jöhn doe' }],
          messages: [msg('me_myself', 'sent'), msg('group_1', 'received'), msg('group_2', 'received')],
        },
      }),
      [],
    );
    const suggestions = await vault.suggestPeople();
    const simple = suggestions.map((s) => [s.reason, s.accounts.map((a) => a.handle).sort()]);
    expect(simple).toContainEqual(['same-display-name', ['burner_a', 'burner_b']]);
    expect(simple).toContainEqual(['linked-profile', ['burner_c', 'burner_d']]);
    expect(simple).toContainEqual(['same-thread', ['group_1', 'group_2']]);
    expect(JSON.stringify(suggestions)).not.toContain('me_myself');
    expect(suggestions.find((s) => s.reason === 'same-display-name')?.detail).toMatch(/display name "jöhn +doe"/i);
    expect(await vault.people()).toEqual([]);

    // Accounts already under one person are not proposed; one under someone proposes that person.
    const p = await vault.savePerson({ name: 'p' });
    const a = suggestions.find((s) => s.reason === 'same-display-name')?.accounts ?? [];
    await vault.assignAccount(p.id, a[0] as AccountRef);
    const again = (await vault.suggestPeople()).find((s) => s.reason === 'same-display-name');
    expect(again?.personId).toBe(p.id);
    await vault.assignAccount(p.id, a[1] as AccountRef);
    expect((await vault.suggestPeople()).find((s) => s.reason === 'same-display-name')).toBeUndefined();
  });
});

describe('speed (printed, not asserted)', () => {
  it('addRecord with its summary; summaries() of many records', async () => {
    const vault = await newVault();
    const n = 300;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await vault.addRecord(sampleRecord({ text: `m ${i}` }), [sampleArtifact(`img ${i}`)]);
    const per = (performance.now() - t0) / n;
    const t1 = performance.now();
    const s = await vault.summaries();
    const read = performance.now() - t1;
    expect(s).toHaveLength(n);
    console.log(`addRecord (with summary): ${per.toFixed(2)} ms each; summaries() of ${n}: ${read.toFixed(0)} ms`);
  });

  it('what the summary adds to each capture: building it and sealing it', async () => {
    const key = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const record = { ...sampleRecord(), id: 'r', seq: 1, artifacts: [], chain: { prevHash: '0'.repeat(64), recordHash: '1'.repeat(64) } } as EvidenceRecord;
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) summaryOf(record);
    const build = (performance.now() - t0) / n;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) await sealSummary(summaryOf(record), { k: 'dk', key });
    const sealed = (performance.now() - t1) / n;
    expect(summaryOf(record).authorKeys).toEqual(['x:id:12345', 'x:@someone']);
    console.log(`summary per capture: built in ${(build * 1000).toFixed(0)} µs, built and sealed in ${(sealed * 1000).toFixed(0)} µs`);
  });
});

