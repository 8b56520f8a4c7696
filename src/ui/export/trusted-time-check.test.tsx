// @vitest-environment happy-dom
/**
 * Check a bundle (issue #15 B): the vault's panel says what holdfast-verify prints about trusted time — for each token
 * the records it covers, its time and authority — and names each token that does not hold, in words (not colour).
 * Tokens come from the throwaway openssl TSA (test/tsa/local-tsa.ts), as in src/export/trusted-time-export.test.ts.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalTsa, makeLocalTsa } from '../../../test/tsa/local-tsa';
import { exportBundle } from '../../export/bundle';
import { FILES, type Manifest, timestampPath } from '../../export/format';
import { decode, memorySink, resign, seedVault, tamper, unzipAll } from '../../export/test-support';
import { buildTimeStampRequest, imprintOfHead } from '../../model/timestamp-token';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { VerifyPanel } from './VerifyPanel';

const t = (key: string, ...subs: string[]) => [key, ...subs].join('|');
let tsa: LocalTsa;
let vault: VaultImpl;
let root: HTMLElement;
let good: Uint8Array;
let truncated: Uint8Array;
let misstated: Uint8Array;
let genTimes: Map<string, string>;
const heads: Array<{ seq: number; hash: string }> = [];

beforeAll(async () => {
  tsa = makeLocalTsa();
  vault = await openVault(freshDbName('ui-tsa-check'));
  await seedVault(vault);
  const all = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
  for (const r of [all[1]!, all.at(-1)!]) {
    const head = { seq: r.seq, hash: r.chain.recordHash };
    const req = buildTimeStampRequest(imprintOfHead(head.hash));
    await vault.addTimestamp(head, tsa.reply(req.der), { url: 'http://tsa.test/tsr', nonce: req.nonce });
    heads.push(head);
  }
  const out = memorySink();
  await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, out.sink);
  good = out.bytes();
  const manifest = JSON.parse(decode((await unzipAll(good)).get(FILES.manifest))) as Manifest;
  genTimes = new Map(manifest.trustedTime!.tokens.map((tok) => [tok.file, tok.genTime]));
  // The last head's token cut short (damaged), SHA256SUMS and the signature redone so only the token is wrong.
  const last = timestampPath(heads[1]!.seq);
  truncated = await tamper(good, async (files) => {
    files.set(last, files.get(last)!.slice(0, 200));
    await resign(files, vault);
  });
  // The first token's time misstated in the manifest (the token itself intact).
  misstated = await tamper(good, async (files) => {
    const m = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
    m.trustedTime!.tokens[0]!.genTime = '2020-01-01T00:00:00Z';
    files.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(m)));
    await resign(files, vault);
  });
}, 60_000);
afterAll(() => {
  vault?.close();
  tsa?.cleanup();
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];

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

async function pick(selector: string, content: BlobPart, name: string, type: string) {
  const input = $<HTMLInputElement>(selector)!;
  Object.defineProperty(input, 'files', { value: [new File([content], name, { type })], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function check(bundle: Uint8Array, caPem?: string): Promise<HTMLElement> {
  render(<VerifyPanel t={t} />, root);
  await pick('[data-testid="verify-file"]', bundle as BlobPart, 'bundle.zip', 'application/zip');
  if (caPem !== undefined) await pick('[data-testid="verify-tsa-ca"]', caPem, 'tsa-ca.pem', 'application/x-pem-file');
  await act(async () => {
    $('[data-testid="verify-run"]')!.click();
  });
  return waitFor(() => $('[data-testid="bundle-result"]') ?? (caPem !== undefined && $('[role="alert"]')));
}

describe('Check a bundle: trusted time (issue #15)', () => {
  it('lists each token that holds: the records it covers, its time and its authority', async () => {
    const result = await check(good);
    expect(result.dataset.ok).toBe('true');
    const list = $('[data-testid="bundle-trusted-time"] ul')!;
    // A plain list named by its heading, one item per token, in chain order.
    expect(list.getAttribute('aria-labelledby')).toBe('hf-tsa-check-title');
    expect($('#hf-tsa-check-title')!.textContent).toBe('tsaCheckTitle');
    const items = $$('[data-testid="bundle-trusted-time"] li');
    expect(items.map((li) => [li.dataset.state, Number(li.dataset.seq)])).toEqual(heads.map((h) => ['held', h.seq]));
    for (const [i, h] of heads.entries()) {
      const file = timestampPath(h.seq);
      const genTime = genTimes.get(file)!;
      expect(genTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(items[i]!.textContent).toBe(`tsaCheckHeld|${h.seq}|${genTime}|Holdfast Test TSA (${file})`);
    }
    // No authority given: the panel says the tokens were checked only against their own certificates.
    expect($('[data-testid="bundle-trusted-time"]')!.textContent).toContain('tsaCheckNoAuthority');
  });

  it('with the authority’s CA given, the same bundle holds and the note about naming one is gone', async () => {
    const result = await check(good, tsa.caPem);
    expect(result.dataset.ok).toBe('true');
    expect($$('[data-testid="bundle-trusted-time"] li').map((li) => li.dataset.state)).toEqual(['held', 'held']);
    expect($('[data-testid="bundle-trusted-time"]')!.textContent).not.toContain('tsaCheckNoAuthority');
  });

  it('names a damaged token in words, beside the one that still holds', async () => {
    const result = await check(truncated);
    expect(result.dataset.ok).toBe('false');
    expect(result.dataset.problems).toBe('timestamp-invalid');
    const items = $$('[data-testid="bundle-trusted-time"] li');
    expect(items.map((li) => li.dataset.state)).toEqual(['held', 'problem']);
    const bad = items[1]!;
    const file = timestampPath(heads[1]!.seq);
    expect(bad.dataset.code).toBe('timestamp-invalid');
    expect(bad.textContent).toContain(`tsaCheckInvalid|${file}|${heads[1]!.seq}`);
    expect(bad.textContent).toMatch(/truncated or damaged/);
    expect(items[0]!.textContent).toContain(`tsaCheckHeld|${heads[0]!.seq}|`);
  });

  it('names a token the manifest misstates (timestamp-head)', async () => {
    const result = await check(misstated);
    expect(result.dataset.ok).toBe('false');
    const items = $$('[data-testid="bundle-trusted-time"] li');
    expect(items.map((li) => [li.dataset.state, li.dataset.code ?? ''])).toEqual([
      ['problem', 'timestamp-head'],
      ['held', ''],
    ]);
    expect(items[0]!.textContent).toContain(`tsaCheckHead|${timestampPath(heads[0]!.seq)}|${heads[0]!.seq}`);
    expect(items[0]!.textContent).toContain('2020-01-01T00:00:00Z');
  });

  it('an authority the person did not name: each token is reported as not confirmed', async () => {
    const result = await check(good, tsa.otherCaPem);
    expect(result.dataset.ok).toBe('false');
    const items = $$('[data-testid="bundle-trusted-time"] li');
    expect(items.map((li) => [li.dataset.state, li.dataset.code])).toEqual([
      ['problem', 'timestamp-invalid'],
      ['problem', 'timestamp-invalid'],
    ]);
    for (const li of items) {
      expect(li.textContent).toContain(`tsaCheckInvalidNamed|${li.dataset.file}|`);
      expect(li.textContent).toMatch(/signed by Holdfast Test TSA, which is not the time-stamping authority expected/);
    }
  });

  it('refuses a “PEM” file holding no certificate, before checking anything', async () => {
    await check(good, 'not a certificate');
    expect($('[role="alert"]')!.textContent).toBe('tsaCheckCaEmpty|tsa-ca.pem');
    expect($('[data-testid="bundle-result"]')).toBeNull();
  });

  it('a bundle without trusted time shows no trusted-time section', async () => {
    const plain = await tamper(good, async (files) => {
      const m = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
      for (const tok of m.trustedTime!.tokens) {
        files.delete(tok.file);
        m.files = m.files.filter((f) => f !== tok.file);
      }
      delete m.trustedTime;
      files.set(FILES.manifest, new TextEncoder().encode(JSON.stringify(m)));
      await resign(files, vault);
    });
    const result = await check(plain);
    expect(result.dataset.ok).toBe('true');
    expect($('[data-testid="bundle-trusted-time"]')).toBeNull();
  });
});
