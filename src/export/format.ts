/**
 * The export bundle's format: names, version, the manifest's shape and the export scope.
 * Documented for outsiders in docs/export-format.md and docs/export-format.schema.json.
 * Pure types and constants.
 */
import type { EvidenceRecord, Platform } from '../model/evidence';

export const BUNDLE_FORMAT = 'holdfast-evidence-bundle' as const;
export const BUNDLE_FORMAT_VERSION = 1 as const;

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
} as const;

/** Files other than artifacts that every bundle has (SHA256SUMS lists all of them but itself). */
export const TOP_LEVEL_FILES: readonly string[] = Object.values(FILES);

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
  /** One person, who may have several accounts on several platforms. */
  | { type: 'person'; label?: string; accounts: PersonAccount[] }
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

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** Random id of this export; the custody log's 'exported' entry names it. */
  exportId: string;
  tool: { name: 'Holdfast'; version: string };
  /** UTC, ISO-8601 with milliseconds. */
  exportedAt: string;
  /** The name the person typed in the export dialog, if any. */
  exportedBy?: string;
  encrypted: boolean;
  scope: ExportScope;
  counts: { records: number; deleted: number; artifacts: number; artifactBytes: number };
  /** Records in the scope, ascending by seq. */
  records: ManifestRecord[];
  /**
   * The vault's whole record chain (all records, also those outside the scope), ascending by seq. Records
   * outside a scoped export's scope appear only as ids and hashes (`deleted` only for records in scope).
   */
  chain: { genesis: string; records: ChainEntry[]; head: { seq: number; hash: string } };
  custody: { file: string; events: number; head: { seq: number; hash: string } };
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
      return `${scope.label ? `${scope.label}: ` : ''}captures by ${accounts || 'nobody'}`;
    }
    default:
      return 'Unknown scope';
  }
}
