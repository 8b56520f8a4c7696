/**
 * Options → passphrase: turn encryption on (with the warning first), the recovery key shown once, change the
 * passphrase, a new recovery key, turn encryption off, and the progress of an encrypt/decrypt in place.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { isWrongSecretError, type LockApi, type LockState } from '../../lock/lockable';
import { answerFirstRun } from '../../lock/settings';
import { clearSessionKey, saveSessionKey } from '../../lock/session';
import { LockScreen } from '../lock/LockScreen';

export const MIN_PASSPHRASE = 8;

/** A plain reason why a new passphrase cannot be used, or null. */
export function passphraseProblem(next: string, repeat: string): string | null {
  if (next.length < MIN_PASSPHRASE) return t('passphraseTooShort', MIN_PASSPHRASE);
  if (next !== repeat) return t('passphraseMismatch');
  return null;
}

type Mode = 'idle' | 'set' | 'change' | 'recovery' | 'off';

export function PassphraseSection({ api, state, refresh }: { api: LockApi; state: LockState; refresh(): Promise<void> }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const reset = (m: Mode) => {
    setMode(m);
    setCurrent('');
    setNext('');
    setRepeat('');
    setError(null);
    setDone(null);
  };
  const fail = (err: unknown) => {
    setError(isWrongSecretError(err) ? t('unlockWrongPassphrase') : err instanceof Error ? err.message : String(err));
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
      setProgress(null);
      await refresh();
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    const problem = passphraseProblem(next, repeat);
    if (problem) {
      setError(problem);
      return;
    }
    void run(async () => {
      if (mode === 'set') {
        const result = await api.enableEncryption(next, setProgress);
        await saveSessionKey(result.sessionKey);
        await answerFirstRun('passphrase');
        setRecoveryKey(result.recoveryKey);
      } else if (mode === 'change') {
        await api.changePassphrase({ passphrase: current }, next);
        setDone(t('passphraseChanged'));
      }
      setMode('idle');
      setNext('');
      setRepeat('');
      setCurrent('');
    });
  };

  if (recoveryKey) {
    return (
      <div class="recovery" data-testid="recovery-panel">
        <h3>{t('recoveryTitle')}</h3>
        <p>{t('recoveryExplain')}</p>
        <p class="recovery-key" data-testid="recovery-key">
          {recoveryKey}
        </p>
        <div class="toolbar">
          <button
            type="button"
            data-testid="recovery-copy"
            onClick={() => void navigator.clipboard?.writeText(recoveryKey).then(() => setCopied(true), () => setCopied(false))}
          >
            {t('recoveryCopy')}
          </button>
          <button
            type="button"
            data-testid="recovery-print"
            onClick={() => {
              document.body.classList.add('printing-recovery');
              window.print();
              document.body.classList.remove('printing-recovery');
            }}
          >
            {t('recoveryPrint')}
          </button>
          <button type="button" class="primary" data-testid="recovery-done" onClick={() => setRecoveryKey(null)}>
            {t('recoveryDone')}
          </button>
          {copied && <span role="status">{t('recoveryCopied')}</span>}
        </div>
      </div>
    );
  }

  const newFields = (
    <>
      <label for="passphrase-new">{t('passphraseNewLabel')}</label>
      <input id="passphrase-new" type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} data-testid="passphrase-new" disabled={busy} />
      <label for="passphrase-repeat">{t('passphraseRepeatLabel')}</label>
      <input id="passphrase-repeat" type="password" autoComplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} data-testid="passphrase-repeat" disabled={busy} />
    </>
  );
  const currentField = (
    <>
      <label for="passphrase-current">{t('passphraseCurrentLabel')}</label>
      <input id="passphrase-current" type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} data-testid="passphrase-current" disabled={busy} />
    </>
  );

  return (
    <div class="settings">
      <p data-testid="encryption-state" data-encrypted={String(state.encrypted)} data-locked={String(state.locked)}>
        {state.encrypted ? t('encryptionOn') : t('encryptionOff')}
      </p>
      {state.converting && (
        <p class="status" role="status" data-testid="conversion-resume">
          {t('conversionProgress', state.converting.done, state.converting.total)}
        </p>
      )}
      {state.encrypted && state.locked ? (
        <LockScreen api={api} lockedCaptures={state.lockedCaptures} onUnlocked={() => void refresh()} />
      ) : !state.encrypted ? (
        mode === 'set' ? (
          <form onSubmit={save}>
            <p class="status bad" role="note" data-testid="passphrase-warning">
              <strong>{t('passphraseWarning')}</strong>
            </p>
            {newFields}
            <div class="toolbar">
              <button type="submit" class="primary" data-testid="passphrase-save" disabled={busy}>
                {t('passphraseSave')}
              </button>
              <button type="button" onClick={() => reset('idle')} disabled={busy}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" class="primary" data-testid="passphrase-set" onClick={() => reset('set')}>
            {t('passphraseSet')}
          </button>
        )
      ) : mode === 'change' ? (
        <form onSubmit={save}>
          {currentField}
          {newFields}
          <div class="toolbar">
            <button type="submit" class="primary" data-testid="passphrase-save" disabled={busy}>
              {t('passphraseSave')}
            </button>
            <button type="button" onClick={() => reset('idle')} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : mode === 'recovery' || mode === 'off' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              if (mode === 'recovery') {
                const r = await api.newRecoveryKey({ passphrase: current });
                setRecoveryKey(r.recoveryKey);
              } else {
                await api.disableEncryption({ passphrase: current }, setProgress);
                await clearSessionKey();
                setDone(t('encryptionTurnedOff'));
              }
              setMode('idle');
              setCurrent('');
            });
          }}
        >
          {mode === 'off' && <p class="status bad">{t('encryptionOffWarning')}</p>}
          {currentField}
          <div class="toolbar">
            <button type="submit" class={mode === 'off' ? 'danger' : 'primary'} data-testid={mode === 'off' ? 'encryption-off-confirm' : 'recovery-new-confirm'} disabled={busy}>
              {mode === 'off' ? t('encryptionOffConfirm') : t('recoveryNew')}
            </button>
            <button type="button" onClick={() => reset('idle')} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="toolbar">
          <button type="button" data-testid="passphrase-change" onClick={() => reset('change')}>
            {t('passphraseChange')}
          </button>
          <button type="button" data-testid="recovery-new" onClick={() => reset('recovery')}>
            {t('recoveryNew')}
          </button>
          <button type="button" class="danger" data-testid="encryption-off" onClick={() => reset('off')}>
            {t('encryptionOffButton')}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {progress && (
          <p class="status" role="status" data-testid="conversion-progress" data-done={progress.done} data-total={progress.total}>
            <progress max={progress.total || 1} value={progress.done} aria-label={t('conversionLabel')} /> {t('conversionProgress', progress.done, progress.total)}
          </p>
        )}
        {busy && !progress && <p class="status" role="status">{t('working')}</p>}
        {error && (
          <p class="status bad" role="alert" data-testid="passphrase-error">
            {error}
          </p>
        )}
        {done && (
          <p class="status ok" role="status" data-testid="passphrase-done">
            {done}
          </p>
        )}
      </div>
    </div>
  );
}
