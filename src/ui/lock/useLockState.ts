import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LockApi, LockState } from '../../lock/lockable';
import { SESSION_KEY } from '../../lock/session';

/** This page's lock state, refreshed when the session key comes or goes (any context) and on `refresh()`. */
export function useLockState(api: LockApi): { state: LockState | null; refresh(): Promise<void> } {
  const [state, setState] = useState<LockState | null>(null);
  const refresh = useCallback(async () => {
    try {
      setState(await api.lockState());
    } catch {
      setState({ encrypted: true, locked: true, lockedCaptures: 0 });
    }
  }, [api]);
  useEffect(() => {
    void refresh();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      // The page's own follower (src/lock/session.ts) unlocks or locks the vault first; ask a moment later.
      if (area === 'session' && SESSION_KEY in changes) setTimeout(() => void refresh(), 50);
    };
    browser.storage.onChanged.addListener(onChange);
    const timer = setInterval(() => void refresh(), 5000);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      clearInterval(timer);
    };
  }, [refresh]);
  return { state, refresh };
}
