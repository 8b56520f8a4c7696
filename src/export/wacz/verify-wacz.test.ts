/**
 * holdfast-verify on a WACZ (issue #15): what a good one reports, and each way a WACZ can be wrong named plainly — a
 * missing WARC, a missing resource, a changed resource, datapackage.json changed, a signature over other content, a
 * swapped public key (with and without the forger re-signing), another vault's key given with --fingerprint. The CLI
 * (built bin/holdfast-verify.mjs) prints the fingerprint on a line with the word and honours --fingerprint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, keyFingerprint, signWaczDigest, toBase64 } from '../../model/signature';
import { freshDbName } from '../../vault/test-support';
import { openVault } from '../../vault/vault';
import { sha256HexSync } from '../sha256';
import { decode, memorySink, seedVault, unzipAll, zipAll } from '../test-support';
import { WACZ_FILES } from './layout';
import { formatWaczReport, isWaczSource, verifyWacz, type WaczReport } from './verify-wacz';
import { type DataPackage, type DataPackageDigest, exportWacz } from './writer';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'holdfast-verify.mjs');
let wacz: Uint8Array;
let fingerprint: string;
const enc = new TextEncoder();

beforeAll(async () => {
  const vault = await openVault(freshDbName('wacz-verify'));
  await seedVault(vault);
  const mem = memorySink();
  await exportWacz(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, mem.sink);
  wacz = mem.bytes();
  fingerprint = (await vault.signingIdentity())!.fingerprint;
  vault.close();
});

const codes = (r: WaczReport) => [...new Set(r.problems.map((p) => p.code))].sort();
async function rewrite(change: (files: Map<string, Uint8Array>) => void | Promise<void>): Promise<Uint8Array> {
  const files = await unzipAll(wacz);
  await change(files);
  return zipAll(files, { level: 0 });
}
const readJson = <T>(files: Map<string, Uint8Array>, path: string) => JSON.parse(decode(files.get(path))) as T;
const writeJson = (files: Map<string, Uint8Array>, path: string, value: unknown) => files.set(path, enc.encode(`${JSON.stringify(value, null, 2)}\n`));
/** A forger's datapackage.json: `change` applied, every resource re-hashed, the digest's own hash recomputed. */
function forgePackage(files: Map<string, Uint8Array>, change: (pkg: DataPackage) => void): DataPackageDigest {
  const pkg = readJson<DataPackage>(files, WACZ_FILES.datapackage);
  change(pkg);
  for (const r of pkg.resources) {
    const bytes = files.get(r.path);
    if (bytes) Object.assign(r, { hash: `sha256:${sha256HexSync(bytes)}`, bytes: bytes.byteLength });
  }
  writeJson(files, WACZ_FILES.datapackage, pkg);
  const digest = readJson<DataPackageDigest>(files, WACZ_FILES.digest);
  digest.hash = `sha256:${sha256HexSync(files.get(WACZ_FILES.datapackage)!)}`;
  writeJson(files, WACZ_FILES.digest, digest);
  return digest;
}

describe('verifyWacz', () => {
  it('passes a WACZ as exported and reports the vault key fingerprint', async () => {
    const report = await verifyWacz(wacz);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signature).toEqual({ status: 'signed', fingerprint });
    expect(report.warcs).toBe(1);
    expect(report.indexLines).toBeGreaterThan(0);
    expect(report.pages).toBeGreaterThan(0);
    expect(formatWaczReport(report)).toMatch(new RegExp(`fingerprint: ${fingerprint}`));
    expect((await verifyWacz(wacz, { expectFingerprint: fingerprint.replace(/ /g, '').toUpperCase() })).ok).toBe(true);
  });

  it('names a missing WARC', async () => {
    const report = await verifyWacz(await rewrite((f) => void f.delete('archive/data.warc.gz')));
    expect(codes(report)).toEqual(['index-invalid', 'warc-missing']);
    expect(report.problems.find((p) => p.code === 'warc-missing')!.message).toMatch(/The WARC archive\/data\.warc\.gz .* is missing/);
  });

  it('names a missing resource', async () => {
    const report = await verifyWacz(await rewrite((f) => void f.delete(WACZ_FILES.pages)));
    expect(codes(report)).toEqual(['file-missing']);
    expect(report.problems[0]!.message).toContain('pages/pages.jsonl, listed in datapackage.json, is missing');
  });

  it('names a changed resource (and its size), and a file added', async () => {
    const report = await verifyWacz(
      await rewrite((f) => {
        f.set(WACZ_FILES.pages, enc.encode(`${decode(f.get(WACZ_FILES.pages))}{"id":"x","url":"https://x.com/","ts":"2026-01-01T00:00:00Z"}\n`));
        f.set('archive/extra.warc.gz', new Uint8Array([1, 2, 3]));
      }),
    );
    expect(codes(report)).toEqual(['file-added', 'file-changed', 'file-size']);
    expect(report.problems.find((p) => p.code === 'file-changed')!.message).toMatch(/^pages\/pages\.jsonl has changed/);
  });

  it('names a datapackage.json changed after export', async () => {
    const report = await verifyWacz(
      await rewrite((f) => {
        const pkg = readJson<DataPackage>(f, WACZ_FILES.datapackage);
        pkg.title = 'Something else';
        writeJson(f, WACZ_FILES.datapackage, pkg);
      }),
    );
    expect(codes(report)).toEqual(['digest-mismatch', 'signature-mismatch']);
  });

  it('names a signature over other content (datapackage and its digest rewritten consistently)', async () => {
    const report = await verifyWacz(
      await rewrite((f) => {
        // The forger edits a resource, re-hashes everything, but cannot sign: the signature is over the old hash.
        f.set(WACZ_FILES.pages, enc.encode(decode(f.get(WACZ_FILES.pages)).replace(/"title":"#1 /, '"title":"#1 EDITED ')));
        forgePackage(f, () => undefined);
      }),
    );
    expect(codes(report)).toEqual(['signature-mismatch']);
    expect(report.problems[0]!.message).toMatch(/^The signature covers other content/);
    expect(report.signature?.status).toBe('invalid');
    // Claiming the new hash in signedData too: the signature then no longer verifies.
    const claimed = await verifyWacz(
      await rewrite((f) => {
        const digest = forgePackage(f, (pkg) => {
          pkg.title = 'Edited';
        });
        digest.signedData.hash = digest.hash;
        writeJson(f, WACZ_FILES.digest, digest);
      }),
    );
    expect(codes(claimed)).toEqual(['signature-invalid']);
  });

  it('names a swapped public key, and one re-signed by another key when the fingerprint is given', async () => {
    const other = await generateSigningKeyPair(false);
    const otherFingerprint = keyFingerprint(other.spki);
    const swapped = await verifyWacz(
      await rewrite((f) => {
        const digest = readJson<DataPackageDigest>(f, WACZ_FILES.digest);
        digest.signedData.publicKey = toBase64(other.spki);
        writeJson(f, WACZ_FILES.digest, digest);
      }),
    );
    expect(codes(swapped)).toEqual(['signature-invalid']);
    expect(swapped.problems[0]!.message).toContain(`fingerprint ${otherFingerprint}`);
    expect(swapped.problems[0]!.message).toContain('swapped');
    // A forger who re-signs with their own key: it verifies, but with another fingerprint, which --fingerprint catches.
    const resigned = await rewrite(async (f) => {
      const digest = forgePackage(f, (pkg) => {
        pkg.title = 'Forged';
      });
      digest.signedData = { ...digest.signedData, hash: digest.hash, publicKey: toBase64(other.spki), signature: await signWaczDigest(other.privateKey, digest.hash) };
      writeJson(f, WACZ_FILES.digest, digest);
    });
    const alone = await verifyWacz(resigned);
    expect(alone.ok).toBe(true);
    expect(alone.signature?.fingerprint).toBe(otherFingerprint);
    const expected = await verifyWacz(resigned, { expectFingerprint: fingerprint });
    expect(codes(expected)).toEqual(['signature-key']);
    expect(expected.problems[0]!.message).toContain(`its fingerprint is ${otherFingerprint}, not the ${fingerprint} expected`);
  });

  it('names a key that is not a P-256 key, and a missing digest', async () => {
    const bad = await verifyWacz(
      await rewrite((f) => {
        const digest = readJson<DataPackageDigest>(f, WACZ_FILES.digest);
        digest.signedData.publicKey = toBase64(enc.encode('not a key'));
        writeJson(f, WACZ_FILES.digest, digest);
      }),
    );
    expect(codes(bad)).toEqual(['signature-key']);
    const none = await verifyWacz(await rewrite((f) => void f.delete(WACZ_FILES.digest)));
    expect(codes(none)).toEqual(['digest-missing']);
    expect(none.signature?.status).toBe('unsigned');
  });

  it('counts the resources it checked and reports progress over their bytes', async () => {
    const seen: [number, number][] = [];
    const report = await verifyWacz(wacz, { onProgress: (done, total) => void seen.push([done, total]) });
    const pkg = readJson<DataPackage>(await unzipAll(wacz), WACZ_FILES.datapackage);
    expect(report.resources).toBe(pkg.resources.length);
    expect(seen).toHaveLength(pkg.resources.length);
    const total = pkg.resources.reduce((n, r) => n + r.bytes, 0);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
    expect(formatWaczReport(report)).toContain(`Resources:      ${pkg.resources.length}`);
  });

  it('isWaczSource decides as holdfast-verify does: named .wacz, or datapackage.json and no manifest.json', async () => {
    expect(await isWaczSource(wacz)).toBe(true);
    expect(await isWaczSource(new Blob([wacz as BlobPart]))).toBe(true);
    expect(await isWaczSource(await rewrite((f) => void f.set('manifest.json', enc.encode('{}'))))).toBe(false);
    expect(await isWaczSource(await rewrite((f) => void f.delete(WACZ_FILES.datapackage)))).toBe(false);
    expect(await isWaczSource(enc.encode('not a zip'))).toBe(false);
    expect(await isWaczSource(enc.encode('not a zip'), 'Export.WACZ')).toBe(true);
    expect(await isWaczSource(new Blob([wacz as BlobPart]).stream())).toBe(false);
  });

  it('refuses what is not a ZIP, or a ZIP without datapackage.json', async () => {
    const garbage = await verifyWacz(enc.encode('not a zip'));
    expect(garbage.fatal).toBe(true);
    expect(codes(garbage)).toEqual(['unreadable']);
    const empty = await verifyWacz(await rewrite((f) => void f.delete(WACZ_FILES.datapackage)));
    expect(codes(empty)).toEqual(['datapackage-missing']);
  });
});

describe('holdfast-verify on a .wacz', () => {
  let dir: string;
  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-verifier.mjs')], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'holdfast-wacz-cli-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('checks it, prints the fingerprint, honours --fingerprint, and names a missing WARC', async () => {
    const good = join(dir, 'export.wacz');
    writeFileSync(good, wacz);
    const ok = run([good]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out.split('\n').find((l) => l.includes('fingerprint'))).toContain(fingerprint);
    expect(ok.out).toContain('RESULT: OK');
    expect(run([good, '--fingerprint', fingerprint]).code).toBe(0);
    const wrong = run([good, '--fingerprint', '0000 1111 2222 3333 4444 5555 6666 7777']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('[signature-key]');
    // Renamed .zip: recognised by its contents.
    const renamed = join(dir, 'renamed.zip');
    writeFileSync(renamed, wacz);
    expect(run([renamed]).out).toContain('Holdfast WACZ check');
    const missing = join(dir, 'missing.wacz');
    writeFileSync(missing, await rewrite((f) => void f.delete('archive/data.warc.gz')));
    const res = run([missing]);
    expect(res.code).toBe(1);
    expect(res.out).toContain('[warc-missing] The WARC archive/data.warc.gz');
  });
});
