/**
 * How far a whole-thread or profile-posts capture goes (issue #4): everything, back to a date, or the latest N rows.
 * Pure functions shared by the engine (when to stop scrolling, which rows are inside the range), the dialog (the
 * person's choice → a bound) and the background (what the record says it covers).
 *
 * A capture bounded by a date is COMPLETE for its range, not partial: it went back until it saw a row older than the
 * date, so every row from the date to the newest was on the page. The record says exactly which range it covers.
 */
import type { CaptureBound, ThreadBoundReport } from '../../messaging/protocol';
import type { BoundInfo } from '../../sites/types';

/** The largest "latest N" the dialog accepts. */
export const MAX_LATEST = 10_000;

/** `YYYY-MM-DD` (as picked) → the start of that day in the local time zone, as a UTC ISO instant; null if invalid. */
export function sinceOfDate(date: string, now: Date = new Date()): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(y, mo - 1, d, 0, 0, 0, 0);
  if (start.getFullYear() !== y || start.getMonth() !== mo - 1 || start.getDate() !== d) return null;
  if (y < 2000 || start.getTime() > now.getTime()) return null;
  return start.toISOString();
}

/** The bound for the dialog's choice, or an error key when a field is not valid. */
export function boundOfChoice(choice: 'all' | 'since' | 'latest', date: string, count: string, now: Date = new Date()): { bound: CaptureBound } | { error: 'date' | 'count' } {
  if (choice === 'since') {
    const since = sinceOfDate(date, now);
    return since ? { bound: { kind: 'since', since, date: date.trim() } } : { error: 'date' };
  }
  if (choice === 'latest') {
    const n = Number(count.trim());
    return Number.isInteger(n) && n >= 1 && n <= MAX_LATEST ? { bound: { kind: 'latest', count: n } } : { error: 'count' };
  }
  return { bound: { kind: 'all' } };
}

const older = (info: BoundInfo | undefined, sinceMs: number): boolean => {
  if (!info?.counted || !info.time) return false;
  const t = Date.parse(info.time);
  return Number.isFinite(t) && t < sinceMs;
};

/** Tracks, row by row as the engine collects them, whether the bound has been reached. */
export class BoundTracker {
  private counted = 0;
  private olderSeen = false;
  private readonly sinceMs: number;

  constructor(readonly bound: CaptureBound) {
    this.sinceMs = bound.kind === 'since' ? Date.parse(bound.since) : Number.NEGATIVE_INFINITY;
  }

  add(info: BoundInfo): void {
    if (info.counted) this.counted++;
    if (this.bound.kind === 'since' && older(info, this.sinceMs)) this.olderSeen = true;
  }

  get reached(): boolean {
    if (this.bound.kind === 'since') return this.olderSeen;
    if (this.bound.kind === 'latest') return this.counted >= this.bound.count;
    return false;
  }
}

export interface BoundCut {
  /** The keys inside the range, in page order. */
  order: string[];
  reached: boolean;
  excluded: number;
  extra: number;
}

/**
 * The rows inside the bound, by their place on the page (not by time alone: a repost shows an older post's time, a
 * pinned post sits above newer ones). Back to a date: everything on the newer side of the first row (from the newest)
 * older than the date. Latest N: the first N counted rows from the newest, with the uncounted rows among them.
 */
export function cutToBound(order: readonly string[], infoOf: (key: string) => BoundInfo | undefined, bound: CaptureBound, newestFirst: boolean): BoundCut {
  // Work from the newest row backwards in time.
  const fromNewest = newestFirst ? [...order] : [...order].reverse();
  let keep = fromNewest.length;
  let reached = false;
  if (bound.kind === 'since') {
    const sinceMs = Date.parse(bound.since);
    const at = fromNewest.findIndex((k) => older(infoOf(k), sinceMs));
    if (at >= 0) {
      keep = at;
      reached = true;
    }
  } else if (bound.kind === 'latest') {
    let n = 0;
    for (let i = 0; i < fromNewest.length; i++) {
      if (infoOf(fromNewest[i]!)?.counted ?? true) n++;
      if (n >= bound.count) {
        keep = i + 1;
        reached = true;
        break;
      }
    }
  }
  const kept = fromNewest.slice(0, keep);
  const extra = bound.kind === 'all' ? 0 : kept.filter((k) => infoOf(k)?.counted === false).length;
  return { order: newestFirst ? kept : kept.reverse(), reached, excluded: fromNewest.length - keep, extra };
}

type RecordKind = 'dm-thread' | 'post' | 'profile';

const nouns: Record<RecordKind, [string, string]> = {
  'dm-thread': ['message', 'messages'],
  post: ['reply', 'replies'],
  profile: ['post', 'posts'],
};

/**
 * The record's plain statement of what it covers (English, like the rest of the record), and the `bound…` fields.
 * `kept`: rows in the record; `partial`: the capture ended early (Stop, a stalled site, an error).
 */
export function boundFields(report: ThreadBoundReport, kind: RecordKind, kept: number, partial: boolean): Record<string, string> {
  const [, many] = nouns[kind];
  const fields: Record<string, string> = { bound: report.kind, boundReached: String(report.reached) };
  if (report.kind === 'since') {
    fields.boundSince = report.since;
    fields.boundSinceDate = report.date;
  }
  if (report.kind === 'latest') fields.boundCount = String(report.count);
  if (report.excluded) fields.boundExcluded = String(report.excluded);
  const pinned = report.extra ? ` It also holds ${report.extra === 1 ? 'the pinned post' : `${report.extra} pinned posts`} shown at the top, marked pinned, which ${report.extra === 1 ? 'does' : 'do'} not count.` : '';
  const timeline = kind === 'profile' ? ' on the profile’s timeline' : '';
  const day = report.kind === 'since' ? `${report.date} (the start of that day in the capturing computer’s local time: ${report.since} UTC)` : '';
  let asked: string;
  if (report.kind === 'since') asked = `every ${nouns[kind][0]} from ${day} to the newest`;
  else if (report.kind === 'latest') asked = `the latest ${report.count} ${many}${timeline}`;
  else asked = `every ${nouns[kind][0]}${timeline}`;
  let coverage: string;
  if (partial) {
    coverage = `Asked for ${asked}. The capture ended early (see partialMessage): ${kept} ${many} were kept and some in that range may be missing.`;
  } else if (report.kind === 'since') {
    coverage = report.reached
      ? `Complete for the chosen range: ${asked}${timeline}, ${kept} ${many}. ${cap(many)} older than ${report.date} were not captured${report.excluded ? ` (${report.excluded} seen on the way were left out)` : ''}.`
      : `Complete: all ${kept} ${many}${timeline}. The site showed none older than ${report.date}, so the chosen range holds everything there is.`;
  } else if (report.kind === 'latest') {
    coverage = report.reached
      ? `Complete for the chosen range: ${asked}, newest first on the page. Older ${many} were not captured.`
      : `Complete: all ${kept} ${many}${timeline}, fewer than the ${report.count} asked for.`;
  } else {
    coverage = `Complete: ${asked} the site loaded, back to the first: ${kept} ${many}.`;
  }
  fields.coverage = coverage + pinned;
  return fields;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Restricts the collected entries to the keys of a bounded capture's order (rows outside the range were streamed too). */
export function restrictTo<T>(entries: ReadonlyMap<string, T>, order: readonly string[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const k of order) {
    const e = entries.get(k);
    if (e !== undefined) out.set(k, e);
  }
  return out;
}
