/**
 * The case file around the evidence (issue #13): people, the incident journal, files the person adds, and notes.
 * Pure types and helpers; no DOM, no extension API.
 *
 * What is evidence and what is not:
 * - A journal entry and a file the person adds are EvidenceRecords (kinds 'journal-entry' and 'added-file', platform
 *   'added'): hashed, chained, custody-logged, exported and verified like captures. Editing a journal entry adds a
 *   new record (next version, `supersedes` the previous one); every version stays in the chain.
 * - People, the accounts and identifiers grouped under them, and notes on records are the person's own working
 *   context: stored beside the records (never inside them, never in a record hash), every change custody-logged,
 *   exported as their own files. Changing them never alters evidence.
 */
import type { EvidenceRecord, ItemKind, Platform } from './evidence';
import type { AddedFileInfo, JournalInfo } from './journal';

export * from './journal';

/** The pseudo-platform of what the person adds themselves (journal entries, files). */
export const ADDED_PLATFORM = 'added' as const;
export const CASE_KINDS = ['journal-entry', 'added-file'] as const satisfies readonly ItemKind[];
export const isCaseKind = (kind: ItemKind): boolean => (CASE_KINDS as readonly string[]).includes(kind);

/** An account on a platform, as records identify it: its author keys (src/vault/author-key.ts). */
export interface AccountRef {
  platform: Platform;
  handle?: string;
  accountId?: string;
  displayName?: string;
  /** Every author key of this account ("x:id:123", "x:@name"); a record belongs to it when they share one. */
  keys: string[];
}

export type IdentifierType = 'account' | 'phone' | 'email' | 'username' | 'other';

/** One way a person shows up: an account on a platform, or a number, address or username off the platforms. */
export interface Identifier {
  id: string;
  type: IdentifierType;
  /** 'account': the account; otherwise the value as typed (phone, e-mail, "username on <site>"). */
  account?: AccountRef;
  value?: string;
  /** Where (e.g. "WhatsApp", "Telegram") for usernames and other identifiers. */
  where?: string;
  label?: string;
  addedAt: string;
}

/** Someone the person names ("my ex", "unknown 1"): the accounts and identifiers behind one abuser. */
export interface Person {
  id: string;
  name: string;
  notes?: string;
  identifiers: Identifier[];
  createdAt: string;
  updatedAt: string;
}

/** A note on a record: context from the person, never part of the evidence. Append-only; the newest shows first. */
export interface RecordNote {
  id: string;
  recordId: string;
  text: string;
  at: string;
}

/** A proposal to group accounts under one person, with the reason shown; the person decides. */
export interface PersonSuggestion {
  accounts: AccountRef[];
  /** The person the accounts would join, when one of them already belongs to someone. */
  personId?: string;
  reason: 'same-display-name' | 'linked-profile' | 'same-thread';
  /** Plain words for the reason, e.g. the shared display name. */
  detail: string;
}

/**
 * A compact row per record for lists, search, filters and the pattern at 10,000+ records: what the vault page
 * needs without opening each record.
 */
export interface CaseSummary {
  id: string;
  seq: number;
  kind: ItemKind;
  platform: Platform;
  capturedAt: string;
  capturedAtOffset: string;
  itemTime?: string;
  /** Author keys of the record (accounts it is about). */
  authorKeys: string[];
  handle?: string;
  displayName?: string;
  /** The first 280 characters of what was said (journal: what happened; file: its name). */
  snippet?: string;
  /** Permalink or page URL. */
  url?: string;
  /** The screenshot artifact's id, for a thumbnail. */
  screenshot?: string;
  deleted?: boolean;
  journal?: Pick<JournalInfo, 'entryId' | 'version' | 'when' | 'kind' | 'personId'> & { superseded?: boolean };
  addedFile?: Pick<AddedFileInfo, 'name' | 'size' | 'type' | 'entryId'>;
  /**
   * The accounts the record is about, each with its own author keys (the author first, then a DM's participants;
   * `self` on an account that sent a message of the thread: the person capturing). Filled by the vault.
   */
  accounts?: SummaryAccount[];
  /** A reply's or comment's parent permalink (accounts replying in one thread). */
  thread?: string;
  /** A profile's links and URL-like fields, normalised (see normalizeProfileUrl): profiles it points to. */
  profileLinks?: string[];
}

/** An account as a summary names it. */
export interface SummaryAccount extends AccountRef {
  profileUrl?: string;
  /** The person capturing (sent a message in the thread). */
  self?: true;
}

/**
 * A profile URL reduced for comparison: lower-case host without "www."/"m.", path without a trailing slash, lower-case,
 * no query or fragment. Undefined when it is not an http(s) URL.
 */
export function normalizeProfileUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const host = u.hostname
    .toLowerCase()
    .replace(/^(www|m|mobile)\./, '')
    .replace(/^twitter\.com$/, 'x.com');
  const path = u.pathname.replace(/\/+$/, '').toLowerCase();
  if (!path) return undefined;
  return `${host}${path}`;
}

/** The summary of a record (the vault keeps these beside records; tests and imports build them here). */
export function summarize(record: EvidenceRecord): CaseSummary {
  const text = record.journal ? record.text : record.addedFile ? record.addedFile.name : (record.text ?? record.content?.text);
  const shot = record.artifacts.find((a) => a.role === 'screenshot');
  const s: CaseSummary = {
    id: record.id,
    seq: record.seq,
    kind: record.kind,
    platform: record.platform,
    capturedAt: record.capturedAt,
    capturedAtOffset: record.capturedAtOffset,
    authorKeys: [],
  };
  if (record.itemTime) s.itemTime = record.itemTime;
  if (record.author?.handle) s.handle = record.author.handle;
  if (record.author?.displayName) s.displayName = record.author.displayName;
  if (text) s.snippet = text.length > 280 ? `${text.slice(0, 279)}…` : text;
  const url = record.permalink ?? record.pageUrl;
  if (url) s.url = url;
  if (shot) s.screenshot = shot.id;
  if (record.deleted) s.deleted = true;
  if (record.journal) {
    const j = record.journal;
    s.journal = { entryId: j.entryId, version: j.version, when: j.when, kind: j.kind };
    if (j.personId) s.journal.personId = j.personId;
  }
  if (record.addedFile) {
    const f = record.addedFile;
    s.addedFile = { name: f.name, size: f.size, type: f.type };
    if (f.entryId) s.addedFile.entryId = f.entryId;
  }
  return s;
}
