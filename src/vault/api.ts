/**
 * The vault's public contract. Callers (background, pages, export) depend on this, never on IndexedDB.
 * No DOM, no extension API: runs in a service worker, an extension page, or Node (tests, with fake-indexeddb).
 */
import type { ArtifactRef, ArtifactRole, EvidenceRecord } from '../model/evidence';

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

export interface StoredArtifact {
  ref: ArtifactRef;
  recordId: string;
  bytes: Uint8Array;
}

export type CustodyAction = 'captured' | 'viewed' | 'exported' | 'deleted' | 'imported' | 'verified';

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
  | 'custody-break';

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

export class VaultError extends Error {
  constructor(
    readonly code: 'quota' | 'conflict' | 'not-found' | 'invalid' | 'closed' | 'unknown',
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

export interface Vault {
  /** Hashes artifacts, links the record into the chain, writes record + artifacts + custody event in ONE transaction. */
  addRecord(record: NewRecord, artifacts: NewArtifact[]): Promise<EvidenceRecord>;
  get(id: string): Promise<EvidenceRecord | undefined>;
  list(options?: ListOptions): Promise<EvidenceRecord[]>;
  count(): Promise<number>;
  getArtifact(artifactId: string): Promise<StoredArtifact | undefined>;
  /** Person-initiated delete: drops content and artifacts, keeps a tombstone whose chain link still verifies. */
  deleteRecord(id: string, reason?: string): Promise<void>;
  /** Appends a custody event (viewed, exported...). */
  logCustody(action: CustodyAction, recordId?: string, detail?: string): Promise<CustodyEvent>;
  custodyLog(): Promise<CustodyEvent[]>;
  /** Recomputes every hash: records, chain, artifacts, custody log. */
  verify(): Promise<VerifyReport>;
  close(): void;
}
