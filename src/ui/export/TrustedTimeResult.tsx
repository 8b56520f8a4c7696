/**
 * Trusted time in a bundle check (issue #15, RFC 3161): what holdfast-verify prints, for the person checking a bundle in
 * the vault. One plain list, one item per token: a token that holds says which records existed by when and who confirmed
 * it; a token that does not says so in words ("Not confirmed"), then the verifier's own detail. Nothing relies on colour.
 */
import type { BundleProblem, BundleReport } from '../../export/verify';

type T = (key: string, ...subs: string[]) => string;

/** The verifier's trusted-time problems (a token that does not hold, or that does not fit this bundle's chain). */
export function trustedTimeProblems(report: BundleReport): BundleProblem[] {
  return report.problems.filter((p) => p.code === 'timestamp-invalid' || p.code === 'timestamp-head');
}

export function TrustedTimeResult({ report, t, authoritiesNamed = false }: { report: BundleReport; t: T; authoritiesNamed?: boolean }) {
  const held = report.trustedTime ?? [];
  const problems = trustedTimeProblems(report);
  if (held.length === 0 && problems.length === 0) return null;
  const items = [
    ...held.map((h) => ({ seq: h.seq, file: h.file, held: h, problem: undefined })),
    ...problems.map((p) => ({ seq: p.seq ?? 0, file: p.path ?? '', held: undefined, problem: p })),
  ].sort((a, b) => a.seq - b.seq || a.file.localeCompare(b.file));
  return (
    <div data-testid="bundle-trusted-time">
      <p>
        <strong id="hf-tsa-check-title">{t('tsaCheckTitle')}</strong>
      </p>
      <ul aria-labelledby="hf-tsa-check-title">
        {items.map((item, i) =>
          item.held ? (
            <li key={`held-${item.file}`} data-state="held" data-seq={item.seq} data-file={item.file} data-gen-time={item.held.genTime}>
              {t('tsaCheckHeld', String(item.held.seq), item.held.genTime, item.held.tsaName)} (<code>{item.file}</code>)
            </li>
          ) : (
            <li key={`problem-${i}`} data-state="problem" data-code={item.problem!.code} data-seq={item.seq} data-file={item.file}>
              {item.problem!.code === 'timestamp-head'
                ? t('tsaCheckHead', item.file, String(item.seq))
                : t(authoritiesNamed ? 'tsaCheckInvalidNamed' : 'tsaCheckInvalid', item.file, String(item.seq))}{' '}
              <span class="muted hf-small">{item.problem!.message}</span>
            </li>
          ),
        )}
      </ul>
      {!authoritiesNamed && held.length > 0 && <p class="muted hf-small">{t('tsaCheckNoAuthority')}</p>}
    </div>
  );
}
