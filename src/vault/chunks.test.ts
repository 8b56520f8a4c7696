/**
 * Large artifacts stored in chunks (issue #12: "a single file of up to 2 GB is read whole into memory … stream the
 * second"): import through a stream in bounded memory, checked before the record is committed, tampering with the
 * chunks found on reading and by verify(), deletion and clean-up of chunks.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactRef, EvidenceRecord } from '../model/evidence';
import { createSha256 } from '../model/sha256';
import { VaultError, type VaultErrorCode } from './api';
import { computeRecordHash } from './hashing';
import { freshDbName, rawEdit, rawGet, rawGetAll, sampleRecord } from './test-support';
import { openVault, type VaultImpl, type VaultOptions } from './vault';

const MB = 1024 * 1024;
const CHUNK = 8 * MB;
const SIZE = 40 * MB;
/** Pieces the stream hands over, about what a ZIP reader gives. */
const PIECE = 256 * 1024;

setFlagsFromString('--expose-gc');
// Freed ArrayBuffers leave the count during the GC, not later on a background thread (stable figures under load).
setFlagsFromString('--no-concurrent-array-buffer-sweeping');
const fullGc = runInNewContext('gc') as (options?: { type: 'major'; execution: 'sync' }) => void;
/** A full, synchronous GC (so freed ArrayBuffers are out of the count when it returns). */
const gc = () => fullGc({ type: 'major', execution: 'sync' });

const opened: VaultImpl[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

async function vaultAt(name: string, options: VaultOptions = {}): Promise<VaultImpl> {
  const v = await openVault(name, { kdfTargetMs: 0, chunkBytes: CHUNK, ...options });
  opened.push(v);
  return v;
}

/** Byte `i` of the test file: a cheap pattern that differs per chunk and per position. */
function fill(piece: Uint8Array, offset: number): void {
  for (let j = 0; j < piece.byteLength; j++) {
    const i = offset + j;
    piece[j] = (Math.imul(i, 2654435761) >>> 24) ^ (i >>> 20);
  }
}

/** The test file's size and hash, computed a piece at a time (never whole). */
function describeFile(size: number, tweak?: (piece: Uint8Array, offset: number) => void): { size: number; sha256: string } {
  const hasher = createSha256();
  const piece = new Uint8Array(PIECE);
  for (let offset = 0; offset < size; offset += PIECE) {
    const n = Math.min(PIECE, size - offset);
    fill(piece.subarray(0, n), offset);
    tweak?.(piece.subarray(0, n), offset);
    hasher.update(piece.subarray(0, n));
  }
  return { size, sha256: hasher.digestHex() };
}

const FILE = describeFile(SIZE);

interface Probe {
  /**
   * Peak of (process.memoryUsage().arrayBuffers − baseline − bytes fake-indexeddb holds for the chunks), after a full
   * GC, per sample.
   */
  peakExtra: number;
  /**
   * The same over `external`, which also counts buffers Node's WebCrypto returns (AES-GCM ciphertext is not in
   * `arrayBuffers` until copied).
   */
  peakExternal: number;
  sample(): void;
}

/** Counts bytes put into the chunks store (fake-indexeddb keeps them in this process's memory). */
async function probeMemory(): Promise<Probe & { restore(): void }> {
  const proto = globalThis.IDBObjectStore.prototype;
  const { add, put } = proto;
  let stored = 0;
  const count = (store: IDBObjectStore, value: unknown) => {
    if (store.name !== 'chunks') return;
    const row = value as { bytes?: Uint8Array; b?: Uint8Array };
    stored += (row.bytes ?? row.b)?.byteLength ?? 0;
  };
  // Sampled as a chunk is handed to IndexedDB too: the moment its plaintext and sealed copies both live.
  proto.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === 'chunks') probe.sample();
    count(this, value);
    return add.call(this, value, key);
  };
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === 'chunks') probe.sample();
    count(this, value);
    return put.call(this, value, key);
  };
  // External memory (WebCrypto's buffers) of earlier tests is released by finalizers after a GC: let them run first.
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const baseline = process.memoryUsage();
  const probe = {
    peakExtra: 0,
    peakExternal: 0,
    sample() {
      gc();
      const now = process.memoryUsage();
      probe.peakExtra = Math.max(probe.peakExtra, now.arrayBuffers - baseline.arrayBuffers - stored);
      probe.peakExternal = Math.max(probe.peakExternal, now.external - baseline.external - stored);
    },
    restore() {
      proto.add = add;
      proto.put = put;
    },
  };
  return probe;
}

/** The test file as a pull stream of small pieces, generated as they are asked for; `tweak` may change them. */
function fileStream(
  size = SIZE,
  options: { probe?: Probe; tweak?: (piece: Uint8Array, offset: number) => void; stallAt?: number; stall?: Promise<void>; onStall?: () => void } = {},
): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        options.probe?.sample();
        if (options.stallAt !== undefined && offset >= options.stallAt && options.stall) {
          options.onStall?.();
          await options.stall;
          options.stall = undefined;
        }
        if (offset >= size) {
          controller.close();
          return;
        }
        const piece = new Uint8Array(Math.min(PIECE, size - offset));
        fill(piece, offset);
        options.tweak?.(piece, offset);
        offset += piece.byteLength;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A record carrying one large file described by `file`, with its own valid hash (as an export gives it). */
async function largeRecord(file = FILE, id = globalThis.crypto.randomUUID()): Promise<{ record: EvidenceRecord; ref: ArtifactRef }> {
  const ref: ArtifactRef = { id: globalThis.crypto.randomUUID(), role: 'import', mediaType: 'video/mp4', filename: 'clip.mp4', sha256: file.sha256, size: file.size };
  const record: EvidenceRecord = {
    ...sampleRecord(),
    id,
    seq: 1,
    artifacts: [ref],
    chain: { prevHash: '0'.repeat(64), recordHash: '' },
  } as EvidenceRecord;
  record.chain.recordHash = await computeRecordHash(record);
  return { record, ref };
}

async function sha256OfStream(stream: ReadableStream<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const hasher = createSha256();
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    size += value.byteLength;
  }
  return { sha256: hasher.digestHex(), size };
}

async function expectVaultError(promise: Promise<unknown>, code: VaultErrorCode): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected VaultError '${code}'`).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

type RawChunk = { aid: string; i: number; last?: true; k?: string; bytes?: Uint8Array; iv?: Uint8Array; b?: Uint8Array };
const chunkKeys = async (name: string) => (await rawGetAll<RawChunk>(name, 'chunks')).map((c) => [c.aid, c.i, c.last === true, c.k]);
const uploadMarkers = async (name: string) => (await rawGetAll<unknown>(name, 'meta')).filter((v) => typeof v === 'number' && v > 1e12);

/** Imports the 40 MB file through a stream and returns the peak extra memory measured while it ran. */
async function importLarge(name: string, v: VaultImpl): Promise<{ record: EvidenceRecord; ref: ArtifactRef; peakExtra: number; peakExternal: number }> {
  const { record, ref } = await largeRecord();
  const probe = await probeMemory();
  try {
    await v.importRecord(record, [{ ref, stream: fileStream(SIZE, { probe }) }], 'big.zip');
    probe.sample();
  } finally {
    probe.restore();
  }
  expect(await v.get(record.id)).toEqual(record);
  expect((await chunkKeys(name)).map((k) => k.slice(0, 3))).toEqual([0, 1, 2, 3, 4].map((i) => [ref.id, i, i === 4]));
  return { record, ref, peakExtra: probe.peakExtra, peakExternal: probe.peakExternal };
}

describe('large artifacts in chunks', () => {
  it('imports a 40 MB file through a stream in 8 MB chunks, unencrypted, in bounded memory', async () => {
    const name = freshDbName('chunks');
    const v = await vaultAt(name);
    const { ref, peakExtra, peakExternal } = await importLarge(name, v);
    console.log(`[chunks] 40 MB import, unencrypted: peak extra memory ${(peakExtra / MB).toFixed(1)} MB (arrayBuffers), ${(peakExternal / MB).toFixed(1)} MB (external); chunk ${CHUNK / MB} MB`);
    // The probe does see the chunk in hand (so the bound below means something); never the whole file.
    expect(peakExtra).toBeGreaterThan(0.9 * CHUNK);
    expect(peakExtra).toBeLessThan(1.5 * CHUNK);
    expect(peakExternal).toBeLessThan(1.5 * CHUNK);
    // Plaintext chunk rows, 8 MB each, the last one marked; the artifact row holds no bytes.
    const rows = await rawGetAll<RawChunk>(name, 'chunks');
    expect(rows.map((r) => r.bytes?.byteLength)).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, CHUNK]);
    expect(await rawGet(name, 'artifacts', ref.id)).toEqual({ ref, recordId: expect.any(String), chunks: 5 });
    expect(await uploadMarkers(name)).toEqual([]);
    // Read back: streamed, whole, and verified.
    const reader = await v.readArtifact(ref.id);
    expect(reader).toMatchObject({ ref, chunked: true });
    expect(await sha256OfStream(reader!.stream())).toEqual({ sha256: ref.sha256, size: SIZE });
    const whole = await v.getArtifact(ref.id);
    expect(whole?.bytes.byteLength).toBe(SIZE);
    expect(await sha256OfStream(new Blob([whole!.bytes as BlobPart]).stream())).toEqual({ sha256: ref.sha256, size: SIZE });
    expect(await v.verify()).toMatchObject({ ok: true, records: 1, artifacts: 1 });
  });

  it('imports a 40 MB file through a stream in 8 MB chunks, encrypted: each chunk sealed, nothing in plaintext', async () => {
    const name = freshDbName('chunks-enc');
    const v = await vaultAt(name);
    await v.enableEncryption('correct horse battery');
    const { ref, record, peakExtra, peakExternal } = await importLarge(name, v);
    console.log(`[chunks] 40 MB import, encrypted: peak extra memory ${(peakExtra / MB).toFixed(1)} MB (arrayBuffers), ${(peakExternal / MB).toFixed(1)} MB (external, with the ciphertext WebCrypto returns); chunk ${CHUNK / MB} MB`);
    expect(peakExtra).toBeLessThan(1.5 * CHUNK);
    expect(peakExtra).toBeGreaterThan(0.9 * CHUNK);
    // At most the plaintext chunk and its ciphertext: two chunks, whatever the file's size.
    expect(peakExternal).toBeLessThan(2.5 * CHUNK);
    const rows = await rawGetAll<RawChunk>(name, 'chunks');
    expect(rows.map((r) => [r.k, r.bytes, r.iv?.byteLength, r.b?.byteLength])).toEqual(rows.map(() => ['dk', undefined, 12, CHUNK + 16]));
    // The first bytes of the file appear in no sealed chunk.
    const head = new Uint8Array(32);
    fill(head, 0);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    for (const row of rows) expect(hex(row.b!).includes(hex(head))).toBe(false);
    const artifactRow = await rawGet<Record<string, unknown>>(name, 'artifacts', ref.id);
    expect(Object.keys(artifactRow).sort()).toEqual(['chunks', 'k', 'm', 'recordId', 'ref']);
    expect(artifactRow.ref).toEqual({ id: ref.id });
    expect(await sha256OfStream((await v.readArtifact(ref.id))!.stream())).toEqual({ sha256: ref.sha256, size: SIZE });
    expect(await v.verify()).toMatchObject({ ok: true, artifacts: 1 });
    // Locked: nothing reads.
    v.lock();
    await expectVaultError(v.readArtifact(ref.id), 'locked');
    expect(record.id).toBeTruthy();
  });

  it('a file that does not match its hash or size: refused before the record, nothing stored, no chunk left', async () => {
    const name = freshDbName('chunks-bad');
    const v = await vaultAt(name);
    const { record, ref } = await largeRecord();
    // One byte changed in the 4th chunk: found only at the end, after chunks were written.
    const changed = fileStream(SIZE, {
      tweak: (p, offset) => {
        if (offset === 3 * CHUNK) p[0] = (p[0]! + 1) & 0xff;
      },
    });
    const error = await expectVaultError(v.importRecord(record, [{ ref, stream: changed }]), 'invalid');
    expect(error.message).toContain('does not match its hash');
    // Too many bytes, too few bytes.
    await expectVaultError(v.importRecord(record, [{ ref, stream: fileStream(SIZE + 1) }]), 'invalid');
    await expectVaultError(v.importRecord(record, [{ ref, stream: fileStream(SIZE - CHUNK - 5) }]), 'invalid');
    // A stream that fails half way.
    let n = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        n += 1;
        if (n > 100) controller.error(new Error('disk unplugged'));
        else controller.enqueue(new Uint8Array(PIECE));
      },
    });
    await expect(v.importRecord(record, [{ ref, stream: failing }])).rejects.toThrow('disk unplugged');
    expect(await v.count()).toBe(0);
    expect(await rawGetAll(name, 'records')).toEqual([]);
    expect(await rawGetAll(name, 'artifacts')).toEqual([]);
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect(await uploadMarkers(name)).toEqual([]);
    expect(await v.custodyLog()).toEqual([]);
    // The right bytes are then imported.
    await v.importRecord(record, [{ ref, stream: fileStream() }]);
    expect(await v.verify()).toMatchObject({ ok: true, artifacts: 1 });
  });

  it('a record refused before its files are read leaves its streams unread and cancelled', async () => {
    const v = await vaultAt(freshDbName('chunks-refused'));
    const { record, ref } = await largeRecord();
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1));
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const forged = { ...record, text: 'edited after capture' };
    await expectVaultError(v.importRecord(forged, [{ ref, stream }]), 'invalid');
    expect(pulled).toBe(0);
    expect(cancelled).toBe(true);
  });

  describe('tampering with the chunks in raw IndexedDB is found on reading and by verify()', () => {
    const setups = [
      { mode: 'unencrypted', encrypt: false },
      { mode: 'encrypted', encrypt: true },
    ];
    for (const { mode, encrypt } of setups) {
      const prepare = async () => {
        const name = freshDbName(`chunks-tamper-${mode}`);
        const v = await vaultAt(name);
        if (encrypt) await v.enableEncryption('correct horse battery');
        const { record, ref } = await largeRecord();
        await v.importRecord(record, [{ ref, stream: fileStream() }]);
        return { name, v, ref, record };
      };
      const expectTampered = async (v: VaultImpl, ref: ArtifactRef, what: RegExp) => {
        await expectVaultError(v.getArtifact(ref.id), 'tampered');
        const reader = await v.readArtifact(ref.id);
        await expect(sha256OfStream(reader!.stream())).rejects.toMatchObject({ code: 'tampered' });
        const report = await v.verify();
        expect(report.ok).toBe(false);
        expect(report.problems).toEqual([expect.objectContaining({ code: 'artifact-hash', artifactId: ref.id, message: expect.stringMatching(what) })]);
      };
      const swap = async (name: string, aid: string, a: number, b: number) => {
        const [x, y] = [await rawGet<RawChunk>(name, 'chunks', [aid, a]), await rawGet<RawChunk>(name, 'chunks', [aid, b])];
        const { aid: _x1, i: _x2, last: xl, ...xBody } = x;
        const { aid: _y1, i: _y2, last: yl, ...yBody } = y;
        await rawEdit(name, 'chunks', (s) => s.put({ aid, i: a, ...(xl && { last: xl }), ...yBody }));
        await rawEdit(name, 'chunks', (s) => s.put({ aid, i: b, ...(yl && { last: yl }), ...xBody }));
      };

      it(`${mode}: two chunks swapped`, async () => {
        const { name, v, ref } = await prepare();
        await swap(name, ref.id, 1, 2);
        await expectTampered(v, ref, encrypt ? /part 2 .*does not open/i : /does not match its hash/);
      });

      it(`${mode}: chunks reordered, the last one moved forward (with its last-chunk flag)`, async () => {
        const { name, v, ref } = await prepare();
        const last = await rawGet<RawChunk>(name, 'chunks', [ref.id, 4]);
        const first = await rawGet<RawChunk>(name, 'chunks', [ref.id, 0]);
        await rawEdit(name, 'chunks', (s) => s.put({ ...last, i: 0 }));
        await rawEdit(name, 'chunks', (s) => s.put({ ...first, i: 4 }));
        await expectTampered(v, ref, encrypt ? /part 1 .*does not open/i : /does not match its hash/);
      });

      it(`${mode}: truncated (the last chunk removed and the count lowered)`, async () => {
        const { name, v, ref } = await prepare();
        await rawEdit(name, 'chunks', (s) => s.delete([ref.id, 4]));
        const row = await rawGet<Record<string, unknown>>(name, 'artifacts', ref.id);
        await rawEdit(name, 'artifacts', (s) => s.put({ ...row, chunks: 4 }));
        await expectTampered(v, ref, encrypt ? /part 4 .*does not open/i : /holds \d+ bytes, but \d+ were captured/);
      });

      it(`${mode}: a chunk dropped`, async () => {
        const { name, v, ref } = await prepare();
        await rawEdit(name, 'chunks', (s) => s.delete([ref.id, 2]));
        await expectTampered(v, ref, /missing part 3 of 5/);
      });

      it(`${mode}: a chunk moved over from another artifact`, async () => {
        const { name, v, ref } = await prepare();
        const flip = (p: Uint8Array) => {
          for (let j = 0; j < p.byteLength; j++) p[j]! ^= 0x55;
        };
        const other = await largeRecord(describeFile(SIZE, flip));
        await v.importRecord(other.record, [{ ref: other.ref, stream: fileStream(SIZE, { tweak: flip }) }]); // re-linked as #2
        const foreign = await rawGet<RawChunk>(name, 'chunks', [other.ref.id, 1]);
        await rawEdit(name, 'chunks', (s) => s.put({ ...foreign, aid: ref.id, i: 1 }));
        await expectTampered(v, ref, encrypt ? /part 2 .*does not open/i : /does not match its hash/);
      });
    }
  });

  it('deleting the record deletes its chunks', async () => {
    const name = freshDbName('chunks-delete');
    const v = await vaultAt(name);
    const { record, ref } = await largeRecord();
    await v.importRecord(record, [{ ref, stream: fileStream() }]);
    expect(await rawGetAll(name, 'chunks')).toHaveLength(5);
    await v.deleteRecord(record.id, 'not needed');
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect(await rawGetAll(name, 'artifacts')).toEqual([]);
    expect(await v.getArtifact(ref.id)).toBeUndefined();
    expect(await v.verify()).toMatchObject({ ok: true, deleted: 1 });
  });

  it('an import cut short leaves no record; its orphan chunks are deleted at the next open (another context) and the stopped import then fails cleanly', async () => {
    const name = freshDbName('chunks-orphan');
    const v = await vaultAt(name);
    const { record, ref } = await largeRecord();
    let release!: () => void;
    const stall = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const stalled = new Promise<void>((resolve) => (reached = resolve));
    // The stream stalls after two chunks were written (as when the page is closed or the worker killed).
    const stream = fileStream(SIZE, { stallAt: 2 * CHUNK + PIECE, stall, onStall: reached });
    const importing = v.importRecord(record, [{ ref, stream }]);
    importing.catch(() => undefined);
    await stalled;
    expect(await chunkKeys(name)).toEqual([[ref.id, 0, false, undefined], [ref.id, 1, false, undefined]]);
    expect(await uploadMarkers(name)).toHaveLength(1);
    // Nothing visible: no record, the vault verifies.
    expect(await v.count()).toBe(0);
    expect(await v.verify()).toMatchObject({ ok: true, records: 0 });
    // A fresh upload is left alone by another context opening the vault...
    await vaultAt(name);
    expect(await rawGetAll(name, 'chunks')).toHaveLength(2);
    // ...an old one (here: any, orphanChunksAfterMs 0) is an import cut short: deleted.
    await vaultAt(name, { orphanChunksAfterMs: -1 });
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect(await uploadMarkers(name)).toEqual([]);
    // The stalled import goes on, finds its first chunks gone when it links them, and leaves nothing behind.
    release();
    await expectVaultError(importing, 'unknown');
    expect(await v.count()).toBe(0);
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    expect(await rawGetAll(name, 'artifacts')).toEqual([]);
  });

  it('orphan chunks are also deleted at the next import', async () => {
    const name = freshDbName('chunks-orphan-import');
    const v = await vaultAt(name, { orphanChunksAfterMs: 60_000 });
    // What a worker killed mid-import leaves: two chunks and an old upload marker.
    await rawEdit(name, 'chunks', (s) => s.put({ aid: 'lost', i: 0, bytes: new Uint8Array(10) }));
    await rawEdit(name, 'chunks', (s) => s.put({ aid: 'lost', i: 1, bytes: new Uint8Array(10) }));
    await rawEdit(name, 'meta', (s) => s.put(Date.now() - 120_000, 'upload:lost'));
    const { record, ref } = await largeRecord();
    await v.importRecord(record, [{ ref, stream: fileStream() }]);
    expect((await chunkKeys(name)).map((k) => k[0])).toEqual([ref.id, ref.id, ref.id, ref.id, ref.id]);
    expect(await uploadMarkers(name)).toEqual([]);
  });

  it('refuses a file whose id is already in the vault without touching that file', async () => {
    const name = freshDbName('chunks-conflict');
    const v = await vaultAt(name);
    const { record, ref } = await largeRecord();
    await v.importRecord(record, [{ ref, stream: fileStream() }]);
    const second = await largeRecord(FILE);
    const { record: other } = second;
    const crafted = { ...other, seq: 2, artifacts: [ref], chain: { prevHash: record.chain.recordHash, recordHash: '' } } as EvidenceRecord;
    crafted.chain.recordHash = await computeRecordHash(crafted);
    await expectVaultError(v.importRecord(crafted, [{ ref, stream: fileStream() }]), 'conflict');
    expect(await rawGetAll(name, 'chunks')).toHaveLength(5);
    expect(await v.verify()).toMatchObject({ ok: true, records: 1 });
  });

  it('turning encryption on seals the chunks in place, and turning it off opens them again', async () => {
    const name = freshDbName('chunks-convert');
    const v = await vaultAt(name);
    const { record, ref } = await largeRecord(describeFile(20 * MB + 3));
    await v.importRecord(record, [{ ref, stream: fileStream(20 * MB + 3) }]);
    await v.enableEncryption('correct horse battery');
    expect((await rawGetAll<RawChunk>(name, 'chunks')).map((c) => [c.k, c.bytes === undefined, c.last === true])).toEqual([
      ['dk', true, false],
      ['dk', true, false],
      ['dk', true, true],
    ]);
    expect(await v.verify()).toMatchObject({ ok: true, artifacts: 1 });
    await v.disableEncryption({ passphrase: 'correct horse battery' });
    expect((await rawGetAll<RawChunk>(name, 'chunks')).map((c) => [c.k, c.bytes?.byteLength])).toEqual([
      [undefined, CHUNK],
      [undefined, CHUNK],
      [undefined, 4 * MB + 3],
    ]);
    expect(await sha256OfStream((await v.readArtifact(ref.id))!.stream())).toEqual({ sha256: ref.sha256, size: 20 * MB + 3 });
    expect(await v.verify()).toMatchObject({ ok: true, artifacts: 1 });
  });

  it('a small streamed file (one chunk or less) is stored as one row, as before', async () => {
    const name = freshDbName('chunks-small');
    const v = await vaultAt(name);
    const file = describeFile(CHUNK);
    const { record, ref } = await largeRecord(file);
    await v.importRecord(record, [{ ref, stream: fileStream(CHUNK) }]);
    expect(await rawGetAll(name, 'chunks')).toEqual([]);
    const row = await rawGet<{ bytes: Uint8Array; chunks?: number }>(name, 'artifacts', ref.id);
    expect(row.bytes.byteLength).toBe(CHUNK);
    expect(row.chunks).toBeUndefined();
    expect(await v.readArtifact(ref.id)).toMatchObject({ chunked: false });
    expect(await v.verify()).toMatchObject({ ok: true, artifacts: 1 });
  });
});
