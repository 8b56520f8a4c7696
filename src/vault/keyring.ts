/**
 * The keyring (keys store, id 'keyring'): making one, and opening the data key from a passphrase, a recovery key or
 * a session key. WebCrypto only; no IndexedDB. See crypto.ts for the key hierarchy.
 */
import { VaultError } from './api';
import {
  type DataKeys,
  deriveDataKeys,
  formatRecoveryKey,
  generateVaultKeyPair,
  newRecoveryBytes,
  OpenError,
  open,
  openJson,
  parseRecoveryKey,
  passphraseKey,
  randomBytes,
  recoveryWrapKey,
  seal,
  sealJson,
} from './crypto';
import type { Keyring } from './storage';

const AAD_PASSPHRASE = 'keyring:dk:passphrase';
const AAD_RECOVERY = 'keyring:dk:recovery';
const AAD_PRIVATE = 'keyring:ecdh-private';
const AAD_CHECK = 'keyring:check';

/** The data key in use in this context. */
export interface HeldKey {
  keyId: string;
  raw: Uint8Array;
  keys: DataKeys;
  /** The vault's ECDH private key (pkcs8): opens drop keys. */
  privateKey: Uint8Array;
}

export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.trim().length === 0) {
    throw new VaultError('invalid', 'The passphrase is empty. Choose a passphrase you can remember.');
  }
}

async function wrapByPassphrase(dk: Uint8Array, passphrase: string, iterations: number): Promise<Pick<Keyring, 'kdf' | 'byPassphrase'>> {
  const kdf = { alg: 'PBKDF2-SHA-256' as const, iterations, salt: randomBytes(16) };
  const kek = await passphraseKey(passphrase, kdf);
  return { kdf, byPassphrase: await seal(kek, dk, AAD_PASSPHRASE) };
}

async function wrapByRecovery(dk: Uint8Array): Promise<{ byRecovery: Uint8Array; recoveryKey: string }> {
  const bytes = newRecoveryBytes();
  const byRecovery = await seal(await recoveryWrapKey(bytes), dk, AAD_RECOVERY);
  return { byRecovery, recoveryKey: formatRecoveryKey(bytes) };
}

/** A new data key, wrapped by the passphrase and a new recovery key, with a new ECDH key pair. */
export async function createKeyring(passphrase: string, iterations: number, rev: number): Promise<{ keyring: Keyring; held: HeldKey; recoveryKey: string }> {
  checkPassphrase(passphrase);
  const raw = randomBytes(32);
  const keyId = globalThis.crypto.randomUUID();
  const keys = await deriveDataKeys(raw);
  const pair = await generateVaultKeyPair();
  const [byPass, byRec, privateKey, check] = await Promise.all([
    wrapByPassphrase(raw, passphrase, iterations),
    wrapByRecovery(raw),
    seal(keys.seal, pair.privateKey, AAD_PRIVATE),
    sealJson(keys.seal, keyId, AAD_CHECK),
  ]);
  const keyring: Keyring = { id: 'keyring', rev, keyId, ...byPass, byRecovery: byRec.byRecovery, publicKey: pair.publicKey, privateKey, check };
  return { keyring, held: { keyId, raw, keys, privateKey: pair.privateKey }, recoveryKey: byRec.recoveryKey };
}

const wrong = (what: string) =>
  new VaultError('wrong-secret', `That ${what} does not open this vault. Nothing was changed. Check it and try again.`);

/** The raw data key from a passphrase or recovery key; VaultError 'wrong-secret' when it does not open. */
export async function unwrapDataKey(keyring: Keyring, secret: { passphrase: string } | { recoveryKey: string }): Promise<Uint8Array> {
  if ('passphrase' in secret) {
    if (typeof secret.passphrase !== 'string') throw wrong('passphrase');
    try {
      return await open(await passphraseKey(secret.passphrase, keyring.kdf), keyring.byPassphrase, AAD_PASSPHRASE);
    } catch (error) {
      if (error instanceof OpenError) throw wrong('passphrase');
      throw error;
    }
  }
  const bytes = parseRecoveryKey(String(secret.recoveryKey ?? ''));
  try {
    return await open(await recoveryWrapKey(bytes), keyring.byRecovery, AAD_RECOVERY);
  } catch (error) {
    if (error instanceof OpenError) throw wrong('recovery key');
    throw error;
  }
}

/** Derives the working keys from a raw data key and checks it is this keyring's; VaultError 'wrong-secret' if not. */
export async function holdDataKey(keyring: Keyring, raw: Uint8Array, what = 'key'): Promise<HeldKey> {
  if (!(raw instanceof Uint8Array) || raw.byteLength !== 32) throw wrong(what);
  const copy = raw.slice();
  const keys = await deriveDataKeys(copy);
  try {
    const keyId = await openJson<string>(keys.seal, keyring.check, AAD_CHECK);
    if (keyId !== keyring.keyId) throw new OpenError(AAD_CHECK);
    const privateKey = await open(keys.seal, keyring.privateKey, AAD_PRIVATE);
    return { keyId, raw: copy, keys, privateKey };
  } catch (error) {
    if (error instanceof OpenError) throw wrong(what);
    throw error;
  }
}

/** The keyring with the data key wrapped by a new passphrase (new salt, calibrated iterations). */
export async function rewrapPassphrase(keyring: Keyring, raw: Uint8Array, passphrase: string, iterations: number): Promise<Keyring> {
  checkPassphrase(passphrase);
  return { ...keyring, ...(await wrapByPassphrase(raw, passphrase, iterations)), rev: keyring.rev + 1 };
}

export async function rewrapRecovery(keyring: Keyring, raw: Uint8Array): Promise<{ keyring: Keyring; recoveryKey: string }> {
  const { byRecovery, recoveryKey } = await wrapByRecovery(raw);
  return { keyring: { ...keyring, byRecovery, rev: keyring.rev + 1 }, recoveryKey };
}
