/** First run: set a passphrase (strongly recommended) or continue without. Never blocks the page. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { answerFirstRun, firstRunAnswered } from '../../lock/settings';

export function FirstRunChoice({ encrypted }: { encrypted: boolean }) {
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (encrypted) return;
    void firstRunAnswered().then((answered) => setShow(!answered));
  }, [encrypted]);
  if (!show || encrypted) return null;
  return (
    <section class="panel" data-testid="first-run-lock" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRunTitle')}</h2>
      <p>{t('firstRunExplain')}</p>
      <p data-testid="first-run-keep">{t('instFirstRunKeep')}</p>
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          data-testid="first-run-passphrase"
          onClick={() => {
            void answerFirstRun('passphrase');
            setShow(false);
            void browser.runtime.openOptionsPage();
          }}
        >
          {t('firstRunSet')}
        </button>
        <button
          type="button"
          data-testid="first-run-skip"
          onClick={() => {
            void answerFirstRun('without');
            setShow(false);
          }}
        >
          {t('firstRunSkip')}
        </button>
      </div>
    </section>
  );
}
