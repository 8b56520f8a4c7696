import { t } from '../../i18n/t';
import type { Vault } from '../../vault/api';

/** The export entry point on the vault page. The dialog itself lives in src/ui/export/. */
export function ExportHost({ vault: _vault }: { vault: Vault }) {
  return (
    <button type="button" data-testid="export-vault" disabled title="Export arrives with the export bundle work">
      {t('vaultExport')}
    </button>
  );
}
