/**
 * The person's lock and discretion settings (storage.local key `settings`). Never secret: no key material here.
 */
import { browser } from 'wxt/browser';

export interface Settings {
  /** Neutral toolbar icon and title, no counts, in-page controls only on hover/focus, toasts without "evidence". */
  discreet: boolean;
  /** Where quick exit leaves the person. */
  neutralUrl: string;
  /** Lock after this many minutes without activity on a Holdfast page. */
  autoLockMinutes: number;
  /** Screenshots and pictures on the vault page stay blurred until the person chooses to see each one (issue #13). */
  blurMedia: boolean;
  /** The region the Get help page shows (issue #14): a region code ('US', 'GB', 'INTL'…), '' = from the browser's language. */
  helpRegion: string;
}

export const SETTINGS_KEY = 'settings';
export const DEFAULT_NEUTRAL_URL = 'https://duckduckgo.com/';
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ discreet: false, neutralUrl: DEFAULT_NEUTRAL_URL, autoLockMinutes: 15, blurMedia: true, helpRegion: '' });
export const AUTO_LOCK_MIN = 1;
export const AUTO_LOCK_MAX = 24 * 60;

/** Only http(s) pages may be the neutral page (never a script or an extension URL). */
export function isNeutralUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

/** Whatever is stored (old, partial, hand-edited), a complete and safe Settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const minutes = typeof r.autoLockMinutes === 'number' && Number.isFinite(r.autoLockMinutes) ? Math.round(r.autoLockMinutes) : DEFAULT_SETTINGS.autoLockMinutes;
  return {
    discreet: r.discreet === true,
    neutralUrl: typeof r.neutralUrl === 'string' && isNeutralUrl(r.neutralUrl.trim()) ? r.neutralUrl.trim() : DEFAULT_NEUTRAL_URL,
    autoLockMinutes: Math.min(AUTO_LOCK_MAX, Math.max(AUTO_LOCK_MIN, minutes)),
    // On unless the person turned it off: an old or damaged setting never un-blurs pictures.
    blurMedia: r.blurMedia !== false,
    // A code's shape only (the page checks it names a region it has); anything else follows the browser again.
    helpRegion: typeof r.helpRegion === 'string' && /^([A-Z]{2}|INTL)$/.test(r.helpRegion) ? r.helpRegion : '',
  };
}

export async function readSettings(): Promise<Settings> {
  try {
    const got = await browser.storage.local.get(SETTINGS_KEY);
    return normalizeSettings(got[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await readSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls back with the new settings whenever any context changes them. Returns the unsubscribe function. */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) cb(normalizeSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Whether the person has answered the first-run "set a passphrase?" question (either way). */
export const FIRST_RUN_KEY = 'firstRunLockChoice';
export async function firstRunAnswered(): Promise<boolean> {
  try {
    return !!(await browser.storage.local.get(FIRST_RUN_KEY))[FIRST_RUN_KEY];
  } catch {
    return true;
  }
}
export async function answerFirstRun(choice: 'passphrase' | 'without'): Promise<void> {
  await browser.storage.local.set({ [FIRST_RUN_KEY]: choice });
}
