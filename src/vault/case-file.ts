/**
 * The case file's rules (issue #13), pure: checking a journal entry, building journal and added-file records, safe
 * export names and media types for added files, people and their accounts, and suggestions. vault.ts stores what
 * these return; nothing here touches IndexedDB or crypto.
 */
import {
  type AccountRef,
  ADDED_PLATFORM,
  type CaseSummary,
  type Identifier,
  type IdentifierType,
  type IncidentTime,
  JOURNAL_KINDS,
  type JournalInfo,
  normalizeProfileUrl,
  type Person,
  type PersonSuggestion,
  type SummaryAccount,
} from '../model/case';
import { type EvidenceRecord, RECORD_FORMAT_VERSION } from '../model/evidence';
import { type AddedFileInput, type JournalInput, type ToolInfo, VaultError } from './api';

/** Longest journal text accepted (characters): a 1 MB text is stored; a runaway paste of 4 MB is refused. */
export const MAX_JOURNAL_TEXT = 2 * 1024 * 1024;
/** Longest other journal field, person name, identifier value (characters). */
export const MAX_FIELD = 100 * 1024;
export const MAX_NAME = 200;
/** Largest note, in UTF-8 bytes. */
export const MAX_NOTE_BYTES = 100 * 1024;

const invalid = (message: string) => new VaultError('invalid', message);

/** The device's UTC offset at `date`, "+HH:MM"/"-HH:MM". */
export function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // leap year 2000 for February's 29
  if (d > days) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}

function offsetMinutes(offset: string): number | undefined {
  const m = OFFSET.exec(offset);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3]);
  if (h > 14 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

/**
 * Checks when an incident happened and fills `utc` from `local` and `offset` ('exact', 'about'). The wall-clock is
 * kept exactly as entered, whatever the year (1900 and 2100 alike).
 */
export function checkWhen(when: unknown): IncidentTime {
  if (!when || typeof when !== 'object') throw invalid('Say when it happened (or that the time is unknown).');
  const w = when as Partial<IncidentTime>;
  const precision = w.precision;
  if (precision === 'unknown') {
    if (w.local !== undefined || w.utc !== undefined) throw invalid('The time is marked unknown but a date was given: choose one.');
    return { precision };
  }
  if (precision !== 'exact' && precision !== 'about' && precision !== 'date') {
    throw invalid(`"${String(precision)}" is not a way to say how well the time is known (exact, about, date or unknown).`);
  }
  if (typeof w.local !== 'string') throw invalid('The date (and time) it happened is missing.');
  if (w.offset !== undefined && (typeof w.offset !== 'string' || offsetMinutes(w.offset) === undefined)) {
    throw invalid(`"${String(w.offset)}" is not a time zone offset like +01:00.`);
  }
  if (precision === 'date') {
    const m = LOCAL_DATE.exec(w.local);
    if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw invalid(`"${w.local}" is not a date like 2026-03-01 (a day without a time was chosen).`);
    if (w.utc !== undefined) throw invalid('A day without a time has no exact moment in UTC: leave the UTC time out.');
    return { precision, local: w.local, ...(w.offset !== undefined && { offset: w.offset }) };
  }
  const m = LOCAL_TIME.exec(w.local);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[4]) > 23 || Number(m[5]) > 59) {
    throw invalid(`"${w.local}" is not a date and time like 2026-03-01T02:17.`);
  }
  if (w.offset === undefined) throw invalid('The time zone offset of the time it happened is missing.');
  const off = offsetMinutes(w.offset) as number;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - off * 60_000;
  // Date.UTC maps years 0–99 to 1900–1999: set the year again.
  const d = new Date(ms);
  const year = Number(m[1]);
  if (year < 100) d.setUTCFullYear(d.getUTCFullYear() - 1900);
  const utc = isoUtc(d);
  if (w.utc !== undefined && (typeof w.utc !== 'string' || Number.isNaN(Date.parse(w.utc)) || Date.parse(w.utc) !== d.getTime())) {
    throw invalid(`The UTC time (${String(w.utc)}) does not match ${w.local} at ${w.offset}.`);
  }
  return { precision, local: w.local, offset: w.offset, utc };
}

/** ISO-8601 UTC with milliseconds, also for years before 1000 or after 9999 (never throws for a valid date). */
function isoUtc(d: Date): string {
  return d.toISOString();
}

function optionalText(value: unknown, what: string, max = MAX_FIELD): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${what} must be text.`);
  if (value.length > max) throw invalid(`${what} is too long (${value.length} characters; at most ${max}).`);
  return value.trim() ? value : undefined;
}

/** A journal entry as the form gave it, checked; person and links are checked against the vault by the caller. */
export interface CheckedJournal {
  when: IncidentTime;
  kind: JournalInfo['kind'];
  text: string;
  personId?: string;
  where?: string;
  effect?: string;
  witnesses?: string;
  reference?: string;
  links: string[];
}

export function checkJournal(entry: JournalInput): CheckedJournal {
  if (!entry || typeof entry !== 'object') throw invalid('There is no journal entry to save.');
  if (!(JOURNAL_KINDS as readonly string[]).includes(entry.kind)) throw invalid(`"${String(entry.kind)}" is not a kind of incident this journal knows.`);
  if (typeof entry.text !== 'string') throw invalid('What happened must be text.');
  if (entry.text.length > MAX_JOURNAL_TEXT) throw invalid(`What happened is too long to save (${entry.text.length} characters; at most ${MAX_JOURNAL_TEXT}). Split it into several entries.`);
  const when = checkWhen(entry.when);
  if (entry.personId !== undefined && (typeof entry.personId !== 'string' || !entry.personId)) throw invalid('The person this entry concerns is not a person id.');
  const links = entry.links ?? [];
  if (!Array.isArray(links) || links.some((l) => typeof l !== 'string' || !l)) throw invalid('Links of a journal entry must be record ids.');
  const out: CheckedJournal = { when, kind: entry.kind, text: entry.text, links: [...new Set(links)] };
  if (entry.personId) out.personId = entry.personId;
  for (const [field, what] of [
    ['where', 'Where it happened'],
    ['effect', 'How it affected you'],
    ['witnesses', 'Witnesses'],
    ['reference', 'The report reference'],
  ] as const) {
    const v = optionalText(entry[field], what);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

type ToolOf = EvidenceRecord['tool'];
export function toolOf(tool: ToolInfo): ToolOf {
  if (!tool || typeof tool.version !== 'string' || typeof tool.browser !== 'string' || typeof tool.userAgent !== 'string') {
    throw invalid('The tool adding this (version, browser, user agent) is missing.');
  }
  return { name: 'Holdfast', version: tool.version, browser: tool.browser, userAgent: tool.userAgent };
}

/** The parts every record the person adds shares: platform 'added', no page, nothing read from a page. */
function addedBase(kind: 'journal-entry' | 'added-file', id: string, now: Date, tool: ToolInfo): Omit<EvidenceRecord, 'seq' | 'chain' | 'artifacts'> {
  return {
    formatVersion: RECORD_FORMAT_VERSION,
    id,
    kind,
    platform: ADDED_PLATFORM,
    pageUrl: '',
    capturedAt: now.toISOString(),
    capturedAtOffset: localOffset(now),
    media: [],
    content: { kind, platform: ADDED_PLATFORM, links: [], media: [], method: 'person', warnings: [] },
    extraction: { method: 'person', warnings: [] },
    screenshot: { method: 'none', devicePixelRatio: 1, note: kind === 'journal-entry' ? 'Written by the person; nothing was captured from a page.' : 'Added by the person; nothing was captured from a page.' },
    tool: toolOf(tool),
    reportRoutes: [],
  };
}

export function journalRecord(
  entry: CheckedJournal,
  info: { id: string; entryId: string; version: number; supersedes?: string; personName?: string },
  now: Date,
  tool: ToolInfo,
): Omit<EvidenceRecord, 'seq' | 'chain'> {
  const journal: JournalInfo = { entryId: info.entryId, version: info.version, when: entry.when, kind: entry.kind, links: entry.links };
  if (info.supersedes) journal.supersedes = info.supersedes;
  if (entry.personId) journal.personId = entry.personId;
  if (info.personName !== undefined) journal.personName = info.personName;
  for (const field of ['where', 'effect', 'witnesses', 'reference'] as const) {
    const v = entry[field];
    if (v !== undefined) journal[field] = v;
  }
  return { ...addedBase('journal-entry', info.id, now, tool), text: entry.text, journal, artifacts: [] };
}

// ---- added files ----

/** File extensions an added file keeps in its export name; anything else (html, svg, js, exe…) becomes ".bin". */
const SAFE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'avif',
  'pdf', 'txt', 'eml', 'msg', 'csv', 'json', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'vcf', 'zip',
  'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'wav', 'flac', 'amr', 'weba',
  'mp4', 'm4v', 'mov', 'webm', '3gp', 'mkv', 'avi',
]);

/** Media types an added file may be labelled with: types no viewer runs as a document (never SVG, HTML, XML, JS). */
const SAFE_TYPES = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/heic', 'image/heif', 'image/tiff', 'image/avif',
  'audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/ogg', 'audio/opus', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/flac', 'audio/amr', 'audio/3gpp',
  'video/mp4', 'video/webm', 'video/quicktime', 'video/3gpp', 'video/ogg', 'video/x-matroska',
  'application/pdf', 'text/plain', 'text/csv', 'message/rfc822', 'application/zip',
]);

/**
 * The artifact's name in exports: `added-<seq>.<ext>`, the extension taken from the given name only when it is on
 * the allowlist, else "bin". Never the name as given (path separators, control characters, length, double
 * extensions like "photo.jpg.html"): that stays in the record's addedFile.name, shown as text.
 */
export function safeFilename(name: string, seq: number): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  const ext = m?.[1]?.toLowerCase();
  return `added-${seq}.${ext && SAFE_EXTENSIONS.has(ext) ? ext : 'bin'}`;
}

/** The artifact's media type: the browser's type when it is a plain, safe one, else application/octet-stream. */
export function safeMediaType(type: string): string {
  const plain = (typeof type === 'string' ? type : '').split(';')[0]?.trim().toLowerCase() ?? '';
  return SAFE_TYPES.has(plain) ? plain : 'application/octet-stream';
}

export function checkFile(file: AddedFileInput): void {
  if (!file || typeof file !== 'object' || typeof file.stream !== 'function') throw invalid('There is no file to add.');
  if (typeof file.name !== 'string') throw invalid('The file has no name.');
  if (file.name.length > 10_000) throw invalid('The file’s name is too long to keep.');
  if (!Number.isSafeInteger(file.size) || file.size < 0) throw invalid('The file’s size is not known, so it was not added.');
  if (file.size === 0) throw invalid('The file is empty (0 bytes); nothing was added.');
  if (typeof file.type !== 'string') throw invalid('The file’s type is not text.');
  if (file.lastModified !== undefined && (!Number.isFinite(file.lastModified) || Number.isNaN(new Date(file.lastModified).getTime()))) {
    throw invalid('The file’s modification time is not a time.');
  }
}

export function addedFileRecord(
  file: AddedFileInput,
  info: { id: string; entryId?: string },
  now: Date,
  tool: ToolInfo,
): Omit<EvidenceRecord, 'seq' | 'chain' | 'artifacts'> {
  const addedFile: EvidenceRecord['addedFile'] = { name: file.name, size: file.size, type: file.type, addedAt: now.toISOString() };
  if (file.lastModified !== undefined) addedFile.lastModified = new Date(file.lastModified).toISOString();
  if (info.entryId) addedFile.entryId = info.entryId;
  return { ...addedBase('added-file', info.id, now, tool), addedFile };
}

// ---- people ----

const IDENTIFIER_TYPES: readonly IdentifierType[] = ['account', 'phone', 'email', 'username', 'other'];

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !name.trim()) throw invalid('Give the person a name (any name you will recognise, like "unknown 1").');
  const n = name.trim();
  if (n.length > MAX_NAME) throw invalid(`The name is too long (${n.length} characters; at most ${MAX_NAME}).`);
  return n;
}

export function checkAccount(account: unknown): AccountRef {
  const a = account as Partial<AccountRef> | undefined;
  if (!a || typeof a !== 'object' || typeof a.platform !== 'string' || !Array.isArray(a.keys)) throw invalid('This is not an account (platform and keys).');
  const keys = [...new Set(a.keys.filter((k): k is string => typeof k === 'string' && k.length > 0 && k.length <= 500))];
  if (!keys.length) throw invalid('This account has no handle or id to recognise it by.');
  const out: AccountRef = { platform: a.platform, keys };
  for (const field of ['handle', 'accountId', 'displayName'] as const) {
    const v = a[field];
    if (typeof v === 'string' && v.trim()) out[field] = v.trim().slice(0, MAX_NAME);
  }
  return out;
}

export function checkIdentifier(identifier: Omit<Identifier, 'id' | 'addedAt'>): Omit<Identifier, 'id' | 'addedAt'> {
  if (!identifier || typeof identifier !== 'object' || !IDENTIFIER_TYPES.includes(identifier.type)) {
    throw invalid(`"${String(identifier?.type)}" is not a kind of identifier (account, phone, email, username or other).`);
  }
  const out: Omit<Identifier, 'id' | 'addedAt'> = { type: identifier.type };
  if (identifier.type === 'account') out.account = checkAccount(identifier.account);
  else {
    const value = optionalText(identifier.value, 'The identifier', MAX_NAME * 5);
    if (!value) throw invalid('Type the phone number, address or username.');
    out.value = value.trim();
  }
  const where = optionalText(identifier.where, 'Where', MAX_NAME);
  if (where) out.where = where.trim();
  const label = optionalText(identifier.label, 'The label', MAX_NAME);
  if (label) out.label = label.trim();
  return out;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((k) => b.includes(k));

/**
 * Takes an account away from every person (but `keep`, if given): one account belongs to at most one person. Every
 * account identifier sharing a key with `keys` is the same account and is removed whole; its keys are returned so the
 * person it goes to gets all of them. Returns the people that changed (copies).
 */
export function takeAccount(people: Person[], keys: readonly string[], now: string, keep?: string): { changed: Person[]; keys: string[] } {
  const changed: Person[] = [];
  const taken = new Set(keys);
  for (const p of people) {
    if (p.id === keep) continue;
    const gone = p.identifiers.filter((i) => i.type === 'account' && i.account && overlaps(i.account.keys, keys));
    if (!gone.length) continue;
    for (const i of gone) for (const k of i.account?.keys ?? []) taken.add(k);
    changed.push({ ...p, identifiers: p.identifiers.filter((i) => !gone.includes(i)), updatedAt: now });
  }
  return { changed, keys: [...taken] };
}

/** Adds an identifier to a person (an account merges with one of theirs it shares a key with). Returns a copy. */
export function withIdentifier(person: Person, identifier: Omit<Identifier, 'id' | 'addedAt'>, now: string, id: string): Person {
  const identifiers = [...person.identifiers];
  const account = identifier.account;
  if (identifier.type === 'account' && account) {
    const at = identifiers.findIndex((i) => i.type === 'account' && i.account && i.account.platform === account.platform && overlaps(i.account.keys, account.keys));
    const existing = at >= 0 ? identifiers[at] : undefined;
    if (existing?.account) {
      const merged: AccountRef = { ...existing.account, ...account, keys: [...new Set([...existing.account.keys, ...account.keys])] };
      identifiers[at] = { ...existing, account: merged, ...(identifier.label !== undefined && { label: identifier.label }) };
      return { ...person, identifiers, updatedAt: now };
    }
  } else if (identifiers.some((i) => i.type === identifier.type && i.value === identifier.value && i.where === identifier.where)) {
    return person; // already there
  }
  identifiers.push({ ...identifier, id, addedAt: now });
  return { ...person, identifiers, updatedAt: now };
}

/** Which person holds an account key, if any. */
export function ownerOf(people: readonly Person[], keys: readonly string[]): Person | undefined {
  return people.find((p) => p.identifiers.some((i) => i.type === 'account' && i.account && overlaps(i.account.keys, keys)));
}

/** Checks a person from an imported bundle: undefined when it is not one (skipped). */
export function checkImportedPerson(value: unknown): Person | undefined {
  try {
    const p = value as Person;
    if (!p || typeof p.id !== 'string' || !p.id || p.id.length > 200 || !Array.isArray(p.identifiers)) return undefined;
    const name = checkName(p.name);
    const identifiers: Identifier[] = [];
    for (const i of p.identifiers) {
      try {
        if (typeof i?.id !== 'string' || !i.id) continue;
        identifiers.push({ ...checkIdentifier(i), id: i.id, addedAt: typeof i.addedAt === 'string' ? i.addedAt : new Date(0).toISOString() });
      } catch {
        // an identifier that is not one is left out
      }
    }
    const out: Person = {
      id: p.id,
      name,
      identifiers,
      createdAt: typeof p.createdAt === 'string' ? p.createdAt : new Date().toISOString(),
      updatedAt: typeof p.updatedAt === 'string' ? p.updatedAt : new Date().toISOString(),
    };
    const notes = optionalText(p.notes, 'Notes');
    if (notes) out.notes = notes;
    return out;
  } catch {
    return undefined;
  }
}

// ---- suggestions ----

/** A display name reduced for comparison: compatibility form, no invisible characters, case and spacing folded. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Group {
  account: AccountRef & { profileUrl?: string };
  self: boolean;
  names: Set<string>;
}

/**
 * Accounts that may be one person, from the records' summaries: the same display name, a profile linking to another
 * account's profile, or several accounts (not the person capturing) in one group conversation or replying in one
 * thread. Accounts already under one person together are not proposed; tombstones and added records are ignored.
 */
export function suggest(summaries: readonly CaseSummary[], people: readonly Person[]): PersonSuggestion[] {
  // One account per set of keys that identify the same author on one record (id and handle), joined across records.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(k, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const live = summaries.filter((s) => !s.deleted && s.platform !== ADDED_PLATFORM);
  const all: SummaryAccount[] = [];
  for (const s of live) {
    for (const a of s.accounts ?? []) {
      all.push(a);
      for (const k of a.keys) if (!parent.has(k)) parent.set(k, k);
      for (const k of a.keys.slice(1)) union(a.keys[0] as string, k);
    }
  }
  const groups = new Map<string, Group>();
  for (const a of all) {
    const root = find(a.keys[0] as string);
    let g = groups.get(root);
    if (!g) {
      g = { account: { platform: a.platform, keys: [] }, self: false, names: new Set() };
      groups.set(root, g);
    }
    g.account.keys = [...new Set([...g.account.keys, ...a.keys])];
    for (const f of ['handle', 'accountId', 'displayName', 'profileUrl'] as const) if (a[f] && !g.account[f]) g.account[f] = a[f];
    if (a.displayName) g.names.add(normalizeName(a.displayName));
    if (a.self) g.self = true;
  }
  const groupOf = (keys: readonly string[]) => (keys[0] !== undefined && parent.has(keys[0]) ? groups.get(find(keys[0])) : undefined);
  const out: PersonSuggestion[] = [];
  const seen = new Set<string>();
  const propose = (members: Group[], reason: PersonSuggestion['reason'], detail: string) => {
    const unique = [...new Set(members)].filter((g) => !g.self);
    if (unique.length < 2) return;
    const owners = new Set(unique.map((g) => ownerOf(people, g.account.keys)?.id));
    const owned = [...owners].filter((o): o is string => o !== undefined);
    if (owned.length > 1) return; // under different people: merging people is the person's own decision
    if (owned.length === 1 && owners.size === 1) return; // all already under the same person
    const id = `${reason}|${unique.map((g) => g.account.keys[0]).sort().join('|')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const accounts = unique.map((g) => {
      const { profileUrl: _url, ...account } = g.account;
      return { ...account, keys: [...account.keys] };
    });
    out.push({ accounts, reason, detail, ...(owned[0] !== undefined && { personId: owned[0] }) });
  };

  // Same display name.
  const byName = new Map<string, Group[]>();
  for (const g of groups.values()) {
    for (const n of g.names) {
      if ([...n].length < 2) continue;
      byName.set(n, [...(byName.get(n) ?? []), g]);
    }
  }
  for (const [name, members] of byName) {
    const shown = members.find((g) => !g.self)?.account.displayName ?? name;
    propose(members, 'same-display-name', `Both use the display name "${shown}".`);
  }

  // A profile that links to another account's profile.
  const byUrl = new Map<string, Group>();
  for (const g of groups.values()) {
    const urls = [g.account.profileUrl, ...g.account.keys.filter((k) => k.startsWith(`${g.account.platform}:@`)).map((k) => profileUrlOf(g.account.platform, k.slice(k.indexOf('@') + 1)))];
    for (const u of urls) {
      const n = u ? normalizeProfileUrl(u) : undefined;
      if (n) byUrl.set(n, g);
    }
  }
  for (const s of live) {
    if (!s.profileLinks?.length || !s.accounts?.[0]) continue;
    const from = groupOf(s.accounts[0].keys);
    if (!from) continue;
    for (const link of s.profileLinks) {
      const to = byUrl.get(link);
      if (to && to !== from) propose([from, to], 'linked-profile', `The profile of ${label(from)} links to the profile of ${label(to)}.`);
    }
  }

  // Several accounts in one group conversation (the person capturing known and left out), or replying in one thread.
  for (const s of live) {
    if (s.kind !== 'dm-thread' || !s.accounts?.some((a) => a.self)) continue;
    const members = s.accounts.map((a) => groupOf(a.keys)).filter((g): g is Group => !!g);
    propose(members, 'same-thread', `Both took part in one conversation captured on ${s.capturedAt.slice(0, 10)}.`);
  }
  const byThread = new Map<string, Group[]>();
  for (const s of live) {
    if (!s.thread || !s.accounts?.[0]) continue;
    const g = groupOf(s.accounts[0].keys);
    if (g) byThread.set(s.thread, [...(byThread.get(s.thread) ?? []), g]);
  }
  for (const [thread, members] of byThread) propose(members, 'same-thread', `Both replied in the same thread (${thread}).`);
  return out;
}

function label(g: Group): string {
  return g.account.handle ? `@${g.account.handle}` : (g.account.displayName ?? g.account.keys[0] ?? 'an account');
}

const PROFILE_HOSTS: Record<string, string> = { x: 'x.com', instagram: 'instagram.com', facebook: 'facebook.com' };
function profileUrlOf(platform: string, handle: string): string | undefined {
  const host = PROFILE_HOSTS[platform];
  return host ? `https://${host}/${handle}` : undefined;
}
