/**
 * A pile-on (issue #14): the accounts that replied to a captured post, with how many replies each left, so a bystander
 * can tick the ones to report and be walked through them one at a time. Pure: model types only.
 *
 * A post captured with all its replies keeps the replies in its transcript artifact (role 'transcript', JSON:
 * `{ ..., "entries": [ExtractedContent & {n, key}] }`, see src/capture/background/thread-record.ts); a record built
 * elsewhere may carry them as `content.messages`. Both are read the same way.
 */
import { authorKey } from '../model/author-key';
import type { Author, EvidenceRecord, ExtractedContent, Platform } from '../model/evidence';

export interface PileOnReply {
  text?: string;
  permalink?: string;
  itemTime?: string;
}

export interface PileOnAccount {
  /** Stable within one list (the first author key, or the display name when the page gave no handle or id). */
  id: string;
  platform: Platform;
  /** The account's author keys ("x:@name", "x:id:123"), as the vault computes them; empty when the page gave neither. */
  keys: string[];
  handle?: string;
  displayName?: string;
  accountId?: string;
  /** The account's profile on the platform (https only), as the page gave it or built from the handle. */
  profileUrl?: string;
  /** How many replies it left. */
  count: number;
  /** Its replies, in page order. */
  replies: PileOnReply[];
}

/** The author keys of an account: the vault's own definition (src/model/author-key.ts). */
export const accountKeys = authorKey;

const PROFILE_BASES: Partial<Record<Platform, string>> = {
  x: 'https://x.com/',
  instagram: 'https://www.instagram.com/',
  facebook: 'https://www.facebook.com/',
};

const HANDLE = /^[A-Za-z0-9._-]{1,100}$/;

/** The account's profile URL: the one the page gave when it is https, else one built from a plain handle. */
export function profileUrlOf(platform: Platform, author: Pick<Author, 'handle' | 'profileUrl'>): string | undefined {
  if (author.profileUrl) {
    try {
      const u = new URL(author.profileUrl);
      if (u.protocol === 'https:') return u.href;
    } catch {
      /* not a URL: fall through */
    }
  }
  const handle = author.handle?.trim().replace(/^@/, '');
  const base = PROFILE_BASES[platform];
  if (!handle || !base || !HANDLE.test(handle)) return undefined;
  return `${base}${encodeURIComponent(handle)}${platform === 'instagram' ? '/' : ''}`;
}

/** Whether a record can list a pile-on: a post captured with its replies (the transcript or content.messages). */
export function isPileOnRecord(record: Pick<EvidenceRecord, 'kind' | 'content' | 'artifacts' | 'deleted'>): boolean {
  if (record.deleted || record.kind !== 'post') return false;
  if (record.content.messages?.length) return true;
  return record.content.fields?.replies !== undefined && record.artifacts.some((a) => a.role === 'transcript' && a.mediaType === 'application/json');
}

/**
 * The replies out of a stored JSON transcript (its bytes as text). Anything that is not such a transcript gives an
 * empty list, never an error: the transcript is data the page wrote, read defensively.
 */
export function transcriptReplies(json: string): ExtractedContent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.filter((e): e is ExtractedContent => typeof e === 'object' && e !== null && !Array.isArray(e));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const nameOf = (a: PileOnAccount) => (a.handle ?? a.displayName ?? a.accountId ?? a.id).toLowerCase();

/**
 * Every account that replied, most replies first (ties by name), leaving out the post's own author and the capturing
 * person's own replies (a reply marked `direction: 'sent'`, or one by an account in `self`: author keys of the person's
 * own accounts, where known). Replies by one account seen with and without its id are counted together.
 */
export function pileOnAccounts(
  record: Pick<EvidenceRecord, 'platform' | 'author' | 'content'>,
  replies: readonly ExtractedContent[] = record.content.messages ?? [],
  options: { self?: readonly string[] } = {},
): PileOnAccount[] {
  const platform = record.platform;
  const skip = new Set<string>([...(record.author ? accountKeys(platform, record.author) : []), ...(options.self ?? [])]);
  const byKey = new Map<string, PileOnAccount>();
  const list: PileOnAccount[] = [];
  for (const reply of replies) {
    const raw = reply.author;
    if (!raw || typeof raw !== 'object' || reply.direction === 'sent') continue;
    const author: Author = {};
    for (const k of ['handle', 'displayName', 'accountId', 'profileUrl'] as const) {
      const v = str(raw[k]);
      if (v) author[k] = v;
    }
    const keys = accountKeys(platform, author);
    if (keys.some((k) => skip.has(k))) continue;
    const lookup = keys.length ? keys : author.displayName ? [`${platform}:name:${author.displayName.trim().toLowerCase()}`] : [];
    if (!lookup.length) continue;
    let acc = lookup.map((k) => byKey.get(k)).find(Boolean);
    if (!acc) {
      acc = { id: lookup[0]!, platform, keys: [], count: 0, replies: [] };
      list.push(acc);
    }
    for (const k of keys) if (!acc.keys.includes(k)) acc.keys.push(k);
    for (const k of lookup) byKey.set(k, acc);
    acc.handle ??= author.handle?.replace(/^@/, '');
    acc.displayName ??= author.displayName;
    acc.accountId ??= author.accountId;
    acc.profileUrl ??= profileUrlOf(platform, author);
    acc.count++;
    const r: PileOnReply = {};
    const text = str(reply.text);
    const permalink = str(reply.permalink);
    const itemTime = str(reply.itemTime);
    if (text) r.text = text;
    if (permalink) r.permalink = permalink;
    if (itemTime) r.itemTime = itemTime;
    acc.replies.push(r);
  }
  for (const a of list) for (const k of ['handle', 'displayName', 'accountId', 'profileUrl'] as const) if (a[k] === undefined) delete a[k];
  return list.sort((a, b) => b.count - a.count || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}
