/**
 * A record's CaseSummary as the vault stores it (summaries store, migration 0006): the model's summarize() plus what
 * only the vault computes: author keys (author-key.ts), the accounts with their own keys (who is who on a DM
 * thread, and which account is the person capturing), a reply's thread and a profile's links.
 */
import { type CaseSummary, normalizeProfileUrl, type SummaryAccount, summarize } from '../model/case';
import type { Author, EvidenceRecord, ExtractedContent } from '../model/evidence';
import { authorKey, authorKeysOf } from './author-key';

function accountOf(record: EvidenceRecord, author: Author): SummaryAccount | undefined {
  const keys = authorKey(record.platform, author);
  if (!keys.length) return undefined;
  const a: SummaryAccount = { platform: record.platform, keys };
  if (author.handle?.trim()) a.handle = author.handle.trim().replace(/^@/, '');
  if (author.accountId?.trim()) a.accountId = author.accountId.trim();
  if (author.displayName?.trim()) a.displayName = author.displayName.trim();
  if (author.profileUrl) a.profileUrl = author.profileUrl;
  return a;
}

/** Authors of the messages the person capturing sent (direction 'sent'). */
function sentKeys(record: EvidenceRecord): Set<string> {
  const keys = new Set<string>();
  const visit = (c: ExtractedContent | undefined) => {
    if (!c) return;
    if (c.direction === 'sent' && c.author) for (const k of authorKey(record.platform, c.author)) keys.add(k);
    for (const m of c.messages ?? []) visit(m);
  };
  visit(record.content);
  return keys;
}

export function summaryOf(record: EvidenceRecord): CaseSummary {
  const s = summarize(record);
  s.authorKeys = authorKeysOf(record);
  if (record.deleted) return s;
  const self = sentKeys(record);
  const accounts: SummaryAccount[] = [];
  const seen = new Set<string>();
  for (const author of [record.author, ...(record.content?.participants ?? [])]) {
    if (!author) continue;
    const a = accountOf(record, author);
    if (!a || a.keys.some((k) => seen.has(k))) continue;
    for (const k of a.keys) seen.add(k);
    if (a.keys.some((k) => self.has(k))) a.self = true;
    accounts.push(a);
  }
  if (accounts.length) s.accounts = accounts;
  const thread = record.content?.inReplyTo;
  if (thread && (record.kind === 'reply' || record.kind === 'comment')) s.thread = thread;
  if (record.kind === 'profile') {
    const urls = [...(record.content?.links ?? []).map((l) => l.href), ...Object.values(record.content?.fields ?? {})];
    const own = new Set([record.author?.profileUrl, record.permalink, record.pageUrl].map((u) => u && normalizeProfileUrl(u)));
    const links = [...new Set(urls.flatMap((u) => (typeof u === 'string' ? (normalizeProfileUrl(u) ?? []) : [])))].filter((u) => !own.has(u));
    if (links.length) s.profileLinks = links;
  }
  return s;
}
