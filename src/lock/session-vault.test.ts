/**
 * The session key between two contexts on one real (fake-indexeddb) vault: the page that unlocks stores the key,
 * the other context's vault follows it — unlocks when it appears, locks when it goes.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDbName, sampleArtifact, sampleRecord } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { isLockedError } from './lockable';
import { clearSessionKey, followSession, readSessionKey, saveSessionKey, unlockFromSession } from './session';

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('session key across contexts on a real vault', () => {
  const open: VaultImpl[] = [];
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    for (const v of open.splice(0)) v.close();
  });

  it('unlock in one context unlocks the other; lock now locks both; a capture while locked shows after the unlock', async () => {
    const name = freshDbName();
    const page = await openVault(name, { kdfTargetMs: 0 });
    const background = await openVault(name, { kdfTargetMs: 0 });
    open.push(page, background);
    await page.addRecord(sampleRecord(), [sampleArtifact()]);
    const { sessionKey } = await page.enableEncryption('a long enough passphrase');
    await saveSessionKey(sessionKey);
    // The background started before: it unlocks from the stored key, then follows.
    expect(await unlockFromSession(background, 15)).toBe(true);
    followSession(background);
    expect(await background.count()).toBe(1);

    page.lock();
    await clearSessionKey();
    await until(async () => (await background.lockState()).locked);
    const error = await background.list().then(() => null, (e: unknown) => e);
    expect(isLockedError(error)).toBe(true);

    // Captured while locked: saved at once, counted as waiting for the unlock.
    await background.addRecord(sampleRecord(), [sampleArtifact()]);
    expect((await page.lockState()).lockedCaptures).toBe(1);

    const again = await page.unlock({ passphrase: 'a long enough passphrase' });
    await saveSessionKey(again.sessionKey);
    await until(async () => !(await background.lockState()).locked);
    expect(await background.count()).toBe(2);
    expect((await readSessionKey())?.key).toEqual(again.sessionKey);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('the background after an unlock', () => {
  beforeEach(() => fakeBrowser.reset());

  it('runs the work that waited for the unlock (recovering captures cut short) each time the session key arrives', async () => {
    const { attachVault, whenUnlocked } = await import('./background');
    const name = freshDbName();
    const page = await openVault(name, { kdfTargetMs: 0 });
    const background = await openVault(name, { kdfTargetMs: 0 });
    try {
      const { sessionKey } = await page.enableEncryption('a long enough passphrase');
      page.lock();
      background.lock();
      let runs = 0;
      const stop = whenUnlocked(() => {
        runs += 1;
      });
      await attachVault(background);
      expect((await background.lockState()).locked).toBe(true);
      expect(runs).toBe(0);
      await saveSessionKey(sessionKey);
      await until(async () => runs === 1);
      expect((await background.lockState()).locked).toBe(false);
      stop();
    } finally {
      page.close();
      background.close();
    }
  });
});
