/**
 * Encryption at rest (issue #12): lock/unlock, capture while locked, conversion in place both ways, and proof from the
 * raw IndexedDB that nothing the person captured is stored in plaintext.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import { VaultError } from './api';
import { MIN_KDF_ITERATIONS } from './crypto';
import { openStorage, StaleKeyringError } from './storage';
import { freshDbName, rawEdit, rawGet, rawGetAll, rawOpen, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl, type VaultOptions } from './vault';

const opened: VaultImpl[] = [];
/** KDF at its minimum (600,000 iterations) so the tests stay quick; calibration is tested in crypto.test.ts. */
async function newVault(name = freshDbName(), options: VaultOptions = {}): Promise<VaultImpl> {
  const vault = await openVault(name, { kdfTargetMs: 0, ...options });
  opened.push(vault);
  return vault;
}
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

const PASS = 'correct horse battery staple';
const bytes = (s: string) => new TextEncoder().encode(s);

/** Every store's raw rows as one haystack: JSON with byte arrays written out as latin-1, plus the byte arrays themselves. */
async function rawDump(name: string): Promise<{ text: string; blobs: Uint8Array[]; stores: string[] }> {
  const db = await rawOpen(name);
  const stores = [...db.objectStoreNames];
  db.close();
  const blobs: Uint8Array[] = [];
  const parts: string[] = [];
  for (const store of stores) {
    for (const row of await rawGetAll(name, store)) {
      parts.push(
        JSON.stringify(row, (_k, v: unknown) => {
          if (v instanceof Uint8Array) {
            blobs.push(v);
            return String.fromCharCode(...v);
          }
          return v;
        }),
      );
    }
  }
  return { text: parts.join('\n'), blobs, stores };
}

function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function fill(vault: VaultImpl, n: number, tag = 'r'): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await vault.addRecord(sampleRecord({ text: `${tag} ${i}`, author: { handle: `Person${i % 3}` } }), [sampleArtifact(`${tag} pixels ${i}`)]));
  }
  return out;
}

describe('encryption at rest: lock and unlock', () => {
  it('a plain vault reports unencrypted; enabling encrypts, keeps it unlocked here, and every read is unchanged', async () => {
    const vault = await newVault();
    const records = await fill(vault, 3);
    expect(await vault.lockState()).toEqual({ encrypted: false, locked: false, lockedCaptures: 0 });
    const progress: number[] = [];
    const { recoveryKey, sessionKey } = await vault.enableEncryption(PASS, (p) => progress.push(p.done));
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(sessionKey.byteLength).toBe(32);
    expect(progress.length).toBeGreaterThan(0);
    expect(await vault.lockState()).toEqual({ encrypted: true, locked: false, lockedCaptures: 0 });
    for (const r of records) expect(await vault.get(r.id)).toEqual(r);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 3, artifacts: 3 });
  });

  it('stores PBKDF2-SHA-256 with at least 600,000 iterations and a random salt per vault', async () => {
    const a = await newVault(freshDbName(), { kdfTargetMs: 600 });
    const nameB = freshDbName();
    const b = await newVault(nameB);
    await a.enableEncryption(PASS);
    await b.enableEncryption(PASS);
    const ring = await rawGet<{ kdf: { alg: string; iterations: number; salt: Uint8Array } }>(nameB, 'keys', 'keyring');
    expect(ring.kdf.alg).toBe('PBKDF2-SHA-256');
    expect(ring.kdf.iterations).toBeGreaterThanOrEqual(MIN_KDF_ITERATIONS);
    expect(ring.kdf.salt.byteLength).toBe(16);
  });

  it('locked: reads say locked; the right passphrase opens; a wrong one is refused, changes nothing and deletes nothing', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    const [record] = await fill(vault, 1);
    await vault.enableEncryption(PASS);
    vault.lock();
    expect(await vault.lockState()).toMatchObject({ encrypted: true, locked: true });
    for (const read of [() => vault.get(record!.id), () => vault.list(), () => vault.getArtifact(record!.artifacts[0]!.id), () => vault.custodyLog(), () => vault.verify(), () => vault.listByAuthorKey('x:@person0')]) {
      await expect(read()).rejects.toMatchObject({ name: 'VaultError', code: 'locked' });
    }
    const before = await rawDump(name);
    const error = await vault.unlock({ passphrase: 'correct horse battery stapler' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'wrong-secret', message: expect.stringMatching(/does not open this vault\. Nothing was changed/) });
    expect((await rawDump(name)).text).toBe(before.text);
    await expect(vault.get(record!.id)).rejects.toMatchObject({ code: 'locked' });
    await vault.unlock({ passphrase: PASS });
    expect(await vault.get(record!.id)).toEqual(record);
  });

  it('repeated wrong passphrases wait longer each time (after three free tries); a right one resets the count', async () => {
    const vault = await newVault();
    await vault.enableEncryption(PASS);
    vault.lock();
    const timed = async (secret: string) => {
      const t0 = performance.now();
      const outcome = await vault.unlock({ passphrase: secret }).then(
        () => 'ok',
        (e: VaultError) => e.code,
      );
      return { outcome, ms: performance.now() - t0 };
    };
    for (let i = 0; i < 3; i++) expect((await timed('wrong')).ms).toBeLessThan(1000);
    const fourth = await timed('wrong');
    expect(fourth).toMatchObject({ outcome: 'wrong-secret' });
    expect(fourth.ms).toBeGreaterThanOrEqual(1000);
    const right = await timed(PASS);
    expect(right.outcome).toBe('ok');
    expect(right.ms).toBeGreaterThanOrEqual(2000);
    vault.lock();
    expect((await timed('wrong again')).ms).toBeLessThan(1000);
  }, 20_000);

  it('the recovery key unlocks (also typed in lower case with spaces); a mistyped one says so before trying; another vault’s is wrong', async () => {
    const vault = await newVault();
    const [record] = await fill(vault, 1);
    const { recoveryKey } = await vault.enableEncryption(PASS);
    const other = await newVault();
    const { recoveryKey: otherKey } = await other.enableEncryption(PASS);
    vault.lock();
    await expect(vault.unlock({ recoveryKey: otherKey })).rejects.toMatchObject({ code: 'wrong-secret' });
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
    await expect(vault.unlock({ recoveryKey: typo })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/typing mistake/) });
    await vault.unlock({ recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') });
    expect(await vault.get(record!.id)).toEqual(record);
  });

  it('a session key from one context unlocks another context; a wrong session key is refused', async () => {
    const name = freshDbName();
    const a = await newVault(name);
    const [record] = await fill(a, 1);
    const { sessionKey } = await a.enableEncryption(PASS);
    const b = await newVault(name);
    expect(await b.lockState()).toMatchObject({ locked: true });
    await expect(b.unlock({ sessionKey: new Uint8Array(32) })).rejects.toMatchObject({ code: 'wrong-secret' });
    await expect(b.unlock({ sessionKey: sessionKey.slice(0, 16) })).rejects.toMatchObject({ code: 'wrong-secret' });
    const again = await b.unlock({ sessionKey });
    expect(again.sessionKey).toEqual(sessionKey);
    expect(await b.get(record!.id)).toEqual(record);
  });

  it('changing the passphrase rewraps only: the old one stops working, the new one and the recovery key open, no row is re-encrypted', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await fill(vault, 2);
    const { recoveryKey } = await vault.enableEncryption(PASS);
    const rowsBefore = await rawGetAll(name, 'records');
    await expect(vault.changePassphrase({ passphrase: 'nope' }, 'new one')).rejects.toMatchObject({ code: 'wrong-secret' });
    await vault.changePassphrase({ passphrase: PASS }, 'a new passphrase');
    expect(await rawGetAll(name, 'records')).toEqual(rowsBefore);
    vault.lock();
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'wrong-secret' });
    await vault.unlock({ passphrase: 'a new passphrase' });
    vault.lock();
    await vault.unlock({ recoveryKey });
    // …and changing it with the recovery key (forgotten passphrase).
    await vault.changePassphrase({ recoveryKey }, 'third');
    vault.lock();
    await vault.unlock({ passphrase: 'third' });
    expect(await vault.count()).toBe(2);
  });

  it('a new recovery key replaces the old one', async () => {
    const vault = await newVault();
    const { recoveryKey: old } = await vault.enableEncryption(PASS);
    await expect(vault.newRecoveryKey({ passphrase: 'wrong' })).rejects.toMatchObject({ code: 'wrong-secret' });
    const { recoveryKey } = await vault.newRecoveryKey({ passphrase: PASS });
    expect(recoveryKey).not.toBe(old);
    vault.lock();
    await expect(vault.unlock({ recoveryKey: old })).rejects.toMatchObject({ code: 'wrong-secret' });
    await vault.unlock({ recoveryKey });
  });

  it('refuses an empty passphrase, enabling twice, and unlocking a vault without one', async () => {
    const vault = await newVault();
    await expect(vault.unlock({ passphrase: PASS })).rejects.toMatchObject({ code: 'invalid' });
    await expect(vault.enableEncryption('   ')).rejects.toMatchObject({ code: 'invalid' });
    await vault.enableEncryption(PASS);
    await expect(vault.enableEncryption(PASS)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('encryption at rest: capture while locked', () => {
  it('addRecord, staging and custody work locked; at unlock the rows are re-sealed with the data key, get blind author keys and show', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await fill(vault, 1);
    await vault.enableEncryption(PASS);
    vault.lock();
    const locked = await vault.addRecord(sampleRecord({ text: 'sent while locked', author: { handle: 'LockedTroll' } }), [sampleArtifact('locked pixels')]);
    expect(locked.seq).toBe(2);
    await vault.logCustody('viewed', locked.id, 'locked view');
    // A whole-thread capture while locked: staged, read back (its own drop key), saved as a record.
    await vault.stageBegin('t', { kind: 'thread' });
    await vault.stage('t', { items: [{ key: 'm1', sort: '2026-01-01', value: { text: 'first message' } }], file: { n: 1, bytes: bytes('segment while locked') } });
    expect(await vault.stagedItems('t', ['m1'])).toEqual([{ text: 'first message' }]);
    expect(new TextDecoder().decode(await vault.stagedFile('t', 1))).toBe('segment while locked');
    const fromStaging = await vault.addRecord(sampleRecord({ text: 'thread while locked' }), [{ role: 'segment', mediaType: 'image/png', filename: 's.png', staged: 1 }], { staging: 't' });
    expect(await vault.lockState()).toMatchObject({ locked: true, lockedCaptures: 2 });
    const dropRows = (await rawGetAll<{ k?: string }>(name, 'records')).filter((r) => r.k?.startsWith('drop:'));
    expect(dropRows).toHaveLength(2);
    expect(dropRows.every((r) => (r as { authorKeys: string[] }).authorKeys.length === 0)).toBe(true);
    expect((await rawGetAll<{ id: string }>(name, 'keys')).filter((k) => k.id.startsWith('drop:'))).toHaveLength(1);

    await vault.unlock({ passphrase: PASS });
    expect(await vault.lockState()).toEqual({ encrypted: true, locked: false, lockedCaptures: 0 });
    expect((await rawGetAll<{ id: string }>(name, 'keys')).map((k) => k.id)).toEqual(['keyring']);
    for (const store of ['records', 'artifacts', 'custody', 'staging']) {
      expect((await rawGetAll<{ k?: string }>(name, store)).every((r) => r.k === 'dk')).toBe(true);
    }
    expect(await vault.get(locked.id)).toEqual(locked);
    expect((await vault.listByAuthorKey('x:@lockedtroll')).map((r) => r.id)).toEqual([locked.id]);
    expect(new TextDecoder().decode((await vault.getArtifact(fromStaging.artifacts[0]!.id))?.bytes)).toBe('segment while locked');
    expect((await vault.custodyLog()).map((e) => e.detail)).toContain('locked view');
    expect(await vault.verify()).toMatchObject({ ok: true, records: 3, artifacts: 3 });
  });

  it('another context’s stale view: a drop key deleted by an unlock elsewhere makes the locked writer retry with a new one (nothing unreadable)', async () => {
    const name = freshDbName();
    const a = await newVault(name);
    const { sessionKey } = await a.enableEncryption(PASS);
    const b = await newVault(name);
    const first = await b.addRecord(sampleRecord({ text: 'locked one' }), []);
    await a.unlock({ sessionKey }); // absorbs b's drop key and deletes it
    expect(await a.lockState()).toMatchObject({ lockedCaptures: 0 });
    const second = await b.addRecord(sampleRecord({ text: 'locked two' }), []);
    expect(await a.lockState()).toMatchObject({ lockedCaptures: 1 });
    await a.unlock({ sessionKey });
    expect((await a.list()).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await a.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('a context that wrote plaintext before encryption was enabled elsewhere retries sealed, and a key change elsewhere is picked up', async () => {
    const name = freshDbName();
    const a = await newVault(name);
    const b = await newVault(name);
    await b.addRecord(sampleRecord(), []); // b has seen the vault unencrypted
    await a.enableEncryption(PASS);
    const late = await b.addRecord(sampleRecord({ text: 'after enable' }), []);
    const row = await rawGet<{ k?: string; text?: string }>(name, 'records', late.id);
    expect(row.k).toMatch(/^drop:/);
    expect(row.text).toBeUndefined();
    await a.changePassphrase({ passphrase: PASS }, 'two');
    await b.logCustody('viewed'); // prepared with the old keyring revision: retried, still sealed
    await a.unlock({ passphrase: 'two' });
    expect(await a.verify()).toMatchObject({ ok: true, records: 2 });
  });
});

describe('encryption at rest: staging', () => {
  it('sealed staging keeps its behaviour: first item per key, time order with paging, meta updates', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await vault.enableEncryption(PASS);
    await vault.stageBegin('s', { v: 1 });
    const item = (key: string, sort: string) => ({ key, sort, value: { key, text: `text ${key}` } });
    await Promise.all([vault.stage('s', { items: [item('b', '2026-01-02'), item('a', '2026-01-03')] }), vault.stage('s', { items: [item('c', '2026-01-01'), item('a', 'dup')], meta: { v: 2 } })]);
    const header = await vault.stagingSession('s');
    expect(header).toMatchObject({ items: 3, meta: { v: 2 } });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await vault.stagedItemsSorted('s', { ...(after !== undefined && { after }), limit: 2 });
      if (!page.length) break;
      seen.push(...page.map((p) => p.key));
      after = page[page.length - 1]!.sort;
    }
    expect(seen).toEqual(['c', 'b', 'a']);
    expect((await vault.stagedItems('s', ['a']))[0]).toMatchObject({ text: 'text a' });
    const rows = await rawGetAll<{ k?: string; value?: unknown; meta?: unknown }>(name, 'staging');
    // Staged parts are sealed with this context's own drop key even while unlocked (see the next test).
    expect(rows.every((r) => r.k?.startsWith('drop:') && r.value === undefined && r.meta === undefined)).toBe(true);
  });

  it('a capture in progress runs across a lock: its parts stay readable to it, it is saved locked, and shows at unlock', async () => {
    const name = freshDbName();
    const background = await newVault(name);
    const { sessionKey } = await background.enableEncryption(PASS);
    const page = await newVault(name);
    await page.unlock({ sessionKey });
    await background.stageBegin('t', { started: 'unlocked' });
    await background.stage('t', { items: [{ key: 'm1', sort: '1', value: 'before the lock' }], file: { n: 1, bytes: bytes('segment 1') } });
    // The page unlocking again (another tab) does not take the parts away from the running capture.
    await page.unlock({ sessionKey });
    background.lock(); // auto-lock in the middle of the capture
    await background.stage('t', { items: [{ key: 'm2', sort: '2', value: 'after the lock' }], file: { n: 2, bytes: bytes('segment 2') } });
    expect(await background.stagedItems('t', ['m1', 'm2'])).toEqual(['before the lock', 'after the lock']);
    expect(await background.stagingSession('t')).toMatchObject({ items: 2, meta: { started: 'unlocked' } });
    const record = await background.addRecord(sampleRecord({ text: 'thread' }), [1, 2].map((n) => ({ role: 'segment' as const, mediaType: 'image/png', filename: `s${n}.png`, staged: n })), { staging: 't' });
    // The page, unlocked all along, reads it at once (it opens the background's drop key from the keyring)…
    expect(await page.get(record.id)).toEqual(record);
    expect(new TextDecoder().decode((await page.getArtifact(record.artifacts[1]!.id))?.bytes)).toBe('segment 2');
    // …and the next unlock re-seals it all with the data key.
    await page.unlock({ sessionKey });
    for (const store of ['records', 'artifacts', 'custody', 'staging']) {
      expect((await rawGetAll<{ k?: string }>(name, store)).every((r) => r.k === 'dk')).toBe(true);
    }
    expect(await page.verify()).toMatchObject({ ok: true, records: 1, artifacts: 2 });
  });
});

describe('encryption at rest: writes prepared outside their transaction', () => {
  it('a staging write prepared from a header that changed before its transaction aborts (StaleKeyringError), writing nothing', async () => {
    const name = freshDbName();
    const vault = await newVault(name); // unencrypted: the same check guards sealed and plaintext headers
    await vault.stageBegin('s', {});
    const storage = await openStorage(name);
    try {
      const lookup = () => {
        throw new Error('a plaintext row needs no key');
      };
      const attempt = storage.stagingAdd('s', ['late'], lookup, { rev: 0 }, async ({ header }) => {
        // Another write lands on the session while this one is being sealed.
        await vault.stage('s', { items: [{ key: 'first', sort: '1', value: 1 }] });
        return { header: { ...header, rev: (header.rev ?? 0) + 1 }, items: [], session: { id: 's', startedAt: '', updatedAt: '', meta: {}, files: [], items: 0 } };
      });
      await expect(attempt).rejects.toBeInstanceOf(StaleKeyringError);
      expect(await vault.stagingSession('s')).toMatchObject({ items: 1 });
    } finally {
      storage.close();
    }
  });
});

describe('encryption at rest: conversion in place', () => {
  it('an interrupted conversion leaves every record readable; resumeConversion finishes; progress is reported', async () => {
    const name = freshDbName();
    const seed = await newVault(name);
    const records = await fill(seed, 12);
    await seed.deleteRecord(records[3]!.id, 'mistake');
    await seed.stageBegin('s', { m: 1 });
    await seed.stage('s', { items: [{ key: 'a', sort: '1', value: 'staged a' }], file: { n: 1, bytes: bytes('staged file') } });
    const expected = await seed.list({ includeDeleted: true });
    const custody = await seed.custodyLog();
    seed.close();

    let batches = 0;
    const crashing = await newVault(name, {
      conversionBatchBytes: 2000,
      afterConversionBatch: () => {
        batches += 1;
        if (batches === 3) throw new Error('service worker killed');
      },
    });
    const { sessionKey } = await crashing.enableEncryption(PASS).catch(async (e: unknown) => {
      expect(String(e)).toMatch(/service worker killed/);
      // The person had the key in this session; a new context picks it up after the "restart".
      return { sessionKey: undefined };
    });
    expect(sessionKey).toBeUndefined();
    const rawRecords = await rawGetAll<{ k?: string }>(name, 'records');
    expect(rawRecords.some((r) => r.k === 'dk')).toBe(true);
    expect(rawRecords.some((r) => r.k === undefined)).toBe(true);
    crashing.close();

    const restarted = await newVault(name);
    const state = await restarted.lockState();
    expect(state).toMatchObject({ encrypted: true, locked: true, converting: { to: 'encrypted' } });
    expect(state.converting!.done).toBeGreaterThan(0);
    expect(state.converting!.done).toBeLessThan(state.converting!.total);
    await expect(restarted.resumeConversion()).rejects.toMatchObject({ code: 'locked' });
    await restarted.unlock({ passphrase: PASS });
    // Mixed state: every record reads back exactly.
    expect(await restarted.list({ includeDeleted: true })).toEqual(expected);
    const seen: number[] = [];
    await restarted.resumeConversion((p) => seen.push(p.done));
    expect(seen.length).toBeGreaterThan(0);
    expect(await restarted.lockState()).toEqual({ encrypted: true, locked: false, lockedCaptures: 0 });
    for (const store of ['records', 'artifacts', 'custody', 'staging']) {
      expect((await rawGetAll<{ k?: string }>(name, store)).every((r) => r.k === 'dk')).toBe(true);
    }
    expect(await restarted.list({ includeDeleted: true })).toEqual(expected);
    expect(await restarted.custodyLog()).toEqual(custody);
    expect(await restarted.stagedItems('s', ['a'])).toEqual(['staged a']);
    expect(await restarted.verify()).toMatchObject({ ok: true, records: 12, deleted: 1 });
    // The staged part became sealed as an artifact-to-be: it still moves into a record.
    const rec = await restarted.addRecord(sampleRecord(), [{ role: 'segment', mediaType: 'image/png', filename: 'f.png', staged: 1 }], { staging: 's' });
    expect(new TextDecoder().decode((await restarted.getArtifact(rec.artifacts[0]!.id))?.bytes)).toBe('staged file');
  });

  it('a row written in the old form behind the conversion’s position is caught by the final count and converted too', async () => {
    const name = freshDbName();
    let saved: EvidenceRecord | undefined;
    let vault: VaultImpl | undefined;
    const stores: string[] = [];
    vault = await newVault(name, {
      conversionBatchBytes: 1,
      afterConversionBatch: async () => {
        // Once the artifacts store was gone through, a capture saves a part staged before encryption (still
        // plaintext, and a transaction cannot seal): its artifact row lands in plaintext behind the position.
        const ring = await rawGet<{ converting?: { store: number } }>(name, 'keys', 'keyring');
        stores.push(String(ring.converting?.store));
        if (!saved && (ring.converting?.store ?? 0) >= 2 && vault) {
          saved = await vault.addRecord(sampleRecord({ text: 'saved mid-conversion' }), [{ role: 'segment', mediaType: 'image/png', filename: 'p.png', staged: 1 }], { staging: 'early' });
        }
      },
    });
    await fill(vault, 3);
    await vault.stageBegin('early', {});
    await vault.stage('early', { file: { n: 1, bytes: bytes('staged before encryption') } });
    await vault.enableEncryption(PASS);
    expect(saved).toBeDefined();
    // The conversion went round again from the first store after its final count found the plaintext row.
    const end = stores.indexOf('4');
    expect(end).toBeGreaterThan(0);
    expect(stores.slice(end + 1).some((st) => Number(st) < 4)).toBe(true);
    for (const store of ['records', 'artifacts', 'custody', 'staging']) {
      expect((await rawGetAll<{ k?: string }>(name, store)).every((r) => r.k === 'dk')).toBe(true);
    }
    expect(new TextDecoder().decode((await vault.getArtifact(saved!.artifacts[0]!.id))?.bytes)).toBe('staged before encryption');
    expect(await vault.verify()).toMatchObject({ ok: true, records: 4, artifacts: 4 });
  });

  it('disableEncryption decrypts in place (also what was captured locked elsewhere) and removes the keys', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    const records = await fill(vault, 4);
    await vault.enableEncryption(PASS);
    const locked = await newVault(name);
    const lockedRecord = await locked.addRecord(sampleRecord({ text: 'locked elsewhere' }), [sampleArtifact('x')]);
    await expect(vault.disableEncryption({ passphrase: 'nope' })).rejects.toMatchObject({ code: 'wrong-secret' });
    await vault.disableEncryption({ passphrase: PASS });
    expect(await vault.lockState()).toEqual({ encrypted: false, locked: false, lockedCaptures: 0 });
    expect(await rawGetAll(name, 'keys')).toEqual([]);
    for (const store of ['records', 'artifacts', 'custody']) {
      expect((await rawGetAll<{ k?: string }>(name, store)).every((r) => r.k === undefined)).toBe(true);
    }
    for (const r of records) expect(await vault.get(r.id)).toEqual(r);
    expect(await vault.get(lockedRecord.id)).toEqual(lockedRecord);
    expect((await vault.listByAuthorKey('x:@person1')).map((r) => r.id)).toEqual([records[1]!.id]);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5 });
    // The other context notices the vault is plain again: it writes plaintext.
    const after = await locked.addRecord(sampleRecord(), []);
    expect((await rawGet<{ k?: string }>(name, 'records', after.id)).k).toBeUndefined();
  });
});

describe('encryption at rest: what is stored', () => {
  it('raw dump: the marker text, handle, URL and image bytes appear nowhere in plaintext in any store', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    const marker = `MARKER-${globalThis.crypto.randomUUID()}`;
    const handle = `handle_${globalThis.crypto.randomUUID().slice(0, 8)}`;
    const url = `https://x.com/${handle}/status/918273645`;
    const image = globalThis.crypto.getRandomValues(new Uint8Array(4096));
    image.set(bytes('\x89PNG\r\n'), 0);
    const record = sampleRecord({ text: `${marker} in text`, pageUrl: url, permalink: url, author: { handle, displayName: marker } });
    // Some captured before encryption is turned on (converted in place), some after, some locked, some staged.
    const first = await vault.addRecord(record, [{ role: 'screenshot', mediaType: 'image/png', filename: `${handle}.png`, bytes: image }]);
    await vault.logCustody('exported', undefined, `export for ${handle}`);
    // Reports (issue #14): one made before encryption (converted in place), one after.
    const report = { platform: 'x', recordIds: [first.id], permalinks: [url], account: `x:@${handle}`, origin: 'item', reportedAt: '2026-03-01T00:00:00Z', reference: marker, notes: `${marker} report` } as const;
    await vault.addReport({ ...report, recordIds: [first.id], permalinks: [url] });
    await vault.enableEncryption(PASS);
    await vault.addReport({ ...report, recordIds: [first.id], permalinks: [url], abuse: 'threats' });
    const saved = await vault.addRecord(record, [{ role: 'screenshot', mediaType: 'image/png', filename: `${handle}.png`, bytes: image }]);
    // The case file (issue #13): a person, an account, a note, a journal entry and an added file, all sealed.
    const person = await vault.savePerson({ name: marker, notes: `${marker} notes` });
    await vault.assignAccount(person.id, { platform: 'x', handle, keys: [`x:@${handle}`] });
    await vault.addIdentifier(person.id, { type: 'phone', value: `${marker}-phone` });
    await vault.addNote(saved.id, `${marker} note`);
    const tool = { version: '0.1.0', browser: 'test', userAgent: 'vitest' };
    await vault.addJournalEntry({ when: { precision: 'unknown' }, kind: 'call', text: `${marker} journal`, where: url, personId: person.id, links: [saved.id] }, tool);
    await vault.addFile({ name: `${handle}.png`, type: 'image/png', size: image.byteLength, stream: () => new Blob([image]).stream() }, tool);
    vault.lock();
    await vault.addRecord(record, [{ role: 'screenshot', mediaType: 'image/png', filename: `${handle}.png`, bytes: image }]);
    await vault.stageBegin('thread-1', { url, handle });
    await vault.stage('thread-1', { items: [{ key: 'm1', sort: '2026-01-01', value: { text: marker, author: handle } }], file: { n: 1, bytes: image } });

    const checkDump = async () => {
      const dump = await rawDump(name);
      expect(dump.stores.sort()).toEqual(['artifacts', 'chunks', 'custody', 'keys', 'meta', 'notes', 'people', 'records', 'reports', 'staging', 'summaries']);
      for (const needle of [marker, handle, url, 'x.com', 'You will regret']) expect(dump.text).not.toContain(needle);
      const imageHead = image.subarray(0, 64);
      for (const blob of dump.blobs) expect(containsBytes(blob, imageHead)).toBe(false);
    };
    await checkDump();
    await vault.unlock({ passphrase: PASS }); // re-seals the locked captures with the data key
    vault.lock();
    await checkDump();
    await vault.unlock({ passphrase: PASS });
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5, artifacts: 4 });
    expect((await vault.summaries()).map((s) => s.kind)).toEqual(['post', 'added-file', 'journal-entry', 'post', 'post']);
    expect((await vault.people())[0]?.name).toBe(marker);
  });

  it('export-facing reads return exactly what an unencrypted vault returns', async () => {
    const plainName = freshDbName();
    const encName = freshDbName();
    const plain = await newVault(plainName);
    const enc = await newVault(encName);
    await enc.enableEncryption(PASS);
    const id = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    const at = (r: EvidenceRecord) => r.capturedAt;
    for (const v of [plain, enc]) {
      for (let i = 0; i < 3; i++) await v.addRecord(sampleRecord({ id: id(i), text: `same ${i}` }), [sampleArtifact(`same pixels ${i}`)]);
      await v.deleteRecord(id(1), 'reason');
    }
    const [pl, en] = [await plain.list({ includeDeleted: true }), await enc.list({ includeDeleted: true })];
    // Ids, content and tombstones match; artifact ids and times are random per vault, so compare the rest.
    const strip = (r: EvidenceRecord) => ({ ...r, artifacts: r.artifacts.map(({ id: _i, ...rest }) => rest), chain: undefined, deleted: r.deleted && { reason: r.deleted.reason } });
    expect(en.map(strip)).toEqual(pl.map(strip));
    expect(en.map(at)).toEqual(pl.map(at));
    for (const r of en) expect(await enc.get(r.id)).toEqual(r);
    for (const r of en.filter((x) => !x.deleted)) {
      const a = await enc.getArtifact(r.artifacts[0]!.id);
      const p = await plain.getArtifact(pl.find((x) => x.id === r.id)!.artifacts[0]!.id);
      expect(a?.bytes).toEqual(p?.bytes);
      expect({ ...a?.ref, id: '' }).toEqual({ ...p?.ref, id: '' });
    }
    expect((await enc.custodyLog()).map((e) => [e.seq, e.action, e.recordId, e.detail?.replace(/ [0-9a-f]{64}$/, '')])).toEqual(
      (await plain.custodyLog()).map((e) => [e.seq, e.action, e.recordId, e.detail?.replace(/ [0-9a-f]{64}$/, '')]),
    );
    expect(await enc.verify()).toMatchObject({ ok: true, records: 3, deleted: 1 });
    expect(await enc.count()).toBe(2);
    expect((await enc.listByAuthorKey('x:@someone')).map((r) => r.id)).toEqual([id(0), id(2)]);
  });

  it('sealed blobs swapped between two rows do not open: a plain VaultError, and verify names the file', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await vault.enableEncryption(PASS);
    const a = await vault.addRecord(sampleRecord({ text: 'record a' }), [sampleArtifact('pixels a')]);
    const b = await vault.addRecord(sampleRecord({ text: 'record b' }), [sampleArtifact('pixels b')]);
    const [ra, rb] = [await rawGet<{ s: Uint8Array }>(name, 'records', a.id), await rawGet<{ s: Uint8Array }>(name, 'records', b.id)];
    await rawEdit(name, 'records', (s) => s.put({ ...ra, s: rb.s }));
    const error = await vault.get(a.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'tampered', message: expect.stringMatching(/Record #1 .* does not open with this vault’s key: its sealed data was changed or moved outside Holdfast/) });
    // verify() reports it (and goes on) instead of failing.
    const swapped = await vault.verify();
    expect(swapped.ok).toBe(false);
    expect(swapped.problems).toContainEqual(expect.objectContaining({ code: 'record-hash', seq: 1, recordId: a.id, message: expect.stringMatching(/does not open/) }));
    await rawEdit(name, 'records', (s) => s.put(ra));
    expect(await vault.verify()).toMatchObject({ ok: true });

    const [fa, fb] = [await rawGet<{ b: Uint8Array }>(name, 'artifacts', a.artifacts[0]!.id), await rawGet<{ b: Uint8Array }>(name, 'artifacts', b.artifacts[0]!.id)];
    await rawEdit(name, 'artifacts', (s) => s.put({ ...fa, b: fb.b }));
    await expect(vault.getArtifact(a.artifacts[0]!.id)).rejects.toMatchObject({ code: 'tampered' });
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'artifact-hash', artifactId: a.artifacts[0]!.id, message: expect.stringMatching(/screenshot\.png.*does not open/) })]);

    const [ca, cb] = [await rawGet<{ s: Uint8Array }>(name, 'custody', 1), await rawGet<{ s: Uint8Array }>(name, 'custody', 2)];
    await rawEdit(name, 'custody', (s) => s.put({ ...ca, s: cb.s }));
    await expect(vault.custodyLog()).rejects.toMatchObject({ code: 'tampered', message: expect.stringMatching(/Custody log entry #1/) });
    expect((await vault.verify()).problems).toContainEqual(expect.objectContaining({ code: 'custody-break', seq: 1, message: expect.stringMatching(/Custody log entry #1 does not open/) }));
  });
});
