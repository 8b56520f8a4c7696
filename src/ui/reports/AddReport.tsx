/**
 * `#/reports/new` and `#/reports/new/<recordId>` (issue #14): a report made elsewhere (by phone, a police portal, a
 * platform form used without Holdfast), added by hand: platform (or somewhere else), date, reference, status, notes,
 * and optionally the records it is about (by their number in the records list).
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { REPORT_LIMITS, REPORT_STATUSES, type ReportEntry, type ReportStatus } from '../../model/report';
import { localDate } from '../../reporting/reminders';
import type { Vault } from '../../vault/api';
import type { CaseData } from '../vault/useCaseData';
import { recordLabel } from './concern';
import { errText, REPORT_PLATFORMS, reportPlatformLabel, statusLabel } from './labels';
import { tellReminders } from './useReports';

/** "12, 15 #20" → the ids of the records with those numbers; the numbers that match nothing are returned apart. */
export function parseRecordNumbers(text: string, summaries: readonly { id: string; seq: number; deleted?: boolean }[]): { ids: string[]; unknown: string[] } {
  const bySeq = new Map(summaries.filter((s) => !s.deleted).map((s) => [String(s.seq), s.id]));
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[\s,;]+/).map((p) => p.replace(/^#/, '')).filter(Boolean)) {
    const id = /^\d{1,9}$/.test(part) ? bySeq.get(String(Number(part))) : undefined;
    if (id) {
      if (!ids.includes(id)) ids.push(id);
    } else unknown.push(part);
  }
  return { ids, unknown };
}

/** A date the person picked (YYYY-MM-DD, their local calendar) as a UTC time at their local noon; undefined if not a real past-or-today date. */
export function reportedAtOf(day: string, now: Date): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  if (Number.isNaN(d.getTime()) || localDate(d) !== day || day > localDate(now) || Number(m[1]) < 1990) return undefined;
  return d.toISOString();
}

export function AddReport({ vault, data, recordId, onAdded }: { vault: Vault; data: CaseData; recordId?: string; onAdded(r: ReportEntry): void }) {
  const [platform, setPlatform] = useState<ReportEntry['platform']>('x');
  const [day, setDay] = useState(() => localDate(new Date()));
  const [reference, setReference] = useState('');
  const [status, setStatus] = useState<ReportStatus>('sent');
  const [notes, setNotes] = useState('');
  const [numbers, setNumbers] = useState('');
  const [keepRecord, setKeepRecord] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preset = useMemo(() => (recordId ? data.summaries?.find((s) => s.id === recordId) : undefined), [recordId, data.summaries]);
  // A report about a record goes to that record's platform unless the person changes it.
  const [platformTouched, setPlatformTouched] = useState(false);
  const shownPlatform = !platformTouched && preset && (REPORT_PLATFORMS as readonly string[]).includes(preset.platform) ? (preset.platform as ReportEntry['platform']) : platform;

  const submit = async (e: Event) => {
    e.preventDefault();
    // The record numbers are read against the records list: wait for it.
    if (!data.summaries) return;
    const errs: Record<string, string> = {};
    const reportedAt = reportedAtOf(day, new Date());
    if (!reportedAt) errs.day = t('repuErrDate');
    if (reference.length > REPORT_LIMITS.reference) errs.reference = t('repuErrTooLong', REPORT_LIMITS.reference);
    if (notes.length > REPORT_LIMITS.notes) errs.notes = t('repuErrTooLong', REPORT_LIMITS.notes);
    const parsed = parseRecordNumbers(numbers, data.summaries ?? []);
    if (parsed.unknown.length) errs.numbers = t('repuErrNumbers', parsed.unknown.join(', '));
    setErrors(errs);
    setFailed(null);
    if (Object.keys(errs).length || !reportedAt) return;
    const recordIds = [...(recordId && keepRecord ? [recordId] : []), ...parsed.ids.filter((id) => id !== recordId)];
    const summaries = new Map((data.summaries ?? []).map((s) => [s.id, s]));
    setSaving(true);
    try {
      const added = await vault.addReport({
        platform: shownPlatform,
        origin: 'by-hand',
        reportedAt,
        status,
        recordIds,
        permalinks: recordIds.map((id) => summaries.get(id)?.url).filter((u): u is string => !!u),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(notes.trim() ? { notes } : {}),
      });
      void tellReminders(vault);
      onAdded(added);
    } catch (err) {
      setFailed(t('repuSaveFailed', errText(err)));
    } finally {
      setSaving(false);
    }
  };

  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `repu-add-${k}-err` } : {});
  const err = (k: string) =>
    errors[k] ? (
      <span id={`repu-add-${k}-err`} class="case-field-error">
        {errors[k]}
      </span>
    ) : null;

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="report-add-form" noValidate>
      <p class="muted">{t('repuAddExplain')}</p>
      {recordId && (
        <p>
          <label class="repu-check">
            <input type="checkbox" checked={keepRecord} onChange={(e) => setKeepRecord(e.currentTarget.checked)} data-testid="report-add-keep-record" />
            {t('repuAddAbout', recordLabel(preset, recordId))}
          </label>
        </p>
      )}
      <label>
        {t('repuColPlatform')}
        <select
          value={shownPlatform}
          data-testid="report-add-platform"
          onChange={(e) => {
            setPlatformTouched(true);
            setPlatform(e.currentTarget.value as ReportEntry['platform']);
          }}
        >
          {REPORT_PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {reportPlatformLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('repuAddDate')}
        <input type="date" value={day} max={localDate(new Date())} onInput={(e) => setDay(e.currentTarget.value)} data-testid="report-add-date" {...invalid('day')} />
        {err('day')}
      </label>
      <label>
        {t('repuStatusLabel')}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as ReportStatus)} data-testid="report-add-status">
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('repuReferenceLabel')}
        <input type="text" value={reference} onInput={(e) => setReference(e.currentTarget.value)} data-testid="report-add-reference" autocomplete="off" {...invalid('reference')} />
        {err('reference')}
      </label>
      <label class="case-wide">
        {t('repuRecordNumbers')}
        <input type="text" inputMode="numeric" value={numbers} onInput={(e) => setNumbers(e.currentTarget.value)} data-testid="report-add-records" {...invalid('numbers')} />
        {err('numbers')}
      </label>
      <label class="case-wide">
        {t('repuNotesLabel')}
        <textarea value={notes} onInput={(e) => setNotes(e.currentTarget.value)} data-testid="report-add-notes" {...invalid('notes')} />
        {err('notes')}
      </label>
      <div class="case-actions">
        <button type="submit" disabled={saving || !data.summaries} data-testid="report-add-save">
          {t('repuAddSave')}
        </button>
        <a href="#/reports">{t('repuCancel')}</a>
      </div>
      {failed && (
        <p class="status bad" role="alert" data-testid="report-add-error">
          {failed}
        </p>
      )}
    </form>
  );
}
