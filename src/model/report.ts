/**
 * Reports to the platforms (issue #14). A report entry is context around the evidence, like people and notes: stored
 * beside the records (never inside one, so it never changes a record hash), sealed when the vault is encrypted, and
 * every change custody-logged by id only. Opening a route through Holdfast writes an entry with status 'sent'; the
 * person adds the platform's reference, later statuses and notes, or adds entries by hand for reports made elsewhere.
 */
import type { Platform } from './evidence';

/** What came of a report, in the order it usually goes. Stored: never rename a value once released. */
export const REPORT_STATUSES = ['sent', 'acknowledged', 'content-removed', 'no-action', 'appealed', 'escalated'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The kinds of abuse a platform help form is chosen by (the route tables in src/sites/<site>/routes.ts use them). */
export const ABUSE_KINDS = ['harassment', 'threats', 'impersonation', 'private-information', 'intimate-images'] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];

/** How the entry came to be. */
export type ReportOrigin = 'item' | 'pile-on' | 'popup' | 'context-menu' | 'by-hand';

/** One status the report had, and when the person set it (UTC ISO). */
export interface ReportStatusChange {
  status: ReportStatus;
  at: string;
}

export interface ReportEntry {
  id: string;
  /** The platform reported to; 'other' for a report made elsewhere (an e-mail to a regulator, a police portal). */
  platform: Platform | 'other';
  /** The route opened (ReportRoute.id), its URL and its label as shown then; absent for entries added by hand. */
  routeId?: string;
  routeUrl?: string;
  routeLabel?: string;
  abuse?: AbuseKind;
  /** The records the report is about (captured before the route was opened); may be empty for one added by hand. */
  recordIds: string[];
  /** The reported items' permalinks (copied to the clipboard when the route opened). */
  permalinks: string[];
  /** The account reported (a pile-on report is about one account): one of its author keys ("x:@name", "x:id:123"; see AccountRef.keys). */
  account?: string;
  /** The person (src/model/case.ts) the report concerns. */
  personId?: string;
  origin: ReportOrigin;
  /** When the report was made (opened through Holdfast, or the date the person gives), UTC ISO. */
  reportedAt: string;
  /** The platform's reference or case number, as the person typed it: plain text, never markup. */
  reference?: string;
  status: ReportStatus;
  /** Every status it had, oldest first (the first is the one it was created with). */
  history: ReportStatusChange[];
  notes?: string;
  /** When to remind the person to check on it (UTC ISO); cleared once the reminder fired or the person cleared it. */
  remindAt?: string;
  /** The person reopened the item and it was gone: the day they saw it (YYYY-MM-DD, their local date). */
  contentRemovedOn?: string;
  updatedAt: string;
}

/** What a new entry needs; the vault adds id, history and updatedAt. `status` defaults to 'sent'. */
export type ReportInput = Omit<ReportEntry, 'id' | 'history' | 'updatedAt' | 'status'> & { status?: ReportStatus };

/** What the person may change later. A status that differs from the current one is appended to `history`. */
export type ReportPatch = Partial<Pick<ReportEntry, 'reference' | 'status' | 'notes' | 'contentRemovedOn' | 'personId' | 'abuse'>> & {
  /** Clears the reminder (null) — `remindAt: undefined` leaves it as it is. */
  remindAt?: string | null;
};

/** Upper bounds on what the person types (plain text; longer input is refused with 'invalid', never cut). */
export const REPORT_LIMITS = { reference: 200, notes: 20_000 } as const;

/** Reports whose reminder is due at `now` (ISO or Date), oldest reminder first. */
export function dueReports(reports: readonly ReportEntry[], now: Date): ReportEntry[] {
  const t = now.getTime();
  return reports.filter((r) => r.remindAt !== undefined && Date.parse(r.remindAt) <= t).sort((a, b) => Date.parse(a.remindAt ?? '') - Date.parse(b.remindAt ?? ''));
}
