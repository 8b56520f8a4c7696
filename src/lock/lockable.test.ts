import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openVault } from '../vault/vault';
import { isLockedError, isWrongSecretError, lockApiOf, NoEncryptionError } from './lockable';

describe('lock API of a vault', () => {
  it('a vault without encryption says "not encrypted, not locked" and refuses to encrypt in plain words', async () => {
    const vault = await openVault(`lockable-${Math.random()}`);
    const api = lockApiOf(vault);
    if ('lockState' in vault) return; // the encrypting vault answers for itself (src/vault tests)
    expect(await api.lockState()).toEqual({ encrypted: false, locked: false, lockedCaptures: 0 });
    await expect(api.enableEncryption('correct horse battery')).rejects.toBeInstanceOf(NoEncryptionError);
    await expect(api.resumeConversion()).resolves.toBeUndefined();
    vault.close();
  });

  it('recognises the vault error codes for locked and wrong secret', () => {
    expect(isLockedError(Object.assign(new Error('x'), { code: 'locked' }))).toBe(true);
    expect(isWrongSecretError(Object.assign(new Error('x'), { code: 'wrong-secret' }))).toBe(true);
    expect(isLockedError(new Error('locked'))).toBe(false);
    expect(isWrongSecretError(null)).toBe(false);
  });
});

describe('lockApiOf identity', () => {
  it('gives the same object for the same vault (pages key their effects on it; a new one per render looped)', async () => {
    const vault = await openVault(`lockable-id-${Math.random()}`);
    expect(lockApiOf(vault)).toBe(lockApiOf(vault));
    vault.close();
  });
});
