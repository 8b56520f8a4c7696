/**
 * importBundle: restores records from an exported bundle into a vault. The whole bundle is
 * verified first (verify.ts); anything wrong — damaged or truncated ZIP, unsafe names, zip bomb,
 * oversized or invalid manifest, wrong hashes, unknown format, wrong or missing password — and
 * nothing is written. Records whose id is already in the vault refuse the whole import too.
 * Records keep their original capture times and hashes; a record that cannot continue this vault's
 * chain exactly is re-linked by the vault, which keeps its original seq and hashes in `imported`.
 * Pure: no DOM, no extension API.
 */

import type { Person, RecordNote } from '../model/case';
import { type ArtifactRef, type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import { tombstoneContent } from '../model/tombstone';
import type { Vault } from '../vault/api';
import type { NotesFile, PeopleFile } from './case-files';
import { type ReportsFile, reportEntriesOf } from './platform-reports';
import { ArtifactReadError, type BundleReport, inspectBundle, type OpenedBundle, type VerifyBundleOptions } from './verify';
import { isWaczSource } from './wacz/verify-wacz';
import type { BundleSource } from './zip';

/**
 * The vault operation import needs (implemented by the vault in src/vault/vault.ts). Files come as streams: the
 * vault hashes them as it stores them, a large one in chunks, so no file is ever held whole in memory.
 */
export interface ImportTarget extends Vault {
  importRecord(
    original: EvidenceRecord,
    artifacts: Array<{ ref: ArtifactRef; bytes: Uint8Array } | { ref: ArtifactRef; stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> }>,
    bundle?: string,
  ): Promise<EvidenceRecord>;
}

export interface ImportOptions extends Pick<VerifyBundleOptions, 'password' | 'limits' | 'hasher'> {
  /** Called after each record is imported. */
  onProgress?(done: number, total: number): void;
  /**
   * Called as files are stored, in bytes over the whole import (at most every 4 MB and at each file's end): a large
   * file takes long, and record counts alone would stand still meanwhile.
   */
  onStoreProgress?(done: number, total: number): void;
  /** Called while the bundle is verified (bytes). */
  onVerifyProgress?(done: number, total: number): void;
  /**
   * Takes in a bundle of an older format that carries no signature (issue #15). Without it such a bundle is refused
   * ('unsigned'): nothing shows it came from a particular vault, so the person has to choose to accept it. A bundle
   * whose signature fails is refused whatever this says.
   */
  acceptUnsigned?: boolean;
  /** Largest single file this vault can store (default: the verifier's largest file, 2 GB). */
  maxStoredFileBytes?: number;
  /** Free space where the vault lives (extension pages: navigator.storage.estimate). */
  storageEstimate?(): Promise<{ quota?: number; usage?: number }>;
}

export type ImportRefusal =
  | 'unreadable'
  | 'unsafe'
  | 'too-large'
  | 'password'
  | 'not-a-bundle'
  | 'format'
  | 'tampered'
  | 'unsigned'
  | 'duplicate'
  | 'cannot-store'
  | 'no-import-support'
  /** A WACZ web archive (datapackage.json, no manifest.json): made for web-archive tools, it is not a vault backup. */
  | 'wacz';

export interface ImportResult {
  status: 'imported' | 'refused' | 'partial';
  /** Plain reason when refused or partial. */
  reason?: string;
  refusal?: ImportRefusal;
  /** The verification of the bundle (always run first). */
  report: BundleReport;
  /** Records now in the vault, as stored (re-linked ones carry `imported`). */
  imported: EvidenceRecord[];
  /** How many of them had to be re-linked into this vault's chain. */
  relinked: number;
  /** Deleted records (tombstones) that could not be placed in this vault's chain. */
  skipped: { seq: number; id: string; reason: string }[];
  /**
   * Format 2: people and notes restored from people.json and notes.json; format 3 also reports to the platforms from
   * reports.json (those already here are left as they are).
   */
  restored?: { people: number; notes: number; reports?: number };
}

export function isImportTarget(vault: Vault): vault is ImportTarget {
  return typeof (vault as Partial<ImportTarget>).importRecord === 'function';
}

export async function importBundle(vault: Vault, source: BundleSource, options: ImportOptions = {}): Promise<ImportResult> {
  const opened = await inspectBundle(source, {
    ...(options.password !== undefined && { password: options.password }),
    ...(options.limits && { limits: options.limits }),
    ...(options.hasher && { hasher: options.hasher }),
    ...(options.onVerifyProgress && { onProgress: options.onVerifyProgress }),
  });
  const { report, manifest } = opened;
  const refuse = (refusal: ImportRefusal, reason: string): ImportResult => ({
    status: 'refused',
    refusal,
    reason,
    report,
    imported: [],
    relinked: 0,
    skipped: [],
  });
  if (!report.ok || !manifest) {
    if (report.problems.some((p) => p.code === 'manifest-missing') && (await isWaczSource(source))) {
      return refuse(
        'wacz',
        'This is a WACZ web archive: it is made for web-archive tools such as ReplayWeb.page, not as a vault backup, and it does not hold what a vault needs to take records back. Nothing was imported. Import the Holdfast bundle (.zip) exported from the vault instead.',
      );
    }
    return refuse(refusalFor(report), reasonFor(report));
  }
  if (report.signature?.status !== 'signed' && !options.acceptUnsigned) {
    return refuse(
      'unsigned',
      `This bundle is of an older format (version ${manifest.formatVersion}) and carries no signature, so nothing shows which vault it came from. Nothing was imported. To import it anyway, choose to accept an unsigned (older) bundle.`,
    );
  }
  if (!isImportTarget(vault)) return refuse('no-import-support', 'This vault cannot import records.');
  // The verifier refuses these too (tombstone-content); a deleted record's hash is never recomputed,
  // so whatever it carries would come in unverified.
  for (const { record, artifacts } of manifest.records) {
    if (record.deleted && (artifacts.length > 0 || tombstoneContent(record).length > 0)) {
      return refuse('tampered', `Record #${record.seq} is marked deleted but carries content or files that nothing can verify. Nothing was imported.`);
    }
  }

  // What cannot be stored is refused before anything is written.
  const maxFile = options.maxStoredFileBytes ?? options.limits?.maxEntryBytes ?? 2 * 1024 ** 3;
  let needed = 0;
  for (const { record } of manifest.records) {
    if (record.deleted) continue;
    for (const ref of record.artifacts) {
      needed += ref.size;
      if (ref.size > maxFile) {
        return refuse(
          'cannot-store',
          `The file "${ref.filename}" of record #${record.seq} is ${formatSize(ref.size)}, more than the ${formatSize(maxFile)} one file may have in this vault. Nothing was imported.`,
        );
      }
    }
  }
  const estimate = await options.storageEstimate?.().catch(() => undefined);
  if (estimate?.quota !== undefined && estimate.usage !== undefined && needed > estimate.quota - estimate.usage) {
    return refuse(
      'cannot-store',
      `This bundle's files need ${formatSize(needed)}, but only ${formatSize(Math.max(0, estimate.quota - estimate.usage))} of space is left for the vault. Free some space and try again. Nothing was imported.`,
    );
  }

  // Nothing is written until every record is known to be new here.
  const records = manifest.records.map((r) => r.record).sort((a, b) => a.seq - b.seq);
  const already: number[] = [];
  for (const record of records) if (await vault.get(record.id)) already.push(record.seq);
  if (already.length) {
    return refuse(
      'duplicate',
      `${already.length === 1 ? 'Record' : 'Records'} #${already.join(', #')} of this bundle ${already.length === 1 ? 'is' : 'are'} already in your vault (this bundle, or part of it, was imported before). Nothing was imported.`,
    );
  }

  // Plan: records that continue this vault's chain exactly are kept as they are; once one has to be
  // re-linked, later ones are re-linked too. A deleted record cannot be re-linked (its hash can no
  // longer be recomputed), so it is skipped and reported.
  const newest = (await vault.list({ limit: 1, includeDeleted: true }))[0];
  let head = newest ? { seq: newest.seq, hash: newest.chain.recordHash } : { seq: 0, hash: GENESIS_HASH };
  let linked = true;
  const plan: EvidenceRecord[] = [];
  const skipped: ImportResult['skipped'] = [];
  for (const record of records) {
    const continues = linked && record.chain.prevHash === head.hash && record.seq === head.seq + 1;
    if (continues) {
      head = { seq: record.seq, hash: record.chain.recordHash };
      plan.push(record);
    } else if (record.deleted) {
      skipped.push({ seq: record.seq, id: record.id, reason: 'A deleted record can only be restored in its original place in the chain.' });
    } else {
      linked = false;
      plan.push(record);
    }
  }

  const bundleLabel = `Holdfast export ${manifest.exportId} (${manifest.exportedAt})`;
  const byId = new Map(manifest.records.map((r) => [r.record.id, r]));
  const imported: EvidenceRecord[] = [];
  let relinked = 0;
  let storeTotal = 0;
  for (const record of plan) if (!record.deleted) for (const ref of record.artifacts) storeTotal += ref.size;
  let storeDone = 0;
  let reported = 0;
  /** Counts the bytes of a file as the vault takes them. */
  const counted = (source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> => ({
    async *[Symbol.asyncIterator]() {
      for await (const chunk of source) {
        storeDone += chunk.byteLength;
        if (storeDone - reported >= 4 * 1024 * 1024) {
          reported = storeDone;
          options.onStoreProgress?.(storeDone, storeTotal);
        }
        yield chunk;
      }
      reported = storeDone;
      options.onStoreProgress?.(storeDone, storeTotal);
    },
  });
  try {
    for (const record of plan) {
      const entry = byId.get(record.id)!;
      const artifacts: { ref: ArtifactRef; stream: AsyncIterable<Uint8Array> }[] = [];
      if (!record.deleted) {
        for (const ref of record.artifacts) {
          const path = entry.artifacts.find((a) => a.id === ref.id)!.path;
          // Read from the ZIP only as the vault stores it (a large file in chunks), hashed by the vault on the way.
          artifacts.push({ ref, stream: options.onStoreProgress ? counted(opened.stream(path, ref)) : opened.stream(path, ref) });
        }
      }
      const stored = await vault.importRecord(record, artifacts, bundleLabel);
      if (stored.imported) relinked += 1;
      imported.push(stored);
      options.onProgress?.(imported.length, plan.length);
    }
  } catch (error) {
    if (imported.length === 0 && error instanceof ArtifactReadError && error.code === 'too-large') {
      return refuse('cannot-store', `${error.message} Nothing was imported.`);
    }
    await logSummary(vault, manifest.exportId, imported.length, relinked, skipped.length, true);
    return {
      status: 'partial',
      reason: `Stopped after ${imported.length} of ${plan.length} records: ${error instanceof Error ? error.message : String(error)}`,
      report,
      imported,
      relinked,
      skipped,
    };
  }
  await logSummary(vault, manifest.exportId, imported.length, relinked, skipped.length, false);
  // Format 2: the person's working context (people, notes), after the records it refers to.
  if (manifest.case) {
    try {
      const data = await readCase(opened, manifest.case.people.path, manifest.case.notes.path);
      const restored: NonNullable<ImportResult['restored']> = data.people.length || data.notes.length ? await vault.restoreCase(data) : { people: 0, notes: 0 };
      // Format 3: reports to the platforms, after the records they name.
      if (manifest.case.reports) {
        const reports = reportEntriesOf(JSON.parse(new TextDecoder().decode(await opened.read(manifest.case.reports.path))) as ReportsFile);
        restored.reports = reports.length ? (await vault.restoreReports(reports)).reports : 0;
      }
      return { status: 'imported', report, imported, relinked, skipped, restored };
    } catch (error) {
      return {
        status: 'partial',
        reason: `Every record was imported, but the people, notes and reports could not all be restored: ${error instanceof Error ? error.message : String(error)}`,
        report,
        imported,
        relinked,
        skipped,
      };
    }
  }
  return { status: 'imported', report, imported, relinked, skipped };
}

/** People and notes as the vault keeps them, from a verified bundle's people.json and notes.json. */
async function readCase(opened: OpenedBundle, peoplePath: string, notesPath: string): Promise<{ people: Person[]; notes: RecordNote[] }> {
  const json = async (path: string) => JSON.parse(new TextDecoder().decode(await opened.read(path))) as unknown;
  const peopleFile = (await json(peoplePath)) as PeopleFile;
  const notesFile = (await json(notesPath)) as NotesFile;
  return {
    people: peopleFile.people.map(({ records: _records, ...person }) => person),
    notes: notesFile.notes.map(({ recordSeq: _seq, ...note }) => note),
  };
}

async function logSummary(vault: Vault, exportId: string, count: number, relinked: number, skipped: number, stopped: boolean) {
  try {
    await vault.logCustody(
      'imported',
      undefined,
      `bundle ${exportId}: ${count} record(s) imported${relinked ? `, ${relinked} re-linked` : ''}${skipped ? `, ${skipped} deleted record(s) skipped` : ''}${stopped ? ', stopped early' : ''}`,
    );
  } catch {
    // The records themselves carry their own 'imported' custody entries.
  }
}

function formatSize(n: number): string {
  if (n < 1024 * 1024) return `${n} bytes`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function refusalFor(report: BundleReport): ImportRefusal {
  const codes = new Set(report.problems.map((p) => p.code));
  if (codes.has('unreadable')) return 'unreadable';
  if (codes.has('unsafe-path')) return 'unsafe';
  if (codes.has('too-large')) return 'too-large';
  if (codes.has('password-required') || codes.has('password-wrong')) return 'password';
  if (codes.has('manifest-missing') || codes.has('manifest-invalid')) return 'not-a-bundle';
  if (codes.has('format-unknown')) return 'format';
  return 'tampered';
}

function reasonFor(report: BundleReport): string {
  const first = report.problems.slice(0, 3).map((p) => p.message);
  const more = report.problems.length > 3 ? ` (and ${report.problems.length - 3} more problems)` : '';
  const lead =
    refusalFor(report) === 'tampered'
      ? 'This bundle does not verify, so nothing was imported: '
      : 'This file cannot be imported, so nothing was imported: ';
  return `${lead}${first.join(' ')}${more}`;
}
