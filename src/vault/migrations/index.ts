/**
 * The ordered list of schema migrations. The IndexedDB version of the vault is the number of
 * migrations; opening a vault at an older version runs the missing ones, in order, in the upgrade
 * transaction. Add new migrations at the end with the next number, each with its own test.
 */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-author-keys';
import { migration0003 } from './0003-staging';
import { migration0004 } from './0004-keys';
import { migration0005 } from './0005-chunks';
import { migration0006 } from './0006-case';
import { migration0007 } from './0007-reports';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];

export const DB_VERSION = MIGRATIONS.length;

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`Vault migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
});
