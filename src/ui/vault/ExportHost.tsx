import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ExportScope } from '../../export/format';
import { type MessageKey, t } from '../../i18n/t';
import type { Vault } from '../../vault/api';
import { ExportDialog } from '../export/ExportDialog';
import { ImportPanel } from '../export/ImportPanel';
import { VerifyPanel } from '../export/VerifyPanel';
import { onExportAllRequest, takeExportAllFromAddress } from './export-request';

const tr = (key: string, ...subs: string[]) => t(key as MessageKey, ...subs);

/** The browser's UI language, the report language's default (the dialog falls back to navigator.language). */
function uiLanguage(): { uiLanguage?: string } {
  try {
    const lang = browser.i18n.getUILanguage();
    return lang ? { uiLanguage: lang } : {};
  } catch {
    return {};
  }
}

/**
 * Export, verify-a-bundle and import entry points on the vault page. The panels live in src/ui/export/.
 * `scopeIds` (from "Export selected" and "Export this record") opens the export dialog with those records chosen.
 */
export function ExportHost({ vault, onImported, scopeIds, onScopeDone }: { vault: Vault; onImported?(): void; scopeIds?: string[] | null; onScopeDone?(): void }) {
  const [open, setOpen] = useState<'export' | 'verify' | 'import' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!scopeIds) return;
    setSaved(null);
    setOpen('export');
    requestAnimationFrame(() => {
      panel.current?.scrollIntoView({ block: 'nearest' });
      panel.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    });
  }, [scopeIds]);

  // "Export everything" (options page, footer, first run): the dialog for the whole vault, focused.
  useEffect(() => {
    const openAll = () => {
      setSaved(null);
      onScopeDone?.();
      setOpen('export');
      requestAnimationFrame(() => {
        panel.current?.scrollIntoView({ block: 'nearest' });
        panel.current?.querySelector<HTMLElement>('input, select, button')?.focus();
      });
    };
    if (takeExportAllFromAddress(location, (url) => history.replaceState(history.state, '', url))) openAll();
    return onExportAllRequest(openAll);
  }, []);

  const close = () => {
    setOpen(null);
    onScopeDone?.();
  };
  // "Export selected" and "Export this record" open the dialog on those records.
  const initial: { initialScope?: ExportScope } = scopeIds ? { initialScope: { type: 'records', ids: scopeIds } } : {};

  const download = (blob: Blob, filename: string) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setSaved(filename);
    close();
  };

  return (
    <>
      <button
        type="button"
        data-testid="export-vault"
        onClick={() => {
          setSaved(null);
          onScopeDone?.();
          setOpen('export');
        }}
        aria-expanded={open === 'export'}
      >
        {t('vaultExport')}
      </button>
      <button type="button" data-testid="verify-bundle" onClick={() => {
          onScopeDone?.();
          setOpen('verify');
        }} aria-expanded={open === 'verify'}>
        {t('vaultVerifyBundle')}
      </button>
      <button type="button" data-testid="import-bundle" onClick={() => {
          onScopeDone?.();
          setOpen('import');
        }} aria-expanded={open === 'import'}>
        {t('vaultImport')}
      </button>
      {saved && (
        <span role="status" data-testid="export-saved" data-filename={saved}>
          {t('vaultExportSaved', saved)}
        </span>
      )}
      {open && (
        <section class="panel" aria-label={open} ref={panel}>
          {open === 'export' && (
            <ExportDialog
              key={scopeIds?.join(',') ?? 'all'}
              vault={vault}
              toolVersion={browser.runtime.getManifest().version}
              t={tr}
              onDone={download}
              onCancel={close}
              {...uiLanguage()}
              {...initial}
            />
          )}
          {open === 'verify' && <VerifyPanel t={tr} onClose={close} />}
          {open === 'import' && (
            <ImportPanel
              vault={vault}
              t={tr}
              onDone={() => onImported?.()}
              onClose={close}
            />
          )}
        </section>
      )}
    </>
  );
}
