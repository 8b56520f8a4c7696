import type { Migration } from './types';

/**
 * Staging for long captures (whole-thread capture, issue #4): the parts of a capture in progress are written here
 * as they arrive, so the background holds only the batch in hand, and a capture cut short by a crash leaves its
 * parts behind to be kept as a partial record instead of vanishing. Nothing here is evidence yet: parts become a
 * record (and leave this store) in the same transaction that writes the record.
 *
 * staging: key `[session, n]` (compound key path), one store for three kinds of row:
 * - `n = 0`: the session's header `{session, n, startedAt, updatedAt, meta, files, items}`; index `startedAt` over
 *   `startedAt`, which only headers have, lists open sessions without reading any part;
 * - `n >= 1` (numbers): a file part `{session, n, bytes}` (a screenshot segment), its hash and size in the header;
 * - `n = "i:<key>"` (strings): an item `{session, n, key, sort, value}` (a collected message); index `sort` over
 *   `[session, sort]` reads a session's items in time order, ties by arrival.
 * A session's rows are the key range `[session]` … `[session, []]` (numbers sort before strings, strings before
 * arrays), so discarding a session is one range delete.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'staging',
  upgrade(db) {
    const staging = db.createObjectStore('staging', { keyPath: ['session', 'n'] });
    staging.createIndex('startedAt', 'startedAt');
    staging.createIndex('sort', ['session', 'sort']);
  },
};
