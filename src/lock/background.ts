/**
 * The background's part of locking: its vault follows the session key, the auto-lock alarm, finishing an
 * interrupted encrypt/decrypt at start and unlock, and discreet mode's toolbar icon, title and menu wording.
 */
import { browser } from 'wxt/browser';
import type { Vault } from '../vault/api';
import { type LockApi, lockApiOf } from './lockable';
import { clearSessionKey, followSession, idleExpired, readSessionKey, unlockFromSession } from './session';
import { onSettingsChanged, readSettings, type Settings } from './settings';

export const AUTO_LOCK_ALARM = 'holdfast-auto-lock';

/** Menu ids and their normal and discreet titles (message ids). */
export interface DiscreetTexts {
  title: string;
  menus: Record<string, string>;
}

let api: LockApi | null = null;
const unlockListeners = new Set<() => void>();

/**
 * Runs `fn` each time the background's vault is unlocked (from the session key). Work that needs to read the vault
 * and could not while it was locked (recovering a whole-thread capture cut short, whose staged parts only open after
 * unlock) registers here.
 */
export function whenUnlocked(fn: () => void): () => void {
  unlockListeners.add(fn);
  return () => unlockListeners.delete(fn);
}

function unlocked(): void {
  void api?.resumeConversion().catch(() => undefined);
  for (const fn of unlockListeners) {
    try {
      fn();
    } catch {
      /* one listener's failure does not stop the others */
    }
  }
}

/** The background vault's lock API (plain stand-in until the vault is open). */
export function backgroundLock(): LockApi | null {
  return api;
}

/** Checks the idle time now; clears the session key (every context locks) when it ran out. */
export async function autoLockCheck(now = Date.now()): Promise<boolean> {
  const s = await readSessionKey();
  if (!s) return false;
  const { autoLockMinutes } = await readSettings();
  if (!idleExpired(s.lastActivity, autoLockMinutes, now)) return false;
  api?.lock();
  await clearSessionKey();
  return true;
}

/** Call when the background's vault has been opened (each time it is opened). */
export async function attachVault(vault: Vault): Promise<void> {
  const next = lockApiOf(vault);
  const first = api === null;
  api = next;
  if (first) {
    followSession(
      { ...next, lock: () => api?.lock(), unlock: (s) => api!.unlock(s) },
      (isUnlocked) => {
        if (isUnlocked) unlocked();
      },
    );
  }
  const { autoLockMinutes } = await readSettings();
  await unlockFromSession(next, autoLockMinutes);
  // An encrypt/decrypt cut short (browser closed, worker stopped) is finished here; it needs no key to go on where
  // it can, and the rest is finished at the next unlock.
  void next.resumeConversion().catch(() => undefined);
}

type ActionApi = { setIcon(d: { path?: Record<string, string> }): Promise<void>; setTitle(d: { title: string }): Promise<void>; setBadgeText?(d: { text: string }): Promise<void> };
function action(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

export const ICONS = {
  normal: { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png', 128: '/icon/128.png' },
  neutral: { 16: '/neutral/16.png', 32: '/neutral/32.png', 48: '/neutral/48.png', 128: '/neutral/128.png' },
};

/**
 * The toolbar icon for a setting. Discreet: the neutral set. Otherwise Firefox gets `{}`, which puts back the
 * manifest's icon with its light/dark theme variants (a path would replace them for good); Chromium has no theme
 * variants and gets the default set.
 */
export function iconDetails(discreet: boolean, firefox: boolean): { path?: Record<string, string> } {
  if (discreet) return { path: { ...ICONS.neutral } };
  return firefox ? {} : { path: { ...ICONS.normal } };
}

function isFirefox(): boolean {
  try {
    return browser.runtime.getURL('/').startsWith('moz-extension:');
  } catch {
    return false;
  }
}

export async function applyDiscreet(settings: Settings, texts: { normal: DiscreetTexts; discreet: DiscreetTexts }): Promise<void> {
  const a = action();
  const which = settings.discreet ? texts.discreet : texts.normal;
  await Promise.all([
    a?.setIcon(iconDetails(settings.discreet, isFirefox())).catch(() => undefined),
    a?.setTitle({ title: which.title }).catch(() => undefined),
    a?.setBadgeText?.({ text: '' }).catch(() => undefined),
    ...Object.entries(which.menus).map(([id, title]) => browser.contextMenus.update(id, { title }).catch(() => undefined)),
  ]);
}

let discreetTexts: { normal: DiscreetTexts; discreet: DiscreetTexts } | null = null;
/** Re-applies discreet mode (e.g. after the context menus were rebuilt). */
export async function refreshDiscreet(): Promise<void> {
  if (discreetTexts) await applyDiscreet(await readSettings(), discreetTexts);
}

export function startLockBackground(texts: { normal: DiscreetTexts; discreet: DiscreetTexts }): void {
  discreetTexts = texts;
  const alarms = (browser as unknown as { alarms?: typeof browser.alarms }).alarms;
  if (alarms) {
    void alarms.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 });
    alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_LOCK_ALARM) void autoLockCheck().catch(() => undefined);
    });
  }
  void autoLockCheck().catch(() => undefined);
  void readSettings().then((s) => applyDiscreet(s, texts));
  onSettingsChanged((s) => void applyDiscreet(s, texts));
}
