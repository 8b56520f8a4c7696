/**
 * The vault's storage layer: the ONLY file that touches IndexedDB through `idb`. It knows stores, indexes and
 * transactions, nothing about hashing or chains. Rows are stored as rows.ts makes them (plaintext, or sealed for
 * encryption at rest): reads open them with the caller's keys AFTER the read transaction, and writes receive rows
 * sealed BEFORE the write transaction (inside a write, only IndexedDB requests may be awaited).
 *
 * Stores (created by migrations/): records (key id), artifacts (key ref.id), meta (head, custodyHead,
 * schemaVersion), custody (key seq), staging (key [session, n]: parts of captures in progress), keys (keyring and
 * drop keys, migration 0004), chunks (key [aid, i]: the bytes of large artifacts, migration 0005), summaries (key
 * record id: one CaseSummary per record), people (key id) and notes (key id) (the case file, migration 0006), reports
 * (key id: report entries, migration 0007). See migrations/0001-initial.ts, 0003-staging.ts, 0004-keys.ts,
 * 0005-chunks.ts, 0006-case.ts and 0007-reports.ts.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, unwrap } from 'idb';
import type { CaseSummary, Person, RecordNote } from '../model/case';
import { type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import type { ReportEntry } from '../model/report';
import type { SignedHead } from '../model/signature';
import type { StoredTimestamp } from '../model/timestamp-token';
import { type CustodyEvent, type StagedItem, type StagingSession, VaultError } from './api';
import type { KdfParams, SealedDropKey } from './crypto';
import { MIGRATIONS, type Migration } from './migrations/index';
import {
  type ArtifactEntry,
  type ArtifactMetaRow,
  type ArtifactRow,
  type ChunkedArtifactRow,
  type ChunkRow,
  type CustodyRow,
  type FileRow,
  fileSize,
  type HeaderRow,
  headerVersion,
  type ItemRow,
  isSealed,
  type KeyLookup,
  type NoteRow,
  openArtifactEntry,
  openChunk,
  openCustody,
  openFile,
  openHeader,
  openItem,
  openNote,
  openPerson,
  openRecord,
  openReport,
  openSummary,
  type PersonRow,
  type RecordRow,
  type ReportRow,
  type StagingRow,
  type SummaryRow,
} from './rows';

/** The last link of a chain: its seq and hash (seq 0 and 64 zeros when empty). */
export interface Head {
  seq: number;
  hash: string;
}

export interface Heads {
  record: Head;
  custody: Head;
}

/** An in-place conversion in progress (see vault.ts, "Encryption at rest"). */
export interface Conversion {
  to: 'encrypted' | 'plain';
  /** Index into CONVERTED_STORES of the store being converted, and the last primary key done in it. */
  store: number;
  after?: IDBValidKey;
  done: number;
  total: number;
}

/** The keyring (keys store, id 'keyring'): present exactly when the vault is encrypted (or being converted). */
export interface Keyring {
  id: 'keyring';
  /** Bumped by every change of wrapping or mode: a write prepared with an older view aborts and is retried. */
  rev: number;
  /** Names this data key: a context holding another one (encryption was turned off and on) forgets it. */
  keyId: string;
  kdf: KdfParams;
  /** DK sealed with the passphrase's key (aad 'keyring:dk:passphrase'). */
  byPassphrase: Uint8Array;
  /** DK sealed with the recovery key's key (aad 'keyring:dk:recovery'). */
  byRecovery: Uint8Array;
  /** The vault's ECDH P-256 public key (raw): drop keys are sealed to it while locked. */
  publicKey: Uint8Array;
  /** Its private key (pkcs8), sealed with DK's seal key (aad 'keyring:ecdh-private'). */
  privateKey: Uint8Array;
  /** keyId sealed with the seal key (aad 'keyring:check'): tells a wrong session key from a right one. */
  check: Uint8Array;
  converting?: Conversion;
}

export type DropKeyRow = SealedDropKey;

/**
 * The vault's signing key (issue #15; meta key 'signingKey', no schema change: meta holds any value). ECDSA P-256.
 * A plain vault keeps the private key as a non-extractable CryptoKey (IndexedDB stores it as it is, it never leaves
 * WebCrypto); an encrypted one keeps only its pkcs8 sealed with the data key's seal key (aad 'signing:<keyId>'),
 * opened as a non-extractable key while unlocked. See vault.ts, "Signing".
 */
export interface SigningKeyRow {
  spki: Uint8Array;
  fingerprint: string;
  createdAt: string;
  privateKey?: CryptoKey;
  sealed?: Uint8Array;
  /** The keyring's keyId the key is sealed under. */
  keyId?: string;
  /** This vault's earlier keys, newest last: a key that could not be carried into a new mode was replaced. */
  previous?: Array<{ spki: Uint8Array; fingerprint: string; until: string; endorsement?: string }>;
}

/**
 * A page of opened summaries, sealed with the data key as one blob (keys store, id `summary-pack:<i>`): a cache so an
 * encrypted vault's 10,000 summaries open with a few decryptions instead of 10,000. Each entry names the sealed row it
 * came from (its key and nonce); a row that changed since is opened on its own. Removed with the keys at the end of a
 * conversion to plaintext; one sealed with another data key does not open and is ignored.
 */
export interface SummaryPackRow {
  id: string;
  s: Uint8Array;
}

/** What a write was prepared with: the keyring's rev and keyId (0 and none without a keyring), and the drop key used. */
export interface KeyView {
  rev: number;
  keyId?: string;
  drop?: string;
}

/** The stores whose rows are sealed, in the order a conversion goes through them. */
export const CONVERTED_STORES = ['records', 'artifacts', 'custody', 'staging', 'chunks', 'summaries', 'people', 'notes', 'reports'] as const;
export type ConvertedStore = (typeof CONVERTED_STORES)[number];

type StagingKey = [string, number | string];

interface VaultSchema extends DBSchema {
  records: {
    key: string;
    value: RecordRow;
    indexes: { seq: number; capturedAt: string; platform: string; deletedAt: string; authorKeys: string; k: string };
  };
  artifacts: { key: string; value: ArtifactRow | ChunkedArtifactRow | (ArtifactMetaRow & { b?: Uint8Array; bytes?: Uint8Array }); indexes: { recordId: string; k: string } };
  chunks: { key: [string, number]; value: ChunkRow; indexes: { k: string } };
  meta: { key: string; value: Head | number | SignedHead | SigningKeyRow | StoredTimestamp };
  custody: { key: number; value: CustodyRow; indexes: { recordId: string; k: string } };
  staging: { key: StagingKey; value: StagingRow; indexes: { startedAt: string; sort: [string, string]; k: string } };
  keys: { key: string; value: Keyring | DropKeyRow | SummaryPackRow };
  summaries: { key: string; value: SummaryRow; indexes: { seq: number; entryId: string; k: string } };
  people: { key: string; value: PersonRow; indexes: { k: string } };
  notes: { key: string; value: NoteRow; indexes: { recordId: string; k: string } };
  reports: { key: string; value: ReportRow; indexes: { k: string } };
}

const ALL_STORES = ['records', 'artifacts', 'meta', 'custody', 'staging', 'keys', 'chunks', 'summaries', 'people', 'notes', 'reports'] as const;
type WriteTransaction = IDBPTransaction<VaultSchema, (typeof ALL_STORES)[number][], 'readwrite'>;

const GENESIS: Head = { seq: 0, hash: GENESIS_HASH };

/**
 * Thrown inside a write when a chain head moved since the caller read it (another tab, worker or
 * connection appended first). The transaction is aborted, nothing is written; the caller recomputes
 * its hashes from the new head and tries again.
 */
export class StaleHeadError extends Error {
  constructor(message = 'The vault changed while this change was being prepared.') {
    super(message);
    this.name = 'StaleHeadError';
  }
}

/** Thrown inside a write prepared with an older view of the keyring (or a staging header that changed): retried like a stale head. */
export class StaleKeyringError extends StaleHeadError {
  constructor() {
    super('The vault’s keys or this capture changed while this change was being prepared.');
    this.name = 'StaleKeyringError';
  }
}

/** What a write may do. Inside `Storage.write`, await only these (IndexedDB) calls: any other await
 * (crypto, timers, fetch) lets the browser commit the transaction early. Rows come sealed (rows.ts). */
export interface WriteTx {
  /** Reads both heads and throws StaleHeadError unless they equal the expected ones (when given). */
  expectHeads(expected: { record?: Head; custody?: Head }): Promise<Heads>;
  /** Throws StaleKeyringError unless the keyring (and the drop key used, if any) is as it was when the write was prepared. */
  expectKeys(view: KeyView): Promise<void>;
  /** Whether a record row exists and is a tombstone, without opening it. */
  recordState(id: string): Promise<{ deleted: boolean } | undefined>;
  /** Adds a new record; fails with VaultError 'conflict' if its id or seq is taken. */
  addRecord(row: RecordRow): Promise<void>;
  /** Replaces an existing record (tombstoning). */
  replaceRecord(row: RecordRow): Promise<void>;
  addArtifact(row: ArtifactRow | ChunkedArtifactRow): Promise<void>;
  /** Deletes a record's artifacts, and the chunks of chunked ones. */
  deleteArtifactsOf(recordId: string): Promise<void>;
  /**
   * Links an artifact's chunks written before this transaction: VaultError 'unknown' unless all `chunks` of them are
   * still there (an orphan clean-up elsewhere took them), and removes its upload marker.
   */
  expectChunks(aid: string, chunks: number): Promise<void>;
  addCustody(row: CustodyRow): Promise<void>;
  setHeads(heads: Partial<Heads>): Promise<void>;
  /** Throws VaultError 'conflict' unless the staging session is open (not yet saved or discarded elsewhere). */
  expectStaging(session: string): Promise<void>;
  /**
   * Moves a staged file part into the artifacts store under `meta` (sealed with the part's own key: its bytes are
   * sealed as `artifact:<id>` from the start and move unchanged). StaleKeyringError if the part was re-sealed since.
   */
  moveStagedFile(session: string, n: number, meta: ArtifactMetaRow, size: number): Promise<void>;
  /** Deletes a staging session and all its parts. */
  deleteStaging(session: string): Promise<void>;
  /** The keyring as stored now (or undefined). */
  keyring(): Promise<Keyring | undefined>;
  putKeyring(keyring: Keyring): Promise<void>;
  /** Removes the keyring and every drop key (end of a conversion to plaintext). */
  clearKeys(): Promise<void>;
  putDropKey(entry: DropKeyRow): Promise<void>;
  deleteDropKey(id: string): Promise<void>;
  /** A row of a converted store, raw. */
  getRow(store: ConvertedStore, key: IDBValidKey): Promise<unknown>;
  putRow(store: ConvertedStore, row: unknown): Promise<void>;
  /** Rows of a store not yet in the wanted form: plaintext ones (to 'encrypted') or sealed ones (to 'plain'). */
  countUnconverted(store: ConvertedStore, to: 'encrypted' | 'plain'): Promise<number>;
  /** Rows sealed with this key. */
  countSealedWith(store: ConvertedStore, k: string): Promise<number>;
  /** Adds or replaces a record's summary (same transaction as the record). */
  putSummary(row: SummaryRow): Promise<void>;
  /**
   * Adds a summary filled late (a record sealed when migration 0006 ran) unless one exists by now or the record's
   * tombstone state changed since it was read; returns whether it was added.
   */
  addMissingSummary(row: SummaryRow, deleted: boolean): Promise<boolean>;
  putPerson(row: PersonRow): Promise<void>;
  deletePerson(id: string): Promise<void>;
  addNote(row: NoteRow): Promise<void>;
  putReport(row: ReportRow): Promise<void>;
  deleteReport(id: string): Promise<void>;
  /** The signing key row (meta 'signingKey'). */
  signing(): Promise<SigningKeyRow | undefined>;
  putSigning(row: SigningKeyRow): Promise<void>;
  /** The last signed chain head (meta 'headSig'). */
  headSignature(): Promise<SignedHead | undefined>;
  putHeadSignature(signed: SignedHead): Promise<void>;
  /** Replaces every summary pack with these. */
  replaceSummaryPacks(rows: SummaryPackRow[]): Promise<void>;
  /** Whether a person, note, record or report entry with this id exists. */
  has(store: 'people' | 'notes' | 'records' | 'reports', id: string): Promise<boolean>;
}

export interface Snapshot {
  heads: Heads;
  /** Every record, ascending by seq. */
  records: EvidenceRecord[];
  /** Every custody event, ascending by seq. */
  custody: CustodyEvent[];
  /** Sealed rows that did not open where they lie (VaultError 'tampered'): left out of `records` / `custody`. */
  unreadable: Array<{ store: 'records' | 'custody'; seq: number; id?: string; message: string }>;
}

/** A staged file part as storage receives it: already hashed and sealed by the vault. */
export interface StagingFileInput {
  ref: StagingSession['files'][number];
  row: FileRow;
}

/** What one staging write needs, prepared from the header it read (see Storage.stagingAdd). */
export interface StagingPrepared {
  header: HeaderRow;
  items: ItemRow[];
  file?: FileRow;
  session: StagingSession;
}

/** A raw row read for conversion, with a fingerprint to check it did not change before it is replaced. */
export interface ScannedRow {
  key: IDBValidKey;
  row: unknown;
  fingerprint: string;
}

export interface Storage {
  heads(): Promise<Heads>;
  /** The signing key row, if the vault has made one. */
  signing(): Promise<SigningKeyRow | undefined>;
  /** The last signed chain head, if any. */
  headSignature(): Promise<SignedHead | undefined>;
  /** RFC 3161 tokens (issue #15, trusted time), ascending by the head seq they cover (meta 'tsa:<seq>'). */
  timestamps(): Promise<StoredTimestamp[]>;
  /** Stores a token under the head it covers (its own transaction; replaces one for the same seq). */
  putTimestamp(row: StoredTimestamp): Promise<void>;
  keyring(): Promise<Keyring | undefined>;
  /** Whether a key entry (keyring or drop key) exists. */
  hasKey(id: string): Promise<boolean>;
  dropKeys(): Promise<DropKeyRow[]>;
  dropKey(id: string): Promise<DropKeyRow | undefined>;
  hasRecord(id: string): Promise<boolean>;
  getRecord(id: string, keys: KeyLookup): Promise<EvidenceRecord | undefined>;
  /** Newest first (seq descending), optionally only below `beforeSeq`, tombstones skipped unless asked. */
  listRecords(options: { beforeSeq?: number; limit?: number; includeDeleted?: boolean }, keys: KeyLookup): Promise<EvidenceRecord[]>;
  /** Live records (tombstones excluded). */
  countLive(): Promise<number>;
  /** Records carrying any of these author keys (plain or blind, see author-key.ts), ascending by seq, tombstones never. */
  recordsByAuthorKey(authorKeys: readonly string[], keys: KeyLookup): Promise<EvidenceRecord[]>;
  /** The artifact whole, or a chunked one's ref and chunk count (read its chunks with `chunk`). */
  getArtifact(id: string, keys: KeyLookup): Promise<ArtifactEntry | undefined>;
  /** Chunk `i` of artifact `aid`, opened as the last chunk or not (undefined if absent). */
  chunk(aid: string, i: number, last: boolean, keys: KeyLookup): Promise<Uint8Array | undefined>;
  /** Whether an artifact row or any chunk exists under this id. */
  artifactIdTaken(aid: string): Promise<boolean>;
  /**
   * Writes one chunk of an artifact being imported, in its own transaction, and marks the upload (`upload:<aid>` in
   * meta, the time `at`). StaleKeyringError if the keyring changed since `view`; VaultError 'conflict' if the chunk
   * exists or (chunk 0) the artifact id is taken.
   */
  putChunk(row: ChunkRow, view: KeyView, at: number): Promise<void>;
  /** Deletes an artifact's chunks and its upload marker (a failed or refused import). */
  discardChunks(aid: string): Promise<void>;
  /**
   * Deletes chunks no artifact row names whose upload marker is missing or older than `staleBefore` (imports cut
   * short), and stale markers without chunks. Returns how many artifacts' chunks were deleted.
   */
  cleanOrphanChunks(staleBefore: number): Promise<number>;
  custodyEvents(keys: KeyLookup): Promise<CustodyEvent[]>;
  /** Heads, records and custody log read in one transaction, so they are consistent with each other. */
  snapshot(keys: KeyLookup): Promise<Snapshot>;
  /** Starts a staging session with a prepared header row; VaultError 'conflict' if the session exists. */
  stagingBegin(header: HeaderRow, keys: KeyLookup, view: KeyView): Promise<StagingSession>;
  /**
   * Adds parts to an open session: reads the header and which item keys exist, lets `prepare` build (and seal) the
   * new rows outside any transaction, then writes them in ONE transaction if the header and keyring are unchanged,
   * else prepares again.
   */
  stagingAdd(
    session: string,
    itemKeys: readonly string[],
    keys: KeyLookup,
    view: KeyView,
    prepare: (current: { header: HeaderRow; body: StagingSession; existing: Set<string> }) => Promise<StagingPrepared>,
  ): Promise<StagingSession>;
  stagingSession(session: string, keys: KeyLookup): Promise<StagingSession | undefined>;
  stagingSessions(keys: KeyLookup): Promise<StagingSession[]>;
  stagedItems(session: string, itemKeys: readonly string[], keys: KeyLookup): Promise<unknown[]>;
  stagedItemsSorted(session: string, after: string | undefined, limit: number, keys: KeyLookup): Promise<StagedItem[]>;
  stagedFile(session: string, n: number, keys: KeyLookup): Promise<Uint8Array | undefined>;
  /** The key and artifact id of a staged file part, without opening it. */
  stagedFileInfo(session: string, n: number): Promise<{ k?: string; aid?: string; size: number } | undefined>;
  stagingDiscard(session: string): Promise<void>;
  /** Live records sealed with a drop key (captured while locked, not yet re-sealed). */
  countDropRecords(): Promise<number>;
  /** Up to `limit` rows of a store sealed with key `k`. */
  rowsSealedWith(store: ConvertedStore, k: string, limit: number): Promise<ScannedRow[]>;
  /**
   * Conversion: rows of `store` after primary key `after` that are not yet in the wanted form, until about `maxBytes`
   * of them or `maxRows`; `next` is the last key looked at (undefined when the store's end was reached).
   */
  scanUnconverted(store: ConvertedStore, to: 'encrypted' | 'plain', after: IDBValidKey | undefined, maxBytes: number, maxRows: number): Promise<{ rows: ScannedRow[]; next?: IDBValidKey }>;
  /** Rows of every converted store not yet in the wanted form. */
  countUnconverted(to: 'encrypted' | 'plain'): Promise<number>;
  /**
   * Every record's summary row, newest first (seq descending, not opened), the ids of records that have none yet
   * (sealed when migration 0006 ran), and the summary packs, read in one transaction.
   */
  summaryRows(): Promise<{ rows: SummaryRow[]; missing: string[]; packs: SummaryPackRow[] }>;
  /**
   * The summary rows of the newest `n` records by seq (newest first; fewer where a record has no summary row yet):
   * one range read, for the first screen of the records list while every summary is still being read.
   */
  newestSummaryRows(n: number): Promise<SummaryRow[]>;
  /** The summary rows of records with a seq above `seq` (newest first): what was added since a read. */
  summaryRowsAfter(seq: number): Promise<SummaryRow[]>;
  /** The summaries of a journal entry's versions (index entryId), in any order. */
  entrySummaries(entryId: string, keys: KeyLookup): Promise<CaseSummary[]>;
  people(keys: KeyLookup): Promise<Person[]>;
  /** Notes of one record, or all, in any order. */
  notes(recordId: string | undefined, keys: KeyLookup): Promise<RecordNote[]>;
  /** Every report entry (issue #14), in any order. */
  reports(keys: KeyLookup): Promise<ReportEntry[]>;
  /** One report entry, or undefined. */
  report(id: string, keys: KeyLookup): Promise<ReportEntry | undefined>;
  /** Which of these record ids exist (tombstones count). */
  existingRecords(ids: readonly string[]): Promise<Set<string>>;
  /** Runs `fn` in ONE readwrite transaction over all stores: everything it writes lands, or nothing. */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  close(): void;
}

/** Changes when a row is rewritten (a new nonce, a tombstone, a new header): a conversion skips rows that changed. */
export function fingerprint(row: unknown): string {
  return JSON.stringify(row, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      let head = '';
      for (const b of value.subarray(0, 16)) head += b.toString(16).padStart(2, '0');
      return `bytes:${value.byteLength}:${head}`;
    }
    return value;
  });
}

/** Roughly how much memory a row takes: its byte arrays plus a little. */
function rowBytes(row: unknown): number {
  let total = 256;
  const visit = (value: unknown, depth: number) => {
    if (value instanceof Uint8Array) total += value.byteLength;
    else if (typeof value === 'string') total += value.length * 2;
    else if (value && typeof value === 'object' && depth < 6) for (const v of Object.values(value)) visit(v, depth + 1);
  };
  visit(row, 0);
  return total;
}

export async function openStorage(name: string, migrations: readonly Migration[] = MIGRATIONS): Promise<Storage> {
  let migrationError: unknown;
  let closed = false;
  let closedReason = 'The vault is closed.';
  let db: IDBPDatabase<VaultSchema>;
  try {
    db = await openDB<VaultSchema>(name, migrations.length, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        const rawDb = unwrap(database);
        const rawTx = unwrap(transaction);
        // Chain the pending migrations; each may await IndexedDB requests (never anything else).
        let step: Promise<void> = Promise.resolve();
        for (const migration of migrations.filter((m) => m.version > oldVersion)) {
          step = step.then(async () => {
            await migration.upgrade(rawDb, rawTx);
            rawTx.objectStore('meta').put(migration.version, 'schemaVersion');
          });
        }
        step.catch((error: unknown) => {
          migrationError = error;
          try {
            rawTx.abort();
          } catch {
            // already finished
          }
        });
      },
      blocking() {
        // A newer version of the extension wants to upgrade the schema: step aside.
        closed = true;
        closedReason = 'The vault was upgraded by a newer version of Holdfast. Reload this page.';
        db.close();
      },
      terminated() {
        closed = true;
        closedReason = 'The browser closed the vault database unexpectedly. Reload this page.';
      },
    });
  } catch (error) {
    if (migrationError) {
      throw new VaultError('unknown', `The vault could not be updated to the new format: ${messageOf(migrationError)}`, {
        cause: migrationError,
      });
    }
    throw toVaultError(error, 'be opened');
  }

  function live(): IDBPDatabase<VaultSchema> {
    if (closed) throw new VaultError('closed', closedReason);
    return db;
  }

  /** Wraps a read so IndexedDB errors reach callers as VaultErrors. */
  async function read<T>(action: string, fn: (db: IDBPDatabase<VaultSchema>) => Promise<T>): Promise<T> {
    try {
      return await fn(live());
    } catch (error) {
      if (error instanceof StaleHeadError) throw error;
      throw toVaultError(error, action);
    }
  }

  async function readHeads(get: (key: string) => Promise<unknown>): Promise<Heads> {
    const [record, custody] = await Promise.all([get('head'), get('custodyHead')]);
    return { record: asHead(record), custody: asHead(custody) };
  }

  function writeTx(tx: WriteTransaction): WriteTx {
    const records = tx.objectStore('records');
    const artifacts = tx.objectStore('artifacts');
    const meta = tx.objectStore('meta');
    const custody = tx.objectStore('custody');
    const staging = tx.objectStore('staging');
    const keys = tx.objectStore('keys');
    const chunks = tx.objectStore('chunks');
    const summaries = tx.objectStore('summaries');
    const people = tx.objectStore('people');
    const notes = tx.objectStore('notes');
    const reports = tx.objectStore('reports');
    const store = (s: ConvertedStore) => tx.objectStore(s);
    return {
      async expectHeads(expected) {
        const heads = await readHeads((key) => meta.get(key));
        if (expected.record && !sameHead(expected.record, heads.record)) throw new StaleHeadError();
        if (expected.custody && !sameHead(expected.custody, heads.custody)) throw new StaleHeadError();
        return heads;
      },
      async expectKeys(view) {
        const [ring, drop] = await Promise.all([keys.get('keyring') as Promise<Keyring | undefined>, view.drop ? keys.count(view.drop) : Promise.resolve(1)]);
        if ((ring?.rev ?? 0) !== view.rev || ring?.keyId !== view.keyId || drop === 0) throw new StaleKeyringError();
      },
      async recordState(id) {
        const row = await records.get(id);
        return row && { deleted: !!row.deleted };
      },
      async addRecord(row) {
        await records.add(row);
      },
      async replaceRecord(row) {
        await records.put(row);
      },
      async addArtifact(row) {
        await artifacts.add(row);
      },
      async deleteArtifactsOf(recordId) {
        let cursor = await artifacts.index('recordId').openCursor(recordId);
        while (cursor) {
          const aid = cursor.primaryKey;
          await Promise.all([cursor.delete(), chunks.delete(chunkRange(aid)), meta.delete(uploadKey(aid))]);
          cursor = await cursor.continue();
        }
      },
      async expectChunks(aid, n) {
        const [count, marker] = await Promise.all([chunks.count(chunkRange(aid)), meta.count(uploadKey(aid))]);
        if (count !== n || marker === 0) {
          throw new VaultError('unknown', 'A large file of this record was removed from the vault while it was being imported (the import took too long or was stopped), so nothing was saved. Try again.');
        }
        await meta.delete(uploadKey(aid));
      },
      async addCustody(row) {
        await custody.add(row);
      },
      signing: async () => asSigning(await meta.get('signingKey')),
      async putSigning(row) {
        await meta.put(row, 'signingKey');
      },
      headSignature: async () => asSignedHead(await meta.get('headSig')),
      async putHeadSignature(signed) {
        await meta.put({ ...signed }, 'headSig');
      },
      async setHeads(heads) {
        if (heads.record) await meta.put({ ...heads.record }, 'head');
        if (heads.custody) await meta.put({ ...heads.custody }, 'custodyHead');
      },
      async expectStaging(session) {
        const header = await staging.get(headerKey(session));
        if (!isHeader(header)) {
          throw new VaultError('conflict', 'This capture is no longer in progress: it was already saved or discarded.');
        }
      },
      async moveStagedFile(session, n, artifact, size) {
        const row = (await staging.get([session, n])) as FileRow | undefined;
        if (!row || typeof row.n !== 'number' || row.n < 1 || !('bytes' in row || 'b' in row)) {
          throw new VaultError('invalid', `Part ${n} of this capture is missing from the staging area, so nothing was saved.`);
        }
        if (fileSize(row) !== size) {
          throw new VaultError('invalid', `Part ${n} of this capture changed size in the staging area, so nothing was saved.`);
        }
        if ((row.k ?? undefined) !== ((artifact as { k?: string }).k ?? undefined) || (row.aid !== undefined && row.aid !== artifact.ref.id)) {
          throw new StaleKeyringError();
        }
        if (isSealed(row)) await artifacts.add({ ...artifact, b: (row as { b: Uint8Array }).b } as ArtifactRow);
        else await artifacts.add({ ...artifact, bytes: (row as { bytes: Uint8Array }).bytes } as ArtifactRow);
      },
      async deleteStaging(session) {
        await staging.delete(sessionRange(session));
      },
      keyring: () => keys.get('keyring') as Promise<Keyring | undefined>,
      async putKeyring(keyring) {
        await keys.put(keyring);
      },
      async clearKeys() {
        await keys.clear();
      },
      async putDropKey(entry) {
        await keys.put(entry);
      },
      async deleteDropKey(id) {
        await keys.delete(id);
      },
      getRow: (s, key) => (store(s) as unknown as { get(k: IDBValidKey): Promise<unknown> }).get(key),
      async putRow(s, row) {
        await (store(s) as unknown as { put(v: unknown): Promise<unknown> }).put(row);
      },
      async countUnconverted(s, to) {
        const [all, sealed] = await Promise.all([store(s).count(), store(s).index('k').count()]);
        return to === 'encrypted' ? all - sealed : sealed;
      },
      countSealedWith: (s, k) => store(s).index('k').count(k),
      async putSummary(row) {
        await summaries.put(row);
      },
      async addMissingSummary(row, deleted) {
        const [existing, record] = await Promise.all([summaries.count(row.id), records.get(row.id)]);
        if (existing > 0 || !record || !!record.deleted !== deleted) return false;
        await summaries.add(row);
        return true;
      },
      async putPerson(row) {
        await people.put(row);
      },
      async deletePerson(id) {
        await people.delete(id);
      },
      async addNote(row) {
        await notes.add(row);
      },
      async putReport(row) {
        await reports.put(row);
      },
      async deleteReport(id) {
        await reports.delete(id);
      },
      async replaceSummaryPacks(rows) {
        await keys.delete(PACK_RANGE());
        for (const row of rows) await keys.put(row);
      },
      async has(s, id) {
        return (await (s === 'people' ? people.count(id) : s === 'notes' ? notes.count(id) : s === 'reports' ? reports.count(id) : records.count(id))) > 0;
      },
    };
  }

  const keyOf = (s: ConvertedStore, row: unknown): IDBValidKey => {
    const r = row as { id?: string; seq?: number; session?: string; n?: number | string; ref?: { id: string } };
    switch (s) {
      case 'records':
        return r.id as string;
      case 'artifacts':
        return r.ref?.id as string;
      case 'custody':
        return r.seq as number;
      case 'staging':
        return [r.session as string, r.n as number | string];
      case 'chunks':
        return [(row as ChunkRow).aid, (row as ChunkRow).i];
      case 'summaries':
      case 'people':
      case 'notes':
      case 'reports':
        return r.id as string;
    }
  };

  return {
    heads: () => read('be read', (d) => readHeads((key) => d.get('meta', key))),

    signing: () => read('be read', async (d) => asSigning(await d.get('meta', 'signingKey'))),

    headSignature: () => read('be read', async (d) => asSignedHead(await d.get('meta', 'headSig'))),

    timestamps: () =>
      read('be read', async (d) => {
        const rows = await d.getAll('meta', IDBKeyRange.bound(TIMESTAMP_PREFIX, `${TIMESTAMP_PREFIX}\uffff`));
        return rows.map(asTimestamp).filter((r): r is StoredTimestamp => !!r).sort((a, b) => a.seq - b.seq);
      }),

    putTimestamp: (row) =>
      read('save this', async (d) => {
        await d.put('meta', row, timestampKey(row.seq));
      }),

    keyring: () => read('be read', async (d) => (await d.get('keys', 'keyring')) as Keyring | undefined),

    hasKey: (id) => read('be read', async (d) => (await d.count('keys', id)) > 0),

    dropKeys: () =>
      read('be read', async (d) => (await d.getAll('keys', IDBKeyRange.bound('drop:', 'drop:\uffff'))) as DropKeyRow[]),

    dropKey: (id) => read('be read', async (d) => (id.startsWith('drop:') ? ((await d.get('keys', id)) as DropKeyRow | undefined) : undefined)),

    hasRecord: (id) => read('be read', async (d) => (await d.count('records', id)) > 0),

    getRecord: (id, keys) =>
      read('be read', async (d) => {
        const row = await d.get('records', id);
        return row && openRecord(row, keys);
      }),

    listRecords: ({ beforeSeq, limit, includeDeleted }, keys) =>
      read('be read', async (d) => {
        const rows: RecordRow[] = [];
        if (limit !== undefined && limit <= 0) return [];
        const range = beforeSeq === undefined ? undefined : IDBKeyRange.upperBound(beforeSeq, true);
        let cursor = await d.transaction('records').store.index('seq').openCursor(range, 'prev');
        while (cursor) {
          if (includeDeleted || !cursor.value.deleted) {
            rows.push(cursor.value);
            if (limit !== undefined && rows.length >= limit) break;
          }
          cursor = await cursor.continue();
        }
        // Opened after the read transaction: it would commit under a WebCrypto await.
        return Promise.all(rows.map((row) => openRecord(row, keys)));
      }),

    countLive: () =>
      read('be counted', async (d) => {
        const tx = d.transaction('records');
        const [all, deleted] = await Promise.all([tx.store.count(), tx.store.index('deletedAt').count()]);
        return all - deleted;
      }),

    recordsByAuthorKey: (authorKeys, keys) =>
      read('be read', async (d) => {
        const tx = d.transaction('records');
        const found = await Promise.all([...new Set(authorKeys)].map((key) => tx.store.index('authorKeys').getAll(key)));
        const byId = new Map<string, RecordRow>();
        for (const row of found.flat()) if (!row.deleted) byId.set(row.id, row);
        const records = await Promise.all([...byId.values()].map((row) => openRecord(row, keys)));
        return records.sort((a, b) => a.seq - b.seq);
      }),

    getArtifact: (id, keys) =>
      read('be read', async (d) => {
        const row = (await d.get('artifacts', id)) as ArtifactRow | ChunkedArtifactRow | undefined;
        return row && openArtifactEntry(row, keys);
      }),

    chunk: (aid, i, last, keys) =>
      read('be read', async (d) => {
        const row = await d.get('chunks', [aid, i]);
        return row && openChunk(row, aid, i, last, keys);
      }),

    artifactIdTaken: (aid) =>
      read('be read', async (d) => {
        const tx = d.transaction(['artifacts', 'chunks']);
        const [rows, parts] = await Promise.all([tx.objectStore('artifacts').count(aid), tx.objectStore('chunks').count(chunkRange(aid))]);
        return rows + parts > 0;
      }),

    putChunk: (row, view, at) =>
      read('save this', async (d) => {
        const tx = d.transaction(['chunks', 'meta', 'keys', 'artifacts'], 'readwrite');
        const done = tx.done.catch((error: unknown) => error);
        try {
          const ring = (await tx.objectStore('keys').get('keyring')) as Keyring | undefined;
          const drop = view.drop ? await tx.objectStore('keys').count(view.drop) : 1;
          if ((ring?.rev ?? 0) !== view.rev || ring?.keyId !== view.keyId || drop === 0) throw new StaleKeyringError();
          if (row.i === 0 && (await tx.objectStore('artifacts').count(row.aid)) > 0) {
            throw new VaultError('conflict', 'The vault already holds a file with this id, so nothing was saved.');
          }
          await Promise.all([tx.objectStore('chunks').add(row), tx.objectStore('meta').put(at, uploadKey(row.aid))]);
          await tx.done;
        } catch (error) {
          abortQuietly(tx);
          await done;
          if (error instanceof StaleHeadError) throw error;
          throw toVaultError(tx.error ?? error, 'save this', error);
        }
      }),

    discardChunks: (aid) =>
      read('save this', async (d) => {
        const tx = d.transaction(['chunks', 'meta'], 'readwrite');
        await Promise.all([tx.objectStore('chunks').delete(chunkRange(aid)), tx.objectStore('meta').delete(uploadKey(aid)), tx.done]);
      }),

    cleanOrphanChunks: (staleBefore) =>
      read('save this', async (d) => {
        const tx = d.transaction(['chunks', 'meta', 'artifacts'], 'readwrite');
        const chunkStore = tx.objectStore('chunks');
        const metaStore = tx.objectStore('meta');
        // Distinct artifact ids among the chunks' keys (no values read): jump past each id's range.
        const aids: string[] = [];
        let cursor = await chunkStore.openKeyCursor();
        while (cursor) {
          const aid = (cursor.key as [string, number])[0];
          aids.push(aid);
          cursor = await cursor.continue([aid, []] as unknown as [string, number]);
        }
        const markerRange = IDBKeyRange.bound('upload:', 'upload:\uffff');
        const [markerKeys, markerTimes] = await Promise.all([metaStore.getAllKeys(markerRange), metaStore.getAll(markerRange)]);
        const markers = new Map(markerKeys.map((key, i) => [String(key).slice('upload:'.length), markerTimes[i]]));
        const fresh = (aid: string) => {
          const at = markers.get(aid);
          return typeof at === 'number' && at >= staleBefore;
        };
        let cleaned = 0;
        for (const aid of aids) {
          if ((await tx.objectStore('artifacts').count(aid)) > 0 || fresh(aid)) continue;
          await Promise.all([chunkStore.delete(chunkRange(aid)), metaStore.delete(uploadKey(aid))]);
          cleaned += 1;
        }
        const withChunks = new Set(aids);
        for (const aid of markers.keys()) if (!withChunks.has(aid) && !fresh(aid)) await metaStore.delete(uploadKey(aid));
        await tx.done;
        return cleaned;
      }),

    custodyEvents: (keys) =>
      read('be read', async (d) => {
        const rows = await d.getAll('custody');
        return Promise.all(rows.map((row) => openCustody(row, keys)));
      }),

    snapshot: (keys) =>
      read('be read', async (d) => {
        const tx = d.transaction(['records', 'meta', 'custody']);
        const [heads, rows, custody] = await Promise.all([
          readHeads((key) => tx.objectStore('meta').get(key)),
          tx.objectStore('records').index('seq').getAll(),
          tx.objectStore('custody').getAll(),
        ]);
        const unreadable: Snapshot['unreadable'] = [];
        // A row that does not open is reported, not fatal: verification goes on with the rest.
        const tolerant = async <R, T>(row: R, open: (row: R) => Promise<T>, where: { store: 'records' | 'custody'; seq: number; id?: string }): Promise<T | undefined> => {
          try {
            return await open(row);
          } catch (error) {
            if (!(error instanceof VaultError) || error.code !== 'tampered') throw error;
            unreadable.push({ ...where, message: error.message });
            return undefined;
          }
        };
        const [records, events] = await Promise.all([
          Promise.all(rows.map((row) => tolerant(row, (r) => openRecord(r, keys), { store: 'records', seq: row.seq, id: row.id }))),
          Promise.all(custody.map((row) => tolerant(row, (r) => openCustody(r, keys), { store: 'custody', seq: row.seq }))),
        ]);
        return {
          heads,
          records: records.filter((r): r is EvidenceRecord => r !== undefined),
          custody: events.filter((e): e is CustodyEvent => e !== undefined),
          unreadable,
        };
      }),

    stagingBegin: (header, keys, view) =>
      read('save this', async (d) => {
        const body = await sessionOf(header, keys);
        const tx = d.transaction(['staging', 'keys'], 'readwrite');
        const done = tx.done.catch((error: unknown) => error);
        try {
          const ring = (await tx.objectStore('keys').get('keyring')) as Keyring | undefined;
          const drop = view.drop ? await tx.objectStore('keys').count(view.drop) : 1;
          if ((ring?.rev ?? 0) !== view.rev || ring?.keyId !== view.keyId || drop === 0) throw new StaleKeyringError();
          await tx.objectStore('staging').add(header);
          await tx.done;
          return body;
        } catch (error) {
          abortQuietly(tx);
          await done;
          if (error instanceof StaleHeadError) throw error;
          throw toVaultError(tx.error ?? error, 'save this', error);
        }
      }),

    async stagingAdd(session, itemKeys, keys, view, prepare) {
      const current = await read('be read', async (d) => {
        const store = d.transaction('staging').store;
        const [header, ...found] = await Promise.all([store.get(headerKey(session)), ...itemKeys.map((key) => store.getKey([session, itemN(key)]))]);
        return { header, existing: new Set(itemKeys.filter((_k, i) => found[i] !== undefined)) };
      });
      if (!isHeader(current.header)) throw new VaultError('not-found', 'This capture is no longer in progress.');
      const header = current.header;
      const prepared = await prepare({ header, body: await sessionOf(header, keys), existing: current.existing });
      return read('save this', async (d) => {
        const tx = d.transaction(['staging', 'keys'], 'readwrite');
        const done = tx.done.catch((error: unknown) => error);
        const store = tx.objectStore('staging');
        try {
          const ring = (await tx.objectStore('keys').get('keyring')) as Keyring | undefined;
          const drop = view.drop ? await tx.objectStore('keys').count(view.drop) : 1;
          if ((ring?.rev ?? 0) !== view.rev || ring?.keyId !== view.keyId || drop === 0) throw new StaleKeyringError();
          const [now, ...taken] = await Promise.all([store.get(headerKey(session)), ...prepared.items.map((row) => store.getKey([session, row.n]))]);
          if (!isHeader(now)) throw new VaultError('not-found', 'This capture is no longer in progress.');
          // Another write to this session landed first: the caller prepares again from the new header.
          if (headerVersion(now) !== headerVersion(header) || taken.some((t) => t !== undefined)) throw new StaleKeyringError();
          // Requests are queued without waiting for each other; IndexedDB runs them in order.
          const puts: Promise<unknown>[] = prepared.items.map((row) => store.put(row));
          if (prepared.file) puts.push(store.put(prepared.file));
          puts.push(store.put(prepared.header));
          await Promise.all(puts);
          await tx.done;
          return prepared.session;
        } catch (error) {
          abortQuietly(tx);
          await done;
          if (error instanceof StaleHeadError) throw error;
          throw toVaultError(tx.error ?? error, 'save this', error);
        }
      });
    },

    stagingSession: (session, keys) =>
      read('be read', async (d) => {
        const header = await d.get('staging', headerKey(session));
        return isHeader(header) ? sessionOf(header, keys) : undefined;
      }),

    stagingSessions: (keys) =>
      read('be read', async (d) => {
        const rows = await d.getAllFromIndex('staging', 'startedAt');
        return Promise.all(rows.filter(isHeader).map((row) => sessionOf(row, keys)));
      }),

    stagedItems: (session, itemKeys, keys) =>
      read('be read', async (d) => {
        const store = d.transaction('staging').store;
        const rows = await Promise.all(itemKeys.map((key) => store.get([session, itemN(key)])));
        return Promise.all(rows.map(async (row) => (row && typeof row.n === 'string' ? (await openItem(row as ItemRow, keys)).value : undefined)));
      }),

    stagedItemsSorted: (session, after, limit, keys) =>
      read('be read', async (d) => {
        const lower: [string, string] = [session, after ?? ''];
        const range = IDBKeyRange.bound(lower, [session, []], after !== undefined, true);
        const rows = await d.getAllFromIndex('staging', 'sort', range, limit);
        return Promise.all(rows.filter((row): row is ItemRow => typeof row.n === 'string').map((row) => openItem(row, keys)));
      }),

    stagedFile: (session, n, keys) =>
      read('be read', async (d) => {
        const row = await d.get('staging', [session, n]);
        return row && typeof row.n === 'number' && row.n >= 1 ? openFile(row as FileRow, keys) : undefined;
      }),

    stagedFileInfo: (session, n) =>
      read('be read', async (d) => {
        const row = (await d.get('staging', [session, n])) as FileRow | undefined;
        if (!row || typeof row.n !== 'number' || row.n < 1 || !('bytes' in row || 'b' in row)) return undefined;
        return { ...(row.k !== undefined && { k: row.k }), ...(row.aid !== undefined && { aid: row.aid }), size: fileSize(row) };
      }),

    stagingDiscard: (session) => read('save this', (d) => d.delete('staging', sessionRange(session))),

    countDropRecords: () => read('be counted', (d) => d.countFromIndex('records', 'k', IDBKeyRange.bound('drop:', 'drop:\uffff'))),

    rowsSealedWith: (s, k, limit) =>
      read('be read', async (d) => {
        const rows = (await d.getAllFromIndex(s, 'k', k, limit)) as unknown[];
        return rows.map((row) => ({ key: keyOf(s, row), row, fingerprint: fingerprint(row) }));
      }),

    scanUnconverted: (s, to, after, maxBytes, maxRows) =>
      read('be read', async (d) => {
        const store = d.transaction(s).store as unknown as { openCursor(range?: IDBKeyRange): Promise<{ key: IDBValidKey; value: unknown; continue(): Promise<unknown> } | null> };
        const rows: ScannedRow[] = [];
        let bytes = 0;
        let next: IDBValidKey | undefined;
        let cursor = await store.openCursor(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true));
        while (cursor) {
          next = cursor.key;
          const sealed = isSealed(cursor.value as { k?: string });
          if (to === 'encrypted' ? !sealed : sealed) {
            rows.push({ key: cursor.key, row: cursor.value, fingerprint: fingerprint(cursor.value) });
            bytes += rowBytes(cursor.value);
            if (bytes >= maxBytes || rows.length >= maxRows) return { rows, next };
          }
          cursor = (await cursor.continue()) as typeof cursor;
        }
        return { rows };
      }),

    countUnconverted: (to) =>
      read('be counted', async (d) => {
        const tx = d.transaction([...CONVERTED_STORES]);
        const counts = await Promise.all(
          CONVERTED_STORES.map(async (s) => {
            const [all, sealed] = await Promise.all([tx.objectStore(s).count(), tx.objectStore(s).index('k').count()]);
            return to === 'encrypted' ? all - sealed : sealed;
          }),
        );
        return counts.reduce((a, b) => a + b, 0);
      }),

    summaryRows: () =>
      read('be read', async (d) => {
        const tx = d.transaction(['summaries', 'records', 'keys']);
        const [rows, recordCount, summaryCount, packs] = await Promise.all([
          tx.objectStore('summaries').index('seq').getAll(),
          tx.objectStore('records').count(),
          tx.objectStore('summaries').count(),
          tx.objectStore('keys').getAll(PACK_RANGE()) as Promise<SummaryPackRow[]>,
        ]);
        let missing: string[] = [];
        if (recordCount !== summaryCount) {
          const [recordIds, summaryIds] = await Promise.all([tx.objectStore('records').getAllKeys(), tx.objectStore('summaries').getAllKeys()]);
          const have = new Set(summaryIds);
          missing = recordIds.filter((id) => !have.has(id));
        }
        rows.reverse();
        return { rows, missing, packs };
      }),

    newestSummaryRows: (n) =>
      read('be read', async (d) => {
        const tx = d.transaction(['summaries', 'meta']);
        const heads = await readHeads((key) => tx.objectStore('meta').get(key));
        const last = heads.record.seq;
        if (last < 1 || !(n >= 1)) return [];
        const rows = await tx.objectStore('summaries').index('seq').getAll(IDBKeyRange.lowerBound(Math.max(1, last - Math.floor(n) + 1)));
        return rows.reverse();
      }),

    summaryRowsAfter: (seq) =>
      read('be read', async (d) => {
        if (!Number.isFinite(seq)) return [];
        const rows = await d.getAllFromIndex('summaries', 'seq', IDBKeyRange.lowerBound(seq, true));
        return rows.reverse();
      }),

    entrySummaries: (entryId, keys) =>
      read('be read', async (d) => {
        const rows = await d.getAllFromIndex('summaries', 'entryId', entryId);
        return Promise.all(rows.map((row) => openSummary(row, keys)));
      }),

    people: (keys) =>
      read('be read', async (d) => {
        const rows = await d.getAll('people');
        return Promise.all(rows.map((row) => openPerson(row, keys)));
      }),

    notes: (recordId, keys) =>
      read('be read', async (d) => {
        const rows = recordId === undefined ? await d.getAll('notes') : await d.getAllFromIndex('notes', 'recordId', recordId);
        return Promise.all(rows.map((row) => openNote(row, keys)));
      }),

    reports: (keys) =>
      read('be read', async (d) => {
        const rows = await d.getAll('reports');
        return Promise.all(rows.map((row) => openReport(row, keys)));
      }),

    report: (id, keys) =>
      read('be read', async (d) => {
        const row = await d.get('reports', id);
        return row ? openReport(row, keys) : undefined;
      }),

    existingRecords: (ids) =>
      read('be read', async (d) => {
        const tx = d.transaction('records');
        const found = await Promise.all(ids.map((id) => tx.store.count(id)));
        return new Set(ids.filter((_id, i) => (found[i] ?? 0) > 0));
      }),

    async write(fn) {
      let tx: WriteTransaction;
      try {
        tx = live().transaction([...ALL_STORES], 'readwrite');
      } catch (error) {
        throw toVaultError(error, 'save this');
      }
      // tx.done rejects when the transaction aborts; observe it now so no rejection goes unhandled.
      const done = tx.done.then(
        () => undefined,
        (error: unknown) => error ?? new Error('transaction aborted'),
      );
      try {
        const result = await fn(writeTx(tx));
        const failure = await done;
        if (failure) throw failure;
        return result;
      } catch (error) {
        abortQuietly(tx);
        await done;
        if (error instanceof StaleHeadError) throw error;
        // A request error usually surfaces twice (request, then transaction): prefer the more specific.
        throw toVaultError(tx.error ?? error, 'save this', error);
      }
    },

    close() {
      closed = true;
      db.close();
    },
  };
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
}

const headerKey = (session: string): StagingKey => [session, 0];
/** The keys store's summary packs (created on use: IDBKeyRange needs the IndexedDB globals). */
const PACK_RANGE = (): IDBKeyRange => IDBKeyRange.bound('summary-pack:', 'summary-pack:\uffff');
const itemN = (key: string): string => `i:${key}`;
/** Every chunk of an artifact: [aid] sorts before [aid, 0] and [aid, []] after every [aid, number]. */
const chunkRange = (aid: string): IDBKeyRange => IDBKeyRange.bound([aid], [aid, []]);
/** The meta key marking an artifact whose chunks are being written (the time of the last one, ms). */
const uploadKey = (aid: string): string => `upload:${aid}`;
/** Every row of a session: [session] sorts before [session, anything], and arrays after numbers and strings. */
const sessionRange = (session: string): IDBKeyRange => IDBKeyRange.bound([session], [session, []]);

function isHeader(row: StagingRow | undefined): row is HeaderRow {
  return !!row && row.n === 0 && 'startedAt' in row;
}

async function sessionOf(row: HeaderRow, keys: KeyLookup): Promise<StagingSession> {
  const h = await openHeader(row, keys);
  return { id: h.session, startedAt: h.startedAt, updatedAt: h.updatedAt, meta: h.meta, files: h.files.map((f) => ({ ...f })), items: h.items };
}

function asSigning(value: unknown): SigningKeyRow | undefined {
  const row = value as SigningKeyRow | undefined;
  return row && typeof row === 'object' && row.spki instanceof Uint8Array && typeof row.fingerprint === 'string' ? row : undefined;
}

/**
 * Trusted-time tokens live in meta (no schema change, like the signing key): key 'tsa:' + the covered head's seq,
 * zero-padded so keys sort by seq. Plaintext in an encrypted vault too: a token holds only the head's hash (already in
 * plaintext as meta.head) and the authority's time, certificate and signature.
 */
const TIMESTAMP_PREFIX = 'tsa:';
const timestampKey = (seq: number) => `${TIMESTAMP_PREFIX}${String(seq).padStart(12, '0')}`;

function asTimestamp(value: unknown): StoredTimestamp | undefined {
  const t = value as StoredTimestamp | undefined;
  return t && typeof t === 'object' && Number.isInteger(t.seq) && typeof t.hash === 'string' && t.token instanceof Uint8Array && typeof t.genTime === 'string' ? t : undefined;
}

function asSignedHead(value: unknown): SignedHead | undefined {
  const h = value as SignedHead | undefined;
  return h && typeof h === 'object' && typeof h.seq === 'number' && typeof h.hash === 'string' && typeof h.sig === 'string' ? h : undefined;
}

function asHead(value: unknown): Head {
  const v = value as Head | undefined;
  if (v && typeof v === 'object' && typeof v.seq === 'number' && typeof v.hash === 'string') {
    return { seq: v.seq, hash: v.hash };
  }
  return { ...GENESIS };
}

function sameHead(a: Head, b: Head): boolean {
  return a.seq === b.seq && a.hash === b.hash;
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

function nameOf(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;
}

/**
 * True for a "no space left" failure, however the browser reports it: a QuotaExceededError
 * DOMException (also legacy code 22), Firefox's NS_ERROR_DOM_QUOTA_REACHED, or either of those
 * wrapped as the `inner`/`cause`/`error` of another error.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const name = nameOf(error);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if ('code' in error && error.code === 22 && name !== 'ConstraintError') return true;
  const nested = error as { inner?: unknown; cause?: unknown; error?: unknown };
  return [nested.inner, nested.cause, nested.error].some((inner) => inner !== error && isQuotaError(inner, depth + 1));
}

/** Maps any failure to a VaultError with a message a person can act on. */
export function toVaultError(error: unknown, action: string, original: unknown = error): VaultError {
  if (original instanceof VaultError) return original;
  if (error instanceof VaultError) return error;
  if (isQuotaError(error) || isQuotaError(original)) {
    return new VaultError(
      'quota',
      'Your browser has no storage space left for the vault, so nothing was saved. Free some disk space, or export and then delete older records, and try again.',
      { cause: error },
    );
  }
  const name = nameOf(error);
  if (name === 'ConstraintError') {
    return new VaultError('conflict', 'The vault already holds a record or file with this id, so nothing was saved.', {
      cause: error,
    });
  }
  if (name === 'InvalidStateError') {
    return new VaultError('closed', `The vault could not ${action}: its database is closed. Reload this page.`, {
      cause: error,
    });
  }
  return new VaultError('unknown', `The vault could not ${action}: ${messageOf(original)}`, { cause: error });
}
