/**
 * A view that fails to draw (a defect, or a record shaped in a way the view did not expect) must not leave a blank
 * page: the person is told in plain words, the navigation and the rest of the vault page keep working, and the
 * next route change tries again. Nothing in the vault is changed by a view failing.
 */
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { t } from '../../i18n/t';

export function ViewBoundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary((err: unknown) => console.error('Holdfast view failed', err));
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    return (
      <div class="status bad" role="alert" data-testid="view-error">
        <p>{t('viewFailed', message)}</p>
        <button type="button" onClick={reset}>
          {t('viewRetry')}
        </button>
      </div>
    );
  }
  return <>{children}</>;
}
