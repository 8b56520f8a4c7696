/**
 * An account's author keys, one per way the page identified it:
 *   "<platform>:id:<accountId>"   when the page carried a numeric account id
 *   "<platform>:@<handle>"        handle lower-cased, leading "@" removed (handles are case-insensitive)
 * The vault stores them beside each record (src/vault/author-key.ts); people's accounts, pile-on reports and the
 * record view name accounts by them. Pure: the vault, the reporting layer and the pages share this one definition.
 *
 * Changing this function changes what the vault stores; do it only together with a new migration that re-computes
 * the keys of existing records (see src/vault/migrations/0002-author-keys.ts).
 */
import type { Author, Platform } from './evidence';

export function authorKey(platform: Platform, author: Pick<Author, 'handle' | 'accountId'>): string[] {
  const keys: string[] = [];
  const id = author.accountId?.trim();
  if (id) keys.push(`${platform}:id:${id}`);
  const handle = author.handle?.trim().replace(/^@/, '').toLowerCase();
  if (handle) keys.push(`${platform}:@${handle}`);
  return keys;
}
