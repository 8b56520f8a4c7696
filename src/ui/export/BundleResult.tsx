/** Shows a bundle check: the verdict, then exactly what is missing, added or changed, and every problem. */
import type { BundleReport } from '../../export/verify';
import { TrustedTimeResult } from './TrustedTimeResult';

/** `authoritiesNamed`: the person gave the time-stamping authorities they trust (so an unknown one is a problem). */
export function BundleResult({ report, t, authoritiesNamed }: { report: BundleReport; t: (key: string, ...subs: string[]) => string; authoritiesNamed?: boolean }) {
  const lists: [string, string[]][] = [
    [t('verifyMissing'), report.missing],
    [t('verifyAdded'), report.added],
    [t('verifyChanged'), report.changed],
  ];
  return (
    <div
      class={`status hf-result ${report.ok ? 'ok' : 'bad'}`}
      data-testid="bundle-result"
      data-ok={String(report.ok)}
      data-problems={[...new Set(report.problems.map((p) => p.code))].join(' ')}
    >
      <strong>{report.ok ? t('verifyOk', String(report.records), String(report.files)) : t('verifyBad')}</strong>
      {report.exportId && (
        <p class="muted hf-small">
          {report.exportedAt} · Holdfast {report.toolVersion} · <code>{report.exportId}</code>
        </p>
      )}
      {report.signature && (
        <p data-testid="bundle-signature" data-signature={report.signature.status} data-fingerprint={report.signature.fingerprint ?? ''}>
          {report.signature.status === 'signed'
            ? t('sigBundleSigned', report.signature.fingerprint ?? '')
            : report.signature.status === 'unsigned'
              ? t('sigBundleUnsigned')
              : t('sigBundleInvalid', report.signature.fingerprint ?? '—')}
        </p>
      )}
      <TrustedTimeResult report={report} t={t} authoritiesNamed={authoritiesNamed ?? false} />
      {lists.map(([label, paths]) =>
        paths.length ? (
          <div key={label}>
            <p>
              {label} ({paths.length})
            </p>
            <ul>
              {paths.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      {report.problems.length > 0 && (
        <ul data-testid="bundle-problems">
          {report.problems.map((p, i) => (
            <li key={`${p.code}-${i}`} data-code={p.code}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
