// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INTL, REGIONS } from '../../help/regions';
import { readSettings, writeSettings } from '../../lock/settings';
import type { Vault } from '../../vault/api';
import { Shell } from '../vault/Shell';
import type { CasePageProps } from '../vault/useCaseData';
import { chooseRegion, groupEntries, regionOfLanguage, regionOptions, safeUrl, shortUrl, telHref } from './choose';
import { HelpPage } from './HelpPage';

let root: HTMLElement;
function setUiLanguage(tag: string) {
  (fakeBrowser.i18n as unknown as { getUILanguage: () => string }).getUILanguage = () => tag;
}
beforeEach(() => {
  fakeBrowser.reset();
  setUiLanguage('en-US');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function waitFor<T>(check: () => T | undefined | null | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = check();
    if (v) return v;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  throw new Error('waitFor timed out');
}

async function mount() {
  render(<HelpPage {...({} as CasePageProps)} />, root);
  return waitFor(() => root.querySelector<HTMLSelectElement>('[data-testid="help-region"]'));
}
const entries = () => [...root.querySelectorAll<HTMLElement>('[data-testid="help-entry"]')];
const names = () => entries().map((e) => e.querySelector('h4')!.textContent);

describe('choosing the region', () => {
  it('reads the region from a language tag', () => {
    expect(regionOfLanguage('es-EC')).toBe('EC');
    expect(regionOfLanguage('en_GB')).toBe('GB');
    expect(regionOfLanguage('zh-Hant-TW')).toBe('TW');
    expect(regionOfLanguage('es')).toBeNull();
    expect(regionOfLanguage('es-419')).toBeNull();
    expect(regionOfLanguage('')).toBeNull();
    expect(regionOfLanguage(undefined)).toBeNull();
    expect(regionOfLanguage('<script>-XX')).toBeNull();
  });

  it('saved choice first, then the first language whose region has a list, else the international list', () => {
    expect(chooseRegion('GB', ['es-EC'])).toBe('GB');
    expect(chooseRegion('', ['es-EC', 'en-US'])).toBe('EC');
    expect(chooseRegion('', ['fr-FR', 'en-US'])).toBe('US');
    expect(chooseRegion('', ['fr-FR', 'de'])).toBe(INTL);
    expect(chooseRegion('', [])).toBe(INTL);
    // A saved code of the right shape that names no list (an older or damaged setting) falls back to the language.
    expect(chooseRegion('ZZ', ['es-MX'])).toBe('MX');
  });

  it('offers every region once, the international list first', () => {
    const options = regionOptions('es', 'internacional');
    expect(options[0]).toEqual({ code: INTL, label: 'internacional' });
    expect(options.map((o) => o.code).sort()).toEqual(REGIONS.map((r) => r.code).sort());
  });

  it('groups the emergency number first, then helplines, police, organisations, platforms', () => {
    const us = REGIONS.find((r) => r.code === 'US')!;
    expect(groupEntries(us.entries).map((g) => g.group)).toEqual(['danger', 'hotlines', 'police', 'organisations', 'platforms']);
  });

  it('makes links only of safe addresses and numbers', () => {
    expect(telHref('0808 802 0300')).toBe('tel:08088020300');
    expect(telHref('+44 808 802 0300')).toBe('tel:+448088020300');
    expect(telHref('javascript:alert(1)')).toBeNull();
    expect(telHref('911;ext=1')).toBeNull();
    expect(safeUrl('https://www.thehotline.org/')).toBe('https://www.thehotline.org/');
    expect(safeUrl('http://example.org/')).toBeNull();
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
    expect(shortUrl('https://www.esafety.gov.au/report')).toBe('esafety.gov.au/report');
  });
});

describe('Get help page', () => {
  it('starts from the browser language region: es-EC shows Ecuador, the emergency number first as a tel: link', async () => {
    setUiLanguage('es-EC');
    const select = await mount();
    expect(select.value).toBe('EC');
    const list = entries();
    expect(list[0]!.dataset.kind).toBe('police');
    expect(list[0]!.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!.getAttribute('href')).toBe('tel:911');
    expect(root.querySelector('a[href="tel:1800335486"]')).not.toBeNull();
    for (const e of list) expect(e.dataset.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.map((e) => e.dataset.kind)).toEqual(expect.arrayContaining(['police', 'platform', 'organisation']));
    // Nothing saved until the person chooses.
    expect((await readSettings()).helpRegion).toBe('');
  });

  it('a language without a list of its own gets the international list', async () => {
    setUiLanguage('fr-FR');
    Object.defineProperty(navigator, 'languages', { value: ['fr-FR'], configurable: true });
    Object.defineProperty(navigator, 'language', { value: 'fr-FR', configurable: true });
    const select = await mount();
    expect(select.value).toBe(INTL);
    expect(entries()[0]!.querySelector('a')!.getAttribute('href')).toBe('tel:112');
  });

  it('a saved choice wins over the language', async () => {
    await writeSettings({ helpRegion: 'AU' });
    const select = await mount();
    expect(select.value).toBe('AU');
    expect(names()).toContain('1800RESPECT');
  });

  it('changing the region changes the entries and remembers the choice', async () => {
    const select = await mount();
    expect(select.value).toBe('US');
    expect(names()).toContain('National Domestic Violence Hotline');
    await act(async () => {
      select.value = 'GB';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => names().includes('National Stalking Helpline (Suzy Lamplugh Trust)'));
    expect(names()).not.toContain('National Domestic Violence Hotline');
    expect(root.querySelector('a[href="tel:08088020300"]')).not.toBeNull();
    let saved = '';
    for (let i = 0; i < 100 && saved !== 'GB'; i++) {
      saved = (await readSettings()).helpRegion;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(saved).toBe('GB');
    // Every web address opens in a new tab without referrer or opener; no other link leaves the page.
    for (const a of root.querySelectorAll<HTMLAnchorElement>('a')) {
      const href = a.getAttribute('href')!;
      if (href.startsWith('https:')) {
        expect(a.target).toBe('_blank');
        expect(a.rel).toBe('noopener noreferrer');
      } else expect(href.startsWith('tel:') || href === '#/journal', href).toBe(true);
    }
    // Source and checked date are shown to the person.
    const first = entries()[1]!;
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe(first.dataset.checked);
    expect(first.querySelector('.help-source a')).not.toBeNull();
  });

  it('guidance is beside the list, with a link to the journal', async () => {
    await mount();
    const guide = root.querySelector('aside.help-guide')!;
    expect(guide.querySelectorAll('li').length).toBe(5);
    expect(guide.querySelector('a[href="#/journal"]')).not.toBeNull();
  });
});

describe('Get help while the vault is locked', () => {
  const lockedVault = { lockState: async () => ({ encrypted: true, locked: true, lockedCaptures: 0 }) } as unknown as Vault;

  it('vault.html#/help shows the help page under the lock screen, without unlocking', async () => {
    location.hash = '#/help';
    render(<Shell vault={lockedVault} />, root);
    await waitFor(() => root.querySelector('[data-testid="lock-screen"]'));
    const select = await waitFor(() => root.querySelector<HTMLSelectElement>('[data-testid="help-region"]'));
    expect(select.value).toBe('US');
    expect(entries().length).toBeGreaterThan(3);
  });

  it('any other route shows the lock screen alone', async () => {
    location.hash = '#/records';
    render(<Shell vault={lockedVault} />, root);
    await waitFor(() => root.querySelector('[data-testid="lock-screen"]'));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(root.querySelector('[data-testid="help-region"]')).toBeNull();
  });
});
