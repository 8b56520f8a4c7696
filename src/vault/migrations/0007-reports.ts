import type { Migration } from './types';

/**
 * Reports to the platforms (issue #14): a `reports` store, key path `id`, index `k`. One row per report entry
 * (ReportEntry, src/model/report.ts): context beside the records like people and notes, never inside a record. Sealed
 * like people when the vault is encrypted (rows.ts, `report:<id>`): only the id stays in plaintext. Nothing to fill:
 * a vault before this version has no reports.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'reports',
  upgrade(db) {
    const reports = db.createObjectStore('reports', { keyPath: 'id' });
    reports.createIndex('k', 'k');
  },
};
