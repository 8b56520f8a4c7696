import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { autoLockCheck } from './background';
import { readSessionKey, saveSessionKey } from './session';
import { writeSettings } from './settings';

describe('auto-lock (the background alarm check)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the key while the idle time has not passed, clears it once it has (every context then locks)', async () => {
    await writeSettings({ autoLockMinutes: 5 });
    const t = 1_000_000_000;
    await saveSessionKey(new Uint8Array([4, 2]), t);
    expect(await autoLockCheck(t + 4 * 60_000)).toBe(false);
    expect(await readSessionKey()).not.toBeNull();
    expect(await autoLockCheck(t + 5 * 60_000)).toBe(true);
    expect(await readSessionKey()).toBeNull();
  });

  it('does nothing when locked already', async () => {
    expect(await autoLockCheck()).toBe(false);
  });
});
