/**
 * A numbered schema migration. Migrations run inside IndexedDB's upgrade ("versionchange")
 * transaction, in order, each exactly once per database; the database version is the number of
 * migrations. They use the raw IndexedDB API (only storage.ts uses the `idb` wrapper) and must not
 * await anything but IndexedDB requests, or the upgrade transaction commits under them.
 * Once released a migration never changes: fix mistakes with a new one.
 */
export interface Migration {
  version: number;
  name: string;
  upgrade(db: IDBDatabase, tx: IDBTransaction): void | Promise<void>;
}

/** Visits every value of a store (or index) with a cursor; `visit` may call cursor.update/delete. */
export function forEachCursor(
  source: IDBObjectStore | IDBIndex,
  visit: (cursor: IDBCursorWithValue) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = source.openCursor();
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve();
      try {
        visit(cursor);
        cursor.continue();
      } catch (error) {
        reject(error);
      }
    };
  });
}
