/**
 * The unlocked data key between Holdfast's own contexts (background, vault, options). It lives only in
 * browser.storage.session (memory, gone when the browser closes; never storage.local), with the time of the last
 * activity on a Holdfast page. Every context follows it: key removed → lock; key added → unlock with it.
 */
import { browser } from 'wxt/browser';
import type { LockApi } from './lockable';

export const SESSION_KEY = 'holdfastSessionKey';
export const ACTIVITY_KEY = 'holdfastLastActivity';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

type SessionArea = { get(k: string | string[]): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void>; remove(k: string | string[]): Promise<void> };
/** storage.session (Chromium 102+, Firefox 115+). */
function area(): SessionArea | undefined {
  return (browser.storage as unknown as { session?: SessionArea }).session;
}

export async function saveSessionKey(key: Uint8Array, now = Date.now()): Promise<void> {
  await area()?.set({ [SESSION_KEY]: toBase64(key), [ACTIVITY_KEY]: now });
}

export async function readSessionKey(): Promise<{ key: Uint8Array; lastActivity: number } | null> {
  const s = area();
  if (!s) return null;
  const got = await s.get([SESSION_KEY, ACTIVITY_KEY]);
  const b64 = got[SESSION_KEY];
  if (typeof b64 !== 'string' || !b64) return null;
  try {
    return { key: fromBase64(b64), lastActivity: typeof got[ACTIVITY_KEY] === 'number' ? (got[ACTIVITY_KEY] as number) : 0 };
  } catch {
    return null;
  }
}

/** Forget the key in every context (each one's watcher locks its own vault). */
export async function clearSessionKey(): Promise<void> {
  await area()?.remove([SESSION_KEY, ACTIVITY_KEY]);
}

/** Activity on a Holdfast page, at most once per `everyMs`, and only while unlocked. */
export function activityRecorder(everyMs = 15_000): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    void (async () => {
      const s = area();
      if (!s) return;
      const got = await s.get(SESSION_KEY);
      if (typeof got[SESSION_KEY] !== 'string') return;
      await s.set({ [ACTIVITY_KEY]: now });
      // Locked meanwhile (this very click may have been "lock now"): leave nothing behind.
      if (typeof (await s.get(SESSION_KEY))[SESSION_KEY] !== 'string') await s.remove(ACTIVITY_KEY);
    })().catch(() => undefined);
  };
}

/** True when `minutes` of inactivity have passed since `lastActivity`. */
export function idleExpired(lastActivity: number, minutes: number, now = Date.now()): boolean {
  return now - lastActivity >= minutes * 60_000;
}

/**
 * Keeps `api` (this context's vault) in step with the session key, and calls `onChange` after each change.
 * Call once per context. Returns the unsubscribe function.
 */
export function followSession(api: LockApi, onChange?: (unlocked: boolean) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, areaName: string) => {
    if (areaName !== 'session' || !(SESSION_KEY in changes)) return;
    const next = changes[SESSION_KEY]?.newValue;
    if (typeof next === 'string' && next) {
      let key: Uint8Array;
      try {
        key = fromBase64(next);
      } catch {
        return;
      }
      void api.unlock({ sessionKey: key }).then(
        () => onChange?.(true),
        () => onChange?.(false),
      );
    } else {
      api.lock();
      onChange?.(false);
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Unlocks this context from the stored session key, if there is one and it is still fresh. */
export async function unlockFromSession(api: LockApi, autoLockMinutes: number): Promise<boolean> {
  const s = await readSessionKey().catch(() => null);
  if (!s) return false;
  if (idleExpired(s.lastActivity, autoLockMinutes)) {
    await clearSessionKey().catch(() => undefined);
    return false;
  }
  try {
    await api.unlock({ sessionKey: s.key });
    return true;
  } catch {
    return false;
  }
}

// ---- wrong secrets: a growing delay, nothing deleted ---------------------------------------------------------------
export const FAILURES_KEY = 'unlockFailures';

/** Seconds to wait before the next try after `failures` wrong secrets in a row: none for 3, then 2, 4, 8 … 300 s. */
export function retryDelaySeconds(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(300, 2 ** (failures - 2));
}

export async function readFailures(): Promise<{ count: number; at: number }> {
  try {
    const got = (await browser.storage.local.get(FAILURES_KEY))[FAILURES_KEY] as { count?: unknown; at?: unknown } | undefined;
    return { count: typeof got?.count === 'number' ? got.count : 0, at: typeof got?.at === 'number' ? got.at : 0 };
  } catch {
    return { count: 0, at: 0 };
  }
}
export async function recordFailure(now = Date.now()): Promise<{ count: number; at: number }> {
  const f = await readFailures();
  const next = { count: f.count + 1, at: now };
  await browser.storage.local.set({ [FAILURES_KEY]: next });
  return next;
}
export async function resetFailures(): Promise<void> {
  await browser.storage.local.remove(FAILURES_KEY);
}
/** Milliseconds still to wait before a new try is allowed. */
export function waitRemainingMs(f: { count: number; at: number }, now = Date.now()): number {
  return Math.max(0, f.at + retryDelaySeconds(f.count) * 1000 - now);
}
