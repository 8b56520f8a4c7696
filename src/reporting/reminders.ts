/**
 * Report reminders (issue #14): "remind me to check on this report in N days". Pure scheduling logic; the background
 * (src/capture/background/reminders.ts) turns it into browser alarms and notifications.
 *
 * - One alarm per report with a reminder, named from the report's id only (never its platform, reference or notes):
 *   the alarm list is readable without the vault's key, so it must say nothing.
 * - The vault page sends the whole list of {id, remindAt} after every change; the background makes its alarms match.
 * - The notification says "Holdfast reminder" and nothing else in discreet mode, or when the vault is locked and the
 *   report cannot be read; otherwise "Time to check on your report to <platform>".
 */
import type { ReportEntry } from '../model/report';

export const REMINDER_ALARM_PREFIX = 'holdfast-report-reminder:';
/** The most days ahead a reminder may be set (a year). */
export const MAX_REMINDER_DAYS = 365;

const ID = /^[\w-]{1,100}$/;

/** The alarm's name for a report id; undefined for an id that is not a plain id (it is never put in a name). */
export function reminderAlarmName(reportId: string): string | undefined {
  return ID.test(reportId) ? `${REMINDER_ALARM_PREFIX}${reportId}` : undefined;
}

/** The report id an alarm is for, or undefined for any other alarm. */
export function reportIdOfAlarm(name: string): string | undefined {
  if (!name.startsWith(REMINDER_ALARM_PREFIX)) return undefined;
  const id = name.slice(REMINDER_ALARM_PREFIX.length);
  return ID.test(id) ? id : undefined;
}

export interface Reminder {
  id: string;
  /** UTC ISO. */
  remindAt: string;
}

/** The reminders to schedule: reports with a valid remindAt and a plain id. */
export function remindersOf(reports: readonly Pick<ReportEntry, 'id' | 'remindAt'>[]): Reminder[] {
  const out: Reminder[] = [];
  for (const r of reports) if (r.remindAt && ID.test(r.id) && Number.isFinite(Date.parse(r.remindAt))) out.push({ id: r.id, remindAt: r.remindAt });
  return out;
}

/** Checks a reminder list sent by a page: anything that is not exactly a list of {id, remindAt} gives null. */
export function parseReminders(value: unknown): Reminder[] | null {
  if (!Array.isArray(value) || value.length > 100_000) return null;
  const out: Reminder[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null) return null;
    const { id, remindAt } = v as Record<string, unknown>;
    if (typeof id !== 'string' || typeof remindAt !== 'string' || !ID.test(id) || !Number.isFinite(Date.parse(remindAt))) return null;
    out.push({ id, remindAt });
  }
  return out;
}

export interface AlarmPlan {
  /** Alarm names to clear (reminders removed or moved). */
  clear: string[];
  /** Alarms to create: name and when (ms since the epoch; a time already past fires at once). */
  create: { name: string; when: number }[];
}

/**
 * What to change so the alarms match the reminders: existing reminder alarms not wanted any more are cleared, a
 * moved one is replaced, new ones are created. Alarms that are not reminders are never touched.
 */
export function planAlarms(wanted: readonly Reminder[], existing: readonly { name: string; scheduledTime: number }[], now: number): AlarmPlan {
  const want = new Map<string, { when: number; due: boolean }>();
  for (const r of wanted) {
    const name = reminderAlarmName(r.id);
    const at = Date.parse(r.remindAt);
    if (name && Number.isFinite(at)) want.set(name, { when: Math.max(at, now + 1000), due: at <= now });
  }
  const have = new Map(existing.filter((a) => reportIdOfAlarm(a.name)).map((a) => [a.name, a.scheduledTime]));
  const clear = [...have.keys()].filter((n) => !want.has(n));
  const create: AlarmPlan['create'] = [];
  for (const [name, { when, due }] of want) {
    const at = have.get(name);
    // Already scheduled for that time, or due and about to fire: left as it is (never fired twice).
    if (at !== undefined && (at === when || due)) continue;
    create.push({ name, when });
  }
  return { clear, create };
}

/** A reminder N days from `now` (whole days, 1 to MAX_REMINDER_DAYS), UTC ISO; undefined for anything else. */
export function remindInDays(days: number, now: Date): string | undefined {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REMINDER_DAYS) return undefined;
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** The person's local date (YYYY-MM-DD) of a moment. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export type ReminderText = { kind: 'discreet' } | { kind: 'platform'; platform: string };

/** What the notification may say: nothing but "Holdfast reminder" when discreet, or when the report is not readable. */
export function reminderText(discreet: boolean, report: Pick<ReportEntry, 'platform'> | undefined): ReminderText {
  return discreet || !report ? { kind: 'discreet' } : { kind: 'platform', platform: report.platform };
}
