/**
 * The Pattern view of the vault page (issue #13): how the contacts spread over days, hours, weeks, platforms and
 * kinds, for one person or all, with filters, and the timeline of what is counted. Every number comes from
 * src/model/pattern.ts (the export's summary and the automation contract count the same way); the events are built
 * once per data change and counted once per filter change.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { CaseSummary } from '../../model/case';
import { countBy, countByDay, countByHour, countByWeek, eventsOf, filterEvents, type PatternEvent, type PatternFilter, periodOf } from '../../model/pattern';
import type { CasePageProps } from '../vault/useCaseData';
import { BarList, ChartFigure, ColumnChart, type Datum, DayChart } from './Charts';
import { eventKindLabel, platformLabel, routeId } from './labels';
import { PatternReports } from '../reports/PatternReports';
import { Timeline, type TimelineItem, timelineItems } from './Timeline';
import { useHeadingFocus } from './useHeadingFocus';
import './case.css';

const pad = (n: number) => String(n).padStart(2, '0');

/** Everything the charts draw, from the filtered events (exported for tests and the bench). */
export function patternNumbers(events: readonly PatternEvent[], filter: PatternFilter) {
  const filtered = filterEvents(events, filter);
  return {
    filtered,
    byHour: countByHour(filtered),
    byDay: countByDay(filtered),
    byWeek: countByWeek(filtered),
    byPlatform: countBy(filtered, 'platform'),
    byKind: countBy(filtered, 'kind'),
    period: periodOf(filtered),
  };
}

export function PatternPage({ vault, data, route }: CasePageProps) {
  const heading = useHeadingFocus<HTMLHeadingElement>(`pattern/${route.join('/')}`);
  const [filter, setFilter] = useState<PatternFilter>(() => (route[0] ? { personId: routeId(route[0])! } : {}));
  // A link to another person's pattern (#/pattern/<id>) while this page is open.
  const routed = routeId(route[0]);
  useEffect(() => {
    if (routed) setFilter((f) => (f.personId === routed ? f : { ...f, personId: routed }));
  }, [routed]);
  const summaries = data.summaries;
  const events = useMemo(() => (summaries ? eventsOf(summaries, data.people) : []), [summaries, data.people]);
  const choices = useMemo(() => ({ platforms: countBy(events, 'platform').map((c) => c.key), kinds: countBy(events, 'kind').map((c) => c.key) }), [events]);
  const n = useMemo(() => patternNumbers(events, filter), [events, filter]);
  // The timeline (a sort of every counted event) is built after the charts are on screen.
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  useEffect(() => {
    setItems(null);
    const timer = setTimeout(() => {
      const byId = new Map<string, CaseSummary>((summaries ?? []).map((s) => [s.id, s]));
      setItems(timelineItems(n.filtered, byId));
    }, 0);
    return () => clearTimeout(timer);
  }, [n.filtered, summaries]);

  const set = (patch: Partial<PatternFilter>) => {
    const next: PatternFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as Array<keyof PatternFilter>) {
      const v = next[k];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    setFilter(next);
  };
  const badRange = Boolean(filter.from && filter.to && filter.from > filter.to);

  const hourData: Datum[] = n.byHour.map((v, h) => ({ label: pad(h), value: v, long: `${pad(h)}:00–${pad(h)}:59` }));
  const night = n.byHour.slice(0, 6).reduce((a, b) => a + b, 0);
  const hourTotal = n.byHour.reduce((a, b) => a + b, 0);
  const peak = n.byHour.indexOf(Math.max(...n.byHour));
  // "12-28" reads well within one year; across years the whole date does.
  const oneYear = n.byWeek.length > 0 && n.byWeek[0]!.week.slice(0, 4) === n.byWeek[n.byWeek.length - 1]!.week.slice(0, 4);
  const weekData: Datum[] = n.byWeek.map((w) => ({ label: oneYear ? w.week.slice(5) : w.week, value: w.count, long: w.week }));
  const dayEntries = Object.entries(n.byDay);
  const busiest = dayEntries.reduce<[string, number] | null>((best, d) => (!best || d[1] > best[1] ? d : best), null);
  const platformData: Datum[] = n.byPlatform.map((c) => ({ label: platformLabel(c.key), value: c.count }));
  const kindData: Datum[] = n.byKind.map((c) => ({ label: eventKindLabel(c.key), value: c.count }));
  const person = data.people.find((p) => p.id === filter.personId);

  return (
    <section aria-labelledby="page-title" class="case-page case-pattern">
      <h2 id="page-title" tabIndex={-1} ref={heading}>
        {person ? t('patternTitlePerson', person.name) : t('patternTitle')}
      </h2>
      <p class="muted">{t('patternIntro')}</p>
      <form class="case-filters" aria-label={t('patternFilters')} onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('patternFilters')}</legend>
          <label>
            {t('patternPerson')}
            <select value={filter.personId ?? ''} onChange={(e) => set({ personId: (e.currentTarget as HTMLSelectElement).value || undefined })} data-testid="pattern-person">
              <option value="">{t('patternEveryone')}</option>
              {data.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('patternPlatform')}
            <select value={filter.platforms?.[0] ?? ''} onChange={(e) => set({ platforms: (e.currentTarget as HTMLSelectElement).value ? [(e.currentTarget as HTMLSelectElement).value] : undefined })} data-testid="pattern-platform">
              <option value="">{t('patternAll')}</option>
              {choices.platforms.map((p) => (
                <option key={p} value={p}>
                  {platformLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('patternKind')}
            <select value={filter.kinds?.[0] ?? ''} onChange={(e) => set({ kinds: (e.currentTarget as HTMLSelectElement).value ? [(e.currentTarget as HTMLSelectElement).value] : undefined })} data-testid="pattern-kind">
              <option value="">{t('patternAll')}</option>
              {choices.kinds.map((k) => (
                <option key={k} value={k}>
                  {eventKindLabel(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('patternFrom')}
            <input type="date" value={filter.from ?? ''} onInput={(e) => set({ from: (e.currentTarget as HTMLInputElement).value || undefined })} aria-invalid={badRange} aria-describedby={badRange ? 'pattern-range-error' : undefined} data-testid="pattern-from" />
          </label>
          <label>
            {t('patternTo')}
            <input type="date" value={filter.to ?? ''} onInput={(e) => set({ to: (e.currentTarget as HTMLInputElement).value || undefined })} aria-invalid={badRange} aria-describedby={badRange ? 'pattern-range-error' : undefined} data-testid="pattern-to" />
          </label>
          <button type="button" onClick={() => setFilter({})} disabled={Object.keys(filter).length === 0}>
            {t('patternReset')}
          </button>
        </fieldset>
        {badRange && (
          <p id="pattern-range-error" role="alert" class="status bad">
            {t('patternRangeError')}
          </p>
        )}
      </form>
      {data.error && (
        <p role="alert" class="status bad">
          {data.error}
        </p>
      )}
      {summaries === null ? (
        <p class="muted">{t('patternLoading')}</p>
      ) : (
        <>
          <p aria-live="polite" data-testid="pattern-total" data-total={n.period.total}>
            {n.period.first && n.period.last
              ? t('patternTotals', n.period.total, n.period.captures, n.period.journal, n.period.first, n.period.last)
              : t('patternTotalsNoDates', n.period.total, n.period.captures, n.period.journal)}
          </p>
          <PatternReports vault={vault} data={data} filter={filter} events={n.filtered} />
          <div class="case-charts">
            <ChartFigure
              testid="pattern-by-day"
              counts={JSON.stringify(n.byDay)}
              title={t('patternByDay')}
              summary={busiest ? t('patternByDaySummary', dayEntries.length, busiest[0], busiest[1]) : t('patternNone')}
              columns={[t('patternColDay'), t('patternColCount')]}
              rows={dayEntries}
            >
              {dayEntries.length ? <DayChart counts={n.byDay} xLabel={t('patternAxisDay')} yLabel={t('patternAxisCount')} /> : <p class="muted">{t('patternNone')}</p>}
            </ChartFigure>
            <ChartFigure
              testid="pattern-by-hour"
              counts={n.byHour.join(',')}
              title={t('patternByHour')}
              summary={hourTotal ? t('patternByHourSummary', pad(peak), n.byHour[peak]!, night) : t('patternNone')}
              columns={[t('patternColHour'), t('patternColCount')]}
              rows={hourData.map((d) => [d.long!, d.value] as const)}
            >
              <ColumnChart data={hourData} xLabel={t('patternAxisHour')} yLabel={t('patternAxisCount')} tickEvery={2} mark={(h) => h < 6} />
            </ChartFigure>
            <ChartFigure
              testid="pattern-by-week"
              counts={n.byWeek.map((w) => w.count).join(',')}
              title={t('patternByWeek')}
              summary={weekData.length ? t('patternByWeekSummary', weekData.length, weekData[weekData.length - 1]!.value) : t('patternNone')}
              columns={[t('patternColWeek'), t('patternColCount')]}
              rows={weekData.map((d) => [d.long!, d.value] as const)}
            >
              {weekData.length ? (
                <ColumnChart data={weekData} xLabel={oneYear ? t('patternAxisWeek') : t('patternColWeek')} yLabel={t('patternAxisCount')} tickEvery={Math.max(1, Math.ceil(weekData.length / (oneYear ? 10 : 5)))} />
              ) : (
                <p class="muted">{t('patternNone')}</p>
              )}
            </ChartFigure>
            <ChartFigure testid="pattern-by-platform" title={t('patternByPlatform')} summary={platformData.map((d) => `${d.label}: ${d.value}`).join('; ') || t('patternNone')} columns={[t('patternColPlatform'), t('patternColCount')]} rows={platformData.map((d) => [d.label, d.value] as const)}>
              <BarList data={platformData} />
            </ChartFigure>
            <ChartFigure testid="pattern-by-kind" title={t('patternByKind')} summary={kindData.map((d) => `${d.label}: ${d.value}`).join('; ') || t('patternNone')} columns={[t('patternColKind'), t('patternColCount')]} rows={kindData.map((d) => [d.label, d.value] as const)}>
              <BarList data={kindData} />
            </ChartFigure>
          </div>
          <h3 class="case-noprint">{t('patternTimeline')}</h3>
          {items ? <Timeline items={items} label={t('patternTimeline')} /> : <p class="muted">{t('patternLoading')}</p>}
        </>
      )}
    </section>
  );
}

