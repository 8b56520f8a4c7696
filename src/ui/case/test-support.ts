/**
 * Tests only: an in-memory stand-in for the vault's case API (what the case pages call), so the pages' own logic is
 * tested without IndexedDB. Records are summarised as the vault does (summarize). Not imported by the pages.
 */
import { type CaseSummary, type Person, summarize } from '../../model/case';
import type { EvidenceRecord } from '../../model/evidence';
import { type AddedFileInput, type JournalInput, type ToolInfo, type Vault, VaultError } from '../../vault/api';

export interface MemoryCase {
  vault: Vault;
  records: EvidenceRecord[];
  people: Person[];
  calls: string[];
  /** Makes addFile fail for files with this name. */
  failFile?: string;
}

let n = 0;
const id = (p: string) => `${p}-${++n}`;

export function memoryCase(extra: CaseSummary[] = []): MemoryCase {
  const mc: MemoryCase = { records: [], people: [], calls: [], vault: undefined as unknown as Vault };
  const base = (kind: EvidenceRecord['kind'], tool: ToolInfo, text: string): EvidenceRecord =>
    ({
      id: id('rec'),
      seq: mc.records.length + extra.length + 1,
      kind,
      platform: 'added',
      capturedAt: new Date().toISOString(),
      capturedAtOffset: '+00:00',
      text,
      artifacts: [],
      tool: { name: 'Holdfast', ...tool },
    }) as unknown as EvidenceRecord;
  const journal = (input: JournalInput, tool: ToolInfo, entryId: string, version: number, supersedes?: string) => {
    const r = base('journal-entry', tool, input.text);
    r.journal = { entryId, version, when: input.when, kind: input.kind, links: input.links ?? [] };
    if (supersedes) r.journal.supersedes = supersedes;
    for (const k of ['personId', 'where', 'effect', 'witnesses', 'reference'] as const) if (input[k]) r.journal[k] = input[k];
    mc.records.push(r);
    return r;
  };
  const person = (pid: string) => {
    const p = mc.people.find((x) => x.id === pid);
    if (!p) throw new VaultError('not-found', 'no such person');
    return p;
  };
  const api: Partial<Vault> = {
    async summaries() {
      return [...extra, ...mc.records.map((r) => summarize(r))].sort((a, b) => b.seq - a.seq);
    },
    async count() {
      return extra.length + mc.records.length;
    },
    async addJournalEntry(input, tool) {
      mc.calls.push('addJournalEntry');
      return journal(input, tool, id('entry'), 1);
    },
    async editJournalEntry(entryId, input, tool) {
      mc.calls.push('editJournalEntry');
      const versions = mc.records.filter((r) => r.journal?.entryId === entryId);
      const last = versions[versions.length - 1];
      if (!last) throw new VaultError('not-found', 'no such entry');
      return journal(input, tool, entryId, last.journal!.version + 1, last.id);
    },
    async journalVersions(entryId) {
      return mc.records.filter((r) => r.journal?.entryId === entryId);
    },
    async addFile(file: AddedFileInput, tool, options) {
      mc.calls.push(`addFile:${file.name}`);
      if (file.size === 0) throw new VaultError('invalid', 'empty file');
      if (file.name === mc.failFile) throw new VaultError('quota', 'full');
      const r = base('added-file', tool, '');
      r.addedFile = { name: file.name, size: file.size, type: file.type, addedAt: r.capturedAt };
      if (options?.entryId) r.addedFile.entryId = options.entryId;
      mc.records.push(r);
      return r;
    },
    async people() {
      return structuredClone(mc.people);
    },
    async savePerson(p) {
      mc.calls.push('savePerson');
      const now = new Date().toISOString();
      if (p.id) {
        const cur = person(p.id);
        cur.name = p.name;
        if (p.notes !== undefined) cur.notes = p.notes;
        cur.updatedAt = now;
        return structuredClone(cur);
      }
      const fresh: Person = { id: id('person'), name: p.name, identifiers: [], createdAt: now, updatedAt: now };
      if (p.notes) fresh.notes = p.notes;
      mc.people.push(fresh);
      return structuredClone(fresh);
    },
    async addIdentifier(pid, ident) {
      const p = person(pid);
      p.identifiers.push({ ...ident, id: id('ident'), addedAt: new Date().toISOString() });
      return structuredClone(p);
    },
    async removeIdentifier(pid, iid) {
      const p = person(pid);
      p.identifiers = p.identifiers.filter((i) => i.id !== iid);
      return structuredClone(p);
    },
    async assignAccount(pid, account) {
      mc.calls.push(`assignAccount:${pid}:${account.keys.join(',')}`);
      for (const p of mc.people) p.identifiers = p.identifiers.filter((i) => !i.account?.keys.some((k) => account.keys.includes(k)));
      if (pid) person(pid).identifiers.push({ id: id('ident'), type: 'account', account, addedAt: new Date().toISOString() });
    },
    async mergePeople(into, from) {
      const a = person(into);
      const b = person(from);
      a.identifiers.push(...b.identifiers);
      mc.people = mc.people.filter((p) => p.id !== from);
      return structuredClone(a);
    },
    async deletePerson(pid) {
      mc.people = mc.people.filter((p) => p.id !== pid);
    },
    async suggestPeople() {
      return [];
    },
  };
  mc.vault = api as Vault;
  return mc;
}

/** A capture's summary (what the vault lists for a record captured on a site). */
export function captureSummary(seq: number, at: string, patch: Partial<CaseSummary> = {}): CaseSummary {
  return { id: `cap-${seq}`, seq, kind: 'dm-message', platform: 'x', capturedAt: at, capturedAtOffset: '+00:00', authorKeys: [], ...patch };
}
