/** Words for the case pages: kinds, platforms, precisions, times and names shown safely. */
import { kindLabel, type MessageKey, t } from '../../i18n/t';
import { showName } from '../../model/display';
import type { ItemKind } from '../../model/evidence';
import { JOURNAL_KINDS, type JournalKind, type TimePrecision } from '../../model/journal';
import { platformName } from '../../sites/registry';

export const isJournalKind = (k: string): k is JournalKind => (JOURNAL_KINDS as readonly string[]).includes(k);

export function journalKindLabel(kind: JournalKind): string {
  return t(`journalKind_${kind.replace('-', '_')}` as MessageKey);
}

/** A pattern event's kind: a journal entry's kind of incident, or a capture's item kind. */
export function eventKindLabel(kind: string): string {
  return isJournalKind(kind) ? journalKindLabel(kind) : kindLabel(kind as ItemKind);
}

export function platformLabel(platform: string): string {
  if (platform === 'added') return t('patternPlatformAdded');
  if (platform === 'web') return t('patternPlatformWeb');
  return platformName(platform);
}

export function precisionLabel(p: TimePrecision): string {
  return t(`journalPrecision_${p}` as MessageKey);
}

/** A local date-time for people: "7 Dec 2026, 02:17" in the browser's language. */
export function localTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return d.toString();
  }
}

/**
 * A name from outside (a file name, a captured name) as it may be shown: invisible and direction characters as
 * visible markers, cut to `max` characters with "…" in the middle (the end, e.g. the extension, stays); `full` is
 * the whole marked name for a title attribute.
 */
export function shownName(value: string | undefined, max = 60): { text: string; full: string; cut: boolean } {
  const full = showName(value ?? '').text;
  const chars = [...full];
  if (chars.length <= max) return { text: full, full, cut: false };
  const tail = Math.min(16, Math.floor(max / 3));
  return { text: `${chars.slice(0, max - tail - 1).join('')}…${chars.slice(-tail).join('')}`, full, cut: true };
}

/** A route segment as an id: decoded when it is still encoded, as it is when it is not (never throws on a stray "%"). */
export function routeId(segment: string | undefined): string | undefined {
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
