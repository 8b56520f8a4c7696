import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawEdit, rawGet, rawGetAll, rawOpen, sampleArtifact, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0005 } from './0005-chunks';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('migration 0005: chunks for large artifacts', () => {
  it('follows 0004 in the migration list', () => {
    expect(MIGRATIONS[4]).toBe(migration0005);
    expect(migration0005.version).toBe(5);
  });

  it('adds the chunks store, keyed [aid, i], with a `k` index like every store whose rows are sealed', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 5)));
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(5);
    const db = await rawOpen(name);
    try {
      expect(db.version).toBe(5);
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'chunks', 'custody', 'keys', 'meta', 'records', 'staging']);
      const chunks = db.transaction('chunks').objectStore('chunks');
      expect(chunks.keyPath).toEqual(['aid', 'i']);
      expect([...chunks.indexNames]).toEqual(['k']);
      expect(chunks.index('k').keyPath).toBe('k');
      expect(chunks.index('k').unique).toBe(false);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-4 vault in place: rows untouched, artifacts stay single rows, and it can be encrypted', async () => {
    const name = freshDbName();
    const latest = await openVault(name); // built at the latest version, copied below into a fresh version-4 database
    const record = await latest.addRecord(sampleRecord(), [sampleArtifact('pixels')]);
    latest.close();
    const old = freshDbName();
    open.push(await openStorage(old, MIGRATIONS.slice(0, 4)));
    open.pop()?.close();
    for (const store of ['records', 'artifacts', 'custody'] as const) {
      for (const row of await rawGetAll<object>(name, store)) await rawEdit(old, store, (s) => s.put(row));
    }
    for (const key of ['head', 'custodyHead']) {
      const value = await rawGet<object>(name, 'meta', key);
      await rawEdit(old, 'meta', (s) => s.put(value, key));
    }
    const before = { records: await rawGetAll(old, 'records'), artifacts: await rawGetAll(old, 'artifacts') };
    const upgraded = await openVault(old, { kdfTargetMs: 0 });
    open.push(upgraded);
    expect(await rawGet(old, 'meta', 'schemaVersion')).toBe(MIGRATIONS.length); // 5, then the later ones
    expect({ records: await rawGetAll(old, 'records'), artifacts: await rawGetAll(old, 'artifacts') }).toEqual(before);
    expect(await rawGetAll(old, 'chunks')).toEqual([]);
    expect(await upgraded.get(record.id)).toEqual(record);
    expect(new TextDecoder().decode((await upgraded.getArtifact(record.artifacts[0]!.id))?.bytes)).toBe('pixels');
    await upgraded.enableEncryption('a passphrase');
    expect(await upgraded.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
  });
});
