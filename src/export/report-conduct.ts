/**
 * The course-of-conduct summary at the start of report.html and report.pdf (issue #13): per person in the bundle
 * with at least one event, then the events assigned to nobody. Every count comes from src/model/pattern.ts, the
 * module the vault page's charts use, so the report and the page agree. Pure.
 */
import { type CaseSummary, type Person, summarize } from '../model/case';
import type { EvidenceRecord } from '../model/evidence';
import {
  countBy,
  countByDay,
  countByHour,
  countByWeek,
  eventsOf,
  filterEvents,
  type PatternEvent,
  periodOf,
} from '../model/pattern';
import { authorKeysOf } from '../vault/author-key';

export interface ConductSection {
  /** Absent: the events assigned to nobody. */
  person?: Person;
  events: PatternEvent[];
  period: ReturnType<typeof periodOf>;
  byPlatform: Array<{ key: string; count: number }>;
  byKind: Array<{ key: string; count: number }>;
  byHour: number[];
  byDay: Record<string, number>;
  byWeek: Array<{ week: string; count: number }>;
}

/** A record's summary as the vault keeps it (with its author keys). */
export function summaryOf(record: EvidenceRecord): CaseSummary {
  return { ...summarize(record), authorKeys: authorKeysOf(record) };
}

export function sectionOf(events: PatternEvent[], person?: Person): ConductSection {
  return {
    ...(person && { person }),
    events,
    period: periodOf(events),
    byPlatform: countBy(events, 'platform'),
    byKind: countBy(events, 'kind'),
    byHour: countByHour(events),
    byDay: countByDay(events),
    byWeek: countByWeek(events),
  };
}

/** Sections: each person with at least one event (in the people list's order), then the unassigned events if any. */
export function conductSections(records: readonly EvidenceRecord[], people: readonly Person[]): ConductSection[] {
  const events = eventsOf(records.map(summaryOf), people);
  const sections: ConductSection[] = [];
  for (const person of people) {
    const mine = filterEvents(events, { personId: person.id });
    if (mine.length) sections.push(sectionOf(mine, person));
  }
  const nobody = events.filter((e) => e.personIds.length === 0);
  if (nobody.length) sections.push(sectionOf(nobody));
  return sections;
}

/** Events in time order (UTC; undated last, by day then), ties by record order. */
export function timelineOf(events: readonly PatternEvent[], seqOf: (id: string) => number): PatternEvent[] {
  const key = (e: PatternEvent) => e.utc ?? (e.day ? `${e.day}T99` : '~');
  return [...events].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : seqOf(a.id) - seqOf(b.id);
  });
}

/**
 * Day bars over the whole period: every day from the first to the last (empty days as 0) when the period is at most
 * `maxDays` long, else only the days with events (a date typed as 1900 would make a century of empty bars).
 */
export function dayBars(byDay: Record<string, number>, maxDays = 400): Array<{ day: string; count: number }> {
  const days = Object.keys(byDay);
  if (days.length === 0) return [];
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const span = Math.round((last - first) / 86_400_000) + 1;
  if (!Number.isFinite(span) || span > maxDays) return days.map((d) => ({ day: d, count: byDay[d]! }));
  const out: Array<{ day: string; count: number }> = [];
  for (let t = first; t <= last; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    out.push({ day: d, count: byDay[d] ?? 0 });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "+01:00" for this runtime's offset at an instant. */
export function localOffset(iso: string): string {
  const d = new Date(iso);
  const minutes = -d.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-11-20 02:17 (+01:00)" in this runtime's local time. */
export function localWallClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())} (${localOffset(iso)})`;
}

/** When an event happened, for the timeline: local wall-clock with offset, and UTC. */
export function eventTimes(record: EvidenceRecord, event: PatternEvent): { local: string; utc: string } {
  const w = record.journal?.when;
  if (w) {
    const local = w.local ? `${w.local.replace('T', ' ')}${w.offset ? ` (${w.offset})` : ''}${w.precision === 'about' ? ' ~' : ''}` : '—';
    return { local, utc: w.utc ? `${w.utc.slice(0, 16).replace('T', ' ')} UTC` : '—' };
  }
  if (!event.utc) return { local: '—', utc: '—' };
  return { local: localWallClock(event.utc), utc: `${event.utc.slice(0, 16).replace('T', ' ')} UTC` };
}
