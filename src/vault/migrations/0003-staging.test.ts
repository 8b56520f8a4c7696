import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawEdit, rawGet, rawGetAll, rawOpen, sampleArtifact, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0003 } from './0003-staging';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('migration 0003: staging for captures in progress', () => {
  it('follows 0002 in the migration list', () => {
    expect(MIGRATIONS[2]).toBe(migration0003);
    expect(migration0003.version).toBe(3);
  });

  it('adds the staging store with its compound key and indexes', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 3)));
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(3);
    const db = await rawOpen(name);
    try {
      expect(db.version).toBe(3);
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'custody', 'meta', 'records', 'staging']);
      const staging = db.transaction('staging').objectStore('staging');
      expect(staging.keyPath).toEqual(['session', 'n']);
      expect([...staging.indexNames].sort()).toEqual(['sort', 'startedAt']);
      expect(staging.index('startedAt').keyPath).toBe('startedAt');
      expect(staging.index('sort').keyPath).toEqual(['session', 'sort']);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-2 vault in place: records, artifacts and the chain untouched, staging empty', async () => {
    const name = freshDbName();
    const v2 = await openVault(name); // opened at the latest version, then rolled back below to prove the upgrade
    const record = await v2.addRecord(sampleRecord(), [sampleArtifact('pixels')]);
    v2.close();
    // Rebuild the same data in a fresh version-2 database.
    const old = freshDbName();
    open.push(await openStorage(old, MIGRATIONS.slice(0, 2)));
    open.pop()?.close();
    for (const store of ['records', 'artifacts', 'custody'] as const) {
      for (const row of await rawGetAll<object>(name, store)) await rawEdit(old, store, (s) => s.put(row));
    }
    for (const key of ['head', 'custodyHead']) {
      const value = await rawGet<object>(name, 'meta', key);
      await rawEdit(old, 'meta', (s) => s.put(value, key));
    }
    const upgraded = await openVault(old);
    open.push(upgraded);
    expect(await upgraded.get(record.id)).toEqual(record);
    expect(await upgraded.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
    expect(await upgraded.stagingSessions()).toEqual([]);
    const next = await upgraded.addRecord(sampleRecord(), []);
    expect(next.chain.prevHash).toBe(record.chain.recordHash);
  });

  it('one session is one key range: headers sort first, then file parts (numbers), then items (strings)', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 3)));
    await rawEdit(name, 'staging', (s) => s.put({ session: 'a', n: 'i:k', key: 'k', sort: '1', value: 1 }));
    await rawEdit(name, 'staging', (s) => s.put({ session: 'a', n: 2, bytes: new Uint8Array(1) }));
    await rawEdit(name, 'staging', (s) => s.put({ session: 'a', n: 0, startedAt: 't', updatedAt: 't', meta: {}, files: [], items: 1 }));
    await rawEdit(name, 'staging', (s) => s.put({ session: 'ab', n: 0, startedAt: 'u', updatedAt: 'u', meta: {}, files: [], items: 0 }));
    const rows = await rawGetAll<{ session: string; n: number | string }>(name, 'staging');
    expect(rows.map((r) => [r.session, r.n])).toEqual([
      ['a', 0],
      ['a', 2],
      ['a', 'i:k'],
      ['ab', 0],
    ]);
    await rawEdit(name, 'staging', (s) => s.delete(IDBKeyRange.bound(['a'], ['a', []])));
    expect((await rawGetAll<{ session: string }>(name, 'staging')).map((r) => r.session)).toEqual(['ab']);
  });
});
