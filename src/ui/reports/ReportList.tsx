/**
 * `#/reports` (issue #14): every report entry, newest first, filtered by status and platform, and the form to add a
 * report made elsewhere. Reference numbers, notes and names are plain text (Preact text nodes): never markup.
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { showName, showText } from '../../model/display';
import { personIndex } from '../../model/pattern';
import { REPORT_STATUSES, type ReportEntry, type ReportStatus } from '../../model/report';
import type { CaseData } from '../vault/useCaseData';
import { accountLabel, personOfReport, recordLabel } from './concern';
import { localDay, REPORT_PLATFORMS, reportPlatformLabel, statusLabel } from './labels';

export interface ReportFilter {
  status?: ReportStatus;
  platform?: ReportEntry['platform'];
}

export function filterReports(reports: readonly ReportEntry[], f: ReportFilter): ReportEntry[] {
  return reports
    .filter((r) => (!f.status || r.status === f.status) && (!f.platform || r.platform === f.platform))
    .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt) || b.updatedAt.localeCompare(a.updatedAt));
}

export function ReportRow({ r, data, people }: { r: ReportEntry; data: CaseData; people: ReadonlyMap<string, string> }) {
  const byId = useMemo(() => new Map((data.summaries ?? []).map((s) => [s.id, s])), [data.summaries]);
  const pid = personOfReport(r, people);
  const person = pid ? data.people.find((p) => p.id === pid) : undefined;
  const account = accountLabel(r.account);
  return (
    <tr data-testid="report-row" data-report-id={r.id} data-status={r.status} data-platform={r.platform}>
      <td>{reportPlatformLabel(r.platform)}</td>
      <td>
        {r.recordIds.length === 0 && !account && <span class="muted">{t('repuNothingLinked')}</span>}
        {account && <span class="repu-account">{showName(account, { kind: 'handle' }).text} </span>}
        {r.recordIds.map((id) => (
          <a key={id} class="repu-rec" href={`#/record/${encodeURIComponent(id)}`}>
            {recordLabel(byId.get(id), id)}
          </a>
        ))}
      </td>
      <td>{person ? showName(person.name).text : '—'}</td>
      <td>
        <time dateTime={r.reportedAt}>{localDay(r.reportedAt)}</time>
      </td>
      <td>
        {statusLabel(r.status)}
        {r.contentRemovedOn && <span class="muted"> ({t('repuRemovedOn', r.contentRemovedOn)})</span>}
      </td>
      <td>{r.reference ? showText(r.reference) : '—'}</td>
      <td>
        <a href={`#/reports/${encodeURIComponent(r.id)}`} data-testid="report-open" aria-label={t('repuOpenLabel', reportPlatformLabel(r.platform), localDay(r.reportedAt))}>
          {t('repuOpen')}
        </a>
      </td>
    </tr>
  );
}

export function ReportTable({ reports, data, caption }: { reports: readonly ReportEntry[]; data: CaseData; caption: string }) {
  const index = useMemo(() => personIndex(data.people), [data.people]);
  return (
    <div class="repu-table-wrap">
      <table class="repu-table">
        <caption class="repu-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('repuColPlatform')}</th>
            <th scope="col">{t('repuColWhat')}</th>
            <th scope="col">{t('repuColPerson')}</th>
            <th scope="col">{t('repuColDate')}</th>
            <th scope="col">{t('repuColStatus')}</th>
            <th scope="col">{t('repuColReference')}</th>
            <th scope="col">
              <span class="repu-sr">{t('repuOpen')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <ReportRow key={r.id} r={r} data={data} people={index} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportList({ reports, data, error }: { reports: ReportEntry[] | null; data: CaseData; error: string | null }) {
  const [filter, setFilter] = useState<ReportFilter>({});
  const shown = useMemo(() => (reports ? filterReports(reports, filter) : []), [reports, filter]);
  return (
    <>
      <p>
        <a href="#/reports/new" data-testid="report-add-link">
          {t('repuAddElsewhere')}
        </a>
      </p>
      {error && (
        <p class="status bad" role="alert">
          {t('repuLoadError', error)}
        </p>
      )}
      <div class="case-filters">
        <fieldset>
          <legend>{t('repuFilter')}</legend>
          <label>
            {t('repuColStatus')}
            <select data-testid="report-filter-status" value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: (e.currentTarget.value || undefined) as ReportStatus | undefined })}>
              <option value="">{t('repuAll')}</option>
              {REPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('repuColPlatform')}
            <select
              data-testid="report-filter-platform"
              value={filter.platform ?? ''}
              onChange={(e) => setFilter({ ...filter, platform: (e.currentTarget.value || undefined) as ReportEntry['platform'] | undefined })}
            >
              <option value="">{t('repuAll')}</option>
              {REPORT_PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {reportPlatformLabel(p)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      </div>
      {reports === null ? (
        <p class="muted">…</p>
      ) : reports.length === 0 ? (
        <p data-testid="reports-empty">{t('repuNone')}</p>
      ) : (
        <>
          <p class="muted" aria-live="polite" data-testid="report-count" data-count={shown.length}>
            {t('repuShown', shown.length, reports.length)}
          </p>
          {shown.length > 0 && <ReportTable reports={shown} data={data} caption={t('repuListCaption')} />}
        </>
      )}
    </>
  );
}
