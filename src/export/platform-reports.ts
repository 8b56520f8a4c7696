/**
 * Reports to the platforms in a bundle (issue #14, format 3): reports.json (the entries, as the vault keeps them, with
 * the bundle's record seqs and the person's name) and reports.csv (one row per report, for people and spreadsheets).
 * Reports are the person's context beside the evidence, like people and notes: no record hash covers them. The
 * verifier regenerates reports.csv from reports.json and compares, and checks that every record a report names is in
 * the bundle. Pure.
 */
import type { Person } from '../model/case';
import type { EvidenceRecord } from '../model/evidence';
import { REPORT_STATUSES, type ReportEntry } from '../model/report';

export type { ExportedReport, ReportsFile } from './format';

import type { ExportedReport, ExportScope, ReportsFile } from './format';
import { csvCell } from './texts';

export const REPORT_COLUMNS = [
  'report_id',
  'platform',
  'route',
  'route_url',
  'abuse',
  'record_ids',
  'record_seqs',
  'permalinks',
  'account',
  'person_name',
  'person_id',
  'origin',
  'reported_at_utc',
  'reference',
  'status',
  'status_history',
  'notes',
  'content_removed_on',
] as const;

/**
 * The reports a scope takes: all for a whole-vault export; otherwise those naming a record of the bundle, and for a
 * person's scope also those about that person or one of their accounts. Record ids outside the bundle are left out
 * (counted in `recordsOutside`), so every record a report names is in the bundle. Oldest reportedAt first.
 */
export function reportsFile(reports: readonly ReportEntry[], selected: readonly EvidenceRecord[], scope: ExportScope, people: readonly Person[]): ReportsFile {
  const seqs = new Map(selected.map((r) => [r.id, r.seq]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const keys = new Set(scope.type === 'person' ? (scope.keys ?? []) : []);
  const taken = reports.filter((r) => {
    if (scope.type === 'all') return true;
    if (r.recordIds.some((id) => seqs.has(id))) return true;
    if (scope.type !== 'person') return false;
    return (scope.personId !== undefined && r.personId === scope.personId) || (r.account !== undefined && keys.has(r.account));
  });
  return {
    format: 'holdfast-reports',
    formatVersion: 1,
    reports: taken
      .map((r): ExportedReport => {
        const recordIds = r.recordIds.filter((id) => seqs.has(id));
        const outside = r.recordIds.length - recordIds.length;
        const name = r.personId !== undefined ? names.get(r.personId) : undefined;
        return {
          ...r,
          recordIds,
          recordSeqs: recordIds.map((id) => seqs.get(id)!),
          ...(name !== undefined && { personName: name }),
          ...(outside > 0 && { recordsOutside: outside }),
        };
      })
      .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id)),
  };
}

/** reports.csv as CRLF lines with a UTF-8 BOM, one row per report of reports.json, in its order. */
export function* reportsCsv(file: Pick<ReportsFile, 'reports'>): Generator<string> {
  yield `\uFEFF${REPORT_COLUMNS.join(',')}\r\n`;
  for (const r of file.reports) {
    const row = [
      r.id,
      r.platform,
      r.routeLabel ?? r.routeId,
      r.routeUrl,
      r.abuse,
      r.recordIds.join(' '),
      r.recordSeqs.join(' '),
      r.permalinks.join(' '),
      r.account,
      r.personName,
      r.personId,
      r.origin,
      r.reportedAt,
      r.reference,
      r.status,
      r.history.map((h) => `${h.status} ${h.at}`).join('; '),
      r.notes,
      r.contentRemovedOn,
    ];
    yield `${row.map(csvCell).join(',')}\r\n`;
  }
}

export function reportsCsvText(file: Pick<ReportsFile, 'reports'>): string {
  return [...reportsCsv(file)].join('');
}

/** The entries as the vault keeps them (for restoreReports), from a verified bundle's reports.json. */
export function reportEntriesOf(file: ReportsFile): ReportEntry[] {
  return file.reports.map(({ recordSeqs: _seqs, personName: _name, recordsOutside: _outside, ...entry }) => entry);
}

const isText = (v: unknown) => typeof v === 'string';
const isTextList = (v: unknown) => Array.isArray(v) && v.every(isText);

/**
 * Plain problems with a reports.json read from a bundle (empty when it is well-formed and every record a report names
 * is in the bundle, at the seq it says).
 */
export function reportsFileProblems(value: unknown, records: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const v = value as Partial<ReportsFile> | null;
  if (!v || typeof v !== 'object' || v.format !== 'holdfast-reports' || !Array.isArray(v.reports)) return ['reports.json is not a Holdfast reports file'];
  const ids = new Set<string>();
  v.reports.forEach((r, i) => {
    const where = `reports.json report ${i + 1}`;
    if (
      !r ||
      typeof r !== 'object' ||
      !isText(r.id) ||
      !r.id ||
      !isText(r.platform) ||
      !isText(r.reportedAt) ||
      !(REPORT_STATUSES as readonly unknown[]).includes(r.status) ||
      !isTextList(r.recordIds) ||
      !isTextList(r.permalinks) ||
      !Array.isArray(r.recordSeqs) ||
      !Array.isArray(r.history)
    ) {
      problems.push(`${where} lacks an id, platform, date, status, records, links or status history`);
      return;
    }
    if (ids.has(r.id)) problems.push(`${where} repeats the id ${r.id}`);
    ids.add(r.id);
    if (r.recordSeqs.length !== r.recordIds.length) problems.push(`${where} (${r.id}) lists ${r.recordIds.length} record(s) but ${r.recordSeqs.length} seq(s)`);
    r.recordIds.forEach((id, k) => {
      const seq = records.get(id);
      if (seq === undefined) problems.push(`${where} (${r.id}) names record ${id}, which is not in the bundle`);
      else if (r.recordSeqs[k] !== seq) problems.push(`${where} (${r.id}) says record ${id} is #${String(r.recordSeqs[k])}, but in the bundle it is #${seq}`);
    });
  });
  return problems;
}
