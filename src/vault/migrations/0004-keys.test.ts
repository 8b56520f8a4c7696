import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawEdit, rawGet, rawGetAll, rawOpen, sampleArtifact, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0004 } from './0004-keys';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('migration 0004: keys for encryption at rest', () => {
  it('follows 0003 in the migration list', () => {
    expect(MIGRATIONS[3]).toBe(migration0004);
    expect(migration0004.version).toBe(4);
  });

  it('adds the keys store and a `k` index on every store whose rows are sealed', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 4)));
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(4);
    const db = await rawOpen(name);
    try {
      expect(db.version).toBe(4);
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'custody', 'keys', 'meta', 'records', 'staging']);
      const tx = db.transaction(['keys', 'records', 'artifacts', 'custody', 'staging']);
      expect(tx.objectStore('keys').keyPath).toBe('id');
      for (const store of ['records', 'artifacts', 'custody', 'staging']) {
        const index = tx.objectStore(store).index('k');
        expect(index.keyPath).toBe('k');
        expect(index.unique).toBe(false);
      }
    } finally {
      db.close();
    }
  });

  it('upgrades a version-3 vault in place: rows untouched and plaintext, the vault unencrypted, and it can be encrypted', async () => {
    const name = freshDbName();
    const v4 = await openVault(name); // built at the latest version, copied below into a fresh version-3 database
    const record = await v4.addRecord(sampleRecord(), [sampleArtifact('pixels')]);
    v4.close();
    const old = freshDbName();
    open.push(await openStorage(old, MIGRATIONS.slice(0, 3)));
    open.pop()?.close();
    for (const store of ['records', 'artifacts', 'custody'] as const) {
      for (const row of await rawGetAll<object>(name, store)) await rawEdit(old, store, (s) => s.put(row));
    }
    for (const key of ['head', 'custodyHead']) {
      const value = await rawGet<object>(name, 'meta', key);
      await rawEdit(old, 'meta', (s) => s.put(value, key));
    }
    const before = await rawGetAll(old, 'records');
    const upgraded = await openVault(old, { kdfTargetMs: 0 });
    open.push(upgraded);
    expect(await rawGetAll(old, 'records')).toEqual(before);
    expect(await rawGetAll(old, 'keys')).toEqual([]);
    expect(await upgraded.lockState()).toEqual({ encrypted: false, locked: false, lockedCaptures: 0 });
    expect(await upgraded.get(record.id)).toEqual(record);
    await upgraded.enableEncryption('a passphrase');
    expect(await upgraded.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
    expect((await rawGetAll<{ k?: string }>(old, 'records')).map((r) => r.k)).toEqual(['dk']);
  });
});
