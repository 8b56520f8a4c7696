import { afterEach, describe, expect, it } from 'vitest';
import { type EvidenceRecord, GENESIS_HASH } from '../../model/evidence';
import { computeCustodyHash, computeRecordHash, sha256Hex } from '../hashing';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawEdit, rawGet, rawGetAll, rawOpen, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-author-keys';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** A version-1 vault holding three chained records with artifacts and custody log, written as v1 stored them. */
async function version1Vault(name: string): Promise<EvidenceRecord[]> {
  const v1 = await openStorage(name, [migration0001]);
  v1.close();
  const bodies = [
    sampleRecord({ id: 'r1', author: { handle: '@Troll_Account', accountId: '999' } }),
    sampleRecord({
      id: 'r2',
      kind: 'dm-thread',
      platform: 'instagram',
      author: undefined,
      content: {
        kind: 'dm-thread',
        platform: 'instagram',
        links: [],
        media: [],
        method: 'adapter',
        warnings: [],
        participants: [{ handle: 'troll_account' }, { handle: 'Me' }],
      },
    }),
    sampleRecord({ id: 'r3' }),
  ];
  const records: EvidenceRecord[] = [];
  let prevHash = GENESIS_HASH;
  let custodyPrev = GENESIS_HASH;
  for (const [i, body] of bodies.entries()) {
    const bytes = new TextEncoder().encode(`shot ${i}`);
    const ref = {
      id: `a${i}`,
      role: 'screenshot' as const,
      mediaType: 'image/png',
      sha256: await sha256Hex(bytes),
      size: bytes.byteLength,
      filename: `shot-${i}.png`,
    };
    const record: EvidenceRecord = { ...body, id: `r${i + 1}`, seq: i + 1, artifacts: [ref], chain: { prevHash, recordHash: '' } };
    record.chain.recordHash = await computeRecordHash(record);
    prevHash = record.chain.recordHash;
    records.push(record);
    await rawEdit(name, 'records', (s) => s.put(record));
    await rawEdit(name, 'artifacts', (s) => s.put({ ref, recordId: record.id, bytes }));
    const event = { seq: i + 1, at: '2026-03-01T12:00:00.000Z', action: 'captured' as const, recordId: record.id, prevHash: custodyPrev };
    const hash = await computeCustodyHash(event);
    custodyPrev = hash;
    await rawEdit(name, 'custody', (s) => s.put({ ...event, hash }));
  }
  const last = records[2] as EvidenceRecord;
  await rawEdit(name, 'meta', (s) => s.put({ seq: 3, hash: last.chain.recordHash }, 'head'));
  await rawEdit(name, 'meta', (s) => s.put({ seq: 3, hash: custodyPrev }, 'custodyHead'));
  return records;
}

describe('migration 0002: per-person author keys', () => {
  it('follows 0001 in the migration list', () => {
    expect(MIGRATIONS[1]).toBe(migration0002);
    expect(migration0002.version).toBe(2);
  });

  it('backfills author keys on existing rows and indexes them', async () => {
    const name = freshDbName();
    await version1Vault(name);
    expect(((await rawGet(name, 'records', 'r1')) as Record<string, unknown>).authorKeys).toBeUndefined();

    open.push(await openStorage(name, MIGRATIONS.slice(0, 2)));
    const rows = await rawGetAll<EvidenceRecord & { authorKeys: string[] }>(name, 'records');
    expect(Object.fromEntries(rows.map((r) => [r.id, r.authorKeys]))).toEqual({
      r1: ['x:id:999', 'x:@troll_account'],
      r2: ['instagram:@troll_account', 'instagram:@me'],
      r3: ['x:id:12345', 'x:@someone'],
    });
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(2);

    const db = await rawOpen(name);
    try {
      expect(db.version).toBe(2);
      const index = db.transaction('records').objectStore('records').index('authorKeys');
      expect(index.multiEntry).toBe(true);
      expect(index.keyPath).toBe('authorKeys');
    } finally {
      db.close();
    }
  });

  it('leaves record hashes, artifacts and the chain intact, and the vault finds people by key', async () => {
    const name = freshDbName();
    const before = await version1Vault(name);
    const vault = await openVault(name);
    open.push(vault);

    for (const record of before) expect(await vault.get(record.id)).toEqual(record);
    expect((await vault.listByAuthorKey('x:@troll_account')).map((r) => r.id)).toEqual(['r1']);
    expect((await vault.listByAuthorKey('instagram:@troll_account')).map((r) => r.id)).toEqual(['r2']);
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, records: 3, artifacts: 3 });

    // New records after the upgrade continue the old chain.
    const next = await vault.addRecord(sampleRecord({ author: { handle: 'TROLL_account' } }), []);
    expect(next.chain.prevHash).toBe(before[2]?.chain.recordHash);
    expect((await vault.listByAuthorKey('x:@troll_account')).map((r) => r.id)).toEqual(['r1', next.id]);
  });

  it('gives tombstones no author keys', async () => {
    const name = freshDbName();
    await version1Vault(name);
    await rawEdit(name, 'records', (s) => s.put({ id: 'r9', seq: 9, platform: 'x', deleted: { at: 'x' }, author: { handle: 'gone' } }));
    open.push(await openStorage(name, MIGRATIONS));
    expect(((await rawGet(name, 'records', 'r9')) as { authorKeys: string[] }).authorKeys).toEqual([]);
  });

  it('upgrades while an older connection is open: the old one steps aside', async () => {
    const name = freshDbName();
    await version1Vault(name);
    const old = await openStorage(name, [migration0001]);
    const vault = await openVault(name);
    open.push(vault);
    expect(await vault.count()).toBe(3);
    await expect(old.heads()).rejects.toMatchObject({ name: 'VaultError', code: 'closed' });
  });
});
