import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../model/evidence';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawEdit, rawGet, rawOpen } from '../test-support';
import { migration0001 } from './0001-initial';
import { DB_VERSION, MIGRATIONS } from './index';

const open: Storage[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function atVersion1(name: string): Promise<void> {
  open.push(await openStorage(name, [migration0001]));
}

describe('migration 0001: initial schema', () => {
  it('is the first of an ordered list whose length is the database version', () => {
    expect(MIGRATIONS[0]).toBe(migration0001);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(DB_VERSION).toBe(MIGRATIONS.length);
  });

  it('creates the stores and indexes from nothing', async () => {
    const name = freshDbName();
    await atVersion1(name);
    const db = await rawOpen(name);
    try {
      expect(db.version).toBe(1);
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'custody', 'meta', 'records']);
      const tx = db.transaction(['records', 'artifacts', 'meta', 'custody']);
      const records = tx.objectStore('records');
      expect(records.keyPath).toBe('id');
      expect([...records.indexNames].sort()).toEqual(['capturedAt', 'deletedAt', 'platform', 'seq']);
      expect(records.index('seq').unique).toBe(true);
      expect(records.index('deletedAt').keyPath).toBe('deleted.at');
      const artifacts = tx.objectStore('artifacts');
      expect(artifacts.keyPath).toBe('ref.id');
      expect(artifacts.index('recordId').keyPath).toBe('recordId');
      expect(tx.objectStore('custody').keyPath).toBe('seq');
      expect(tx.objectStore('meta').keyPath).toBeNull();
    } finally {
      db.close();
    }
  });

  it('starts both chains at genesis and records the schema version', async () => {
    const name = freshDbName();
    await atVersion1(name);
    expect(await rawGet(name, 'meta', 'head')).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(await rawGet(name, 'meta', 'custodyHead')).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(1);
  });

  it('holds data under its indexes: a chain position can be taken only once', async () => {
    const name = freshDbName();
    await atVersion1(name);
    await rawEdit(name, 'records', (s) => s.put({ id: 'a', seq: 1, platform: 'x', capturedAt: '2026-01-01T00:00:00.000Z' }));
    await rawEdit(name, 'records', (s) => s.put({ id: 'b', seq: 2, platform: 'x', deleted: { at: '2026-01-02T00:00:00.000Z' } }));
    await expect(rawEdit(name, 'records', (s) => s.put({ id: 'c', seq: 1 }))).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    const db = await rawOpen(name);
    try {
      const records = db.transaction('records').objectStore('records');
      const count = (req: IDBRequest<number>) =>
        new Promise<number>((resolve) => {
          req.onsuccess = () => resolve(req.result);
        });
      expect(await count(records.count())).toBe(2);
      expect(await count(records.index('deletedAt').count())).toBe(1);
      expect(await count(records.index('platform').count('x'))).toBe(2);
    } finally {
      db.close();
    }
  });
});
