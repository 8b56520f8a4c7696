import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, answerFirstRun, firstRunAnswered, isNeutralUrl, normalizeSettings, readSettings, writeSettings } from './settings';

describe('lock settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults: 15 minutes, a plain search page, discreet off', async () => {
    expect(await readSettings()).toEqual({ discreet: false, neutralUrl: 'https://duckduckgo.com/', autoLockMinutes: 15 });
    expect(DEFAULT_SETTINGS.autoLockMinutes).toBe(15);
  });

  it('only http(s) pages can be the neutral page', () => {
    expect(isNeutralUrl('https://example.org/news')).toBe(true);
    expect(isNeutralUrl('javascript:alert(1)')).toBe(false);
    expect(isNeutralUrl('data:text/html,hi')).toBe(false);
    expect(isNeutralUrl('chrome-extension://abc/vault.html')).toBe(false);
    expect(isNeutralUrl('not a url')).toBe(false);
  });

  it('repairs whatever is stored', () => {
    expect(normalizeSettings({ discreet: 'yes', neutralUrl: 'javascript:x', autoLockMinutes: -4 })).toEqual({ discreet: false, neutralUrl: 'https://duckduckgo.com/', autoLockMinutes: 1 });
    expect(normalizeSettings({ autoLockMinutes: 1e9 }).autoLockMinutes).toBe(24 * 60);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('writes a patch and reads it back; the first-run answer is remembered', async () => {
    await writeSettings({ discreet: true, neutralUrl: ' https://example.org/ ' });
    expect(await readSettings()).toEqual({ discreet: true, neutralUrl: 'https://example.org/', autoLockMinutes: 15 });
    expect(await firstRunAnswered()).toBe(false);
    await answerFirstRun('without');
    expect(await firstRunAnswered()).toBe(true);
  });
});
