/**
 * The bundle checked with the outside tools a police officer, lawyer or expert would use:
 * Info-ZIP unzip, GNU sha256sum, poppler's pdfinfo/pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES } from './format';
import { fileSink, seedVault } from './test-support';
import { verifyBundle } from './verify';

const run = (cmd: string, args: string[], cwd?: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

let dir: string;
let vault: VaultImpl;
let live: EvidenceRecord[];
let plainZip: string;
let encryptedZip: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'holdfast-export-'));
  vault = await openVault(freshDbName('tools'));
  live = await seedVault(vault);
  plainZip = join(dir, 'bundle.zip');
  encryptedZip = join(dir, 'encrypted.zip');
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', exporterName: 'Tester' }, fileSink(plainZip));
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', password: 'correct horse' }, fileSink(encryptedZip));
  expect(run('unzip', ['-q', plainZip, '-d', join(dir, 'x')]).status).toBe(0);
});

afterAll(() => {
  vault?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the bundle with outside tools', () => {
  it('passes `unzip -t`', () => {
    const result = run('unzip', ['-t', plainZip]);
    expect(result.stdout).toContain('No errors detected');
    expect(result.status).toBe(0);
  });

  it('passes `sha256sum -c SHA256SUMS` in the unpacked folder, for every file', () => {
    const result = run('sha256sum', ['-c', '--strict', FILES.sums], join(dir, 'x'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const ok = result.stdout.trim().split('\n');
    expect(ok.every((l) => l.endsWith(': OK'))).toBe(true);
    expect(ok).toHaveLength(live.length * 4 + 13); // + reports.json, reports.csv (format 3), SIGNATURE.json (format 4)
  });

  it('fails `sha256sum -c` when an unpacked file is changed', () => {
    const copy = join(dir, 'x2');
    expect(run('unzip', ['-q', plainZip, '-d', copy]).status).toBe(0);
    const path = join(copy, 'incidents.csv');
    writeFileSync(path, `${readFileSync(path, 'utf8')}extra\r\n`);
    const result = run('sha256sum', ['-c', '--quiet', FILES.sums], copy);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('incidents.csv: FAILED');
  });

  it('report.pdf opens in pdfinfo and pdftotext finds every URL, artifact hash and exhibit with page numbers', () => {
    const pdf = join(dir, 'x', FILES.reportPdf);
    const info = run('pdfinfo', [pdf]);
    expect(info.status).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(live.length + 3);
    const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout;
    const joined = text.replace(/\n/g, '');
    for (const rec of live) {
      expect(joined).toContain(rec.pageUrl);
      if (rec.permalink) expect(joined).toContain(rec.permalink);
      expect(text).toContain(rec.chain.recordHash);
      for (const a of rec.artifacts) expect(text, `${a.filename} hash`).toContain(a.sha256);
    }
    for (let n = 1; n <= live.length; n++) expect(text).toContain(`Exhibit ${n}`);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // Emoji and non-Latin text did not break it: written as code points, with a note.
    expect(text).toContain('[U+1F621]');
    expect(text).toContain('[U+042F]');
    expect(text).toContain('written as [U+code]');
    expect(text).toContain('ça va?');
  });

  it('an encrypted bundle: plain unzip with a wrong password fails; verifyBundle with the right one passes', async () => {
    const wrong = run('unzip', ['-t', '-P', 'wrong password', encryptedZip]);
    expect(wrong.status).not.toBe(0);
    const unpackWrong = run('unzip', ['-o', '-P', 'wrong password', encryptedZip, '-d', join(dir, 'nope')]);
    expect(unpackWrong.status).not.toBe(0);
    // Every entry uses WinZip AES (compression method 99 in the local headers).
    const raw = readFileSync(encryptedZip);
    let aes = 0;
    for (let i = raw.indexOf('PK\x03\x04'); i >= 0; i = raw.indexOf('PK\x03\x04', i + 4)) if (raw.readUInt16LE(i + 8) === 99) aes += 1;
    expect(aes).toBe(live.length * 4 + 14);
    const blob = await openAsBlob(encryptedZip);
    expect((await verifyBundle(blob, { password: 'correct horse' })).ok).toBe(true);
    expect((await verifyBundle(blob, { password: 'wrong password' })).problems.map((p) => p.code)).toEqual(['password-wrong']);
  });
});
