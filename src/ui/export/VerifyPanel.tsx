/**
 * Check a bundle file in the browser: pick it, give the password if it has one, read the result. Nothing leaves the page.
 * A WACZ web archive (issue #15) is checked too, recognised as holdfast-verify recognises it (named .wacz, or a ZIP with
 * datapackage.json and no manifest.json); both read the picked File in slices, never the whole file into memory.
 */
import { useState } from 'preact/hooks';
import { type BundleReport, verifyBundle } from '../../export/verify';
import { isWaczSource, verifyWacz, type WaczReport } from '../../export/wacz/verify-wacz';
import { certificatesFromPem } from '../../model/timestamp-token';
import { BundleResult } from './BundleResult';
import { EXPORT_STYLE } from './style';
import { WaczResult } from './WaczResult';

export interface VerifyPanelProps {
  t: (key: string, ...subs: string[]) => string;
  onClose?(): void;
}

export function VerifyPanel({ t, onClose }: VerifyPanelProps) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<BundleReport | null>(null);
  const [wacz, setWacz] = useState<WaczReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Trusted time (issue #15): the authorities (or their CAs) the person trusts, as holdfast-verify --tsa-ca. */
  const [tsaCa, setTsaCa] = useState<File | null>(null);
  const [named, setNamed] = useState(false);

  const run = async () => {
    if (!file) return;
    setReport(null);
    setWacz(null);
    setError(null);
    let trustedTsa: Uint8Array[] | undefined;
    if (tsaCa) {
      trustedTsa = certificatesFromPem(await tsaCa.text().catch(() => ''));
      if (trustedTsa.length === 0) {
        setError(t('tsaCheckCaEmpty', tsaCa.name));
        return;
      }
    }
    setNamed(trustedTsa !== undefined);
    setPercent(0);
    const onProgress = (done: number, total: number) => setPercent(Math.floor((100 * done) / Math.max(total, 1)));
    try {
      if (await isWaczSource(file, file.name)) {
        setWacz(await verifyWacz(file, { onProgress }));
        return;
      }
      const result = await verifyBundle(file, {
        ...(password ? { password } : {}),
        ...(trustedTsa && { trustedTsa }),
        onProgress,
      });
      setReport(result);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPercent(null);
    }
  };

  return (
    <section class="hf-panel" data-testid="verify-panel" aria-labelledby="hf-verify-title">
      <style>{EXPORT_STYLE}</style>
      <h2 id="hf-verify-title">{t('verifyTitle')}</h2>
      <p class="muted">{t('verifyIntro')}</p>
      <p class="muted">{t('waczCheckIntro')}</p>
      <label>
        {t('verifyFile')}
        <input
          type="file"
          accept=".zip,application/zip,.wacz"
          data-testid="verify-file"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setReport(null);
            setWacz(null);
          }}
        />
      </label>
      <label>
        {t('verifyPassword')}
        <input type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-testid="verify-password" />
      </label>
      <label>
        {t('tsaCheckCaLabel')}
        <input
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          aria-describedby="hf-verify-tsa-ca-hint"
          data-testid="verify-tsa-ca"
          onChange={(e) => {
            setTsaCa(e.currentTarget.files?.[0] ?? null);
            setReport(null);
          }}
        />
      </label>
      <p class="muted hf-small" id="hf-verify-tsa-ca-hint">
        {t('tsaCheckCaHint')}
      </p>
      <div class="hf-actions">
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('verifyClose')}
          </button>
        )}
        <button type="button" class="primary" disabled={!file || percent !== null} onClick={run} data-testid="verify-run">
          {t('verifyRun')}
        </button>
      </div>
      <div aria-live="polite">
        {percent !== null && <p data-testid="verify-progress">{t('verifyRunning', String(percent))}</p>}
        {error && (
          <p class="status bad" role="alert">
            {error}
          </p>
        )}
        {report && <BundleResult report={report} t={t} authoritiesNamed={named} />}
        {wacz && <WaczResult report={wacz} t={t} />}
      </div>
    </section>
  );
}
