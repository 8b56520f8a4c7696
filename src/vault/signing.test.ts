import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBase64, headStatement, importPublicKey, keyFingerprint, type SignedHead, statementBytes, verifyStatement, verifyWaczDigest } from '../model/signature';
import { loadDump, type VaultDump } from './fixtures/fixture-io';
import { MIGRATIONS } from './migrations/index';
import { openStorage, type SigningKeyRow } from './storage';
import { freshDbName, rawEdit, rawGet, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

const PASS = 'correct horse battery staple';
const open: VaultImpl[] = [];
afterEach(() => {
  for (const v of open.splice(0)) v.close();
});

async function newVault(name = freshDbName()): Promise<{ vault: VaultImpl; name: string }> {
  const vault = await openVault(name, { kdfTargetMs: 0 });
  open.push(vault);
  return { vault, name };
}

async function headVerifies(publicKey: string, signed: SignedHead): Promise<boolean> {
  return verifyStatement(await importPublicKey(fromBase64(publicKey)!), headStatement(signed.seq, signed.hash), signed.sig);
}

describe('vault signing key (issue #15)', () => {
  it('is made at first use: non-extractable in a plain vault, fingerprint of its SPKI, the same on every call', async () => {
    const { vault, name } = await newVault();
    const id = await vault.signingIdentity();
    expect(id).toBeDefined();
    const row = await rawGet<SigningKeyRow>(name, 'meta', 'signingKey');
    expect(row.privateKey).toBeInstanceOf(CryptoKey);
    expect(row.privateKey?.extractable).toBe(false);
    expect(row.sealed).toBeUndefined();
    expect(id?.fingerprint).toBe(keyFingerprint(row.spki));
    expect(id?.publicKey).toBe(Buffer.from(row.spki).toString('base64'));
    expect((await vault.signingIdentity())?.fingerprint).toBe(id?.fingerprint);
    // A second context opening the same vault uses the same key.
    const { vault: other } = await newVault(name);
    expect((await other.signingIdentity())?.fingerprint).toBe(id?.fingerprint);
  });

  it('signs every chain head as records are added; the signature verifies with the public key and only for that head', async () => {
    const { vault, name } = await newVault();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await vault.addRecord(sampleRecord(), [sampleArtifact(`shot ${i}`)]);
      times.push(performance.now() - t0);
      const signed = await rawGet<SignedHead>(name, 'meta', 'headSig');
      const head = await rawGet<{ seq: number; hash: string }>(name, 'meta', 'head');
      expect([signed.seq, signed.hash]).toEqual([head.seq, head.hash]);
    }
    console.log(`[signing] addRecord with the head signed: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    const id = (await vault.signingIdentity())!;
    const signed = (await vault.signedHead())!;
    expect(signed.seq).toBe(5);
    expect(await headVerifies(id.publicKey, signed)).toBe(true);
    expect(await headVerifies(id.publicKey, { ...signed, seq: 4 })).toBe(false);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5, problems: [] });
  });

  it('verify names the gap when the last 3 records are removed outside Holdfast and the head is moved back', async () => {
    const { vault, name } = await newVault();
    const records = [];
    for (let i = 0; i < 6; i++) records.push(await vault.addRecord(sampleRecord(), []));
    for (const r of records.slice(3)) await rawEdit(name, 'records', (s) => s.delete(r.id));
    const third = records[2]!;
    await rawEdit(name, 'meta', (s) => s.put({ seq: 3, hash: third.chain.recordHash }, 'head'));
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'signature', seq: 4, message: expect.stringMatching(/last signed chain head is record #6.*records #4 to #6 are missing/) }),
    );
  });

  it('verify catches a signed head whose signature was replaced, and a chain rewritten under the signed head', async () => {
    const { vault, name } = await newVault();
    for (let i = 0; i < 2; i++) await vault.addRecord(sampleRecord(), []);
    const signed = await rawGet<SignedHead>(name, 'meta', 'headSig');
    await rawEdit(name, 'meta', (s) => s.put({ ...signed, hash: 'f'.repeat(64) }, 'headSig'));
    expect((await vault.verify()).problems).toContainEqual(expect.objectContaining({ code: 'signature', message: expect.stringMatching(/does not verify/) }));
  });

  it('encrypted: the key is replaced by one sealed with the data key, endorsed by the old one; heads added while locked are signed at unlock', async () => {
    const { vault, name } = await newVault();
    await vault.addRecord(sampleRecord(), []);
    const plain = (await vault.signingIdentity())!;
    await vault.enableEncryption(PASS);
    await vault.addRecord(sampleRecord(), []);
    const sealedId = (await vault.signingIdentity())!;
    expect(sealedId.fingerprint).not.toBe(plain.fingerprint);
    expect(sealedId.previous.map((p) => p.fingerprint)).toEqual([plain.fingerprint]);
    const row = await rawGet<SigningKeyRow>(name, 'meta', 'signingKey');
    expect(row.privateKey).toBeUndefined();
    expect(row.sealed).toBeInstanceOf(Uint8Array);
    const endorsement = row.previous?.[0]?.endorsement as string;
    expect(await verifyStatement(await importPublicKey(fromBase64(plain.publicKey)!), { type: 'holdfast-key-replaced', from: plain.fingerprint, to: sealedId.fingerprint, at: row.previous?.[0]?.until }, endorsement)).toBe(true);
    expect(await headVerifies(sealedId.publicKey, (await vault.signedHead())!)).toBe(true);

    vault.lock();
    await vault.addRecord(sampleRecord(), []); // captured while locked: sealed to a drop key, head not yet signable
    expect((await rawGet<SignedHead>(name, 'meta', 'headSig')).seq).toBe(2);
    expect((await vault.signingIdentity())?.fingerprint).toBe(sealedId.fingerprint); // the public half is readable locked
    await expect(vault.signExportStatement({ type: 'holdfast-export-statement' })).rejects.toMatchObject({ code: 'locked' });
    await vault.unlock({ passphrase: PASS });
    expect((await rawGet<SignedHead>(name, 'meta', 'headSig')).seq).toBe(3);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 3 });

    // Turning encryption off keeps the same key, stored as a non-extractable key again.
    await vault.disableEncryption({ passphrase: PASS });
    const back = await rawGet<SigningKeyRow>(name, 'meta', 'signingKey');
    expect(back.fingerprint).toBe(sealedId.fingerprint);
    expect(back.sealed).toBeUndefined();
    expect(back.privateKey?.extractable).toBe(false);
    await vault.addRecord(sampleRecord(), []);
    expect(await headVerifies(sealedId.publicKey, (await vault.signedHead())!)).toBe(true);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 4 });
  });

  it('signs only export statements', async () => {
    const { vault } = await newVault();
    await expect(vault.signExportStatement({ type: 'holdfast-chain-head' } as never)).rejects.toMatchObject({ code: 'invalid' });
    const statement = { type: 'holdfast-export-statement' as const, exportId: 'x' };
    const { signature, identity } = await vault.signExportStatement(statement);
    expect(await verifyStatement(await importPublicKey(fromBase64(identity.publicKey)!), statement, signature)).toBe(true);
    expect(statementBytes(statement).byteLength).toBeGreaterThan(0);
  });

  it('signs a WACZ datapackage hash, and no other text that way', async () => {
    const { vault } = await newVault();
    const hash = `sha256:${'ab'.repeat(32)}`;
    const { signature, identity } = await vault.signWaczDigest(hash);
    const key = await importPublicKey(fromBase64(identity.publicKey)!);
    expect(await verifyWaczDigest(key, hash, signature)).toBe(true);
    expect(await verifyWaczDigest(key, `sha256:${'cd'.repeat(32)}`, signature)).toBe(false);
    for (const other of ['{"type":"holdfast-export-statement"}', `sha256:${'AB'.repeat(32)}`, `sha256:${'ab'.repeat(32)}\n`, 'sha256:', '']) {
      await expect(vault.signWaczDigest(other)).rejects.toMatchObject({ code: 'invalid' });
    }
  });
});

describe('a vault from before issue #15 (the v6 fixtures, upgraded)', () => {
  async function version6(which: 'v6-plain' | 'v6-encrypted'): Promise<{ name: string; about: Record<string, string> }> {
    const dump = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', `${which}.json`), 'utf8')) as VaultDump;
    const name = freshDbName();
    const v6 = await openStorage(name, MIGRATIONS.slice(0, 6));
    v6.close();
    await loadDump(name, dump);
    return { name, about: dump.about as Record<string, string> };
  }

  it('plain: no key until first use; then its current head is signed and verify holds', async () => {
    const { name } = await version6('v6-plain');
    expect(await rawGet(name, 'meta', 'signingKey')).toBeUndefined();
    const { vault } = await newVault(name);
    const signed = (await vault.signedHead())!;
    const head = await rawGet<{ seq: number; hash: string }>(name, 'meta', 'head');
    expect([signed.seq, signed.hash]).toEqual([head.seq, head.hash]);
    expect(await headVerifies((await vault.signingIdentity())!.publicKey, signed)).toBe(true);
    expect(await vault.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('encrypted and locked: nothing is signed (no key can be made) until it is unlocked', async () => {
    const { name, about } = await version6('v6-encrypted');
    const { vault } = await newVault(name);
    expect(await vault.signingIdentity()).toBeUndefined();
    expect(await vault.signedHead()).toBeUndefined();
    expect(await rawGet(name, 'meta', 'signingKey')).toBeUndefined();
    await vault.unlock({ passphrase: about.passphrase as string });
    const row = await rawGet<SigningKeyRow>(name, 'meta', 'signingKey');
    expect(row.sealed).toBeInstanceOf(Uint8Array);
    expect(row.privateKey).toBeUndefined();
    expect(await headVerifies((await vault.signingIdentity())!.publicKey, (await rawGet<SignedHead>(name, 'meta', 'headSig'))!)).toBe(true);
    expect(await vault.verify()).toMatchObject({ ok: true });
  });
});
