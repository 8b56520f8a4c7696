import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  generateSigningKeyPair,
  headStatement,
  importPublicKey,
  keyFingerprint,
  normalizeFingerprint,
  publicKeyPem,
  signStatement,
  statementBytes,
  toBase64,
  signWaczDigest,
  verifyStatement,
  verifyWaczDigest,
} from './signature';

describe('keyFingerprint', () => {
  it('is the first 16 bytes of SHA-256 over the SPKI in 8 groups of 4 hex digits', () => {
    const spki = Uint8Array.from({ length: 91 }, (_v, i) => (i * 13 + 5) % 256);
    const hex = createHash('sha256').update(spki).digest('hex').slice(0, 32);
    const fp = keyFingerprint(spki);
    expect(fp).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(fp.replace(/ /g, '')).toBe(hex);
  });

  it('differs for another key and refuses no key', async () => {
    const a = await generateSigningKeyPair(false);
    const b = await generateSigningKeyPair(false);
    expect(keyFingerprint(a.spki)).not.toBe(keyFingerprint(b.spki));
    expect(() => keyFingerprint(new Uint8Array())).toThrow(/no public key/);
  });

  it('normalizes a typed fingerprint and refuses one of the wrong length', () => {
    expect(normalizeFingerprint('3F2A-9C01-0000-1111-2222-3333-4444-5555')).toBe('3f2a 9c01 0000 1111 2222 3333 4444 5555');
    expect(normalizeFingerprint('3f2a9c01')).toBeUndefined();
    expect(normalizeFingerprint('zz2a 9c01 0000 1111 2222 3333 4444 5555')).toBeUndefined();
  });
});

describe('signStatement / verifyStatement', () => {
  it('verifies its own signature, and OpenSSL (node:crypto) agrees with the PEM and r‖s encoding', async () => {
    const pair = await generateSigningKeyPair(false);
    const statement = headStatement(7, 'ab'.repeat(32));
    const sig = await signStatement(pair.privateKey, statement);
    expect(fromBase64(sig)).toHaveLength(64);
    expect(await verifyStatement(await importPublicKey(pair.spki), statement, sig)).toBe(true);
    const pem = createPublicKey(publicKeyPem(pair.spki));
    expect(nodeVerify('sha256', statementBytes(statement), { key: pem, dsaEncoding: 'ieee-p1363' }, fromBase64(sig)!)).toBe(true);
  });

  it('fails for other content, another key, and malformed signatures', async () => {
    const pair = await generateSigningKeyPair(false);
    const other = await generateSigningKeyPair(false);
    const statement = headStatement(7, 'ab'.repeat(32));
    const sig = await signStatement(pair.privateKey, statement);
    const key = await importPublicKey(pair.spki);
    expect(await verifyStatement(key, headStatement(6, 'ab'.repeat(32)), sig)).toBe(false);
    expect(await verifyStatement(await importPublicKey(other.spki), statement, sig)).toBe(false);
    expect(await verifyStatement(key, statement, 'not base64!')).toBe(false);
    expect(await verifyStatement(key, statement, toBase64(new Uint8Array(63)))).toBe(false);
    expect(await verifyStatement(key, statement, toBase64(new Uint8Array(64)))).toBe(false);
  });

  it('a statement is the same bytes whatever the key order; keys that are not P-256 SPKI are refused', async () => {
    expect(new TextDecoder().decode(statementBytes({ b: 1, a: { d: [1, 'x'], c: null } }))).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(() => statementBytes({ a: Number.NaN })).toThrow(/finite/);
    await expect(importPublicKey(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not an ECDSA P-256 public key/);
  });

  it('base64 round-trips every length and refuses what is not base64', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_v, i) => (i * 97 + n) % 256);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(fromBase64('abc')).toBeUndefined();
    expect(fromBase64('ab$=')).toBeUndefined();
    expect(fromBase64(42)).toBeUndefined();
  });

  it('signs a chain head in well under 5 ms (printed, not asserted)', async () => {
    const pair = await generateSigningKeyPair(false);
    const n = 200;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await signStatement(pair.privateKey, headStatement(i + 1, 'cd'.repeat(32)));
    const ms = (performance.now() - t0) / n;
    console.log(`[signature] signing a chain head: ${ms.toFixed(3)} ms each (${n} heads)`);
    expect(ms).toBeGreaterThan(0);
  });
});

describe('signWaczDigest / verifyWaczDigest (WACZ signing spec, anonymous signature)', () => {
  it('signs the UTF-8 text of the hash; Node reads it as an IEEE P1363 ECDSA signature with SHA-256', async () => {
    const { privateKey, publicKey, spki } = await generateSigningKeyPair(false);
    const hash = `sha256:${'0f'.repeat(32)}`;
    const sig = await signWaczDigest(privateKey, hash);
    expect(fromBase64(sig)!.byteLength).toBe(64);
    const node = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(nodeVerify('sha256', Buffer.from(hash, 'utf8'), { key: node, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64'))).toBe(true);
    expect(await verifyWaczDigest(publicKey, hash, sig)).toBe(true);
    expect(await verifyWaczDigest(publicKey, `sha256:${'1f'.repeat(32)}`, sig)).toBe(false);
    expect(await verifyWaczDigest(publicKey, hash, 'not base64')).toBe(false);
    expect(await verifyWaczDigest(publicKey, hash, toBase64(new Uint8Array(70)))).toBe(false);
  });
  it('refuses to sign anything but "sha256:" and 64 lower-case hex digits', async () => {
    const { privateKey } = await generateSigningKeyPair(false);
    for (const text of ['{"type":"holdfast-chain-head"}', 'sha256:abc', `sha512:${'0'.repeat(64)}`, `sha256:${'0'.repeat(64)} `]) {
      await expect(signWaczDigest(privateKey, text)).rejects.toThrow(TypeError);
    }
  });
});
