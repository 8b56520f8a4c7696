import type { EvidenceRecord } from '../../model/evidence';
import { authorKeysOf } from '../author-key';
import { forEachCursor, type Migration } from './types';

/**
 * Per-person lookup: every stored record row gets `authorKeys` (platform-qualified account id and
 * lower-cased handle of its author and DM participants, see author-key.ts) beside the record, with
 * a multi-entry index, so a per-person export finds all of one person's records without reading
 * the whole vault. Existing rows are backfilled. The keys live on the row, outside the record, so
 * record hashes are untouched (storage.ts strips them on read).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'author-keys',
  upgrade(_db, tx) {
    const records = tx.objectStore('records');
    records.createIndex('authorKeys', 'authorKeys', { multiEntry: true });
    return forEachCursor(records, (cursor) => {
      const row = cursor.value as EvidenceRecord & { authorKeys?: string[] };
      cursor.update({ ...row, authorKeys: authorKeysOf(row) });
    });
  },
};
