/**
 * The vault page around the records: quick exit and lock now on top, the lock screen while the vault is locked,
 * the first-run passphrase choice and the uninstall warning (a footer with "Export everything", issue #14).
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { lockApiOf } from '../../lock/lockable';
import type { Vault } from '../../vault/api';
import { LockNowButton, QuickExitButton, UninstallWarning } from '../lock/Buttons';
import { FirstRunChoice } from '../lock/FirstRunChoice';
import { LockScreen } from '../lock/LockScreen';
import { useLockState } from '../lock/useLockState';
import { HelpPage } from '../help/HelpPage';
import { ExportEverythingButton, TemporaryInstallNote } from '../options/BeforeRemoveSection';
import { App } from './App';
import { requestExportAll } from './export-request';
import { parseRoute } from './route';

export function Shell({ vault }: { vault: Vault }) {
  const api = lockApiOf(vault);
  const { state, refresh } = useLockState(api);
  const [added, setAdded] = useState<number | null>(null);
  return (
    <>
      <header class="page-bar">
        <QuickExitButton />
        {state?.encrypted && !state.locked && <LockNowButton api={api} onLocked={() => void refresh()} />}
      </header>
      {state === null ? (
        <main>
          <p class="muted">…</p>
        </main>
      ) : state.locked ? (
        <main>
          <h1>{t('vaultTitle')}</h1>
          <LockScreen
            api={api}
            lockedCaptures={state.lockedCaptures}
            onUnlocked={(n) => {
              setAdded(n);
              void refresh();
            }}
          />
          <UninstallWarning />
          {/* Get help needs nothing from the vault: a locked vault never stands between the person and it (issue #14). */}
          {parseRoute(location.hash).page === 'help' && <HelpPage />}
        </main>
      ) : (
        <>
          {(added !== null || state.converting) && (
            <div class="page-notes" aria-live="polite">
              {added !== null && added > 0 && (
                <p class="status ok" role="status" data-testid="unlock-added" data-count={added}>
                  {t('unlockAdded', added)}
                </p>
              )}
              {state.converting && (
                <p class="status" role="status" data-testid="conversion-progress">
                  {t('conversionProgress', state.converting.done, state.converting.total)}
                </p>
              )}
            </div>
          )}
          <div class="page-notes">
            <FirstRunChoice encrypted={state.encrypted} />
          </div>
          <App vault={vault} />
          <footer class="page-notes before-remove-footer" data-testid="before-remove-footer">
            <TemporaryInstallNote />
            <UninstallWarning />
            <ExportEverythingButton onPress={requestExportAll} />
          </footer>
        </>
      )}
    </>
  );
}
