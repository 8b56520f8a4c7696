// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../export/bundle';
import { FILES } from '../../export/format';
import { memorySink, seedVault, tamper } from '../../export/test-support';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { ImportPanel } from './ImportPanel';
import { VerifyPanel } from './VerifyPanel';

const t = (key: string, ...subs: string[]) => [key, ...subs].join('|');
let root: HTMLElement;
let source: VaultImpl;
let good: Uint8Array;
let encrypted: Uint8Array;
let broken: Uint8Array;
const opened: VaultImpl[] = [];

beforeAll(async () => {
  source = await openVault(freshDbName('ui-panels'));
  await seedVault(source);
  const a = memorySink();
  await exportBundle(source, { scope: { type: 'all' }, toolVersion: '1' }, a.sink);
  good = a.bytes();
  const b = memorySink();
  await exportBundle(source, { scope: { type: 'all' }, toolVersion: '1', password: 'pw' }, b.sink);
  encrypted = b.bytes();
  broken = await tamper(good, (files) => {
    files.delete(FILES.reportHtml);
    files.set('extra.txt', new TextEncoder().encode('x'));
  });
});
afterAll(() => source?.close());
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  for (const v of opened.splice(0)) v.close();
});

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);

async function waitFor<T>(check: () => T | undefined | null | false, timeout = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error('waitFor timed out');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

async function pick(selector: string, bytes: Uint8Array, name = 'bundle.zip') {
  const input = $<HTMLInputElement>(selector)!;
  const file = new File([bytes as BlobPart], name, { type: 'application/zip' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function typeInto(selector: string, value: string) {
  const input = $<HTMLInputElement>(selector)!;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(selector: string) {
  await act(async () => {
    $(selector)!.click();
  });
}

describe('VerifyPanel', () => {
  it('checks a picked bundle and says it holds', async () => {
    render(<VerifyPanel t={t} />, root);
    expect($<HTMLButtonElement>('[data-testid="verify-run"]')!.disabled).toBe(true);
    await pick('[data-testid="verify-file"]', good);
    await click('[data-testid="verify-run"]');
    const result = await waitFor(() => $('[data-testid="bundle-result"]'));
    expect(result.dataset.ok).toBe('true');
    expect(result.textContent).toContain('verifyOk|6|34');
    // Issue #15: the vault key's fingerprint, to compare with the vault page.
    const fingerprint = (await source.signingIdentity())!.fingerprint;
    const signature = $('[data-testid="bundle-signature"]')!;
    expect(signature.dataset.signature).toBe('signed');
    expect(signature.textContent).toBe(`sigBundleSigned|${fingerprint}`);
  });

  it('names what is missing and added in a tampered bundle', async () => {
    render(<VerifyPanel t={t} />, root);
    await pick('[data-testid="verify-file"]', broken);
    await click('[data-testid="verify-run"]');
    const result = await waitFor(() => $('[data-testid="bundle-result"]'));
    expect(result.dataset.ok).toBe('false');
    expect(result.dataset.problems).toContain('file-missing');
    expect(result.dataset.problems).toContain('file-added');
    expect(result.textContent).toContain('verifyMissing (1)');
    expect(result.textContent).toContain(FILES.reportHtml);
    expect(result.textContent).toContain('verifyAdded (1)');
    expect(result.textContent).toContain('extra.txt');
  });

  it('asks for the password of an encrypted bundle and checks it with one', async () => {
    const onClose = vi.fn();
    render(<VerifyPanel t={t} onClose={onClose} />, root);
    await pick('[data-testid="verify-file"]', encrypted);
    await click('[data-testid="verify-run"]');
    let result = await waitFor(() => $('[data-testid="bundle-result"]'));
    expect(result.dataset.problems).toBe('password-required');
    await typeInto('[data-testid="verify-password"]', 'pw');
    await click('[data-testid="verify-run"]');
    result = await waitFor(() => $('[data-testid="bundle-result"]')?.dataset.ok === 'true' && $('[data-testid="bundle-result"]'));
    expect(result.dataset.ok).toBe('true');
  });
});

describe('ImportPanel', () => {
  async function emptyVault() {
    const v = await openVault(freshDbName('ui-import'));
    opened.push(v);
    return v;
  }

  it('imports a bundle that verifies and reports how many records were added', async () => {
    const target = await emptyVault();
    const onDone = vi.fn();
    render(<ImportPanel vault={target} t={t} onDone={onDone} />, root);
    await pick('[data-testid="import-file"]', good);
    await click('[data-testid="import-run"]');
    const result = await waitFor(() => $('[data-testid="import-result"]'));
    expect(result.dataset.status).toBe('imported');
    expect(result.textContent).toContain('importDone|6');
    expect(onDone).toHaveBeenCalledOnce();
    expect(await target.count()).toBe(5);
    expect((await target.verify()).ok).toBe(true);
  });

  it('refuses a tampered bundle, shows why, and adds nothing', async () => {
    const target = await emptyVault();
    const onDone = vi.fn();
    render(<ImportPanel vault={target} t={t} onDone={onDone} />, root);
    await pick('[data-testid="import-file"]', broken);
    await click('[data-testid="import-run"]');
    const result = await waitFor(() => $('[data-testid="import-result"]'));
    expect(result.dataset.status).toBe('refused');
    expect(result.dataset.refusal).toBe('tampered');
    expect(result.textContent).toContain('importRefused');
    expect(result.querySelector('[data-testid="bundle-result"]')?.textContent).toContain(FILES.reportHtml);
    expect(onDone).not.toHaveBeenCalled();
    expect(await target.count()).toBe(0);
    expect(await target.custodyLog()).toEqual([]);
  });

  it('refuses an unsigned (older) bundle unless the person ticks that they accept it', async () => {
    const target = await emptyVault();
    const older = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'export', 'fixtures', 'bundle-format-1.zip')));
    render(<ImportPanel vault={target} t={t} />, root);
    await pick('[data-testid="import-file"]', older);
    await click('[data-testid="import-run"]');
    const refused = await waitFor(() => $('[data-testid="import-result"]'));
    expect(refused.dataset.refusal).toBe('unsigned');
    expect(await target.count()).toBe(0);
    await click('[data-testid="import-accept-unsigned"]');
    expect($<HTMLInputElement>('[data-testid="import-accept-unsigned"]')!.checked).toBe(true);
    await click('[data-testid="import-run"]');
    await waitFor(() => $('[data-testid="import-result"]')?.dataset.status === 'imported');
    expect(await target.count()).toBeGreaterThan(0);
  });

  it('refuses an encrypted bundle without its password', async () => {
    const target = await emptyVault();
    render(<ImportPanel vault={target} t={t} />, root);
    await pick('[data-testid="import-file"]', encrypted);
    await click('[data-testid="import-run"]');
    const result = await waitFor(() => $('[data-testid="import-result"]'));
    expect(result.dataset.refusal).toBe('password');
    await typeInto('[data-testid="import-password"]', 'pw');
    await click('[data-testid="import-run"]');
    await waitFor(() => $('[data-testid="import-result"]')?.dataset.status === 'imported');
    expect(await target.count()).toBe(5);
  });
});
