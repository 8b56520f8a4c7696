// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vault } from '../../vault/api';
import { freshDbName } from '../../vault/test-support';
import { openVault } from '../../vault/vault';
import { VaultKey } from './VaultKey';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

describe('VaultKey (issue #15)', () => {
  it('shows the vault key’s fingerprint, the same the vault reports', async () => {
    const vault = await openVault(freshDbName('ui-vault-key'));
    try {
      render(<VaultKey vault={vault} />, root);
      await settle();
      const shown = root.querySelector<HTMLElement>('[data-testid="vault-key-fingerprint"]');
      const fingerprint = (await vault.signingIdentity())!.fingerprint;
      expect(shown?.dataset.fingerprint).toBe(fingerprint);
      expect(shown?.dataset.fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    } finally {
      vault.close();
    }
  });

  it('says the key is made later when the vault cannot give one (locked) or has no signing, and shows no fingerprint then', async () => {
    render(<VaultKey vault={{ signingIdentity: async () => undefined } as unknown as Vault} />, root);
    await settle();
    expect(root.querySelector('[data-testid="vault-key"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="vault-key-fingerprint"]')).toBeNull();
    render(null, root);
    render(<VaultKey vault={{} as unknown as Vault} />, root);
    await settle();
    expect(root.querySelector('[data-testid="vault-key-fingerprint"]')).toBeNull();
  });
});
