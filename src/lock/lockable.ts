/**
 * The vault's encryption API (src/vault/api.ts, issue #12) as the lock layer uses it, and its error codes.
 */
import type { LockState, Vault } from '../vault/api';

export type { ConversionProgress as Progress, LockState, UnlockSecret as Secret } from '../vault/api';

export type LockApi = Pick<Vault, 'lockState' | 'unlock' | 'lock' | 'enableEncryption' | 'changePassphrase' | 'newRecoveryKey' | 'disableEncryption' | 'resumeConversion'>;

/** The vault's lock API (the vault itself: one object per vault, so pages can key their effects on it). */
export function lockApiOf(vault: Vault): LockApi {
  return vault;
}

/** What a page shows before it has asked. */
export const UNKNOWN_STATE: LockState = Object.freeze({ encrypted: false, locked: false, lockedCaptures: 0 }) as LockState;

const codeOf = (err: unknown): unknown => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);
/** A read refused because the vault is locked (VaultError code 'locked'). */
export const isLockedError = (err: unknown): boolean => codeOf(err) === 'locked';
/** A wrong passphrase or recovery key (VaultError code 'wrong-secret'). */
export const isWrongSecretError = (err: unknown): boolean => codeOf(err) === 'wrong-secret';
