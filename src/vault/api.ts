/**
 * The vault's public contract. Callers (background, pages, export) depend on this, never on IndexedDB.
 * No DOM, no extension API: runs in a service worker, an extension page, or Node (tests, with fake-indexeddb).
 */

import type { SignedHead } from '../model/signature';
import type { StoredTimestamp } from '../model/timestamp-token';
import type { AccountRef, CaseSummary, Identifier, IncidentTime, JournalKind, Person, PersonSuggestion, RecordNote } from '../model/case';
import type { ArtifactRef, ArtifactRole, EvidenceRecord } from '../model/evidence';
import type { ReportEntry, ReportInput, ReportPatch } from '../model/report';

/** An artifact before it is stored: the vault hashes it. */
export interface NewArtifact {
  role: ArtifactRole;
  mediaType: string;
  filename: string;
  bytes: Uint8Array;
  note?: string;
}

/** A record before the vault assigns id, seq, chain and artifact refs. */
export type NewRecord = Omit<EvidenceRecord, 'id' | 'seq' | 'chain' | 'artifacts'> & { id?: string };

/**
 * An artifact whose bytes are already in the vault's staging area (file part `staged` of the session named in
 * addRecord's options): hashed when it was staged, moved into the record inside the record's own transaction,
 * never copied through the caller.
 */
export interface StagedArtifact {
  role: ArtifactRole;
  mediaType: string;
  filename: string;
  staged: number;
  note?: string;
}

/** A file part of a capture in progress, hashed by the vault when it was staged. */
export interface StagedFileRef {
  n: number;
  sha256: string;
  size: number;
  /** The caller's own description (plain JSON), e.g. a segment's pixel size. */
  info?: Record<string, unknown>;
}

/** A collected item of a capture in progress (e.g. one message). `sort` orders items when no other order is known. */
export interface StagedItem {
  key: string;
  sort: string;
  value: unknown;
}

/** A capture in progress in the staging area: its header, never its parts. */
export interface StagingSession {
  id: string;
  startedAt: string;
  /** Last time a part or the meta was written: a session nobody writes to any more was cut short. */
  updatedAt: string;
  /** The caller's description of the capture (plain JSON). */
  meta: unknown;
  files: StagedFileRef[];
  /** How many distinct items are staged. */
  items: number;
}

/** What one staging write adds; all of it lands in one transaction, or none of it. */
export interface StagingPart {
  /** Items whose key is already staged are skipped (the first one seen is kept). */
  items?: StagedItem[];
  file?: { n: number; bytes: Uint8Array; info?: Record<string, unknown> };
  /** Replaces the session's meta. */
  meta?: unknown;
}

export interface StoredArtifact {
  ref: ArtifactRef;
  recordId: string;
  bytes: Uint8Array;
}

/**
 * An artifact read a chunk at a time (large imported files are stored in chunks and never held whole). A chunked
 * artifact's stream checks every chunk and, at its end, size and SHA-256 against the ref: a chunk missing, moved or
 * changed errors it with VaultError 'tampered'. A single-row artifact comes as one chunk, as getArtifact gives it
 * (verify() checks those).
 */
export interface ArtifactReader {
  ref: ArtifactRef;
  recordId: string;
  /** Stored in chunks (large) rather than as one row. */
  chunked: boolean;
  /** A new stream of the bytes each time it is called. */
  stream(): ReadableStream<Uint8Array>;
}

/**
 * Every custody action, in the order they were introduced (the verifier of a bundle accepts exactly these).
 * 'journal-added'/'journal-edited' (record id = the new version), 'file-added', 'note-added' (record id = the
 * record noted), 'person-changed' (detail says what: created, renamed, account assigned, merged, split, deleted).
 */
export const CUSTODY_ACTIONS = [
  'captured',
  'viewed',
  'exported',
  'deleted',
  'imported',
  'verified',
  'journal-added',
  'journal-edited',
  'file-added',
  'note-added',
  'person-changed',
  // Issue #14: a report entry was added, changed or deleted (detail: what, and the entry's id only).
  'report-changed',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];
/** Custody actions that bring a record into the chain: its record (or tombstone) must stay, in a vault and a bundle. */
export const RECORD_ORIGIN_ACTIONS: readonly CustodyAction[] = ['captured', 'imported', 'journal-added', 'journal-edited', 'file-added'];

export interface CustodyEvent {
  seq: number;
  at: string;
  action: CustodyAction;
  recordId?: string;
  detail?: string;
  prevHash: string;
  hash: string;
}

export type VerifyProblemCode =
  | 'record-missing' // a seq number is absent (deleted outside the app)
  | 'record-extra' // a record outside the chain
  | 'record-hash' // record content does not match its recordHash (edited)
  | 'chain-break' // prevHash does not match the previous recordHash (reordered/removed)
  | 'head-mismatch' // the vault's head does not match the last record (tail removed)
  | 'artifact-missing'
  | 'artifact-hash' // stored bytes do not hash to the recorded sha256
  | 'artifact-size'
  | 'custody-break'
  | 'signature' // the signed chain head does not verify with the vault key, or names a head the chain no longer has
  | 'timestamp'; // a trusted-time token names a head the chain no longer has (records removed or rewritten), or does not hold

export interface VerifyProblem {
  code: VerifyProblemCode;
  seq?: number;
  recordId?: string;
  artifactId?: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  records: number;
  artifacts: number;
  deleted: number;
  problems: VerifyProblem[];
  headHash: string;
  checkedAt: string;
}

/**
 * 'locked': the vault is encrypted and this context holds no key (unlock first); 'wrong-secret': a passphrase,
 * recovery key or session key that does not open the vault (nothing was changed); 'tampered': sealed data that does
 * not open with the vault's key where it lies (changed or moved outside Holdfast).
 */
export type VaultErrorCode = 'quota' | 'conflict' | 'not-found' | 'invalid' | 'closed' | 'unknown' | 'locked' | 'wrong-secret' | 'tampered';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VaultError';
  }
}

export interface ListOptions {
  /** Newest first; at most this many. */
  limit?: number;
  /** Only records with seq lower than this (paging). */
  beforeSeq?: number;
  includeDeleted?: boolean;
}

/** Encryption at rest, as this context sees it. */
export interface LockState {
  /** The vault has a passphrase (also true while a conversion to or from plaintext is under way). */
  encrypted: boolean;
  /** Encrypted, and this context holds no key: reads throw VaultError 'locked'; captures are still saved. */
  locked: boolean;
  /** Records captured while locked, re-sealed and shown at the next unlock. */
  lockedCaptures: number;
  /** An in-place conversion that has not finished (resumeConversion finishes it). */
  converting?: { to: 'encrypted' | 'plain'; done: number; total: number };
}

export type UnlockSecret = { passphrase: string } | { recoveryKey: string } | { sessionKey: Uint8Array };
export type ConversionProgress = (p: { done: number; total: number }) => void;

/** A journal entry as the form gives it (the vault builds the record, version and links). */
export interface JournalInput {
  when: IncidentTime;
  kind: JournalKind;
  /** What happened (the record's text). */
  text: string;
  personId?: string;
  where?: string;
  effect?: string;
  witnesses?: string;
  reference?: string;
  /** Records this entry points to (captures, added files). */
  links?: string[];
}

/** A file the person adds: a browser File fits (name, type, size, lastModified, stream()). */
export interface AddedFileInput {
  name: string;
  type: string;
  size: number;
  /** Milliseconds since the epoch, as File.lastModified gives it. */
  lastModified?: number;
  stream(): ReadableStream<Uint8Array>;
  /**
   * The whole file at once, as a File gives it: used instead of the stream for files of more than a chunk up to
   * WHOLE_HASH_MAX (src/vault/hashing.ts): one native read and WebCrypto's digest over it, no copy piece by piece.
   */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** Who is adding (goes into the record's `tool`, like a capture). */
export interface ToolInfo {
  version: string;
  browser: string;
  userAgent: string;
}

/** The case file around the records (issue #13; types in src/model/case.ts). Every change is custody-logged. */
export interface CaseApi {
  /**
   * Compact rows for every record (deleted ones included, flagged), newest first: lists, search, filters, pattern.
   * `newest`: only those of the newest n records (a quick first screen while the whole list is read; journal
   * versions flagged superseded exactly, as a later version is always newer). `after`: only those of records with a
   * seq above it (what was added since a read; superseded flags among these only: the caller merges).
   */
  summaries(options?: { newest?: number; after?: number }): Promise<CaseSummary[]>;

  /** A journal entry as version 1: a record of kind 'journal-entry' (chained, custody 'journal-added'). */
  addJournalEntry(entry: JournalInput, tool: ToolInfo): Promise<EvidenceRecord>;
  /** A new version of an entry (the previous stays in the chain; custody 'journal-edited'). 'not-found' if no such entry. */
  editJournalEntry(entryId: string, entry: JournalInput, tool: ToolInfo): Promise<EvidenceRecord>;
  /** Every version of an entry, oldest first. */
  journalVersions(entryId: string): Promise<EvidenceRecord[]>;
  /**
   * A file the person adds, on its own or to a journal entry: hashed as it streams in (large files in chunks, never
   * held whole), stored as an 'added-file' record with the artifact role 'added'. A 0-byte file is refused
   * ('invalid'); quota errors leave nothing half-stored.
   */
  addFile(file: AddedFileInput, tool: ToolInfo, options?: { entryId?: string }): Promise<EvidenceRecord>;

  people(): Promise<Person[]>;
  /** Creates (no id) or updates a person's name and notes. */
  savePerson(person: { id?: string; name: string; notes?: string }): Promise<Person>;
  /** Adds a phone, e-mail, username or other identifier; an 'account' identifier moves that account from anyone else. */
  addIdentifier(personId: string, identifier: Omit<Identifier, 'id' | 'addedAt'>): Promise<Person>;
  removeIdentifier(personId: string, identifierId: string): Promise<Person>;
  /** Puts an account under a person (or under nobody with null), taking it from whoever had it. */
  assignAccount(personId: string | null, account: AccountRef): Promise<void>;
  /** Moves every identifier of `from` into `into` and removes `from`; journal entries naming `from` keep their record. */
  mergePeople(into: string, from: string): Promise<Person>;
  /** Removes a person (their accounts become unassigned); records and journal entries are untouched. */
  deletePerson(id: string): Promise<void>;
  /** Accounts that may be one person, with the reason; never applied by the vault. */
  suggestPeople(): Promise<PersonSuggestion[]>;

  /** Notes on a record, newest first (all records' notes when no id). */
  notes(recordId?: string): Promise<RecordNote[]>;
  addNote(recordId: string, text: string): Promise<RecordNote>;
  /**
   * Import: people and notes from a verified bundle (its records already imported with their ids). A person or note
   * whose id exists is left as it is; an account already under someone here stays there. Custody-logged.
   */
  restoreCase(data: { people: Person[]; notes: RecordNote[] }): Promise<{ people: number; notes: number }>;
}

/**
 * Reports to the platforms (issue #14; types in src/model/report.ts): context beside the records like people and
 * notes, sealed when the vault is encrypted, every change custody-logged by id only (custody action
 * 'report-changed', detail 'added'/'updated'/'deleted' and the entry's id). Plain text only; over-long text is refused with VaultError 'invalid'.
 */
export interface ReportApi {
  /** Every report entry, newest `reportedAt` first. */
  reports(): Promise<ReportEntry[]>;
  /** Adds an entry (status 'sent' unless given). Record ids that are not in the vault are refused ('not-found'). */
  addReport(input: ReportInput): Promise<ReportEntry>;
  /** Changes an entry; a new status is appended to its history. 'not-found' if there is no such entry. */
  updateReport(id: string, patch: ReportPatch): Promise<ReportEntry>;
  deleteReport(id: string): Promise<void>;
  /** Import: report entries of a verified bundle (ids that exist here are left as they are). Custody-logged. */
  restoreReports(reports: ReportEntry[]): Promise<{ reports: number }>;
}

export interface Vault extends CaseApi, ReportApi {
  lockState(): Promise<LockState>;
  /**
   * Opens the vault in this context. VaultError 'wrong-secret' for a wrong passphrase/recovery key/session key
   * (nothing is changed or deleted; repeated failures wait longer), 'invalid' for a mistyped recovery key or an
   * unencrypted vault. Re-seals what was captured while locked. Returns the raw data key for session storage.
   */
  unlock(secret: UnlockSecret): Promise<{ sessionKey: Uint8Array }>;
  /** Forgets every key in this context. */
  lock(): void;
  /**
   * Sets a passphrase and encrypts the existing vault in place, in batches; an interruption leaves every record
   * readable and resumeConversion finishes. The recovery key is shown once to the person.
   */
  enableEncryption(passphrase: string, onProgress?: ConversionProgress): Promise<{ recoveryKey: string; sessionKey: Uint8Array }>;
  /** Rewraps the data key (nothing is re-encrypted). */
  changePassphrase(current: { passphrase: string } | { recoveryKey: string }, next: string): Promise<void>;
  /** A new recovery key; the old one stops working. */
  newRecoveryKey(current: { passphrase: string }): Promise<{ recoveryKey: string }>;
  /** Decrypts the vault in place and removes the keys. */
  disableEncryption(current: { passphrase: string } | { recoveryKey: string }, onProgress?: ConversionProgress): Promise<void>;
  /** Finishes an interrupted conversion (needs the vault unlocked). Nothing to do → returns at once. */
  resumeConversion(onProgress?: ConversionProgress): Promise<void>;

  /**
   * Hashes artifacts, links the record into the chain, writes record + artifacts + custody event in ONE transaction.
   * With `staging`, staged artifacts are moved from that session and the session's staging is removed in the same
   * transaction (VaultError 'conflict' if the session is gone: it was already saved or discarded).
   */
  addRecord(record: NewRecord, artifacts: Array<NewArtifact | StagedArtifact>, options?: { staging?: string }): Promise<EvidenceRecord>;
  /**
   * Staging area for long captures: parts are written as they arrive and become a record only through addRecord
   * (all-or-nothing). Staged parts are not evidence: they are not chained, exported or verified.
   */
  stageBegin(session: string, meta: unknown): Promise<StagingSession>;
  /** Adds parts to an open session (VaultError 'not-found' if it is not open). File parts are hashed here. */
  stage(session: string, part: StagingPart): Promise<StagingSession>;
  stagingSession(session: string): Promise<StagingSession | undefined>;
  /** Every open session, oldest first. */
  stagingSessions(): Promise<StagingSession[]>;
  /** Staged items' values by key, in the order asked (undefined where not staged). */
  stagedItems(session: string, keys: readonly string[]): Promise<unknown[]>;
  /** Staged items in `sort` order (ties by arrival), a page at a time: pass the last `sort` seen as `after`. */
  stagedItemsSorted(session: string, options: { after?: string; limit: number }): Promise<StagedItem[]>;
  stagedFile(session: string, n: number): Promise<Uint8Array | undefined>;
  /** Removes a session and all its parts (nothing if it is not open). */
  discardStaging(session: string): Promise<void>;
  get(id: string): Promise<EvidenceRecord | undefined>;
  list(options?: ListOptions): Promise<EvidenceRecord[]>;
  count(): Promise<number>;
  /**
   * The artifact's bytes in one buffer. A large (chunked) one is put together here and checked against its hash
   * (VaultError 'tampered' if it does not match); prefer readArtifact for those.
   */
  getArtifact(artifactId: string): Promise<StoredArtifact | undefined>;
  /** The artifact as a stream, a chunk at a time: bounded memory however large it is. */
  readArtifact(artifactId: string): Promise<ArtifactReader | undefined>;
  /** Person-initiated delete: drops content and artifacts, keeps a tombstone whose chain link still verifies. */
  deleteRecord(id: string, reason?: string): Promise<void>;
  /** Appends a custody event (viewed, exported...). */
  logCustody(action: CustodyAction, recordId?: string, detail?: string): Promise<CustodyEvent>;
  custodyLog(): Promise<CustodyEvent[]>;
  /** Recomputes every hash: records, chain, artifacts, custody log. */
  verify(): Promise<VerifyReport>;

  /**
   * The vault's signing key (issue #15): its public key and fingerprint. Made at first use; undefined only while an
   * encrypted vault without one yet is locked.
   */
  signingIdentity(): Promise<SigningIdentity | undefined>;
  /** The last signed chain head (the current head is signed first if it is not yet and the vault can sign). */
  signedHead(): Promise<SignedHead | undefined>;
  /**
   * Signs an export's statement (`type` must be 'holdfast-export-statement') with the vault key. VaultError 'locked'
   * when the vault is encrypted and locked.
   */
  signExportStatement(statement: ExportStatementInput): Promise<{ signature: string; identity: SigningIdentity }>;
  /**
   * Signs a WACZ export's datapackage hash ("sha256:" + 64 hex digits, nothing else) with the vault key, as the WACZ
   * signing spec's anonymous signature (model/signature.ts signWaczDigest). VaultError 'invalid' for other text,
   * 'locked' when the vault is encrypted and locked.
   */
  signWaczDigest(hash: string): Promise<{ signature: string; identity: SigningIdentity }>;

  /** The chain head trusted time would stamp now (issue #15): the current record head, undefined while the vault is empty. */
  timestampTarget(): Promise<{ seq: number; hash: string } | undefined>;
  /**
   * Keeps an RFC 3161 reply for a chain head after checking it (status, imprint = the head's hash, the CMS signature, the
   * TSA certificate's validity and key usage, the nonce when given). VaultError 'invalid' with the plain problem when it
   * does not hold, or when the head is not (or no longer) a head of this chain.
   */
  addTimestamp(head: { seq: number; hash: string }, reply: Uint8Array, from: { url: string; nonce?: string }): Promise<StoredTimestamp>;
  /** Stored tokens, ascending by the head seq they cover; a record is covered by the first token whose seq is ≥ its own. */
  timestamps(): Promise<StoredTimestamp[]>;
  close(): void;
}

export interface SigningIdentity {
  algorithm: 'ECDSA-P256-SHA256';
  /** SPKI (DER), base64. */
  publicKey: string;
  /** First 16 bytes of SHA-256 over the SPKI, 8 groups of 4 hex digits (model/signature.ts). */
  fingerprint: string;
  createdAt: string;
  /** Earlier keys of this vault (replaced when encryption was turned on or off without the key at hand). */
  previous: Array<{ publicKey: string; fingerprint: string; until: string }>;
}

/** What the vault agrees to sign for an export: any JSON object of this type (src/export/signing.ts builds it). */
export interface ExportStatementInput {
  type: 'holdfast-export-statement';
  [key: string]: unknown;
}
