/**
 * Reports (issue #14): `#/reports` lists every report entry, `#/reports/new[/<recordId>]` adds one made elsewhere,
 * `#/reports/<id>` shows one (reference, status, notes, reminder), `#/reports/pile-on/<recordId>` walks through the
 * accounts that replied to a captured post.
 */
import { t } from '../../i18n/t';
import { parsePileOnArg } from '../../reporting/pile-on-link';
import { routeId } from '../case/labels';
import { useHeadingFocus } from '../case/useHeadingFocus';
import type { CasePageProps } from '../vault/useCaseData';
import { AddReport } from './AddReport';
import { reportPlatformLabel } from './labels';
import { PileOn } from './PileOn';
import { ReportDetail } from './ReportDetail';
import { ReportList } from './ReportList';
import { useReports } from './useReports';
import '../case/case.css';
import './reports.css';

export function ReportsPage({ vault, data, route }: CasePageProps) {
  const state = useReports(vault, route.join('/'));
  const [head, arg] = route;
  const heading = useHeadingFocus<HTMLHeadingElement>(route.join('/'));
  const reports = state.reports;

  let title = t('navReports');
  let body: preact.ComponentChildren;
  if (head === 'pile-on') {
    // `?accounts=` (from the capture's panel): accounts to tick, plain ids (src/reporting/pile-on-link.ts).
    const { recordId: id, accounts } = parsePileOnArg(arg);
    title = t('repuPileHeading');
    body = id ? <PileOn key={`${id}?${accounts.join(',')}`} vault={vault} data={data} recordId={id} preticked={accounts} /> : <p>{t('repuPileNoRecord')}</p>;
  } else if (head === 'new') {
    title = t('repuAddElsewhere');
    body = (
      <AddReport
        vault={vault}
        data={data}
        recordId={routeId(arg)}
        onAdded={(r) => {
          void state.reload();
          location.hash = `#/reports/${encodeURIComponent(r.id)}`;
        }}
      />
    );
  } else if (head) {
    const report = reports?.find((r) => r.id === head);
    if (reports === null) body = <p class="muted">…</p>;
    else if (!report) body = <p data-testid="report-missing">{t('repuNotFound')}</p>;
    else {
      title = t('repuOneTitle', reportPlatformLabel(report.platform));
      body = <ReportDetail vault={vault} data={data} report={report} onChanged={state.reload} />;
    }
  } else {
    body = <ReportList reports={reports} data={data} error={state.error} />;
  }

  return (
    <section class="case-page repu-page" aria-labelledby="page-title">
      <h2 id="page-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {head && (
        <p>
          <a href="#/reports" data-testid="reports-back">
            ← {t('repuBack')}
          </a>
        </p>
      )}
      {body}
    </section>
  );
}
