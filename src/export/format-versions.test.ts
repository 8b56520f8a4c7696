/**
 * Bundles of every format version keep verifying and importing: format 1 (before issue #13) and format 2 (before
 * issue #14), fixtures written by the old code, and format 3 (now: reports-export.test.ts and the other tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDbName } from '../vault/test-support';
import { openVault } from '../vault/vault';
import { FILES, type Manifest } from './format';
import { importBundle } from './import';
import { decode, tamper, unzipAll } from './test-support';
import { verifyBundle } from './verify';

const V1 = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'bundle-format-1.zip')));
const V2 = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'bundle-format-2.zip')));

describe('a format-1 bundle (written before the case file existed)', () => {
  it('verifies as it did', async () => {
    const report = await verifyBundle(V1);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, formatVersion: 1, records: 6, deleted: 1, exportedBy: 'Fixture (format 1)' });
    const files = await unzipAll(V1);
    expect(files.has(FILES.journal)).toBe(false);
    const manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
    expect(manifest.case).toBeUndefined();
  });

  it('still catches tampering', async () => {
    const bad = await tamper(V1, (f) => {
      const path = [...f.keys()].find((p) => p.endsWith('screenshot.png'))!;
      const bytes = f.get(path)!.slice();
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      f.set(path, bytes);
    });
    expect((await verifyBundle(bad)).ok).toBe(false);
  });

  it('imports: its records, and no people or notes to restore', async () => {
    const vault = await openVault(freshDbName('v1-import'));
    try {
      // Unsigned (older format): refused unless the person accepts it (issue #15); nothing written meanwhile.
      const refused = await importBundle(vault, V1);
      expect(refused).toMatchObject({ status: 'refused', refusal: 'unsigned', imported: [] });
      expect(refused.reason).toMatch(/older format \(version 1\) and carries no signature/);
      expect(refused.report.signature).toEqual({ status: 'unsigned' });
      expect(await vault.count()).toBe(0);
      const result = await importBundle(vault, V1, { acceptUnsigned: true });
      expect(result.status).toBe('imported');
      expect(result.imported).toHaveLength(6);
      expect(result.restored).toBeUndefined();
      expect((await vault.verify()).ok).toBe(true);
    } finally {
      vault.close();
    }
  });

  it('a format-2 manifest without its case files is refused', async () => {
    const forged = await tamper(V1, (f) => {
      const m = JSON.parse(decode(f.get(FILES.manifest)));
      m.formatVersion = 2;
      f.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(m)));
    });
    const report = await verifyBundle(forged);
    expect(report.problems.map((p) => p.code)).toContain('case-file');
  });
});

describe('a format-2 bundle (written before reports existed)', () => {
  it('verifies and imports, with no reports', async () => {
    const report = await verifyBundle(V2);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, formatVersion: 2, exportedBy: 'Fixture (format 2)' });
    const f = await unzipAll(V2);
    expect(f.has(FILES.reports)).toBe(false);
    const target = await openVault(freshDbName('v2-import'));
    try {
      expect((await importBundle(target, V2)).refusal).toBe('unsigned');
      const result = await importBundle(target, V2, { acceptUnsigned: true });
      expect(result.status).toBe('imported');
      expect(result.restored).toEqual({ people: 1, notes: 1 });
      expect(await target.reports()).toEqual([]);
      expect((await target.verify()).ok).toBe(true);
    } finally {
      target.close();
    }
  });

  it('still catches tampering, and a format-3 manifest without the reports files is refused', async () => {
    const bad = await tamper(V2, (f) => {
      f.set(FILES.people, new TextEncoder().encode(decode(f.get(FILES.people)).replace('"people"', '"people" ')));
    });
    expect((await verifyBundle(bad)).ok).toBe(false);
    const forged = await tamper(V2, (f) => {
      const m = JSON.parse(decode(f.get(FILES.manifest)));
      m.formatVersion = 3;
      f.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(m)));
    });
    const report = await verifyBundle(forged);
    expect(report.problems.map((p) => p.message)).toContain('manifest.json of a format-3 bundle does not list reports.json.');
  });
});
