/**
 * `#/reports/<id>` (issue #14): one report. The person adds the platform's reference, later statuses and notes, sets
 * or clears a reminder, and records in one click that the content is gone. Everything they typed is plain text.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { showName, showText } from '../../model/display';
import { personIndex } from '../../model/pattern';
import { REPORT_LIMITS, REPORT_STATUSES, type ReportEntry, type ReportPatch, type ReportStatus } from '../../model/report';
import { localDate, MAX_REMINDER_DAYS, remindInDays } from '../../reporting/reminders';
import type { Vault } from '../../vault/api';
import { localTime } from '../case/labels';
import { safeHref, utc } from '../format';
import type { CaseData } from '../vault/useCaseData';
import { accountLabel, personOfReport, recordLabel } from './concern';
import { errText, localDay, reportPlatformLabel, statusLabel } from './labels';
import { reportRouteLabel } from './route-words';
import { tellReminders } from './useReports';

const ORIGIN_KEYS = {
  item: 'repuOriginItem',
  'pile-on': 'repuOriginPileOn',
  popup: 'repuOriginPopup',
  'context-menu': 'repuOriginMenu',
  'by-hand': 'repuOriginByHand',
} as const;

export function ReportDetail({ vault, data, report, onChanged }: { vault: Vault; data: CaseData; report: ReportEntry; onChanged(): Promise<unknown> }) {
  const [reference, setReference] = useState(report.reference ?? '');
  const [status, setStatus] = useState<ReportStatus>(report.status);
  const [notes, setNotes] = useState(report.notes ?? '');
  const [days, setDays] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [asking, setAsking] = useState(false);
  // A newer version of the report (saved here or elsewhere) resets the form to what is stored.
  useEffect(() => {
    setReference(report.reference ?? '');
    setStatus(report.status);
    setNotes(report.notes ?? '');
  }, [report.updatedAt, report.id]);

  const summaries = useMemo(() => new Map((data.summaries ?? []).map((s) => [s.id, s])), [data.summaries]);
  const pid = personOfReport(report, personIndex(data.people));
  const person = pid ? data.people.find((p) => p.id === pid) : undefined;

  const apply = async (patch: ReportPatch, done: string) => {
    setSaving(true);
    setMessage(null);
    try {
      await vault.updateReport(report.id, patch);
      await onChanged();
      if ('remindAt' in patch) void tellReminders(vault);
      setDays('');
      setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: t('repuSaveFailed', errText(err)) });
    } finally {
      setSaving(false);
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (reference.length > REPORT_LIMITS.reference) errs.reference = t('repuErrTooLong', REPORT_LIMITS.reference);
    if (notes.length > REPORT_LIMITS.notes) errs.notes = t('repuErrTooLong', REPORT_LIMITS.notes);
    let remindAt: string | undefined;
    if (days.trim()) {
      remindAt = /^\d+$/.test(days.trim()) ? remindInDays(Number(days.trim()), new Date()) : undefined;
      if (!remindAt) errs.days = t('repuErrDays', MAX_REMINDER_DAYS);
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const patch: ReportPatch = {};
    if (reference !== (report.reference ?? '')) patch.reference = reference;
    if (status !== report.status) patch.status = status;
    if (notes !== (report.notes ?? '')) patch.notes = notes;
    if (remindAt) patch.remindAt = remindAt;
    void apply(patch, t('repuSaved'));
  };

  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `repu-${k}-err` } : {});
  const err = (k: string) =>
    errors[k] ? (
      <span id={`repu-${k}-err`} class="case-field-error">
        {errors[k]}
      </span>
    ) : null;
  const route = safeHref(report.routeUrl);
  // The current words for the route in the person's language; the stored label (as shown then) when the route is gone.
  const routeLabel = reportRouteLabel(report);
  const remove = async () => {
    setSaving(true);
    try {
      await vault.deleteReport(report.id);
      void tellReminders(vault);
      await onChanged();
      location.hash = '#/reports';
    } catch (err) {
      setMessage({ ok: false, text: t('repuSaveFailed', errText(err)) });
      setSaving(false);
    }
  };

  return (
    <article data-testid="report-view" data-report-id={report.id} data-status={report.status}>
      <dl class="fields">
        <dt>{t('repuColPlatform')}</dt>
        <dd>{reportPlatformLabel(report.platform)}</dd>
        <dt>{t('repuColDate')}</dt>
        <dd>
          <time dateTime={report.reportedAt}>{localTime(report.reportedAt)}</time> <span class="muted">· {utc(report.reportedAt)}</span>
        </dd>
        <dt>{t('repuHow')}</dt>
        <dd>{t(ORIGIN_KEYS[report.origin] ?? 'repuOriginByHand')}</dd>
        {(routeLabel || route) && (
          <>
            <dt>{t('repuRoute')}</dt>
            <dd>
              {route ? (
                <a href={route} target="_blank" rel="noopener noreferrer">
                  {showText(routeLabel ?? report.routeUrl ?? '')}
                </a>
              ) : (
                showText(routeLabel ?? '')
              )}
            </dd>
          </>
        )}
        {report.account && (
          <>
            <dt>{t('repuAccount')}</dt>
            <dd data-testid="report-account">{showName(accountLabel(report.account), { kind: 'handle' }).text}</dd>
          </>
        )}
        <dt>{t('repuColPerson')}</dt>
        <dd>{person ? showName(person.name).text : '—'}</dd>
        <dt>{t('repuRecords')}</dt>
        <dd>
          {report.recordIds.length === 0 ? (
            '—'
          ) : (
            <ul class="plain">
              {report.recordIds.map((id) => (
                <li key={id}>
                  <a href={`#/record/${encodeURIComponent(id)}`}>{recordLabel(summaries.get(id), id)}</a>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {report.contentRemovedOn && (
          <>
            <dt>{t('repuRemovedTitle')}</dt>
            <dd data-testid="report-removed-on">{report.contentRemovedOn}</dd>
          </>
        )}
      </dl>

      {report.status !== 'content-removed' && (
        <p>
          <button
            type="button"
            data-testid="report-content-gone"
            disabled={saving}
            onClick={() => void apply({ status: 'content-removed', contentRemovedOn: localDate(new Date()) }, t('repuGoneSaved'))}
          >
            {t('repuContentGone')}
          </button>
        </p>
      )}

      <form onSubmit={save} data-testid="report-form" noValidate>
        <label>
          {t('repuReferenceLabel')}
          <input type="text" value={reference} onInput={(e) => setReference(e.currentTarget.value)} data-testid="report-reference" autocomplete="off" {...invalid('reference')} />
          {err('reference')}
        </label>
        <label>
          {t('repuStatusLabel')}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as ReportStatus)} data-testid="report-status">
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label class="case-wide">
          {t('repuNotesLabel')}
          <textarea value={notes} onInput={(e) => setNotes(e.currentTarget.value)} data-testid="report-notes" {...invalid('notes')} />
          {err('notes')}
        </label>
        <fieldset>
          <legend>{t('repuReminder')}</legend>
          {report.remindAt ? (
            <p data-testid="report-reminder" data-remind-at={report.remindAt}>
              {t('repuReminderSet', localDay(report.remindAt))}{' '}
              <button type="button" data-testid="report-reminder-clear" disabled={saving} onClick={() => void apply({ remindAt: null }, t('repuReminderCleared'))}>
                {t('repuReminderClear')}
              </button>
            </p>
          ) : (
            <p class="muted">{t('repuReminderNone')}</p>
          )}
          <label>
            {t('repuRemindDays')}
            <input type="number" min={1} max={MAX_REMINDER_DAYS} step={1} value={days} onInput={(e) => setDays(e.currentTarget.value)} data-testid="report-remind-days" {...invalid('days')} />
            {err('days')}
          </label>
        </fieldset>
        <div class="case-actions">
          <button type="submit" disabled={saving} data-testid="report-save">
            {t('repuSave')}
          </button>
        </div>
        <p aria-live="polite">
          {message && (
            <span class={message.ok ? 'ok-text' : 'status bad'} role={message.ok ? 'status' : 'alert'} data-testid="report-save-status">
              {message.text}
            </span>
          )}
        </p>
      </form>

      <h3>{t('repuHistory')}</h3>
      <ol data-testid="report-history">
        {report.history.map((h, i) => (
          <li key={`${h.at}-${i}`} data-status={h.status}>
            {statusLabel(h.status)} — <time dateTime={h.at}>{localTime(h.at)}</time>
          </li>
        ))}
      </ol>

      <section class="danger-zone" aria-labelledby="report-delete-title">
        <h3 id="report-delete-title">{t('repuDeleteTitle')}</h3>
        <p>{t('repuDeleteExplain')}</p>
        {asking ? (
          <div class="case-actions">
            <button type="button" class="danger" disabled={saving} onClick={() => void remove()} data-testid="report-delete-confirm">
              {t('repuDeleteYes')}
            </button>
            <button type="button" onClick={() => setAsking(false)} data-testid="report-delete-cancel">
              {t('repuCancel')}
            </button>
          </div>
        ) : (
          <button type="button" class="danger" onClick={() => setAsking(true)} data-testid="report-delete">
            {t('repuDeleteAsk')}
          </button>
        )}
      </section>
    </article>
  );
}
