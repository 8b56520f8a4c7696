/**
 * The records list's logic (issue #13), pure so it is tested apart from the page: search and filters over record
 * summaries, the count's words, short URLs, local times, what an added file may be shown as, selection and the
 * account a record is about. No DOM, no extension API.
 *
 * Search at scale: each summary's searchable text (what was said, display name, @handle, URL, journal text, file
 * name) is folded ONCE (lower case, accents removed) when the summaries arrive; a keystroke then only folds the query
 * and runs `includes` over the prepared strings (15,000 summaries: a few milliseconds, see records.test.ts).
 */
import type { AccountRef, CaseSummary, Person } from '../../model/case';
import type { ItemKind } from '../../model/evidence';
import { latestJournal, localParts, peopleOf, personIndex } from '../../model/pattern';

/** Lower case without accents or other combining marks: "Árbol" and "arbol" match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A summary prepared for the list: its folded search text, local day, people, and whether it is an old version. */
export interface ListRow {
  s: CaseSummary;
  /** Folded searchable text. */
  text: string;
  /** Local "YYYY-MM-DD" the row is dated by (item time, else capture time; a journal entry's own date). */
  day?: string;
  personIds: string[];
  /** A journal version that a later version replaced. */
  superseded: boolean;
}

/** The local day a summary is dated by: when it happened if known, else when it was captured or added. */
export function dayOf(s: CaseSummary): string | undefined {
  if (s.journal) {
    const w = s.journal.when;
    return w.local && w.precision !== 'unknown' ? w.local.slice(0, 10) : localParts(s.capturedAt)?.day;
  }
  return localParts(s.itemTime ?? s.capturedAt)?.day;
}

/** Prepares every summary once (newest first). People change rarely; call again when they do. */
export function prepareRows(summaries: readonly CaseSummary[], people: readonly Person[]): ListRow[] {
  const index = personIndex(people);
  const latest = latestJournal(summaries);
  const rows: ListRow[] = [];
  for (const s of summaries) {
    const parts = [s.snippet, s.displayName, s.handle ? `@${s.handle}` : undefined, s.url, s.addedFile?.name];
    const row: ListRow = {
      s,
      text: fold(parts.filter(Boolean).join('\n')),
      personIds: peopleOf(s, index),
      superseded: !!s.journal && (s.journal.superseded === true || latest.get(s.journal.entryId) !== s),
    };
    const day = dayOf(s);
    if (day) row.day = day;
    rows.push(row);
  }
  rows.sort((a, b) => b.s.seq - a.s.seq);
  return rows;
}

/** '' = anyone; NOBODY = records whose accounts belong to no person. */
export const NOBODY = '-';

export interface RecordFilter {
  query?: string;
  platform?: string;
  personId?: string;
  kind?: ItemKind | '';
  /** Local dates, inclusive. */
  from?: string;
  to?: string;
  /** Show the older versions of journal entries too (default: latest only). */
  allVersions?: boolean;
}

/** Rows matching the filter, in list order. Deleted records never show (their tombstones are in the chain only). */
export function filterRows(rows: readonly ListRow[], f: RecordFilter): ListRow[] {
  const terms = fold(f.query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const out: ListRow[] = [];
  for (const r of rows) {
    const s = r.s;
    if (s.deleted) continue;
    if (r.superseded && !f.allVersions) continue;
    if (f.platform && s.platform !== f.platform) continue;
    if (f.kind && s.kind !== f.kind) continue;
    if (f.personId === NOBODY ? r.personIds.length > 0 : f.personId && !r.personIds.includes(f.personId)) continue;
    if (f.from && (!r.day || r.day < f.from)) continue;
    if (f.to && (!r.day || r.day > f.to)) continue;
    let hit = true;
    for (const term of terms) {
      if (!r.text.includes(term)) {
        hit = false;
        break;
      }
    }
    if (hit) out.push(r);
  }
  return out;
}

/** Whether any filter is set (the count then says "matching"). */
export function isFiltered(f: RecordFilter): boolean {
  return !!(f.query?.trim() || f.platform || f.personId || f.kind || f.from || f.to);
}

/** Which of the two count messages: browser.i18n has no plural rules, so "1 record" and "N records" are two keys. */
export function countKey(n: number): 'recCountOne' | 'recCountMany' {
  return n === 1 ? 'recCountOne' : 'recCountMany';
}

/** Platforms and kinds present, for the filter menus (sorted). */
export function facets(rows: readonly ListRow[]): { platforms: string[]; kinds: ItemKind[] } {
  const platforms = new Set<string>();
  const kinds = new Set<ItemKind>();
  for (const r of rows) {
    if (r.s.deleted) continue;
    platforms.add(r.s.platform);
    kinds.add(r.s.kind);
  }
  return { platforms: [...platforms].sort(), kinds: [...kinds].sort() };
}

/**
 * A URL on one line: host (without "www.") and a path shortened in the middle ("x.com/alice/status/1790…4411").
 * Anything that does not parse as a URL is cut to `max` characters.
 */
export function shortUrl(url: string | undefined, max = 48): string {
  if (!url) return '';
  let shown: string;
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    const path = `${u.pathname === '/' ? '' : u.pathname}${u.search}`;
    shown = `${host}${path}`;
  } catch {
    shown = url;
  }
  if (shown.length <= max) return shown;
  const keepEnd = Math.floor((max - 1) / 3);
  return `${shown.slice(0, max - 1 - keepEnd)}…${shown.slice(shown.length - keepEnd)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-20 15:03" in this device's time zone (seconds with `seconds`); the raw value when it does not parse. */
export function localTime(iso: string | undefined, seconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${base}:${pad(d.getSeconds())}` : base;
}

/** This device's UTC offset at that instant, "UTC+01:00". */
export function localOffset(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const m = -d.getTimezoneOffset();
  const sign = m < 0 ? '−' : '+';
  return `UTC${sign}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;
}

/** What an added file may be shown as, decided from its first bytes (never from the name or the declared type). */
export type MediaKind = { show: 'image'; type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' } | { show: 'audio'; type: string } | { show: 'download' };

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/**
 * PNG, JPEG, GIF and WebP show as pictures (formats that cannot carry script); MP3, Ogg, WAV, M4A/AAC and WebM play
 * as audio; everything else — SVG, HTML, PDF, e-mail, unknown — only downloads.
 */
export function sniffMedia(b: Uint8Array): MediaKind {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return { show: 'image', type: 'image/png' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { show: 'image', type: 'image/jpeg' };
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return { show: 'image', type: 'image/gif' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { show: 'image', type: 'image/webp' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return { show: 'audio', type: 'audio/wav' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { show: 'audio', type: 'audio/ogg' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return { show: 'audio', type: 'audio/mpeg' };
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && ['M4A ', 'M4B ', 'mp42', 'mp41', 'isom', 'iso2', 'dash'].includes(ascii(b, 8, 4))) return { show: 'audio', type: 'audio/mp4' };
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { show: 'audio', type: 'audio/webm' };
  // ADTS AAC (FFF1/FFF9) and MPEG audio frame sync (FFE…/FFF… with a valid layer).
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) return { show: 'audio', type: 'audio/aac' };
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x06) !== 0) return { show: 'audio', type: 'audio/mpeg' };
  return { show: 'download' };
}

/**
 * A file name safe to hand to the browser's downloads: no folders ("../../x" → "x"), no control or bidi characters,
 * no leading dots, at most 120 characters, never empty.
 */
export function safeDownloadName(name: string | undefined, fallback = 'added-file'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return `${clean.slice(0, 120 - ext.length)}${ext}`;
}

/**
 * The account a summary is about, for "assign to person": its author's keys. A conversation's summary also carries
 * its participants' keys; only the author's handle key is taken then (the participants are other accounts).
 * Undefined for records about nobody (journal entries, added files, pages without an author).
 */
export function accountOfSummary(s: CaseSummary): AccountRef | undefined {
  if (!s.authorKeys.length) return undefined;
  const handleKey = s.handle ? `${s.platform}:@${s.handle.trim().replace(/^@/, '').toLowerCase()}` : undefined;
  let keys = s.authorKeys;
  if (s.kind === 'dm-thread' || s.authorKeys.length > 2) keys = handleKey && s.authorKeys.includes(handleKey) ? [handleKey] : [];
  if (!keys.length) return undefined;
  const a: AccountRef = { platform: s.platform, keys: [...keys] };
  if (s.handle) a.handle = s.handle;
  if (s.displayName) a.displayName = s.displayName;
  const id = keys.find((k) => k.startsWith(`${s.platform}:id:`));
  if (id) a.accountId = id.slice(`${s.platform}:id:`.length);
  return a;
}

/** Distinct accounts of the chosen summaries (one assignment each), and how many chosen records have none. */
export function accountsOf(summaries: readonly CaseSummary[]): { accounts: AccountRef[]; without: number } {
  const seen = new Set<string>();
  const accounts: AccountRef[] = [];
  let without = 0;
  for (const s of summaries) {
    const a = accountOfSummary(s);
    if (!a) {
      without++;
      continue;
    }
    if (a.keys.some((k) => seen.has(k))) continue;
    for (const k of a.keys) seen.add(k);
    accounts.push(a);
  }
  return { accounts, without };
}

/** Selection: toggling one id, and choosing every matching row (or clearing them when all already are). */
export function toggleId(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function allSelected(selected: ReadonlySet<string>, rows: readonly ListRow[]): boolean {
  return rows.length > 0 && rows.every((r) => selected.has(r.s.id));
}

export function toggleAllMatching(selected: ReadonlySet<string>, rows: readonly ListRow[]): Set<string> {
  const next = new Set(selected);
  if (allSelected(selected, rows)) for (const r of rows) next.delete(r.s.id);
  else for (const r of rows) next.add(r.s.id);
  return next;
}

/** The visible slice of a windowed list: rows [start, end) for a viewport, with `overscan` rows either side. */
export function windowRange(count: number, rowHeight: number, listTop: number, viewportHeight: number, overscan = 6): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, -listTop) / rowHeight);
  const last = Math.ceil(Math.max(0, viewportHeight - listTop) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.max(0, Math.min(count, last + overscan)) };
}
