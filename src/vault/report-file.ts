/**
 * Report entries' rules (issue #14), pure: checking what a new entry, a change or an imported entry holds, and saying
 * what a change changed (for the custody log: names of fields only, never the reference or the notes). vault.ts checks
 * record and person ids against the vault and stores what these return; nothing here touches IndexedDB or crypto.
 */
import { ABUSE_KINDS, REPORT_LIMITS, REPORT_STATUSES, type ReportEntry, type ReportInput, type ReportOrigin, type ReportPatch, type ReportStatus } from '../model/report';
import { VaultError } from './api';

export const REPORT_ORIGINS: readonly ReportOrigin[] = ['item', 'pile-on', 'popup', 'context-menu', 'by-hand'];
/** Longest route id/label, account key, person id, permalink or route URL (characters). */
export const MAX_REPORT_FIELD = 4096;
/** Most records or permalinks one entry may name. */
export const MAX_REPORT_ITEMS = 1000;

const invalid = (message: string) => new VaultError('invalid', message);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PLATFORM = /^[a-z][a-z0-9-]{0,39}$/;

function text(value: unknown, what: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${what} must be text.`);
  if (value.length > max) throw invalid(`${what} is too long (${value.length} characters; at most ${max}).`);
  return value.trim() ? value : undefined;
}

function instant(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) throw invalid(`${what} is not a date and time (${String(value).slice(0, 40)}).`);
  return new Date(Date.parse(value)).toISOString();
}

function day(value: unknown, what: string): string {
  const m = typeof value === 'string' ? DAY.exec(value) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) throw invalid(`${what} is not a day like 2026-03-01.`);
  return value as string;
}

function status(value: unknown): ReportStatus {
  if (!(REPORT_STATUSES as readonly unknown[]).includes(value)) throw invalid(`"${String(value).slice(0, 40)}" is not a status a report can have (${REPORT_STATUSES.join(', ')}).`);
  return value as ReportStatus;
}

function abuse(value: unknown): ReportEntry['abuse'] {
  if (value === undefined || value === null) return undefined;
  if (!(ABUSE_KINDS as readonly unknown[]).includes(value)) throw invalid(`"${String(value).slice(0, 40)}" is not a kind of abuse Holdfast knows (${ABUSE_KINDS.join(', ')}).`);
  return value as ReportEntry['abuse'];
}

function list(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v || v.length > MAX_REPORT_FIELD)) throw invalid(`${what} must be a list of texts.`);
  if (value.length > MAX_REPORT_ITEMS) throw invalid(`${what}: too many (${value.length}; at most ${MAX_REPORT_ITEMS}).`);
  return [...new Set(value as string[])];
}

/** A new entry's fields, checked (record and person ids are checked against the vault by the caller). */
export function checkReportInput(input: ReportInput): Omit<ReportEntry, 'id' | 'history' | 'updatedAt'> {
  if (!input || typeof input !== 'object') throw invalid('There is no report to save.');
  if (typeof input.platform !== 'string' || !PLATFORM.test(input.platform)) throw invalid(`"${String(input.platform).slice(0, 40)}" is not a platform name.`);
  if (!REPORT_ORIGINS.includes(input.origin)) throw invalid(`"${String(input.origin).slice(0, 40)}" is not a way a report comes to be (${REPORT_ORIGINS.join(', ')}).`);
  const out: Omit<ReportEntry, 'id' | 'history' | 'updatedAt'> = {
    platform: input.platform,
    recordIds: list(input.recordIds, 'The reported records'),
    permalinks: list(input.permalinks, 'The reported items’ links'),
    origin: input.origin,
    reportedAt: instant(input.reportedAt, 'When it was reported'),
    status: input.status === undefined ? 'sent' : status(input.status),
  };
  const optional = {
    routeId: text(input.routeId, 'The report route', MAX_REPORT_FIELD),
    routeUrl: text(input.routeUrl, 'The report route’s address', MAX_REPORT_FIELD),
    routeLabel: text(input.routeLabel, 'The report route’s name', MAX_REPORT_FIELD),
    abuse: abuse(input.abuse),
    account: text(input.account, 'The reported account', MAX_REPORT_FIELD),
    personId: text(input.personId, 'The person the report concerns', MAX_REPORT_FIELD),
    reference: text(input.reference, 'The reference number', REPORT_LIMITS.reference),
    notes: text(input.notes, 'The notes', REPORT_LIMITS.notes),
    remindAt: input.remindAt === undefined || input.remindAt === null ? undefined : instant(input.remindAt, 'The reminder'),
    contentRemovedOn: input.contentRemovedOn === undefined || input.contentRemovedOn === null ? undefined : day(input.contentRemovedOn, 'The day the content was gone'),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Applies a change to an entry: returns the new entry and the names of what changed (empty: nothing did). A status
 * that differs from the current one is appended to the history; an empty reference or notes text clears it;
 * `remindAt: null` clears the reminder.
 */
export function applyReportPatch(current: ReportEntry, patch: ReportPatch, now: string): { entry: ReportEntry; changed: string[] } {
  if (!patch || typeof patch !== 'object') throw invalid('There is no change to save.');
  const next: ReportEntry = { ...current };
  const changed: string[] = [];
  const set = (key: keyof ReportEntry, value: unknown, name: string) => {
    if (value === undefined ? current[key] === undefined : current[key] === value) return;
    if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
    else (next as unknown as Record<string, unknown>)[key] = value;
    changed.push(name);
  };
  if ('reference' in patch && patch.reference !== undefined) set('reference', text(patch.reference, 'The reference number', REPORT_LIMITS.reference), 'reference');
  if ('notes' in patch && patch.notes !== undefined) set('notes', text(patch.notes, 'The notes', REPORT_LIMITS.notes), 'notes');
  if ('abuse' in patch && patch.abuse !== undefined) set('abuse', abuse(patch.abuse), 'kind of abuse');
  if ('personId' in patch && patch.personId !== undefined) set('personId', text(patch.personId, 'The person the report concerns', MAX_REPORT_FIELD), 'person');
  if (patch.remindAt === null) set('remindAt', undefined, 'reminder cleared');
  else if (patch.remindAt !== undefined) set('remindAt', instant(patch.remindAt, 'The reminder'), 'reminder');
  if ('contentRemovedOn' in patch && patch.contentRemovedOn !== undefined) {
    set('contentRemovedOn', patch.contentRemovedOn === '' || patch.contentRemovedOn === null ? undefined : day(patch.contentRemovedOn, 'The day the content was gone'), 'content removed on');
  }
  if (patch.status !== undefined) {
    const s = status(patch.status);
    if (s !== current.status) {
      next.status = s;
      next.history = [...current.history, { status: s, at: now }];
      changed.push(`status ${s}`);
    }
  }
  if (changed.length) next.updatedAt = now;
  return { entry: next, changed };
}

/** An entry from a bundle as written by Holdfast, checked; undefined when it is not one (left out of the import). */
export function checkImportedReport(value: unknown): ReportEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as ReportEntry;
  try {
    if (typeof r.id !== 'string' || !r.id || r.id.length > 200) return undefined;
    const fields = checkReportInput(r);
    const history = Array.isArray(r.history)
      ? r.history.map((h) => ({ status: status(h?.status), at: instant(h?.at, 'A status change') }))
      : [];
    if (!history.length) history.push({ status: fields.status, at: fields.reportedAt });
    return { id: r.id, ...fields, history, updatedAt: typeof r.updatedAt === 'string' && !Number.isNaN(Date.parse(r.updatedAt)) ? instant(r.updatedAt, 'updated') : fields.reportedAt };
  } catch {
    return undefined;
  }
}
