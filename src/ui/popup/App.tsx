import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { sendToBackground } from '../../messaging/client';
import type { CaptureResult } from '../../messaging/protocol';
import { readSettings } from '../../lock/settings';
import { QuickExitButton } from '../lock/Buttons';
import { SUPPORTED_HOSTS } from '../../sites/registry';

/** Issue #14: "Capture and report" runs in the page (it asks what the item is about there); only on the supported sites. */
function supportedTab(url: string | undefined): boolean {
  try {
    return !!url && SUPPORTED_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function App() {
  const [allUrls, setAllUrls] = useState<boolean | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | CaptureResult>('idle');
  const [discreet, setDiscreet] = useState(false);
  const [reportNote, setReportNote] = useState('');

  useEffect(() => {
    void readSettings().then((s) => setDiscreet(s.discreet));
    void sendToBackground({ type: 'permissions:status' }).then((s) => setAllUrls(s.allUrls));
  }, []);

  const capture = async () => {
    setState('busy');
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) {
      setState({ ok: false, code: 'invalid', message: 'No tab.' });
      return;
    }
    setState(await sendToBackground({ type: 'capture:page', tabId: tab.id }));
  };

  const captureAndReport = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined || !supportedTab(tab.url)) {
      setReportNote(t('repfPopupUnsupported'));
      return;
    }
    setReportNote(t('repfPopupStarted'));
    const answer = sendToBackground({ type: 'report:page', tabId: tab.id });
    // The page shows the chooser; the popup steps aside so the person can answer there.
    let failed = false;
    void answer.then((r) => {
      if (!r.ok && r.message) {
        failed = true;
        setReportNote(r.message);
      }
    });
    setTimeout(() => {
      if (!failed) window.close();
    }, 400);
  };

  return (
    <main style={{ width: '320px', padding: '12px' }}>
      <div class="toolbar" style={{ justifyContent: 'space-between', margin: 0 }}>
        <h1 style={{ fontSize: '1.1rem' }}>{discreet ? t('discreetPageTitle') : 'Holdfast'}</h1>
        <QuickExitButton />
      </div>
      <div class="toolbar">
        <button type="button" class="primary" onClick={capture} disabled={state === 'busy'} data-testid="popup-capture-page">
          {t('popupCapturePage')}
        </button>
        <button type="button" onClick={() => void captureAndReport()} data-testid="popup-capture-report">
          {t('repfPopupCaptureReport')}
        </button>
        <button type="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/vault.html') })}>
          {t('popupOpenVault')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {state === 'busy'
          ? t('toastCapturing')
          : state === 'idle'
            ? ''
            : state.ok
              ? state.locked
                ? t('toastSavedLocked')
                : discreet
                  ? t('toastSavedDiscreet')
                  : t('toastSaved', state.seq)
              : t('toastFailed', state.code === 'quota' ? t('errQuota') : state.message)}
      </p>
      {reportNote && (
        <p role="status" data-testid="popup-report-note">
          {reportNote}
        </p>
      )}
      {allUrls === false && (
        <p class="muted">
          {t('popupExactOff')}{' '}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popupOptions')}
          </button>
        </p>
      )}
      <p>
        <a
          href={browser.runtime.getURL('/vault.html#/help')}
          data-testid="popup-help"
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: browser.runtime.getURL('/vault.html#/help') });
          }}
        >
          {t('helpPopupLink')}
        </a>
      </p>
      <p class="muted">{t('privacyNote')}</p>
    </main>
  );
}
