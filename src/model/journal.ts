/**
 * What a journal entry and an added file carry inside their records (issue #13). Plain types below evidence.ts;
 * the rest of the case file (people, notes, summaries) is in case.ts.
 */

/** Kinds of incident, after common stalking behaviours (the seeds' list). Values are stable (CSV, automation). */
export const JOURNAL_KINDS = [
  'call',
  'message',
  'threat',
  'monitoring',
  'following',
  'contact-others',
  'gifts',
  'damage',
  'personal-details',
  'impersonation',
  'image-abuse',
  'violence',
  'other',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/**
 * How well the person knows when it happened: 'exact' (date and time), 'about' (date and an approximate time),
 * 'date' (the day, no time), 'unknown' (neither).
 */
export type TimePrecision = 'exact' | 'about' | 'date' | 'unknown';

/** When an incident happened, as the person knew it. */
export interface IncidentTime {
  precision: TimePrecision;
  /** Wall-clock as the person entered it: "YYYY-MM-DDTHH:MM" ('exact', 'about') or "YYYY-MM-DD" ('date'). */
  local?: string;
  /** The device's UTC offset at that wall-clock time, "+HH:MM"/"-HH:MM" (absent for 'unknown'). */
  offset?: string;
  /** The same instant in UTC, ISO-8601 with "Z" ('exact', 'about' only). */
  utc?: string;
}

/** What a journal-entry record carries besides `text` (= what happened). */
export interface JournalInfo {
  /** Stable id of the entry across its versions. */
  entryId: string;
  /** 1 for the first version, +1 per edit. */
  version: number;
  /** Record id of the version this one replaces (absent for version 1). */
  supersedes?: string;
  when: IncidentTime;
  kind: JournalKind;
  /** The person it concerns (People), and their name when the entry was written (the record stays readable). */
  personId?: string;
  personName?: string;
  where?: string;
  /** How it affected the person. */
  effect?: string;
  witnesses?: string;
  /** Police or platform report reference. */
  reference?: string;
  /** Records this entry points to: captures and added files. */
  links: string[];
}

/** What an added-file record says about the file: added by the person, not captured from a site. */
export interface AddedFileInfo {
  /** The file's name as the browser gave it (shown through display markers; never used as a path). */
  name: string;
  size: number;
  /** The type the browser reported ('' when it did not know). */
  type: string;
  /** The file's own modification time, if the browser gave one (ISO-8601 UTC). */
  lastModified?: string;
  /** When it was added to the vault (ISO-8601 UTC); equals the record's capturedAt. */
  addedAt: string;
  /** The journal entry it was added to, if any. */
  entryId?: string;
}

