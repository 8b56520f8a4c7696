/** The pattern view's count of reports for its filter, by status (issue #14). Reports are not contacts: the charts never count them. */
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { PatternEvent, PatternFilter } from '../../model/pattern';
import { REPORT_STATUSES } from '../../model/report';
import type { Vault } from '../../vault/api';
import type { CaseData } from '../vault/useCaseData';
import { countByStatus, reportsForPattern } from './concern';
import { statusLabel } from './labels';
import { useReports } from './useReports';
import './reports.css';

export function PatternReports({ vault, data, filter, events }: { vault: Vault; data: CaseData; filter: PatternFilter; events: readonly PatternEvent[] }) {
  const { reports } = useReports(vault);
  const shown = useMemo(() => (reports ? reportsForPattern(reports, filter, data.people, new Set(events.map((e) => e.id))) : []), [reports, filter, data.people, events]);
  if (!reports?.length) return null;
  const counts = countByStatus(shown);
  return (
    <section class="repu-section" aria-labelledby="pattern-reports-title" data-testid="pattern-reports" data-count={shown.length} data-counts={JSON.stringify(counts)}>
      <h3 id="pattern-reports-title">{t('repuPatternTitle')}</h3>
      <p>{t('repuPatternCount', shown.length)}</p>
      {shown.length > 0 && (
        <ul class="repu-counts">
          {REPORT_STATUSES.filter((s) => counts[s] > 0).map((s) => (
            <li key={s} data-status={s} data-count={counts[s]}>
              {statusLabel(s)}: {counts[s]}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#/reports">{t('repuPileSeeReports')}</a>
      </p>
    </section>
  );
}
