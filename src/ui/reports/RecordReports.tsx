/** The record view's "Reports" section (issue #14): the reports naming this record, and links to add one or walk a pile-on. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { showText } from '../../model/display';
import type { EvidenceRecord } from '../../model/evidence';
import type { ReportEntry } from '../../model/report';
import { isPileOnRecord } from '../../reporting/pile-on';
import { localDate } from '../../reporting/reminders';
import type { Vault } from '../../vault/api';
import { reportsOfRecord } from './concern';
import { errText, localDay, reportPlatformLabel, statusLabel } from './labels';
import './reports.css';

export function RecordReports({ vault, record }: { vault: Vault; record: EvidenceRecord }) {
  const [reports, setReports] = useState<ReportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const gone = async (r: ReportEntry) => {
    setStatus(null);
    try {
      const updated = await vault.updateReport(r.id, { status: 'content-removed', contentRemovedOn: localDate(new Date()) });
      setReports((list) => list?.map((x) => (x.id === updated.id ? updated : x)) ?? null);
      setStatus({ ok: true, text: t('repuGoneSaved') });
    } catch (err) {
      setStatus({ ok: false, text: t('repuSaveFailed', errText(err)) });
    }
  };
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
              {r.contentRemovedOn ? (
                <span class="muted"> ({t('repuRemovedOn', r.contentRemovedOn)})</span>
              ) : (
                !record.deleted && (
                  <>
                    {' '}
                    <button type="button" data-testid="record-report-gone" aria-label={t('repuGoneFor', reportPlatformLabel(r.platform), localDay(r.reportedAt))} onClick={() => void gone(r)}>
                      {t('repuContentGone')}
                    </button>
                  </>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      <p aria-live="polite">
        {status && (
          <span class={status.ok ? 'ok-text' : 'status bad'} role={status.ok ? 'status' : 'alert'} data-testid="record-report-status">
            {status.text}
          </span>
        )}
      </p>
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
