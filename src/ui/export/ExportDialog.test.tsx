// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FILES, type Manifest } from '../../export/format';
import { decode, seedCase, seedVault, unzipAll, withCase } from '../../export/test-support';
import { verifyBundle } from '../../export/verify';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { defaultReportLanguage, ExportDialog } from './ExportDialog';

const t = (key: string, ...subs: string[]) => [key, ...subs].join('|');
let root: HTMLElement;
let vault: VaultImpl;

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  vault = await openVault(freshDbName('ui-export'));
  await seedVault(vault);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vault.close();
});

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

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T & HTMLElement>(selector);

async function type(selector: string, value: string) {
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

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

function mount(props: Partial<Parameters<typeof ExportDialog>[0]> = {}) {
  const onDone = vi.fn<(blob: Blob, filename: string) => void>();
  const onCancel = vi.fn();
  render(<ExportDialog vault={vault} toolVersion="1.2.3" t={t} onDone={onDone} onCancel={onCancel} {...props} />, root);
  return { onDone, onCancel };
}

describe('ExportDialog', () => {
  it('exports everything by default into a bundle that verifies', async () => {
    const { onDone } = mount();
    expect($<HTMLInputElement>('[data-testid="export-scope-all"]')!.checked).toBe(true);
    expect($('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
    await type('[data-testid="export-name"]', 'Dana');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const [blob, filename] = onDone.mock.calls[0]!;
    expect(filename).toMatch(/^holdfast-export-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
    const bytes = await bytesOf(blob);
    expect((await verifyBundle(bytes)).ok).toBe(true);
    const manifest = JSON.parse(decode((await unzipAll(bytes)).get(FILES.manifest))) as Manifest;
    expect(manifest.scope).toEqual({ type: 'all' });
    expect(manifest.exportedBy).toBe('Dana');
    expect(manifest.tool.version).toBe('1.2.3');
    expect(manifest.records).toHaveLength(6);
  });

  it('exports one person chosen from the accounts in the vault', async () => {
    const { onDone } = mount();
    await click('[data-testid="export-scope-person"]');
    const box = await waitFor(() => $<HTMLInputElement>('input[data-account="x|id:4401"]'));
    expect(root.textContent).toContain('exportAccountCaptures|2');
    await act(async () => {
      box.click();
    });
    await act(async () => {
      $<HTMLInputElement>('input[data-account="x|id:9902"]')!.click();
    });
    await type('[data-testid="export-person"] input[type="text"]', 'Alice');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const [blob, filename] = onDone.mock.calls[0]!;
    // The download's name shows in the browser's downloads: never the person's label.
    expect(filename).not.toMatch(/alice/i);
    expect(filename).toMatch(/^holdfast-export-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
    const manifest = JSON.parse(decode((await unzipAll(await bytesOf(blob))).get(FILES.manifest))) as Manifest;
    expect(manifest.scope).toMatchObject({ type: 'person', label: 'Alice' });
    expect(manifest.records.map((r) => r.record.seq)).toEqual([1, 2, 6]);
  });

  it('asks for an account or a date before exporting a person or a date range', async () => {
    const { onDone } = mount();
    await click('[data-testid="export-scope-person"]');
    await waitFor(() => $('input[data-account]'));
    await click('[data-testid="export-confirm"]');
    expect($('[data-testid="export-error"]')?.textContent).toBe('exportNeedAccount');
    await click('[data-testid="export-scope-dates"]');
    await click('[data-testid="export-confirm"]');
    expect($('[data-testid="export-error"]')?.textContent).toBe('exportNeedDates');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('exports a date range given as local days', async () => {
    const { onDone } = mount();
    await click('[data-testid="export-scope-dates"]');
    const inputs = root.querySelectorAll<HTMLInputElement>('[data-testid="export-dates"] input');
    await act(async () => {
      inputs[0]!.value = '2026-11-22';
      inputs[0]!.dispatchEvent(new Event('input', { bubbles: true }));
      inputs[1]!.value = '2026-11-22';
      inputs[1]!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const manifest = JSON.parse(decode((await unzipAll(await bytesOf(onDone.mock.calls[0]![0]))).get(FILES.manifest))) as Manifest;
    expect(manifest.scope.type).toBe('dateRange');
    // 2026-11-22 local: records 3 (12:00Z) and 4 (13:00Z) in any time zone within ±11 h.
    expect(manifest.records.map((r) => r.record.seq)).toEqual(expect.arrayContaining([3, 4]));
  });

  it('encrypts with a password typed twice, and refuses two different ones', async () => {
    const { onDone } = mount();
    await type('[data-testid="export-password"]', 'secret one');
    await type('[data-testid="export-password-repeat"]', 'secret two');
    await click('[data-testid="export-confirm"]');
    expect($('[data-testid="export-error"]')?.textContent).toBe('exportPasswordMismatch');
    expect(onDone).not.toHaveBeenCalled();
    await type('[data-testid="export-password-repeat"]', 'secret one');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const bytes = await bytesOf(onDone.mock.calls[0]![0]);
    expect((await verifyBundle(bytes)).problems.map((p) => p.code)).toEqual(['password-required']);
    expect((await verifyBundle(bytes, { password: 'secret one' })).ok).toBe(true);
  });

  it('offers zip (the default) and wacz as formats; a WACZ of the selected records is a signed web archive', async () => {
    const [first] = await vault.list({ limit: 1 });
    const { onDone } = mount({ selectedIds: [first!.id] });
    const select = $<HTMLSelectElement>('[data-testid="export-format"]')!;
    expect(select.tagName).toBe('SELECT');
    expect([...select.options].map((o) => o.value)).toEqual(['zip', 'wacz']);
    expect(select.value).toBe('zip');
    expect(root.textContent).toContain('waczFormatZipHelp');
    await act(async () => {
      select.value = 'wacz';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(root.textContent).toContain('waczFormatWaczHelp');
    await click('[data-testid="export-scope-selected"]');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const [blob, filename] = onDone.mock.calls[0]!;
    expect(filename).toMatch(/^holdfast-export-.*\.wacz$/);
    const files = await unzipAll(await bytesOf(blob));
    expect([...files.keys()]).toContain('datapackage-digest.json');
    const pages = decode(files.get('pages/pages.jsonl')).trim().split('\n').slice(1).map((l) => JSON.parse(l) as { id: string });
    expect(pages.map((p) => p.id)).toEqual([first!.id]);
  });

  it('refuses WACZ with a password and says why, instead of dropping the password', async () => {
    const { onDone } = mount();
    await type('[data-testid="export-password"]', 'secret');
    await type('[data-testid="export-password-repeat"]', 'secret');
    const select = $<HTMLSelectElement>('[data-testid="export-format"]')!;
    await act(async () => {
      select.value = 'wacz';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect($('[data-testid="export-wacz-password"]')?.textContent).toBe('waczNoPassword');
    expect($<HTMLButtonElement>('[data-testid="export-confirm"]')!.disabled).toBe(true);
    await click('[data-testid="export-confirm"]');
    expect(onDone).not.toHaveBeenCalled();
    // Clearing the password lifts the refusal; choosing zip again does too.
    await act(async () => {
      select.value = 'zip';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect($('[data-testid="export-wacz-password"]')).toBeNull();
    expect($<HTMLButtonElement>('[data-testid="export-confirm"]')!.disabled).toBe(false);
  });

  it('offers the selected records when the page passes them', async () => {
    const [first] = await vault.list({ limit: 1 });
    const { onDone } = mount({ selectedIds: [first!.id] });
    expect(root.textContent).toContain('exportScopeSelected|1');
    await click('[data-testid="export-scope-selected"]');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const manifest = JSON.parse(decode((await unzipAll(await bytesOf(onDone.mock.calls[0]![0]))).get(FILES.manifest))) as Manifest;
    expect(manifest.records.map((r) => r.record.id)).toEqual([first!.id]);
  });

  it('shows progress while exporting, and plain errors', async () => {
    const failing = { ...vault, list: vault.list.bind(vault), getArtifact: async () => { throw new Error('disk unplugged'); } } as unknown as VaultImpl;
    render(null, root);
    const onDone = vi.fn();
    render(<ExportDialog vault={failing} toolVersion="1" t={t} onDone={onDone} onCancel={() => undefined} />, root);
    await click('[data-testid="export-confirm"]');
    const error = await waitFor(() => $('[data-testid="export-error"]'));
    expect(error.textContent).toContain('exportFailed|');
    expect(error.textContent).toContain('disk unplugged');
    expect(onDone).not.toHaveBeenCalled();
    expect($<HTMLButtonElement>('[data-testid="export-confirm"]')!.disabled).toBe(false);
  });

  it('writes the report in the language chosen (default: the browser\u2019s if Spanish, else English)', async () => {
    expect(defaultReportLanguage('es-EC')).toBe('es');
    expect(defaultReportLanguage('en-GB')).toBe('en');
    expect(defaultReportLanguage('fr')).toBe('en');
    expect(defaultReportLanguage('pt-BR')).toBe('en');
    expect(defaultReportLanguage(undefined)).toBe('en');
    const { onDone } = mount({ uiLanguage: 'es-419' });
    const select = $<HTMLSelectElement>('[data-testid="export-language"]')!;
    expect(select.value).toBe('es');
    expect([...select.options].map((o) => o.value)).toEqual(['en', 'es']);
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const files = await unzipAll(await bytesOf(onDone.mock.calls[0]![0]));
    expect((JSON.parse(decode(files.get(FILES.manifest))) as Manifest).language).toBe('es');
    expect(decode(files.get(FILES.reportHtml))).toContain('<html lang="es">');
    render(null, root);
    const second = mount({ uiLanguage: 'es' });
    await act(async () => {
      const s = $<HTMLSelectElement>('[data-testid="export-language"]')!;
      s.value = 'en';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click('[data-testid="export-confirm"]');
    await waitFor(() => second.onDone.mock.calls.length > 0);
    const manifest = JSON.parse(decode((await unzipAll(await bytesOf(second.onDone.mock.calls[0]![0]))).get(FILES.manifest))) as Manifest;
    expect(manifest.language).toBe('en');
  });

  it('exports one person picked from People: their accounts, entries and files', async () => {
    const live = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
    const kase = await seedCase(vault, live);
    const other = { ...kase.person, id: 'person-2', name: 'Unknown 1', identifiers: [] };
    const withPeople = withCase(vault, { people: [other, kase.person], notes: kase.notes });
    render(null, root);
    const onDone = vi.fn<(blob: Blob, filename: string) => void>();
    render(<ExportDialog vault={withPeople} toolVersion="1" t={t} onDone={onDone} onCancel={() => undefined} />, root);
    await click('[data-testid="export-scope-people"]');
    const pick = await waitFor(() => $<HTMLSelectElement>('[data-testid="export-person-pick"]'));
    expect([...pick.options].map((o) => o.textContent)).toEqual(['Unknown 1', kase.person.name]);
    await act(async () => {
      pick.value = 'person-1';
      pick.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const bytes = await bytesOf(onDone.mock.calls[0]![0]);
    expect((await verifyBundle(bytes)).ok).toBe(true);
    const manifest = JSON.parse(decode((await unzipAll(bytes)).get(FILES.manifest))) as Manifest;
    expect(manifest.scope).toMatchObject({ type: 'person', personId: 'person-1', keys: ['x:id:4401', 'x:@alice_harasser'] });
    expect(manifest.records.map((r) => r.record.id)).toEqual(expect.arrayContaining([kase.v1.id, kase.v2.id, kase.file.id]));
    expect(manifest.records.map((r) => r.record.id)).not.toContain(kase.call.id);
  });

  it('says so when there is nobody in People yet', async () => {
    const empty = withCase(vault, { people: [], notes: [] });
    render(null, root);
    render(<ExportDialog vault={empty} toolVersion="1" t={t} onDone={() => undefined} onCancel={() => undefined} />, root);
    await click('[data-testid="export-scope-people"]');
    await waitFor(() => root.textContent?.includes('exportCasePersonNone'));
    await click('[data-testid="export-confirm"]');
    expect($('[data-testid="export-error"]')?.textContent).toBe('exportCaseNeedPerson');
  });

  it('opens on the scope the page passes (Export selected, Export this record)', async () => {
    const [first] = await vault.list({ limit: 1 });
    const { onDone } = mount({ initialScope: { type: 'records', ids: [first!.id] } });
    expect($<HTMLInputElement>('[data-testid="export-scope-selected"]')!.checked).toBe(true);
    expect(root.textContent).toContain('exportScopeSelected|1');
    await click('[data-testid="export-confirm"]');
    await waitFor(() => onDone.mock.calls.length > 0);
    const manifest = JSON.parse(decode((await unzipAll(await bytesOf(onDone.mock.calls[0]![0]))).get(FILES.manifest))) as Manifest;
    expect(manifest.scope).toEqual({ type: 'records', ids: [first!.id] });
    expect(manifest.records.map((r) => r.record.id)).toEqual([first!.id]);
  });

  it('cancels', async () => {
    const { onCancel } = mount();
    await click('[data-testid="export-cancel"]');
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
