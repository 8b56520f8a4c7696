/** The built command-line verifier (bin/holdfast-verify.mjs), run as a person would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDbName } from '../vault/test-support';
import { openVault } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES } from './format';
import { memorySink, seedVault, tamper } from './test-support';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'holdfast-verify.mjs');
let dir: string;
const paths: Record<'good' | 'tampered' | 'encrypted' | 'garbage' | 'escapes', string> = { good: '', tampered: '', encrypted: '', garbage: '', escapes: '' };
let fingerprint = '';

function verify(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-verifier.mjs')], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'holdfast-cli-'));
  const vault = await openVault(freshDbName('cli'));
  await seedVault(vault);
  const plain = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, plain.sink);
  const enc = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', password: 'pa ss' }, enc.sink);
  fingerprint = (await vault.signingIdentity())!.fingerprint;
  vault.close();
  const bad = await tamper(plain.bytes(), (files) => {
    files.delete(FILES.reportPdf);
  });
  // A forged manifest whose exportedBy would clear the terminal, move up a line and print a false verdict, then turn
  // the rest of the line around.
  const escapes = await tamper(plain.bytes(), (files) => {
    const manifest = JSON.parse(new TextDecoder().decode(files.get(FILES.manifest)!));
    manifest.exportedBy = 'Examiner\u001b[2J\u001b[1A\rRESULT: OK\u009b2K\u202eko';
    files.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(manifest)));
  });
  for (const [key, bytes] of [
    ['escapes', escapes],
    ['good', plain.bytes()],
    ['tampered', bad],
    ['encrypted', enc.bytes()],
    ['garbage', new TextEncoder().encode('not a zip at all')],
  ] as const) {
    paths[key] = join(dir, `${key}.zip`);
    writeFileSync(paths[key], bytes);
  }
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('holdfast-verify', () => {
  it('prints what a forged bundle says as text: no escape sequence, carriage return or bidi control reaches the terminal', () => {
    for (const args of [[paths.escapes], ['--json', paths.escapes]]) {
      const r = verify(args);
      expect(r.code, r.err).toBe(1);
      expect(r.out).toContain('Examiner');
      expect(r.out).not.toMatch(/(?![\t\n])[\p{Cc}\u202e]/u);
      if (args[0] === '--json') expect(JSON.parse(r.out).exportedBy).toBe('Examiner\u001b[2J\u001b[1A\rRESULT: OK\u009b2K\u202eko');
      else expect(r.out).toContain('Examiner\ufffd[2J\ufffd[1A\ufffdRESULT: OK\ufffd2K\ufffdko');
    }
  });

  it('exits 0 and says OK for an intact bundle', () => {
    const r = verify([paths.good]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('RESULT: OK');
    expect(r.out).toContain('Records:        6 (deleted: 1)');
  });

  it('prints the vault key fingerprint on a line containing the word fingerprint, and compares one it is given (issue #15)', () => {
    const r = verify([paths.good]);
    expect(r.out.split('\n').filter((l) => l.includes('fingerprint'))).toEqual([`Key fingerprint: ${fingerprint} (compare it with the fingerprint on the vault page)`]);
    expect(r.out).toContain('Signature:      signed by the vault key');
    expect(verify([paths.good, '--fingerprint', fingerprint.replace(/ /g, '-')]).code).toBe(0);
    const other = verify([paths.good, '--fingerprint=0000 1111 2222 3333 4444 5555 6666 7777']);
    expect(other.code).toBe(1);
    expect(other.out).toContain(`[signature-key] This bundle is signed by the key with fingerprint ${fingerprint}, not by the expected 0000 1111 2222 3333 4444 5555 6666 7777.`);
    const bad = verify([paths.good, '--fingerprint', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fingerprint needs the vault key's fingerprint/);
  });

  it('exits 1 and names what is missing for a tampered bundle', () => {
    const r = verify([paths.tampered]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Missing (1):');
    expect(r.out).toContain(`- ${FILES.reportPdf}`);
    expect(r.out).toContain('RESULT: PROBLEMS FOUND');
  });

  it('prints the report as JSON with --json', () => {
    const r = verify([paths.tampered, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.missing).toEqual([FILES.reportPdf]);
    expect(report.ok).toBe(false);
  });

  it('encrypted: exits 2 without the password or with a wrong one, 0 with it (option or environment)', () => {
    const none = verify([paths.encrypted]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('encrypted');
    expect(verify([paths.encrypted, '--password', 'nope']).code).toBe(2);
    expect(verify([paths.encrypted, '--password', 'pa ss']).code).toBe(0);
    expect(verify([`--password=pa ss`, paths.encrypted]).code).toBe(0);
    expect(verify([paths.encrypted], { HOLDFAST_BUNDLE_PASSWORD: 'pa ss' }).code).toBe(0);
  });

  it('exits 2 on usage errors and unreadable input', () => {
    const noArgs = verify([]);
    expect(noArgs.code).toBe(2);
    expect(noArgs.err).toContain('Usage: holdfast-verify');
    expect(verify(['--frobnicate', paths.good]).code).toBe(2);
    expect(verify([paths.good, paths.good]).code).toBe(2);
    expect(verify([paths.good, '--password']).code).toBe(2);
    const missing = verify([join(dir, 'no-such.zip')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Cannot read');
    expect(verify([dir]).code).toBe(2);
    const garbage = verify([paths.garbage]);
    expect(garbage.code).toBe(2);
    expect(garbage.out).toContain('not a readable ZIP');
    expect(verify(['--help']).code).toBe(0);
  });
});

describe('holdfast-verify and reports to the platforms (format 3)', () => {
  const enc = new TextEncoder();
  const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
  let orphan: string;
  let editedCsv: string;

  beforeAll(async () => {
    const vault = await openVault(freshDbName('cli-reports'));
    const live = await seedVault(vault);
    await vault.addReport({ platform: 'x', recordIds: [live[0]!.id], permalinks: [], origin: 'item', reportedAt: '2026-11-20T11:00:00.000Z', reference: 'X-7' });
    const mem = memorySink();
    await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, mem.sink);
    vault.close();
    const { sha256Hex } = await import('../vault/hashing');
    const resum = async (files: Map<string, Uint8Array>) => {
      const lines: string[] = [];
      for (const [path, bytes] of files) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
      files.set(FILES.sums, enc.encode(lines.join('')));
    };
    // A forger who knows the format: a report naming a record that is not in the bundle, every hash made to match.
    const forged = await tamper(mem.bytes(), async (files) => {
      const reports = JSON.parse(dec(files.get(FILES.reports)));
      reports.reports[0].recordIds.push('record-not-here');
      reports.reports[0].recordSeqs.push(42);
      const bytes = enc.encode(JSON.stringify(reports));
      files.set(FILES.reports, bytes);
      const manifest = JSON.parse(dec(files.get(FILES.manifest)));
      manifest.case.reports = { path: FILES.reports, sha256: await sha256Hex(bytes), size: bytes.byteLength };
      files.set(FILES.manifest, enc.encode(JSON.stringify(manifest)));
      await resum(files);
    });
    const edited = await tamper(mem.bytes(), (files) => {
      files.set(FILES.reportsCsv, enc.encode(dec(files.get(FILES.reportsCsv)).replace('X-7', 'X-8')));
    });
    orphan = join(dir, 'orphan.zip');
    editedCsv = join(dir, 'edited-csv.zip');
    writeFileSync(orphan, forged);
    writeFileSync(editedCsv, edited);
  });

  it('names, in plain words, a report about a record that is not in the bundle', () => {
    const r = verify([orphan]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('names record record-not-here, which is not in the bundle');
  });

  it('catches reports.csv changed against SHA256SUMS', () => {
    const r = verify([editedCsv]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('reports.csv');
  });
});
