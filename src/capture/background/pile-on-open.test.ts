import { describe, expect, it } from 'vitest';
import { PileOnTabs } from './pile-on-open';

const VAULT = 'chrome-extension://abc/vault.html';

function deps() {
  const opened: { url: string; opener?: number }[] = [];
  return { opened, d: { vaultUrl: VAULT, openTab: async (url: string, opener?: number) => void opened.push({ url, ...(opener !== undefined ? { opener } : {}) }) } };
}

describe('PileOnTabs (the panel opens the pile-on walk-through)', () => {
  it('opens the vault page for a record this tab saved, with the ticked accounts as plain ids', async () => {
    const tabs = new PileOnTabs();
    const { opened, d } = deps();
    tabs.remember(7, 'rec-1');
    expect(await tabs.open(d, { recordId: 'rec-1', accounts: ['x:@amy', 'x:@bob'] }, 7)).toEqual({ ok: true });
    expect(opened).toEqual([{ url: `${VAULT}#/reports/pile-on/rec-1?accounts=${encodeURIComponent('x%3A%40amy,x%3A%40bob')}`, opener: 7 }]);
    expect(await tabs.open(d, { recordId: 'rec-1' }, 7)).toEqual({ ok: true });
    expect(opened[1]!.url).toBe(`${VAULT}#/reports/pile-on/rec-1`);
  });

  it('opens nothing for a record the tab did not save (a failed capture), another tab\'s, a forgotten tab, or a bad id', async () => {
    const tabs = new PileOnTabs();
    const { opened, d } = deps();
    tabs.remember(7, 'rec-1');
    tabs.remember(8, '../evil');
    for (const [req, tab] of [
      [{ recordId: 'rec-2', accounts: [] }, 7],
      [{ recordId: 'rec-1', accounts: [] }, 8],
      [{ recordId: 'rec-1' }, undefined],
      [{ recordId: '../evil' }, 8],
      [{ recordId: 'https://evil.example/' }, 7],
      [{ recordId: 42 }, 7],
    ] as const) {
      const res = await tabs.open(d, req, tab);
      expect(res.ok, JSON.stringify(req)).toBe(false);
    }
    tabs.forget(7);
    expect((await tabs.open(d, { recordId: 'rec-1' }, 7)).ok).toBe(false);
    expect(opened).toEqual([]);
  });

  it('drops account ids that are not plain strings, and reports a tab that would not open', async () => {
    const tabs = new PileOnTabs();
    const opened: string[] = [];
    tabs.remember(1, 'r');
    await tabs.open({ vaultUrl: VAULT, openTab: async (u) => void opened.push(u) }, { recordId: 'r', accounts: [{ toString: () => 'x' }, 5, 'x:@a'] }, 1);
    expect(opened).toEqual([`${VAULT}#/reports/pile-on/r?accounts=x%253A%2540a`]);
    const failing = await tabs.open({ vaultUrl: VAULT, openTab: () => Promise.reject(new Error('no tabs')) }, { recordId: 'r' }, 1);
    expect(failing).toEqual({ ok: false, message: 'no tabs' });
  });
});
