import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDump, type VaultDump } from '../fixtures/fixture-io';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawGet, rawGetAll, rawOpen, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0006 } from './0006-case';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const TOOL = { version: '0.1.0', browser: 'test', userAgent: 'vitest' };

function fixture(name: 'v5-plain' | 'v5-encrypted'): VaultDump {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as VaultDump;
}

/** A fresh version-5 database holding the fixture's rows, as the release before issue #13 left it. */
async function version5(dump: VaultDump): Promise<string> {
  const name = freshDbName();
  const v5 = await openStorage(name, MIGRATIONS.slice(0, 5));
  v5.close();
  await loadDump(name, dump);
  return name;
}

describe('migration 0006: the case file (people, notes, summaries)', () => {
  it('follows 0005 in the migration list', () => {
    expect(MIGRATIONS[5]).toBe(migration0006);
    expect(migration0006.version).toBe(6);
  });

  it('adds summaries, people and notes with their keys and indexes (k on each, as on every sealed store)', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 6)));
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(6);
    const db = await rawOpen(name);
    try {
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'chunks', 'custody', 'keys', 'meta', 'notes', 'people', 'records', 'staging', 'summaries']);
      const tx = db.transaction(['summaries', 'people', 'notes']);
      const summaries = tx.objectStore('summaries');
      expect(summaries.keyPath).toBe('id');
      expect([...summaries.indexNames].sort()).toEqual(['entryId', 'k', 'seq']);
      expect(summaries.index('seq').unique).toBe(true);
      expect(summaries.index('entryId').keyPath).toBe('e');
      expect([...tx.objectStore('people').indexNames]).toEqual(['k']);
      expect([...tx.objectStore('notes').indexNames].sort()).toEqual(['k', 'recordId']);
    } finally {
      db.close();
    }
  });

  it('upgrades the plain v5 fixture: records, artifacts (also chunked) and the chain intact; summaries filled in the upgrade', async () => {
    const dump = fixture('v5-plain');
    expect(dump.version).toBe(5);
    const about = dump.about as Record<string, string>;
    const name = await version5(dump);
    const before = await rawGetAll(name, 'records');
    const vault = await openVault(name, { kdfTargetMs: 0 });
    open.push(vault);
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(MIGRATIONS.length); // 0006 and every later one
    expect(await rawGetAll(name, 'records')).toEqual(before);
    // Filled by the migration itself (plaintext rows), before any summaries() call.
    expect((await rawGetAll<{ id: string }>(name, 'summaries')).map((s) => s.id).sort()).toEqual(before.map((r) => (r as { id: string }).id).sort());
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5, artifacts: 3, deleted: 1, problems: [] });
    const imported = await vault.readArtifact(about.importedArtifact as string);
    expect(imported?.chunked).toBe(true);
    expect((await new Response(imported?.stream()).arrayBuffer()).byteLength).toBe(Number(about.importedBytes));

    const summaries = await vault.summaries();
    expect(summaries.map((s) => s.seq)).toEqual([5, 4, 3, 2, 1]);
    const byId = new Map(summaries.map((s) => [s.id, s]));
    expect(byId.get(about.post as string)).toMatchObject({ kind: 'post', authorKeys: ['x:id:12345', 'x:@someone'], snippet: 'You will regret posting that.' });
    expect(byId.get(about.post as string)?.screenshot).toBeDefined();
    expect(byId.get(about.thread as string)).toMatchObject({ kind: 'dm-thread', authorKeys: ['x:id:456', 'x:@burner_one', 'x:id:123', 'x:@me_myself'] });
    expect(byId.get(about.thread as string)?.accounts?.find((a) => a.handle === 'me_myself')?.self).toBe(true);
    expect(byId.get(about.deleted as string)).toMatchObject({ deleted: true, authorKeys: [] });
    expect(byId.get(about.imported as string)).toMatchObject({ authorKeys: ['x:id:789', 'x:@importee'] });
    expect(byId.get(about.profile as string)?.profileLinks).toEqual(['x.com/someone']);
    // The old data suggests: burner_two's profile links to @Someone's.
    expect((await vault.suggestPeople()).map((s) => [s.reason, s.accounts.map((a) => a.handle).sort()])).toContainEqual(['linked-profile', ['Someone', 'burner_two']]);

    // People and notes: empty and usable; the old chain continues.
    expect(await vault.people()).toEqual([]);
    expect(await vault.notes()).toEqual([]);
    const p = await vault.savePerson({ name: 'unknown 1' });
    await vault.assignAccount(p.id, { platform: 'x', handle: 'burner_one', keys: ['x:id:456', 'x:@burner_one'] });
    await vault.addNote(about.post as string, 'first time he wrote');
    const j = await vault.addJournalEntry({ when: { precision: 'date', local: '2026-03-01' }, kind: 'message', text: 'saw it', links: [about.post as string] }, TOOL);
    const next = await vault.addRecord(sampleRecord(), []);
    expect(j.seq).toBe(6);
    expect(next.seq).toBe(7);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 7 });
    expect((await vault.summaries()).map((s) => s.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('upgrades the encrypted v5 fixture while locked: summaries filled at the first unlocked read; it unlocks with its passphrase', async () => {
    const dump = fixture('v5-encrypted');
    const about = dump.about as Record<string, string>;
    const name = await version5(dump);
    const vault = await openVault(name, { kdfTargetMs: 0 });
    open.push(vault);
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(MIGRATIONS.length); // 0006 and every later one
    expect(await rawGetAll(name, 'summaries')).toEqual([]); // sealed rows cannot be read during the upgrade
    expect(await vault.lockState()).toMatchObject({ encrypted: true, locked: true, lockedCaptures: 1 });
    await expect(vault.summaries()).rejects.toMatchObject({ code: 'locked' });
    // A capture while still locked gets its summary at once (drop-key sealed).
    const locked = await vault.addRecord(sampleRecord({ author: { handle: 'after_upgrade' } }), []);
    expect(await rawGetAll(name, 'summaries')).toHaveLength(1);

    await vault.unlock({ passphrase: about.passphrase as string });
    expect(await vault.verify()).toMatchObject({ ok: true, records: 7, artifacts: 4, deleted: 1, problems: [] });
    const summaries = await vault.summaries();
    expect(summaries.map((s) => s.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(summaries[0]).toMatchObject({ id: locked.id, authorKeys: ['x:@after_upgrade'] });
    const byId = new Map(summaries.map((s) => [s.id, s]));
    expect(byId.get(about.lockedCapture as string)).toMatchObject({ authorKeys: ['x:id:999', 'x:@locked_author'], snippet: 'captured while locked' });
    expect(byId.get(about.thread as string)?.authorKeys).toEqual(['x:id:456', 'x:@burner_one', 'x:id:123', 'x:@me_myself']);
    expect(byId.get(about.deleted as string)?.deleted).toBe(true);
    // Stored sealed with the data key, no author key or text in plaintext.
    const rows = await rawGetAll<{ k?: string }>(name, 'summaries');
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.k === 'dk')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/burner_one|locked_author|regret/);
    expect(await vault.people()).toEqual([]);
    const p = await vault.savePerson({ name: 'unknown 1' });
    expect((await vault.people()).map((x) => x.id)).toEqual([p.id]);
    // And it still turns back into a plain vault, case stores included.
    await vault.disableEncryption({ passphrase: about.passphrase as string });
    expect((await rawGetAll<{ k?: string }>(name, 'summaries')).every((r) => r.k === undefined)).toBe(true);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 7 });
  });
});
