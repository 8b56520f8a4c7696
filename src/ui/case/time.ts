/**
 * When an incident happened, from what the person typed (issue #13). Pure (uses the runtime's time zone through
 * Date only): the journal form and the quick entry build the same IncidentTime here.
 */
import type { IncidentTime, TimePrecision } from '../../model/journal';

export const TIME_PRECISIONS: readonly TimePrecision[] = ['exact', 'about', 'date', 'unknown'];

const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');

/** A Date's local wall-clock as an `<input type="datetime-local">` value, "YYYY-MM-DDTHH:MM". */
export function toLocalInput(d: Date): string {
  const y = d.getFullYear();
  const year = y < 0 ? `-${pad(y, 6)}` : y > 9999 ? `+${pad(y, 6)}` : pad(y, 4);
  return `${year}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "+HH:MM"/"-HH:MM" from minutes east of UTC (rounded to the minute: old local mean times have seconds). */
export function formatOffset(minutesEast: number): string {
  const m = Math.round(minutesEast);
  const sign = m < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/** The local Date of a "YYYY-MM-DD[THH:MM]" wall-clock (built from parts: years below 100 and 1900 stay as typed). */
export function wallClockDate(local: string): Date | undefined {
  const m = WALL.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 12), Number(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const date = new Date(2000, 0, 1, h, mi, 0, 0);
  date.setFullYear(y, mo - 1, d);
  if (date.getMonth() !== mo - 1 || Number.isNaN(date.getTime())) return undefined;
  return date;
}

/**
 * The IncidentTime for a wall-clock value (an `<input type="datetime-local">` value, or a bare date) and a precision:
 * - exact/about: local "YYYY-MM-DDTHH:MM", the device's offset at that wall-clock time, and the instant in UTC;
 * - date: local "YYYY-MM-DD" and the offset at noon that day (no instant: the time is not known);
 * - unknown: the precision only.
 * Undefined when the value does not read as a date (the form then says so).
 */
export function incidentTime(value: string, precision: TimePrecision): IncidentTime | undefined {
  if (precision === 'unknown') return { precision };
  const v = value.trim();
  const d = wallClockDate(precision === 'date' ? v.slice(0, 10) : v);
  if (!d) return undefined;
  const minutes = Math.round(-d.getTimezoneOffset());
  const offset = formatOffset(minutes);
  if (precision === 'date') return { precision, local: v.slice(0, 10), offset };
  if (!/T\d\d:\d\d/.test(value)) return undefined;
  // The instant is the wall-clock typed minus the offset stored with it, so the three always agree (the vault checks):
  // also for a time that does not exist on the clock (skipped when summer time starts) and for old local mean times
  // whose offset has seconds (rounded to the minute above).
  const m = WALL.exec(v)!;
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  wall.setUTCHours(Number(m[4]), Number(m[5]), 0, 0);
  return { precision, local: v.slice(0, 16), offset, utc: new Date(wall.getTime() - minutes * 60_000).toISOString() };
}

/** The wall-clock as it may be shown: "2026-12-07 02:17 (+01:00)", "about …", "2026-12-07", or a dash. */
export function incidentParts(when: IncidentTime): { date: string; time: string; offset: string } {
  return {
    date: when.local?.slice(0, 10) ?? '',
    time: when.local && (when.precision === 'exact' || when.precision === 'about') ? when.local.slice(11, 16) : '',
    offset: when.offset ?? '',
  };
}

/** A sort key for "newest first": the UTC instant, else the local wall-clock (dates sort among instants). */
export function incidentSortKey(when: IncidentTime | undefined, fallback: string): string {
  if (when?.utc) return when.utc;
  if (when?.local) return when.local.length === 10 ? `${when.local}T12:00` : when.local;
  return fallback;
}
