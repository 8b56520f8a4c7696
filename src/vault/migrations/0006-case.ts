import type { EvidenceRecord } from '../../model/evidence';
import { summaryOf } from '../summary';
import { forEachCursor, type Migration } from './types';

/**
 * The case file (issue #13): people, notes on records, and a summary per record.
 * - summaries: key path `id` (the record's id), one row per record, tombstones included (`deleted: true`): what the
 *   vault page lists, searches, filters and counts at 10,000+ records without opening whole records (CaseSummary,
 *   src/model/case.ts). Index `seq` (newest first), index `entryId` over `e` (a journal entry's id, plaintext: an
 *   entry's versions without reading every summary), index `k`. Written in the same transaction as the record (add,
 *   import, delete → the tombstone's summary).
 * - people: key path `id`, index `k`. A person with their accounts and identifiers.
 * - notes: key path `id`, index `recordId` (plaintext), index `k`. Notes on records, append-only.
 * All three are sealed like records when the vault is encrypted (rows.ts): only ids, seq, `e` and a note's recordId
 * stay in plaintext.
 *
 * Existing records get their summaries here when their rows are plaintext (an unencrypted vault, or rows not yet
 * converted). Sealed rows cannot be opened during an upgrade (no key, and no awaiting crypto inside it): their
 * summaries are filled the first time summaries() runs unlocked (vault.ts, fillSummaries).
 * The summary is built by summary.ts (summaryOf), so a later change of the summary's shape applies here too.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'case',
  upgrade(db, tx) {
    const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
    summaries.createIndex('seq', 'seq', { unique: true });
    summaries.createIndex('entryId', 'e');
    summaries.createIndex('k', 'k');
    const people = db.createObjectStore('people', { keyPath: 'id' });
    people.createIndex('k', 'k');
    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('recordId', 'recordId');
    notes.createIndex('k', 'k');
    return forEachCursor(tx.objectStore('records'), (cursor) => {
      const row = cursor.value as EvidenceRecord & { authorKeys?: string[]; k?: string };
      if (typeof row.k === 'string') return; // sealed: filled at the first unlocked summaries()
      const { authorKeys: _row, k: _none, ...record } = row;
      let summary: ReturnType<typeof summaryOf>;
      try {
        summary = summaryOf(record);
      } catch {
        return; // a row changed outside Holdfast into something that is not a record: verify() reports it
      }
      const e = summary.journal?.entryId;
      summaries.put({ ...summary, ...(e !== undefined && { e }) });
    });
  },
};
