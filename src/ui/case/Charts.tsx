/**
 * Small SVG charts for the pattern of conduct (issue #13): columns (by hour, per week), bars along a time axis (per
 * day), horizontal bars (by platform, by kind). No library: a few dozen shapes each, drawn by Preact like any other
 * element, styled by case.css (screen and print). Every chart sits in a ChartFigure: a title, the chart as an image
 * with a text description, and its numbers as a table behind a visible "Show as table" toggle.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n/t';

export interface Datum {
  label: string;
  value: number;
  /** Longer words for the table and the tooltip (defaults to label). */
  long?: string;
}

const W = 720;
const H = 220;
const M = { top: 12, right: 12, bottom: 44, left: 48 };

/** A round axis top (1, 2, 5 × 10^k) at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function YAxis({ max, label, height }: { max: number; label: string; height: number }) {
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, max / 2, max];
  return (
    <g class="case-axis">
      {ticks.map((v) => {
        const y = M.top + height - (v / max) * height;
        return (
          <g key={v}>
            <line x1={M.left - 4} x2={W - M.right} y1={y} y2={y} class="case-grid" />
            <text x={M.left - 8} y={y + 4} text-anchor="end">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        );
      })}
      <text class="case-axis-title" transform={`translate(12 ${M.top + height / 2}) rotate(-90)`} text-anchor="middle">
        {label}
      </text>
    </g>
  );
}

/** Vertical columns, one per datum (24 hours, weeks); every `tickEvery`-th label shown; `mark` shades some columns. */
export function ColumnChart({ data, xLabel, yLabel, tickEvery = 1, mark }: { data: readonly Datum[]; xLabel: string; yLabel: string; tickEvery?: number; mark?: (i: number) => boolean }) {
  const h = H - M.top - M.bottom;
  const w = W - M.left - M.right;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const step = w / Math.max(1, data.length);
  const bw = Math.max(1, step * 0.8);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="case-chart" aria-hidden="true" focusable="false">
      <YAxis max={max} label={yLabel} height={h} />
      {data.map((d, i) => {
        const bh = (d.value / max) * h;
        const x = M.left + i * step + (step - bw) / 2;
        return (
          <g key={d.label}>
            <rect x={x} y={M.top + h - bh} width={bw} height={bh} class={mark?.(i) ? 'case-bar case-bar-mark' : 'case-bar'}>
              <title>{`${d.long ?? d.label}: ${d.value}`}</title>
            </rect>
            {i % tickEvery === 0 && (
              <text x={x + bw / 2} y={M.top + h + 16} text-anchor="middle" class="case-tick">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
      <line x1={M.left} x2={W - M.right} y1={M.top + h} y2={M.top + h} class="case-baseline" />
      <text x={M.left + w / 2} y={H - 6} text-anchor="middle" class="case-axis-title">
        {xLabel}
      </text>
    </svg>
  );
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Bars along a time axis: one per day with contacts, placed on the whole period (empty days are gaps). */
export function DayChart({ counts, xLabel, yLabel }: { counts: Readonly<Record<string, number>>; xLabel: string; yLabel: string }) {
  const days = Object.keys(counts);
  const h = H - M.top - M.bottom;
  const w = W - M.left - M.right;
  const max = niceMax(Math.max(0, ...Object.values(counts)));
  if (days.length === 0) return null;
  const first = dayNumber(days[0]!);
  const last = dayNumber(days[days.length - 1]!);
  const span = Math.max(1, last - first + 1);
  const step = w / span;
  const bw = Math.max(1, step * 0.8);
  const ticks = [days[0]!, ...(span > 2 ? [new Date((first + Math.floor(span / 2)) * DAY_MS).toISOString().slice(0, 10)] : []), ...(days.length > 1 ? [days[days.length - 1]!] : [])];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="case-chart" aria-hidden="true" focusable="false">
      <YAxis max={max} label={yLabel} height={h} />
      {days.map((d) => {
        const v = counts[d]!;
        const bh = (v / max) * h;
        const x = M.left + (dayNumber(d) - first) * step + (step - bw) / 2;
        return (
          <rect key={d} x={x} y={M.top + h - bh} width={bw} height={bh} class="case-bar">
            <title>{`${d}: ${v}`}</title>
          </rect>
        );
      })}
      <line x1={M.left} x2={W - M.right} y1={M.top + h} y2={M.top + h} class="case-baseline" />
      {ticks.map((d, i) => (
        <text key={d} x={M.left + (dayNumber(d) - first) * step + step / 2} y={M.top + h + 16} text-anchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'} class="case-tick">
          {d}
        </text>
      ))}
      <text x={M.left + w / 2} y={H - 6} text-anchor="middle" class="case-axis-title">
        {xLabel}
      </text>
    </svg>
  );
}

/** Horizontal bars with their labels and numbers (platforms, kinds): readable without an axis. */
export function BarList({ data }: { data: readonly Datum[] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelW = 200;
  const height = data.length * row + 4;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} class="case-chart case-barlist" aria-hidden="true" focusable="false">
      {data.map((d, i) => {
        const y = i * row + 2;
        const bw = ((W - labelW - 70) * d.value) / max;
        return (
          <g key={d.label}>
            <text x={labelW - 8} y={y + 17} text-anchor="end" class="case-tick">
              {d.label.length > 28 ? `${d.label.slice(0, 27)}…` : d.label}
            </text>
            <rect x={labelW} y={y + 4} width={Math.max(1, bw)} height={row - 8} class="case-bar" />
            <text x={labelW + bw + 6} y={y + 17} class="case-tick">
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A chart with its title, a description for screen readers, and its numbers as a table on request. */
export function ChartFigure({
  title,
  summary,
  columns,
  rows,
  children,
  testid,
  counts,
}: {
  title: string;
  /** One sentence saying what the chart shows (read by screen readers with the image). */
  summary: string;
  columns: [string, string];
  rows: ReadonlyArray<readonly [string, number]>;
  children: ComponentChildren;
  testid?: string;
  counts?: string;
}) {
  const [table, setTable] = useState(false);
  const id = useId();
  return (
    <figure class="case-figure" data-testid={testid} data-counts={counts} aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} class="case-figure-title">
        {title}
      </figcaption>
      <div role="img" aria-label={`${title}. ${summary}`} class="case-chart-box">
        {children}
      </div>
      <p class="muted case-figure-summary">{summary}</p>
      <button type="button" class="case-table-toggle" aria-expanded={table} aria-controls={`${id}-tbl`} onClick={() => setTable(!table)}>
        {table ? t('patternHideTable') : t('patternShowTable')}
      </button>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard to scroll it */}
      <section id={`${id}-tbl`} class="case-table-wrap" hidden={!table} tabIndex={0} aria-label={title}>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col">{columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </figure>
  );
}
