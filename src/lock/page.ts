/**
 * What every Holdfast extension page (vault, options, popup) runs: double Escape → quick exit, activity for the
 * auto-lock, and the idle check while the page is open (the background's alarm covers closed pages).
 */
import { sendToBackground } from '../messaging/client';
import { doubleEscape } from './double-escape';
import { readSettings } from './settings';
import { activityRecorder, clearSessionKey, idleExpired, readSessionKey } from './session';

/** Asks the background for a quick exit; if it does not act at once, this page leaves by itself. */
export function requestQuickExit(): void {
  // Fallback: the page replaces itself (no history entry) when the background is slow or gone.
  const fallback = setTimeout(() => {
    void readSettings().then((s) => {
      void clearSessionKey().catch(() => undefined);
      location.replace(s.neutralUrl);
    });
  }, 250);
  void sendToBackground({ type: 'quick-exit' }).then(
    () => {
      // The background closes this tab; a popup closes itself.
      if (!location.pathname.endsWith('/popup.html')) return;
      clearTimeout(fallback);
      window.close();
    },
    () => undefined,
  );
}

let installed = false;
export function installPageLock(): void {
  if (installed) return;
  installed = true;
  const onKey = doubleEscape(requestQuickExit);
  addEventListener('keydown', (e) => void onKey(e), { capture: true });
  const touch = activityRecorder();
  for (const type of ['pointerdown', 'keydown', 'wheel'] as const) addEventListener(type, touch, { capture: true, passive: true });
  const check = async () => {
    const s = await readSessionKey().catch(() => null);
    if (!s) return;
    const { autoLockMinutes } = await readSettings();
    if (idleExpired(s.lastActivity, autoLockMinutes)) await clearSessionKey();
  };
  setInterval(() => void check().catch(() => undefined), 20_000);
  void check().catch(() => undefined);
}
