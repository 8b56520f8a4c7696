/**
 * The records list (issue #13): a table built from summaries and windowed — only the rows in view (plus a few either
 * side) are in the page, between two spacer rows that keep the scroll height of the whole list — so 10,000+ records
 * scroll smoothly. Rows have one fixed height (what was said is clamped to two lines, every other cell to one or
 * two), measured once from a drawn row.
 *
 * Why not virtua (tried and removed): its only Preact path is its React build through preact/compat (React's
 * flushSync and forwardRef shims in the vault bundle, and no `react` alias in the unit-test setup), and it measures
 * every item with ResizeObserver to support varying heights — which these rows do not have. A fixed-height window
 * is a few lines (windowRange in records.ts, tested) and renders the same in happy-dom as in the browsers.
 */
import { memo } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { kindLabel, type MessageKey, t } from '../../i18n/t';
import type { Person } from '../../model/case';
import { showHandle, showName, showText } from '../../model/display';
import type { ItemKind } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { utc } from '../format';
import type { ListRow } from './records';
import { localTime, shortUrl, windowRange } from './records';
import { BLURRED_WIDTH, SHARP_WIDTH, thumbnail, thumbnailsSupported } from './thumbs';

const COLUMNS = 8;
const DEFAULT_ROW_HEIGHT = 64;

/** "Journal entry", "Added file", or the capture kind's own label. */
export function itemKindLabel(kind: ItemKind): string {
  if (kind === 'journal-entry') return t('recKindJournal');
  if (kind === 'added-file') return t('recKindFile');
  return kindLabel(kind);
}

export function journalKindLabel(kind: string): string {
  const label = t(`recJk_${kind.replace(/-/g, '_')}` as MessageKey);
  return label.startsWith('recJk_') ? kind : label;
}

/**
 * A row's screenshot is read only once the list has stopped scrolling for this long: scrolling through thousands of
 * rows reads and decodes none of them (each is a full-page picture), and the frames stay free for drawing rows.
 */
const THUMB_SETTLE_MS = 150;
let lastScroll = 0;
let watching = false;
function watchScroll() {
  if (watching) return;
  watching = true;
  addEventListener(
    'scroll',
    () => {
      lastScroll = performance.now();
    },
    { passive: true },
  );
}

function Thumb({ vault, artifactId, blur }: { vault: Vault; artifactId: string; blur: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!thumbnailsSupported()) return;
    watchScroll();
    let live = true;
    let timer = 0;
    const load = () => {
      const quiet = performance.now() - lastScroll;
      if (quiet < THUMB_SETTLE_MS) {
        timer = window.setTimeout(load, THUMB_SETTLE_MS - quiet + 10);
        return;
      }
      void thumbnail(vault, artifactId, blur ? BLURRED_WIDTH : SHARP_WIDTH).then((bmp) => {
        const c = canvas.current;
        if (!live || !bmp || !c) return;
        c.width = bmp.width;
        c.height = bmp.height;
        c.getContext('2d')?.drawImage(bmp, 0, 0);
        setDrawn(true);
      });
    };
    timer = window.setTimeout(load, THUMB_SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [vault, artifactId, blur]);
  return <canvas ref={canvas} class={drawn ? 'thumb' : 'thumb empty'} />;
}

function Who({ row, people }: { row: ListRow; people: ReadonlyMap<string, Person> }) {
  const s = row.s;
  if (s.journal || s.addedFile) {
    const names = row.personIds.map((id) => people.get(id)?.name).filter((n): n is string => !!n);
    return <td class="who" data-testid="row-author">{names.length ? names.map((n) => showName(n).text).join(', ') : '—'}</td>;
  }
  const name = showName(s.displayName);
  const handle = showHandle(s.handle);
  const flags = [...new Set([...name.flags, ...handle.flags])];
  return (
    <td class="who" data-testid="row-author" data-name-flags={flags.join(' ') || undefined}>
      {name.text && <span class="line">{name.text}</span>}
      {name.text && handle.text ? ' ' : ''}
      {handle.text && <span class="line muted">{handle.text}</span>}
      {!name.text && !handle.text && '—'}
    </td>
  );
}

function Said({ row }: { row: ListRow }) {
  const s = row.s;
  // What was said is text, not a name: line breaks are layout (one line here), only hidden characters are marked.
  const text = s.addedFile ? t('recFileRow', showName(s.addedFile.name).text) : showText(s.snippet).replace(/\s*[\r\n]+\s*/g, ' ');
  return (
    <td class="said">
      <span class="clamp2">{text || '—'}</span>
    </td>
  );
}

function KindCell({ row }: { row: ListRow }) {
  const s = row.s;
  const kind = s.journal ? t('recJournalRow', journalKindLabel(s.journal.kind)) : itemKindLabel(s.kind);
  return (
    <td class="kind">
      <span class="line">{kind}</span> <span class="line muted">{s.platform === 'added' ? t('recAddedByYou') : s.platform}</span>
    </td>
  );
}

/** Date over time, in this device's local time; UTC in the tooltip. */
function When({ iso, local }: { iso: string | undefined; local?: string }) {
  const shown = local ?? localTime(iso);
  const [day, time] = shown.split(' ');
  const body = (
    <>
      <span class="line">{day}</span>
      {time && <span class="line muted">{time}</span>}
    </>
  );
  if (local !== undefined) return <td class="time">{body}</td>;
  return (
    <td class="time">
      <time dateTime={iso} title={utc(iso)}>
        {body}
      </time>
    </td>
  );
}

interface RowHandlers {
  onToggle(id: string): void;
  onOpen(id: string): void;
  onKey(e: KeyboardEvent, index: number, id: string): void;
}

interface RowProps {
  vault: Vault;
  row: ListRow;
  index: number;
  checked: boolean;
  blur: boolean;
  people: ReadonlyMap<string, Person>;
  handlers: { current: RowHandlers };
}

/** One row; redrawn only when its own props change (scrolling draws only the rows that come into view). */
const Row = memo(function Row({ vault, row: r, index, checked, blur, people, handlers }: RowProps) {
  const s = r.s;
  const journalLocal = s.journal ? (s.journal.when.local ? s.journal.when.local.replace('T', ' ') : '—') : undefined;
  return (
    <tr
      class={checked ? 'row selected' : 'row'}
      tabIndex={0}
      aria-rowindex={index + 2}
      data-testid="record-row"
      data-record-id={s.id}
      data-seq={s.seq}
      data-kind={s.kind}
      onClick={() => handlers.current.onOpen(s.id)}
      onKeyDown={(e) => handlers.current.onKey(e, index, s.id)}
    >
      <td class="select" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={checked} onChange={() => handlers.current.onToggle(s.id)} aria-label={t('recSelectRow', s.seq)} data-testid="row-select" />
      </td>
      <Said row={r} />
      <Who row={r} people={people} />
      <KindCell row={r} />
      <When iso={s.journal ? undefined : s.itemTime} local={journalLocal} />
      <When iso={s.capturedAt} />
      <td class="url" title={s.url}>
        {shortUrl(s.url, 36)}
      </td>
      <td class="thumbcell">{s.screenshot && <Thumb vault={vault} artifactId={s.screenshot} blur={blur} />}</td>
    </tr>
  );
});

export interface RecordListProps {
  vault: Vault;
  rows: readonly ListRow[];
  people: ReadonlyMap<string, Person>;
  selected: ReadonlySet<string>;
  blur: boolean;
  onToggle(id: string): void;
  onToggleAll(): void;
  allChecked: boolean;
  onOpen(id: string): void;
  /** False while the whole list is still loading: "select all" would select only the rows read so far. */
  complete?: boolean;
}

export function RecordList({ vault, rows, people, selected, blur, onToggle, onToggleAll, allChecked, onOpen, complete = true }: RecordListProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(DEFAULT_ROW_HEIGHT);
  const [range, setRange] = useState(() => windowRange(rows.length, DEFAULT_ROW_HEIGHT, 0, typeof innerHeight === 'number' ? innerHeight : 800));
  const focusNext = useRef<string | null>(null);

  // Which rows are in view: from the table body's position in the window, on scroll and resize (once per frame).
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const top = body.current?.getBoundingClientRect().top ?? 0;
      const next = windowRange(rows.length, rowHeight, top, innerHeight || 800);
      setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    return () => {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [rows, rowHeight]);

  // The real row height, measured once from a drawn row (fonts and zoom differ).
  useLayoutEffect(() => {
    const first = body.current?.querySelector<HTMLElement>('tr.row');
    const h = first?.getBoundingClientRect().height ?? 0;
    if (h > 0 && Math.abs(h - rowHeight) > 0.5) setRowHeight(h);
    if (focusNext.current) {
      body.current?.querySelector<HTMLElement>(`tr.row[data-record-id="${CSS.escape(focusNext.current)}"]`)?.focus();
      focusNext.current = null;
    }
  });

  const { start, end } = range;
  // Stable across renders (rows are memoised); always calls the latest props.
  const handlers = useRef<RowHandlers>({ onToggle, onOpen, onKey: () => undefined });
  const moveFocus = (index: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!target) return;
    const el = body.current?.querySelector<HTMLElement>(`tr.row[data-record-id="${CSS.escape(target.s.id)}"]`);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'nearest' });
    } else {
      // Not drawn yet: scroll it into view, focus it once drawn.
      focusNext.current = target.s.id;
      const top = (body.current?.getBoundingClientRect().top ?? 0) + scrollY + index * rowHeight;
      scrollTo({ top: top - innerHeight / 2 });
    }
  };
  handlers.current = {
    onToggle,
    onOpen,
    onKey: (e, index, id) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onOpen(id);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveFocus(index + (e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        moveFocus(e.key === 'Home' ? 0 : rows.length - 1);
      }
    },
  };

  return (
    <table data-testid="record-list" class="records" aria-rowcount={rows.length + 1}>
      <caption class="visually-hidden">{t('recListTitle')}</caption>
      <colgroup>
        <col class="c-select" />
        <col class="c-said" />
        <col class="c-who" />
        <col class="c-kind" />
        <col class="c-time" />
        <col class="c-time" />
        <col class="c-url" />
        <col class="c-thumb" />
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">
            <input
              type="checkbox"
              checked={allChecked}
              onChange={onToggleAll}
              disabled={!complete}
              aria-label={complete ? t('recSelectAll', rows.length) : t('recLoadingAll')}
              title={complete ? t('recSelectAll', rows.length) : t('recLoadingAll')}
              data-testid="select-all"
            />
          </th>
          <th scope="col">{t('recColSaid')}</th>
          <th scope="col">{t('recColWho')}</th>
          <th scope="col">{t('colKind')}</th>
          <th scope="col">{t('colItemTime')}</th>
          <th scope="col">{t('colCaptured')}</th>
          <th scope="col">{t('colUrl')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('recColPicture')}</span>
          </th>
        </tr>
      </thead>
      <tbody ref={body}>
        {start > 0 && (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing and is never focusable (it keeps the scroll height of the rows not drawn)
          <tr class="spacer" aria-hidden="true">
            <td colSpan={COLUMNS} style={{ height: `${start * rowHeight}px` }} />
          </tr>
        )}
        {rows.slice(start, end).map((r, i) => (
          <Row key={r.s.id} vault={vault} row={r} index={start + i} checked={selected.has(r.s.id)} blur={blur} people={people} handlers={handlers} />
        ))}
        {end < rows.length && (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing and is never focusable (it keeps the scroll height of the rows not drawn)
          <tr class="spacer" aria-hidden="true">
            <td colSpan={COLUMNS} style={{ height: `${(rows.length - end) * rowHeight}px` }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}
