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
import { type ArtifactRef, type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import {
  type CustodyAction,
  type CustodyEvent,
  type ListOptions,
  type NewArtifact,
  type NewRecord,
  type StagedArtifact,
  type StagedFileRef,
  type StagedItem,
  type StagingPart,
  type StagingSession,
  type StoredArtifact,
  type Vault,
  VaultError,
  type VerifyProblem,
  type VerifyReport,
} from './api';
import { computeCustodyHash, computeRecordHash, sha256Hex } from './hashing';
import { type Head, openStorage, StaleHeadError, type Storage } from './storage';

export const DEFAULT_VAULT_NAME = 'holdfast-vault';

/** How often an append is retried when other contexts keep appending first. */
const MAX_TRIES = 20;

const CUSTODY_ACTIONS: readonly CustodyAction[] = ['captured', 'viewed', 'exported', 'deleted', 'imported', 'verified'];

/** An artifact as it arrives with an imported record: its original ref and bytes. */
export interface ImportedArtifact {
  ref: ArtifactRef;
  bytes: Uint8Array;
}

export interface VaultImpl extends Vault {
  /**
   * Imports a record from a bundle. Artifact bytes are checked against the record's refs and the
   * record against its own hash first (VaultError 'invalid' otherwise). If the record continues
   * this vault's chain exactly (its prevHash is the head and its seq is head + 1) it is stored
   * unchanged; otherwise it is re-linked at the end of the chain and `imported` keeps its original
   * seq and hashes. Artifacts keep their ids and hashes. VaultError 'conflict' if the id exists.
   */
  importRecord(original: EvidenceRecord, artifacts: ImportedArtifact[], bundle?: string): Promise<EvidenceRecord>;
  /** Live records carrying an author key (author-key.ts), oldest first: for a per-person export. */
  listByAuthorKey(key: string): Promise<EvidenceRecord[]>;
}

export async function openVault(name: string = DEFAULT_VAULT_NAME): Promise<VaultImpl> {
  const storage = await openStorage(name);
  return new VaultService(storage);
}

class VaultService implements VaultImpl {
  /** Appends within this context run one after another (see "Appending" above). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: Storage) {}

  async addRecord(input: NewRecord, artifacts: Array<NewArtifact | StagedArtifact>, options: { staging?: string } = {}): Promise<EvidenceRecord> {
    if ('deleted' in input && input.deleted) throw new VaultError('invalid', 'A new record cannot be marked deleted.');
    if ('imported' in input && input.imported) {
      throw new VaultError('invalid', 'Imported records go through importRecord, not addRecord.');
    }
    const session = options.staging;
    const staged = session === undefined ? undefined : await this.storage.stagingSession(session);
    if (session !== undefined && !staged) {
      throw new VaultError('conflict', 'This capture is no longer in progress: it was already saved or discarded.');
    }
    // Hash the artifacts once, before any transaction; staged parts were hashed when they were staged.
    const stored: Array<StoredArtifact | (Omit<StoredArtifact, 'bytes'> & { staged: number })> = await Promise.all(
      artifacts.map(async (a) => {
        let sha256: string;
        let size: number;
        let bytes: Uint8Array | undefined;
        if ('staged' in a) {
          const part = staged?.files.find((f) => f.n === a.staged);
          if (!part) throw new VaultError('invalid', `Part ${a.staged} of this capture is not in the staging area, so nothing was saved.`);
          sha256 = part.sha256;
          size = part.size;
        } else {
          bytes = ownBytes(a.bytes);
          sha256 = await sha256Hex(bytes);
          size = bytes.byteLength;
        }
        const ref: ArtifactRef = {
          id: globalThis.crypto.randomUUID(),
          role: a.role,
          mediaType: a.mediaType,
          sha256,
          size,
          filename: a.filename,
          ...(a.note !== undefined && { note: a.note }),
        };
        return bytes ? { ref, recordId: '', bytes } : { ref, recordId: '', staged: (a as StagedArtifact).staged };
      }),
    );
    const id = input.id ?? globalThis.crypto.randomUUID();
    for (const a of stored) a.recordId = id;

    return this.append(async () => {
      const heads = await this.storage.heads();
      const record: EvidenceRecord = {
        ...input,
        id,
        seq: heads.record.seq + 1,
        artifacts: stored.map((a) => a.ref),
        chain: { prevHash: heads.record.hash, recordHash: '' },
      };
      record.chain.recordHash = await hashRecord(record);
      const event = await custodyEvent(heads.custody, 'captured', id, `record #${record.seq} ${record.chain.recordHash}`);
      await this.storage.write(async (tx) => {
        await tx.expectHeads(heads);
        if (session !== undefined) await tx.expectStaging(session);
        await tx.addRecord(record);
        for (const a of stored) {
          if ('staged' in a) await tx.moveStagedFile(session as string, a.staged, { ref: a.ref, recordId: a.recordId });
          else await tx.addArtifact(a);
        }
        if (session !== undefined) await tx.deleteStaging(session);
        await tx.addCustody(event);
        await tx.setHeads({ record: headOf(record), custody: headOf(event) });
      });
      return record;
    });
  }

  stageBegin(session: string, meta: unknown): Promise<StagingSession> {
    return this.storage.stagingBegin(session, meta, new Date().toISOString());
  }

  async stage(session: string, part: StagingPart): Promise<StagingSession> {
    let file: { ref: StagedFileRef; bytes: Uint8Array } | undefined;
    if (part.file) {
      const bytes = ownBytes(part.file.bytes);
      file = { ref: { n: part.file.n, sha256: await sha256Hex(bytes), size: bytes.byteLength, ...(part.file.info !== undefined && { info: part.file.info }) }, bytes };
    }
    return this.storage.stagingAdd(session, { ...(part.items && { items: part.items }), ...(file && { file }), ...(part.meta !== undefined && { meta: part.meta }) }, new Date().toISOString());
  }

  stagingSession(session: string): Promise<StagingSession | undefined> {
    return this.storage.stagingSession(session);
  }

  stagingSessions(): Promise<StagingSession[]> {
    return this.storage.stagingSessions();
  }

  stagedItems(session: string, keys: readonly string[]): Promise<unknown[]> {
    return this.storage.stagedItems(session, keys);
  }

  stagedItemsSorted(session: string, options: { after?: string; limit: number }): Promise<StagedItem[]> {
    return this.storage.stagedItemsSorted(session, options.after, options.limit);
  }

  stagedFile(session: string, n: number): Promise<Uint8Array | undefined> {
    return this.storage.stagedFile(session, n);
  }

  discardStaging(session: string): Promise<void> {
    return this.storage.stagingDiscard(session);
  }

  get(id: string): Promise<EvidenceRecord | undefined> {
    return this.storage.getRecord(id);
  }

  list(options: ListOptions = {}): Promise<EvidenceRecord[]> {
    return this.storage.listRecords(options);
  }

  count(): Promise<number> {
    return this.storage.countLive();
  }

  getArtifact(artifactId: string): Promise<StoredArtifact | undefined> {
    return this.storage.getArtifact(artifactId);
  }

  listByAuthorKey(key: string): Promise<EvidenceRecord[]> {
    return this.storage.recordsByAuthorKey(key);
  }

  async deleteRecord(id: string, reason?: string): Promise<void> {
    const existing = await this.storage.getRecord(id);
    if (!existing) throw notFound(id);
    if (existing.deleted) return;
    await this.append(async () => {
      const heads = await this.storage.heads();
      const event = await custodyEvent(heads.custody, 'deleted', id, reason);
      await this.storage.write(async (tx) => {
        await tx.expectHeads({ custody: heads.custody });
        const current = await tx.getRecord(id);
        if (!current) throw notFound(id);
        if (current.deleted) return; // deleted meanwhile elsewhere: nothing to do
        await tx.replaceRecord(tombstone(current, event.at, reason));
        await tx.deleteArtifactsOf(id);
        await tx.addCustody(event);
        await tx.setHeads({ custody: headOf(event) });
      });
    });
  }

  async logCustody(action: CustodyAction, recordId?: string, detail?: string): Promise<CustodyEvent> {
    if (!CUSTODY_ACTIONS.includes(action)) throw new VaultError('invalid', `"${action}" is not a custody action.`);
    return this.append(async () => {
      const heads = await this.storage.heads();
      const event = await custodyEvent(heads.custody, action, recordId, detail);
      await this.storage.write(async (tx) => {
        await tx.expectHeads({ custody: heads.custody });
        await tx.addCustody(event);
        await tx.setHeads({ custody: headOf(event) });
      });
      return event;
    });
  }

  custodyLog(): Promise<CustodyEvent[]> {
    return this.storage.custodyEvents();
  }

  async importRecord(original: EvidenceRecord, artifacts: ImportedArtifact[], bundle?: string): Promise<EvidenceRecord> {
    const label = describe(original);
    if (!original || typeof original.id !== 'string' || !Number.isInteger(original.seq) || original.seq < 1) {
      throw new VaultError('invalid', 'This is not a Holdfast evidence record (no id or position in a chain).');
    }
    if (!isHash(original.chain?.prevHash) || !isHash(original.chain?.recordHash)) {
      throw new VaultError('invalid', `${label} has no valid chain link.`);
    }
    const stored = await checkImportedArtifacts(original, artifacts, label);
    if (!original.deleted && (await hashRecord(original)) !== original.chain.recordHash) {
      throw new VaultError('invalid', `${label} does not match its own hash: it was changed after capture.`);
    }
    if (await this.storage.getRecord(original.id)) {
      throw new VaultError('conflict', `${label} is already in this vault.`);
    }

    return this.append(async () => {
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
      await this.storage.write(async (tx) => {
        await tx.expectHeads(heads);
        await tx.addRecord(record);
        for (const a of stored) await tx.addArtifact(a);
        await tx.addCustody(event);
        await tx.setHeads({ record: headOf(record), custody: headOf(event) });
      });
      return record;
    });
  }

  async verify(): Promise<VerifyReport> {
    const { heads, records, custody } = await this.storage.snapshot();
    const problems: VerifyProblem[] = [];
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
        if ((event.action === 'captured' || event.action === 'imported') && event.recordId && !present.has(event.recordId)) {
          problems.push({
            code: 'record-missing',
            recordId: event.recordId,
            message: `The custody log shows record ${event.recordId} was ${event.action} (entry #${event.seq}), but it is no longer in the vault: removed outside Holdfast.`,
          });
        }
      }
    }
    await checkCustody(custody, heads.custody, problems);

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

  private async checkArtifact(record: EvidenceRecord, ref: ArtifactRef): Promise<VerifyProblem | undefined> {
    const where = { seq: record.seq, recordId: record.id, artifactId: ref.id };
    const name = `The file "${ref.filename}" of ${describe(record)}`;
    const stored = await this.storage.getArtifact(ref.id);
    if (!stored || stored.recordId !== record.id) {
      // Deleted by the person while this check ran? Then it is not a problem.
      if ((await this.storage.getRecord(record.id))?.deleted) return undefined;
      return { code: 'artifact-missing', ...where, message: `${name} is missing from the vault.` };
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
    const run = this.queue.then(() => retryOnStaleHead(attempt));
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

/** Checks imported bytes against the record's refs; returns them ready to store. */
async function checkImportedArtifacts(
  record: EvidenceRecord,
  artifacts: ImportedArtifact[],
  label: string,
): Promise<StoredArtifact[]> {
  const refs = record.artifacts ?? [];
  const byId = new Map(artifacts.map((a) => [a.ref.id, a]));
  for (const a of artifacts) {
    if (!refs.some((r) => r.id === a.ref.id)) {
      throw new VaultError('invalid', `The file "${a.ref.filename}" does not belong to ${label}.`);
    }
  }
  return Promise.all(
    refs.map(async (ref) => {
      const given = byId.get(ref.id);
      if (!given) throw new VaultError('invalid', `The file "${ref.filename}" of ${label} is missing from the import.`);
      const bytes = ownBytes(given.bytes);
      if (bytes.byteLength !== ref.size || (await sha256Hex(bytes)) !== ref.sha256) {
        throw new VaultError('invalid', `The file "${ref.filename}" of ${label} does not match its hash: it was changed.`);
      }
      return { ref, recordId: record.id, bytes };
    }),
  );
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
