/**
 * What the human-readable reports (report.html, report.pdf, incidents.csv) show, computed once
 * from the manifest: exhibits in chain order, a summary per account, a timeline. Pure.
 */

import type { Person } from '../model/case';
import { flagNote, type NameFlag, showHandle, showName } from '../model/display';
import type { Author, EvidenceRecord } from '../model/evidence';
import { describeScopeIn, type ExportedReport, type Manifest, type ManifestArtifact } from './format';
import { type ConductSection, conductSections } from './report-conduct';
import { type ReportTexts, TEXTS_EN } from './report-texts';

export interface Exhibit {
  /** 1, 2, 3 … in the order of the vault's chain (capture order). */
  number: number;
  record: EvidenceRecord;
  artifacts: ManifestArtifact[];
}

export interface AccountSummary {
  platform: string;
  handles: string[];
  names: string[];
  accountIds: string[];
  captures: number;
  firstCapturedAt: string;
  lastCapturedAt: string;
  firstItemTime?: string;
  lastItemTime?: string;
  exhibits: number[];
}

export interface ReportModel {
  manifest: Manifest;
  texts: ReportTexts;
  scopeText: string;
  exhibits: Exhibit[];
  deleted: EvidenceRecord[];
  /** Accounts of the captures (journal entries and added files have none). */
  accounts: AccountSummary[];
  /** The course of conduct: per person with events, then what is assigned to nobody (src/model/pattern.ts). */
  conduct: ConductSection[];
  /** People in the bundle (people.json), for names in the report. */
  people: Person[];
  /** Exhibit of a record id (live records only). */
  exhibitOf: Map<string, Exhibit>;
  /** Chain position of any record id in the vault's chain. */
  seqOf: Map<string, number>;
  /** Reports to the platforms in the bundle (reports.json), oldest first. */
  reports: ExportedReport[];
}

/**
 * The reports that concern a person: made about them, about one of their accounts, or naming one of the given
 * records (theirs in the course of conduct).
 */
export function reportsOfPerson(reports: readonly ExportedReport[], person: Person, recordIds: ReadonlySet<string>): ExportedReport[] {
  const keys = new Set(person.identifiers.flatMap((i) => i.account?.keys ?? []));
  return reports.filter((r) => r.personId === person.id || (r.account !== undefined && keys.has(r.account)) || r.recordIds.some((id) => recordIds.has(id)));
}

export function buildReportModel(manifest: Manifest, options: { people?: Person[]; texts?: ReportTexts; reports?: ExportedReport[] } = {}): ReportModel {
  const exhibits: Exhibit[] = [];
  const deleted: EvidenceRecord[] = [];
  for (const entry of manifest.records) {
    if (entry.record.deleted) deleted.push(entry.record);
    else exhibits.push({ number: exhibits.length + 1, record: entry.record, artifacts: entry.artifacts });
  }
  const byKey = new Map<string, AccountSummary>();
  for (const ex of exhibits) {
    const r = ex.record;
    if (r.journal || r.addedFile) continue;
    const author: Author = r.author ?? r.content?.author ?? {};
    const handle = author.handle?.trim().replace(/^@/, '');
    const key = `${r.platform}|${author.accountId ? `id:${author.accountId}` : handle ? `@${handle.toLowerCase()}` : 'unknown'}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        platform: r.platform,
        handles: [],
        names: [],
        accountIds: [],
        captures: 0,
        firstCapturedAt: r.capturedAt,
        lastCapturedAt: r.capturedAt,
        exhibits: [],
      };
      byKey.set(key, s);
    }
    s.captures += 1;
    s.exhibits.push(ex.number);
    if (handle && !s.handles.includes(handle)) s.handles.push(handle);
    if (author.displayName && !s.names.includes(author.displayName)) s.names.push(author.displayName);
    if (author.accountId && !s.accountIds.includes(author.accountId)) s.accountIds.push(author.accountId);
    if (r.capturedAt < s.firstCapturedAt) s.firstCapturedAt = r.capturedAt;
    if (r.capturedAt > s.lastCapturedAt) s.lastCapturedAt = r.capturedAt;
    const item = toUtcIso(r.itemTime);
    if (item) {
      if (!s.firstItemTime || item < s.firstItemTime) s.firstItemTime = item;
      if (!s.lastItemTime || item > s.lastItemTime) s.lastItemTime = item;
    }
  }
  const accounts = [...byKey.values()].sort((a, b) => b.captures - a.captures || a.firstCapturedAt.localeCompare(b.firstCapturedAt));
  const people = options.people ?? [];
  return {
    manifest,
    texts: options.texts ?? TEXTS_EN,
    scopeText: describeScopeIn(options.texts ?? TEXTS_EN, manifest.scope),
    exhibits,
    deleted,
    accounts,
    conduct: conductSections(
      exhibits.map((e) => e.record),
      people,
    ),
    people,
    exhibitOf: new Map(exhibits.map((e) => [e.record.id, e])),
    seqOf: new Map(manifest.chain.records.map((c) => [c.id, c.seq])),
    reports: options.reports ?? [],
  };
}

/** The time as UTC ISO-8601 ("…Z"), or undefined when absent or unreadable. */
export function toUtcIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}

/**
 * A time for people: "2026-11-20 15:30:05 UTC" (milliseconds only when not zero). When the source
 * was not already UTC, the original text follows in brackets so nothing is lost.
 */
export function formatUtc(value: string | undefined): string {
  if (!value) return '—';
  const iso = toUtcIso(value);
  if (!iso) return `${value} (unreadable time)`;
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23)} UTC`;
  return value === iso || value === iso.replace('.000Z', 'Z') ? text : `${text} (page said ${value})`;
}

/**
 * "@alice (Alice A.), account id 123" — every identifier the record has, with hidden (bidi, zero-width)
 * and look-alike characters shown as markers (⟨U+202E⟩, or [U+202E] with `ascii` for the PDF) and a note
 * saying what was found.
 */
export function describeAuthor(author: Author | undefined, options: { ascii?: boolean } = {}): string {
  if (!author) return 'unknown';
  const handle = showHandle(author.handle, options);
  const name = showName(author.displayName, options);
  const id = showName(author.accountId, { ...options, kind: 'handle' });
  const parts: string[] = [];
  if (handle.text) parts.push(handle.text);
  if (name.text) parts.push(parts.length ? `(${name.text})` : name.text);
  let text = parts.join(' ') || 'unknown';
  if (author.accountId) text += `, account id ${id.text}${author.accountIdSource ? ` (from ${author.accountIdSource})` : ''}`;
  const flags = [...new Set([...handle.flags, ...name.flags, ...id.flags])];
  return flags.length ? `${text} [${nameWarning(flags)}]` : text;
}

/** "look-alike letters shown as codes" etc., for the reports. */
export function nameWarning(flags: readonly NameFlag[]): string {
  return `warning: ${flagNote(flags)}, shown as U+ codes`;
}

/** A handle list entry ("@alice") made safe to show. */
export function describeHandle(handle: string, options: { ascii?: boolean } = {}): string {
  const shown = showHandle(handle, options);
  return shown.flags.length ? `${shown.text} [${nameWarning(shown.flags)}]` : shown.text;
}

/** A display name or free text label made safe to show. */
export function describeName(name: string, options: { ascii?: boolean } = {}): string {
  const shown = showName(name, options);
  return shown.flags.length ? `${shown.text} [${nameWarning(shown.flags)}]` : shown.text;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** First `max` characters of a text on one line, for tables. */
export function excerpt(text: string | undefined, max = 120): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** Media types a report may show inline, mapped to the type written into a data: URI. */
export function inlineImageType(mediaType: string): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | undefined {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/gif' || type === 'image/webp' ? type : undefined;
}
