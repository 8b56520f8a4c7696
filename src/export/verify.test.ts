import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import { computeRecordHash, sha256Hex } from '../vault/hashing';
import { freshDbName, rawEdit, rawGet } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { type ExportOptions, exportBundle } from './bundle';
import { FILES, type Manifest } from './format';
import { createSha256 } from './sha256';
import { decode, memorySink, resign, seedVault, tamper } from './test-support';
import { type BundleReport, formatBundleReport, verifyBundle } from './verify';

let vault: VaultImpl;
let live: EvidenceRecord[];
let bundle: Uint8Array;
const enc = new TextEncoder();

async function exportBytes(v: VaultImpl, options: Partial<ExportOptions> = {}): Promise<Uint8Array> {
  const mem = memorySink();
  await exportBundle(v, { scope: { type: 'all' }, toolVersion: '0.1.0', ...options }, mem.sink);
  return mem.bytes();
}

const codes = (r: BundleReport) => [...new Set(r.problems.map((p) => p.code))].sort();
const SHOT_1 = 'artifacts/2026-11-20_x_alice_harasser_post_0001/screenshot.png';

/** Recomputes SHA256SUMS after an edit, as a careful forger would. */
async function resum(files: Map<string, Uint8Array>): Promise<void> {
  const lines: string[] = [];
  for (const [path, bytes] of files) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  files.set(FILES.sums, enc.encode(lines.join('')));
}

function editManifest(files: Map<string, Uint8Array>, edit: (m: Manifest) => void): void {
  const manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
  edit(manifest);
  files.set(FILES.manifest, enc.encode(JSON.stringify(manifest, null, 2)));
}

beforeAll(async () => {
  vault = await openVault(freshDbName('verify'));
  live = await seedVault(vault);
  bundle = await exportBytes(vault);
});
afterAll(() => vault?.close());

describe('verifyBundle on an intact bundle', () => {
  it('passes from bytes, a Blob and a stream, and counts what it checked', async () => {
    for (const source of [bundle, new Blob([bundle as BlobPart]), new Blob([bundle as BlobPart]).stream()]) {
      const report = await verifyBundle(source);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, fatal: false, records: 6, deleted: 1, artifacts: 15, files: 34, encrypted: false });
      expect(report.signature).toMatchObject({ status: 'signed', fingerprint: (await vault.signingIdentity())?.fingerprint });
      expect(report.missing).toEqual([]);
      expect(report.added).toEqual([]);
      expect(report.changed).toEqual([]);
    }
    expect(formatBundleReport(await verifyBundle(bundle))).toContain('RESULT: OK');
  });

  it('streams large files through the hasher it is given', async () => {
    let chunks = 0;
    const report = await verifyBundle(bundle, {
      hasher: () => {
        const h = createSha256();
        return {
          update: (c) => {
            chunks += 1;
            h.update(c);
          },
          digestHex: () => h.digestHex(),
        };
      },
    });
    expect(report.ok).toBe(true);
    expect(chunks).toBeGreaterThan(15);
  });
});

describe('verifyBundle names what was tampered with', () => {
  it('one byte of an artifact changed', async () => {
    const bad = await tamper(bundle, (files) => {
      const bytes = files.get(SHOT_1)!.slice();
      bytes[bytes.length - 20]! ^= 0x01;
      files.set(SHOT_1, bytes);
    });
    const report = await verifyBundle(bad);
    expect(report.ok).toBe(false);
    expect(report.changed).toEqual([SHOT_1]);
    expect(codes(report)).toEqual(['artifact-hash', 'file-changed']);
    const problem = report.problems.find((p) => p.code === 'artifact-hash')!;
    expect(problem).toMatchObject({ path: SHOT_1, seq: 1, recordId: live[0]!.id });
    expect(formatBundleReport(report)).toContain(`* ${SHOT_1}`);
  });

  it('an artifact changed and SHA256SUMS recomputed: the record still gives it away', async () => {
    const bad = await tamper(bundle, async (files) => {
      files.set(SHOT_1, enc.encode('a different picture'));
      await resum(files);
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['artifact-size']);
    expect(report.changed).toEqual([SHOT_1]);
  });

  it('a file dropped', async () => {
    const path = 'artifacts/2026-11-22_instagram_bob-b_comment_0003/content.json';
    const bad = await tamper(bundle, (files) => {
      files.delete(path);
      files.delete(FILES.reportPdf);
    });
    const report = await verifyBundle(bad);
    expect(report.missing).toEqual([path, FILES.reportPdf]);
    expect(codes(report)).toEqual(['artifact-missing', 'file-missing']);
    expect(report.problems.find((p) => p.code === 'artifact-missing')).toMatchObject({ seq: 3, path });
  });

  it('a file added, listed nowhere or only in SHA256SUMS', async () => {
    const bad = await tamper(bundle, (files) => {
      files.set('artifacts/2026-11-20_x_alice_harasser_post_0001/extra.png', enc.encode('planted'));
      files.set('notes.txt', enc.encode('hello'));
    });
    const report = await verifyBundle(bad);
    expect(report.added).toEqual(['artifacts/2026-11-20_x_alice_harasser_post_0001/extra.png', 'notes.txt']);
    expect(codes(report)).toEqual(['file-added']);
    const resummed = await verifyBundle(await tamper(bundle, async (files) => {
      files.set('notes.txt', enc.encode('hello'));
      await resum(files);
    }));
    expect(resummed.added).toEqual(['notes.txt']);
    expect(resummed.problems[0]?.message).toMatch(/manifest\.json does not know it/);
  });

  it('manifest records reordered (even with SHA256SUMS recomputed)', async () => {
    const bad = await tamper(bundle, async (files) => {
      editManifest(files, (m) => {
        const [a, b] = [m.records[1]!, m.records[2]!];
        m.records[1] = b;
        m.records[2] = a;
      });
      await resign(files, vault); // the vault's own key: only the check under test fails
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['record-order']);
    expect(report.problems[0]).toMatchObject({ seq: 2 });
    expect(report.problems[0]?.message).toMatch(/#2 comes after #3/);
  });

  it('the chain listing reordered', async () => {
    const bad = await tamper(bundle, async (files) => {
      editManifest(files, (m) => {
        m.chain.records.reverse();
      });
      await resign(files, vault); // the vault's own key: only the check under test fails
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['chain-break', 'head-mismatch']);
  });

  it('a record removed from the manifest and the chain', async () => {
    const bad = await tamper(bundle, async (files) => {
      editManifest(files, (m) => {
        m.records.splice(1, 1);
        m.chain.records.splice(1, 1);
      });
      await resum(files);
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toContain('chain-break');
    expect(report.problems.some((p) => p.seq === 3 && p.code === 'chain-break')).toBe(true);
  });

  it('a record text edited in the manifest', async () => {
    const bad = await tamper(bundle, async (files) => {
      editManifest(files, (m) => {
        m.records[0]!.record.text = 'something harmless';
      });
      await resign(files, vault); // the vault's own key: only the check under test fails
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['record-hash']);
    expect(report.problems[0]).toMatchObject({ seq: 1, recordId: live[0]!.id });
  });

  it('an edited record re-hashed and its successor re-linked still breaks the chain listing', async () => {
    const bad = await tamper(bundle, async (files) => {
      const manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
      const r = manifest.records[1]!.record;
      r.text = 'edited';
      r.chain.recordHash = await computeRecordHash(r);
      files.set(FILES.manifest, enc.encode(JSON.stringify(manifest)));
      await resign(files, vault); // the vault's own key: only the check under test fails
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['chain-break']);
    expect(report.problems[0]?.message).toMatch(/#2 .* does not match position #2 of the chain/);
  });

  it('a custody log entry changed or removed', async () => {
    const changed = await verifyBundle(
      await tamper(bundle, async (files) => {
        const lines = decode(files.get(FILES.custody)).split('\n');
        lines[0] = lines[0]!.replace('"captured"', '"viewed"');
        files.set(FILES.custody, enc.encode(lines.join('\n')));
        await resign(files, vault); // the vault's own key: only the check under test fails
      }),
    );
    expect(codes(changed)).toEqual(['custody-break']);
    expect(changed.problems[0]?.message).toMatch(/entry #1 \(viewed\) does not match its hash/);
    const removed = await verifyBundle(
      await tamper(bundle, async (files) => {
        const lines = decode(files.get(FILES.custody)).split('\n');
        lines.splice(2, 1);
        files.set(FILES.custody, enc.encode(lines.join('\n')));
        await resign(files, vault); // the vault's own key: only the check under test fails
      }),
    );
    expect(codes(removed)).toEqual(['custody-break']);
    expect(removed.problems.map((p) => p.message).join(' ')).toMatch(/entry #3 is missing/);
  });

  it('SHA256SUMS itself garbled', async () => {
    const report = await verifyBundle(
      await tamper(bundle, (files) => {
        files.set(FILES.sums, enc.encode(`${decode(files.get(FILES.sums))}not a line\n`));
      }),
    );
    expect(codes(report)).toEqual(['sums-invalid']);
  });

  it('a record edited in the vault before export', async () => {
    const name = freshDbName('verify-edit');
    const v = await openVault(name);
    try {
      const recs = await seedVault(v);
      const target = recs[1]!;
      const row = await rawGet<Record<string, unknown>>(name, 'records', target.id);
      await rawEdit(name, 'records', (s) => s.put({ ...row, text: 'softened after the fact' }));
      const report = await verifyBundle(await exportBytes(v));
      expect(report.ok).toBe(false);
      expect(codes(report)).toEqual(['record-hash']);
      expect(report.problems[0]).toMatchObject({ seq: target.seq, recordId: target.id });
      expect(report.problems[0]?.message).toContain(`#${target.seq}`);
    } finally {
      v.close();
    }
  });

  it('an artifact changed in the vault before export', async () => {
    const name = freshDbName('verify-art');
    const v = await openVault(name);
    try {
      const recs = await seedVault(v);
      const ref = recs[0]!.artifacts[1]!;
      const row = await rawGet<{ ref: unknown; recordId: string; bytes: Uint8Array }>(name, 'artifacts', ref.id);
      await rawEdit(name, 'artifacts', (s) => s.put({ ...row, bytes: enc.encode('<p>other</p>') }));
      const report = await verifyBundle(await exportBytes(v));
      expect(codes(report)).toEqual(['artifact-size']);
      expect(report.changed).toEqual(['artifacts/2026-11-20_x_alice_harasser_post_0001/page-captured.txt']);
    } finally {
      v.close();
    }
  });
});

describe('verifyBundle on unreadable input', () => {
  it('not a ZIP, truncated, or empty', async () => {
    for (const bad of [enc.encode('hello, not a zip'), bundle.subarray(0, Math.floor(bundle.length / 2)), new Uint8Array(0)]) {
      const report = await verifyBundle(bad);
      expect(report).toMatchObject({ ok: false, fatal: true });
      expect(codes(report)).toEqual(['unreadable']);
    }
  });

  it('a damaged byte inside a stored file or the manifest is reported (ZIP CRC check)', async () => {
    const damagedShot = bundle.slice();
    damagedShot[findBytes(damagedShot, enc.encode('screenshot.png'), 0) + 300]! ^= 0xff;
    const shot = await verifyBundle(damagedShot);
    expect(codes(shot)).toEqual(['file-corrupt']);
    expect(shot.changed).toEqual([SHOT_1]);
    const damagedManifest = bundle.slice();
    damagedManifest[findBytes(damagedManifest, enc.encode(FILES.manifest), 0) + 300]! ^= 0xff;
    const manifest = await verifyBundle(damagedManifest);
    expect(manifest).toMatchObject({ ok: false, fatal: true });
    // Damaged deflate data fails its CRC, or inflates past its declared size (then refused as a possible bomb).
    expect(codes(manifest).length).toBe(1);
    expect(['manifest-invalid', 'too-large']).toContain(codes(manifest)[0]);
  });

  it('a stream larger than allowed is refused while reading', async () => {
    const report = await verifyBundle(new Blob([bundle as BlobPart]).stream(), { limits: { maxBundleBytes: 1000 } });
    expect(codes(report)).toEqual(['too-large']);
  });
});

function findBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
