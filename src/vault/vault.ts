/**
 * The vault: evidence records in a hash chain, their artifacts, and a chained custody log, on top
 * of storage.ts. No DOM, no extension API: runs in a Chromium service worker, a Firefox background
 * page, extension pages and Node tests.
 *
 * Chain design
 * - Every record has `seq` (1, 2, 3… gapless) and `chain.prevHash` = the previous record's
 *   `chain.recordHash` (64 zeros for #1). `recordHash` is SHA-256 over the canonical JSON of the
 *   whole record except `recordHash` itself (hashing.ts), so editing, reordering or removing any
 *   record breaks either its own hash or the next record's link.
 * - `meta.head` ({seq, hash} of the last record) is written in the same transaction as the record.
 *   Without it, removing the newest records would leave a shorter chain that still verifies.
 * - Custody events form a second chain the same way (event hash over the event without `hash`,
 *   `prevHash` = previous event's hash), with its own head.
 * - Appending: WebCrypto is asynchronous and an IndexedDB transaction commits as soon as it waits
 *   on anything that is not an IndexedDB request, so hashes cannot be computed inside the write.
 *   Instead we read the heads, compute seq/prevHash/hashes optimistically, then open ONE readwrite
 *   transaction that re-reads the heads: unchanged → write record, artifacts, head and custody
 *   event together; changed (another tab, the worker, another connection appended first) → abort,
 *   nothing written, recompute and retry. Readwrite transactions over the same stores never
 *   overlap, so two writers can never both link to the same head. Within one context appends also
 *   run one at a time, so retries only happen between contexts.
 * - Person-initiated delete keeps a tombstone: id, seq, kind, platform, capture time and the
 *   ORIGINAL chain link (prevHash, recordHash); content, author, text, media, artifact refs and
 *   bytes are dropped. Its recordHash can no longer be recomputed, but it still links: its
 *   prevHash must equal the previous record's hash and the next record's prevHash must equal its
 *   recordHash. A 'deleted' custody event records the deletion; a tombstone without one is flagged.
 */
import type { AccountRef, CaseSummary, Identifier, Person, PersonSuggestion, RecordNote } from '../model/case';
import { type ArtifactRef, type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import type { ReportEntry, ReportInput, ReportPatch } from '../model/report';
import { createSha256 } from '../model/sha256';
import {
  exportPrivateKey,
  generateSigningKeyPair,
  headStatement,
  importPrivateKey,
  importPublicKey,
  keyFingerprint,
  type SignedHead,
  signStatement,
  signWaczDigest,
  toBase64,
  verifyStatement,
  WACZ_DIGEST_PATTERN,
} from '../model/signature';
import { checkTimeStampToken, imprintOfHead, type StoredTimestamp } from '../model/timestamp-token';
import { tombstoneContent } from '../model/tombstone';
import {
  type AddedFileInput,
  type ArtifactReader,
  type ConversionProgress,
  CUSTODY_ACTIONS,
  type CustodyAction,
  type CustodyEvent,
  type ExportStatementInput,
  type JournalInput,
  type ListOptions,
  type LockState,
  type NewArtifact,
  type NewRecord,
  RECORD_ORIGIN_ACTIONS,
  type SigningIdentity,
  type StagedArtifact,
  type StagedFileRef,
  type StagedItem,
  type StagingPart,
  type StagingSession,
  type StoredArtifact,
  type ToolInfo,
  type UnlockSecret,
  type Vault,
  VaultError,
  type VerifyProblem,
  type VerifyReport,
} from './api';
import {
  addedFileRecord,
  type CheckedJournal,
  checkAccount,
  checkFile,
  checkIdentifier,
  checkImportedPerson,
  checkJournal,
  checkName,
  journalRecord,
  MAX_FIELD,
  MAX_NOTE_BYTES,
  ownerOf,
  safeFilename,
  safeMediaType,
  suggest,
  takeAccount,
  withIdentifier,
} from './case-file';
import { blindKey, calibrateIterations, newDropKey, open as openSealed, openDropKey, openJson, seal, sealJson } from './crypto';
import { computeCustodyHash, computeRecordHash, sha256Hex, sizedHasher, WHOLE_HASH_MAX } from './hashing';
import { checkPassphrase, createKeyring, type HeldKey, holdDataKey, rewrapPassphrase, rewrapRecovery, unwrapDataKey } from './keyring';
import { applyReportPatch, checkImportedReport, checkReportInput } from './report-file';
import {
  type ArtifactEntry,
  type ArtifactMetaRow,
  type ArtifactRow,
  type ChunkedArtifact,
  type ChunkedArtifactRow,
  type ChunkRow,
  type CustodyRow,
  type FileRow,
  type HeaderBody,
  type HeaderRow,
  type ItemRow,
  isChunked,
  isSealed,
  type KeyLookup,
  type NoteRow,
  openArtifact,
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
  type Sealer,
  type StagingRow,
  type SummaryRow,
  sealArtifact,
  sealArtifactMeta,
  sealChunk,
  sealChunkedArtifact,
  sealCustody,
  sealFile,
  sealHeader,
  sealItem,
  sealNote,
  sealPerson,
  sealRecord,
  sealReport,
  sealSummary,
} from './rows';
import {
  CONVERTED_STORES,
  type Conversion,
  type ConvertedStore,
  type DropKeyRow,
  fingerprint,
  type Head,
  type Heads,
  type Keyring,
  type KeyView,
  openStorage,
  type ScannedRow,
  type SigningKeyRow,
  StaleHeadError,
  StaleKeyringError,
  type Storage,
  type SummaryPackRow,
  type WriteTx,
} from './storage';
import { summaryOf } from './summary';

/** Sealed summaries opened one by one in one summaries() call from which on packs are written. */
const SUMMARY_PACK_AFTER = 200;
/** Summaries per pack (about 600 bytes each). */
const SUMMARY_PACK_SIZE = 5000;
const summaryPackAad = (id: string, keyId: string) => `${id}:${keyId}`;
/** A sealed row's identity: its key and its blob's nonce (new at every seal). */
function rowPrint(row: { k: string; s: Uint8Array }): string {
  let nonce = '';
  for (const b of row.s.subarray(0, 12)) nonce += b.toString(16).padStart(2, '0');
  return `${row.k}|${nonce}|${row.s.byteLength}`;
}

/** Rows re-sealed per transaction at unlock (what was captured while locked). */
const DROP_PAGE = 64;

export const DEFAULT_VAULT_NAME = 'holdfast-vault';

/** How often an append is retried when other contexts keep appending first. */
const MAX_TRIES = 20;

const RECORD_ACTIONS = RECORD_ORIGIN_ACTIONS;

/**
 * An artifact as it arrives with an imported record: its original ref and its bytes, whole or as a stream. A stream
 * larger than one chunk (VaultOptions.chunkBytes) is stored in chunks as it arrives, never held whole.
 */
export type ImportedArtifact = { ref: ArtifactRef; bytes: Uint8Array } | { ref: ArtifactRef; stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> };

/** Bytes per chunk of a large artifact (the last chunk is shorter). */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** An upload marker older than this, with no artifact row, marks chunks of an import cut short. */
export const DEFAULT_ORPHAN_CHUNKS_AFTER_MS = 60_000;

export interface VaultImpl extends Vault {
  /**
   * Imports a record from a bundle. Artifact bytes are checked against the record's refs and the
   * record against its own hash first (VaultError 'invalid' otherwise). If the record continues
   * this vault's chain exactly (its prevHash is the head and its seq is head + 1) it is stored
   * unchanged; otherwise it is re-linked at the end of the chain and `imported` keeps its original
   * seq and hashes. Artifacts keep their ids and hashes. VaultError 'conflict' if the id exists.
   *
   * A streamed artifact larger than one chunk is written chunk by chunk (each chunk in its own transaction, sealed
   * on its own when the vault is encrypted) and hashed as it arrives; size and SHA-256 are checked against the ref
   * before the record's transaction links the chunks. On a mismatch or any failure the chunks written are deleted
   * and nothing else changes (VaultError 'invalid' for bytes that do not match).
   */
  importRecord(original: EvidenceRecord, artifacts: ImportedArtifact[], bundle?: string): Promise<EvidenceRecord>;
  /** Live records carrying an author key (author-key.ts), oldest first: for a per-person export. */
  listByAuthorKey(key: string): Promise<EvidenceRecord[]>;
}

export interface VaultOptions {
  /** PBKDF2 calibration target in ms (default 500; 0 = the minimum, 600,000 iterations: tests). */
  kdfTargetMs?: number;
  /** About how many bytes of rows one conversion batch holds (default 8 MB): bounds the extra memory. */
  conversionBatchBytes?: number;
  /** Test hook: runs after each conversion batch is committed; throwing stops the conversion there (a crash). */
  afterConversionBatch?: (p: { done: number; total: number }) => void | Promise<void>;
  /** Bytes per chunk of a large streamed artifact (default 8 MB). */
  chunkBytes?: number;
  /** Chunks of an import that wrote nothing for this long (and has no record) are deleted (default 60 s). */
  orphanChunksAfterMs?: number;
}

export async function openVault(name: string = DEFAULT_VAULT_NAME, options: VaultOptions = {}): Promise<VaultImpl> {
  const storage = await openStorage(name);
  const vault = new VaultService(storage, options);
  await vault.cleanOrphanChunks();
  return vault;
}

const lockedError = () => new VaultError('locked', 'The vault is locked. Unlock it with your passphrase to see your evidence; new captures are still saved.');

/** Rows a failed unlock may try before each further try waits longer (1 s, 2 s, 4 s … at most 30 s). */
const FREE_TRIES = 3;

class VaultService implements VaultImpl {
  /** Appends within this context run one after another (see "Appending" above). */
  private queue: Promise<unknown> = Promise.resolve();
  /** The data key, while unlocked. */
  private held: HeldKey | undefined;
  /** This context's drop key, while it writes locked. */
  private drop: { id: string; key: CryptoKey; keyId: string } | undefined;
  /** Other contexts' drop keys, opened with the vault's private key (unlock, conversion to plaintext). */
  private readonly foreign = new Map<string, CryptoKey>();
  private failures = 0;
  private lastCaseTime = 0;
  /** The signing key opened in this context (a sealed one only while unlocked), by the row's fingerprint. */
  private signer: { key: CryptoKey; fingerprint: string; sealed: boolean } | undefined;
  /**
   * Opens rows: the key a row names, if this context holds it. Unlocked, another context's drop key (a capture in
   * progress there, or written locked since this context unlocked) is opened from the keyring on first use.
   */
  private readonly lookup: KeyLookup = async (k) => {
    if (k === 'dk' && this.held) return this.held.keys.seal;
    if (this.drop && k === this.drop.id) return this.drop.key;
    const other = this.foreign.get(k);
    if (other) return other;
    const held = this.held;
    if (held && k.startsWith('drop:')) {
      const entry = await this.storage.dropKey(k);
      if (entry) {
        try {
          const key = await openDropKey(held.privateKey, entry);
          this.foreign.set(k, key);
          return key;
        } catch {
          throw new VaultError('tampered', 'A key of a capture saved while the vault was locked does not open with this vault’s key: it was changed outside Holdfast.');
        }
      }
    }
    throw lockedError();
  };

  constructor(
    private readonly storage: Storage,
    private readonly options: VaultOptions = {},
  ) {}

  // ---- encryption at rest ----

  /**
   * What a write is prepared with: the keyring view it will check inside its transaction and the sealer for its rows
   * (none: plaintext; the data key while unlocked; this context's drop key while locked).
   */
  private async writeView(options: { staging?: boolean } = {}): Promise<{ view: KeyView; sealer?: Sealer }> {
    const keyring = await this.storage.keyring();
    if (!keyring) {
      if (this.held) this.lock();
      return { view: { rev: 0 } };
    }
    if (this.held && this.held.keyId !== keyring.keyId) this.lock();
    const base: KeyView = { rev: keyring.rev, keyId: keyring.keyId };
    if (keyring.converting?.to === 'plain') return { view: base };
    if (this.held && !options.staging) return { view: base, sealer: { k: 'dk', key: this.held.keys.seal, blind: this.held.keys.blind } };
    if (!this.drop || this.drop.keyId !== keyring.keyId || !(await this.storage.hasKey(this.drop.id))) {
      const { key, entry } = await newDropKey(keyring.publicKey);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(base);
        await tx.putDropKey(entry);
      });
      this.drop = { id: entry.id, key, keyId: keyring.keyId };
    }
    return { view: { ...base, drop: this.drop.id }, sealer: { k: this.drop.id, key: this.drop.key } };
  }

  /** The keys for a read; VaultError 'locked' when the vault is encrypted and this context holds no key. */
  private async readKeys(): Promise<KeyLookup> {
    const keyring = await this.storage.keyring();
    if (keyring && this.held && this.held.keyId !== keyring.keyId) this.lock();
    if (!keyring && this.held) this.lock();
    if (keyring && !this.held) throw lockedError();
    return this.lookup;
  }

  private dkSealer(): Sealer {
    if (!this.held) throw lockedError();
    return { k: 'dk', key: this.held.keys.seal, blind: this.held.keys.blind };
  }

  async lockState(): Promise<LockState> {
    const keyring = await this.storage.keyring();
    if (!keyring) return { encrypted: false, locked: false, lockedCaptures: 0 };
    if (this.held && this.held.keyId !== keyring.keyId) this.lock();
    const c = keyring.converting;
    return {
      encrypted: true,
      locked: !this.held,
      lockedCaptures: await this.storage.countDropRecords(),
      ...(c && { converting: { to: c.to, done: Math.min(c.done, c.total), total: c.total } }),
    };
  }

  async unlock(secret: UnlockSecret): Promise<{ sessionKey: Uint8Array }> {
    const keyring = await this.storage.keyring();
    if (!keyring) throw new VaultError('invalid', 'This vault has no passphrase, so there is nothing to unlock.');
    if (this.failures >= FREE_TRIES) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** (this.failures - FREE_TRIES))));
    }
    let held: HeldKey;
    try {
      if (secret && 'sessionKey' in secret) held = await holdDataKey(keyring, secret.sessionKey, 'session key');
      else {
        const raw = await unwrapDataKey(keyring, secret);
        held = await holdDataKey(keyring, raw);
        raw.fill(0);
      }
    } catch (error) {
      if (error instanceof VaultError && error.code === 'wrong-secret') this.failures += 1;
      throw error;
    }
    this.failures = 0;
    this.held = held;
    await this.absorbDrops();
    // Heads added while locked could not be signed: the current one is signed now.
    await this.signHeadQuietly();
    return { sessionKey: held.raw.slice() };
  }

  /**
   * Forgets the data key and every key opened with it. This context's own drop key stays: it opens only what this
   * context wrote itself (a capture in progress, captures made while locked), so a capture that runs across a lock
   * still finishes.
   */
  lock(): void {
    this.held?.raw.fill(0);
    this.held = undefined;
    this.foreign.clear();
    if (this.signer?.sealed) this.signer = undefined;
  }

  async enableEncryption(passphrase: string, onProgress?: ConversionProgress): Promise<{ recoveryKey: string; sessionKey: Uint8Array }> {
    checkPassphrase(passphrase);
    if (await this.storage.keyring()) throw new VaultError('invalid', 'This vault already has a passphrase.');
    const iterations = await calibrateIterations(this.options.kdfTargetMs);
    const total = await this.storage.countUnconverted('encrypted');
    const { keyring, held, recoveryKey } = await createKeyring(passphrase, iterations, 1);
    keyring.converting = { to: 'encrypted', store: 0, done: 0, total };
    await this.storage.write(async (tx) => {
      if (await tx.keyring()) throw new VaultError('conflict', 'This vault already has a passphrase (it was just set elsewhere).');
      await tx.putKeyring(keyring);
    });
    this.lock();
    this.held = held;
    await this.convert(onProgress);
    return { recoveryKey, sessionKey: held.raw.slice() };
  }

  async changePassphrase(current: { passphrase: string } | { recoveryKey: string }, next: string): Promise<void> {
    checkPassphrase(next);
    const iterations = await calibrateIterations(this.options.kdfTargetMs);
    await this.rewrap(current, async (keyring, raw) => rewrapPassphrase(keyring, raw, next, iterations));
  }

  async newRecoveryKey(current: { passphrase: string }): Promise<{ recoveryKey: string }> {
    let recoveryKey = '';
    await this.rewrap(current, async (keyring, raw) => {
      const out = await rewrapRecovery(keyring, raw);
      recoveryKey = out.recoveryKey;
      return out.keyring;
    });
    return { recoveryKey };
  }

  /** Replaces the keyring with `change(keyring, DK)` if nobody changed it meanwhile (else reads it again). */
  private async rewrap(current: { passphrase: string } | { recoveryKey: string }, change: (keyring: Keyring, raw: Uint8Array) => Promise<Keyring>): Promise<void> {
    await retryOnStaleHead(async () => {
      const keyring = await this.storage.keyring();
      if (!keyring) throw new VaultError('invalid', 'This vault has no passphrase yet.');
      const raw = await unwrapDataKey(keyring, current);
      try {
        const next = await change(keyring, raw);
        await this.storage.write(async (tx) => {
          await tx.expectKeys({ rev: keyring.rev, keyId: keyring.keyId });
          await tx.putKeyring(next);
        });
      } finally {
        raw.fill(0);
      }
    });
  }

  async disableEncryption(current: { passphrase: string } | { recoveryKey: string }, onProgress?: ConversionProgress): Promise<void> {
    await retryOnStaleHead(async () => {
      const keyring = await this.storage.keyring();
      if (!keyring) throw new VaultError('invalid', 'This vault has no passphrase.');
      const raw = await unwrapDataKey(keyring, current);
      const held = await holdDataKey(keyring, raw);
      raw.fill(0);
      if (!this.held || this.held.keyId !== held.keyId) {
        this.lock();
        this.held = held;
      }
      if (keyring.converting?.to === 'plain') return;
      const total = await this.storage.countUnconverted('plain');
      await this.storage.write(async (tx) => {
        await tx.expectKeys({ rev: keyring.rev, keyId: keyring.keyId });
        await tx.putKeyring({ ...keyring, rev: keyring.rev + 1, converting: { to: 'plain', store: 0, done: 0, total } });
      });
    });
    // The signing key, opened now as a non-extractable key, is kept in plaintext form once the vault is plain.
    const carried = await this.openSigner().catch(() => undefined);
    await this.convert(onProgress);
    if (carried) await this.keepSignerPlain(carried);
  }

  async resumeConversion(onProgress?: ConversionProgress): Promise<void> {
    const keyring = await this.storage.keyring();
    if (!keyring?.converting) return;
    if (!this.held || this.held.keyId !== keyring.keyId) throw lockedError();
    await this.convert(onProgress);
  }

  /** Opens every drop key in the keyring (the data key's private key opens them); unreadable ones are left alone. */
  private async openDropKeys(): Promise<DropKeyRow[]> {
    const held = this.held;
    if (!held) throw lockedError();
    const opened: DropKeyRow[] = [];
    for (const entry of await this.storage.dropKeys()) {
      if (this.foreign.has(entry.id)) {
        opened.push(entry);
        continue;
      }
      try {
        this.foreign.set(entry.id, await openDropKey(held.privateKey, entry));
        opened.push(entry);
      } catch {
        // Not sealed to this vault's key: never deleted, never used.
      }
    }
    return opened;
  }

  /** Re-seals what was written while locked with the data key (records get their blind author keys), then deletes the drop keys. */
  private async absorbDrops(): Promise<void> {
    const target = this.dkSealer();
    for (const entry of await this.openDropKeys()) {
      for (let pass = 0; pass < 5; pass++) {
        // Staged parts keep their drop key: the capture in progress still reads and writes with it.
        for (const store of CONVERTED_STORES.filter((st) => st !== 'staging')) {
          for (;;) {
            const rows = await this.storage.rowsSealedWith(store, entry.id, DROP_PAGE);
            if (!rows.length) break;
            const moved = await this.replaceRows(store, rows, target);
            if (moved === 0) break;
          }
        }
        const gone = await retryOnStaleHead(() =>
          this.storage.write(async (tx) => {
            if ((await tx.countSealedWith('staging', entry.id)) > 0) return 'in use';
            for (const store of CONVERTED_STORES) if ((await tx.countSealedWith(store, entry.id)) > 0) return false;
            await tx.deleteDropKey(entry.id);
            return true;
          }),
        );
        if (gone === 'in use') break; // a capture in progress still uses it: kept until its parts are saved or discarded
        if (gone) {
          this.foreign.delete(entry.id);
          if (this.drop?.id === entry.id) this.drop = undefined;
          break;
        }
      }
    }
  }

  /** Opens rows (with whatever key they name) and seals them with `target` (plaintext if none), outside any transaction. */
  private async resealRow(store: ConvertedStore, row: unknown, target: Sealer | undefined): Promise<unknown> {
    switch (store) {
      case 'records':
        return sealRecord(await openRecord(row as RecordRow, this.lookup), target);
      case 'artifacts': {
        if (isChunked(row as object)) {
          const entry = (await openArtifactEntry(row as ChunkedArtifactRow, this.lookup)) as ChunkedArtifact;
          return sealChunkedArtifact(entry.ref, entry.recordId, entry.chunks, target);
        }
        return sealArtifact(await openArtifact(row as ArtifactRow, this.lookup), target);
      }
      case 'chunks': {
        const c = row as ChunkRow;
        return sealChunk(c.aid, c.i, c.last === true, await openChunk(c, c.aid, c.i, c.last === true, this.lookup), target);
      }
      case 'custody':
        return sealCustody(await openCustody(row as CustodyRow, this.lookup), target);
      case 'summaries':
        return sealSummary(await openSummary(row as SummaryRow, this.lookup), target);
      case 'people':
        return sealPerson(await openPerson(row as PersonRow, this.lookup), target);
      case 'notes':
        return sealNote(await openNote(row as NoteRow, this.lookup), target);
      case 'reports':
        return sealReport(await openReport(row as ReportRow, this.lookup), target);
      case 'staging': {
        const r = row as StagingRow;
        if (r.n === 0) {
          const h = await openHeader(r as HeaderRow, this.lookup);
          const { session, startedAt, ...body } = h;
          return sealHeader(session, startedAt, ((r as HeaderRow).rev ?? 0) + 1, body, target);
        }
        if (typeof r.n === 'number') {
          const f = r as FileRow;
          return sealFile(f.session, f.n, f.aid ?? globalThis.crypto.randomUUID(), await openFile(f, this.lookup), target);
        }
        const item = await openItem(r as ItemRow, this.lookup);
        return sealItem(r.session, item.key, item.sort, item.value, target);
      }
    }
  }

  /**
   * Replaces rows that did not change since they were read with their re-sealed form, in one transaction; returns how
   * many. With `after` (a conversion step) a stale keyring is not retried here: the caller reads the keyring again.
   */
  private async replaceRows(store: ConvertedStore, rows: ScannedRow[], target: Sealer | undefined, after?: (tx: WriteTx) => Promise<void>): Promise<number> {
    const next = await Promise.all(rows.map((r) => this.resealRow(store, r.row, target)));
    const write = () =>
      this.storage.write(async (tx) => {
        let replaced = 0;
        const current = await Promise.all(rows.map((r) => tx.getRow(store, r.key)));
        for (const [i, r] of rows.entries()) {
          if (current[i] === undefined || fingerprint(current[i]) !== r.fingerprint) continue; // changed or gone meanwhile
          await tx.putRow(store, next[i]);
          replaced += 1;
        }
        if (after) await after(tx);
        return replaced;
      });
    return after ? write() : retryOnStaleHead(write);
  }

  /**
   * Converts the vault in place, store by store, a batch of at most `conversionBatchBytes` at a time: each batch and
   * the position reached are written in one transaction, so an interruption leaves every row either as it was or
   * converted, and the next run continues from the position. Rows written meanwhile in the old form (another context)
   * are caught by a final count taken in the transaction that ends the conversion.
   */
  private async convert(onProgress?: ConversionProgress): Promise<void> {
    const maxBytes = this.options.conversionBatchBytes ?? 8 * 1024 * 1024;
    for (;;) {
      const keyring = await this.storage.keyring();
      const conv = keyring?.converting;
      if (!keyring || !conv) return;
      if (!this.held || this.held.keyId !== keyring.keyId) throw lockedError();
      const view: KeyView = { rev: keyring.rev, keyId: keyring.keyId };
      const target = conv.to === 'encrypted' ? this.dkSealer() : undefined;
      if (conv.to === 'plain') await this.openDropKeys();
      if (conv.store < CONVERTED_STORES.length) {
        const store = CONVERTED_STORES[conv.store] as ConvertedStore;
        const { rows, next } = await this.storage.scanUnconverted(store, conv.to, conv.after, maxBytes, 5000);
        const progress: Conversion = { ...conv, done: conv.done + rows.length, ...(next === undefined ? { store: conv.store + 1, after: undefined } : { after: next }) };
        if (progress.after === undefined) delete progress.after;
        try {
          await this.replaceRows(store, rows, target, async (tx) => {
            await tx.expectKeys(view);
            const now = await tx.keyring();
            if (!now) throw new StaleKeyringError();
            await tx.putKeyring({ ...now, converting: progress });
          });
        } catch (error) {
          if (error instanceof StaleHeadError) continue; // the keyring changed (new passphrase, conversion stopped): read it again
          throw error;
        }
        onProgress?.({ done: Math.min(progress.done, progress.total), total: progress.total });
        await this.options.afterConversionBatch?.({ done: progress.done, total: progress.total });
        continue;
      }
      // Every store was gone through: finish only if nothing is left in the old form (counted in the same transaction).
      const finished = await retryOnStaleHead(() =>
        this.storage.write(async (tx) => {
          await tx.expectKeys(view);
          let left = 0;
          for (const store of CONVERTED_STORES) left += await tx.countUnconverted(store, conv.to);
          if (left > 0) {
            await tx.putKeyring({ ...keyring, converting: { to: conv.to, store: 0, done: conv.done, total: conv.done + left } });
            return false;
          }
          if (conv.to === 'encrypted') {
            const { converting: _done, ...rest } = keyring;
            await tx.putKeyring(rest);
          } else {
            await tx.clearKeys();
          }
          return true;
        }),
      );
      if (finished) {
        onProgress?.({ done: conv.done, total: conv.done });
        if (conv.to === 'plain') this.lock();
        return;
      }
    }
  }

  // ---- evidence ----

  async addRecord(input: NewRecord, artifacts: Array<NewArtifact | StagedArtifact>, options: { staging?: string } = {}): Promise<EvidenceRecord> {
    if ('deleted' in input && input.deleted) throw new VaultError('invalid', 'A new record cannot be marked deleted.');
    if ('imported' in input && input.imported) {
      throw new VaultError('invalid', 'Imported records go through importRecord, not addRecord.');
    }
    const session = options.staging;
    const staged = session === undefined ? undefined : await this.storage.stagingSession(session, this.lookup);
    if (session !== undefined && !staged) {
      throw new VaultError('conflict', 'This capture is no longer in progress: it was already saved or discarded.');
    }
    // Hash the artifacts once, before any transaction; staged parts were hashed when they were staged.
    const prepared: Array<{ ref: Omit<ArtifactRef, 'id'>; id?: string; bytes?: Uint8Array; staged?: number }> = await Promise.all(
      artifacts.map(async (a) => {
        const base = { role: a.role, mediaType: a.mediaType, filename: a.filename };
        const note = a.note !== undefined ? { note: a.note } : {};
        if ('staged' in a) {
          const part = staged?.files.find((f) => f.n === a.staged);
          if (!part) throw new VaultError('invalid', `Part ${a.staged} of this capture is not in the staging area, so nothing was saved.`);
          return { ref: { ...base, sha256: part.sha256, size: part.size, ...note }, staged: a.staged };
        }
        const bytes = ownBytes(a.bytes);
        return { ref: { ...base, sha256: await sha256Hex(bytes), size: bytes.byteLength, ...note }, id: globalThis.crypto.randomUUID(), bytes };
      }),
    );
    const id = input.id ?? globalThis.crypto.randomUUID();

    return this.append(async () => {
      const { view, sealer } = await this.writeView();
      // A staged part keeps the artifact id (and key) it was sealed with when it was staged.
      const parts = await Promise.all(
        prepared.map(async (a) => {
          if (a.staged === undefined) return undefined;
          const info = await this.storage.stagedFileInfo(session as string, a.staged);
          if (!info) throw new VaultError('invalid', `Part ${a.staged} of this capture is missing from the staging area, so nothing was saved.`);
          return info;
        }),
      );
      const refs: ArtifactRef[] = prepared.map((a, i) => {
        const { sha256, size, role, mediaType, filename, note } = a.ref;
        return { id: a.id ?? parts[i]?.aid ?? globalThis.crypto.randomUUID(), role, mediaType, sha256, size, filename, ...(note !== undefined && { note }) };
      });
      const heads = await this.storage.heads();
      const record: EvidenceRecord = {
        ...input,
        id,
        seq: heads.record.seq + 1,
        artifacts: refs,
        chain: { prevHash: heads.record.hash, recordHash: '' },
      };
      record.chain.recordHash = await hashRecord(record);
      const event = await custodyEvent(heads.custody, 'captured', id, `record #${record.seq} ${record.chain.recordHash}`);
      const [recordRow, eventRow, summaryRow, artifactRows] = await Promise.all([
        sealRecord(record, sealer),
        sealCustody(event, sealer),
        sealSummary(summaryOf(record), sealer),
        Promise.all(
          prepared.map((a, i) => {
            const ref = refs[i] as ArtifactRef;
            if (a.bytes) return sealArtifact({ ref, recordId: id, bytes: a.bytes }, sealer);
            const k = parts[i]?.k;
            if (k === undefined) return sealArtifactMeta(ref, id, undefined);
            if (k === sealer?.k) return sealArtifactMeta(ref, id, sealer);
            return this.lookup(k).then((key) => sealArtifactMeta(ref, id, { k, key }));
          }),
        ),
      ]);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(view);
        await tx.expectHeads(heads);
        if (session !== undefined) await tx.expectStaging(session);
        await tx.addRecord(recordRow);
        for (const [i, a] of prepared.entries()) {
          if (a.staged !== undefined) await tx.moveStagedFile(session as string, a.staged, artifactRows[i] as ArtifactMetaRow, a.ref.size);
          else await tx.addArtifact(artifactRows[i] as ArtifactRow);
        }
        if (session !== undefined) await tx.deleteStaging(session);
        await tx.putSummary(summaryRow);
        await tx.addCustody(eventRow);
        await tx.setHeads({ record: headOf(record), custody: headOf(event) });
      });
      return record;
    });
  }

  stageBegin(session: string, meta: unknown): Promise<StagingSession> {
    const at = new Date().toISOString();
    return retryOnStaleHead(async () => {
      const { view, sealer } = await this.writeView({ staging: true });
      const header = await sealHeader(session, at, 0, { updatedAt: at, meta, files: [], items: 0 }, sealer);
      return this.storage.stagingBegin(header, this.lookup, view);
    });
  }

  async stage(session: string, part: StagingPart): Promise<StagingSession> {
    let file: { ref: StagedFileRef; bytes: Uint8Array } | undefined;
    if (part.file) {
      if (!Number.isInteger(part.file.n) || part.file.n < 1) throw new VaultError('invalid', 'A staged file part needs a number from 1.');
      const bytes = ownBytes(part.file.bytes);
      file = { ref: { n: part.file.n, sha256: await sha256Hex(bytes), size: bytes.byteLength, ...(part.file.info !== undefined && { info: part.file.info }) }, bytes };
    }
    const items = part.items ?? [];
    const at = new Date().toISOString();
    return retryOnStaleHead(async () => {
      const { view, sealer } = await this.writeView({ staging: true });
      return this.storage.stagingAdd(session, items.map((i) => i.key), this.lookup, view, async ({ header, body, existing }) => {
        const seen = new Set<string>();
        const rows: Promise<ItemRow>[] = [];
        for (const item of items) {
          if (existing.has(item.key) || seen.has(item.key)) continue;
          seen.add(item.key);
          const arrival = body.items + seen.size;
          rows.push(sealItem(session, item.key, `${item.sort}\u0000${String(arrival).padStart(12, '0')}`, item.value, sealer));
        }
        const next: HeaderBody = { updatedAt: at, meta: part.meta !== undefined ? part.meta : body.meta, files: body.files, items: body.items + seen.size };
        let fileRow: FileRow | undefined;
        if (file) {
          fileRow = await sealFile(session, file.ref.n, globalThis.crypto.randomUUID(), file.bytes, sealer);
          next.files = [...body.files.filter((f) => f.n !== file.ref.n), file.ref];
        }
        const headerRow = await sealHeader(session, body.startedAt, (header.rev ?? 0) + 1, next, sealer);
        return {
          header: headerRow,
          items: await Promise.all(rows),
          ...(fileRow && { file: fileRow }),
          session: { id: session, startedAt: body.startedAt, ...next, files: next.files.map((f) => ({ ...f })) },
        };
      });
    });
  }

  stagingSession(session: string): Promise<StagingSession | undefined> {
    return this.storage.stagingSession(session, this.lookup);
  }

  stagingSessions(): Promise<StagingSession[]> {
    return this.storage.stagingSessions(this.lookup);
  }

  stagedItems(session: string, keys: readonly string[]): Promise<unknown[]> {
    return this.storage.stagedItems(session, keys, this.lookup);
  }

  stagedItemsSorted(session: string, options: { after?: string; limit: number }): Promise<StagedItem[]> {
    return this.storage.stagedItemsSorted(session, options.after, options.limit, this.lookup);
  }

  stagedFile(session: string, n: number): Promise<Uint8Array | undefined> {
    return this.storage.stagedFile(session, n, this.lookup);
  }

  discardStaging(session: string): Promise<void> {
    return this.storage.stagingDiscard(session);
  }

  async get(id: string): Promise<EvidenceRecord | undefined> {
    return this.storage.getRecord(id, await this.readKeys());
  }

  async list(options: ListOptions = {}): Promise<EvidenceRecord[]> {
    return this.storage.listRecords(options, await this.readKeys());
  }

  count(): Promise<number> {
    return this.storage.countLive();
  }

  async getArtifact(artifactId: string): Promise<StoredArtifact | undefined> {
    const entry = await this.storage.getArtifact(artifactId, await this.readKeys());
    if (!entry || !('chunks' in entry)) return entry;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(entry.ref.size);
    } catch (error) {
      throw new VaultError('unknown', `The file "${entry.ref.filename}" is too large to open here at once (${entry.ref.size} bytes); export it instead.`, { cause: error });
    }
    let offset = 0;
    for await (const piece of this.checkedChunks(entry)) {
      bytes.set(piece, offset);
      offset += piece.byteLength;
    }
    return { ref: entry.ref, recordId: entry.recordId, bytes };
  }

  async readArtifact(artifactId: string): Promise<ArtifactReader | undefined> {
    const keys = await this.readKeys();
    const entry = await this.storage.getArtifact(artifactId, keys);
    if (!entry) return undefined;
    const chunked = 'chunks' in entry;
    const source = (): AsyncIterable<Uint8Array> => (chunked ? this.checkedChunks(entry) : once(entry.bytes));
    return { ref: entry.ref, recordId: entry.recordId, chunked, stream: () => iterableStream(source()) };
  }

  /**
   * A chunked artifact's bytes, chunk by chunk, checked as they go: a chunk missing, one that does not open where it
   * lies (sealed), or bytes that do not add up to the ref's size and SHA-256 (plaintext) → VaultError 'tampered'.
   * 'not-found' if the artifact was deleted meanwhile.
   */
  private async *checkedChunks(entry: ChunkedArtifact): AsyncGenerator<Uint8Array> {
    const { ref, chunks } = entry;
    const name = `The file "${ref.filename}" (${ref.id})`;
    const hasher = createSha256();
    let total = 0;
    for (let i = 0; i < chunks; i++) {
      const piece = await this.storage.chunk(ref.id, i, i === chunks - 1, this.lookup);
      if (!piece) {
        const still = await this.storage.getArtifact(ref.id, this.lookup).catch(() => undefined);
        if (!still) throw new VaultError('not-found', `${name} was deleted while it was being read.`);
        throw new VaultError('tampered', `${name} is missing part ${i + 1} of ${chunks}: it was changed outside Holdfast.`);
      }
      total += piece.byteLength;
      if (total > ref.size) throw new VaultError('tampered', `${name} holds more than the ${ref.size} bytes captured: it was changed outside Holdfast.`);
      hasher.update(piece);
      yield piece;
    }
    if (total !== ref.size) throw new VaultError('tampered', `${name} holds ${total} bytes, but ${ref.size} were captured: it was changed outside Holdfast.`);
    if (hasher.digestHex() !== ref.sha256) throw new VaultError('tampered', `${name} does not match its hash: it was changed outside Holdfast.`);
  }

  async listByAuthorKey(key: string): Promise<EvidenceRecord[]> {
    const keys = await this.readKeys();
    // Blind keys for sealed rows; the plain key too, for rows not yet converted.
    const wanted = this.held ? [key, await blindKey(this.held.keys.blind, key)] : [key];
    return this.storage.recordsByAuthorKey(wanted, keys);
  }

  async deleteRecord(id: string, reason?: string): Promise<void> {
    const existing = await this.storage.getRecord(id, await this.readKeys());
    if (!existing) throw notFound(id);
    if (existing.deleted) return;
    await this.append(async () => {
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const event = await custodyEvent(heads.custody, 'deleted', id, reason);
      // Sealed before the transaction: records never change except into their tombstone.
      const tomb = tombstone(existing, event.at, reason);
      const [tombRow, eventRow, summaryRow] = await Promise.all([sealRecord(tomb, sealer), sealCustody(event, sealer), sealSummary(summaryOf(tomb), sealer)]);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(view);
        await tx.expectHeads({ custody: heads.custody });
        const current = await tx.recordState(id);
        if (!current) throw notFound(id);
        if (current.deleted) return; // deleted meanwhile elsewhere: nothing to do
        await tx.replaceRecord(tombRow);
        await tx.putSummary(summaryRow);
        await tx.deleteArtifactsOf(id);
        await tx.addCustody(eventRow);
        await tx.setHeads({ custody: headOf(event) });
      });
    });
  }

  async logCustody(action: CustodyAction, recordId?: string, detail?: string): Promise<CustodyEvent> {
    if (!(CUSTODY_ACTIONS as readonly string[]).includes(action)) throw new VaultError('invalid', `"${action}" is not a custody action.`);
    return this.append(async () => {
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const event = await custodyEvent(heads.custody, action, recordId, detail);
      const row = await sealCustody(event, sealer);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(view);
        await tx.expectHeads({ custody: heads.custody });
        await tx.addCustody(row);
        await tx.setHeads({ custody: headOf(event) });
      });
      return event;
    });
  }

  async custodyLog(): Promise<CustodyEvent[]> {
    return this.storage.custodyEvents(await this.readKeys());
  }

  async importRecord(original: EvidenceRecord, artifacts: ImportedArtifact[], bundle?: string): Promise<EvidenceRecord> {
    try {
      return await this.importChecked(original, artifacts, bundle);
    } finally {
      // A stream nobody read (the record was refused first) is let go.
      for (const a of artifacts) if ('stream' in a) releaseSource(a.stream);
    }
  }

  private async importChecked(original: EvidenceRecord, artifacts: ImportedArtifact[], bundle?: string): Promise<EvidenceRecord> {
    const label = describe(original);
    if (!original || typeof original.id !== 'string' || !Number.isInteger(original.seq) || original.seq < 1) {
      throw new VaultError('invalid', 'This is not a Holdfast evidence record (no id or position in a chain).');
    }
    if (!isHash(original.chain?.prevHash) || !isHash(original.chain?.recordHash)) {
      throw new VaultError('invalid', `${label} has no valid chain link.`);
    }
    if (original.deleted) {
      // A tombstone's hash cannot be recomputed, so it must carry nothing a hash would have covered:
      // otherwise a crafted bundle could bring unverified content in under a "deleted" mark.
      const extra = tombstoneContent(original);
      if (extra.length || artifacts.length) {
        throw new VaultError('invalid', `${label} is marked deleted but still carries ${[...extra, ...(artifacts.length ? ['files'] : [])].join(', ')}: nothing can verify that content, so it was not imported.`);
      }
    }
    const { whole, streamed } = await checkImportedArtifacts(original, artifacts, label);
    if (!original.deleted && (await hashRecord(original)) !== original.chain.recordHash) {
      throw new VaultError('invalid', `${label} does not match its own hash: it was changed after capture.`);
    }
    if (await this.storage.hasRecord(original.id)) {
      throw new VaultError('conflict', `${label} is already in this vault.`);
    }

    // Large streamed files go to the chunks store first, each chunk in its own transaction; the record's
    // transaction below links them. Whatever fails, the chunks written here are deleted again.
    const written: string[] = [];
    try {
      const stored: StoredArtifact[] = [...whole];
      const chunked: ChunkedArtifact[] = [];
      // Before a large file is written, what imports cut short left behind goes (cheap: chunk keys only).
      if (streamed.some((a) => a.ref.size > this.chunkBytes())) await this.cleanOrphanChunks();
      for (const { ref, source } of streamed) {
        const result = await this.storeStream(original.id, ref, source, label, written);
        if ('bytes' in result) stored.push(result);
        else chunked.push(result);
      }
      return await this.linkImported(original, stored, chunked, label, bundle);
    } catch (error) {
      for (const aid of written) await this.storage.discardChunks(aid).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Reads a streamed artifact, hashing as it goes: one that fits in a chunk comes back whole (stored as one row like
   * any other), a larger one is written chunk by chunk and comes back as its chunk count. VaultError 'invalid' unless
   * the stream gives exactly `ref.size` bytes hashing to `ref.sha256` (checked before anything links the chunks).
   */
  private async storeStream(
    recordId: string,
    ref: ArtifactRef,
    source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
    label: string,
    written: string[],
  ): Promise<StoredArtifact | ChunkedArtifact> {
    const size = ref.size;
    const mismatch = () => new VaultError('invalid', `The file "${ref.filename}" of ${label} does not match its hash: it was changed.`);
    if (!Number.isSafeInteger(size) || size < 0) throw mismatch();
    const per = this.chunkBytes();
    const hasher = createSha256();
    let total = 0;
    if (size <= per) {
      const bytes = new Uint8Array(size);
      for await (const piece of readSource(source)) {
        if (total + piece.byteLength > size) throw mismatch();
        bytes.set(piece, total);
        total += piece.byteLength;
        hasher.update(piece);
      }
      if (total !== size || hasher.digestHex() !== ref.sha256) throw mismatch();
      return { ref, recordId, bytes };
    }
    if (await this.storage.artifactIdTaken(ref.id)) throw new VaultError('conflict', `The file "${ref.filename}" of ${label} is already in this vault.`);
    const n = Math.ceil(size / per);
    let i = 0;
    let fill = 0;
    // One buffer, reused: a chunk is copied by IndexedDB (or sealed into a new buffer) when it is written.
    let chunk = new Uint8Array(per);
    for await (const piece of readSource(source)) {
      if (total + piece.byteLength > size) throw mismatch();
      hasher.update(piece);
      total += piece.byteLength;
      let offset = 0;
      while (offset < piece.byteLength) {
        const want = i === n - 1 ? size - i * per : per;
        if (chunk.byteLength !== want) chunk = new Uint8Array(want);
        const take = Math.min(want - fill, piece.byteLength - offset);
        chunk.set(piece.subarray(offset, offset + take), fill);
        fill += take;
        offset += take;
        if (fill === want) {
          await this.putChunk(ref.id, i, i === n - 1, chunk);
          if (i === 0) written.push(ref.id);
          i += 1;
          fill = 0;
        }
      }
    }
    if (total !== size || i !== n || hasher.digestHex() !== ref.sha256) throw mismatch();
    return { ref, recordId, chunks: n };
  }

  /** Seals and writes one chunk with the keys of the moment (retried if they change under it). */
  private putChunk(aid: string, i: number, last: boolean, bytes: Uint8Array): Promise<void> {
    return retryOnStaleHead(async () => {
      const { view, sealer } = await this.writeView();
      const row = await sealChunk(aid, i, last, bytes, sealer);
      await this.storage.putChunk(row, view, Date.now());
    });
  }

  private chunkBytes(): number {
    const n = this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_CHUNK_BYTES;
  }

  /** Deletes chunks of imports cut short (no record links them, nothing written for a while). Never fails. */
  async cleanOrphanChunks(): Promise<number> {
    try {
      return await this.storage.cleanOrphanChunks(Date.now() - (this.options.orphanChunksAfterMs ?? DEFAULT_ORPHAN_CHUNKS_AFTER_MS));
    } catch {
      return 0;
    }
  }

  /** The record's transaction of an import: the record, its whole artifacts, the links to its chunked ones. */
  private linkImported(original: EvidenceRecord, stored: StoredArtifact[], chunked: ChunkedArtifact[], label: string, bundle?: string): Promise<EvidenceRecord> {
    return this.append(async () => {
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const continuesChain = heads.record.hash === original.chain.prevHash && heads.record.seq + 1 === original.seq;
      let record: EvidenceRecord;
      if (continuesChain) {
        record = original;
      } else {
        // A tombstone has no content left to re-hash: it can only be restored in its original place.
        if (original.deleted) {
          throw new VaultError('invalid', `${label} was deleted and cannot be placed in another vault's chain.`);
        }
        record = {
          ...original,
          seq: heads.record.seq + 1,
          chain: { prevHash: heads.record.hash, recordHash: '' },
          imported: {
            at: new Date().toISOString(),
            ...(bundle !== undefined && { bundle }),
            originalSeq: original.seq,
            originalPrevHash: original.chain.prevHash,
            originalRecordHash: original.chain.recordHash,
          },
        };
        record.chain.recordHash = await hashRecord(record);
      }
      const detail = [
        continuesChain ? `kept as record #${record.seq}` : `re-linked from #${original.seq} as #${record.seq}`,
        bundle && `from ${bundle}`,
      ]
        .filter(Boolean)
        .join(' ');
      const event = await custodyEvent(heads.custody, 'imported', record.id, detail);
      await this.writeRecordRows({ view, heads, record, event, whole: stored, chunked, sealer });
      return record;
    });
  }

  async verify(): Promise<VerifyReport> {
    const keys = await this.readKeys();
    const { heads, records, custody, unreadable } = await this.storage.snapshot(keys);
    const problems: VerifyProblem[] = unreadable.map((u) =>
      u.store === 'records'
        ? { code: 'record-hash' as const, seq: u.seq, ...(u.id !== undefined && { recordId: u.id }), message: u.message }
        : { code: 'custody-break' as const, seq: u.seq, message: u.message },
    );
    let artifactCount = 0;
    let deletedCount = 0;
    // Records whose tombstone (or restored tombstone) is accounted for in the custody log.
    const explained = new Set(
      custody.filter((e) => e.action === 'deleted' || e.action === 'imported').map((e) => e.recordId),
    );

    let prev: EvidenceRecord | undefined;
    let expected = 1;
    for (const record of records) {
      const label = describe(record);
      if (!Number.isInteger(record.seq) || record.seq < 1) {
        problems.push({
          code: 'record-extra',
          recordId: record.id,
          message: `${label} has no valid place in the chain (position ${String(record.seq)}).`,
        });
        continue;
      }
      if (record.seq > expected) {
        const range = record.seq - 1 === expected ? `Record #${expected} is` : `Records #${expected} to #${record.seq - 1} are`;
        problems.push({
          code: 'record-missing',
          seq: expected,
          message: `${range} missing: removed outside Holdfast.`,
        });
      }

      if (record.deleted) {
        deletedCount += 1;
        if (!explained.has(record.id)) {
          problems.push({
            code: 'record-hash',
            seq: record.seq,
            recordId: record.id,
            message: `${label} is marked deleted, but the custody log has no deletion for it: it was changed outside Holdfast.`,
          });
        }
      } else {
        let actual: string | undefined;
        try {
          actual = await computeRecordHash(record);
        } catch {
          actual = undefined;
        }
        if (actual !== record.chain?.recordHash) {
          problems.push({
            code: 'record-hash',
            seq: record.seq,
            recordId: record.id,
            message: `${label} does not match its hash: its content was changed after capture.`,
          });
        }
      }

      // The link is checked only against the record directly before; across a gap the
      // 'record-missing' problem already explains the break.
      const expectedPrev = record.seq === 1 ? GENESIS_HASH : prev?.seq === record.seq - 1 ? prev.chain.recordHash : undefined;
      if (expectedPrev !== undefined && record.chain?.prevHash !== expectedPrev) {
        problems.push({
          code: 'chain-break',
          seq: record.seq,
          recordId: record.id,
          message:
            record.seq === 1
              ? `${label} should start the chain but points to an earlier record.`
              : `${label} does not link to record #${record.seq - 1}: records were reordered, replaced or removed.`,
        });
      }

      if (!record.deleted) {
        for (const ref of record.artifacts ?? []) {
          artifactCount += 1;
          const problem = await this.checkArtifact(record, ref);
          if (problem) problems.push(problem);
        }
      }
      prev = record;
      expected = record.seq + 1;
    }

    this.checkHead(heads.record, records, problems);
    // Every capture or import in the custody log must still have its record (or tombstone). This
    // catches removal of the newest records even when the head was rewound to hide it. Reported
    // only when the chain itself showed no removal, so one removal is not reported twice.
    if (!problems.some((p) => p.code === 'record-missing' || p.code === 'head-mismatch')) {
      const present = new Set(records.map((r) => r.id));
      for (const event of custody) {
        if (RECORD_ACTIONS.includes(event.action) && event.recordId && !present.has(event.recordId)) {
          problems.push({
            code: 'record-missing',
            recordId: event.recordId,
            message: `The custody log shows record ${event.recordId} was ${event.action} (entry #${event.seq}), but it is no longer in the vault: removed outside Holdfast.`,
          });
        }
      }
    }
    await checkCustody(custody, heads.custody, problems);
    await this.signedHeadProblems(records, problems);
    await this.timestampProblems(records, problems);

    return {
      ok: problems.length === 0,
      records: records.length,
      artifacts: artifactCount,
      deleted: deletedCount,
      problems,
      headHash: heads.record.hash,
      checkedAt: new Date().toISOString(),
    };
  }

  close(): void {
    this.storage.close();
  }

  // ---- Signing (issue #15) ----
  //
  // One ECDSA P-256 key per vault, made at first use. A plain vault stores the private key as a non-extractable
  // CryptoKey. An encrypted vault stores only its pkcs8 sealed with the data key (made extractable for that one
  // export, then opened as a non-extractable key while unlocked). A plain vault's key cannot be sealed when
  // encryption is turned on (it cannot be exported), so a new sealed key replaces it and the old key signs a
  // statement naming the new one (`previous[].endorsement`); turning encryption off keeps the key, stored plain again.
  // After every append the current record head is signed (meta 'headSig'); heads added while an encrypted vault is
  // locked are signed at the next unlock (signing the newest head covers every record before it through the chain).

  /** The signing key, opened or made; undefined while an encrypted vault is locked. */
  private async openSigner(): Promise<{ key: CryptoKey; row: SigningKeyRow } | undefined> {
    const [row, keyring] = await Promise.all([this.storage.signing(), this.storage.keyring()]);
    const held = keyring && this.held?.keyId === keyring.keyId ? this.held : undefined;
    if (keyring && !held) return undefined;
    if (row && this.signer?.fingerprint === row.fingerprint) {
      if (!keyring && row.privateKey) return { key: row.privateKey, row };
      if (keyring && row.sealed && row.keyId === keyring.keyId) return { key: this.signer.key, row };
    }
    if (row && !keyring && row.privateKey) {
      this.signer = { key: row.privateKey, fingerprint: row.fingerprint, sealed: false };
      return { key: row.privateKey, row };
    }
    if (row && held && row.sealed && row.keyId === held.keyId) {
      try {
        const pkcs8 = await openSealed(held.keys.seal, row.sealed, signingAad(held.keyId));
        const key = await importPrivateKey(pkcs8).finally(() => pkcs8.fill(0));
        this.signer = { key, fingerprint: row.fingerprint, sealed: true };
        return { key, row };
      } catch {
        // A sealed key that does not open with this vault's key was changed outside Holdfast: replaced below.
      }
    }
    // No key yet, or one this mode cannot use (a plain key after encryption was turned on, a sealed one after it was
    // turned off elsewhere): a new key, endorsed by the old one where this context can still sign with it.
    const pair = await generateSigningKeyPair(!!held);
    const fp = keyFingerprint(pair.spki);
    const now = new Date().toISOString();
    const previous = row ? [...(row.previous ?? [])] : [];
    if (row) {
      const oldKey = row.privateKey ?? (this.signer?.fingerprint === row.fingerprint ? this.signer.key : undefined);
      const endorsement = oldKey ? await signStatement(oldKey, { type: 'holdfast-key-replaced', from: row.fingerprint, to: fp, at: now }) : undefined;
      previous.push({ spki: row.spki, fingerprint: row.fingerprint, until: now, ...(endorsement && { endorsement }) });
    }
    let next: SigningKeyRow;
    let key: CryptoKey;
    if (held) {
      // The extractable key is exported once to be sealed; this context then uses a non-extractable copy of it.
      const pkcs8 = await exportPrivateKey(pair.privateKey);
      try {
        next = { spki: pair.spki, fingerprint: fp, createdAt: now, sealed: await seal(held.keys.seal, pkcs8, signingAad(held.keyId)), keyId: held.keyId, previous };
        key = await importPrivateKey(pkcs8);
      } finally {
        pkcs8.fill(0);
      }
    } else {
      next = { spki: pair.spki, fingerprint: fp, createdAt: now, privateKey: pair.privateKey, previous };
      key = pair.privateKey;
    }
    const stored = await this.storage.write(async (tx) => {
      const current = await tx.signing();
      // Another context made or replaced the key meanwhile: use theirs.
      if ((current?.fingerprint ?? undefined) !== (row?.fingerprint ?? undefined)) return false;
      await tx.putSigning(next);
      return true;
    });
    if (!stored) return this.openSigner();
    this.signer = { key, fingerprint: fp, sealed: !!held };
    return { key, row: next };
  }

  /** After a conversion to plaintext: the sealed key this context held is stored as a non-extractable key. */
  private async keepSignerPlain(carried: { key: CryptoKey; row: SigningKeyRow }): Promise<void> {
    if (await this.storage.keyring()) return;
    await this.storage.write(async (tx) => {
      const current = await tx.signing();
      if (current?.fingerprint !== carried.row.fingerprint || !current.sealed) return;
      const { sealed: _sealed, keyId: _keyId, ...rest } = current;
      await tx.putSigning({ ...rest, privateKey: carried.key });
    });
    this.signer = { key: carried.key, fingerprint: carried.row.fingerprint, sealed: false };
  }

  /** Signs the current record head unless it is signed already; returns the stored signed head. */
  private async signHead(): Promise<SignedHead | undefined> {
    const [heads, signed] = await Promise.all([this.storage.heads(), this.storage.headSignature()]);
    if (heads.record.seq === 0) return signed;
    if (signed && signed.seq === heads.record.seq && signed.hash === heads.record.hash) return signed;
    const signer = await this.openSigner();
    if (!signer) return signed;
    const next: SignedHead = { ...heads.record, sig: await signStatement(signer.key, headStatement(heads.record.seq, heads.record.hash)), at: new Date().toISOString() };
    const stored = await this.storage.write(async (tx) => {
      const now = await tx.expectHeads({});
      if (now.record.seq !== next.seq || now.record.hash !== next.hash) return false; // moved on: the next append signs
      await tx.putHeadSignature(next);
      return true;
    });
    return stored ? next : this.storage.headSignature();
  }

  /** signHead for after a write: a signature that cannot be made now is made by a later write, unlock or export. */
  private async signHeadQuietly(): Promise<void> {
    await this.signHead().catch(() => undefined);
  }

  async signingIdentity(): Promise<SigningIdentity | undefined> {
    const row = (await this.openSigner())?.row ?? (await this.storage.signing());
    return row && identityOf(row);
  }

  async signedHead(): Promise<SignedHead | undefined> {
    const run = this.queue.then(() => this.signHead());
    this.queue = run.catch(() => undefined);
    return run;
  }

  async signExportStatement(statement: ExportStatementInput): Promise<{ signature: string; identity: SigningIdentity }> {
    if (!statement || typeof statement !== 'object' || statement.type !== 'holdfast-export-statement') {
      throw new VaultError('invalid', 'Only an export statement can be signed with the vault key.');
    }
    const signer = await this.openSigner();
    if (!signer) throw lockedError();
    return { signature: await signStatement(signer.key, statement), identity: identityOf(signer.row) };
  }

  async signWaczDigest(hash: string): Promise<{ signature: string; identity: SigningIdentity }> {
    if (typeof hash !== 'string' || !WACZ_DIGEST_PATTERN.test(hash)) {
      throw new VaultError('invalid', 'Only a WACZ datapackage hash ("sha256:" and 64 hex digits) can be signed that way with the vault key.');
    }
    const signer = await this.openSigner();
    if (!signer) throw lockedError();
    return { signature: await signWaczDigest(signer.key, hash), identity: identityOf(signer.row) };
  }

  async timestampTarget(): Promise<{ seq: number; hash: string } | undefined> {
    const { record } = await this.storage.heads();
    return record.seq === 0 ? undefined : { seq: record.seq, hash: record.hash };
  }

  async addTimestamp(head: { seq: number; hash: string }, reply: Uint8Array, from: { url: string; nonce?: string }): Promise<StoredTimestamp> {
    if (!head || !Number.isInteger(head.seq) || head.seq < 1 || typeof head.hash !== 'string' || !/^[0-9a-f]{64}$/.test(head.hash)) {
      throw new VaultError('invalid', 'A time-stamp covers a chain head: a seq from 1 and a 64-digit hash.');
    }
    const { record } = await this.storage.heads();
    if (head.seq > record.seq) throw new VaultError('invalid', `The time-stamp names head #${head.seq}, past this vault's last record (#${record.seq}).`);
    // The current head is compared directly; an older one (the chain moved on while the authority answered) by its
    // record's chain hash when the record can be read (an encrypted vault's records cannot while locked: verify() checks
    // every stored token against the chain once they can).
    if (head.seq === record.seq && head.hash !== record.hash) throw new VaultError('invalid', `The time-stamp's head #${head.seq} is not this vault's head.`);
    if (head.seq < record.seq) {
      const rec = (await this.storage.listRecords({ beforeSeq: head.seq + 1, limit: 1, includeDeleted: true }, this.lookup).catch(() => []))[0];
      if (rec && (rec.seq !== head.seq || rec.chain.recordHash !== head.hash)) throw new VaultError('invalid', `The time-stamp's head #${head.seq} is not a head of this vault's chain.`);
    }
    const checked = await checkTimeStampToken(reply, { sha256: imprintOfHead(head.hash), ...(from.nonce !== undefined ? { nonce: from.nonce } : {}) });
    if (!checked.ok) throw new VaultError('invalid', `The time-stamp was not kept: ${checked.problem}.`);
    const row: StoredTimestamp = {
      seq: head.seq,
      hash: head.hash,
      token: reply.slice(),
      genTime: checked.time.genTime,
      tsaName: checked.time.tsaName,
      serial: checked.time.serial,
      url: from.url,
      receivedAt: new Date().toISOString(),
    };
    await this.storage.putTimestamp(row);
    return row;
  }

  timestamps(): Promise<StoredTimestamp[]> {
    return this.storage.timestamps();
  }

  /** Problems of the stored signed head: its signature, and whether the chain still reaches and holds it. */
  private async signedHeadProblems(records: EvidenceRecord[], problems: VerifyProblem[]): Promise<void> {
    const [signed, row] = await Promise.all([this.storage.headSignature(), this.storage.signing()]);
    if (!signed) return;
    const keys = row ? [row.spki, ...(row.previous ?? []).map((p) => p.spki)] : [];
    let valid = false;
    for (const spki of keys) {
      if (await verifyStatement(await importPublicKey(spki), headStatement(signed.seq, signed.hash), signed.sig)) {
        valid = true;
        break;
      }
    }
    if (!valid) {
      problems.push({ code: 'signature', seq: signed.seq, message: `The signed chain head (record #${signed.seq}) does not verify with this vault’s key: it was changed outside Holdfast.` });
      return;
    }
    const last = records.at(-1)?.seq ?? 0;
    if (signed.seq > last) {
      const from = last + 1;
      problems.push({
        code: 'signature',
        seq: from,
        message: `The last signed chain head is record #${signed.seq}, but the chain ends at #${last}: ${from === signed.seq ? `record #${from} is` : `records #${from} to #${signed.seq} are`} missing (removed outside Holdfast).`,
      });
      return;
    }
    const at = records.find((r) => r.seq === signed.seq);
    if (at && at.chain.recordHash !== signed.hash) {
      problems.push({ code: 'signature', seq: signed.seq, recordId: at.id, message: `Record #${signed.seq} is not the record whose chain head was signed: the chain was rewritten outside Holdfast.` });
    }
  }

  /**
   * Trusted time (issue #15): every stored token must name a head the chain still has and hold for its hash; a token past
   * the chain's end shows records removed after an authority saw them.
   */
  private async timestampProblems(records: EvidenceRecord[], problems: VerifyProblem[]): Promise<void> {
    const stamps = await this.storage.timestamps();
    const last = records.at(-1)?.seq ?? 0;
    for (const s of stamps) {
      if (s.seq > last) {
        problems.push({ code: 'timestamp', seq: s.seq, message: `${s.tsaName} confirmed chain head #${s.seq} at ${s.genTime}, but the chain ends at #${last}: records were removed outside Holdfast.` });
        continue;
      }
      const at = records.find((r) => r.seq === s.seq);
      if (at && at.chain.recordHash !== s.hash) {
        problems.push({ code: 'timestamp', seq: s.seq, recordId: at.id, message: `Record #${s.seq} is not the one ${s.tsaName} confirmed at ${s.genTime}: the chain was rewritten outside Holdfast.` });
        continue;
      }
      const checked = await checkTimeStampToken(s.token, { sha256: imprintOfHead(s.hash) });
      if (!checked.ok) problems.push({ code: 'timestamp', seq: s.seq, message: `The trusted-time token of head #${s.seq} does not hold: ${checked.problem}.` });
    }
  }

  // ---- Case file (issue #13) ----

  /**
   * Every record's summary, newest first; journal versions other than an entry's latest marked `superseded`.
   * Summaries missing for records sealed when migration 0006 ran are filled here first (needs the vault unlocked).
   */
  async summaries(options: { newest?: number; after?: number } = {}): Promise<CaseSummary[]> {
    await this.readKeys();
    let summaries: CaseSummary[];
    if (options.newest !== undefined || options.after !== undefined) {
      // No packs and no pack writing: a few rows, opened one by one; the whole read keeps the packs up to date.
      const rows = options.after !== undefined ? await this.storage.summaryRowsAfter(options.after) : await this.storage.newestSummaryRows(options.newest as number);
      summaries = await this.openSummaries(rows, [], false);
    } else {
      let read = await this.storage.summaryRows();
      if (read.missing.length) {
        await this.fillSummaries(read.missing);
        read = await this.storage.summaryRows();
      }
      summaries = await this.openSummaries(read.rows, read.packs);
    }
    const latest = new Map<string, number>();
    for (const s of summaries) {
      if (s.journal) latest.set(s.journal.entryId, Math.max(latest.get(s.journal.entryId) ?? 0, s.journal.version));
    }
    return summaries.map((s) => {
      if (!s.journal) return s;
      const { superseded: _stored, ...journal } = s.journal;
      return { ...s, journal: (latest.get(journal.entryId) ?? 0) > journal.version ? { ...journal, superseded: true } : journal };
    });
  }

  /**
   * Opens summary rows: plaintext ones as they are, sealed ones from the summary packs when the pack names the very
   * row (its key and nonce), the rest one by one; then, if many were opened one by one, writes new packs (best effort:
   * a pack is only a cache). A row that does not open is left out (verify() reports its record).
   */
  private async openSummaries(rows: SummaryRow[], packs: SummaryPackRow[], writePacks = true): Promise<CaseSummary[]> {
    const held = this.held;
    const packed = new Map<string, CaseSummary>();
    if (held && packs.length && rows.some((r) => isSealed(r))) {
      for (const pack of packs) {
        try {
          const entries = await openJson<Array<{ f: string; s: CaseSummary }>>(held.keys.seal, pack.s, summaryPackAad(pack.id, held.keyId));
          for (const e of entries) packed.set(e.f, e.s);
        } catch {
          // another key's, or changed: ignored (the rows open one by one)
        }
      }
    }
    let single = 0;
    const out: Array<CaseSummary | undefined> = new Array(rows.length);
    const pending: Promise<void>[] = [];
    for (const [i, row] of rows.entries()) {
      const f = isSealed(row) ? rowPrint(row as { k: string; s: Uint8Array }) : undefined;
      const hit = f !== undefined ? packed.get(f) : undefined;
      if (hit && hit.id === row.id && hit.seq === row.seq) {
        out[i] = hit;
        continue;
      }
      if (f !== undefined) single += 1;
      pending.push(
        openSummary(row, this.lookup).then(
          (s) => {
            out[i] = s;
          },
          async (error: unknown) => {
            if (!(error instanceof VaultError) || error.code !== 'tampered') throw error;
            // A summary changed outside Holdfast: rebuilt from its record for this read (verify() judges the record).
            const record = await this.storage.getRecord(row.id, this.lookup).catch(() => undefined);
            if (record) out[i] = summaryOf(record);
          },
        ),
      );
    }
    await Promise.all(pending);
    if (writePacks && held && single >= SUMMARY_PACK_AFTER) await this.writeSummaryPacks(rows, out, held).catch(() => undefined);
    return out.filter((s): s is CaseSummary => s !== undefined);
  }

  private async writeSummaryPacks(rows: SummaryRow[], opened: Array<CaseSummary | undefined>, held: HeldKey): Promise<void> {
    const entries: Array<{ f: string; s: CaseSummary }> = [];
    for (const [i, row] of rows.entries()) {
      const s = opened[i];
      if (s && isSealed(row) && (row as { k: string }).k === 'dk') entries.push({ f: rowPrint(row as { k: string; s: Uint8Array }), s });
    }
    const packs: SummaryPackRow[] = [];
    for (let at = 0, n = 0; at < entries.length; at += SUMMARY_PACK_SIZE, n++) {
      const id = `summary-pack:${n}`;
      packs.push({ id, s: await sealJson(held.keys.seal, entries.slice(at, at + SUMMARY_PACK_SIZE), summaryPackAad(id, held.keyId)) });
    }
    const keyring = await this.storage.keyring();
    if (!keyring || keyring.keyId !== held.keyId || keyring.converting) return;
    await this.storage.write(async (tx) => {
      await tx.expectKeys({ rev: keyring.rev, keyId: keyring.keyId });
      await tx.replaceSummaryPacks(packs);
    });
  }

  /** Writes the summaries of records that have none (sealed at upgrade time), a page at a time. */
  private async fillSummaries(ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += DROP_PAGE) {
      const page = ids.slice(at, at + DROP_PAGE);
      const records: EvidenceRecord[] = [];
      for (const id of page) {
        try {
          const r = await this.storage.getRecord(id, this.lookup);
          if (r) records.push(r);
        } catch (error) {
          if (!(error instanceof VaultError) || error.code !== 'tampered') throw error; // verify() reports it
        }
      }
      if (!records.length) continue;
      try {
        await retryOnStaleHead(async () => {
          const { view, sealer } = await this.writeView();
          const rows = await Promise.all(records.map((r) => sealSummary(summaryOf(r), sealer)));
          await this.storage.write(async (tx) => {
            await tx.expectKeys(view);
            for (const [i, row] of rows.entries()) await tx.addMissingSummary(row, !!records[i]?.deleted);
          });
        });
      } catch (error) {
        // Best effort (e.g. a record row changed outside Holdfast into another's place): the list goes on without them.
        if (!(error instanceof VaultError) || (error.code !== 'conflict' && error.code !== 'unknown')) throw error;
      }
    }
  }

  /**
   * Seals a record, its artifacts, summary and custody event, and writes them with the new heads in ONE transaction
   * that first checks the keyring and the heads are still those the record was built on (else it aborts and the
   * caller's append retries).
   */
  private async writeRecordRows(w: {
    view: KeyView;
    heads: Heads;
    record: EvidenceRecord;
    event: CustodyEvent;
    whole: StoredArtifact[];
    chunked: ChunkedArtifact[];
    sealer: Sealer | undefined;
  }): Promise<void> {
    const { view, heads, record, event, whole, chunked, sealer } = w;
    const [recordRow, eventRow, summaryRow, artifactRows, chunkedRows] = await Promise.all([
      sealRecord(record, sealer),
      sealCustody(event, sealer),
      sealSummary(summaryOf(record), sealer),
      Promise.all(whole.map((a) => sealArtifact(a, sealer))),
      Promise.all(chunked.map((a) => sealChunkedArtifact(a.ref, a.recordId, a.chunks, sealer))),
    ]);
    await this.storage.write(async (tx) => {
      await tx.expectKeys(view);
      await tx.expectHeads(heads);
      await tx.addRecord(recordRow);
      for (const row of artifactRows) await tx.addArtifact(row);
      for (const [i, row] of chunkedRows.entries()) {
        await tx.expectChunks(row.ref.id, (chunked[i] as ChunkedArtifact).chunks);
        await tx.addArtifact(row);
      }
      await tx.putSummary(summaryRow);
      await tx.addCustody(eventRow);
      await tx.setHeads({ record: headOf(record), custody: headOf(event) });
    });
  }

  /** Appends a record the vault built (journal entry, added file) with its summary and custody event, in one transaction. */
  private commitRecord(
    build: (heads: { record: Head }) => Promise<{
      record: Omit<EvidenceRecord, 'seq' | 'chain'>;
      whole?: StoredArtifact[];
      chunked?: ChunkedArtifact[];
      action: CustodyAction;
      detail: (record: EvidenceRecord) => string;
    }>,
  ): Promise<EvidenceRecord> {
    return this.append(async () => {
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const plan = await build(heads);
      const record = { ...plan.record, seq: heads.record.seq + 1, chain: { prevHash: heads.record.hash, recordHash: '' } } as EvidenceRecord;
      record.chain.recordHash = await hashRecord(record);
      const event = await custodyEvent(heads.custody, plan.action, record.id, plan.detail(record));
      const whole = plan.whole ?? [];
      const chunked = plan.chunked ?? [];
      await this.writeRecordRows({ view, heads, record, event, whole, chunked, sealer });
      return record;
    });
  }

  /** Checks a journal entry's person and links against the vault; returns the person's name at this time. */
  private async checkJournalRefs(entry: CheckedJournal, keys: KeyLookup): Promise<string | undefined> {
    let personName: string | undefined;
    if (entry.personId) {
      const person = (await this.storage.people(keys)).find((p) => p.id === entry.personId);
      if (!person) throw new VaultError('invalid', 'The person this entry is about is not in the vault (they may have been deleted). Choose someone else or nobody.');
      personName = person.name;
    }
    if (entry.links.length) {
      const found = await this.storage.existingRecords(entry.links);
      const absent = entry.links.filter((l) => !found.has(l));
      if (absent.length) throw new VaultError('invalid', `This entry links to ${absent.length === 1 ? 'a record' : `${absent.length} records`} not in the vault (${absent.slice(0, 3).join(', ')}).`);
    }
    return personName;
  }

  /** The summaries of an entry's versions, oldest first (VaultError 'not-found' if there are none). */
  private async entryVersions(entryId: string, keys: KeyLookup): Promise<CaseSummary[]> {
    if (typeof entryId !== 'string' || !entryId) throw new VaultError('not-found', 'There is no such journal entry.');
    const versions = (await this.storage.entrySummaries(entryId, keys)).filter((s) => s.journal && !s.deleted);
    if (!versions.length) throw new VaultError('not-found', 'There is no such journal entry in the vault (it may have been deleted).');
    return versions.sort((a, b) => (a.journal?.version ?? 0) - (b.journal?.version ?? 0));
  }

  async addJournalEntry(entry: JournalInput, tool: ToolInfo): Promise<EvidenceRecord> {
    const checked = checkJournal(entry);
    const keys = await this.readKeys();
    const personName = await this.checkJournalRefs(checked, keys);
    const id = globalThis.crypto.randomUUID();
    const entryId = globalThis.crypto.randomUUID();
    const now = new Date();
    const record = journalRecord(checked, { id, entryId, version: 1, ...(personName !== undefined && { personName }) }, now, tool);
    return this.commitRecord(async () => ({ record, action: 'journal-added', detail: (r) => `journal entry ${entryId} version 1: record #${r.seq} ${r.chain.recordHash}` }));
  }

  async editJournalEntry(entryId: string, entry: JournalInput, tool: ToolInfo): Promise<EvidenceRecord> {
    const checked = checkJournal(entry);
    const keys = await this.readKeys();
    await this.entryVersions(entryId, keys);
    const personName = await this.checkJournalRefs(checked, keys);
    const id = globalThis.crypto.randomUUID();
    const now = new Date();
    return this.commitRecord(async () => {
      // Read inside the attempt: an edit elsewhere meanwhile moves the head, and this one follows it.
      const last = (await this.entryVersions(entryId, keys)).at(-1) as CaseSummary;
      const version = (last.journal?.version ?? 0) + 1;
      const record = journalRecord(checked, { id, entryId, version, supersedes: last.id, ...(personName !== undefined && { personName }) }, now, tool);
      return { record, action: 'journal-edited', detail: (r) => `journal entry ${entryId} version ${version} replaces record ${last.id}: record #${r.seq} ${r.chain.recordHash}` };
    });
  }

  async journalVersions(entryId: string): Promise<EvidenceRecord[]> {
    const keys = await this.readKeys();
    const versions = await this.entryVersions(entryId, keys);
    const records = await Promise.all(versions.map((v) => this.storage.getRecord(v.id, keys)));
    return records.filter((r): r is EvidenceRecord => !!r && !r.deleted && !!r.journal).sort((a, b) => (a.journal?.version ?? 0) - (b.journal?.version ?? 0));
  }

  async addFile(file: AddedFileInput, tool: ToolInfo, options: { entryId?: string } = {}): Promise<EvidenceRecord> {
    checkFile(file);
    const keys = await this.readKeys();
    const entryId = options.entryId;
    if (entryId !== undefined) {
      try {
        await this.entryVersions(entryId, keys);
      } catch (error) {
        if (error instanceof VaultError && error.code === 'not-found') throw new VaultError('invalid', 'The journal entry this file was to be added to is not in the vault, so the file was not added.');
        throw error;
      }
    }
    const id = globalThis.crypto.randomUUID();
    const aid = globalThis.crypto.randomUUID();
    const now = new Date();
    const base = addedFileRecord(file, { id, ...(entryId !== undefined && { entryId }) }, now, tool);
    const written: string[] = [];
    try {
      if (file.size > this.chunkBytes()) await this.cleanOrphanChunks();
      const stored = await this.streamAdded(aid, file, written);
      return await this.commitRecord(async (heads) => {
        const ref: ArtifactRef = { id: aid, role: 'added', mediaType: safeMediaType(file.type), sha256: stored.sha256, size: stored.size, filename: safeFilename(file.name, heads.record.seq + 1) };
        return {
          record: { ...base, artifacts: [ref] },
          ...('bytes' in stored ? { whole: [{ ref, recordId: id, bytes: stored.bytes }] } : { chunked: [{ ref, recordId: id, chunks: stored.chunks }] }),
          action: 'file-added',
          detail: (r) => `file ${aid} (${stored.size} bytes, sha256 ${stored.sha256}): record #${r.seq} ${r.chain.recordHash}`,
        };
      });
    } catch (error) {
      for (const a of written) await this.storage.discardChunks(a).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Reads an added file's stream once, hashing it: a file that fits in one chunk comes back whole, a larger one is
   * written chunk by chunk and comes back as its chunk count (memory: two chunk buffers, plus a copy of the whole for
   * WebCrypto's digest up to WHOLE_HASH_MAX; beyond, the hash is incremental and memory stays bounded). VaultError
   * 'invalid' when the stream gives more or fewer bytes than the file's size.
   */
  private async streamAdded(aid: string, file: AddedFileInput, written: string[]): Promise<{ sha256: string; size: number } & ({ bytes: Uint8Array } | { chunks: number })> {
    const size = file.size;
    const per = this.chunkBytes();
    const changed = (got: string) => new VaultError('invalid', `The file changed while it was being added (its size was given as ${size} bytes, but ${got} were read), so nothing was added. Try again.`);
    if (size > per && size <= WHOLE_HASH_MAX && typeof file.arrayBuffer === 'function') {
      let whole: Uint8Array;
      try {
        whole = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        throw new VaultError('unknown', `The file could not be read, so nothing was added: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (whole.byteLength !== size) throw changed(String(whole.byteLength));
      return { sha256: await this.storeWhole(aid, whole, written), size, chunks: Math.ceil(size / per) };
    }
    let stream: ReadableStream<Uint8Array>;
    try {
      stream = file.stream();
    } catch (error) {
      throw new VaultError('unknown', `The file could not be read, so nothing was added: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    let total = 0;
    const reading = async function* (): AsyncGenerator<Uint8Array> {
      try {
        for await (const piece of readSource(stream)) yield piece;
      } catch (error) {
        if (error instanceof VaultError) throw error;
        throw new VaultError('unknown', `The file could not be read to the end, so nothing was added: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };
    if (size <= per) {
      const bytes = new Uint8Array(size);
      for await (const piece of reading()) {
        if (total + piece.byteLength > size) throw changed('more');
        bytes.set(piece, total);
        total += piece.byteLength;
      }
      if (total !== size) throw changed(String(total));
      return { sha256: await sha256Hex(bytes), size, bytes };
    }
    // Natively over a copy of the whole file up to WHOLE_HASH_MAX (WebCrypto), incrementally beyond.
    const hasher = sizedHasher(size);
    const n = Math.ceil(size / per);
    let i = 0;
    let fill = 0;
    let chunk = new Uint8Array(Math.min(per, size));
    // One chunk is written while the next is read (at most two chunks in memory, besides the hasher's copy of a file
    // up to WHOLE_HASH_MAX); the digest runs while the last chunk is written.
    let pending: Promise<void> | undefined;
    let digesting: Promise<string> | undefined;
    try {
      for await (const piece of reading()) {
        if (total + piece.byteLength > size) throw changed('more');
        hasher.update(piece);
        total += piece.byteLength;
        let offset = 0;
        while (offset < piece.byteLength) {
          const want = i === n - 1 ? size - i * per : per;
          const take = Math.min(want - fill, piece.byteLength - offset);
          chunk.set(piece.subarray(offset, offset + take), fill);
          fill += take;
          offset += take;
          if (fill === want) {
            if (i === 0) written.push(aid);
            await pending;
            pending = this.putChunk(aid, i, i === n - 1, chunk);
            i += 1;
            fill = 0;
            if (i < n) chunk = new Uint8Array(i === n - 1 ? size - i * per : per);
          }
        }
      }
      if (total === size && i === n) digesting = hasher.digest();
      await pending;
    } catch (error) {
      await pending?.catch(() => undefined);
      throw error;
    }
    if (total !== size || i !== n || !digesting) throw changed(String(total));
    return { sha256: await digesting, size, chunks: n };
  }

  /**
   * Writes a file read whole as chunks (a copy of each, written one after the other while the next is cut) and hashes
   * it with WebCrypto meanwhile; returns the hex SHA-256.
   */
  private async storeWhole(aid: string, whole: Uint8Array, written: string[]): Promise<string> {
    const per = this.chunkBytes();
    const n = Math.ceil(whole.byteLength / per);
    const digesting = sha256Hex(whole);
    let pending: Promise<void> | undefined;
    try {
      for (let i = 0; i < n; i++) {
        // slice, not subarray: IndexedDB would store a view's whole buffer.
        const chunk = whole.slice(i * per, Math.min(whole.byteLength, (i + 1) * per));
        if (i === 0) written.push(aid);
        await pending;
        pending = this.putChunk(aid, i, i === n - 1, chunk);
      }
      await pending;
    } catch (error) {
      await pending?.catch(() => undefined);
      await digesting.catch(() => undefined);
      throw error;
    }
    return digesting;
  }

  // ---- people and notes ----

  /**
   * Changes people and notes and logs each change in the custody chain, in one transaction. `prepare` runs on the
   * people as stored now (again if anything else was logged meanwhile); returning no events changes nothing.
   * Needs the vault unlocked (VaultError 'locked').
   */
  private async changeCase<T>(
    prepare: (people: Person[], now: string) => {
      put?: Person[];
      remove?: string[];
      notes?: RecordNote[];
      events: Array<{ action: CustodyAction; recordId?: string; detail: string }>;
      result: T;
    },
  ): Promise<T> {
    await this.readKeys();
    return this.append(async () => {
      const keys = await this.readKeys();
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const plan = prepare(await this.storage.people(keys), this.caseNow());
      if (!plan.events.length) return plan.result;
      const events: CustodyEvent[] = [];
      let head = heads.custody;
      for (const e of plan.events) {
        const event = await custodyEvent(head, e.action, e.recordId, e.detail);
        events.push(event);
        head = headOf(event);
      }
      const [personRows, noteRows, eventRows] = await Promise.all([
        Promise.all((plan.put ?? []).map((p) => sealPerson(p, sealer))),
        Promise.all((plan.notes ?? []).map((n) => sealNote(n, sealer))),
        Promise.all(events.map((e) => sealCustody(e, sealer))),
      ]);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(view);
        await tx.expectHeads({ custody: heads.custody });
        for (const row of personRows) await tx.putPerson(row);
        for (const id of plan.remove ?? []) await tx.deletePerson(id);
        const notes = plan.notes ?? [];
        for (const [i, row] of noteRows.entries()) {
          const recordId = (notes[i] as RecordNote).recordId;
          if (!(await tx.has('records', recordId))) throw notFound(recordId);
          await tx.addNote(row);
        }
        for (const row of eventRows) await tx.addCustody(row);
        await tx.setHeads({ custody: head });
      });
      return plan.result;
    });
  }

  /** Now, ISO; strictly later than the last time this context gave (notes added in one millisecond keep their order). */
  private caseNow(): string {
    const t = Math.max(Date.now(), this.lastCaseTime + 1);
    this.lastCaseTime = t;
    return new Date(t).toISOString();
  }

  async people(): Promise<Person[]> {
    const people = await this.storage.people(await this.readKeys());
    return people.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
  }

  async savePerson(person: { id?: string; name: string; notes?: string }): Promise<Person> {
    const name = checkName(person?.name);
    if (person.notes !== undefined && typeof person.notes !== 'string') throw new VaultError('invalid', 'Notes on a person must be text.');
    if (person.notes !== undefined && person.notes.length > MAX_FIELD) throw new VaultError('invalid', `The notes are too long (${person.notes.length} characters; at most ${MAX_FIELD}).`);
    const notes = person.notes?.trim() ? person.notes : undefined;
    return this.changeCase((people, now) => {
      if (person.id === undefined) {
        const created: Person = { id: globalThis.crypto.randomUUID(), name, identifiers: [], createdAt: now, updatedAt: now, ...(notes !== undefined && { notes }) };
        return { put: [created], events: [{ action: 'person-changed', detail: `person ${created.id} created` }], result: created };
      }
      const current = people.find((p) => p.id === person.id);
      if (!current) throw personNotFound();
      const what = [current.name !== name && 'renamed', (current.notes ?? undefined) !== notes && 'notes changed'].filter(Boolean);
      if (!what.length) return { events: [], result: current };
      const { notes: _old, ...rest } = current;
      const updated: Person = { ...rest, name, updatedAt: now, ...(notes !== undefined && { notes }) };
      return { put: [updated], events: [{ action: 'person-changed', detail: `person ${current.id} ${what.join(', ')}` }], result: updated };
    });
  }

  async addIdentifier(personId: string, identifier: Omit<Identifier, 'id' | 'addedAt'>): Promise<Person> {
    const checked = checkIdentifier(identifier);
    return this.changeCase((people, now) => {
      const person = people.find((p) => p.id === personId);
      if (!person) throw personNotFound();
      const taken = checked.account ? takeAccount(people, checked.account.keys, now, personId) : { changed: [], keys: [] };
      const others = taken.changed;
      const identifier = checked.account ? { ...checked, account: { ...checked.account, keys: taken.keys } } : checked;
      const updated = withIdentifier(person, identifier, now, globalThis.crypto.randomUUID());
      if (updated === person && !others.length) return { events: [], result: person };
      const what = checked.account ? `account ${checked.account.keys.join(' ')} assigned` : `${checked.type} identifier added`;
      const from = others.length ? ` (taken from person ${others.map((o) => o.id).join(', ')})` : '';
      return { put: [...others, updated], events: [{ action: 'person-changed', detail: `person ${personId}: ${what}${from}` }], result: updated };
    });
  }

  async removeIdentifier(personId: string, identifierId: string): Promise<Person> {
    return this.changeCase((people, now) => {
      const person = people.find((p) => p.id === personId);
      if (!person) throw personNotFound();
      const gone = person.identifiers.find((i) => i.id === identifierId);
      if (!gone) throw new VaultError('not-found', 'This person has no such account or identifier (it was already removed).');
      const updated: Person = { ...person, identifiers: person.identifiers.filter((i) => i.id !== identifierId), updatedAt: now };
      const what = gone.account ? `account ${gone.account.keys.join(' ')} split off` : `${gone.type} identifier removed`;
      return { put: [updated], events: [{ action: 'person-changed', detail: `person ${personId}: ${what}` }], result: updated };
    });
  }

  async assignAccount(personId: string | null, account: AccountRef): Promise<void> {
    const checked = checkAccount(account);
    await this.changeCase((people, now) => {
      if (personId !== null && !people.some((p) => p.id === personId)) throw personNotFound();
      const owner = ownerOf(people, checked.keys);
      const taken = takeAccount(people, checked.keys, now, personId ?? undefined);
      const others = taken.changed;
      if (personId === null) {
        if (!others.length) return { events: [], result: undefined };
        return { put: others, events: [{ action: 'person-changed', detail: `account ${checked.keys.join(' ')} unassigned from person ${owner?.id ?? '?'}` }], result: undefined };
      }
      const person = people.find((p) => p.id === personId) as Person;
      const updated = withIdentifier(person, { type: 'account', account: { ...checked, keys: taken.keys } }, now, globalThis.crypto.randomUUID());
      const from = others.length ? ` (taken from person ${others.map((o) => o.id).join(', ')})` : '';
      return { put: [...others, updated], events: [{ action: 'person-changed', detail: `account ${checked.keys.join(' ')} assigned to person ${personId}${from}` }], result: undefined };
    });
  }

  async mergePeople(into: string, from: string): Promise<Person> {
    if (into === from) throw new VaultError('invalid', 'A person cannot be merged into themselves.');
    return this.changeCase((people, now) => {
      const target = people.find((p) => p.id === into);
      const source = people.find((p) => p.id === from);
      if (!target || !source) throw personNotFound();
      let merged = target;
      for (const i of source.identifiers) {
        const { id: _id, addedAt: _at, ...rest } = i;
        merged = withIdentifier(merged, rest, now, i.id);
      }
      const notes = [target.notes, source.notes].filter((n): n is string => !!n?.trim()).join('\n\n');
      merged = { ...merged, updatedAt: now, ...(notes && { notes }) };
      return { put: [merged], remove: [from], events: [{ action: 'person-changed', detail: `person ${from} merged into person ${into}` }], result: merged };
    });
  }

  async deletePerson(id: string): Promise<void> {
    await this.changeCase((people) => {
      if (!people.some((p) => p.id === id)) throw personNotFound();
      return { remove: [id], events: [{ action: 'person-changed', detail: `person ${id} deleted` }], result: undefined };
    });
  }

  async suggestPeople(): Promise<PersonSuggestion[]> {
    const [summaries, people] = await Promise.all([this.summaries(), this.people()]);
    return suggest(summaries, people);
  }

  async notes(recordId?: string): Promise<RecordNote[]> {
    const notes = await this.storage.notes(recordId, await this.readKeys());
    return notes.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }

  async addNote(recordId: string, text: string): Promise<RecordNote> {
    if (typeof text !== 'string' || !text.trim()) throw new VaultError('invalid', 'The note is empty; write something first.');
    const trimmed = text.trim();
    const bytes = new TextEncoder().encode(trimmed).byteLength;
    if (bytes > MAX_NOTE_BYTES) throw new VaultError('invalid', `The note is too long (${Math.ceil(bytes / 1024)} KB; at most ${MAX_NOTE_BYTES / 1024} KB).`);
    if (typeof recordId !== 'string' || !(await this.storage.hasRecord(recordId))) throw notFound(String(recordId));
    return this.changeCase((_people, now) => {
      const note: RecordNote = { id: globalThis.crypto.randomUUID(), recordId, text: trimmed, at: now };
      return { notes: [note], events: [{ action: 'note-added', recordId, detail: `note ${note.id}` }], result: note };
    });
  }

  async restoreCase(data: { people: Person[]; notes: RecordNote[] }): Promise<{ people: number; notes: number }> {
    const incoming = (Array.isArray(data?.people) ? data.people : []).map(checkImportedPerson).filter((p): p is Person => !!p);
    const notes = (Array.isArray(data?.notes) ? data.notes : []).filter(
      (n): n is RecordNote => !!n && typeof n.id === 'string' && !!n.id && typeof n.recordId === 'string' && typeof n.text === 'string' && !!n.text.trim() && typeof n.at === 'string',
    );
    const keys = await this.readKeys();
    const existingNotes = new Set((await this.storage.notes(undefined, keys)).map((n) => n.id));
    const records = await this.storage.existingRecords([...new Set(notes.map((n) => n.recordId))]);
    const newNotes = [...new Map(notes.filter((n) => !existingNotes.has(n.id) && records.has(n.recordId)).map((n) => [n.id, { id: n.id, recordId: n.recordId, text: n.text, at: n.at }])).values()];
    return this.changeCase((people) => {
      const added: Person[] = [];
      for (const p of incoming) {
        if (people.some((q) => q.id === p.id) || added.some((q) => q.id === p.id)) continue;
        // An account already under someone here stays there: its keys are left out of the restored person.
        const taken = (k: string) => [...people, ...added].some((q) => q.identifiers.some((i) => i.account?.keys.includes(k)));
        const identifiers = p.identifiers.flatMap((i) => {
          if (i.type !== 'account' || !i.account) return [i];
          const left = i.account.keys.filter((k) => !taken(k));
          return left.length ? [{ ...i, account: { ...i.account, keys: left } }] : [];
        });
        added.push({ ...p, identifiers });
      }
      const events: Array<{ action: CustodyAction; recordId?: string; detail: string }> = [];
      if (added.length) events.push({ action: 'person-changed', detail: `${added.length} ${added.length === 1 ? 'person' : 'people'} restored from an import: ${added.map((p) => p.id).join(', ')}` });
      for (const n of newNotes) events.push({ action: 'note-added', recordId: n.recordId, detail: `note ${n.id} restored from an import` });
      return { put: added, notes: newNotes, events, result: { people: added.length, notes: newNotes.length } };
    });
  }

  // ---- reports (issue #14; ReportApi in api.ts) ----

  /**
   * Changes report entries and logs each change ('report-changed') in the custody chain, in one transaction. `prepare`
   * runs on the entry as stored now (`id`; again if anything else was logged meanwhile); no events changes nothing.
   * Needs the vault unlocked (VaultError 'locked'), like people and notes.
   */
  private async changeReports<T>(
    prepare: (now: string, stored: (id: string) => Promise<ReportEntry | undefined>) => Promise<{ put?: ReportEntry[]; remove?: string[]; events: string[]; result: T }>,
  ): Promise<T> {
    await this.readKeys();
    return this.append(async () => {
      const keys = await this.readKeys();
      const { view, sealer } = await this.writeView();
      const heads = await this.storage.heads();
      const plan = await prepare(this.caseNow(), (id) => this.storage.report(id, keys));
      if (!plan.events.length) return plan.result;
      const events: CustodyEvent[] = [];
      let head = heads.custody;
      for (const detail of plan.events) {
        const event = await custodyEvent(head, 'report-changed', undefined, detail);
        events.push(event);
        head = headOf(event);
      }
      const [reportRows, eventRows] = await Promise.all([Promise.all((plan.put ?? []).map((r) => sealReport(r, sealer))), Promise.all(events.map((e) => sealCustody(e, sealer)))]);
      await this.storage.write(async (tx) => {
        await tx.expectKeys(view);
        await tx.expectHeads({ custody: heads.custody });
        for (const row of reportRows) await tx.putReport(row);
        for (const id of plan.remove ?? []) await tx.deleteReport(id);
        for (const row of eventRows) await tx.addCustody(row);
        await tx.setHeads({ custody: head });
      });
      return plan.result;
    });
  }

  /** Refuses record ids that are not in the vault (tombstones count: a deleted record was still reported). */
  private async checkReportRecords(ids: readonly string[]): Promise<void> {
    const found = await this.storage.existingRecords(ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound(missing);
  }

  private async checkReportPerson(personId: string | undefined): Promise<void> {
    if (personId === undefined) return;
    if (!(await this.storage.people(await this.readKeys())).some((p) => p.id === personId)) throw personNotFound();
  }

  async reports(): Promise<ReportEntry[]> {
    const reports = await this.storage.reports(await this.readKeys());
    return reports.sort((a, b) => b.reportedAt.localeCompare(a.reportedAt) || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
  }

  async addReport(input: ReportInput): Promise<ReportEntry> {
    const fields = checkReportInput(input);
    await this.readKeys();
    await this.checkReportRecords(fields.recordIds);
    await this.checkReportPerson(fields.personId);
    return this.changeReports(async (now) => {
      const entry: ReportEntry = { id: globalThis.crypto.randomUUID(), ...fields, history: [{ status: fields.status, at: now }], updatedAt: now };
      return { put: [entry], events: [`report ${entry.id} added`], result: entry };
    });
  }

  async updateReport(id: string, patch: ReportPatch): Promise<ReportEntry> {
    if (typeof id !== 'string' || !id) throw reportNotFound();
    const personId = patch && typeof patch === 'object' && typeof patch.personId === 'string' && patch.personId.trim() ? patch.personId : undefined;
    await this.checkReportPerson(personId);
    return this.changeReports(async (now, stored) => {
      const current = await stored(id);
      if (!current) throw reportNotFound();
      const { entry, changed } = applyReportPatch(current, patch, now);
      if (!changed.length) return { events: [], result: current };
      return { put: [entry], events: [`report ${id} updated: ${changed.join(', ')}`], result: entry };
    });
  }

  async deleteReport(id: string): Promise<void> {
    if (typeof id !== 'string' || !id) throw reportNotFound();
    await this.changeReports(async (_now, stored) => {
      if (!(await stored(id))) throw reportNotFound();
      return { remove: [id], events: [`report ${id} deleted`], result: undefined };
    });
  }

  async restoreReports(reports: ReportEntry[]): Promise<{ reports: number }> {
    const incoming = [...new Map((Array.isArray(reports) ? reports : []).map(checkImportedReport).filter((r): r is ReportEntry => !!r).map((r) => [r.id, r])).values()];
    await this.readKeys();
    return this.changeReports(async (_now, stored) => {
      const added: ReportEntry[] = [];
      for (const r of incoming) if (!(await stored(r.id))) added.push(r);
      if (!added.length) return { events: [], result: { reports: 0 } };
      const what = `${added.length} ${added.length === 1 ? 'report' : 'reports'} restored from an import: ${added.map((r) => r.id).join(', ')}`;
      return { put: added, events: [what], result: { reports: added.length } };
    });
  }

  private async checkArtifact(record: EvidenceRecord, ref: ArtifactRef): Promise<VerifyProblem | undefined> {
    const where = { seq: record.seq, recordId: record.id, artifactId: ref.id };
    const name = `The file "${ref.filename}" of ${describe(record)}`;
    let stored: ArtifactEntry | undefined;
    try {
      stored = await this.storage.getArtifact(ref.id, this.lookup);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'tampered') return { code: 'artifact-hash', ...where, message: `${name} ${error.message.replace(/^The file \S+ /, '')}` };
      throw error;
    }
    if (!stored || stored.recordId !== record.id) {
      // Deleted by the person while this check ran? Then it is not a problem.
      if ((await this.storage.getRecord(record.id, this.lookup))?.deleted) return undefined;
      return { code: 'artifact-missing', ...where, message: `${name} is missing from the vault.` };
    }
    if ('chunks' in stored) {
      // Streamed through its own hash check, never whole; checked against the record's ref (not only the stored one).
      try {
        if (stored.ref.size !== ref.size || stored.ref.sha256 !== ref.sha256) throw new VaultError('tampered', `does not match its hash: it was changed after capture.`);
        for await (const _piece of this.checkedChunks(stored)) {
          // hashed inside
        }
      } catch (error) {
        if (!(error instanceof VaultError) || (error.code !== 'tampered' && error.code !== 'not-found')) throw error;
        if ((await this.storage.getRecord(record.id, this.lookup))?.deleted) return undefined;
        const why = error.message.replace(/^The file "[^"]*" \(\S+\) /, '');
        return { code: 'artifact-hash', ...where, message: `${name} ${why}` };
      }
      return undefined;
    }
    if (stored.bytes.byteLength !== ref.size) {
      return {
        code: 'artifact-size',
        ...where,
        message: `${name} has ${stored.bytes.byteLength} bytes, but ${ref.size} were captured.`,
      };
    }
    if ((await sha256Hex(stored.bytes)) !== ref.sha256) {
      return { code: 'artifact-hash', ...where, message: `${name} does not match its hash: it was changed after capture.` };
    }
    return undefined;
  }

  private checkHead(head: Head, records: EvidenceRecord[], problems: VerifyProblem[]): void {
    const chained = records.filter((r) => Number.isInteger(r.seq) && r.seq >= 1);
    const last = chained[chained.length - 1];
    const lastHead: Head = last ? { seq: last.seq, hash: last.chain?.recordHash } : { seq: 0, hash: GENESIS_HASH };
    if (lastHead.seq === head.seq && lastHead.hash === head.hash) return;
    // Records after a head that matches an earlier record were added outside Holdfast.
    const headRecord = chained.find((r) => r.seq === head.seq && r.chain?.recordHash === head.hash);
    if (headRecord) {
      for (const r of chained.filter((c) => c.seq > head.seq)) {
        problems.push({
          code: 'record-extra',
          seq: r.seq,
          recordId: r.id,
          message: `${describe(r)} comes after the vault's last record (#${head.seq}): it was added outside Holdfast.`,
        });
      }
      return;
    }
    problems.push({
      code: 'head-mismatch',
      seq: head.seq,
      message:
        head.seq > lastHead.seq
          ? `The vault should end at record #${head.seq}, but the last record present is #${lastHead.seq}: the newest records were removed.`
          : `The vault's last-record marker (#${head.seq}) does not match its last record (#${lastHead.seq}): the vault was changed outside Holdfast.`,
    });
  }

  /** Runs an append after the previous ones of this context, retrying while other contexts win. */
  private append<T>(attempt: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const out = await retryOnStaleHead(attempt);
      await this.signHeadQuietly();
      return out;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function retryOnStaleHead<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tryNo = 1; ; tryNo++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleHeadError)) throw error;
      if (tryNo >= MAX_TRIES) {
        throw new VaultError('unknown', 'The vault was too busy saving other captures. Nothing was saved; try again.', {
          cause: error,
        });
      }
      // Small random pause so competing contexts do not keep colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * tryNo));
    }
  }
}

async function checkCustody(events: CustodyEvent[], head: Head, problems: VerifyProblem[]): Promise<void> {
  let prev: CustodyEvent | undefined;
  for (const event of events) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (event.seq !== expectedSeq) {
      problems.push({
        code: 'custody-break',
        seq: event.seq,
        message: `Custody log entry #${expectedSeq} is missing (the next one present is #${event.seq}).`,
      });
    }
    let actual: string | undefined;
    try {
      actual = await computeCustodyHash(event);
    } catch {
      actual = undefined;
    }
    if (actual !== event.hash) {
      problems.push({
        code: 'custody-break',
        seq: event.seq,
        ...(event.recordId !== undefined && { recordId: event.recordId }),
        message: `Custody log entry #${event.seq} (${event.action}) does not match its hash: it was changed.`,
      });
    }
    const expectedPrev = event.seq === 1 ? GENESIS_HASH : prev?.seq === event.seq - 1 ? prev.hash : undefined;
    if (expectedPrev !== undefined && event.prevHash !== expectedPrev) {
      problems.push({
        code: 'custody-break',
        seq: event.seq,
        message: `Custody log entry #${event.seq} does not link to the entry before it.`,
      });
    }
    prev = event;
  }
  const last: Head = prev ? { seq: prev.seq, hash: prev.hash } : { seq: 0, hash: GENESIS_HASH };
  if (last.seq !== head.seq || last.hash !== head.hash) {
    problems.push({
      code: 'custody-break',
      seq: head.seq,
      message: `The custody log should end at entry #${head.seq}, but its last entry is #${last.seq}: entries were removed or added.`,
    });
  }
}

async function custodyEvent(head: Head, action: CustodyAction, recordId?: string, detail?: string): Promise<CustodyEvent> {
  const event: Omit<CustodyEvent, 'hash'> = {
    seq: head.seq + 1,
    at: new Date().toISOString(),
    action,
    ...(recordId !== undefined && { recordId }),
    ...(detail !== undefined && { detail }),
    prevHash: head.hash,
  };
  return { ...event, hash: await computeCustodyHash(event) };
}

/**
 * Checks imported artifacts against the record's refs: whole bytes are checked here and returned ready to store;
 * streams are returned with their ref, to be checked as they are read (VaultImpl.storeStream).
 */
async function checkImportedArtifacts(
  record: EvidenceRecord,
  artifacts: ImportedArtifact[],
  label: string,
): Promise<{ whole: StoredArtifact[]; streamed: Array<{ ref: ArtifactRef; source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> }> }> {
  const refs = record.artifacts ?? [];
  const byId = new Map(artifacts.map((a) => [a.ref.id, a]));
  for (const a of artifacts) {
    if (!refs.some((r) => r.id === a.ref.id)) {
      throw new VaultError('invalid', `The file "${a.ref.filename}" does not belong to ${label}.`);
    }
  }
  const streamed: Array<{ ref: ArtifactRef; source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> }> = [];
  for (const ref of refs) {
    const given = byId.get(ref.id);
    if (!given) throw new VaultError('invalid', `The file "${ref.filename}" of ${label} is missing from the import.`);
    if ('stream' in given) streamed.push({ ref, source: given.stream });
  }
  const whole = await Promise.all(
    refs.flatMap((ref) => {
      const given = byId.get(ref.id) as ImportedArtifact;
      if ('stream' in given) return [];
      return [
        (async () => {
          const bytes = ownBytes(given.bytes);
          if (bytes.byteLength !== ref.size || (await sha256Hex(bytes)) !== ref.sha256) {
            throw new VaultError('invalid', `The file "${ref.filename}" of ${label} does not match its hash: it was changed.`);
          }
          return { ref, recordId: record.id, bytes };
        })(),
      ];
    }),
  );
  return { whole, streamed };
}

/** The chunks of a stream or async iterable, one after another; a stream is cancelled if reading stops early. */
async function* readSource(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader !== 'function') {
    for await (const piece of source as AsyncIterable<Uint8Array>) yield asBytes(piece);
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield asBytes(value);
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function asBytes(piece: unknown): Uint8Array {
  if (piece instanceof Uint8Array) return piece;
  throw new VaultError('invalid', 'A file of this import was not given as bytes.');
}

/** Cancels a stream nobody started reading (an iterable not started holds nothing). */
function releaseSource(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): void {
  const stream = source as ReadableStream<Uint8Array>;
  if (typeof stream.getReader === 'function' && !stream.locked) void stream.cancel().catch(() => undefined);
}

/**
 * What stays of a record the person deleted: enough to keep the chain checkable (id, seq, the
 * original chain link, import provenance) and to say what was there (kind, platform, capture
 * time). Required fields of the record shape are left empty; `deleted` says why.
 */
function tombstone(record: EvidenceRecord, at: string, reason?: string): EvidenceRecord {
  return {
    formatVersion: record.formatVersion,
    id: record.id,
    seq: record.seq,
    kind: record.kind,
    platform: record.platform,
    pageUrl: '',
    capturedAt: record.capturedAt,
    capturedAtOffset: record.capturedAtOffset,
    media: [],
    content: {
      kind: record.kind,
      platform: record.platform,
      links: [],
      media: [],
      method: record.content.method,
      warnings: [],
    },
    extraction: { method: record.extraction.method, warnings: [] },
    screenshot: { method: 'none', devicePixelRatio: 1 },
    tool: { name: record.tool.name, version: record.tool.version, browser: record.tool.browser, userAgent: '' },
    reportRoutes: [],
    artifacts: [],
    chain: { prevHash: record.chain.prevHash, recordHash: record.chain.recordHash },
    ...(record.imported && { imported: record.imported }),
    deleted: { at, ...(reason !== undefined && { reason }) },
  };
}

async function hashRecord(record: EvidenceRecord): Promise<string> {
  try {
    return await computeRecordHash(record);
  } catch (error) {
    if (error instanceof TypeError) {
      throw new VaultError('invalid', `This record cannot be saved: ${error.message}.`, { cause: error });
    }
    throw error;
  }
}

/**
 * The bytes as their own buffer: storing a view of a larger buffer would store the whole buffer
 * (structured clone copies the buffer, not the view), and the caller could change it meanwhile.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

const signingAad = (keyId: string) => `signing:${keyId}`;

function identityOf(row: SigningKeyRow): SigningIdentity {
  return {
    algorithm: 'ECDSA-P256-SHA256',
    publicKey: toBase64(row.spki),
    fingerprint: row.fingerprint,
    createdAt: row.createdAt,
    previous: (row.previous ?? []).map((p) => ({ publicKey: toBase64(p.spki), fingerprint: p.fingerprint, until: p.until })),
  };
}

function headOf(item: EvidenceRecord | CustodyEvent): Head {
  return 'chain' in item ? { seq: item.seq, hash: item.chain.recordHash } : { seq: item.seq, hash: item.hash };
}

function describe(record: Pick<EvidenceRecord, 'seq' | 'id'>): string {
  return `Record #${record?.seq} (${record?.id})`;
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

function notFound(id: string): VaultError {
  return new VaultError('not-found', `There is no record ${id} in the vault.`);
}

/** An iterable of one buffer. */
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A stream over an async iterable, pulled one chunk at a time (cancelling it stops the iterable). */
function iterableStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await it.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

function reportNotFound(): VaultError {
  return new VaultError('not-found', 'This report is not in the vault (it may have been deleted).');
}

function personNotFound(): VaultError {
  return new VaultError('not-found', 'This person is not in the vault (they may have been deleted or merged).');
}
