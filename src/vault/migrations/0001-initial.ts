import type { Migration } from './types';

const GENESIS = '0'.repeat(64);

/**
 * The first schema:
 * - records: key `id`; indexes `seq` (unique: the chain position), `capturedAt`, `platform`, and
 *   `deletedAt` over `deleted.at` (only tombstones have it, so live count = all - tombstones).
 * - artifacts: key `ref.id`, value {ref, recordId, bytes}; index `recordId`.
 * - meta: out-of-line keys: `head` and `custodyHead` ({seq, hash} of the last record / custody
 *   event, genesis to start) and `schemaVersion`.
 * - custody: key `seq`; index `recordId`.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  upgrade(db) {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('seq', 'seq', { unique: true });
    records.createIndex('capturedAt', 'capturedAt');
    records.createIndex('platform', 'platform');
    records.createIndex('deletedAt', 'deleted.at');

    const artifacts = db.createObjectStore('artifacts', { keyPath: 'ref.id' });
    artifacts.createIndex('recordId', 'recordId');

    const meta = db.createObjectStore('meta');
    meta.put({ seq: 0, hash: GENESIS }, 'head');
    meta.put({ seq: 0, hash: GENESIS }, 'custodyHead');

    const custody = db.createObjectStore('custody', { keyPath: 'seq' });
    custody.createIndex('recordId', 'recordId');
  },
};
