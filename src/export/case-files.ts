/**
 * The case files of a format-2 bundle (issue #13): journal.csv (one row per journal-entry version), people.json (the
 * people the export concerns, with their identifiers and the records they concern) and notes.json (the person's
 * notes on records in the bundle). Pure: the verifier regenerates journal.csv from the manifest's records and
 * compares, so the CSV cannot say anything the hash-covered records do not.
 */
import type { Person, RecordNote } from '../model/case';
import type { EvidenceRecord } from '../model/evidence';
import { authorKeysOf } from '../vault/author-key';
import type { ChainEntry, Manifest } from './format';
import { csvCell } from './texts';

export const JOURNAL_COLUMNS = [
  'entry_id',
  'version',
  'supersedes_record_id',
  'supersedes_seq',
  'record_seq',
  'record_hash',
  'when_local',
  'when_offset',
  'when_utc',
  'when_precision',
  'kind',
  'person_name',
  'person_id',
  'where',
  'what_happened',
  'effect',
  'witnesses',
  'reference',
  'linked_record_seqs',
  'recorded_at_utc',
] as const;

/** journal.csv as CRLF lines with a UTF-8 BOM; rows in chain order (each version after the one it supersedes). */
export function* journalCsv(manifest: { records: Manifest['records']; chainRecords: readonly ChainEntry[] }): Generator<string> {
  const seqOf = seqIndex(manifest.chainRecords);
  yield `\uFEFF${JOURNAL_COLUMNS.join(',')}\r\n`;
  for (const { record: r } of manifest.records) {
    const j = r.journal;
    if (!j || r.deleted) continue;
    const row = [
      j.entryId,
      j.version,
      j.supersedes,
      j.supersedes ? seqOf.get(j.supersedes) : undefined,
      r.seq,
      r.chain.recordHash,
      j.when.local,
      j.when.offset,
      j.when.utc,
      j.when.precision,
      j.kind,
      j.personName,
      j.personId,
      j.where,
      r.text,
      j.effect,
      j.witnesses,
      j.reference,
      (j.links ?? []).map((id) => (seqOf.has(id) ? String(seqOf.get(id)) : `id:${id}`)).join(' '),
      r.capturedAt,
    ];
    yield `${row.map(csvCell).join(',')}\r\n`;
  }
}

/** journal.csv of a manifest, as one text (the verifier compares the bundle's file with it). */
export function journalCsvText(manifest: Pick<Manifest, 'records' | 'chain'>): string {
  return [...journalCsv({ records: manifest.records, chainRecords: manifest.chain.records })].join('');
}

function seqIndex(chain: readonly ChainEntry[]): Map<string, number> {
  return new Map(chain.map((c) => [c.id, c.seq]));
}

export interface ExportedPerson extends Person {
  /** Seqs of the bundle's records that concern this person: captures by their accounts, journal entries naming them. */
  records: number[];
}

export interface PeopleFile {
  format: 'holdfast-people';
  formatVersion: 1;
  people: ExportedPerson[];
}

export interface ExportedNote extends RecordNote {
  recordSeq: number;
}

export interface NotesFile {
  format: 'holdfast-notes';
  formatVersion: 1;
  /** Notes are the person's context, never part of the evidence: no record hash covers them. */
  notes: ExportedNote[];
}

/** The record seqs each person concerns, among `records`. */
export function recordsOfPeople(people: readonly Person[], records: readonly EvidenceRecord[]): Map<string, number[]> {
  const keyOwner = new Map<string, string>();
  for (const p of people) for (const i of p.identifiers) for (const k of i.account?.keys ?? []) keyOwner.set(k, p.id);
  const out = new Map<string, number[]>(people.map((p) => [p.id, []]));
  for (const r of records) {
    if (r.deleted) continue;
    const ids = new Set<string>();
    for (const k of authorKeysOf(r)) {
      const owner = keyOwner.get(k);
      if (owner) ids.add(owner);
    }
    if (r.journal?.personId && out.has(r.journal.personId)) ids.add(r.journal.personId);
    for (const id of ids) out.get(id)!.push(r.seq);
  }
  return out;
}

/**
 * people.json: every person for a whole-vault export; otherwise the people who concern at least one record in the
 * bundle (and the scope's own person).
 */
export function peopleFile(people: readonly Person[], records: readonly EvidenceRecord[], options: { whole: boolean; personId?: string }): PeopleFile {
  const concerns = recordsOfPeople(people, records);
  const chosen = people.filter((p) => options.whole || p.id === options.personId || (concerns.get(p.id)?.length ?? 0) > 0);
  return {
    format: 'holdfast-people',
    formatVersion: 1,
    people: chosen.map((p) => ({ ...p, records: concerns.get(p.id) ?? [] })),
  };
}

/** notes.json: the notes on records in the bundle, oldest first. */
export function notesFile(notes: readonly RecordNote[], records: readonly EvidenceRecord[]): NotesFile {
  const seqs = new Map(records.map((r) => [r.id, r.seq]));
  return {
    format: 'holdfast-notes',
    formatVersion: 1,
    notes: notes
      .filter((n) => seqs.has(n.recordId))
      .map((n) => ({ ...n, recordSeq: seqs.get(n.recordId)! }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
  };
}

/** Plain problems with a people.json read from a bundle (empty when it is well-formed and refers to its records). */
export function peopleFileProblems(value: unknown, seqs: ReadonlySet<number>): string[] {
  const problems: string[] = [];
  const v = value as Partial<PeopleFile> | null;
  if (!v || typeof v !== 'object' || v.format !== 'holdfast-people' || !Array.isArray(v.people)) return ['people.json is not a Holdfast people file'];
  const ids = new Set<string>();
  v.people.forEach((p, i) => {
    const where = `people.json person ${i + 1}`;
    if (!p || typeof p !== 'object' || typeof p.id !== 'string' || !p.id || typeof p.name !== 'string' || !Array.isArray(p.identifiers) || !Array.isArray(p.records)) {
      problems.push(`${where} lacks an id, a name, identifiers or records`);
      return;
    }
    if (ids.has(p.id)) problems.push(`${where} repeats the id ${p.id}`);
    ids.add(p.id);
    for (const ident of p.identifiers) {
      if (!ident || typeof ident !== 'object' || typeof ident.id !== 'string' || typeof ident.type !== 'string') problems.push(`${where} has an identifier without id or type`);
      else if (ident.account && !Array.isArray(ident.account.keys)) problems.push(`${where} has an account without keys`);
    }
    for (const seq of p.records) if (!seqs.has(seq)) problems.push(`${where} refers to record #${String(seq)}, which is not in the bundle`);
  });
  return problems;
}

/** Plain problems with a notes.json read from a bundle. */
export function notesFileProblems(value: unknown, records: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const v = value as Partial<NotesFile> | null;
  if (!v || typeof v !== 'object' || v.format !== 'holdfast-notes' || !Array.isArray(v.notes)) return ['notes.json is not a Holdfast notes file'];
  v.notes.forEach((n, i) => {
    const where = `notes.json note ${i + 1}`;
    if (!n || typeof n !== 'object' || typeof n.id !== 'string' || typeof n.recordId !== 'string' || typeof n.text !== 'string' || typeof n.at !== 'string') {
      problems.push(`${where} lacks an id, record, text or time`);
      return;
    }
    if (records.get(n.recordId) !== n.recordSeq) problems.push(`${where} is on a record that is not in the bundle as #${String(n.recordSeq)}`);
  });
  return problems;
}

/**
 * The journal's versions chain in a bundle: every version after the first supersedes an earlier record of the same
 * entry (one version lower) that is in the bundle (a deleted earlier version is a tombstone, accepted), and no entry
 * has two records of one version. Returns plain problems with the record they are about.
 */
export function journalChainProblems(records: readonly EvidenceRecord[]): Array<{ seq: number; id: string; message: string }> {
  const problems: Array<{ seq: number; id: string; message: string }> = [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const versions = new Set<string>();
  for (const r of records) {
    const j = r.journal;
    if (!j) continue;
    if (r.kind !== 'journal-entry') problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq} carries journal fields but is not a journal entry.` });
    const key = `${j.entryId}\u0000${j.version}`;
    if (versions.has(key)) problems.push({ seq: r.seq, id: r.id, message: `Journal entry ${j.entryId} has two records of version ${j.version}.` });
    versions.add(key);
    if (!Number.isInteger(j.version) || j.version < 1) {
      problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq}: journal version ${String(j.version)} is not a whole number from 1.` });
      continue;
    }
    if (j.version === 1) {
      if (j.supersedes) problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq} is version 1 of a journal entry but says it replaces another record.` });
      continue;
    }
    const prev = j.supersedes ? byId.get(j.supersedes) : undefined;
    if (!prev) {
      problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq} is version ${j.version} of journal entry ${j.entryId}, but the version it replaces is not in the bundle.` });
    } else if (prev.seq >= r.seq) {
      problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq} replaces record #${prev.seq}, which is not earlier in the chain.` });
    } else if (!prev.deleted && (prev.journal?.entryId !== j.entryId || prev.journal.version !== j.version - 1)) {
      problems.push({ seq: r.seq, id: r.id, message: `Record #${r.seq} (version ${j.version} of entry ${j.entryId}) replaces record #${prev.seq}, which is not version ${j.version - 1} of the same entry.` });
    }
  }
  return problems;
}
