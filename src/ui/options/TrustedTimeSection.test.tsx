// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speak } from '../../i18n/test-support';
import {
  declaresTsaDataCollection,
  normalizeTrustedTime,
  readTrustedTime,
  readTrustedTimeInEffect,
  TRUSTED_TIME_KEY,
  trustedTimePermissions,
} from '../../lock/trusted-time';
import { normalizeTsaUrl, tsaDisplayName, tsaOriginPattern } from '../../model/tsa-authorities';
import { TrustedTimeSection } from './TrustedTimeSection';

let root: HTMLElement;
let restore: () => void;
let requested: string[][];
let removed: string[][];
let grant: boolean;
beforeEach(() => {
  fakeBrowser.reset();
  restore = speak('en');
  requested = [];
  removed = [];
  grant = true;
  const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
  perms.request = vi.fn(async (p: { origins: string[] }) => {
    requested.push(p.origins);
    return grant;
  });
  perms.remove = vi.fn(async (p: { origins: string[] }) => {
    removed.push(p.origins);
    return true;
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  restore();
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
const q = <T extends Element = HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
const click = async (id: string) => {
  await act(async () => {
    q(id)!.click();
  });
};

describe('trusted time setting (opt-in)', () => {
  it('is off by default, says exactly what would be sent, and asks for nothing until the person turns it on', async () => {
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-off'));
    expect(q('tsa-off')!.textContent).toBe('Off: nothing is sent anywhere.');
    const sent = q('tsa-what-is-sent')!.textContent!;
    expect(sent).toMatch(/only a SHA-256 hash of your vault's chain head/);
    expect(sent).toMatch(/At most once a minute while you capture/);
    expect(requested).toEqual([]);
    expect(await readTrustedTime()).toEqual({ enabled: false, url: '' });
  });

  it('turned on with a listed authority: host access for that authority only, from the click; then off gives it back', async () => {
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-turn-on'));
    await click('tsa-choice-digicert');
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-on'));
    expect(requested).toEqual([['http://timestamp.digicert.com/*']]);
    expect(await readTrustedTime()).toEqual({ enabled: true, url: 'http://timestamp.digicert.com/' });
    expect(q('tsa-on')!.textContent).toBe('On: the time of your captures is confirmed by DigiCert (http://timestamp.digicert.com/).');
    await click('tsa-turn-off');
    await waitFor(() => q('tsa-off'));
    expect(removed).toEqual([['http://timestamp.digicert.com/*']]);
    expect((await readTrustedTime()).enabled).toBe(false);
  });

  it('a typed address: refused unless http(s); stays off when the browser does not grant access', async () => {
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-turn-on'));
    await click('tsa-choice-other');
    const input = await waitFor(() => q<HTMLInputElement>('tsa-url'));
    for (const bad of ['ftp://tsa.example/', 'javascript:alert(1)', 'tsa.example', 'https://user:pw@tsa.example/']) {
      await act(async () => {
        input.value = bad;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await click('tsa-turn-on');
      expect(q('tsa-error')!.textContent, bad).toBe('Type an address that starts with https:// or http://.');
    }
    expect(requested).toEqual([]);
    grant = false;
    await act(async () => {
      input.value = 'https://tsa.example.org/rfc3161';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-error')?.textContent?.includes('did not allow'));
    expect(requested).toEqual([['https://tsa.example.org/*']]);
    expect((await readTrustedTime()).enabled).toBe(false);
    grant = true;
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-on'));
    expect(await readTrustedTime()).toEqual({ enabled: true, url: 'https://tsa.example.org/rfc3161' });
  });
});

describe('trusted time when the browser will not ask', () => {
  it('turns on when the request is refused but the host is held already, stays off when it is not', async () => {
    const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
    let held = true;
    perms.request = vi.fn(async () => {
      throw new Error('Cannot request origin permission since it was not declared in optional_permissions');
    });
    perms.contains = vi.fn(async () => held);
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-turn-on'));
    held = false;
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-error'));
    expect((await readTrustedTime()).enabled).toBe(false);
    held = true;
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-on'));
    expect(await readTrustedTime()).toEqual({ enabled: true, url: 'https://freetsa.org/tsr' });
  });
});

describe('trusted time storage and addresses', () => {
  it('a stored value that is damaged or names no valid address is off', async () => {
    expect(normalizeTrustedTime(undefined)).toEqual({ enabled: false, url: '' });
    expect(normalizeTrustedTime({ enabled: true })).toEqual({ enabled: false, url: '' });
    expect(normalizeTrustedTime({ enabled: true, url: 'file:///etc/passwd' })).toEqual({ enabled: false, url: '' });
    expect(normalizeTrustedTime({ enabled: 'yes', url: 'https://freetsa.org/tsr' })).toEqual({ enabled: false, url: 'https://freetsa.org/tsr' });
    await fakeBrowser.storage.local.set({ [TRUSTED_TIME_KEY]: { enabled: true, url: 'chrome-extension://abc/' } });
    expect((await readTrustedTime()).enabled).toBe(false);
  });

  it('addresses, their permission pattern and the name shown', () => {
    expect(normalizeTsaUrl(' http://timestamp.sectigo.com ')).toBe('http://timestamp.sectigo.com/');
    expect(normalizeTsaUrl('https://tsa.example/#x')).toBeUndefined();
    expect(normalizeTsaUrl(42)).toBeUndefined();
    expect(tsaOriginPattern('https://freetsa.org:443/tsr')).toBe('https://freetsa.org/*');
    expect(tsaDisplayName('https://freetsa.org/tsr')).toBe('FreeTSA');
    expect(tsaDisplayName('https://tsa.example.org:8443/x')).toBe('tsa.example.org:8443');
  });
});

describe('trusted time and Firefox data consent (a build whose manifest declares it optional)', () => {
  const FIREFOX = { manifest_version: 2, browser_specific_settings: { gecko: { data_collection_permissions: { required: ['none'], optional: ['websiteContent'] } } } };
  let asked: Array<Record<string, unknown>>;
  let gaveBack: Array<Record<string, unknown>>;
  let consented: boolean;
  let supported: boolean;
  beforeEach(() => {
    asked = [];
    gaveBack = [];
    consented = true;
    const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
    perms.request = vi.fn(async (p: Record<string, unknown>) => {
      asked.push(p);
      return grant;
    });
    perms.remove = vi.fn(async (p: Record<string, unknown>) => {
      gaveBack.push(p);
      return true;
    });
    perms.contains = vi.fn(async (p: { data_collection?: string[] }) => (p.data_collection ? consented : true));
    // Firefox 140+: getAll() lists data_collection (Mozilla's feature test for the built-in consent).
    perms.getAll = vi.fn(async () => ({ origins: [], permissions: [], ...(supported && { data_collection: consented ? ['websiteContent'] : [] }) }));
    supported = true;
    (fakeBrowser.runtime as unknown as Record<string, unknown>).getManifest = () => FIREFOX;
  });

  it('reads the declaration from the manifest: Firefox yes; Chromium, the grant-all test build and odd values no', () => {
    expect(declaresTsaDataCollection(FIREFOX)).toBe(true);
    expect(declaresTsaDataCollection({ manifest_version: 3 })).toBe(false);
    expect(declaresTsaDataCollection({ browser_specific_settings: { gecko: { data_collection_permissions: { required: ['none'] } } } })).toBe(false);
    expect(declaresTsaDataCollection({ browser_specific_settings: { gecko: { data_collection_permissions: { optional: 'websiteContent' } } } })).toBe(false);
    expect(declaresTsaDataCollection(null)).toBe(false);
    expect(trustedTimePermissions('https://freetsa.org/*', true)).toEqual({ origins: ['https://freetsa.org/*'], data_collection: ['websiteContent'] });
    expect(trustedTimePermissions('https://freetsa.org/*', false)).toEqual({ origins: ['https://freetsa.org/*'] });
  });

  it('says Firefox will ask, asks for the host and the consent in one prompt, and gives both back when turned off', async () => {
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-data-consent'));
    expect(q('tsa-data-consent')!.textContent).toMatch(/Firefox will also ask you to allow "website content"/);
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-on'));
    expect(asked).toEqual([{ origins: ['https://freetsa.org/*'], data_collection: ['websiteContent'] }]);
    await click('tsa-turn-off');
    await waitFor(() => q('tsa-off'));
    expect(gaveBack).toEqual([{ origins: ['https://freetsa.org/*'], data_collection: ['websiteContent'] }]);
  });

  it('a Firefox older than the built-in consent (128-139: getAll() has no data_collection) is asked for the host alone', async () => {
    supported = false;
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-turn-on'));
    expect(q('tsa-data-consent')).toBeNull();
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-on'));
    expect(asked).toEqual([{ origins: ['https://freetsa.org/*'] }]);
    consented = false;
    expect((await readTrustedTimeInEffect()).enabled).toBe(true);
  });

  it('stays off when the person declines the prompt', async () => {
    grant = false;
    render(<TrustedTimeSection />, root);
    await waitFor(() => q('tsa-turn-on'));
    await click('tsa-turn-on');
    await waitFor(() => q('tsa-error'));
    expect((await readTrustedTime()).enabled).toBe(false);
  });

  it('the background treats trusted time as off once the consent is withdrawn (about:addons), on while it holds', async () => {
    await fakeBrowser.storage.local.set({ [TRUSTED_TIME_KEY]: { enabled: true, url: 'https://freetsa.org/tsr' } });
    expect(await readTrustedTimeInEffect()).toEqual({ enabled: true, url: 'https://freetsa.org/tsr' });
    consented = false;
    expect(await readTrustedTimeInEffect()).toEqual({ enabled: false, url: 'https://freetsa.org/tsr' });
    // A build without the declaration (Chromium) does not ask the browser about it.
    expect(await readTrustedTimeInEffect({ manifest_version: 3 })).toEqual({ enabled: true, url: 'https://freetsa.org/tsr' });
  });
});
