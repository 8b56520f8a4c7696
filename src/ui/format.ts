/** Display helpers shared by the extension pages. Pure. */
import type { Author } from '../model/evidence';

/** "2026-11-20 14:03:11 UTC" from an ISO string; the raw value when it does not parse. */
export function utc(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function authorLabel(author: Author | undefined): string {
  if (!author) return '—';
  const parts = [author.displayName, author.handle ? `@${author.handle}` : undefined].filter(Boolean);
  return parts.join(' ') || author.accountId || '—';
}

/** Only http(s) URLs become links: captured content is hostile until proven otherwise. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 12)}…` : hash;
}

export function bytesLabel(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
