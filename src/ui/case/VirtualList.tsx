/**
 * A windowed list of fixed-height rows: only the rows in view (and a few either side) exist, so 50,000 journal
 * entries scroll as smoothly as 50. Fixed heights keep it exact and cheap (no measuring); rows cut long text to
 * one or two lines and open in full elsewhere. (virtua was tried: its Preact use goes through React types
 * this project does not have; forty lines of windowing do the same here.)
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** The list's height at most, in pixels (it is shorter when the rows take less). */
  maxHeight?: number;
  itemKey: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  label: string;
  class?: string;
  testid?: string;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, maxHeight = 560, itemKey, renderRow, label, class: cls, testid, overscan = 8 }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [view, setView] = useState(maxHeight);
  const total = items.length * rowHeight;
  const height = Math.min(total, maxHeight);

  // The list's own height, measured when it changes (not on every scroll: that would force a layout per frame).
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      if (el.clientHeight) setView(el.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + (view || maxHeight)) / rowHeight) + overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <li key={itemKey(item)} aria-setsize={items.length} aria-posinset={i + 1} class="case-vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {renderRow(item, i)}
      </li>,
    );
  }
  return (
    <div
      ref={box}
      class={`case-vlist ${cls ?? ''}`}
      style={{ height: `${height}px` }}
      onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}
      data-testid={testid}
      data-total={items.length}
    >
      <ul aria-label={label} class="case-vinner" style={{ height: `${total}px` }}>
        {rows}
      </ul>
    </div>
  );
}
