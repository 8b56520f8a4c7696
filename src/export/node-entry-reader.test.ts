/** The Node verifier's direct file reads give the same verdicts as zip.js, and refuse what zip.js refuses. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDbName } from '../vault/test-support';
import { openVault } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES } from './format';
import { openNodeEntryReader } from './node-entry-reader';
import { memorySink, seedVault, tamper } from './test-support';
import { type BundleReport, EntryLimitError, type RawEntry, verifyBundle } from './verify';
import { verifyFile } from './verify-cli';

let dir: string;
let bundle: Uint8Array;
let encrypted: Uint8Array;
const enc = new TextEncoder();
const codes = (r: BundleReport) => [...new Set(r.problems.map((p) => p.code))].sort();
const SHOT_1 = 'artifacts/2026-11-20_x_alice_harasser_post_0001/screenshot.png';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'holdfast-raw-'));
  const vault = await openVault(freshDbName('raw'));
  await seedVault(vault);
  const plain = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, plain.sink);
  bundle = plain.bytes();
  const locked = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', password: 'pw' }, locked.sink);
  encrypted = locked.bytes();
  vault.close();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function save(bytes: Uint8Array): string {
  const path = join(dir, `b${n++}.zip`);
  writeFileSync(path, bytes);
  return path;
}

/** Both readers' verdicts, with the check dates left out. */
async function both(bytes: Uint8Array, password?: string) {
  const viaZipJs = await verifyBundle(bytes, password ? { password } : {});
  const direct = await verifyFile(save(bytes), password ? { password } : {});
  const strip = ({ checkedAt: _, ...rest }: BundleReport) => rest;
  expect(strip(direct)).toEqual(strip(viaZipJs));
  return direct;
}

describe('verifyFile (direct reads) against verifyBundle (zip.js)', () => {
  it('reads stored and deflated files directly and passes an intact bundle', async () => {
    const reader = await openNodeEntryReader(save(bundle));
    const methods: number[] = [];
    const names = new Set<string>();
    const report = await verifyBundle(bundle, {
      rawReader: (entry, onChunk) => {
        methods.push(entry.compressionMethod);
        names.add(entry.filename);
        return reader.read(entry, onChunk);
      },
    });
    await reader.close();
    expect(report.ok).toBe(true);
    // Every file read directly (captured pages twice: hashed, then their inert copies recomputed).
    expect(names.size).toBe(report.files);
    expect(new Set(methods)).toEqual(new Set([0, 8]));
    expect((await both(bundle)).ok).toBe(true);
  });

  it('gives the same verdict for tampered, damaged and encrypted bundles', async () => {
    const changed = await tamper(bundle, (files) => {
      const shot = files.get(SHOT_1)!.slice();
      shot[10]! ^= 1;
      files.set(SHOT_1, shot);
      files.delete(FILES.csv);
      files.set('artifacts/extra.txt', enc.encode('added'));
    });
    expect(codes(await both(changed))).toEqual(['artifact-hash', 'file-added', 'file-changed', 'file-missing']);

    const damagedShot = bundle.slice();
    damagedShot[Buffer.from(damagedShot).indexOf('screenshot.png') + 300]! ^= 0xff;
    const shot = await both(damagedShot);
    expect(codes(shot)).toEqual(['file-corrupt']);
    expect(shot.changed).toEqual([SHOT_1]);

    const damagedManifest = bundle.slice();
    damagedManifest[Buffer.from(damagedManifest).indexOf(FILES.manifest) + 300]! ^= 0xff;
    const manifest = await verifyFile(save(damagedManifest));
    expect(manifest).toMatchObject({ ok: false, fatal: true });
    expect(['manifest-invalid', 'too-large']).toContain(codes(manifest)[0]);

    expect((await both(encrypted, 'pw')).ok).toBe(true);
    expect(codes(await both(encrypted, 'wrong'))).toEqual(['password-wrong']);
    expect(codes(await both(bundle.subarray(0, bundle.length >> 1)))).toEqual(['unreadable']);
  });
});

describe('the direct entry reader', () => {
  const text = enc.encode('evidence '.repeat(5000));
  const deflated = deflateRawSync(text);
  const read = async (bytes: Uint8Array, entry: Partial<RawEntry>) => {
    const reader = await openNodeEntryReader(save(bytes));
    const chunks: Uint8Array[] = [];
    try {
      await reader.read(
        {
          filename: 'f.txt',
          compressionMethod: 8,
          dataOffset: 0,
          compressedSize: bytes.length,
          uncompressedSize: text.length,
          crc32: crc32(text),
          limit: text.length,
          ...entry,
        },
        (c) => chunks.push(c.slice()),
      );
    } finally {
      await reader.close();
    }
    return Buffer.concat(chunks);
  };

  it('inflates and unstores exactly the bytes', async () => {
    expect(Buffer.compare(await read(deflated, {}), Buffer.from(text))).toBe(0);
    const padded = Buffer.concat([Buffer.from('head'), Buffer.from(text)]);
    expect(Buffer.compare(await read(padded, { compressionMethod: 0, dataOffset: 4, compressedSize: text.length }), Buffer.from(text))).toBe(0);
  });

  it('stops at the limit, and refuses another size, a wrong CRC-32 and truncated data', async () => {
    await expect(read(deflated, { limit: 1000 })).rejects.toBeInstanceOf(EntryLimitError);
    await expect(read(deflated, { uncompressedSize: text.length + 1, limit: text.length + 1 })).rejects.toBeInstanceOf(EntryLimitError);
    await expect(read(deflated, { crc32: (crc32(text) + 1) >>> 0 })).rejects.toThrow(/CRC32/);
    await expect(read(deflated.subarray(0, deflated.length - 3), {})).rejects.toThrow();
    await expect(read(text, { compressionMethod: 0, compressedSize: text.length + 10 })).rejects.toThrow(/truncated/);
  });
});
