import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LockApi } from './lockable';
import {
  activityRecorder,
  clearSessionKey,
  followSession,
  fromBase64,
  idleExpired,
  readSessionKey,
  recordFailure,
  resetFailures,
  retryDelaySeconds,
  saveSessionKey,
  toBase64,
  unlockFromSession,
  waitRemainingMs,
} from './session';

function fakeApi() {
  const calls: string[] = [];
  const api = {
    lockState: async () => ({ encrypted: true, locked: false, lockedCaptures: 0 }),
    unlock: vi.fn(async (s: { sessionKey?: Uint8Array }) => {
      calls.push(`unlock:${s.sessionKey ? Array.from(s.sessionKey).join(',') : '?'}`);
      return { sessionKey: s.sessionKey ?? new Uint8Array() };
    }),
    lock: vi.fn(() => void calls.push('lock')),
  } as unknown as LockApi;
  return { api, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('session key', () => {
  beforeEach(() => fakeBrowser.reset());

  it('base64 round trip of key bytes', () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    expect(fromBase64(toBase64(key))).toEqual(key);
  });

  it('lives in storage.session only, never storage.local', async () => {
    await saveSessionKey(new Uint8Array([1, 2, 3]), 1000);
    expect((await readSessionKey())?.key).toEqual(new Uint8Array([1, 2, 3]));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await clearSessionKey();
    expect(await readSessionKey()).toBeNull();
  });

  it('every context follows it: key added → unlock with it, key removed → lock', async () => {
    const { api, calls } = fakeApi();
    const changes: boolean[] = [];
    const stop = followSession(api, (u) => changes.push(u));
    await saveSessionKey(new Uint8Array([7, 8]));
    await flush();
    await clearSessionKey();
    await flush();
    expect(calls).toEqual(['unlock:7,8', 'lock']);
    expect(changes).toEqual([true, false]);
    stop();
    await saveSessionKey(new Uint8Array([9]));
    await flush();
    expect(calls).toHaveLength(2);
  });

  it('a context starting after an idle time longer than the setting does not unlock and clears the key', async () => {
    const { api, calls } = fakeApi();
    await saveSessionKey(new Uint8Array([5]), Date.now() - 16 * 60_000);
    expect(await unlockFromSession(api, 15)).toBe(false);
    expect(await readSessionKey()).toBeNull();
    await saveSessionKey(new Uint8Array([5]), Date.now() - 60_000);
    expect(await unlockFromSession(api, 15)).toBe(true);
    expect(calls).toEqual(['unlock:5']);
  });

  it('activity is recorded only while unlocked', async () => {
    const touch = activityRecorder(0);
    touch();
    await flush();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await saveSessionKey(new Uint8Array([1]), 5);
    touch();
    await flush();
    await flush();
    expect((await readSessionKey())!.lastActivity).toBeGreaterThan(5);
  });

  it('idle expiry', () => {
    expect(idleExpired(0, 15, 15 * 60_000 - 1)).toBe(false);
    expect(idleExpired(0, 15, 15 * 60_000)).toBe(true);
  });
});

describe('wrong secrets', () => {
  beforeEach(() => fakeBrowser.reset());

  it('the wait grows after repeated failures and is capped', () => {
    expect([0, 1, 2].map(retryDelaySeconds)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(retryDelaySeconds)).toEqual([2, 4, 8, 16]);
    expect(retryDelaySeconds(40)).toBe(300);
  });

  it('counts failures across page loads, and a success resets them', async () => {
    await recordFailure(1000);
    await recordFailure(1000);
    const third = await recordFailure(1000);
    expect(third.count).toBe(3);
    expect(waitRemainingMs(third, 1500)).toBe(1500);
    expect(waitRemainingMs(third, 4000)).toBe(0);
    await resetFailures();
    expect((await recordFailure(1)).count).toBe(1);
  });
});
