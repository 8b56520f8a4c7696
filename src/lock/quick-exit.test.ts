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

describe('quick exit without the tabs permission (issue #14)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('finds Holdfast tabs whose address the browser hides, through runtime.getContexts', async () => {
    const hidden = (id: number, active = false) => ({ id, windowId: 1, index: id - 1, active, highlighted: active }) as unknown as Tab;
    const log = stubTabs([hidden(1, true), hidden(2), hidden(3)]);
    (fakeBrowser.runtime as unknown as { getContexts: unknown }).getContexts = vi.fn(async (f: { contextTypes: string[] }) =>
      f.contextTypes.includes('TAB') ? [{ tabId: 1 }, { tabId: 3 }, { tabId: -1 }] : [],
    );
    const result = await quickExit(() => undefined, hidden(1, true) as never);
    expect(log).toEqual(['create https://duckduckgo.com/ @1', 'remove 1,3']);
    expect(result.closed).toBe(2);
  });

  it('still works where the browser has no getContexts (addresses it can see)', async () => {
    (fakeBrowser.runtime as unknown as { getContexts?: unknown }).getContexts = undefined;
    const vault = { id: 1, url: `${fakeBrowser.runtime.getURL('/')}vault.html`, windowId: 1, index: 0, active: true, highlighted: true };
    const log = stubTabs([vault, { id: 2, url: 'https://x.com/', windowId: 1, index: 1, active: false, highlighted: false }]);
    await quickExit(() => undefined, vault as never);
    expect(log).toEqual(['create https://duckduckgo.com/ @1', 'remove 1']);
  });
});
