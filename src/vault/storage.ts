/**
 * The vault's storage layer: the ONLY file that touches IndexedDB through `idb`. It knows stores,
 * indexes and transactions, nothing about hashing or chains. Kept narrow on purpose: records and
 * artifacts go in and out through a handful of functions, so encryption at rest can later be added
 * here (encrypt on put, decrypt on get) without touching vault.ts or any caller.
 *
 * Stores (created by migrations/): records (key id), artifacts (key ref.id), meta (head,
 * custodyHead, schemaVersion), custody (key seq), staging (key [session, n]: parts of captures in
 * progress). See migrations/0001-initial.ts and 0003-staging.ts.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, unwrap } from 'idb';
import { type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import { type CustodyEvent, type StagedFileRef, type StagedItem, type StagingSession, type StoredArtifact, VaultError } from './api';
import { authorKeysOf } from './author-key';
import { MIGRATIONS, type Migration } from './migrations/index';

/** The last link of a chain: its seq and hash (seq 0 and 64 zeros when empty). */
export interface Head {
  seq: number;
  hash: string;
}

export interface Heads {
  record: Head;
  custody: Head;
}

/** A stored record row: the record plus storage-only lookup fields, which are never hashed. */
type RecordRow = EvidenceRecord & { authorKeys: string[] };

/** Staging rows (see migrations/0003-staging.ts): a session header (n 0), file parts (n >= 1), items (n "i:<key>"). */
interface StagingHeaderRow {
  session: string;
  n: 0;
  startedAt: string;
  updatedAt: string;
  meta: unknown;
  files: StagedFileRef[];
  items: number;
}
interface StagingFileRow {
  session: string;
  n: number;
  bytes: Uint8Array;
}
interface StagingItemRow {
  session: string;
  n: string;
  key: string;
  sort: string;
  value: unknown;
}
type StagingRow = StagingHeaderRow | StagingFileRow | StagingItemRow;
type StagingKey = [string, number | string];

/** A file part as storage receives it: already hashed by the vault. */
export interface StagingFileInput {
  ref: StagedFileRef;
  bytes: Uint8Array;
}

interface VaultSchema extends DBSchema {
  records: {
    key: string;
    value: RecordRow;
    indexes: { seq: number; capturedAt: string; platform: string; deletedAt: string; authorKeys: string };
  };
  artifacts: { key: string; value: StoredArtifact; indexes: { recordId: string } };
  meta: { key: string; value: Head | number };
  custody: { key: number; value: CustodyEvent; indexes: { recordId: string } };
  staging: { key: StagingKey; value: StagingRow; indexes: { startedAt: string; sort: [string, string] } };
}

const ALL_STORES = ['records', 'artifacts', 'meta', 'custody', 'staging'] as const;
type WriteTransaction = IDBPTransaction<VaultSchema, (typeof ALL_STORES)[number][], 'readwrite'>;

const GENESIS: Head = { seq: 0, hash: GENESIS_HASH };

/**
 * Thrown inside a write when a chain head moved since the caller read it (another tab, worker or
 * connection appended first). The transaction is aborted, nothing is written; the caller recomputes
 * its hashes from the new head and tries again.
 */
export class StaleHeadError extends Error {
  constructor() {
    super('The vault changed while this change was being prepared.');
    this.name = 'StaleHeadError';
  }
}

/** What a write may do. Inside `Storage.write`, await only these (IndexedDB) calls: any other await
 * (crypto, timers, fetch) lets the browser commit the transaction early. */
export interface WriteTx {
  /** Reads both heads and throws StaleHeadError unless they equal the expected ones (when given). */
  expectHeads(expected: { record?: Head; custody?: Head }): Promise<Heads>;
  getRecord(id: string): Promise<EvidenceRecord | undefined>;
  hasArtifact(id: string): Promise<boolean>;
  /** Adds a new record; fails with VaultError 'conflict' if its id or seq is taken. */
  addRecord(record: EvidenceRecord): Promise<void>;
  /** Replaces an existing record (tombstoning). */
  replaceRecord(record: EvidenceRecord): Promise<void>;
  addArtifact(artifact: StoredArtifact): Promise<void>;
  deleteArtifactsOf(recordId: string): Promise<void>;
  addCustody(event: CustodyEvent): Promise<void>;
  setHeads(heads: Partial<Heads>): Promise<void>;
  /** Throws VaultError 'conflict' unless the staging session is open (not yet saved or discarded elsewhere). */
  expectStaging(session: string): Promise<StagingSession>;
  /** Moves a staged file part into the artifacts store as `artifact` (whose ref the vault built from the part's). */
  moveStagedFile(session: string, n: number, artifact: Omit<StoredArtifact, 'bytes'>): Promise<void>;
  /** Deletes a staging session and all its parts. */
  deleteStaging(session: string): Promise<void>;
}

export interface Snapshot {
  heads: Heads;
  /** Every record, ascending by seq. */
  records: EvidenceRecord[];
  /** Every custody event, ascending by seq. */
  custody: CustodyEvent[];
}

export interface Storage {
  heads(): Promise<Heads>;
  getRecord(id: string): Promise<EvidenceRecord | undefined>;
  /** Newest first (seq descending), optionally only below `beforeSeq`, tombstones skipped unless asked. */
  listRecords(options: { beforeSeq?: number; limit?: number; includeDeleted?: boolean }): Promise<EvidenceRecord[]>;
  /** Live records (tombstones excluded). */
  countLive(): Promise<number>;
  /** Records carrying this author key (see author-key.ts), ascending by seq, tombstones never. */
  recordsByAuthorKey(key: string): Promise<EvidenceRecord[]>;
  getArtifact(id: string): Promise<StoredArtifact | undefined>;
  custodyEvents(): Promise<CustodyEvent[]>;
  /** Heads, records and custody log read in one transaction, so they are consistent with each other. */
  snapshot(): Promise<Snapshot>;
  /** Staging (captures in progress): see Vault in api.ts. */
  stagingBegin(session: string, meta: unknown, at: string): Promise<StagingSession>;
  /** Adds items (keeping the first of each key), a file part and/or new meta to an open session, in one transaction. */
  stagingAdd(session: string, part: { items?: StagedItem[]; file?: StagingFileInput; meta?: unknown }, at: string): Promise<StagingSession>;
  stagingSession(session: string): Promise<StagingSession | undefined>;
  stagingSessions(): Promise<StagingSession[]>;
  stagedItems(session: string, keys: readonly string[]): Promise<unknown[]>;
  stagedItemsSorted(session: string, after: string | undefined, limit: number): Promise<StagedItem[]>;
  stagedFile(session: string, n: number): Promise<Uint8Array | undefined>;
  stagingDiscard(session: string): Promise<void>;
  /** Runs `fn` in ONE readwrite transaction over all stores: everything it writes lands, or nothing. */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  close(): void;
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
      throw toVaultError(error, action);
    }
  }

  async function readHeads(get: (key: string) => Promise<Head | number | undefined>): Promise<Heads> {
    const [record, custody] = await Promise.all([get('head'), get('custodyHead')]);
    return { record: asHead(record), custody: asHead(custody) };
  }

  function writeTx(tx: WriteTransaction): WriteTx {
    const records = tx.objectStore('records');
    const artifacts = tx.objectStore('artifacts');
    const meta = tx.objectStore('meta');
    const custody = tx.objectStore('custody');
    const staging = tx.objectStore('staging');
    return {
      async expectHeads(expected) {
        const heads = await readHeads((key) => meta.get(key));
        if (expected.record && !sameHead(expected.record, heads.record)) throw new StaleHeadError();
        if (expected.custody && !sameHead(expected.custody, heads.custody)) throw new StaleHeadError();
        return heads;
      },
      async getRecord(id) {
        const row = await records.get(id);
        return row && fromRow(row);
      },
      async hasArtifact(id) {
        return (await artifacts.count(id)) > 0;
      },
      async addRecord(record) {
        await records.add(toRow(record));
      },
      async replaceRecord(record) {
        await records.put(toRow(record));
      },
      async addArtifact(artifact) {
        await artifacts.add(artifact);
      },
      async deleteArtifactsOf(recordId) {
        let cursor = await artifacts.index('recordId').openCursor(recordId);
        while (cursor) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      },
      async addCustody(event) {
        await custody.add(event);
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
        return sessionOf(header);
      },
      async moveStagedFile(session, n, artifact) {
        const row = await staging.get([session, n]);
        if (!row || !('bytes' in row) || !(row.bytes instanceof Uint8Array)) {
          throw new VaultError('invalid', `Part ${n} of this capture is missing from the staging area, so nothing was saved.`);
        }
        if (row.bytes.byteLength !== artifact.ref.size) {
          throw new VaultError('invalid', `Part ${n} of this capture changed size in the staging area, so nothing was saved.`);
        }
        await artifacts.add({ ...artifact, bytes: row.bytes });
      },
      async deleteStaging(session) {
        await staging.delete(sessionRange(session));
      },
    };
  }

  return {
    heads: () => read('be read', (d) => readHeads((key) => d.get('meta', key))),

    getRecord: (id) =>
      read('be read', async (d) => {
        const row = await d.get('records', id);
        return row && fromRow(row);
      }),

    listRecords: ({ beforeSeq, limit, includeDeleted }) =>
      read('be read', async (d) => {
        const out: EvidenceRecord[] = [];
        if (limit !== undefined && limit <= 0) return out;
        const range = beforeSeq === undefined ? undefined : IDBKeyRange.upperBound(beforeSeq, true);
        let cursor = await d.transaction('records').store.index('seq').openCursor(range, 'prev');
        while (cursor) {
          if (includeDeleted || !cursor.value.deleted) {
            out.push(fromRow(cursor.value));
            if (limit !== undefined && out.length >= limit) break;
          }
          cursor = await cursor.continue();
        }
        return out;
      }),

    countLive: () =>
      read('be counted', async (d) => {
        const tx = d.transaction('records');
        const [all, deleted] = await Promise.all([tx.store.count(), tx.store.index('deletedAt').count()]);
        return all - deleted;
      }),

    recordsByAuthorKey: (key) =>
      read('be read', async (d) => {
        const rows = await d.getAllFromIndex('records', 'authorKeys', key);
        return rows.map(fromRow).sort((a, b) => a.seq - b.seq);
      }),

    getArtifact: (id) => read('be read', (d) => d.get('artifacts', id)),

    custodyEvents: () => read('be read', (d) => d.getAll('custody')),

    snapshot: () =>
      read('be read', async (d) => {
        const tx = d.transaction(['records', 'meta', 'custody']);
        const [heads, rows, custody] = await Promise.all([
          readHeads((key) => tx.objectStore('meta').get(key)),
          tx.objectStore('records').index('seq').getAll(),
          tx.objectStore('custody').getAll(),
        ]);
        return { heads, records: rows.map(fromRow), custody };
      }),

    stagingBegin: (session, meta, at) =>
      read('save this', async (d) => {
        const header: StagingHeaderRow = { session, n: 0, startedAt: at, updatedAt: at, meta, files: [], items: 0 };
        await d.add('staging', header);
        return sessionOf(header);
      }),

    stagingAdd: (session, part, at) =>
      read('save this', async (d) => {
        const tx = d.transaction('staging', 'readwrite');
        const store = tx.store;
        try {
          const header = await store.get(headerKey(session));
          if (!isHeader(header)) throw new VaultError('not-found', 'This capture is no longer in progress.');
          const items = part.items ?? [];
          // Requests are queued without waiting for each other; IndexedDB runs them in order.
          const exists = await Promise.all(items.map((item) => store.getKey([session, itemN(item.key)])));
          const seen = new Set<string>();
          const puts: Promise<unknown>[] = [];
          items.forEach((item, i) => {
            if (exists[i] !== undefined || seen.has(item.key)) return;
            seen.add(item.key);
            const arrival = header.items + seen.size;
            const row: StagingItemRow = { session, n: itemN(item.key), key: item.key, sort: `${item.sort}\u0000${String(arrival).padStart(12, '0')}`, value: item.value };
            puts.push(store.put(row));
          });
          const next: StagingHeaderRow = { ...header, updatedAt: at, items: header.items + seen.size };
          if (part.meta !== undefined) next.meta = part.meta;
          if (part.file) {
            const ref = part.file.ref;
            if (!Number.isInteger(ref.n) || ref.n < 1) throw new VaultError('invalid', 'A staged file part needs a number from 1.');
            const row: StagingFileRow = { session, n: ref.n, bytes: part.file.bytes };
            puts.push(store.put(row));
            next.files = [...header.files.filter((f) => f.n !== ref.n), ref];
          }
          puts.push(store.put(next));
          await Promise.all(puts);
          await tx.done;
          return sessionOf(next);
        } catch (error) {
          try {
            tx.abort();
          } catch {
            // already finished
          }
          await tx.done.catch(() => undefined);
          throw toVaultError(tx.error ?? error, 'save this', error);
        }
      }),

    stagingSession: (session) =>
      read('be read', async (d) => {
        const header = await d.get('staging', headerKey(session));
        return isHeader(header) ? sessionOf(header) : undefined;
      }),

    stagingSessions: () =>
      read('be read', async (d) => {
        const rows = await d.getAllFromIndex('staging', 'startedAt');
        return rows.filter(isHeader).map(sessionOf);
      }),

    stagedItems: (session, keys) =>
      read('be read', async (d) => {
        const store = d.transaction('staging').store;
        const rows = await Promise.all(keys.map((key) => store.get([session, itemN(key)])));
        return rows.map((row) => (row && 'value' in row ? row.value : undefined));
      }),

    stagedItemsSorted: (session, after, limit) =>
      read('be read', async (d) => {
        const lower: [string, string] = [session, after ?? ''];
        const range = IDBKeyRange.bound(lower, [session, []], after !== undefined, true);
        const rows = await d.getAllFromIndex('staging', 'sort', range, limit);
        return rows.filter((row): row is StagingItemRow => typeof row.n === 'string').map((row) => ({ key: row.key, sort: row.sort, value: row.value }));
      }),

    stagedFile: (session, n) =>
      read('be read', async (d) => {
        const row = await d.get('staging', [session, n]);
        return row && 'bytes' in row ? row.bytes : undefined;
      }),

    stagingDiscard: (session) => read('save this', (d) => d.delete('staging', sessionRange(session))),

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
        try {
          tx.abort();
        } catch {
          // already committed or aborted
        }
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

const headerKey = (session: string): StagingKey => [session, 0];
const itemN = (key: string): string => `i:${key}`;
/** Every row of a session: [session] sorts before [session, anything], and arrays after numbers and strings. */
const sessionRange = (session: string): IDBKeyRange => IDBKeyRange.bound([session], [session, []]);

function isHeader(row: StagingRow | undefined): row is StagingHeaderRow {
  return !!row && row.n === 0 && 'startedAt' in row;
}

function sessionOf(row: StagingHeaderRow): StagingSession {
  return { id: row.session, startedAt: row.startedAt, updatedAt: row.updatedAt, meta: row.meta, files: row.files.map((f) => ({ ...f })), items: row.items };
}

function toRow(record: EvidenceRecord): RecordRow {
  return { ...record, authorKeys: authorKeysOf(record) };
}

function fromRow(row: RecordRow | EvidenceRecord): EvidenceRecord {
  const { authorKeys: _storageOnly, ...record } = row as RecordRow;
  return record;
}

function asHead(value: Head | number | undefined): Head {
  if (value && typeof value === 'object' && typeof value.seq === 'number' && typeof value.hash === 'string') {
    return { seq: value.seq, hash: value.hash };
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
