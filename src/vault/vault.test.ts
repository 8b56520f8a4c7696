import { afterEach, describe, expect, it, vi } from 'vitest';
import { type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import { VaultError, type VerifyProblemCode } from './api';
import { computeCustodyHash, computeRecordHash, sha256Hex } from './hashing';
import { freshDbName, rawEdit, rawGet, rawGetAll, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

type VaultErrorCode = VaultError['code'];

const opened: VaultImpl[] = [];
async function newVault(name = freshDbName()): Promise<VaultImpl> {
  const vault = await openVault(name);
  opened.push(vault);
  return vault;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const v of opened.splice(0)) v.close();
});

/** A vault with `n` records, each with one screenshot artifact. */
async function filledVault(n: number, name = freshDbName()) {
  const vault = await newVault(name);
  const records: EvidenceRecord[] = [];
  for (let i = 1; i <= n; i++) {
    records.push(await vault.addRecord(sampleRecord({ text: `message ${i}` }), [sampleArtifact(`image ${i}`)]));
  }
  return { vault, name, records };
}

function codes(problems: { code: VerifyProblemCode }[]): VerifyProblemCode[] {
  return problems.map((p) => p.code);
}

async function expectVaultError(promise: Promise<unknown>, code: VaultErrorCode): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

describe('adding and reading records', () => {
  it('round-trips a record with its artifacts', async () => {
    const vault = await newVault();
    const shot = sampleArtifact('the pixels', { note: 'cropped' });
    const html = sampleArtifact('<article>hi</article>', { role: 'html', mediaType: 'text/html', filename: 'post.html' });
    const added = await vault.addRecord(sampleRecord({ id: 'rec-1' }), [shot, html]);

    expect(added.id).toBe('rec-1');
    expect(added.seq).toBe(1);
    expect(added.chain.prevHash).toBe(GENESIS_HASH);
    expect(added.chain.recordHash).toBe(await computeRecordHash(added));
    expect(added.artifacts).toHaveLength(2);
    expect(added.artifacts[0]).toMatchObject({
      role: 'screenshot',
      mediaType: 'image/png',
      filename: 'screenshot.png',
      size: shot.bytes.byteLength,
      sha256: await sha256Hex('the pixels'),
      note: 'cropped',
    });
    expect(added.artifacts[1]?.sha256).toBe(await sha256Hex('<article>hi</article>'));

    expect(await vault.get('rec-1')).toEqual(added);
    expect(await vault.list()).toEqual([added]);
    expect(await vault.count()).toBe(1);

    const stored = await vault.getArtifact(added.artifacts[1]?.id ?? '');
    expect(stored?.recordId).toBe('rec-1');
    expect(stored?.ref).toEqual(added.artifacts[1]);
    expect(new TextDecoder().decode(stored?.bytes)).toBe('<article>hi</article>');
    expect(await vault.get('nope')).toBeUndefined();
    expect(await vault.getArtifact('nope')).toBeUndefined();
  });

  it('links each record to the one before and logs a captured custody event for each', async () => {
    const { vault, records } = await filledVault(3);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[1]?.chain.prevHash).toBe(records[0]?.chain.recordHash);
    expect(records[2]?.chain.prevHash).toBe(records[1]?.chain.recordHash);
    const log = await vault.custodyLog();
    expect(log.map((e) => [e.seq, e.action, e.recordId])).toEqual(records.map((r, i) => [i + 1, 'captured', r.id]));
    expect(log[1]?.prevHash).toBe(log[0]?.hash);
    expect(log[0]?.hash).toBe(await computeCustodyHash(log[0] as never));
  });

  it('stores only the bytes an artifact view covers', async () => {
    const vault = await newVault();
    const big = new TextEncoder().encode('xxxxHELLOxxxx');
    const added = await vault.addRecord(sampleRecord(), [sampleArtifact('', { bytes: big.subarray(4, 9) })]);
    big.fill(0); // the caller reusing its buffer must not change the evidence
    const stored = await vault.getArtifact(added.artifacts[0]?.id ?? '');
    expect(stored?.bytes.byteLength).toBe(5);
    expect(stored?.bytes.buffer.byteLength).toBe(5);
    expect(new TextDecoder().decode(stored?.bytes)).toBe('HELLO');
    expect((await vault.verify()).ok).toBe(true);
  });

  it('lists newest first, pages with beforeSeq and limit, and skips tombstones unless asked', async () => {
    const { vault, records } = await filledVault(5);
    expect((await vault.list()).map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect((await vault.list({ limit: 2 })).map((r) => r.seq)).toEqual([5, 4]);
    expect((await vault.list({ beforeSeq: 4, limit: 2 })).map((r) => r.seq)).toEqual([3, 2]);
    expect((await vault.list({ beforeSeq: 2 })).map((r) => r.seq)).toEqual([1]);
    expect(await vault.list({ limit: 0 })).toEqual([]);
    await vault.deleteRecord(records[3]?.id ?? '');
    expect((await vault.list({ limit: 2 })).map((r) => r.seq)).toEqual([5, 3]);
    expect((await vault.list({ includeDeleted: true, limit: 2 })).map((r) => r.seq)).toEqual([5, 4]);
    expect(await vault.count()).toBe(4);
  });

  it('refuses a record id that is already taken and leaves the vault unchanged', async () => {
    const vault = await newVault();
    await vault.addRecord(sampleRecord({ id: 'same' }), []);
    await expectVaultError(vault.addRecord(sampleRecord({ id: 'same', text: 'other' }), [sampleArtifact()]), 'conflict');
    expect(await vault.count()).toBe(1);
    expect((await vault.get('same'))?.text).toBe('You will regret posting that.');
    expect(await vault.custodyLog()).toHaveLength(1);
    const next = await vault.addRecord(sampleRecord(), []);
    expect(next.seq).toBe(2);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('refuses values that JSON cannot carry, so the hash stays reproducible', async () => {
    const vault = await newVault();
    const bad = sampleRecord({ screenshot: { method: 'pixel', devicePixelRatio: Number.NaN } });
    await expectVaultError(vault.addRecord(bad, []), 'invalid');
    await expectVaultError(vault.addRecord({ ...sampleRecord(), deleted: { at: 'x' } }, []), 'invalid');
    expect(await vault.count()).toBe(0);
  });

  it('finds one person\'s records by author key', async () => {
    const vault = await newVault();
    const a = await vault.addRecord(sampleRecord({ author: { handle: '@Harasser', accountId: '77' } }), []);
    await vault.addRecord(sampleRecord({ author: { handle: 'bystander' } }), []);
    const c = await vault.addRecord(sampleRecord({ author: { handle: 'harasser' } }), []);
    expect((await vault.listByAuthorKey('x:@harasser')).map((r) => r.id)).toEqual([a.id, c.id]);
    expect((await vault.listByAuthorKey('x:id:77')).map((r) => r.id)).toEqual([a.id]);
    // storage-only lookup fields never leak into records (they would change the hash)
    expect(Object.keys((await vault.get(a.id)) ?? {})).not.toContain('authorKeys');
    await vault.deleteRecord(a.id);
    expect((await vault.listByAuthorKey('x:id:77')).map((r) => r.id)).toEqual([]);
  });

  it('fails with a plain "closed" error after close', async () => {
    const vault = await openVault(freshDbName());
    vault.close();
    await expectVaultError(vault.count(), 'closed');
    await expectVaultError(vault.addRecord(sampleRecord(), []), 'closed');
  });
});

describe('verify', () => {
  it('passes on a clean vault and counts what it checked', async () => {
    const { vault, records } = await filledVault(4);
    await vault.logCustody('viewed', records[0]?.id);
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, records: 4, artifacts: 4, deleted: 0, headHash: records[3]?.chain.recordHash });
    expect(Date.parse(report.checkedAt)).not.toBeNaN();
  });

  it('passes on an empty vault', async () => {
    const vault = await newVault();
    expect(await vault.verify()).toMatchObject({ ok: true, records: 0, problems: [], headHash: GENESIS_HASH });
  });

  it('detects a record edited directly in the database', async () => {
    const { vault, name, records } = await filledVault(3);
    const target = records[1] as EvidenceRecord;
    await rawEdit(name, 'records', (s) => s.put({ ...target, authorKeys: [], text: 'something softer' }));
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(codes(report.problems)).toEqual(['record-hash']);
    expect(report.problems[0]).toMatchObject({ seq: 2, recordId: target.id });
    expect(report.problems[0]?.message).toContain('#2');
  });

  it('detects a record removed from the middle', async () => {
    const { vault, name, records } = await filledVault(4);
    await rawEdit(name, 'records', (s) => s.delete(records[1]?.id ?? ''));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['record-missing']);
    expect(report.problems[0]?.seq).toBe(2);
    expect(report.problems[0]?.message).toMatch(/#2 is missing/);
  });

  it('detects the newest record removed without anything else fixed', async () => {
    const { vault, name, records } = await filledVault(3);
    await rawEdit(name, 'records', (s) => s.delete(records[2]?.id ?? ''));
    const report = await vault.verify();
    // The signed head (issue #15) names the same gap.
    expect(codes(report.problems)).toEqual(['head-mismatch', 'signature']);
    expect(report.problems[0]?.message).toMatch(/#3/);
    expect(report.problems[1]?.message).toMatch(/last signed chain head is record #3, but the chain ends at #2: record #3 is missing/);
  });

  it('detects the newest record removed and the head rewound to match, through the custody log', async () => {
    const { vault, name, records } = await filledVault(3);
    await rawEdit(name, 'records', (s) => s.delete(records[2]?.id ?? ''));
    await rawEdit(name, 'meta', (s) => s.put({ seq: 2, hash: records[1]?.chain.recordHash }, 'head'));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['record-missing', 'signature']);
    expect(report.problems[0]?.recordId).toBe(records[2]?.id);
    expect(report.problems[1]).toMatchObject({ seq: 3, message: expect.stringMatching(/record #3 is missing/) });
  });

  it('detects two records whose positions were swapped', async () => {
    const { vault, name, records } = await filledVault(4);
    const [, b, c] = records as [EvidenceRecord, EvidenceRecord, EvidenceRecord];
    await rawEdit(name, 'records', (s) => s.delete(b.id));
    await rawEdit(name, 'records', (s) => s.put({ ...c, seq: 2, authorKeys: [] }));
    await rawEdit(name, 'records', (s) => s.put({ ...b, seq: 3, authorKeys: [] }));
    const report = await vault.verify();
    // Both moved records fail their own hash (seq is covered); #2, #3 and #4 no longer link up.
    expect(report.problems.filter((p) => p.code === 'record-hash').map((p) => p.seq)).toEqual([2, 3]);
    expect(report.problems.filter((p) => p.code === 'chain-break').map((p) => p.seq)).toEqual([2, 3, 4]);
    expect(report.problems).toHaveLength(5);
  });

  it('detects a record appended outside the app', async () => {
    const { vault, name, records } = await filledVault(2);
    const last = records[1] as EvidenceRecord;
    const forged = { ...last, id: 'forged', seq: 3, artifacts: [], chain: { prevHash: last.chain.recordHash, recordHash: '' } };
    forged.chain.recordHash = await computeRecordHash(forged);
    await rawEdit(name, 'records', (s) => s.put({ ...forged, authorKeys: [] }));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['record-extra']);
    expect(report.problems[0]?.recordId).toBe('forged');
  });

  it('detects a changed artifact byte', async () => {
    const { vault, name, records } = await filledVault(2);
    const ref = records[0]?.artifacts[0];
    const stored = await vault.getArtifact(ref?.id ?? '');
    const bytes = new Uint8Array(stored?.bytes ?? []);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await rawEdit(name, 'artifacts', (s) => s.put({ ...stored, bytes }));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['artifact-hash']);
    expect(report.problems[0]).toMatchObject({ seq: 1, recordId: records[0]?.id, artifactId: ref?.id });
  });

  it('detects a truncated artifact', async () => {
    const { vault, name, records } = await filledVault(1);
    const stored = await vault.getArtifact(records[0]?.artifacts[0]?.id ?? '');
    await rawEdit(name, 'artifacts', (s) => s.put({ ...stored, bytes: stored?.bytes.slice(1) }));
    expect(codes((await vault.verify()).problems)).toEqual(['artifact-size']);
  });

  it('detects a deleted artifact', async () => {
    const { vault, name, records } = await filledVault(2);
    const ref = records[1]?.artifacts[0];
    await rawEdit(name, 'artifacts', (s) => s.delete(ref?.id ?? ''));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['artifact-missing']);
    expect(report.problems[0]?.message).toContain('screenshot.png');
  });

  it('detects an edited or removed custody entry', async () => {
    const { vault, name } = await filledVault(3);
    await rawEdit(name, 'custody', (s) => s.delete(2));
    const removed = (await vault.verify()).problems;
    expect(codes(removed)).toEqual(['custody-break']);
    expect(removed[0]?.message).toMatch(/#2 is missing/);

    await rawEdit(name, 'custody', (s) => s.delete(3));
    const tail = (await vault.verify()).problems;
    expect(codes(tail)).toEqual(['custody-break']);
    expect(tail[0]?.message).toMatch(/should end at entry #3, but its last entry is #1/);

    const other = await filledVault(2);
    const event = await rawGet<{ seq: number }>(other.name, 'custody', 1);
    await rawEdit(other.name, 'custody', (s) => s.put({ ...event, detail: 'nothing happened' }));
    expect(codes((await other.vault.verify()).problems)).toEqual(['custody-break']);
  });

  it('detects a record turned into a tombstone outside the app', async () => {
    const { vault, name, records } = await filledVault(2);
    const target = records[0] as EvidenceRecord;
    await rawEdit(name, 'records', (s) => s.put({ ...target, authorKeys: [], deleted: { at: '2026-01-01T00:00:00Z' } }));
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['record-hash']);
    expect(report.problems[0]?.message).toMatch(/custody log has no deletion/);
  });
});

describe('person-initiated delete', () => {
  it('keeps a tombstone whose chain link still verifies', async () => {
    const { vault, records } = await filledVault(3);
    const target = records[1] as EvidenceRecord;
    await vault.deleteRecord(target.id, 'posted by mistake');

    const tomb = await vault.get(target.id);
    expect(tomb).toMatchObject({
      id: target.id,
      seq: 2,
      kind: target.kind,
      platform: target.platform,
      capturedAt: target.capturedAt,
      chain: target.chain,
      artifacts: [],
      deleted: { reason: 'posted by mistake' },
    });
    expect(tomb?.text).toBeUndefined();
    expect(tomb?.author).toBeUndefined();
    expect(tomb?.content.text).toBeUndefined();
    expect(await vault.getArtifact(target.artifacts[0]?.id ?? '')).toBeUndefined();
    expect(await vault.count()).toBe(2);
    expect((await vault.custodyLog()).at(-1)).toMatchObject({ action: 'deleted', recordId: target.id, detail: 'posted by mistake' });

    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, records: 3, deleted: 1, artifacts: 2 });

    // The chain continues past it, and deleting again changes nothing.
    await vault.addRecord(sampleRecord(), []);
    await vault.deleteRecord(target.id);
    expect((await vault.custodyLog()).filter((e) => e.action === 'deleted')).toHaveLength(1);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('still catches a forged tombstone link', async () => {
    const { vault, name, records } = await filledVault(3);
    const target = records[1] as EvidenceRecord;
    await vault.deleteRecord(target.id);
    const tomb = (await vault.get(target.id)) as EvidenceRecord;
    await rawEdit(name, 'records', (s) =>
      s.put({ ...tomb, authorKeys: [], chain: { ...tomb.chain, recordHash: 'a'.repeat(64) } }),
    );
    const report = await vault.verify();
    expect(codes(report.problems)).toEqual(['chain-break']);
    expect(report.problems[0]?.seq).toBe(3);
  });

  it('reports an unknown record as not found', async () => {
    const vault = await newVault();
    await expectVaultError(vault.deleteRecord('missing'), 'not-found');
  });
});

describe('custody log', () => {
  it('chains events appended by logCustody', async () => {
    const vault = await newVault();
    const a = await vault.logCustody('exported', undefined, 'bundle.zip');
    const b = await vault.logCustody('verified');
    expect(a).toMatchObject({ seq: 1, action: 'exported', detail: 'bundle.zip', prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
    expect(b.hash).toBe(await computeCustodyHash(b));
    expect(await vault.custodyLog()).toEqual([a, b]);
    await expectVaultError(vault.logCustody('shredded' as never), 'invalid');
  });
});

describe('concurrency', () => {
  it('lands 20 concurrent captures as seq 1..20 in one verified chain', async () => {
    const vault = await newVault();
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, i) => vault.addRecord(sampleRecord({ text: `burst ${i}` }), [sampleArtifact(`img ${i}`)])),
    );
    expect(added.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(added.map((r) => r.id)).size).toBe(20);
    expect(await vault.count()).toBe(20);
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(20);
    expect((await vault.custodyLog()).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('chains captures from two separate connections (e.g. worker and page) without duplicates', async () => {
    const name = freshDbName();
    const one = await newVault(name);
    const two = await newVault(name);
    const work = (vault: VaultImpl, tag: string) =>
      Array.from({ length: 10 }, (_, i) => vault.addRecord(sampleRecord({ text: `${tag} ${i}` }), [sampleArtifact(`${tag}${i}`)]));
    const added = await Promise.all([...work(one, 'one'), ...work(two, 'two'), two.logCustody('viewed'), one.logCustody('viewed')]);
    const records = await one.list();
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(new Set(records.map((r) => r.text)).size).toBe(20);
    expect(added).toHaveLength(22);
    expect((await one.custodyLog()).length).toBe(22);
    const report = await two.verify();
    expect(report.problems).toEqual([]);
  });
});

describe('storage quota', () => {
  async function failPutsWithQuota(method: 'put' | 'add', error: unknown) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'meta' || this.name === 'artifacts') throw error;
      return original.apply(this, args as Parameters<typeof original>);
    });
  }

  it('reports a full disk plainly and leaves the vault unchanged', async () => {
    const { vault, records } = await filledVault(2);
    const before = { count: await vault.count(), log: await vault.custodyLog() };
    await failPutsWithQuota('put', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = await expectVaultError(vault.addRecord(sampleRecord({ id: 'too-much' }), [sampleArtifact()]), 'quota');
    expect(error.message).toMatch(/no storage space left/);
    vi.restoreAllMocks();

    expect(await vault.count()).toBe(before.count);
    expect(await vault.get('too-much')).toBeUndefined();
    expect(await vault.custodyLog()).toEqual(before.log);
    const report = await vault.verify();
    expect(report.ok).toBe(true);
    expect(report.headHash).toBe(records[1]?.chain.recordHash);
    // and it works again once there is room
    expect((await vault.addRecord(sampleRecord(), [])).seq).toBe(3);
  });

  it('recognises a quota error wrapped as an inner error (Firefox)', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    const wrapped = Object.assign(new DOMException('failed', 'UnknownError'), {
      inner: { name: 'NS_ERROR_DOM_QUOTA_REACHED' },
    });
    await failPutsWithQuota('add', wrapped);
    await expectVaultError(vault.addRecord(sampleRecord(), [sampleArtifact()]), 'quota');
    vi.restoreAllMocks();
    expect(await vault.count()).toBe(0);
    expect(await rawGetAll(name, 'artifacts')).toEqual([]);
    expect(await rawGetAll(name, 'records')).toEqual([]);
  });

  it('maps other storage failures to a plain unknown error', async () => {
    const vault = await newVault();
    await failPutsWithQuota('put', new DOMException('disk on fire', 'UnknownError'));
    const error = await expectVaultError(vault.logCustody('viewed'), 'unknown');
    expect(error.message).toMatch(/disk on fire/);
  });
});

describe('importRecord', () => {
  async function exported(vault: VaultImpl, record: EvidenceRecord) {
    const artifacts = [];
    for (const ref of record.artifacts) {
      const stored = await vault.getArtifact(ref.id);
      artifacts.push({ ref, bytes: stored?.bytes ?? new Uint8Array() });
    }
    return artifacts;
  }

  it('restores records unchanged when they continue the chain', async () => {
    const source = await filledVault(3);
    const target = await newVault();
    for (const record of source.records) {
      const restored = await target.importRecord(record, await exported(source.vault, record), 'backup.zip');
      expect(restored).toEqual(record);
    }
    expect(await target.list()).toEqual([...source.records].reverse());
    const log = await target.custodyLog();
    expect(log.map((e) => e.action)).toEqual(['imported', 'imported', 'imported']);
    expect(log[0]?.detail).toContain('backup.zip');
    const artifact = await target.getArtifact(source.records[2]?.artifacts[0]?.id ?? '');
    expect(new TextDecoder().decode(artifact?.bytes)).toBe('image 3');
    expect((await target.verify()).problems).toEqual([]);
  });

  it('re-links a record that does not continue the chain, keeping where it came from', async () => {
    const source = await filledVault(2);
    const target = await newVault();
    const own = await target.addRecord(sampleRecord({ text: 'mine' }), []);
    const original = source.records[1] as EvidenceRecord;
    const relinked = await target.importRecord(original, await exported(source.vault, original), 'from-friend.zip');

    expect(relinked.id).toBe(original.id);
    expect(relinked.seq).toBe(2);
    expect(relinked.chain.prevHash).toBe(own.chain.recordHash);
    expect(relinked.chain.recordHash).toBe(await computeRecordHash(relinked));
    expect(relinked.imported).toMatchObject({
      bundle: 'from-friend.zip',
      originalSeq: 2,
      originalPrevHash: original.chain.prevHash,
      originalRecordHash: original.chain.recordHash,
    });
    expect(relinked.artifacts).toEqual(original.artifacts);
    expect(relinked.text).toBe(original.text);
    expect(await target.get(original.id)).toEqual(relinked);
    expect((await target.verify()).problems).toEqual([]);
  });

  it('refuses altered artifact bytes and stores nothing', async () => {
    const source = await filledVault(1);
    const target = await newVault();
    const record = source.records[0] as EvidenceRecord;
    const artifacts = await exported(source.vault, record);
    const changed = artifacts.map((a) => ({ ...a, bytes: new TextEncoder().encode('photoshopped') }));
    await expectVaultError(target.importRecord(record, changed), 'invalid');
    await expectVaultError(target.importRecord(record, []), 'invalid');
    expect(await target.count()).toBe(0);
    expect(await target.custodyLog()).toEqual([]);
  });

  it('refuses a record that does not match its own hash', async () => {
    const source = await filledVault(1);
    const target = await newVault();
    const record = source.records[0] as EvidenceRecord;
    const edited = { ...record, text: 'edited after capture' };
    await expectVaultError(target.importRecord(edited, await exported(source.vault, record)), 'invalid');
    expect(await target.count()).toBe(0);
  });

  it('refuses a record that is already in the vault', async () => {
    const { vault, records } = await filledVault(1);
    const record = records[0] as EvidenceRecord;
    await expectVaultError(vault.importRecord(record, await exported(vault, record)), 'conflict');
    expect(await vault.count()).toBe(1);
  });

  it('restores a tombstone only in its original place', async () => {
    const source = await filledVault(2);
    await source.vault.deleteRecord(source.records[0]?.id ?? '');
    const tomb = (await source.vault.get(source.records[0]?.id ?? '')) as EvidenceRecord;

    const elsewhere = await newVault();
    await elsewhere.addRecord(sampleRecord(), []);
    await expectVaultError(elsewhere.importRecord(tomb, []), 'invalid');

    const restore = await newVault();
    await restore.importRecord(tomb, []);
    const second = source.records[1] as EvidenceRecord;
    await restore.importRecord(second, await exported(source.vault, second));
    const report = await restore.verify();
    expect(report.problems).toEqual([]);
    expect(report.deleted).toBe(1);
  });

  it('refuses a record marked deleted that still carries content or files (its hash is never checked)', async () => {
    const source = await filledVault(1);
    const original = source.records[0] as EvidenceRecord;
    // A crafted bundle: the full record, edited, and marked deleted so that its hash would not be recomputed.
    const forged: EvidenceRecord = { ...original, content: { ...original.content, text: 'words nobody captured' }, deleted: { at: '2026-01-01T00:00:00.000Z' } };
    const target = await newVault();
    await expectVaultError(target.importRecord(forged, await exported(source.vault, original)), 'invalid');
    await expectVaultError(target.importRecord(forged, []), 'invalid');
    expect(await target.list({ includeDeleted: true })).toEqual([]);
  });
});
