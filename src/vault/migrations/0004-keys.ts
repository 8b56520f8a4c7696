import type { Migration } from './types';

/**
 * Encryption at rest (issue #12).
 * - keys: key path `id`. `keyring` (absent in an unencrypted vault): KDF parameters, the data key wrapped by the
 *   passphrase and by the recovery key, the vault's ECDH public key (plaintext) and private key (sealed), a revision
 *   every write checks, and the state of an in-place conversion. `drop:<uuid>`: a drop key of a context that wrote
 *   while the vault was locked, sealed to the vault's public key; deleted once its rows were re-sealed at unlock.
 * - index `k` over `k` on records, artifacts, custody and staging: only sealed rows have `k` (which key sealed them),
 *   so the index counts sealed rows (conversion is finished when it counts every row, or none) and finds the rows
 *   written with a drop key (range `drop:`…).
 * Existing rows are left as they are: plaintext until encryption is turned on.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'keys',
  upgrade(db, tx) {
    db.createObjectStore('keys', { keyPath: 'id' });
    for (const store of ['records', 'artifacts', 'custody', 'staging']) tx.objectStore(store).createIndex('k', 'k');
  },
};
