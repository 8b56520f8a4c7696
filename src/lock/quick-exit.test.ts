import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isHoldfastTabUrl, quickExit } from './quick-exit';
import { readSessionKey, saveSessionKey } from './session';
import { writeSettings } from './settings';

type Tab = { id: number; url: string; windowId: number; index: number; active: boolean; highlighted: boolean };

function stubTabs(list: Tab[]) {
  const log: string[] = [];
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => list) as never);
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation((async (p: { url: string; index?: number }) => {
    log.push(`create ${p.url} @${p.index}`);
    return { id: 99 };
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'update').mockImplementation((async (id: number, p: { url: string }) => {
    log.push(`update ${id} ${p.url}`);
    return { id };
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'remove').mockImplementation((async (ids: number[]) => {
    log.push(`remove ${[ids].flat().join(',')}`);
  }) as never);
  return log;
}

describe('quick exit', () => {
  const base = () => fakeBrowser.runtime.getURL('/');
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('knows Holdfast tabs', () => {
    expect(isHoldfastTabUrl(`${base()}vault.html#/record/1`, base(), 'abc')).toBe(true);
    expect(isHoldfastTabUrl('chrome://extensions/?options=abc', base(), 'abc')).toBe(true);
    expect(isHoldfastTabUrl('https://x.com/home', base(), 'abc')).toBe(false);
    expect(isHoldfastTabUrl(undefined, base(), 'abc')).toBe(false);
  });

  it('from a Holdfast page: locks, opens the neutral page in a NEW tab first, then closes every Holdfast tab', async () => {
    await writeSettings({ neutralUrl: 'https://example.org/weather' });
    await saveSessionKey(new Uint8Array([1, 2]));
    const vaultTab = { id: 1, url: `${base()}vault.html`, windowId: 1, index: 0, active: true, highlighted: true };
    const log = stubTabs([vaultTab, { id: 2, url: 'https://x.com/home', windowId: 1, index: 1, active: false, highlighted: false }, { id: 3, url: `${base()}options.html`, windowId: 1, index: 2, active: false, highlighted: false }]);
    const lock = vi.fn();
    const result = await quickExit(lock, vaultTab as never);
    expect(lock).toHaveBeenCalledOnce();
    expect(await readSessionKey()).toBeNull();
    expect(log).toEqual(['create https://example.org/weather @1', 'remove 1,3']);
    expect(result).toEqual({ ok: true, closed: 2, neutralTabId: 99 });
  });

  it('from an in-page panel on a site: that tab goes to the neutral page, Holdfast tabs close, the site tab stays', async () => {
    const site = { id: 2, url: 'https://x.com/home', windowId: 1, index: 1, active: true, highlighted: true };
    const log = stubTabs([{ id: 1, url: `${base()}vault.html`, windowId: 1, index: 0, active: false, highlighted: false }, site]);
    await quickExit(() => undefined, site as never);
    expect(log).toEqual(['update 2 https://duckduckgo.com/', 'remove 1']);
  });
});
