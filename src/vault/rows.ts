/**
 * Row codec: how records, artifacts, custody events and staging parts look in IndexedDB, plaintext or sealed.
 * Pure (WebCrypto only, no IndexedDB): storage.ts stores what this returns and hands back what it stored. Sealing is
 * asynchronous, so rows are always sealed BEFORE a write transaction opens and opened AFTER a read finished.
 *
 * A sealed row keeps in plaintext only what IndexedDB needs to find and order it: ids, seq, the tombstone time
 * (`deleted.at`, index deletedAt), blind author keys, the staging header's start time and a staged item's sort key
 * (the item's time), and `k`, the key it is sealed with ('dk' = the vault's data key, 'drop:<uuid>' = a drop key of a
 * context that wrote while locked). Rows without `k` are plaintext (an unencrypted vault, or one being converted).
 * Associated data binds every blob to its place: `record:<id>`, `artifact:<id>` (bytes), `artifact-ref:<id>`,
 * `custody:<seq>`, `staging:<session>:<n>`, and for a large artifact stored in chunks (migration 0005)
 * `artifact-chunk:<id>:<i>:<last|more>`: its id, the chunk's index and whether it is the last one, so chunks cannot be
 * moved to another artifact, reordered, dropped or cut off at the end without failing to open.
 */
import type { CaseSummary, Person, RecordNote } from '../model/case';
import type { ArtifactRef, EvidenceRecord } from '../model/evidence';
import type { ReportEntry } from '../model/report';
import { type CustodyEvent, type StagedFileRef, type StoredArtifact, VaultError } from './api';
import { authorKeysOf } from './author-key';
import { blindKey, OpenError, open, openDetached, openJson, seal, sealDetached, sealJson } from './crypto';

/** What new rows are sealed with; undefined means plaintext. */
export interface Sealer {
  /** 'dk' or a drop key's id. */
  k: string;
  key: CryptoKey;
  /** Present with the data key: author keys are stored blind. Absent for drop keys (blinded at unlock). */
  blind?: CryptoKey;
}

/** The key named by a row's `k`; throws VaultError 'locked' when this context does not hold it. */
export type KeyLookup = (k: string) => Promise<CryptoKey>;

export type PlainRecordRow = EvidenceRecord & { authorKeys: string[]; k?: undefined };
export interface SealedRecordRow {
  id: string;
  seq: number;
  k: string;
  authorKeys: string[];
  deleted?: { at: string };
  s: Uint8Array;
}
export type RecordRow = PlainRecordRow | SealedRecordRow;

export type PlainArtifactRow = StoredArtifact & { k?: undefined };
export interface SealedArtifactRow {
  ref: { id: string };
  recordId: string;
  k: string;
  /** The ref (file name, type, hash, size, note), sealed as `artifact-ref:<id>`. */
  m: Uint8Array;
  /** The bytes, sealed as `artifact:<id>`. */
  b: Uint8Array;
}
export type ArtifactRow = PlainArtifactRow | SealedArtifactRow;
/**
 * A large artifact stored in chunks (migration 0005): its row holds the ref (plain, or sealed as `m`) and how many
 * chunks it has, never bytes; the bytes are the rows `[id, 0]` … `[id, chunks - 1]` of the chunks store.
 */
export type ChunkedArtifactRow = (Omit<PlainArtifactRow, 'bytes'> | Omit<SealedArtifactRow, 'b'>) & { chunks: number };
/** An artifact as storage hands it back: whole (one row), or the ref and chunk count of a chunked one. */
export type ArtifactEntry = StoredArtifact | ChunkedArtifact;
export interface ChunkedArtifact {
  ref: ArtifactRef;
  recordId: string;
  chunks: number;
}

export interface PlainChunkRow {
  aid: string;
  i: number;
  /** Present on the last chunk only (bound as associated data when sealed). */
  last?: true;
  bytes: Uint8Array;
  k?: undefined;
}
export interface SealedChunkRow {
  aid: string;
  i: number;
  last?: true;
  k: string;
  /** The nonce, kept apart so the ciphertext is never copied to put it in front. */
  iv: Uint8Array;
  /** Ciphertext and tag, sealed as `artifact-chunk:<aid>:<i>:<last|more>`. */
  b: Uint8Array;
}
export type ChunkRow = PlainChunkRow | SealedChunkRow;
/** An artifact row without its bytes: the bytes come from a staged file part inside the write. */
export type ArtifactMetaRow = Omit<PlainArtifactRow, 'bytes'> | Omit<SealedArtifactRow, 'b'>;

export type PlainCustodyRow = CustodyEvent & { k?: undefined };
export interface SealedCustodyRow {
  seq: number;
  k: string;
  recordId?: string;
  s: Uint8Array;
}
export type CustodyRow = PlainCustodyRow | SealedCustodyRow;

/** What a staging header holds besides its identity. */
export interface HeaderBody {
  updatedAt: string;
  meta: unknown;
  files: StagedFileRef[];
  items: number;
}
export type PlainHeaderRow = { session: string; n: 0; startedAt: string; rev?: number; k?: undefined } & HeaderBody;
export interface SealedHeaderRow {
  session: string;
  n: 0;
  startedAt: string;
  rev: number;
  k: string;
  s: Uint8Array;
}
export type HeaderRow = PlainHeaderRow | SealedHeaderRow;
export interface PlainFileRow {
  session: string;
  n: number;
  /** The artifact id this part becomes (older rows have none). */
  aid?: string;
  bytes: Uint8Array;
  k?: undefined;
}
export interface SealedFileRow {
  session: string;
  n: number;
  aid: string;
  k: string;
  /** Sealed as `artifact:<aid>` from the start, so it moves into the artifacts store unchanged. */
  b: Uint8Array;
}
export type FileRow = PlainFileRow | SealedFileRow;
export interface PlainItemRow {
  session: string;
  n: string;
  key: string;
  sort: string;
  value: unknown;
  k?: undefined;
}
export interface SealedItemRow {
  session: string;
  n: string;
  sort: string;
  k: string;
  s: Uint8Array;
}
export type ItemRow = PlainItemRow | SealedItemRow;
export type StagingRow = HeaderRow | FileRow | ItemRow;

export const recordAad = (id: string) => `record:${id}`;
export const artifactAad = (id: string) => `artifact:${id}`;
export const artifactRefAad = (id: string) => `artifact-ref:${id}`;
export const chunkAad = (aid: string, i: number, last: boolean) => `artifact-chunk:${aid}:${i}:${last ? 'last' : 'more'}`;
export const custodyAad = (seq: number) => `custody:${seq}`;
export const stagingAad = (session: string, n: number | string) => `staging:${session}:${n}`;
export const summaryAad = (id: string) => `summary:${id}`;
export const personAad = (id: string) => `person:${id}`;
export const noteAad = (id: string) => `note:${id}`;
export const reportAad = (id: string) => `report:${id}`;

export function isSealed(row: { k?: string } | undefined): boolean {
  return !!row && typeof row.k === 'string';
}

/** Maps a blob that does not open to a VaultError a person can act on. */
async function opening<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof OpenError) {
      throw new VaultError('tampered', `${what} does not open with this vault’s key: its sealed data was changed or moved outside Holdfast.`, { cause: error });
    }
    throw error;
  }
}

// ---- records ----

export async function authorKeysFor(record: EvidenceRecord, sealer: Sealer | undefined): Promise<string[]> {
  const plain = authorKeysOf(record);
  if (!sealer) return plain;
  if (!sealer.blind) return [];
  const blind = sealer.blind;
  return Promise.all(plain.map((key) => blindKey(blind, key)));
}

export async function sealRecord(record: EvidenceRecord, sealer: Sealer | undefined): Promise<RecordRow> {
  const authorKeys = await authorKeysFor(record, sealer);
  if (!sealer) return { ...record, authorKeys };
  const row: SealedRecordRow = { id: record.id, seq: record.seq, k: sealer.k, authorKeys, s: await sealJson(sealer.key, record, recordAad(record.id)) };
  if (record.deleted) row.deleted = { at: record.deleted.at };
  return row;
}

export async function openRecord(row: RecordRow, keys: KeyLookup): Promise<EvidenceRecord> {
  if (!isSealed(row)) {
    const { authorKeys: _storageOnly, k: _none, ...record } = row as PlainRecordRow;
    return record;
  }
  const sealed = row as SealedRecordRow;
  const record = await opening(`Record #${sealed.seq} (${sealed.id})`, async () => openJson<EvidenceRecord>(await keys(sealed.k), sealed.s, recordAad(sealed.id)));
  if (record.id !== sealed.id || record.seq !== sealed.seq) {
    throw new VaultError('tampered', `Record #${sealed.seq} (${sealed.id}) holds another record’s content: it was changed outside Holdfast.`);
  }
  return record;
}

// ---- artifacts ----

export async function sealArtifactMeta(ref: ArtifactRef, recordId: string, sealer: Sealer | undefined): Promise<ArtifactMetaRow> {
  if (!sealer) return { ref, recordId };
  return { ref: { id: ref.id }, recordId, k: sealer.k, m: await sealJson(sealer.key, ref, artifactRefAad(ref.id)) };
}

export async function sealArtifact(artifact: StoredArtifact, sealer: Sealer | undefined): Promise<ArtifactRow> {
  if (!sealer) return artifact;
  const [meta, b] = await Promise.all([sealArtifactMeta(artifact.ref, artifact.recordId, sealer), seal(sealer.key, artifact.bytes, artifactAad(artifact.ref.id))]);
  return { ...(meta as Omit<SealedArtifactRow, 'b'>), b };
}

export async function openArtifact(row: ArtifactRow, keys: KeyLookup): Promise<StoredArtifact> {
  if (!isSealed(row)) {
    const { k: _none, ...artifact } = row as PlainArtifactRow;
    return artifact;
  }
  const sealed = row as SealedArtifactRow;
  const id = sealed.ref.id;
  return opening(`The file ${id}`, async () => {
    const key = await keys(sealed.k);
    const [ref, bytes] = await Promise.all([openJson<ArtifactRef>(key, sealed.m, artifactRefAad(id)), open(key, sealed.b, artifactAad(id))]);
    if (ref.id !== id) throw new OpenError(artifactRefAad(id));
    return { ref, recordId: sealed.recordId, bytes };
  });
}

export function isChunked(row: object | undefined): row is ChunkedArtifactRow {
  return !!row && typeof (row as { chunks?: unknown }).chunks === 'number';
}

/** Opens an artifact row: the whole artifact, or a chunked one's ref and chunk count (its chunks are read apart). */
export async function openArtifactEntry(row: ArtifactRow | ChunkedArtifactRow, keys: KeyLookup): Promise<ArtifactEntry> {
  if (!isChunked(row)) return openArtifact(row, keys);
  const chunks = row.chunks;
  if (!Number.isInteger(chunks) || chunks < 1) throw new VaultError('tampered', `The file ${row.ref.id} says it has ${String(chunks)} parts: it was changed outside Holdfast.`);
  if (!isSealed(row)) {
    const plain = row as Omit<PlainArtifactRow, 'bytes'> & { chunks: number };
    return { ref: plain.ref, recordId: plain.recordId, chunks };
  }
  const sealed = row as Omit<SealedArtifactRow, 'b'> & { chunks: number };
  const id = sealed.ref.id;
  return opening(`The file ${id}`, async () => {
    const ref = await openJson<ArtifactRef>(await keys(sealed.k), sealed.m, artifactRefAad(id));
    if (ref.id !== id) throw new OpenError(artifactRefAad(id));
    return { ref, recordId: sealed.recordId, chunks };
  });
}

export async function sealChunkedArtifact(ref: ArtifactRef, recordId: string, chunks: number, sealer: Sealer | undefined): Promise<ChunkedArtifactRow> {
  return { ...(await sealArtifactMeta(ref, recordId, sealer)), chunks };
}

export async function sealChunk(aid: string, i: number, last: boolean, bytes: Uint8Array, sealer: Sealer | undefined): Promise<ChunkRow> {
  const flag = last ? { last: true as const } : {};
  if (!sealer) return { aid, i, ...flag, bytes };
  const { iv, ct } = await sealDetached(sealer.key, bytes, chunkAad(aid, i, last));
  return { aid, i, ...flag, k: sealer.k, iv, b: ct };
}

/**
 * Opens chunk `i` of artifact `aid`, expected to be the last one or not (from the artifact's chunk count, not from the
 * row). A sealed chunk moved, reordered or cut off does not open (VaultError 'tampered'); a plaintext one is only
 * checked for its shape here (the artifact's hash catches the rest).
 */
export async function openChunk(row: ChunkRow, aid: string, i: number, last: boolean, keys: KeyLookup): Promise<Uint8Array> {
  const what = `Part ${i + 1} of the file ${aid}`;
  if (!isSealed(row)) {
    const bytes = (row as PlainChunkRow).bytes;
    if (!(bytes instanceof Uint8Array)) throw new VaultError('tampered', `${what} holds no bytes: it was changed outside Holdfast.`);
    return bytes;
  }
  const sealed = row as SealedChunkRow;
  return opening(what, async () => openDetached(await keys(sealed.k), { iv: sealed.iv, ct: sealed.b }, chunkAad(aid, i, last)));
}

// ---- custody ----

export async function sealCustody(event: CustodyEvent, sealer: Sealer | undefined): Promise<CustodyRow> {
  if (!sealer) return event;
  return { seq: event.seq, k: sealer.k, ...(event.recordId !== undefined && { recordId: event.recordId }), s: await sealJson(sealer.key, event, custodyAad(event.seq)) };
}

export async function openCustody(row: CustodyRow, keys: KeyLookup): Promise<CustodyEvent> {
  if (!isSealed(row)) {
    const { k: _none, ...event } = row as PlainCustodyRow;
    return event;
  }
  const sealed = row as SealedCustodyRow;
  const event = await opening(`Custody log entry #${sealed.seq}`, async () => openJson<CustodyEvent>(await keys(sealed.k), sealed.s, custodyAad(sealed.seq)));
  if (event.seq !== sealed.seq) throw new VaultError('tampered', `Custody log entry #${sealed.seq} holds another entry: it was changed outside Holdfast.`);
  return event;
}

// ---- staging ----

export async function sealHeader(session: string, startedAt: string, rev: number, body: HeaderBody, sealer: Sealer | undefined): Promise<HeaderRow> {
  if (!sealer) return { session, n: 0, startedAt, rev, ...body };
  return { session, n: 0, startedAt, rev, k: sealer.k, s: await sealJson(sealer.key, body, stagingAad(session, 0)) };
}

export async function openHeader(row: HeaderRow, keys: KeyLookup): Promise<HeaderBody & { session: string; startedAt: string }> {
  if (!isSealed(row)) {
    const r = row as PlainHeaderRow;
    return { session: r.session, startedAt: r.startedAt, updatedAt: r.updatedAt, meta: r.meta, files: r.files, items: r.items };
  }
  const sealed = row as SealedHeaderRow;
  const body = await opening('A capture in progress', async () => openJson<HeaderBody>(await keys(sealed.k), sealed.s, stagingAad(sealed.session, 0)));
  return { session: sealed.session, startedAt: sealed.startedAt, ...body };
}

/** Changes whenever a header is rewritten: a write prepared from an older header is retried. */
export function headerVersion(row: HeaderRow): string {
  if (row.rev !== undefined) return `r${row.rev}`;
  const r = row as PlainHeaderRow;
  return `u${r.updatedAt}|${r.items}|${r.files.length}`;
}

export async function sealItem(session: string, key: string, sort: string, value: unknown, sealer: Sealer | undefined): Promise<ItemRow> {
  const n = `i:${key}`;
  if (!sealer) return { session, n, key, sort, value };
  return { session, n, sort, k: sealer.k, s: await sealJson(sealer.key, value, stagingAad(session, n)) };
}

export async function openItem(row: ItemRow, keys: KeyLookup): Promise<{ key: string; sort: string; value: unknown }> {
  if (!isSealed(row)) {
    const r = row as PlainItemRow;
    return { key: r.key, sort: r.sort, value: r.value };
  }
  const sealed = row as SealedItemRow;
  const value = await opening('A part of a capture in progress', async () => openJson<unknown>(await keys(sealed.k), sealed.s, stagingAad(sealed.session, sealed.n)));
  return { key: sealed.n.slice(2), sort: sealed.sort, value };
}

export async function sealFile(session: string, n: number, aid: string, bytes: Uint8Array, sealer: Sealer | undefined): Promise<FileRow> {
  if (!sealer) return { session, n, aid, bytes };
  return { session, n, aid, k: sealer.k, b: await seal(sealer.key, bytes, artifactAad(aid)) };
}

export async function openFile(row: FileRow, keys: KeyLookup): Promise<Uint8Array> {
  if (!isSealed(row)) return (row as PlainFileRow).bytes;
  const sealed = row as SealedFileRow;
  return opening('A file of a capture in progress', async () => open(await keys(sealed.k), sealed.b, artifactAad(sealed.aid)));
}

/** Plaintext byte length of a staged file row (sealed: minus nonce and tag). */
export function fileSize(row: FileRow): number {
  return isSealed(row) ? (row as SealedFileRow).b.byteLength - 28 : (row as PlainFileRow).bytes.byteLength;
}

// ---- case file (migration 0006) ----

/**
 * A record's summary row: the CaseSummary (author keys in plaintext inside it), plus `e`, the journal entry id of a
 * journal-entry record (index entryId: an entry's versions without reading every summary). Sealed, only id, seq and
 * `e` stay in plaintext; the summary (with the real author keys) is sealed as `summary:<id>`.
 */
export type PlainSummaryRow = CaseSummary & { e?: string; k?: undefined };
export interface SealedSummaryRow {
  id: string;
  seq: number;
  e?: string;
  k: string;
  s: Uint8Array;
}
export type SummaryRow = PlainSummaryRow | SealedSummaryRow;

export async function sealSummary(summary: CaseSummary, sealer: Sealer | undefined): Promise<SummaryRow> {
  const e = summary.journal?.entryId;
  if (!sealer) return { ...summary, ...(e !== undefined && { e }) };
  return { id: summary.id, seq: summary.seq, ...(e !== undefined && { e }), k: sealer.k, s: await sealJson(sealer.key, summary, summaryAad(summary.id)) };
}

export async function openSummary(row: SummaryRow, keys: KeyLookup): Promise<CaseSummary> {
  if (!isSealed(row)) {
    const { e: _index, k: _none, ...summary } = row as PlainSummaryRow;
    return summary;
  }
  const sealed = row as SealedSummaryRow;
  const summary = await opening(`The summary of record #${sealed.seq} (${sealed.id})`, async () => openJson<CaseSummary>(await keys(sealed.k), sealed.s, summaryAad(sealed.id)));
  if (summary.id !== sealed.id || summary.seq !== sealed.seq) throw new VaultError('tampered', `The summary of record #${sealed.seq} (${sealed.id}) holds another record’s: it was changed outside Holdfast.`);
  return summary;
}

/** A person (name, notes, identifiers): plaintext, or sealed as `person:<id>` with only the id left plain. */
export type PlainPersonRow = Person & { k?: undefined };
export interface SealedPersonRow {
  id: string;
  k: string;
  s: Uint8Array;
}
export type PersonRow = PlainPersonRow | SealedPersonRow;

export async function sealPerson(person: Person, sealer: Sealer | undefined): Promise<PersonRow> {
  if (!sealer) return person;
  return { id: person.id, k: sealer.k, s: await sealJson(sealer.key, person, personAad(person.id)) };
}

export async function openPerson(row: PersonRow, keys: KeyLookup): Promise<Person> {
  if (!isSealed(row)) {
    const { k: _none, ...person } = row as PlainPersonRow;
    return person;
  }
  const sealed = row as SealedPersonRow;
  const person = await opening(`A person (${sealed.id})`, async () => openJson<Person>(await keys(sealed.k), sealed.s, personAad(sealed.id)));
  if (person.id !== sealed.id) throw new VaultError('tampered', `A person (${sealed.id}) holds another person’s data: it was changed outside Holdfast.`);
  return person;
}

/** A note on a record: plaintext, or sealed as `note:<id>` with the id and the record id left plain (index recordId). */
export type PlainNoteRow = RecordNote & { k?: undefined };
export interface SealedNoteRow {
  id: string;
  recordId: string;
  k: string;
  s: Uint8Array;
}
export type NoteRow = PlainNoteRow | SealedNoteRow;

export async function sealNote(note: RecordNote, sealer: Sealer | undefined): Promise<NoteRow> {
  if (!sealer) return note;
  return { id: note.id, recordId: note.recordId, k: sealer.k, s: await sealJson(sealer.key, note, noteAad(note.id)) };
}

export async function openNote(row: NoteRow, keys: KeyLookup): Promise<RecordNote> {
  if (!isSealed(row)) {
    const { k: _none, ...note } = row as PlainNoteRow;
    return note;
  }
  const sealed = row as SealedNoteRow;
  const note = await opening(`A note (${sealed.id})`, async () => openJson<RecordNote>(await keys(sealed.k), sealed.s, noteAad(sealed.id)));
  if (note.id !== sealed.id || note.recordId !== sealed.recordId) throw new VaultError('tampered', `A note (${sealed.id}) holds another note: it was changed outside Holdfast.`);
  return note;
}

/** A report entry (issue #14): plaintext, or sealed as `report:<id>` with only the id left plain. */
export type PlainReportRow = ReportEntry & { k?: undefined };
export interface SealedReportRow {
  id: string;
  k: string;
  s: Uint8Array;
}
export type ReportRow = PlainReportRow | SealedReportRow;

export async function sealReport(report: ReportEntry, sealer: Sealer | undefined): Promise<ReportRow> {
  if (!sealer) return report;
  return { id: report.id, k: sealer.k, s: await sealJson(sealer.key, report, reportAad(report.id)) };
}

export async function openReport(row: ReportRow, keys: KeyLookup): Promise<ReportEntry> {
  if (!isSealed(row)) {
    const { k: _none, ...report } = row as PlainReportRow;
    return report;
  }
  const sealed = row as SealedReportRow;
  const report = await opening(`A report entry (${sealed.id})`, async () => openJson<ReportEntry>(await keys(sealed.k), sealed.s, reportAad(sealed.id)));
  if (report.id !== sealed.id) throw new VaultError('tampered', `A report entry (${sealed.id}) holds another entry: it was changed outside Holdfast.`);
  return report;
}
