// @vitest-environment happy-dom
/**
 * The vault's *Check a bundle* on a WACZ (issue #15): a good WACZ shows that it is a WACZ, what was checked, the vault
 * key's fingerprint (the same test id and text as a zip bundle, to compare with the vault page) and "verified"; a WACZ
 * with its WARC removed, a changed resource, datapackage.json changed, a signature over other content or a swapped key
 * each shows the plain problem; a file named .wacz that is no ZIP is not checked and says why. Import refuses a WACZ.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memorySink, seedVault, unzipAll, zipAll } from '../../export/test-support';
import { WACZ_FILES } from '../../export/wacz/layout';
import type { WaczProblemCode, WaczReport } from '../../export/wacz/verify-wacz';
import { exportWacz } from '../../export/wacz/writer';
import { CATALOGUES, getMessageFrom } from '../../i18n/test-support';
import { generateSigningKeyPair, keyFingerprint, toBase64 } from '../../model/signature';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { ImportPanel } from './ImportPanel';
import { VerifyPanel } from './VerifyPanel';
import { waczProblemText } from './WaczResult';

const t = (key: string, ...subs: string[]) => [key, ...subs].join('|');
const enc = new TextEncoder();
let root: HTMLElement;
let source: VaultImpl;
let wacz: Uint8Array;
let fingerprint: string;
const opened: VaultImpl[] = [];

beforeAll(async () => {
  source = await openVault(freshDbName('ui-wacz'));
  await seedVault(source);
  const mem = memorySink();
  await exportWacz(source, { scope: { type: 'all' }, toolVersion: '0.1.0' }, mem.sink);
  wacz = mem.bytes();
  fingerprint = (await source.signingIdentity())!.fingerprint;
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

async function pick(selector: string, bytes: Uint8Array, name: string) {
  const input = $<HTMLInputElement>(selector)!;
  const file = new File([bytes as BlobPart], name, { type: name.endsWith('.zip') ? 'application/zip' : '' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function click(selector: string) {
  await act(async () => {
    $(selector)!.click();
  });
}

async function rewrite(change: (files: Map<string, Uint8Array>) => void | Promise<void>): Promise<Uint8Array> {
  const files = await unzipAll(wacz);
  await change(files);
  return zipAll(files, { level: 0 });
}

/** Checks `bytes` in the panel and returns the WACZ result element once it shows. */
async function check(bytes: Uint8Array, name = 'export.wacz'): Promise<HTMLElement> {
  render(<VerifyPanel t={t} />, root);
  await pick('[data-testid="verify-file"]', bytes, name);
  await click('[data-testid="verify-run"]');
  return waitFor(() => $('[data-testid="wacz-result"]'));
}
const problemTexts = () => $$('[data-testid="wacz-problems"] > li').map((li) => li.textContent);

describe('VerifyPanel on a WACZ', () => {
  it('lets the person pick a .wacz', () => {
    render(<VerifyPanel t={t} />, root);
    expect($<HTMLInputElement>('[data-testid="verify-file"]')!.accept.split(',')).toContain('.wacz');
    expect($('[data-testid="verify-panel"]')!.textContent).toContain('waczCheckIntro');
  });

  it('says a good WACZ is verified, what was checked, and shows the vault key fingerprint as for a zip bundle', async () => {
    const result = await check(wacz);
    expect(result.dataset.ok).toBe('true');
    expect(result.dataset.problems).toBe('');
    expect($('[data-testid="wacz-kind"]')!.textContent).toBe('waczCheckKind');
    expect($('[data-testid="wacz-verdict"]')!.textContent).toBe('waczCheckOk');
    // The counts, as a plain list, in words.
    const counts = Object.fromEntries($$('[data-testid="wacz-counts"] > li').map((li) => [li.dataset.count, li.textContent]));
    expect(counts.warcs).toBe('waczCheckWarcs|1');
    expect(counts.pages).toBe('waczCheckPages|5');
    const files = await unzipAll(wacz);
    const listed = (JSON.parse(new TextDecoder().decode(files.get(WACZ_FILES.datapackage))) as { resources: unknown[] }).resources.length;
    const indexLines = new TextDecoder().decode(files.get(WACZ_FILES.index)).trim().split('\n').length;
    expect(indexLines).toBeGreaterThan(5);
    expect(counts.resources).toBe(`waczCheckResources|${listed}|${indexLines}`);
    expect(counts.files).toBe(`waczCheckFiles|${files.size}`);
    // Same test id and text as a zip bundle's, so it compares with the vault page's vault-key-fingerprint.
    const signature = $('[data-testid="bundle-signature"]')!;
    expect(signature.dataset.signature).toBe('signed');
    expect(signature.dataset.fingerprint).toBe(fingerprint);
    expect(signature.textContent).toBe(`sigBundleSigned|${fingerprint}`);
    expect($('[data-testid="wacz-problems"]')).toBeNull();
    expect($('[data-testid="bundle-result"]')).toBeNull();
  });

  it('recognises a WACZ renamed .zip by its contents (datapackage.json, no manifest.json), as holdfast-verify does', async () => {
    const result = await check(wacz, 'renamed.zip');
    expect(result.dataset.ok).toBe('true');
    expect($('[data-testid="bundle-signature"]')!.dataset.fingerprint).toBe(fingerprint);
  });

  it('names a missing WARC', async () => {
    const result = await check(await rewrite((f) => void f.delete('archive/data.warc.gz')));
    expect(result.dataset.ok).toBe('false');
    expect($('[data-testid="wacz-verdict"]')!.textContent).toBe('waczCheckBad');
    expect(result.dataset.problems!.split(' ')).toContain('warc-missing');
    expect(problemTexts()).toContain('waczCheckWarcMissing|archive/data.warc.gz');
    // The verifier's own sentence stays available as the technical detail.
    expect($('[data-testid="wacz-details"]')!.textContent).toContain('The WARC archive/data.warc.gz that datapackage.json lists is missing');
  });

  it('names a changed resource', async () => {
    const result = await check(
      await rewrite((f) => {
        f.set(WACZ_FILES.pages, enc.encode(new TextDecoder().decode(f.get(WACZ_FILES.pages)).replace(/"title":"/, '"title":"EDITED ')));
      }),
    );
    expect(result.dataset.ok).toBe('false');
    expect(result.dataset.problems!.split(' ')).toContain('file-changed');
    expect(problemTexts()).toContain(`waczCheckFileChanged|${WACZ_FILES.pages}`);
  });

  it('names datapackage.json changed, and a signature over other content', async () => {
    const result = await check(
      await rewrite((f) => {
        const pkg = JSON.parse(new TextDecoder().decode(f.get(WACZ_FILES.datapackage))) as { title: string };
        pkg.title = 'Something else';
        f.set(WACZ_FILES.datapackage, enc.encode(JSON.stringify(pkg, null, 2)));
      }),
    );
    expect(result.dataset.problems!.split(' ').sort()).toEqual(['digest-mismatch', 'signature-mismatch']);
    expect(problemTexts()).toEqual(['waczCheckDatapackageChanged', 'waczCheckSignatureOther']);
    expect($('[data-testid="bundle-signature"]')!.dataset.signature).toBe('invalid');
  });

  it('names a swapped key and shows the other fingerprint', async () => {
    const other = await generateSigningKeyPair(false);
    const otherFingerprint = keyFingerprint(other.spki);
    const result = await check(
      await rewrite((f) => {
        const digest = JSON.parse(new TextDecoder().decode(f.get(WACZ_FILES.digest))) as { signedData: { publicKey: string } };
        digest.signedData.publicKey = toBase64(other.spki);
        f.set(WACZ_FILES.digest, enc.encode(JSON.stringify(digest, null, 2)));
      }),
    );
    expect(result.dataset.ok).toBe('false');
    expect(result.dataset.problems).toBe('signature-invalid');
    expect(problemTexts()).toEqual([`waczCheckKeySwapped|${otherFingerprint}`]);
    const signature = $('[data-testid="bundle-signature"]')!;
    expect(signature.dataset.signature).toBe('invalid');
    expect(signature.dataset.fingerprint).toBe(otherFingerprint);
    expect(otherFingerprint).not.toBe(fingerprint);
    expect(signature.textContent).toBe(`waczCheckSigInvalid|${otherFingerprint}`);
  });

  it('does not check a .wacz that is no ZIP, and says so', async () => {
    const result = await check(enc.encode('not a zip at all'), 'broken.wacz');
    expect(result.dataset.ok).toBe('false');
    expect($('[data-testid="wacz-verdict"]')!.textContent).toBe('waczCheckNotChecked');
    expect(problemTexts()).toEqual(['waczCheckUnreadable']);
    expect($('[data-testid="wacz-counts"]')).toBeNull();
  });

  it('has a plain sentence in every language for every problem the verifier can report', () => {
    const codes: WaczProblemCode[] = [
      'unreadable', 'datapackage-missing', 'datapackage-invalid', 'warc-missing', 'file-missing', 'file-added', 'file-changed', 'file-size',
      'unsafe-path', 'index-invalid', 'digest-missing', 'digest-mismatch', 'signature-missing', 'signature-mismatch', 'signature-invalid', 'signature-key',
    ];
    const report = { signature: { status: 'invalid', fingerprint: 'ab12 cd34' } } as WaczReport;
    for (const [lang, cat] of Object.entries(CATALOGUES)) {
      const get = getMessageFrom(cat);
      const tr = (key: string, ...subs: string[]) => get(key, subs);
      const texts = codes.map((code) => waczProblemText({ code, path: 'archive/data.warc.gz', message: '' }, report, tr));
      for (const [i, text] of texts.entries()) {
        expect(text.length, `${lang} ${codes[i]}`).toBeGreaterThan(20);
        expect(text, `${lang} ${codes[i]}`).not.toMatch(/\$/);
      }
      expect(texts[codes.indexOf('warc-missing')]).toContain('archive/data.warc.gz');
      expect(texts[codes.indexOf('signature-invalid')]).toContain('ab12 cd34');
      expect(waczProblemText({ code: 'warc-missing', message: '' }, report, tr)).not.toBe(texts[codes.indexOf('warc-missing')]);
    }
  });
});

describe('ImportPanel on a WACZ', () => {
  it('refuses it with a plain sentence and adds nothing', async () => {
    const target = await openVault(freshDbName('ui-wacz-import'));
    opened.push(target);
    const onDone = vi.fn();
    render(<ImportPanel vault={target} t={t} onDone={onDone} />, root);
    await pick('[data-testid="import-file"]', wacz, 'export.wacz');
    await click('[data-testid="import-run"]');
    const result = await waitFor(() => $('[data-testid="import-result"]'));
    expect(result.dataset.status).toBe('refused');
    expect(result.dataset.refusal).toBe('wacz');
    expect(result.textContent).toBe('importRefused waczCheckImportRefused');
    expect($('[role="alert"]')!.textContent).toContain('waczCheckImportRefused');
    expect(result.querySelector('[data-testid="bundle-result"]')).toBeNull();
    expect(onDone).not.toHaveBeenCalled();
    expect(await target.count()).toBe(0);
    expect(await target.custodyLog()).toEqual([]);
  });
});
