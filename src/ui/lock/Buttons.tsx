import { t } from '../../i18n/t';
import type { LockApi } from '../../lock/lockable';
import { requestQuickExit } from '../../lock/page';
import { clearSessionKey } from '../../lock/session';

/** Quick exit: on every Holdfast page (Escape twice does the same). */
export function QuickExitButton() {
  return (
    <button type="button" class="quick-exit" data-testid="quick-exit" onClick={requestQuickExit} title={t('quickExitHint')}>
      {t('quickExit')}
    </button>
  );
}

/** Lock now: every context forgets the key. */
export function LockNowButton({ api, onLocked }: { api: LockApi; onLocked?(): void }) {
  return (
    <button
      type="button"
      data-testid="lock-now"
      onClick={() => {
        api.lock();
        void clearSessionKey().finally(() => onLocked?.());
      }}
    >
      {t('lockNow')}
    </button>
  );
}

/** Uninstalling deletes the vault: export first. */
export function UninstallWarning() {
  return (
    <p class="status bad" data-testid="uninstall-warning">
      {t('uninstallWarning')}
    </p>
  );
}
