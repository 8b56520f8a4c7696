/**
 * Signatures of a vault (issue #15): ECDSA P-256 with SHA-256, WebCrypto only. Pure: no IndexedDB, no DOM, no extension
 * API, so the vault, the export and the Node verifier share one definition of what is signed and how.
 *
 * - The public key travels as SPKI (DER), base64. Its fingerprint is the first 16 bytes of SHA-256 over the SPKI as
 *   8 groups of 4 lower-case hex digits ("3f2a 9c01 …"): short enough to read aloud and compare with the vault page.
 * - A signature is WebCrypto's ECDSA output: r ‖ s, 64 bytes (IEEE P1363, not DER), base64.
 * - What is signed is always the canonical JSON (sorted keys, no whitespace) of an object whose `type` names what it is
 *   (a chain head, an export statement), so a signature over one kind of statement can never stand for another.
 *   One exception, fixed by a format that is not ours: a WACZ's datapackage-digest.json (WACZ signing spec 0.1.0,
 *   "anonymous signature") signs the UTF-8 text of its `hash`, "sha256:" and 64 hex digits, exactly as wabac.js and
 *   py-wacz verify it. Only text of that shape is signed that way (it can never be the canonical JSON of a statement,
 *   which starts with "{"), so the vault key still cannot sign bytes of another's choosing.
 */
import { createSha256 } from './sha256';

export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256' as const;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A chain head as the vault signs it when records are added: `{ type, seq, hash }`. */
export const HEAD_STATEMENT_TYPE = 'holdfast-chain-head' as const;

/** The last link of the record chain, with the vault key's signature over `headStatement(seq, hash)`. */
export interface SignedHead {
  seq: number;
  hash: string;
  /** base64 r ‖ s. */
  sig: string;
  /** When it was signed (UTC ISO-8601): informative, not signed. */
  at?: string;
}

export function headStatement(seq: number, hash: string): { type: typeof HEAD_STATEMENT_TYPE; seq: number; hash: string } {
  return { type: HEAD_STATEMENT_TYPE, seq, hash };
}

/** The fingerprint of an SPKI public key: the first 16 bytes of its SHA-256 as 8 space-separated groups of 4 hex digits. */
export function keyFingerprint(spki: Uint8Array): string {
  if (!(spki instanceof Uint8Array) || spki.byteLength === 0) throw new TypeError('keyFingerprint: no public key');
  const h = createSha256();
  h.update(spki);
  const hex = h.digestHex().slice(0, 32);
  return hex.match(/.{4}/g)!.join(' ');
}

/** A fingerprint as typed or pasted (any case, spaces, dashes or colons) in its canonical form, or undefined if it is not one. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = String(text ?? '')
    .toLowerCase()
    .replace(/[\s:-]/g, '');
  return /^[0-9a-f]{32}$/.test(hex) ? hex.match(/.{4}/g)!.join(' ') : undefined;
}

/** Canonical JSON of a statement (keys sorted at every depth, no whitespace); refuses what JSON cannot carry. */
export function statementBytes(statement: unknown): Uint8Array {
  return new TextEncoder().encode(canonical(statement, '$'));
}

function canonical(value: unknown, path: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`statement: ${path} is not a finite number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => (v === undefined ? 'null' : canonical(v, `${path}[${i}]`))).join(',')}]`;
  if (typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]') {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .sort()
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k], `${path}.${k}`)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`statement: ${path} is not plain JSON`);
}

/** A new key pair. `extractable` only where the private key is sealed under the data key at once (encrypted vault). */
export async function generateSigningKeyPair(extractable: boolean): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; spki: Uint8Array }> {
  const pair = (await globalThis.crypto.subtle.generateKey(ECDSA, extractable, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spki };
}

export async function exportPrivateKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', key));
}

/** A private key from pkcs8, NOT extractable (the session form of a sealed key). */
export function importPrivateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, ECDSA, false, ['sign']);
}

/** The public key from SPKI bytes; TypeError if they are not a P-256 public key. */
export async function importPublicKey(spki: Uint8Array): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, ECDSA, true, ['verify']);
  } catch (error) {
    throw new TypeError(`not an ECDSA P-256 public key (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Signs the canonical JSON of `statement`; base64 r ‖ s. */
export async function signStatement(key: CryptoKey, statement: unknown): Promise<string> {
  const sig = await globalThis.crypto.subtle.sign(SIGN, key, statementBytes(statement) as Uint8Array<ArrayBuffer>);
  return toBase64(new Uint8Array(sig));
}

/** Whether `sig` (base64 r ‖ s) is the key's signature over the canonical JSON of `statement`; false for any malformed input. */
export async function verifyStatement(key: CryptoKey, statement: unknown, sig: string): Promise<boolean> {
  const bytes = fromBase64(sig);
  if (bytes?.byteLength !== 64) return false;
  try {
    return await globalThis.crypto.subtle.verify(SIGN, key, bytes as Uint8Array<ArrayBuffer>, statementBytes(statement) as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/** The one shape of text a WACZ digest signature covers: "sha256:" and 64 lower-case hex digits. */
export const WACZ_DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Signs a WACZ datapackage hash ("sha256:<hex>", the `hash` of datapackage-digest.json) as the WACZ signing spec wants:
 * ECDSA with SHA-256 over the UTF-8 bytes of that text; base64 of WebCrypto's r ‖ s (what wabac.js hands to
 * crypto.subtle.verify, and py-wacz's DSS 'fips-186-3' in its default binary encoding reads). TypeError for other text.
 */
export async function signWaczDigest(key: CryptoKey, hash: string): Promise<string> {
  if (typeof hash !== 'string' || !WACZ_DIGEST_PATTERN.test(hash)) throw new TypeError('signWaczDigest: only "sha256:" and 64 hex digits are signed');
  const sig = await globalThis.crypto.subtle.sign(SIGN, key, new TextEncoder().encode(hash));
  return toBase64(new Uint8Array(sig));
}

/** Whether `sig` (base64 r ‖ s) is the key's WACZ signature over `hash`; false for any malformed input. */
export async function verifyWaczDigest(key: CryptoKey, hash: string, sig: string): Promise<boolean> {
  const bytes = fromBase64(sig);
  if (bytes?.byteLength !== 64 || typeof hash !== 'string' || !WACZ_DIGEST_PATTERN.test(hash)) return false;
  try {
    return await globalThis.crypto.subtle.verify(SIGN, key, bytes as Uint8Array<ArrayBuffer>, new TextEncoder().encode(hash));
  } catch {
    return false;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

/** Strict base64 (standard alphabet, padded); undefined when the text is not base64. */
export function fromBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => (text[i + j] === '=' ? 0 : B64.indexOf(text[i + j]!)));
    const v = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    if (o < out.length) out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** The public key as PEM ("-----BEGIN PUBLIC KEY-----"), for `openssl`. */
export function publicKeyPem(spki: Uint8Array): string {
  const b64 = toBase64(spki);
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
