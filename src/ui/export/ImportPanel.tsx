/**
 * Restore records from a bundle into this vault: pick it, give the password if it has one; the
 * bundle is checked first and nothing is added unless everything holds.
 */
import { useState } from 'preact/hooks';
import { type ImportResult, importBundle } from '../../export/import';
import type { Vault } from '../../vault/api';
import { BundleResult } from './BundleResult';
import { EXPORT_STYLE } from './style';

export interface ImportPanelProps {
  vault: Vault;
  t: (key: string, ...subs: string[]) => string;
  /** Called after records were added (so the page can reload its list). */
  onDone?(result: ImportResult): void;
  onClose?(): void;
}

type Phase = { step: 'checking'; percent: number } | { step: 'importing'; done: number; total: number; stored?: number };

export function ImportPanel({ vault, t, onDone, onClose }: ImportPanelProps) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [acceptUnsigned, setAcceptUnsigned] = useState(false);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setResult(null);
    setError(null);
    setPhase({ step: 'checking', percent: 0 });
    try {
      const outcome = await importBundle(vault, file, {
        ...(password ? { password } : {}),
        acceptUnsigned,
        onVerifyProgress: (done, total) => setPhase({ step: 'checking', percent: Math.floor((100 * done) / Math.max(total, 1)) }),
        onProgress: (done, total) => setPhase((p) => ({ step: 'importing', done, total, ...(p?.step === 'importing' && p.stored !== undefined && { stored: p.stored }) })),
        // Large files take a while: how much of all the files is stored so far, next to the record count.
        onStoreProgress: (bytes, totalBytes) =>
          setPhase((p) => ({
            step: 'importing',
            done: p?.step === 'importing' ? p.done : 0,
            total: p?.step === 'importing' ? p.total : 0,
            stored: Math.floor((100 * bytes) / Math.max(totalBytes, 1)),
          })),
        storageEstimate: () => navigator.storage?.estimate?.() ?? Promise.resolve({}),
      });
      setResult(outcome);
      if (outcome.imported.length) onDone?.(outcome);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPhase(null);
    }
  };

  return (
    <section class="hf-panel" data-testid="import-panel" aria-labelledby="hf-import-title">
      <style>{EXPORT_STYLE}</style>
      <h2 id="hf-import-title">{t('importTitle')}</h2>
      <p class="muted">{t('importIntro')}</p>
      <label>
        {t('verifyFile')}
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="import-file"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setResult(null);
          }}
        />
      </label>
      <label>
        {t('verifyPassword')}
        <input type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-testid="import-password" />
      </label>
      <label>
        <input type="checkbox" checked={acceptUnsigned} onChange={(e) => setAcceptUnsigned(e.currentTarget.checked)} data-testid="import-accept-unsigned" />{' '}
        {t('sigImportAcceptUnsigned')}
      </label>
      <div class="hf-actions">
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('verifyClose')}
          </button>
        )}
        <button type="button" class="primary" disabled={!file || phase !== null} onClick={run} data-testid="import-run">
          {t('importRun')}
        </button>
      </div>
      <div aria-live="polite">
        {phase?.step === 'checking' && <p data-testid="import-progress">{t('importChecking', String(phase.percent))}</p>}
        {phase?.step === 'importing' && (
          <p data-testid="import-progress">
            {phase.stored === undefined || phase.total === 0
              ? phase.total === 0
                ? t('importStoring', String(phase.stored ?? 0))
                : t('importImporting', String(phase.done), String(phase.total))
              : t('importImportingStored', String(phase.done), String(phase.total), String(phase.stored))}
          </p>
        )}
        {error && (
          <p class="status bad" role="alert">
            {error}
          </p>
        )}
        {result && (
          <div data-testid="import-result" data-status={result.status} data-refusal={result.refusal ?? ''}>
            {result.status === 'refused' ? (
              <p class="status bad" role="alert">
                <strong>{t('importRefused')}</strong> {result.refusal === 'wacz' ? t('waczCheckImportRefused') : result.reason}
              </p>
            ) : (
              <div class={`status ${result.status === 'imported' ? 'ok' : 'bad'}`}>
                {result.status === 'partial' && (
                  <p>
                    <strong>{t('importPartial')}</strong> {result.reason}
                  </p>
                )}
                <p>{t('importDone', String(result.imported.length))}</p>
                {result.relinked > 0 && <p>{t('importRelinked', String(result.relinked))}</p>}
                {result.skipped.length > 0 && <p>{t('importSkipped', String(result.skipped.length))}</p>}
                {result.restored && (result.restored.people > 0 || result.restored.notes > 0) && (
                  <p data-testid="import-restored">{t('exportCaseImportRestored', String(result.restored.people), String(result.restored.notes))}</p>
                )}
                {(result.restored?.reports ?? 0) > 0 && <p data-testid="import-restored-reports">{t('repvImportRestoredReports', String(result.restored?.reports))}</p>}
              </div>
            )}
            {result.status === 'refused' && result.refusal !== 'wacz' && result.report.problems.length > 0 && <BundleResult report={result.report} t={t} />}
          </div>
        )}
      </div>
    </section>
  );
}
