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
 * Firefox's built-in data consent (issue #15): the hash trusted time sends is made from captured website content, so the
 * Firefox manifest declares that category as optional (wxt.config.ts) and the click that turns trusted time on asks for
 * it with the authority's host, in one prompt. Chromium has no such consent; a build that does not declare it (Chromium,
 * the test builds that grant everything at install) asks for the host alone.
 */
export const TSA_DATA_COLLECTION: readonly string[] = ['websiteContent'];

type GeckoManifest = { browser_specific_settings?: { gecko?: { data_collection_permissions?: { optional?: unknown } } } };

/** Whether this build's manifest declares trusted time's optional data collection (Firefox). */
export function declaresTsaDataCollection(manifest?: unknown): boolean {
  let m = manifest;
  if (m === undefined) {
    try {
      m = browser.runtime.getManifest();
    } catch {
      return false;
    }
  }
  const optional = (m as GeckoManifest | undefined)?.browser_specific_settings?.gecko?.data_collection_permissions?.optional;
  return Array.isArray(optional) && TSA_DATA_COLLECTION.every((c) => optional.includes(c));
}

/**
 * Whether this browser has the built-in data consent (Firefox 140 and later; the manifest allows Firefox 128): then
 * permissions.getAll() lists `data_collection`, the feature test Mozilla documents. An older Firefox ignores the
 * declaration and would refuse a request naming it.
 */
export async function dataConsentSupported(): Promise<boolean> {
  try {
    return Array.isArray(((await browser.permissions.getAll()) as { data_collection?: unknown }).data_collection);
  } catch {
    return false;
  }
}

/** Whether turning trusted time on must ask for the data consent: this build declares it and this browser has it. */
export async function asksTsaDataConsent(manifest?: unknown): Promise<boolean> {
  return declaresTsaDataCollection(manifest) && (await dataConsentSupported());
}

/** What turning trusted time on asks for (and turning it off gives back): the authority's host, and in Firefox the consent. */
export function trustedTimePermissions(originPattern: string, withConsent: boolean): { origins: string[]; data_collection?: string[] } {
  return { origins: [originPattern], ...(withConsent && { data_collection: [...TSA_DATA_COLLECTION] }) };
}

/**
 * The setting the background acts on: the stored one, but off when this build declares the data consent and the person
 * has withdrawn it since (Firefox: about:addons → Permissions and data). Nothing is sent then.
 */
export async function readTrustedTimeInEffect(manifest?: unknown): Promise<TrustedTimeSetting> {
  const setting = await readTrustedTime();
  if (!setting.enabled || !(await asksTsaDataConsent(manifest))) return setting;
  const consented = await browser.permissions.contains({ data_collection: [...TSA_DATA_COLLECTION] } as never).catch(() => false);
  return consented ? setting : { ...setting, enabled: false };
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
