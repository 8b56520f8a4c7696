/**
 * What a deleted record (a tombstone) may still carry. A tombstone's hash cannot be recomputed (its content is gone),
 * so anything beyond its id, place in the chain, kind, platform, capture time and deletion note would be content that
 * nothing vouches for. Used by the vault (importRecord refuses such records) and by the bundle verifier.
 */
import type { EvidenceRecord } from './evidence';

/** The members a tombstone keeps (src/vault/vault.ts `tombstone`), with the shape each must have. */
const TOMBSTONE_KEYS = new Set([
  'formatVersion', 'id', 'seq', 'kind', 'platform', 'pageUrl', 'capturedAt', 'capturedAtOffset', 'media', 'content',
  'extraction', 'screenshot', 'tool', 'reportRoutes', 'artifacts', 'chain', 'imported', 'deleted',
]);
const SHORT = (v: unknown, max = 200) => typeof v === 'string' && v.length <= max;
const EMPTY = (v: unknown) => Array.isArray(v) && v.length === 0;
const ONLY = (v: unknown, keys: string[]) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => keys.includes(k));

/** What a record marked deleted carries beyond a bare tombstone (empty when it is one). */
export function tombstoneContent(record: EvidenceRecord): string[] {
  const found: string[] = [];
  const r = record as unknown as Record<string, unknown>;
  const extra = Object.keys(r).filter((k) => !TOMBSTONE_KEYS.has(k));
  if (extra.length) found.push(`fields a deleted record does not keep (${extra.slice(0, 5).join(', ')})`);
  if (r.pageUrl !== '') found.push('a page address');
  if (!EMPTY(r.media)) found.push('media');
  if (!EMPTY(r.artifacts)) found.push('files');
  if (!EMPTY(r.reportRoutes)) found.push('report routes');
  const c = r.content as Record<string, unknown> | undefined;
  if (!ONLY(c, ['kind', 'platform', 'links', 'media', 'method', 'warnings']) || !EMPTY(c?.links) || !EMPTY(c?.media) || !EMPTY(c?.warnings)) {
    found.push('captured content');
  }
  const e = r.extraction as Record<string, unknown> | undefined;
  if (!ONLY(e, ['method', 'warnings']) || !EMPTY(e?.warnings)) found.push('extraction details');
  const shot = r.screenshot as Record<string, unknown> | undefined;
  if (!ONLY(shot, ['method', 'devicePixelRatio']) || shot?.method !== 'none') found.push('screenshot details');
  const tool = r.tool as Record<string, unknown> | undefined;
  if (!ONLY(tool, ['name', 'version', 'browser', 'userAgent']) || tool?.userAgent !== '' || !SHORT(tool?.browser) || !SHORT(tool?.version)) {
    found.push('tool details');
  }
  const deleted = r.deleted as Record<string, unknown> | undefined;
  if (!ONLY(deleted, ['at', 'reason']) || !SHORT(deleted?.at, 40) || (deleted?.reason !== undefined && !SHORT(deleted.reason, 2000))) {
    found.push('a deletion note that is not one');
  }
  return found;
}

