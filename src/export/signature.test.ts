/**
 * Issue #15: what passed the verifier once SHA256SUMS was recomputed, and must now fail because the vault key's
 * signature (SIGNATURE.json) no longer holds. Each bundle is rewritten here as a forger without the vault's key would:
 * every hash the files carry recomputed, SHA256SUMS last.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, keyFingerprint, signStatement, toBase64 } from '../model/signature';
import type { CustodyEvent } from '../vault/api';
import { computeCustodyHash, computeRecordHash, sha256Hex } from '../vault/hashing';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES, type Manifest } from './format';
import { importBundle } from './import';
import { inertCopyPath } from './names';
import type { SignatureFile } from './signing';
import { decode, memorySink, resign, seedVault, tamper, unzipAll } from './test-support';
import { type BundleReport, formatBundleReport, verifyBundle } from './verify';

let vault: VaultImpl;
let bundle: Uint8Array;
let fingerprint: string;
const enc = new TextEncoder();

beforeAll(async () => {
  vault = await openVault(freshDbName('signature'));
  await seedVault(vault);
  const mem = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', exporterName: 'Dana Advocate' }, mem.sink);
  bundle = mem.bytes();
  fingerprint = (await vault.signingIdentity())!.fingerprint;
});
afterAll(() => vault?.close());

const codes = (r: BundleReport) => [...new Set(r.problems.map((p) => p.code))].sort();
const messages = (r: BundleReport) => r.problems.map((p) => p.message).join('\n');
const SIGNATURE_CODES = new Set(['signature-missing', 'signature-invalid', 'signature-key', 'signature-mismatch', 'signed-head']);
/** The problems the checks before issue #15 find: none, for each rewrite below. */
const unsignedProblems = (r: BundleReport) => r.problems.filter((p) => !SIGNATURE_CODES.has(p.code));

async function resum(files: Map<string, Uint8Array>): Promise<void> {
  const lines: string[] = [];
  for (const [path, bytes] of files) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  files.set(FILES.sums, enc.encode(lines.join('')));
}
const readManifest = (files: Map<string, Uint8Array>) => JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
const writeManifest = (files: Map<string, Uint8Array>, m: Manifest) => files.set(FILES.manifest, enc.encode(JSON.stringify(m, null, 2)));
const readCustody = (files: Map<string, Uint8Array>) => decode(files.get(FILES.custody)).trim().split('\n').map((l) => JSON.parse(l) as CustodyEvent);

/** Rewrites the custody log from `events` (hashes and links recomputed) and the manifest's custody head. */
async function writeCustody(files: Map<string, Uint8Array>, m: Manifest, events: CustodyEvent[]): Promise<void> {
  let prev = m.chain.genesis;
  const out: CustodyEvent[] = [];
  for (const [i, e] of events.entries()) {
    const { hash: _h, ...rest } = { ...e, seq: i + 1, prevHash: prev };
    const event = { ...rest, hash: await computeCustodyHash(rest) } as CustodyEvent;
    prev = event.hash;
    out.push(event);
  }
  files.set(FILES.custody, enc.encode(out.map((e) => `${JSON.stringify(e)}\n`).join('')));
  m.custody = { ...m.custody, events: out.length, head: { seq: out.length, hash: prev } };
}

/** Drops the newest `n` records with their files, their custody entries, and moves the head back: all re-hashed. */
async function dropNewest(files: Map<string, Uint8Array>, n: number): Promise<{ lastKept: number; lastSigned: number }> {
  const m = readManifest(files);
  const lastSigned = m.chain.head.seq;
  const gone = m.records.slice(-n);
  const goneIds = new Set(gone.map((r) => r.record.id));
  for (const r of gone) {
    for (const a of r.artifacts) {
      files.delete(a.path);
      const copy = inertCopyPath(a.path);
      if (copy) {
        files.delete(copy);
        m.files = m.files.filter((p) => p !== copy);
      }
    }
  }
  m.records = m.records.slice(0, -n);
  m.chain.records = m.chain.records.filter((e) => !goneIds.has(e.id));
  const last = m.chain.records.at(-1)!;
  m.chain.head = { seq: last.seq, hash: last.recordHash };
  m.counts = {
    ...m.counts,
    records: m.records.length,
    deleted: m.records.filter((r) => r.record.deleted).length,
    artifacts: m.records.reduce((k, r) => k + r.artifacts.length, 0),
    artifactBytes: m.records.reduce((k, r) => k + r.artifacts.reduce((b, a) => b + a.size, 0), 0),
  };
  await writeCustody(files, m, readCustody(files).filter((e) => !e.recordId || !goneIds.has(e.recordId)));
  writeManifest(files, m);
  await resum(files);
  return { lastKept: last.seq, lastSigned };
}

describe('a signed bundle', () => {
  it('verifies as signed, with the vault key’s fingerprint on a line containing the word fingerprint', async () => {
    const report = await verifyBundle(bundle);
    expect(report.problems).toEqual([]);
    expect(report.signature).toMatchObject({ status: 'signed', fingerprint });
    const text = formatBundleReport(report);
    expect(text.split('\n').find((l) => /fingerprint/i.test(l))).toContain(fingerprint);
    expect(text).toContain('RESULT: OK');
  });

  it('carries the key, the statement and a signed chain head; the export’s custody entry names the chain head', async () => {
    const files = await unzipAll(bundle);
    const sig = JSON.parse(decode(files.get(FILES.signature))) as SignatureFile;
    const m = readManifest(files);
    expect(sig).toMatchObject({ format: 'holdfast-export-signature', algorithm: 'ECDSA-P256-SHA256', fingerprint });
    expect(sig.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(m.signing).toEqual({ file: FILES.signature, algorithm: 'ECDSA-P256-SHA256', publicKey: sig.publicKey, fingerprint });
    expect(sig.statement).toMatchObject({ exportId: m.exportId, exportedAt: m.exportedAt, exportedBy: 'Dana Advocate', chainHead: m.chain.head, custodyHead: m.custody.head });
    expect(sig.statement.signedChainHead).toMatchObject({ seq: m.chain.head.seq, hash: m.chain.head.hash });
    for (const path of [FILES.reportHtml, FILES.reportPdf, FILES.csv, FILES.reports, FILES.verify]) expect(sig.statement.files[path]).toBe(await sha256Hex(files.get(path)!));
    expect(sig.statement.files[FILES.sums]).toBeUndefined();
    expect(decode(files.get(FILES.sums))).toMatch(/ {2}SIGNATURE\.json\n/);
    expect(readCustody(files).at(-1)?.detail).toContain(`chain head #${m.chain.head.seq} ${m.chain.head.hash}`);
  });
});

describe('the fingerprint shown to the person', () => {
  it('is in report.html, report.pdf and VERIFY.txt, with a plain sentence on how to compare it', async () => {
    const files = await unzipAll(bundle);
    const html = decode(files.get(FILES.reportHtml));
    expect(html).toContain(`<dd class="mono" id="key-fingerprint">${fingerprint}</dd>`);
    expect(html).toContain('Compare this fingerprint with the one shown on that vault’s page');
    const verify = decode(files.get(FILES.verify));
    expect(verify).toContain(`    ${fingerprint}\r\n`);
    expect(verify).toMatch(/Compare it with the fingerprint shown on the page of the vault this bundle came from/);
    expect(decode(files.get(FILES.certification))).toContain(`Signed with the vault key whose fingerprint is: ${fingerprint}\r\n`);
    const pdf = spawnSync('pdftotext', ['-layout', '-', '-'], { input: files.get(FILES.reportPdf), encoding: 'utf8' });
    expect(pdf.status).toBe(0);
    expect(pdf.stdout).toContain(fingerprint);
    expect(pdf.stdout).toMatch(/Vault key fingerprint/);
  });

  it('in Spanish too', async () => {
    const mem = memorySink();
    await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', language: 'es' }, mem.sink);
    const files = await unzipAll(mem.bytes());
    expect(decode(files.get(FILES.reportHtml))).toContain('Huella de la clave de la bóveda');
    expect(decode(files.get(FILES.verify))).toMatch(new RegExp(`FIRMA[\\s\\S]*${fingerprint}[\\s\\S]*Compárela con la huella`));
  });
});

describe('rewrites that recompute SHA256SUMS now fail on the signature', () => {
  it('the last record dropped with its files and the head moved back', async () => {
    let at = { lastKept: 0, lastSigned: 0 };
    const report = await verifyBundle(await tamper(bundle, async (f) => {
        at = await dropNewest(f, 1);
      }),
    );
    expect(unsignedProblems(report)).toEqual([]); // what passed before issue #15
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(expect.arrayContaining(['signature-mismatch', 'signed-head']));
    expect(messages(report)).toMatch(new RegExp(`chain ends at #${at.lastKept}: record #${at.lastSigned} is missing`));
  });

  it('the last 3 records deleted: the verifier names the gap against the last signed head', async () => {
    let at = { lastKept: 0, lastSigned: 0 };
    const report = await verifyBundle(await tamper(bundle, async (f) => {
        at = await dropNewest(f, 3);
      }),
    );
    expect(report.ok).toBe(false);
    expect(at.lastSigned - at.lastKept).toBe(3);
    expect(messages(report)).toMatch(new RegExp(`last chain head the vault signed as records were added is record #${at.lastSigned}, but the bundle's chain ends at #${at.lastKept}: records #${at.lastKept + 1} to #${at.lastSigned} are missing`));
  });

  for (const path of [FILES.reportHtml, FILES.reportPdf, FILES.csv]) {
    it(`${path} edited`, async () => {
      const report = await verifyBundle(
        await tamper(bundle, async (f) => {
          const bytes = f.get(path)!;
          const edited = bytes.slice();
          // One byte near the end (the start of report.html is its CSP, checked on its own).
          edited[edited.length - 3] = edited[edited.length - 3]! ^ 1;
          f.set(path, edited);
          await resum(f);
        }),
      );
      expect(unsignedProblems(report)).toEqual([]);
      expect(report.problems).toEqual([{ code: 'signature-mismatch', path, message: `${path} is not the file the vault signed: it was changed after export.` }]);
    });
  }

  for (const [field, edit, named] of [
    ['exportedAt', (m: Manifest) => {
        m.exportedAt = '2026-01-01T00:00:00.000Z';
      }, /exportedAt in manifest.json \(2026-01-01T00:00:00.000Z\) is not what the vault signed/],
    ['exportedBy', (m: Manifest) => {
        m.exportedBy = 'Someone Else';
      }, /exportedBy in manifest.json \(Someone Else\) is not what the vault signed \(Dana Advocate\)/],
    ['counts', (m: Manifest) => {
        m.counts.records += 1;
      }, /counts in manifest.json are not the counts the vault signed/],
  ] as const) {
    it(`${field} changed in the manifest`, async () => {
      const report = await verifyBundle(
        await tamper(bundle, async (f) => {
          const m = readManifest(f);
          edit(m);
          writeManifest(f, m);
          await resum(f);
        }),
      );
      expect(unsignedProblems(report)).toEqual([]);
      expect(codes(report)).toEqual(['signature-mismatch']);
      expect(messages(report)).toMatch(/manifest.json is not the manifest the vault signed/);
      expect(messages(report)).toMatch(named);
    });
  }

  it('a custody log whose "captured" entries name records that are gone (even signed again with the vault key)', async () => {
    const rewrite = async (f: Map<string, Uint8Array>) => {
      const m = readManifest(f);
      const gone = m.records.at(-1)!;
      for (const a of gone.artifacts) f.delete(a.path);
      m.records = m.records.slice(0, -1);
      m.chain.records = m.chain.records.slice(0, -1);
      const last = m.chain.records.at(-1)!;
      m.chain.head = { seq: last.seq, hash: last.recordHash };
      m.counts = { ...m.counts, records: m.records.length, artifacts: m.counts.artifacts - gone.artifacts.length, artifactBytes: m.counts.artifactBytes - gone.artifacts.reduce((b, a) => b + a.size, 0) };
      writeManifest(f, m);
      return gone;
    };
    let goneId = '';
    const forged = await verifyBundle(
      await tamper(bundle, async (f) => {
        goneId = (await rewrite(f)).record.id;
        await resum(f);
      }),
    );
    expect(forged.ok).toBe(false);
    expect(forged.problems).toContainEqual(expect.objectContaining({ code: 'custody-break', recordId: goneId, message: expect.stringMatching(/was captured, but that record is not in the bundle's chain: it was removed/) }));
    expect(codes(forged)).toContain('signed-head');
    // Signed again by the vault itself, the custody check alone still names it.
    const resigned = await verifyBundle(
      await tamper(bundle, async (f) => {
        await rewrite(f);
        await resign(f, vault);
      }),
    );
    expect(resigned.problems.filter((p) => p.code === 'custody-break').map((p) => p.recordId)).toEqual([goneId]);
  });

  it('a consistent rewrite: one capture time moved back 30 days, every record hash, the chain, the custody log and SHA256SUMS recomputed', async () => {
    let target = 0;
    const report = await verifyBundle(
      await tamper(bundle, async (f) => {
        const m = readManifest(f);
        const victim = m.records.find((r) => !r.record.deleted)!;
        target = victim.record.seq;
        victim.record.capturedAt = new Date(Date.parse(victim.record.capturedAt) - 30 * 86_400_000).toISOString();
        const byId = new Map(m.records.map((r) => [r.record.id, r.record]));
        const renamed = new Map<string, string>();
        let prev = m.chain.genesis;
        for (const entry of m.chain.records) {
          const record = byId.get(entry.id)!;
          record.chain.prevHash = prev;
          const old = record.chain.recordHash;
          record.chain.recordHash = await computeRecordHash(record);
          renamed.set(old, record.chain.recordHash);
          entry.prevHash = prev;
          entry.recordHash = record.chain.recordHash;
          prev = record.chain.recordHash;
        }
        m.chain.head = { seq: m.chain.records.at(-1)!.seq, hash: prev };
        const events = readCustody(f).map((e) => {
          let detail = e.detail;
          for (const [from, to] of renamed) detail = detail?.replaceAll(from, to);
          return { ...e, ...(detail !== undefined && { detail }) };
        });
        await writeCustody(f, m, events);
        writeManifest(f, m);
        await resum(f);
      }),
    );
    expect(unsignedProblems(report)).toEqual([]); // today's checks see nothing
    expect(report.ok).toBe(false);
    expect(messages(report)).toMatch(/manifest.json is not the manifest the vault signed/);
    expect(messages(report)).toMatch(/chain head in manifest.json \(record #\d+\) is not the head the vault signed at export/);
    expect(messages(report)).toMatch(/not the record the vault signed as its chain head when it was added/);
    expect(target).toBeGreaterThan(0);
  });

  it('a signature over other content', async () => {
    const { signature } = await vault.signExportStatement({ type: 'holdfast-export-statement', exportId: 'another export' });
    const report = await verifyBundle(
      await tamper(bundle, async (f) => {
        const sig = JSON.parse(decode(f.get(FILES.signature))) as SignatureFile;
        sig.signature = signature;
        f.set(FILES.signature, enc.encode(JSON.stringify(sig)));
        await resum(f);
      }),
    );
    expect(report.signature?.status).toBe('invalid');
    expect(codes(report)).toEqual(['signature-invalid']);
    expect(messages(report)).toMatch(/signature in SIGNATURE.json does not verify with its key/);
    expect(formatBundleReport(report)).toMatch(/Signature: +DOES NOT VERIFY/);
  });

  it('a public key swapped for another (and everything signed again with it): the fingerprint differs, and the verifier says so', async () => {
    const other = await generateSigningKeyPair(false);
    const otherFp = keyFingerprint(other.spki);
    const report = await verifyBundle(
      await tamper(bundle, async (f) => {
        const sig = JSON.parse(decode(f.get(FILES.signature))) as SignatureFile;
        sig.publicKey = toBase64(other.spki);
        sig.fingerprint = otherFp;
        sig.signature = await signStatement(other.privateKey, sig.statement);
        f.set(FILES.signature, enc.encode(JSON.stringify(sig)));
        await resum(f);
      }),
    );
    expect(report.signature).toMatchObject({ status: 'invalid', fingerprint: otherFp });
    expect(messages(report)).toContain(`The public key in SIGNATURE.json has fingerprint ${otherFp}, but manifest.json names the vault key ${fingerprint}: the key was swapped for another.`);
    expect(formatBundleReport(report)).toContain(`Key fingerprint: ${otherFp}`);

    // Only the key swapped, signature kept: it no longer verifies either.
    const keyOnly = await verifyBundle(
      await tamper(bundle, async (f) => {
        const sig = JSON.parse(decode(f.get(FILES.signature))) as SignatureFile;
        sig.publicKey = toBase64(other.spki);
        f.set(FILES.signature, enc.encode(JSON.stringify(sig)));
        await resum(f);
      }),
    );
    expect(codes(keyOnly)).toEqual(expect.arrayContaining(['signature-invalid', 'signature-key']));
    expect(messages(keyOnly)).toMatch(/says its key's fingerprint is .* but the key in it has fingerprint/);
  });

  it('a fingerprint the person expects that is not the signer’s is named', async () => {
    expect((await verifyBundle(bundle, { expectFingerprint: fingerprint.toUpperCase().replace(/ /g, '-') })).ok).toBe(true);
    const report = await verifyBundle(bundle, { expectFingerprint: '0000 1111 2222 3333 4444 5555 6666 7777' });
    expect(messages(report)).toContain(`signed by the key with fingerprint ${fingerprint}, not by the expected 0000 1111 2222 3333 4444 5555 6666 7777`);
  });
});

describe('unsigned and malformed signatures', () => {
  const strip = async (f: Map<string, Uint8Array>, formatVersion: number) => {
    f.delete(FILES.signature);
    const m = readManifest(f);
    m.formatVersion = formatVersion as Manifest['formatVersion'];
    delete m.signing;
    m.files = m.files.filter((p) => p !== FILES.signature);
    writeManifest(f, m);
    await resum(f);
  };

  it('an older (format 3) bundle verifies as "unsigned (older format)", never as signed', async () => {
    const report = await verifyBundle(await tamper(bundle, (f) => strip(f, 3)));
    expect(report.ok).toBe(true);
    expect(report.signature).toEqual({ status: 'unsigned' });
    expect(formatBundleReport(report)).toMatch(/Signature: +none — unsigned \(older format\)/);
    expect(formatBundleReport(report)).not.toMatch(/signed by the vault key/);
  });

  it('a format-4 bundle without SIGNATURE.json is refused as unsigned', async () => {
    const report = await verifyBundle(await tamper(bundle, (f) => strip(f, 4)));
    expect(report.ok).toBe(false);
    expect(codes(report)).toContain('signature-missing');
    expect(report.signature?.status).toBe('invalid');
  });

  it('SIGNATURE.json that is not JSON, not a signature, or holds no usable key', async () => {
    for (const [text, named] of [
      ['{ not json', /SIGNATURE.json is not valid JSON/],
      ['{"format":"something-else"}', /not a Holdfast export signature/],
    ] as const) {
      const report = await verifyBundle(
        await tamper(bundle, async (f) => {
          f.set(FILES.signature, enc.encode(text));
          await resum(f);
        }),
      );
      expect(report.ok).toBe(false);
      expect(messages(report)).toMatch(named);
    }
    const badKey = await verifyBundle(
      await tamper(bundle, async (f) => {
        const sig = JSON.parse(decode(f.get(FILES.signature))) as SignatureFile;
        sig.publicKey = 'AAAA';
        f.set(FILES.signature, enc.encode(JSON.stringify(sig)));
        await resum(f);
      }),
    );
    expect(messages(badKey)).toMatch(/public key in SIGNATURE.json is not an ECDSA P-256 key/);
  });
});

describe('import and the signature', () => {
  it('refuses a bundle whose signature fails, even when unsigned bundles are accepted; takes the signed one', async () => {
    const forged = await tamper(bundle, async (f) => {
      await dropNewest(f, 1);
    });
    const target = await openVault(freshDbName('signature-import'));
    try {
      for (const acceptUnsigned of [false, true]) {
        const result = await importBundle(target, forged, { acceptUnsigned });
        expect(result).toMatchObject({ status: 'refused', refusal: 'tampered', imported: [] });
        expect(result.reason).toMatch(/does not verify/);
      }
      expect(await target.count()).toBe(0);
      const ok = await importBundle(target, bundle);
      expect(ok.status).toBe('imported');
      expect(ok.report.signature?.status).toBe('signed');
    } finally {
      target.close();
    }
  });
});
