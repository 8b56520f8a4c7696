/**
 * Shows a WACZ check (issue #15): that the file is a WACZ web archive, the verdict in words, what was checked (WARC
 * files, pages, archived resources, files), the signing key's fingerprint as for a zip bundle, and every problem named
 * plainly. The verifier's own sentences (English, with hashes) are kept under "Technical details".
 */
import type { WaczProblem, WaczReport } from '../../export/wacz/verify-wacz';

type T = (key: string, ...subs: string[]) => string;

/** The plain sentence for one problem, in the person's language (the verifier's message is the technical detail). */
export function waczProblemText(p: WaczProblem, report: WaczReport, t: T): string {
  const path = p.path ?? '';
  switch (p.code) {
    case 'unreadable':
      return t('waczCheckUnreadable');
    case 'datapackage-missing':
      return t('waczCheckDatapackageMissing');
    case 'datapackage-invalid':
      return t('waczCheckDatapackageInvalid');
    case 'warc-missing':
      return path ? t('waczCheckWarcMissing', path) : t('waczCheckNoWarc');
    case 'file-missing':
      return t('waczCheckFileMissing', path);
    case 'file-added':
      return t('waczCheckFileAdded', path);
    case 'file-changed':
      return t('waczCheckFileChanged', path);
    case 'file-size':
      return t('waczCheckFileSize', path);
    case 'unsafe-path':
      return t('waczCheckUnsafePath', path);
    case 'index-invalid':
      return t('waczCheckIndexInvalid');
    case 'digest-missing':
      return t('waczCheckDigestMissing');
    case 'digest-mismatch':
      return t('waczCheckDatapackageChanged');
    case 'signature-missing':
      return t('waczCheckSignatureMissing');
    case 'signature-mismatch':
      return t('waczCheckSignatureOther');
    case 'signature-invalid':
      return t('waczCheckKeySwapped', report.signature?.fingerprint ?? '—');
    case 'signature-key':
      return t('waczCheckKeyInvalid');
  }
}

export function WaczResult({ report, t }: { report: WaczReport; t: T }) {
  const sig = report.signature;
  return (
    <div
      class={`status hf-result ${report.ok ? 'ok' : 'bad'}`}
      data-testid="wacz-result"
      data-ok={String(report.ok)}
      data-problems={[...new Set(report.problems.map((p) => p.code))].join(' ')}
    >
      <p data-testid="wacz-kind">{t('waczCheckKind')}</p>
      <strong data-testid="wacz-verdict">{report.ok ? t('waczCheckOk') : report.fatal ? t('waczCheckNotChecked') : t('waczCheckBad')}</strong>
      {(report.created || report.software || report.waczVersion) && (
        <p class="muted hf-small">
          {[report.created, report.software, report.waczVersion && `WACZ ${report.waczVersion}`].filter(Boolean).join(' · ')}
        </p>
      )}
      {!report.fatal && (
        <ul data-testid="wacz-counts">
          <li data-count="warcs">{t('waczCheckWarcs', String(report.warcs))}</li>
          <li data-count="pages">{t('waczCheckPages', String(report.pages))}</li>
          <li data-count="resources">{t('waczCheckResources', String(report.resources), String(report.indexLines))}</li>
          <li data-count="files">{t('waczCheckFiles', String(report.files))}</li>
        </ul>
      )}
      {sig && (
        <p data-testid="bundle-signature" data-signature={sig.status} data-fingerprint={sig.fingerprint ?? ''}>
          {sig.status === 'signed' ? t('sigBundleSigned', sig.fingerprint ?? '') : sig.status === 'unsigned' ? t('waczCheckUnsigned') : t('waczCheckSigInvalid', sig.fingerprint ?? '—')}
        </p>
      )}
      {report.problems.length > 0 && (
        <>
          <p>{t('waczCheckProblems', String(report.problems.length))}</p>
          <ul data-testid="wacz-problems">
            {report.problems.map((p, i) => (
              <li key={`${p.code}-${i}`} data-code={p.code}>
                {waczProblemText(p, report, t)}
              </li>
            ))}
          </ul>
          <details>
            <summary>{t('waczCheckDetails')}</summary>
            <ul data-testid="wacz-details">
              {report.problems.map((p, i) => (
                <li key={`${p.code}-${i}`}>
                  <code>[{p.code}]</code> {p.message}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </div>
  );
}
