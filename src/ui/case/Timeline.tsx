/**
 * A timeline of captures and journal entries, newest first, each a link to its record (`#/record/<id>`); windowed
 * (VirtualList) so a person with thousands of contacts scrolls smoothly. Used by the person page and the pattern page.
 */
import { t } from '../../i18n/t';
import type { CaseSummary, IncidentTime } from '../../model/case';
import { showHandle, showName, showText } from '../../model/display';
import type { PatternEvent } from '../../model/pattern';
import type { ReportEntry } from '../../model/report';
import { reportPlatformLabel, statusLabel } from '../reports/labels';
import { eventKindLabel, localTime, platformLabel, precisionLabel } from './labels';
import { incidentParts, incidentSortKey } from './time';
import { VirtualList } from './VirtualList';

export interface RecordTimelineItem {
  id: string;
  source: 'capture' | 'journal';
  /** Sort key, newest first (the UTC instant, or a journal entry's wall-clock). */
  sort: string;
  kind: string;
  platform: string;
  summary: CaseSummary;
}

/** Issue #14: a report the person made, on the person's timeline beside the contacts (never counted as one). */
export interface ReportTimelineItem {
  id: string;
  source: 'report';
  sort: string;
  platform: string;
  report: ReportEntry;
}

export type TimelineItem = RecordTimelineItem | ReportTimelineItem;

/** Timeline rows for reports (sorted with the rest by mergeTimeline). */
export function reportTimelineItems(reports: readonly ReportEntry[]): ReportTimelineItem[] {
  return reports.map((r) => ({ id: `report:${r.id}`, source: 'report', sort: r.reportedAt, platform: r.platform, report: r }));
}

/** Two timelines as one, newest first. */
export function mergeTimeline(a: readonly TimelineItem[], b: readonly TimelineItem[]): TimelineItem[] {
  return [...a, ...b].sort((x, y) => (x.sort < y.sort ? 1 : x.sort > y.sort ? -1 : 0));
}

/** Timeline rows for pattern events (their summaries give the words), newest first. Words are made per row shown. */
export function timelineItems(events: readonly PatternEvent[], byId: ReadonlyMap<string, CaseSummary>): RecordTimelineItem[] {
  const items: RecordTimelineItem[] = [];
  for (const e of events) {
    const s = byId.get(e.id);
    if (!s) continue;
    const sort = s.journal ? incidentSortKey(s.journal.when, s.capturedAt) : (e.utc ?? s.capturedAt);
    items.push({ id: s.id, source: e.source, sort, kind: e.kind, platform: e.platform, summary: s });
  }
  return items.sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0));
}

/** When a timeline row happened, in words: a journal entry's time as entered, a capture's in local time. */
export function whenLabel(s: CaseSummary): string {
  return s.journal ? incidentLabel(s.journal.when) : localTime(s.itemTime ?? s.capturedAt);
}

/** An incident's time as the person entered it: "2026-12-07 02:17", "About 2026-12-07 03:00", "2026-12-07", "Time unknown". */
export function incidentLabel(w: IncidentTime): string {
  if (w.precision === 'unknown') return precisionLabel('unknown');
  const p = incidentParts(w);
  return `${w.precision === 'about' ? `${precisionLabel('about')} ` : ''}${p.date}${p.time ? ` ${p.time}` : ''}`;
}

function ReportRow({ item }: { item: ReportTimelineItem }) {
  const r = item.report;
  return (
    <a class="case-tl-row case-tl-report" href={`#/reports/${encodeURIComponent(r.id)}`} data-report-id={r.id} data-status={r.status}>
      <span class="case-tl-head">
        <strong>{localTime(r.reportedAt)}</strong> · {t('repuTimelineReport', reportPlatformLabel(r.platform), statusLabel(r.status))}
      </span>
      <span class="case-tl-text">{r.reference ? showText(r.reference) : '—'}</span>
    </a>
  );
}

function Row({ item }: { item: TimelineItem }) {
  if (item.source === 'report') return <ReportRow item={item} />;
  const s = item.summary;
  const who = [showName(s.displayName).text, showHandle(s.handle).text].filter(Boolean).join(' ');
  return (
    <a class={`case-tl-row case-tl-${item.source}`} href={`#/record/${item.id}`} data-record-id={item.id}>
      <span class="case-tl-head">
        <strong>{whenLabel(s)}</strong> · {eventKindLabel(item.kind)} · {platformLabel(item.platform)}
        {who && <> · {who}</>}
      </span>
      <span class="case-tl-text">{showText((s.snippet ?? '').slice(0, 300)) || '—'}</span>
    </a>
  );
}

export function Timeline({ items, label, maxHeight }: { items: readonly TimelineItem[]; label: string; maxHeight?: number }) {
  if (items.length === 0) return <p class="muted">{t('patternTimelineEmpty')}</p>;
  return (
    <VirtualList
      items={items}
      rowHeight={58}
      maxHeight={maxHeight ?? 520}
      label={label}
      testid="case-timeline"
      itemKey={(i) => i.id}
      renderRow={(i) => <Row item={i} />}
    />
  );
}
