import type { Migration } from './types';

/**
 * Large artifacts in chunks (issue #12: an imported file of up to 2 GB is never held whole in memory).
 * - chunks: key `[aid, i]` (compound key path): chunk `i` (0, 1, 2…) of artifact `aid`, a fixed number of bytes each
 *   (the last one shorter). Plaintext `{aid, i, bytes}`, or sealed `{aid, i, k, b}` with the chunk's place bound as
 *   associated data (`artifact-chunk:<aid>:<i>:<last>`), so chunks cannot be swapped, reordered, dropped or the
 *   artifact truncated without the vault noticing. An artifact's chunks are the key range `[aid]` … `[aid, []]`, so
 *   deleting them is one range delete.
 * - index `k` over `k`, as on every store whose rows are sealed (migration 0004).
 * The artifact's own row in `artifacts` says how many chunks it has (`chunks`) and carries no bytes. Chunks are
 * written before their record, each in its own transaction, under a marker `upload:<aid>` in `meta` (the time of the
 * last chunk written); the record's transaction links them and removes the marker. Chunks no artifact row names
 * whose marker is gone or old are orphans of an import that was cut short, deleted at the next open or import.
 * Artifacts stored before stay single rows; small ones are still stored that way.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'chunks',
  upgrade(db) {
    const chunks = db.createObjectStore('chunks', { keyPath: ['aid', 'i'] });
    chunks.createIndex('k', 'k');
  },
};
