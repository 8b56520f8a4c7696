/**
 * The trusted-time setting (issue #15, RFC 3161, opt-in; storage.local key `trustedTime`). Off unless the person turned it
 * on in the options and granted host access to the chosen authority from that click. Never secret.
 */
import { browser } from 'wxt/browser';
import { normalizeTsaUrl } from '../model/tsa-authorities';

export interface TrustedTimeSetting {
  enabled: boolean;
  /** The authority's address (http or https). '' while none was chosen. */
  url: string;
}

export const TRUSTED_TIME_KEY = 'trustedTime';
export const TRUSTED_TIME_OFF: Readonly<TrustedTimeSetting> = Object.freeze({ enabled: false, url: '' });

/** Whatever is stored (absent, old, hand-edited): a complete setting, and off unless it names a valid address. */
export function normalizeTrustedTime(raw: unknown): TrustedTimeSetting {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof TrustedTimeSetting, unknown>>;
  const url = normalizeTsaUrl(r.url) ?? '';
  return { enabled: r.enabled === true && url !== '', url };
}

export async function readTrustedTime(): Promise<TrustedTimeSetting> {
  try {
    return normalizeTrustedTime((await browser.storage.local.get(TRUSTED_TIME_KEY))[TRUSTED_TIME_KEY]);
  } catch {
    return { ...TRUSTED_TIME_OFF };
  }
}

export async function writeTrustedTime(next: TrustedTimeSetting): Promise<TrustedTimeSetting> {
  const value = normalizeTrustedTime(next);
  await browser.storage.local.set({ [TRUSTED_TIME_KEY]: value });
  return value;
}
