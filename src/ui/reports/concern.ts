/** Which reports concern a person, an account or a record (issue #14): pure, shared by the record view, people and pattern pages. */
import type { CaseSummary, Person } from '../../model/case';
import { localParts, type PatternFilter } from '../../model/pattern';
import type { ReportEntry, ReportStatus } from '../../model/report';
import { REPORT_STATUSES } from '../../model/report';

/** The person a report concerns: the one named on it, else the one whose account it names, else none. */
export function personOfReport(report: ReportEntry, index: ReadonlyMap<string, string>): string | undefined {
  if (report.personId) return report.personId;
  return report.account ? index.get(report.account) : undefined;
}

/**
 * Reports concerning a person: named on the report, naming one of their accounts, or (named on nobody) about a
 * record that concerns them (`recordIds`: the records of their timeline).
 */
export function reportsOfPerson(reports: readonly ReportEntry[], person: Pick<Person, 'id' | 'identifiers'>, recordIds?: ReadonlySet<string>): ReportEntry[] {
  const keys = new Set(person.identifiers.flatMap((i) => i.account?.keys ?? []));
  return reports.filter((r) => r.personId === person.id || (!!r.account && keys.has(r.account)) || (!r.personId && r.recordIds.some((id) => recordIds?.has(id))));
}

/**
 * Reports for the pattern view's filter (they are not contacts: never counted in the charts). A person filter keeps
 * the reports concerning them; a platform filter the reports to those platforms; a date range the reports made in it
 * (local dates); a kind filter the reports about a record the filter counts (`recordIds`).
 */
export function reportsForPattern(
  reports: readonly ReportEntry[],
  f: PatternFilter,
  people: readonly Pick<Person, 'id' | 'identifiers'>[],
  recordIds: ReadonlySet<string>,
): ReportEntry[] {
  const person = f.personId ? people.find((p) => p.id === f.personId) : undefined;
  const mine = f.personId ? new Set((person ? reportsOfPerson(reports, person, recordIds) : []).map((r) => r.id)) : undefined;
  return reports.filter((r) => {
    if (mine && !mine.has(r.id)) return false;
    if (f.platforms?.length && !f.platforms.includes(r.platform)) return false;
    if (f.kinds?.length && !r.recordIds.some((id) => recordIds.has(id))) return false;
    const day = localParts(r.reportedAt)?.day;
    if (f.from && (!day || day < f.from)) return false;
    if (f.to && (!day || day > f.to)) return false;
    return true;
  });
}

/** Reports naming a record. */
export function reportsOfRecord(reports: readonly ReportEntry[], recordId: string): ReportEntry[] {
  return reports.filter((r) => r.recordIds.includes(recordId));
}

/** How many reports have each status (every status present, zero or more). */
export function countByStatus(reports: readonly ReportEntry[]): Record<ReportStatus, number> {
  const out = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const r of reports) if (r.status in out) out[r.status]++;
  return out;
}

/** A short label of a record for a report row: "#12 · @name", from its summary. */
export function recordLabel(s: Pick<CaseSummary, 'seq' | 'handle' | 'displayName'> | undefined, id: string): string {
  if (!s) return id;
  const who = s.handle ? `@${s.handle}` : s.displayName;
  return who ? `#${s.seq} · ${who}` : `#${s.seq}`;
}

/** An account key shown to a person: "x:@name" → "@name", "x:id:123" → "id 123". */
export function accountLabel(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const at = key.indexOf(':');
  const rest = at >= 0 ? key.slice(at + 1) : key;
  return rest.startsWith('id:') ? `id ${rest.slice(3)}` : rest;
}
