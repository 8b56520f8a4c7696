import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../vault/api';
import { openVault } from '../vault/vault';
import { isLockedError, isWrongSecretError, lockApiOf } from './lockable';

describe('lock API of a vault', () => {
  it('is the same object for the same vault (pages key their effects on it; a new one per render looped)', async () => {
    const vault = await openVault(`lockable-${Math.random()}`);
    expect(lockApiOf(vault)).toBe(lockApiOf(vault));
    expect(await lockApiOf(vault).lockState()).toEqual({ encrypted: false, locked: false, lockedCaptures: 0 });
    vault.close();
  });

  it('recognises the vault error codes for locked and wrong secret', () => {
    expect(isLockedError(new VaultError('locked', 'x'))).toBe(true);
    expect(isWrongSecretError(new VaultError('wrong-secret', 'x'))).toBe(true);
    expect(isLockedError(new Error('locked'))).toBe(false);
    expect(isWrongSecretError(null)).toBe(false);
  });
});
