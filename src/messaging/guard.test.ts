import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fromExtensionPage, refusal } from './guard';

describe('message guard', () => {
  beforeEach(() => fakeBrowser.reset());
  const id = () => fakeBrowser.runtime.id;
  const base = () => fakeBrowser.runtime.getURL('/');

  it('accepts vault changes from the extension’s own pages', () => {
    const sender = { id: id(), url: `${base()}vault.html` };
    expect(fromExtensionPage(sender)).toBe(true);
    expect(refusal({ type: 'vault:delete', id: 'r1' }, sender)).toBeNull();
  });

  it('refuses vault changes from a content script on a site', () => {
    const sender = { id: id(), url: 'https://x.com/home', tab: { id: 3 } as never, frameId: 0 };
    expect(fromExtensionPage(sender)).toBe(false);
    expect(refusal({ type: 'vault:delete', id: 'r1' }, sender)).toMatch(/Refused/);
    expect(refusal({ type: 'capture:page', tabId: 3 }, sender)).toMatch(/Refused/);
  });

  it('refuses another extension, and lets content scripts capture', () => {
    expect(refusal({ type: 'vault:delete', id: 'r1' }, { id: 'someone-else', url: `${base()}vault.html` })).toMatch(/Refused/);
    const content = { id: id(), url: 'https://x.com/home', tab: { id: 3 } as never };
    expect(refusal({ type: 'vault:verify' }, content)).toBeNull();
  });
});
