/**
 * The vault's encryption API (src/vault, issue #12) as the lock layer sees it. Until a vault implements it, a plain
 * vault answers "not encrypted, never locked" and refuses to turn encryption on, so every caller has one code path.
 */
import type { Vault } from '../vault/api';

export interface LockState {
  encrypted: boolean;
  locked: boolean;
  lockedCaptures: number;
  converting?: { to: 'encrypted' | 'plain'; done: number; total: number };
}
export type Progress = (p: { done: number; total: number }) => void;
export type Secret = { passphrase: string } | { recoveryKey: string } | { sessionKey: Uint8Array };

export interface LockApi {
  lockState(): Promise<LockState>;
  unlock(secret: Secret): Promise<{ sessionKey: Uint8Array }>;
  lock(): void;
  enableEncryption(passphrase: string, onProgress?: Progress): Promise<{ recoveryKey: string; sessionKey: Uint8Array }>;
  changePassphrase(current: { passphrase: string } | { recoveryKey: string }, next: string): Promise<void>;
  newRecoveryKey(current: { passphrase: string }): Promise<{ recoveryKey: string }>;
  disableEncryption(current: { passphrase: string } | { recoveryKey: string }, onProgress?: Progress): Promise<void>;
  resumeConversion(onProgress?: Progress): Promise<void>;
}

export class NoEncryptionError extends Error {
  readonly code = 'unavailable';
  constructor() {
    super('This version of Holdfast cannot encrypt the vault yet.');
    this.name = 'NoEncryptionError';
  }
}

const PLAIN: LockState = Object.freeze({ encrypted: false, locked: false, lockedCaptures: 0 }) as LockState;

function plainApi(): LockApi {
  const refuse = async (): Promise<never> => {
    throw new NoEncryptionError();
  };
  return {
    lockState: async () => ({ ...PLAIN }),
    unlock: refuse,
    lock: () => undefined,
    enableEncryption: refuse,
    changePassphrase: refuse,
    newRecoveryKey: refuse,
    disableEncryption: refuse,
    resumeConversion: async () => undefined,
  };
}

export function supportsEncryption(vault: Vault): boolean {
  return typeof (vault as Partial<LockApi>).lockState === 'function' && typeof (vault as Partial<LockApi>).unlock === 'function';
}

const plainApis = new WeakMap<Vault, LockApi>();
/** The vault's lock API, or the plain stand-in for a vault without encryption (the same object for the same vault). */
export function lockApiOf(vault: Vault): LockApi {
  if (supportsEncryption(vault)) return vault as unknown as LockApi;
  let api = plainApis.get(vault);
  if (!api) {
    api = plainApi();
    plainApis.set(vault, api);
  }
  return api;
}

const codeOf = (err: unknown): unknown => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);
/** A read refused because the vault is locked (VaultError code 'locked'). */
export const isLockedError = (err: unknown): boolean => codeOf(err) === 'locked';
/** A wrong passphrase or recovery key (VaultError code 'wrong-secret'). */
export const isWrongSecretError = (err: unknown): boolean => codeOf(err) === 'wrong-secret';
