/**
 * The page order of everything a whole-thread capture has seen. A virtualised list shows a window of rows at a
 * time; each scan gives the keys of that window in page order. Windows overlap as the capture scrolls, so each
 * new window is spliced into the order next to a key already known. A window that overlaps nothing (the site
 * jumped) is placed by the rows' own times. Linked list: inserting is O(1), reading the order is O(n).
 */
export class PageOrder {
  private readonly next = new Map<string, string | null>();
  private readonly prev = new Map<string, string | null>();
  private readonly times = new Map<string, string | undefined>();
  private head: string | null = null;
  private tail: string | null = null;

  /** `newestFirst`: the page lists the newest row first (a profile timeline), so time runs backwards down the page. */
  constructor(private readonly newestFirst = false) {}

  get size(): number {
    return this.next.size;
  }

  has(key: string): boolean {
    return this.next.has(key);
  }

  /**
   * Adds one window of keys (page order). `timeOf` gives a key's ISO time when the page shows one. `untimed` says
   * where a window that overlaps nothing and has no time goes: 'start' while the capture moves up (all it has seen is
   * below), else 'end'.
   */
  merge(window: readonly string[], timeOf: (key: string) => string | undefined, untimed: 'start' | 'end' = 'end'): void {
    const keys = dedupe(window);
    if (keys.length === 0) return;
    const anchorIdx = keys.findIndex((k) => this.next.has(k));
    if (anchorIdx < 0) {
      // Nothing known in this window: place the run by time (before the first known row that comes later in time
      // order: later in time, or earlier when the page lists the newest first).
      const firstTime = timeOf(keys[0]!);
      let before: string | null = firstTime === undefined && untimed === 'start' ? this.head : null;
      if (firstTime !== undefined) {
        for (let k = this.head; k; k = this.next.get(k) ?? null) {
          const t = this.times.get(k);
          if (t !== undefined && (this.newestFirst ? t < firstTime : t > firstTime)) {
            before = k;
            break;
          }
        }
      }
      let last: string | null = null;
      for (const k of keys) {
        if (last === null) this.insertBefore(k, before, timeOf(k));
        else this.insertAfter(k, last, timeOf(k));
        last = k;
      }
      return;
    }
    // Unknown keys before the first known one go just before it, in window order.
    const anchor = keys[anchorIdx]!;
    for (let i = anchorIdx - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (!this.next.has(k)) this.insertBefore(k, keys[i + 1]!, timeOf(k));
    }
    // Unknown keys after a known one go right after the last key placed.
    let last = anchor;
    for (let i = anchorIdx + 1; i < keys.length; i++) {
      const k = keys[i]!;
      if (!this.next.has(k)) this.insertAfter(k, last, timeOf(k));
      last = k;
    }
  }

  /** Every key in page order. */
  keys(): string[] {
    const out: string[] = [];
    for (let k = this.head; k; k = this.next.get(k) ?? null) out.push(k);
    return out;
  }

  private insertBefore(key: string, before: string | null, time: string | undefined): void {
    this.times.set(key, time);
    if (before === null) {
      // append at the end
      this.prev.set(key, this.tail);
      this.next.set(key, null);
      if (this.tail) this.next.set(this.tail, key);
      else this.head = key;
      this.tail = key;
      return;
    }
    const p = this.prev.get(before) ?? null;
    this.prev.set(key, p);
    this.next.set(key, before);
    this.prev.set(before, key);
    if (p) this.next.set(p, key);
    else this.head = key;
  }

  private insertAfter(key: string, after: string, time: string | undefined): void {
    const n = this.next.get(after) ?? null;
    if (n === null) {
      this.insertBefore(key, null, time);
      return;
    }
    this.insertBefore(key, n, time);
  }
}

function dedupe(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
