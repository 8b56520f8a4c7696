// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onExportAllRequest, requestExportAll, takeExportAllFromAddress } from '../vault/export-request';
import { BeforeRemoveSection, ExportEverythingButton, isTemporaryFirefoxInstall } from './BeforeRemoveSection';

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('Before you remove Holdfast (issue #14)', () => {
  it('says removal deletes the vault and cannot be caught, and "Export everything" opens the vault page export in a new tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({ id: 7 } as never);
    render(<BeforeRemoveSection />, root);
    const section = root.querySelector('[data-testid="before-remove"]');
    const heading = section?.querySelector('h2');
    expect(heading?.id).toBe(section?.getAttribute('aria-labelledby'));
    expect(heading?.textContent).toBe('instBeforeRemoveTitle');
    expect(section?.textContent).toContain('instBeforeRemoveText');
    const button = root.querySelector<HTMLButtonElement>('[data-testid="export-everything"]');
    expect(button?.type).toBe('button');
    expect(root.querySelector(`#${button?.getAttribute('aria-describedby')}`)?.textContent).toBe('instExportEverythingHint');
    await act(async () => {
      button?.click();
    });
    expect(create).toHaveBeenCalledExactlyOnceWith({ url: fakeBrowser.runtime.getURL('/vault.html?export=all') });
  });

  it('on the vault page itself the button opens the export there, not another tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const heard = vi.fn();
    const off = onExportAllRequest(heard);
    render(<ExportEverythingButton onPress={requestExportAll} />, root);
    const button = root.querySelector<HTMLButtonElement>('[data-testid="export-everything"]');
    expect(button?.hasAttribute('aria-describedby')).toBe(false);
    await act(async () => {
      button?.click();
    });
    expect(heard).toHaveBeenCalledOnce();
    expect(create).not.toHaveBeenCalled();
    off();
    requestExportAll();
    expect(heard).toHaveBeenCalledOnce();
  });
});

describe('vault.html?export=all', () => {
  const at = (search: string, hash = '') => ({ search, hash, pathname: '/vault.html' });
  it('is taken once: the dialog opens and the request leaves the address (keeping the route)', () => {
    const replace = vi.fn();
    expect(takeExportAllFromAddress(at('?export=all', '#/people'), replace)).toBe(true);
    expect(replace).toHaveBeenCalledExactlyOnceWith('/vault.html#/people');
  });

  it('anything else is not a request and the address is left alone', () => {
    const replace = vi.fn();
    for (const search of ['', '?export=', '?export=ALL', '?export=all%20', '?exports=all', '?x=export=all', '?export=records'])
      expect(takeExportAllFromAddress(at(search), replace), search).toBe(false);
    expect(replace).not.toHaveBeenCalled();
  });
});

describe('a temporary Firefox add-on (removed with its vault when Firefox closes)', () => {
  const as = (url: string, self: () => Promise<unknown>) => {
    vi.spyOn(fakeBrowser.runtime, 'getURL').mockReturnValue(url as never);
    (fakeBrowser as unknown as { management: { getSelf: unknown } }).management = { getSelf: vi.fn(self) };
  };

  it('is recognised in Firefox only, from installType "development"', async () => {
    as('moz-extension://u/', async () => ({ installType: 'development' }));
    expect(await isTemporaryFirefoxInstall()).toBe(true);
    as('moz-extension://u/', async () => ({ installType: 'normal' }));
    expect(await isTemporaryFirefoxInstall()).toBe(false);
    // Chromium's unpacked extensions are "development" too, and stay installed.
    as('chrome-extension://id/', async () => ({ installType: 'development' }));
    expect(await isTemporaryFirefoxInstall()).toBe(false);
  });

  it('an unanswered or failing management API says nothing rather than something wrong', async () => {
    as('moz-extension://u/', async () => {
      throw new Error('not available');
    });
    expect(await isTemporaryFirefoxInstall()).toBe(false);
    as('moz-extension://u/', async () => undefined);
    expect(await isTemporaryFirefoxInstall()).toBe(false);
  });

  it('the options section shows the warning only then', async () => {
    as('moz-extension://u/', async () => ({ installType: 'development' }));
    render(<BeforeRemoveSection />, root);
    for (let i = 0; i < 50 && !root.querySelector('[data-testid="temporary-install"]'); i++)
      await act(async () => {
        await new Promise((r) => setTimeout(r, 10));
      });
    expect(root.querySelector('[data-testid="temporary-install"]')?.textContent).toBe('instTemporaryFirefox');
  });
});
