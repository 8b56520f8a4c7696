/**
 * Tests only: the vault's ReportApi in memory (as src/vault/api.ts specifies it: ids, history, limits refused with
 * 'invalid', remindAt null clears), added to the case pages' in-memory vault, plus whole records for get/readArtifact.
 * Not imported by the pages.
 */
import type { ArtifactRef, EvidenceRecord } from '../../model/evidence';
import { REPORT_LIMITS, type ReportEntry } from '../../model/report';
import { type CustodyEvent, type Vault, VaultError } from '../../vault/api';
import { type MemoryCase, memoryCase } from '../case/test-support';

export interface MemoryReports extends MemoryCase {
  reports: ReportEntry[];
  full: EvidenceRecord[];
  files: Map<string, Uint8Array>;
  /** Makes the next addReport/updateReport fail. */
  failNext?: boolean;
}

let n = 0;

function check(r: Pick<ReportEntry, 'reference' | 'notes'>) {
  if ((r.reference?.length ?? 0) > REPORT_LIMITS.reference || (r.notes?.length ?? 0) > REPORT_LIMITS.notes) throw new VaultError('invalid', 'Too long.');
}

export function memoryReports(...args: Parameters<typeof memoryCase>): MemoryReports {
  const mc = memoryCase(...args) as MemoryReports;
  mc.reports = [];
  mc.full = [];
  mc.files = new Map();
  const fail = () => {
    if (mc.failNext) {
      mc.failNext = false;
      throw new VaultError('quota', 'Your browser has no storage space left.');
    }
  };
  const v = mc.vault as unknown as Record<string, unknown>;
  Object.assign(v, {
    async reports() {
      return structuredClone(mc.reports);
    },
    async addReport(input) {
      mc.calls.push('addReport');
      fail();
      check(input);
      const now = new Date().toISOString();
      const status = input.status ?? 'sent';
      const r: ReportEntry = { ...structuredClone(input), id: `report-${++n}`, status, history: [{ status, at: now }], updatedAt: now };
      mc.reports.push(r);
      return structuredClone(r);
    },
    async updateReport(id, patch) {
      mc.calls.push(`updateReport:${id}`);
      fail();
      const r = mc.reports.find((x) => x.id === id);
      if (!r) throw new VaultError('not-found', 'No such report.');
      check({ reference: patch.reference ?? r.reference, notes: patch.notes ?? r.notes });
      const now = new Date().toISOString();
      const { remindAt, ...rest } = patch;
      for (const [k, val] of Object.entries(rest)) if (val !== undefined) (r as unknown as Record<string, unknown>)[k] = val;
      if (remindAt === null) delete r.remindAt;
      else if (remindAt !== undefined) r.remindAt = remindAt;
      if (patch.status && r.history[r.history.length - 1]?.status !== patch.status) r.history.push({ status: patch.status, at: now });
      r.updatedAt = now;
      return structuredClone(r);
    },
    async deleteReport(id) {
      mc.reports = mc.reports.filter((r) => r.id !== id);
    },
    async restoreReports(list) {
      mc.reports.push(...list);
      return { reports: list.length };
    },
    async get(id: string) {
      return mc.full.find((r) => r.id === id);
    },
    async readArtifact(id: string) {
      const bytes = mc.files.get(id);
      if (!bytes) return undefined;
      return { ref: { id } as ArtifactRef, recordId: '', chunked: false, stream: () => new Blob([bytes as BlobPart]).stream() };
    },
    async logCustody() {
      return undefined as unknown as CustodyEvent;
    },
    async notes() {
      return [];
    },
  } satisfies Partial<Vault>);
  return mc;
}
