/**
 * Author keys (defined in src/model/author-key.ts): how the vault finds every record about one person (for a
 * per-person export). Stored beside each record (never inside it, so they are not covered by the record hash) and
 * indexed multi-entry. A record gets one key per way the page identified a person:
 *   "<platform>:id:<accountId>"   when the page carried a numeric account id
 *   "<platform>:@<handle>"        handle lower-cased, leading "@" removed (handles are case-insensitive)
 * for its author and, for DM threads, each participant.
 *
 * Changing this function changes what is stored; do it only together with a new migration that
 * re-computes the keys of existing records (see migrations/0002-author-keys.ts).
 */
import { authorKey } from '../model/author-key';
import type { Author, EvidenceRecord } from '../model/evidence';

export { authorKey };

export function authorKeysOf(record: Pick<EvidenceRecord, 'platform' | 'author' | 'content' | 'deleted'>): string[] {
  if (record.deleted) return [];
  const people: Author[] = [];
  if (record.author) people.push(record.author);
  for (const p of record.content?.participants ?? []) people.push(p);
  return [...new Set(people.flatMap((p) => authorKey(record.platform, p)))];
}
