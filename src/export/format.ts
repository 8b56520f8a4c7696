/**
 * The export bundle's format: names, version, the manifest's shape and the export scope.
 * Documented for outsiders in docs/export-format.md and docs/export-format.schema.json.
 * Pure types and constants.
 */
import type { EvidenceRecord, Platform } from '../model/evidence';
import type { ReportEntry } from '../model/report';
import { authorKeysOf } from '../vault/author-key';

export const BUNDLE_FORMAT = 'holdfast-evidence-bundle' as const;
/**
 * 4: signed (issue #15): SIGNATURE.json, the vault key's signature over a statement naming the manifest, the chain head,
 * the custody head and every other file's SHA-256 (src/export/signing.ts); `signing` in the manifest names the key.
 * 3: reports to the platforms (issue #14): reports.json and reports.csv (listed with their hashes in `case`).
 * 2: the case file (issue #13): journal.csv, people.json, notes.json (listed with their hashes in `case`), journal
 * entries and added files as records, the 'person' scope by the vault's people, the report's language.
 * 1: captures only. The verifier and import read all three.
 */
export const BUNDLE_FORMAT_VERSION = 4 as const;
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2, 3, 4];
/** The first format whose bundles carry SIGNATURE.json: an older one verifies as unsigned, never as signed. */
export const SIGNED_FORMAT_VERSION = 4;

/** Fixed file names at the top of the bundle. */
export const FILES = {
  manifest: 'manifest.json',
  sums: 'SHA256SUMS',
  custody: 'custody-log.jsonl',
  reportHtml: 'report.html',
  reportPdf: 'report.pdf',
  csv: 'incidents.csv',
  verify: 'VERIFY.txt',
  certification: 'CERTIFICATION-TEMPLATE.txt',
  journal: 'journal.csv',
  people: 'people.json',
  notes: 'notes.json',
  reports: 'reports.json',
  reportsCsv: 'reports.csv',
  signature: 'SIGNATURE.json',
} as const;

/** Files other than artifacts that a bundle of the current format has (SHA256SUMS lists all of them but itself). */
export const TOP_LEVEL_FILES: readonly string[] = Object.values(FILES);

/** Languages of the human-readable files (report.html, report.pdf, VERIFY.txt, the certification template). */
export const REPORT_LANGUAGES = ['en', 'es'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** One account of a person: any of the fields that the record's author (or a DM participant) must match. */
export interface PersonAccount {
  /** Limit to one platform; absent = the handle/id on any platform. */
  platform?: Platform;
  /** Handle without "@", compared case-insensitively. */
  handle?: string;
  /** Platform account id, compared exactly. */
  accountId?: string;
}

export type ExportScope =
  | { type: 'all' }
  /**
   * One person. Format 2, from the vault's People: `personId`, and `keys` = every author key of their account
   * identifiers (src/vault/author-key.ts): captures sharing a key, journal entries naming the person, and the files
   * added to those entries. Format 1 (still read, still offered): `accounts` typed or picked one by one.
   */
  | { type: 'person'; personId?: string; label?: string; keys?: string[]; accounts: PersonAccount[] }
  /** Captures whose capturedAt is >= from (if given) and < to (if given); ISO-8601 UTC. */
  | { type: 'dateRange'; from?: string; to?: string }
  | { type: 'records'; ids: string[] };

export interface ManifestArtifact {
  id: string;
  role: string;
  mediaType: string;
  /** Path inside the bundle, e.g. "artifacts/2026-11-20_x_alice_post_0007/screenshot.png". */
  path: string;
  sha256: string;
  size: number;
}

export interface ManifestRecord {
  /** The complete record exactly as the vault holds it (its hash covers all of it). */
  record: EvidenceRecord;
  /** Folder of its artifacts inside the bundle (absent for deleted records). */
  folder?: string;
  artifacts: ManifestArtifact[];
}

/** One trusted-time token in a bundle: the head it covers and what the authority said (checked again by the verifier). */
export interface ManifestTimestamp {
  file: string;
  seq: number;
  hash: string;
  genTime: string;
  tsaName: string;
  url: string;
}

/** Where a head's token goes in a bundle. */
export function timestampPath(seq: number): string {
  return `trusted-time/head-${String(seq).padStart(6, '0')}.tsr`;
}

export interface ChainEntry {
  seq: number;
  id: string;
  prevHash: string;
  recordHash: string;
  deleted?: true;
}

/**
 * A custody-log line outside a scoped export's scope: only its place in the log's hash chain. The full
 * entry hashed to `hash`; a reader checks the links (each entry's prevHash is the hash before it).
 */
export interface WithheldCustodyEntry {
  seq: number;
  withheld: true;
  prevHash: string;
  hash: string;
}

/** A report to a platform as reports.json holds it (format 3; src/export/platform-reports.ts writes it). */
export interface ExportedReport extends ReportEntry {
  /** The chain positions of `recordIds` (same order). */
  recordSeqs: number[];
  /** The name of the person `personId` names, as the vault had it at export time. */
  personName?: string;
  /** How many records the entry named that are not in this (scoped) bundle; they are left out of `recordIds`. */
  recordsOutside?: number;
}

export interface ReportsFile {
  format: 'holdfast-reports';
  formatVersion: 1;
  reports: ExportedReport[];
}

/** One of the case files (journal.csv, people.json, notes.json) with its hash, in the manifest (format 2). */
export interface CaseFileRef {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  /** 4 when written now (signed); 3 before issue #15; 2 before issue #14 (no reports); 1 in older bundles (no `case`, `language`, case counts). */
  formatVersion: 1 | 2 | 3 | 4;
  /** Random id of this export; the custody log's 'exported' entry names it. */
  exportId: string;
  tool: { name: 'Holdfast'; version: string };
  /** UTC, ISO-8601 with milliseconds. */
  exportedAt: string;
  /** The name the person typed in the export dialog, if any. */
  exportedBy?: string;
  encrypted: boolean;
  scope: ExportScope;
  counts: {
    records: number;
    deleted: number;
    artifacts: number;
    artifactBytes: number;
    /** Format 2: journal entries (distinct entry ids), their versions (records), added files, people, notes. */
    journalEntries?: number;
    journalVersions?: number;
    addedFiles?: number;
    people?: number;
    notes?: number;
    /** Format 3: reports to the platforms (reports.json). */
    reports?: number;
  };
  /** Format 2: the language of report.html, report.pdf, VERIFY.txt and the certification template. */
  language?: ReportLanguage;
  /** Format 2: the case files, written before this manifest, with their hashes (format 3 adds the reports). */
  case?: { journal: CaseFileRef; people: CaseFileRef; notes: CaseFileRef; reports?: CaseFileRef; reportsCsv?: CaseFileRef };
  /** Records in the scope, ascending by seq. */
  records: ManifestRecord[];
  /**
   * The vault's whole record chain (all records, also those outside the scope), ascending by seq. Records
   * outside a scoped export's scope appear only as ids and hashes (`deleted` only for records in scope).
   */
  chain: { genesis: string; records: ChainEntry[]; head: { seq: number; hash: string } };
  custody: { file: string; events: number; head: { seq: number; hash: string } };
  /** Format 4: the vault key that signs SIGNATURE.json (SPKI base64 and its fingerprint, src/model/signature.ts). */
  signing?: { file: 'SIGNATURE.json'; algorithm: 'ECDSA-P256-SHA256'; publicKey: string; fingerprint: string };
  /**
   * Trusted time (issue #15, opt-in; format 4): RFC 3161 tokens of chain heads, each a .tsr file (the TimeStampResp as the
   * authority sent it) listed in `files`, in SHA256SUMS and under the signature. A token for head #n covers records 1…n.
   */
  trustedTime?: { tokens: ManifestTimestamp[] };
  /** The other files of the bundle (reports, CSV, instructions), besides artifacts, this manifest and SHA256SUMS. */
  files: string[];
  /** Plain-language notes about this export (e.g. a file missing from the vault, an image not embedded). */
  warnings: string[];
}

/** Whether a record falls inside the scope. Deleted records (tombstones) carry no author, so a person scope skips them. */
export function inScope(record: EvidenceRecord, scope: ExportScope): boolean {
  switch (scope.type) {
    case 'all':
      return true;
    case 'records':
      return scope.ids.includes(record.id);
    case 'dateRange': {
      const at = Date.parse(record.capturedAt);
      if (Number.isNaN(at)) return false;
      if (scope.from !== undefined && at < Date.parse(scope.from)) return false;
      if (scope.to !== undefined && at >= Date.parse(scope.to)) return false;
      return true;
    }
    case 'person': {
      if (record.deleted) return false;
      if (scope.personId !== undefined && record.journal?.personId === scope.personId) return true;
      if (scope.keys?.length) {
        const keys = authorKeysOf(record);
        if (keys.some((k) => scope.keys!.includes(k))) return true;
      }
      const people = [record.author, record.content?.author, ...(record.content?.participants ?? [])].filter(
        (p): p is NonNullable<typeof p> => p !== undefined,
      );
      return scope.accounts.some((account) => people.some((p) => matchesAccount(record.platform, p, account)));
    }
    default:
      return false;
  }
}

function normHandle(handle: string | undefined): string {
  return (handle ?? '').trim().replace(/^@/, '').toLowerCase();
}

function matchesAccount(
  platform: Platform,
  person: { handle?: string; accountId?: string },
  account: PersonAccount,
): boolean {
  if (account.platform !== undefined && account.platform !== platform) return false;
  const id = account.accountId?.trim();
  if (id && person.accountId?.trim() === id) return true;
  const handle = normHandle(account.handle);
  return handle !== '' && normHandle(person.handle) === handle;
}

/**
 * The records a scope takes, in chain order (`all` sorted by seq). Besides the records `inScope` picks, a journal
 * entry comes with every version of it (each version's `supersedes` must be in the bundle) and with the files
 * added to it; a person's scope also takes files added to their entries.
 */
export function selectRecords(all: readonly EvidenceRecord[], scope: ExportScope): EvidenceRecord[] {
  if (scope.type === 'all') return [...all];
  const picked = new Set<string>();
  const entries = new Set<string>();
  for (const r of all) {
    if (!inScope(r, scope)) continue;
    picked.add(r.id);
    if (r.journal) entries.add(r.journal.entryId);
  }
  if (entries.size) {
    for (const r of all) {
      if (r.journal && entries.has(r.journal.entryId)) picked.add(r.id);
      else if (r.addedFile?.entryId && entries.has(r.addedFile.entryId)) picked.add(r.id);
    }
    // A deleted earlier version is a tombstone without its journal fields: follow `supersedes` back to it.
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const r of all) {
      let prev = r.journal && picked.has(r.id) ? r.journal.supersedes : undefined;
      const seen = new Set<string>();
      while (prev && !seen.has(prev)) {
        seen.add(prev);
        const older = byId.get(prev);
        if (!older) break;
        picked.add(older.id);
        prev = older.journal?.supersedes;
      }
    }
  }
  return all.filter((r) => picked.has(r.id));
}

/** Words for a scope, in a report language (report-texts.ts implements them). */
export interface ScopeWords {
  scopeAll: string;
  scopeRecords(n: number): string;
  scopeDates(from: string | undefined, to: string | undefined): string;
  scopePerson(name: string, keys: number): string;
  scopeAccounts(label: string | undefined, accounts: string): string;
}

/** A short plain description of a scope for reports, in the report's words (English: describeScope). */
export function describeScopeIn(words: ScopeWords, scope: ExportScope): string {
  switch (scope.type) {
    case 'all':
      return words.scopeAll;
    case 'records':
      return words.scopeRecords(scope.ids.length);
    case 'dateRange':
      return words.scopeDates(scope.from, scope.to);
    case 'person': {
      if (scope.personId !== undefined) return words.scopePerson(scope.label ?? scope.personId, scope.keys?.length ?? 0);
      const accounts = scope.accounts
        .map((a) => [a.platform, a.handle && `@${normHandle(a.handle)}`, a.accountId && `id ${a.accountId}`].filter(Boolean).join(' '))
        .join('; ');
      return words.scopeAccounts(scope.label, accounts);
    }
    default:
      return '?';
  }
}

/** A short plain description of a scope for reports and file names. */
export function describeScope(scope: ExportScope): string {
  switch (scope.type) {
    case 'all':
      return 'Everything in the vault';
    case 'records':
      return `${scope.ids.length} selected record${scope.ids.length === 1 ? '' : 's'}`;
    case 'dateRange':
      return `Captures from ${scope.from ?? 'the first'} to ${scope.to ? `before ${scope.to}` : 'the last'} (UTC)`;
    case 'person': {
      const accounts = scope.accounts
        .map((a) => [a.platform, a.handle && `@${normHandle(a.handle)}`, a.accountId && `id ${a.accountId}`].filter(Boolean).join(' '))
        .join('; ');
      if (scope.personId !== undefined) return `${scope.label ?? 'One person'}: ${scope.keys?.length ?? 0} account key(s), journal entries naming them, files added to those entries`;
      return `${scope.label ? `${scope.label}: ` : ''}captures by ${accounts || 'nobody'}`;
    }
    default:
      return 'Unknown scope';
  }
}
