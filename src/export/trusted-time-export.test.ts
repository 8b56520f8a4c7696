/** Trusted time in a bundle (issue #15): tokens exported as .tsr files, VERIFY.txt's openssl steps, the verifier's checks. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTsa, makeLocalTsa } from '../../test/tsa/local-tsa';
import { buildTimeStampRequest, certificatesFromPem, imprintOfHead } from '../model/timestamp-token';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES, type Manifest, timestampPath } from './format';
import { decode, memorySink, resign, seedVault, tamper, unzipAll } from './test-support';
import { importBundle } from './import';
import { main } from './verify-cli';
import { verifyBundle } from './verify';

let tsa: LocalTsa;
let vault: VaultImpl;
let bundle: Uint8Array;
let files: Map<string, Uint8Array>;
let manifest: Manifest;
let dir: string;
const heads: Array<{ seq: number; hash: string }> = [];

function stamp(head: { seq: number; hash: string }, kind?: Parameters<LocalTsa['reply']>[1]) {
  const req = buildTimeStampRequest(imprintOfHead(head.hash));
  return { reply: tsa.reply(req.der, kind), nonce: req.nonce };
}

beforeAll(async () => {
  tsa = makeLocalTsa();
  dir = mkdtempSync(join(tmpdir(), 'holdfast-tsa-export-'));
  vault = await openVault(freshDbName('tsa-export'));
  const live = await seedVault(vault);
  expect(live.length).toBeGreaterThan(2);
  // A token for an early head and one for the last: two .tsr files.
  const all = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
  for (const r of [all[1]!, all.at(-1)!]) {
    const head = { seq: r.seq, hash: r.chain.recordHash };
    const s = stamp(head);
    await vault.addTimestamp(head, s.reply, { url: 'http://tsa.test/tsr', nonce: s.nonce });
    heads.push(head);
  }
  const out = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, out.sink);
  bundle = out.bytes();
  files = await unzipAll(bundle);
  manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
}, 60_000);
afterAll(() => {
  vault?.close();
  tsa?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('trusted time in an export (issue #15)', () => {
  it('carries each token as a .tsr file, named in the manifest, listed in SHA256SUMS and covered by the signature', async () => {
    expect(manifest.trustedTime?.tokens.map((t) => [t.file, t.seq, t.hash, t.tsaName])).toEqual(heads.map((h) => [timestampPath(h.seq), h.seq, h.hash, 'Holdfast Test TSA']));
    const sums = decode(files.get(FILES.sums));
    const signature = decode(files.get(FILES.signature));
    for (const h of heads) {
      const path = timestampPath(h.seq);
      expect(files.get(path)?.byteLength).toBeGreaterThan(100);
      expect(manifest.files).toContain(path);
      expect(sums).toContain(`  ${path}\n`);
      expect(signature).toContain(path);
    }
  });

  it('VERIFY.txt gives the openssl ts -verify steps, and they pass on the exported files', () => {
    const text = decode(files.get(FILES.verify));
    expect(text).toContain('TRUSTED TIME (RFC 3161)');
    writeFileSync(join(dir, 'tsa-ca.pem'), tsa.caPem);
    for (const h of heads) {
      const path = timestampPath(h.seq);
      expect(text).toContain(`openssl ts -verify -digest ${h.hash} -in ${path} -CAfile tsa-ca.pem`);
      expect(tsa.opensslVerify(files.get(path)!, h.hash).ok, path).toBe(true);
    }
  });

  it('the verifier checks each token itself and says which records existed by when', async () => {
    const report = await verifyBundle(new Blob([bundle as Uint8Array<ArrayBuffer>]), { trustedTsa: certificatesFromPem(tsa.caPem) });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.trustedTime?.map((t) => [t.seq, t.tsaName])).toEqual(heads.map((h) => [h.seq, 'Holdfast Test TSA']));
    const bundlePath = join(dir, 'good.zip');
    writeFileSync(bundlePath, bundle);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), env: {} };
    writeFileSync(join(dir, 'ca.pem'), tsa.caPem);
    expect(await main([bundlePath, '--tsa-ca', join(dir, 'ca.pem')], io)).toBe(0);
    expect(out.join('')).toContain(`Trusted time:   records #1-#${heads[1]!.seq} existed by `);
    expect(out.join('')).toContain('confirmed by Holdfast Test TSA');
    // A CA the checker trusts that did not issue this authority's certificate: named, exit 1.
    writeFileSync(join(dir, 'other.pem'), tsa.otherCaPem);
    out.length = 0;
    expect(await main([bundlePath, '--tsa-ca', join(dir, 'other.pem')], io)).toBe(1);
    expect(out.join('')).toMatch(/\[timestamp-invalid\] trusted-time\/head-\d+\.tsr \(trusted time of head #\d+\) does not hold: the token is signed by Holdfast Test TSA, which is not the time-stamping authority expected/);
    out.length = 0;
    expect(await main([bundlePath, '--tsa-ca', join(dir, 'nothing.pem')], io)).toBe(2);
  });

  it('names a token for another hash, a truncated token and an unknown TSA, even with SHA256SUMS and the signature redone', async () => {
    const last = heads[1]!;
    const path = timestampPath(last.seq);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['another hash', stamp({ seq: last.seq, hash: 'cd'.repeat(32) }).reply, /is for another hash/],
      ['truncated', files.get(path)!.slice(0, 200), /truncated or damaged/],
      ['expired certificate', stamp(last, 'expired').reply, /had expired at the stamped time/],
    ];
    for (const [what, bytes, problem] of cases) {
      const bad = await tamper(bundle, async (f) => {
        f.set(path, bytes);
        await resign(f, vault);
      });
      const report = await verifyBundle(new Blob([bad as Uint8Array<ArrayBuffer>]));
      expect(report.ok, what).toBe(false);
      const p = report.problems.find((x) => x.code === 'timestamp-invalid');
      expect(p?.message, what).toMatch(problem);
      expect(p?.path).toBe(path);
    }
    // Another authority's token for the right hash: fine unless the checker named the authority it trusts.
    const other = await tamper(bundle, async (f) => {
      f.set(path, stamp(last, 'other-ca').reply);
      await resign(f, vault);
    });
    const named = await verifyBundle(new Blob([other as Uint8Array<ArrayBuffer>]), { trustedTsa: certificatesFromPem(tsa.caPem) });
    expect(named.problems.map((p) => p.message).join('\n')).toMatch(/signed by Unknown Test TSA, which is not the time-stamping authority expected/);
  });

  it('names a token the manifest ties to a head not in the chain, or whose time the manifest misstates', async () => {
    const rewrite = (edit: (m: Manifest) => void) =>
      tamper(bundle, async (f) => {
        const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
        edit(m);
        f.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(m)));
        await resign(f, vault);
      });
    const moved = await verifyBundle(new Blob([(await rewrite((m) => {
          m.trustedTime!.tokens[0]!.seq = heads[0]!.seq + 1;
        })) as Uint8Array<ArrayBuffer>]));
    expect(moved.problems.find((p) => p.code === 'timestamp-head')?.message).toMatch(/which is not a head of this bundle's chain/);
    const misstated = await verifyBundle(new Blob([(await rewrite((m) => {
          m.trustedTime!.tokens[1]!.genTime = '2020-01-01T00:00:00Z';
        })) as Uint8Array<ArrayBuffer>]));
    expect(misstated.problems.find((p) => p.code === 'timestamp-head')?.message).toMatch(/manifest.json says .* at 2020-01-01T00:00:00Z, but the token says Holdfast Test TSA at /);
    // An authority name carrying a terminal escape and a line break (to forge lines in the CLI's output or VERIFY.txt):
    // the manifest's schema refuses it before anything is printed from it.
    const forged = await verifyBundle(new Blob([(await rewrite((m) => {
          m.trustedTime!.tokens[1]!.tsaName = 'X\u001b[2J\nRESULT: OK';
        })) as Uint8Array<ArrayBuffer>]));
    expect(forged.ok).toBe(false);
    expect(forged.problems.find((p) => p.code === 'manifest-invalid')?.message).toMatch(/trustedTime\/tokens\/1\/tsaName/);
  });

  it('a bundle with tokens imports into another vault (the tokens are about the source chain and stay in the bundle)', async () => {
    const target = await openVault(freshDbName('tsa-import'));
    try {
      const result = await importBundle(target, new Blob([bundle as Uint8Array<ArrayBuffer>]));
      expect(result.status).toBe('imported');
      expect(result.imported.length).toBeGreaterThan(0);
      expect(await target.timestamps()).toEqual([]);
      expect((await target.verify()).ok).toBe(true);
    } finally {
      target.close();
    }
  });
});
