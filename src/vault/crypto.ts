/**
 * Encryption at rest: the key hierarchy and the sealing primitives. WebCrypto only (`crypto.subtle`), no library, no
 * WASM (which would need `'wasm-unsafe-eval'` in the extension's CSP). No IndexedDB, no DOM, no extension API.
 *
 * passphrase ──PBKDF2-SHA-256 (≥ 600,000 iterations, calibrated, random salt)──► KEK ─┐
 * recovery key (160 random bits, base32) ──HKDF──► RK ────────────────────────────────┼─ AES-GCM wrap ─► DK (32 random bytes)
 * DK ──HKDF──► seal key (AES-256-GCM, every sealed row) and blind key (HMAC-SHA-256, author keys)
 * vault ECDH P-256 key pair: public key in the plaintext keyring, private key sealed with the seal key.
 * drop key (random AES-256-GCM, one per locked context) sealed to the public key: ephemeral ECDH + HKDF.
 *
 * A sealed blob is `nonce (12 bytes) ‖ AES-GCM ciphertext+tag`; the row's identity is bound as associated data, so
 * a blob moved to another row does not open.
 */
import { VaultError } from './api';

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Never fewer PBKDF2-SHA-256 iterations than this (OWASP 2023 guidance). */
export const MIN_KDF_ITERATIONS = 600_000;
/** What calibration aims at on this device: the target is 0.5–1 s (a busy machine unlocks slower). */
export const DEFAULT_KDF_TARGET_MS = 500;

export interface KdfParams {
  alg: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
}

type Bytes = Uint8Array<ArrayBuffer>;
const buf = (bytes: Uint8Array): Bytes => bytes as Bytes;

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

async function pbkdf2Bits(passphrase: string, salt: Uint8Array, iterations: number): Promise<ArrayBuffer> {
  const base = await subtle().importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations }, base, 256);
}

/**
 * Iterations for about `targetMs` of PBKDF2 on this device, never fewer than MIN_KDF_ITERATIONS, rounded to 10,000.
 * Measured three times with 300,000 iterations; the median counts (one slow or fast probe does not decide).
 */
export async function calibrateIterations(targetMs = DEFAULT_KDF_TARGET_MS): Promise<number> {
  if (targetMs <= 0) return MIN_KDF_ITERATIONS;
  const probe = 300_000;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await pbkdf2Bits('calibration', randomBytes(16), probe);
    times.push(performance.now() - t0);
  }
  const ms = Math.max(1, times.sort((a, b) => a - b)[1] as number);
  const wanted = Math.round((probe * targetMs) / ms / 10_000) * 10_000;
  return Math.max(MIN_KDF_ITERATIONS, wanted);
}

/** The key-encryption key from a passphrase. */
export async function passphraseKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  if (kdf.alg !== 'PBKDF2-SHA-256' || !(kdf.iterations >= MIN_KDF_ITERATIONS)) {
    throw new VaultError('invalid', 'The vault’s key settings are not ones Holdfast accepts.');
  }
  const bits = await pbkdf2Bits(passphrase, kdf.salt, kdf.iterations);
  return subtle().importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function hkdf(secret: Uint8Array, info: string, algorithm: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', buf(secret), 'HKDF', false, ['deriveKey']);
  const derived: AesKeyGenParams | HmacKeyGenParams =
    algorithm.name === 'HMAC' ? { name: 'HMAC', hash: 'SHA-256', length: 256 } : { name: 'AES-GCM', length: 256 };
  return subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(info) }, base, derived, false, usages);
}

/** The key that wraps DK for a recovery key (160 random bits need no stretching). */
export function recoveryWrapKey(recovery: Uint8Array): Promise<CryptoKey> {
  return hkdf(recovery, 'holdfast/v1/recovery-wrap', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);
}

/** The working keys derived from the data key. */
export interface DataKeys {
  /** AES-256-GCM: every sealed row, and the vault's ECDH private key. */
  seal: CryptoKey;
  /** HMAC-SHA-256: blind author keys. */
  blind: CryptoKey;
}

export async function deriveDataKeys(dk: Uint8Array): Promise<DataKeys> {
  if (dk.byteLength !== 32) throw new VaultError('wrong-secret', 'This key is not a Holdfast vault key.');
  const [seal, blind] = await Promise.all([
    hkdf(dk, 'holdfast/v1/seal', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    hkdf(dk, 'holdfast/v1/blind', { name: 'HMAC', hash: 'SHA-256' }, ['sign']),
  ]);
  return { seal, blind };
}

/** AES-256-GCM with a fresh 96-bit nonce; `aad` binds the blob to its place. Returns nonce ‖ ciphertext. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Uint8Array> {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: encoder.encode(aad) }, key, buf(plaintext)));
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv, 0);
  out.set(ct, 12);
  return out;
}

/** Opens a sealed blob; throws OpenError when the key is wrong or the blob was changed or moved. */
export async function open(key: CryptoKey, blob: Uint8Array, aad: string): Promise<Uint8Array> {
  if (!(blob instanceof Uint8Array) || blob.byteLength < 28) throw new OpenError(aad);
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: buf(blob.subarray(0, 12)), additionalData: encoder.encode(aad) }, key, buf(blob.subarray(12))),
    );
  } catch {
    throw new OpenError(aad);
  }
}

/**
 * AES-256-GCM like `seal`, with the nonce kept apart from the ciphertext: no copy of a large plaintext's ciphertext
 * just to put the nonce in front (chunks of large artifacts).
 */
export async function sealDetached(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<{ iv: Uint8Array; ct: Uint8Array }> {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: encoder.encode(aad) }, key, buf(plaintext)));
  return { iv, ct };
}

/** Opens what sealDetached made; throws OpenError when the key is wrong or the data was changed or moved. */
export async function openDetached(key: CryptoKey, sealed: { iv: Uint8Array; ct: Uint8Array }, aad: string): Promise<Uint8Array> {
  if (!(sealed.iv instanceof Uint8Array) || sealed.iv.byteLength !== 12 || !(sealed.ct instanceof Uint8Array) || sealed.ct.byteLength < 16) throw new OpenError(aad);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: buf(sealed.iv), additionalData: encoder.encode(aad) }, key, buf(sealed.ct)));
  } catch {
    throw new OpenError(aad);
  }
}

/** A sealed blob that does not open with the key and place it claims. */
export class OpenError extends Error {
  constructor(readonly aad: string) {
    super(`sealed data for ${aad} does not open`);
    this.name = 'OpenError';
  }
}

export const sealJson = (key: CryptoKey, value: unknown, aad: string): Promise<Uint8Array> => seal(key, encoder.encode(JSON.stringify(value)), aad);

export async function openJson<T>(key: CryptoKey, blob: Uint8Array, aad: string): Promise<T> {
  return JSON.parse(decoder.decode(await open(key, blob, aad))) as T;
}

/** A blind index entry: HMAC-SHA-256 of the author key, base64url. Equal keys give equal entries; nothing else shows. */
export async function blindKey(key: CryptoKey, authorKey: string): Promise<string> {
  const mac = new Uint8Array(await subtle().sign('HMAC', key, encoder.encode(authorKey)));
  return `b:${toBase64Url(mac)}`;
}

// ---- ECDH P-256: capture while locked ----

export interface VaultKeyPair {
  publicKey: Uint8Array; // raw uncompressed point
  privateKey: Uint8Array; // pkcs8
}

export async function generateVaultKeyPair(): Promise<VaultKeyPair> {
  const pair = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const [publicKey, privateKey] = await Promise.all([subtle().exportKey('raw', pair.publicKey), subtle().exportKey('pkcs8', pair.privateKey)]);
  return { publicKey: new Uint8Array(publicKey), privateKey: new Uint8Array(privateKey) };
}

async function ecdhWrapKey(privateKey: CryptoKey, publicKey: Uint8Array, info: string): Promise<CryptoKey> {
  const peer = await subtle().importKey('raw', buf(publicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const shared = new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
  return hkdf(shared, info, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);
}

/** A drop key as stored: sealed to the vault's public key. */
export interface SealedDropKey {
  id: string;
  /** The ephemeral public key (raw). */
  epk: Uint8Array;
  wrapped: Uint8Array;
  at: string;
}

/** A new random drop key, and its entry sealed to `vaultPublicKey` (only the vault's private key opens it). */
export async function newDropKey(vaultPublicKey: Uint8Array): Promise<{ key: CryptoKey; entry: SealedDropKey }> {
  const id = `drop:${globalThis.crypto.randomUUID()}`;
  const raw = randomBytes(32);
  const eph = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const wrapKey = await ecdhWrapKey(eph.privateKey, vaultPublicKey, 'holdfast/v1/drop-wrap');
  const wrapped = await seal(wrapKey, raw, `keys:${id}`);
  const epk = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const key = await subtle().importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return { key, entry: { id, epk, wrapped, at: new Date().toISOString() } };
}

export async function openDropKey(vaultPrivateKey: Uint8Array, entry: SealedDropKey): Promise<CryptoKey> {
  const priv = await subtle().importKey('pkcs8', buf(vaultPrivateKey), { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const wrapKey = await ecdhWrapKey(priv, entry.epk, 'holdfast/v1/drop-wrap');
  const raw = await open(wrapKey, entry.wrapped, `keys:${entry.id}`);
  const key = await subtle().importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

// ---- Recovery key: 160 random bits + 20 check bits, Crockford base32, nine groups of four ----

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_BYTES = 20;
const DATA_CHARS = 32; // 160 bits / 5
const CHECK_CHARS = 4; // 20 bits
export const RECOVERY_CHARS = DATA_CHARS + CHECK_CHARS;

export function newRecoveryBytes(): Uint8Array {
  return randomBytes(RECOVERY_BYTES);
}

export function formatRecoveryKey(bytes: Uint8Array): string {
  if (bytes.byteLength !== RECOVERY_BYTES) throw new Error('a recovery key has 20 bytes');
  const chars = base32(bytes) + checkChars(bytes);
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/**
 * The bytes of a typed recovery key. Spaces, dashes and case do not matter; O is read as 0 and I, L as 1. A typo is
 * caught by the check characters and told in plain words (VaultError 'invalid'), before any key is tried.
 */
export function parseRecoveryKey(text: string): Uint8Array {
  const cleaned = text.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bad = [...cleaned].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) {
    throw new VaultError('invalid', `A recovery key has only the digits 0–9 and the letters A–Z without U; “${bad}” is not one of them. Check what you typed.`);
  }
  if (cleaned.length !== RECOVERY_CHARS) {
    throw new VaultError('invalid', `A recovery key has ${RECOVERY_CHARS} letters and digits (nine groups of four); this one has ${cleaned.length}. Check for a missing or extra group.`);
  }
  const bytes = unbase32(cleaned.slice(0, DATA_CHARS));
  if (checkChars(bytes) !== cleaned.slice(DATA_CHARS)) {
    throw new VaultError('invalid', 'This recovery key has a typing mistake: its letters and digits do not add up. Compare each group with the one you wrote down.');
  }
  return bytes;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of text) {
    acc = (acc << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
    acc &= (1 << bits) - 1;
  }
  return new Uint8Array(out);
}

/** 20 check bits: CRC-32 of the bytes, top 20 bits. Catches every single-character typo and swapped neighbours. */
function checkChars(bytes: Uint8Array): string {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  const top = crc >>> 12;
  let out = '';
  for (let i = CHECK_CHARS - 1; i >= 0; i--) out += ALPHABET[(top >> (i * 5)) & 31];
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
