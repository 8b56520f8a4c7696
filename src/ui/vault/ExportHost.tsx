import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type MessageKey, t } from '../../i18n/t';
import type { Vault } from '../../vault/api';
import { ExportDialog } from '../export/ExportDialog';
import { ImportPanel } from '../export/ImportPanel';
import { VerifyPanel } from '../export/VerifyPanel';

const tr = (key: string, ...subs: string[]) => t(key as MessageKey, ...subs);

/** Export, verify-a-bundle and import entry points on the vault page. The panels live in src/ui/export/. */
export function ExportHost({ vault, onImported }: { vault: Vault; onImported?(): void }) {
  const [open, setOpen] = useState<'export' | 'verify' | 'import' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

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
    setOpen(null);
  };

  return (
    <>
      <button type="button" data-testid="export-vault" onClick={() => { setSaved(null); setOpen('export'); }} aria-expanded={open === 'export'}>
        {t('vaultExport')}
      </button>
      <button type="button" data-testid="verify-bundle" onClick={() => setOpen('verify')} aria-expanded={open === 'verify'}>
        {t('vaultVerifyBundle')}
      </button>
      <button type="button" data-testid="import-bundle" onClick={() => setOpen('import')} aria-expanded={open === 'import'}>
        {t('vaultImport')}
      </button>
      {saved && (
        <span role="status" data-testid="export-saved" data-filename={saved}>
          {t('vaultExportSaved', saved)}
        </span>
      )}
      {open && (
        <section class="panel" aria-label={open}>
          {open === 'export' && (
            <ExportDialog vault={vault} toolVersion={browser.runtime.getManifest().version} t={tr} onDone={download} onCancel={() => setOpen(null)} />
          )}
          {open === 'verify' && <VerifyPanel t={tr} onClose={() => setOpen(null)} />}
          {open === 'import' && (
            <ImportPanel
              vault={vault}
              t={tr}
              onDone={() => onImported?.()}
              onClose={() => setOpen(null)}
            />
          )}
        </section>
      )}
    </>
  );
}
