import { describe, expect, it } from 'vitest';
import { VaultError } from './api';
import {
  blindKey,
  calibrateIterations,
  deriveDataKeys,
  formatRecoveryKey,
  generateVaultKeyPair,
  MIN_KDF_ITERATIONS,
  newDropKey,
  newRecoveryBytes,
  OpenError,
  open,
  openDropKey,
  parseRecoveryKey,
  passphraseKey,
  randomBytes,
  seal,
} from './crypto';

const text = (s: string) => new TextEncoder().encode(s);

describe('crypto: sealing', () => {
  it('round-trips with its associated data, and a blob moved elsewhere (other aad) or changed does not open', async () => {
    const { seal: key } = await deriveDataKeys(randomBytes(32));
    const blob = await seal(key, text('hello'), 'record:a');
    expect(new TextDecoder().decode(await open(key, blob, 'record:a'))).toBe('hello');
    await expect(open(key, blob, 'record:b')).rejects.toBeInstanceOf(OpenError);
    const flipped = blob.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await expect(open(key, flipped, 'record:a')).rejects.toBeInstanceOf(OpenError);
    const other = (await deriveDataKeys(randomBytes(32))).seal;
    await expect(open(other, blob, 'record:a')).rejects.toBeInstanceOf(OpenError);
  });

  it('uses a fresh nonce each time: the same plaintext seals differently', async () => {
    const { seal: key } = await deriveDataKeys(randomBytes(32));
    const a = await seal(key, text('same'), 'x');
    const b = await seal(key, text('same'), 'x');
    expect(a.subarray(0, 12)).not.toEqual(b.subarray(0, 12));
    expect(a).not.toEqual(b);
  });

  it('blind keys are stable per data key and differ between vaults', async () => {
    const one = await deriveDataKeys(randomBytes(32));
    const two = await deriveDataKeys(randomBytes(32));
    const k = 'x:@troll';
    expect(await blindKey(one.blind, k)).toBe(await blindKey(one.blind, k));
    expect(await blindKey(one.blind, k)).not.toBe(await blindKey(two.blind, k));
    expect(await blindKey(one.blind, k)).not.toContain('troll');
  });

  it('a passphrase key: the same passphrase and salt give the same key, another passphrase does not open', async () => {
    const kdf = { alg: 'PBKDF2-SHA-256' as const, iterations: MIN_KDF_ITERATIONS, salt: randomBytes(16) };
    const blob = await seal(await passphraseKey('correct horse', kdf), text('dk'), 'w');
    expect(await open(await passphraseKey('correct horse', kdf), blob, 'w')).toEqual(text('dk'));
    await expect(open(await passphraseKey('correct hors', kdf), blob, 'w')).rejects.toBeInstanceOf(OpenError);
    await expect(passphraseKey('x', { ...kdf, iterations: 1000 })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('calibration never goes below 600,000 iterations', async () => {
    expect(await calibrateIterations(0)).toBe(MIN_KDF_ITERATIONS);
    expect(await calibrateIterations(1)).toBe(MIN_KDF_ITERATIONS);
  });
});

describe('crypto: drop keys for capture while locked', () => {
  it('a drop key sealed to the vault public key opens only with the vault private key', async () => {
    const pair = await generateVaultKeyPair();
    const { key, entry } = await newDropKey(pair.publicKey);
    const blob = await seal(key, text('captured while locked'), 'record:r');
    const opened = await openDropKey(pair.privateKey, entry);
    expect(new TextDecoder().decode(await open(opened, blob, 'record:r'))).toBe('captured while locked');
    const other = await generateVaultKeyPair();
    await expect(openDropKey(other.privateKey, entry)).rejects.toBeInstanceOf(OpenError);
    // The entry is bound to its id.
    await expect(openDropKey(pair.privateKey, { ...entry, id: 'drop:other' })).rejects.toBeInstanceOf(OpenError);
  });
});

describe('crypto: recovery key', () => {
  it('is nine groups of four base32 characters and parses back, forgiving case, spaces and look-alikes', () => {
    const bytes = newRecoveryBytes();
    const key = formatRecoveryKey(bytes);
    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(key)).toEqual(bytes);
    expect(parseRecoveryKey(` ${key.toLowerCase().replace(/-/g, ' ')} `)).toEqual(bytes);
    expect(parseRecoveryKey(key.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual(bytes);
  });

  it('catches every single-character typo and every swap of neighbours, with a plain error', () => {
    const key = formatRecoveryKey(newRecoveryBytes()).replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < key.length; i++) {
      const c = alphabet[(alphabet.indexOf(key[i] as string) + 7) % 32] as string;
      const typo = key.slice(0, i) + c + key.slice(i + 1);
      tried += 1;
      try {
        parseRecoveryKey(typo);
      } catch (error) {
        expect(error).toBeInstanceOf(VaultError);
        expect((error as VaultError).code).toBe('invalid');
        expect((error as VaultError).message).toMatch(/typing mistake/);
        caught += 1;
      }
      if (i + 1 < key.length && key[i] !== key[i + 1]) {
        tried += 1;
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        expect(() => parseRecoveryKey(swapped)).toThrow(/typing mistake/);
        caught += 1;
      }
    }
    expect(caught).toBe(tried);
  });

  it('says what is wrong with a key of the wrong length or with a foreign character', () => {
    const key = formatRecoveryKey(newRecoveryBytes());
    expect(() => parseRecoveryKey(key.slice(0, -5))).toThrow(/36 letters and digits.*this one has 32/);
    expect(() => parseRecoveryKey(`${key.slice(0, -1)}U`)).toThrow(/“U” is not one of them/);
  });
});
