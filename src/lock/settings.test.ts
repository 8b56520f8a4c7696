import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, answerFirstRun, firstRunAnswered, isNeutralUrl, normalizeSettings, readSettings, writeSettings } from './settings';

describe('lock settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults: 15 minutes, a plain search page, discreet off, pictures blurred', async () => {
    expect(await readSettings()).toEqual({ discreet: false, neutralUrl: 'https://duckduckgo.com/', autoLockMinutes: 15, blurMedia: true, helpRegion: '' });
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
    expect(normalizeSettings({ discreet: 'yes', neutralUrl: 'javascript:x', autoLockMinutes: -4 })).toEqual({ discreet: false, neutralUrl: 'https://duckduckgo.com/', autoLockMinutes: 1, blurMedia: true, helpRegion: '' });
    expect(normalizeSettings({ autoLockMinutes: 1e9 }).autoLockMinutes).toBe(24 * 60);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    // Only an explicit false un-blurs: a damaged value keeps pictures blurred.
    expect(normalizeSettings({ blurMedia: 'no' }).blurMedia).toBe(true);
    expect(normalizeSettings({ blurMedia: 0 }).blurMedia).toBe(true);
    expect(normalizeSettings({ blurMedia: false }).blurMedia).toBe(false);
    // The Get help region: a code's shape, or '' (follow the browser's language).
    expect(normalizeSettings({ helpRegion: 'EC' }).helpRegion).toBe('EC');
    expect(normalizeSettings({ helpRegion: 'INTL' }).helpRegion).toBe('INTL');
    for (const bad of ['ec', 'E', '<img>', 'INTLX', 7, null]) expect(normalizeSettings({ helpRegion: bad }).helpRegion).toBe('');
  });

  it('writes a patch and reads it back; the first-run answer is remembered', async () => {
    await writeSettings({ discreet: true, neutralUrl: ' https://example.org/ ' });
    expect(await readSettings()).toEqual({ discreet: true, neutralUrl: 'https://example.org/', autoLockMinutes: 15, blurMedia: true, helpRegion: '' });
    await writeSettings({ blurMedia: false });
    expect(await readSettings()).toMatchObject({ discreet: true, blurMedia: false });
    expect(await firstRunAnswered()).toBe(false);
    await answerFirstRun('without');
    expect(await firstRunAnswered()).toBe(true);
  });
});
