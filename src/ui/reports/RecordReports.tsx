/** The record view's "Reports" section (issue #14): the reports naming this record, and links to add one or walk a pile-on. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { showText } from '../../model/display';
import type { EvidenceRecord } from '../../model/evidence';
import type { ReportEntry } from '../../model/report';
import { isPileOnRecord } from '../../reporting/pile-on';
import type { Vault } from '../../vault/api';
import { reportsOfRecord } from './concern';
import { errText, localDay, reportPlatformLabel, statusLabel } from './labels';
import './reports.css';

export function RecordReports({ vault, record }: { vault: Vault; record: EvidenceRecord }) {
  const [reports, setReports] = useState<ReportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    vault.reports().then(
      (all) => live && setReports(reportsOfRecord(all, record.id).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))),
      (err: unknown) => live && setError(errText(err)),
    );
    return () => {
      live = false;
    };
  }, [vault, record.id]);
  const id = encodeURIComponent(record.id);
  return (
    <section class="repu-section" aria-labelledby="record-reports-title" data-testid="record-reports">
      <h3 id="record-reports-title">{t('repuRecordTitle')}</h3>
      {error && <p class="status bad">{t('repuLoadError', error)}</p>}
      {reports && reports.length === 0 && <p class="muted">{t('repuRecordNone')}</p>}
      {reports && reports.length > 0 && (
        <ul class="plain">
          {reports.map((r) => (
            <li key={r.id} data-testid="record-report" data-report-id={r.id} data-status={r.status}>
              <a href={`#/reports/${encodeURIComponent(r.id)}`}>{t('repuRecordLine', reportPlatformLabel(r.platform), localDay(r.reportedAt), statusLabel(r.status))}</a>
              {r.reference && (
                <span>
                  {' '}
                  · {t('repuRefShort')} <span class="note-text">{showText(r.reference)}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!record.deleted && (
        <div class="toolbar">
          <a href={`#/reports/new/${id}`} data-testid="record-add-report">
            {t('repuRecordAdd')}
          </a>
          {isPileOnRecord(record) && (
            <a href={`#/reports/pile-on/${id}`} data-testid="record-pile-on">
              {t('repuRecordPileOn')}
            </a>
          )}
        </div>
      )}
    </section>
  );
}
