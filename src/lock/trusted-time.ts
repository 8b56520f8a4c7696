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

/**
 * What the background last did about trusted time (storage.local `trustedTimeStatus`), for the vault page: when it last
 * asked, the last problem in plain words (cleared by the next token), and the head it is waiting to have stamped.
 */
export interface TrustedTimeStatus {
  /** ms since epoch of the last request (the once-a-minute limit counts from it). */
  lastRequestAt?: number;
  /** The last token kept (UTC ISO-8601). */
  lastOkAt?: string;
  /** The last failure, plainly worded, and when; absent once a token arrived after it. */
  problem?: string;
  problemAt?: string;
  /** The authority asked. */
  url?: string;
  /** The head seq waiting for a token (absent when every record is covered). */
  waitingSeq?: number;
}

export const TRUSTED_TIME_STATUS_KEY = 'trustedTimeStatus';

export function normalizeTrustedTimeStatus(raw: unknown): TrustedTimeStatus {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: TrustedTimeStatus = {};
  if (typeof r.lastRequestAt === 'number' && Number.isFinite(r.lastRequestAt)) out.lastRequestAt = r.lastRequestAt;
  if (typeof r.lastOkAt === 'string') out.lastOkAt = r.lastOkAt;
  if (typeof r.problem === 'string' && r.problem) out.problem = r.problem.slice(0, 500);
  if (typeof r.problemAt === 'string') out.problemAt = r.problemAt;
  if (typeof r.url === 'string') out.url = r.url;
  if (typeof r.waitingSeq === 'number' && Number.isInteger(r.waitingSeq)) out.waitingSeq = r.waitingSeq;
  return out;
}

export async function readTrustedTimeStatus(): Promise<TrustedTimeStatus> {
  try {
    return normalizeTrustedTimeStatus((await browser.storage.local.get(TRUSTED_TIME_STATUS_KEY))[TRUSTED_TIME_STATUS_KEY]);
  } catch {
    return {};
  }
}

export async function writeTrustedTimeStatus(status: TrustedTimeStatus): Promise<void> {
  await browser.storage.local.set({ [TRUSTED_TIME_STATUS_KEY]: normalizeTrustedTimeStatus(status) });
}
