/**
 * The lock screen: passphrase (or recovery key), "Unlocking…" while the key is derived, a plain message for a wrong
 * secret and a growing wait after repeated ones (nothing is ever deleted).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { isWrongSecretError, type LockApi } from '../../lock/lockable';
import { readFailures, recordFailure, resetFailures, saveSessionKey, waitRemainingMs } from '../../lock/session';

export function LockScreen({ api, lockedCaptures, onUnlocked }: { api: LockApi; lockedCaptures: number; onUnlocked(added: number): void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitMs, setWaitMs] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, [useRecovery]);
  useEffect(() => {
    void readFailures().then((f) => setWaitMs(waitRemainingMs(f)));
  }, []);
  useEffect(() => {
    if (waitMs <= 0) return;
    const timer = setTimeout(() => setWaitMs((ms) => Math.max(0, ms - 1000)), Math.min(1000, waitMs));
    return () => clearTimeout(timer);
  }, [waitMs]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || waitMs > 0 || !secret) return;
    setBusy(true);
    setError(null);
    try {
      const { sessionKey } = await api.unlock(useRecovery ? { recoveryKey: secret.trim() } : { passphrase: secret });
      await saveSessionKey(sessionKey);
      await resetFailures();
      setSecret('');
      onUnlocked(lockedCaptures);
    } catch (err) {
      if (isWrongSecretError(err)) {
        const f = await recordFailure();
        setWaitMs(waitRemainingMs(f));
        setError(useRecovery ? t('unlockWrongRecovery') : t('unlockWrongPassphrase'));
      } else setError(t('unlockFailed', err instanceof Error ? err.message : String(err)));
      setBusy(false);
      input.current?.focus();
      return;
    }
    setBusy(false);
  };

  const seconds = Math.ceil(waitMs / 1000);
  return (
    <section class="lock-screen" data-testid="lock-screen" aria-labelledby="lock-title">
      <h2 id="lock-title">{t('lockTitle')}</h2>
      <p>{t('lockExplain')}</p>
      {lockedCaptures > 0 && <p data-testid="locked-captures">{t('lockWaiting', lockedCaptures)}</p>}
      <form onSubmit={submit}>
        <label for="unlock-secret">{useRecovery ? t('unlockRecoveryLabel') : t('unlockPassphraseLabel')}</label>
        <div class="toolbar">
          <input
            id="unlock-secret"
            ref={input}
            type={(useRecovery ? 'text' : 'password') as 'text'}
            autoComplete="off"
            spellcheck={false}
            value={secret}
            onInput={(e) => setSecret(e.currentTarget.value)}
            data-testid={useRecovery ? 'unlock-recovery' : 'unlock-passphrase'}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
            disabled={busy}
          />
          <button type="submit" class="primary" data-testid="unlock-submit" disabled={busy || waitMs > 0}>
            {t('unlockSubmit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {busy && (
          <p class="status" role="status" data-testid="unlock-progress">
            {t('unlocking')}
          </p>
        )}
        {error && (
          <p class="status bad" role="alert" id="unlock-error" data-testid="unlock-error">
            {error}
          </p>
        )}
        {waitMs > 0 && (
          <p class="muted" data-testid="unlock-wait" data-seconds={seconds}>
            {t('unlockWait', seconds)}
          </p>
        )}
      </div>
      <button
        type="button"
        data-testid="unlock-use-recovery"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setSecret('');
          setError(null);
        }}
      >
        {useRecovery ? t('unlockUsePassphrase') : t('unlockUseRecovery')}
      </button>
    </section>
  );
}
