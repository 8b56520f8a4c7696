/**
 * The case data every vault view reads (issue #13): compact summaries of every record and the people, loaded once
 * and refreshed when the vault changes (a capture in another tab, an import, an edit here).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CaseSummary, Person } from '../../model/case';
import type { Vault } from '../../vault/api';

export interface CaseData {
  /** Every record's summary, newest first (deleted ones flagged); null until loaded. */
  summaries: CaseSummary[] | null;
  /**
   * The newest records' summaries, read first so the records list draws its first screen while `summaries` loads
   * (null once `summaries` is there, or if there is nothing to show early). Never for counts, charts or search.
   */
  recent?: CaseSummary[] | null;
  people: Person[];
  error: string | null;
  /** Reloads summaries and people (after a change made here). */
  reload(): Promise<void>;
}

/** Props of the case pages (People, Journal, Pattern). `route` is the hash path after the page's own name. */
export interface CasePageProps {
  vault: Vault;
  data: CaseData;
  route: string[];
}

/**
 * Summaries read before, with those added since (newest first, every seq above the old ones'): journal versions
 * flagged superseded across both as the vault flags them (a version is superseded when a later one of its entry
 * exists, deleted or not).
 */
export function mergeNewer(old: readonly CaseSummary[], newer: readonly CaseSummary[]): CaseSummary[] {
  const touched = new Set<string>();
  for (const s of newer) if (s.journal) touched.add(s.journal.entryId);
  const merged = [...newer, ...old];
  if (!touched.size) return merged;
  const latest = new Map<string, number>();
  for (const s of merged) if (s.journal && touched.has(s.journal.entryId)) latest.set(s.journal.entryId, Math.max(latest.get(s.journal.entryId) ?? 0, s.journal.version));
  return merged.map((s) => {
    if (!s.journal || !touched.has(s.journal.entryId)) return s;
    const { superseded: _was, ...journal } = s.journal;
    return { ...s, journal: (latest.get(journal.entryId) ?? 0) > journal.version ? { ...journal, superseded: true } : journal };
  });
}

/** How many of the newest summaries are read first: more than a screen of rows. */
export const RECENT_FIRST = 60;

export function useCaseData(vault: Vault, pollMs = 2000): CaseData {
  const [summaries, setSummaries] = useState<CaseSummary[] | null>(null);
  const [recent, setRecent] = useState<CaseSummary[] | null>(null);
  const loaded = useRef(false);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const count = useRef(-1);

  const current = useRef<CaseSummary[] | null>(null);

  const reload = useCallback(async () => {
    try {
      const [s, p, n] = await Promise.all([vault.summaries(), vault.people().catch(() => [] as Person[]), vault.count()]);
      count.current = n;
      loaded.current = true;
      current.current = s;
      setSummaries(s);
      setRecent(null);
      setPeople(p);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [vault]);

  /**
   * After the count grew (captures in another tab): reads only the summaries added since and merges them — a whole
   * read of 15,000 every 2 s while captures arrive took the page's main thread and slowed every write meanwhile.
   * Anything else (a count that fell, one that does not add up) reads everything again.
   */
  const catchUp = useCallback(
    async (n: number) => {
      const old = current.current;
      if (!old || n <= count.current) return reload();
      try {
        const top = old.reduce((m, s) => Math.max(m, s.seq), 0);
        const newer = await vault.summaries({ after: top });
        if (current.current !== old) return;
        const merged = mergeNewer(old, newer);
        const shown = merged.filter((s) => !s.deleted).length;
        if (newer.some((s) => s.seq <= top)) return reload();
        // The count was read before the new summaries: more captures may have landed in between, so a larger merge
        // is checked against the count as it is now, and anything else (a deletion meanwhile) reads everything.
        const now = shown === n ? n : await vault.count();
        if (current.current !== old) return;
        if (shown !== now) return reload();
        count.current = now;
        current.current = merged;
        setSummaries(merged);
      } catch {
        await reload();
      }
    },
    [vault, reload],
  );

  useEffect(() => {
    // The first screen first: the newest few summaries are one small read, every summary is many. The whole read
    // starts after it: IndexedDB answers in order, so started together the small read waited for the big one.
    let live = true;
    let first = true;
    void vault
      .summaries({ newest: RECENT_FIRST })
      .then(
        (s) => {
          if (live && !loaded.current && s.length) setRecent(s);
        },
        () => undefined,
      )
      .finally(() => {
        if (live) void reload().finally(() => (first = false));
      });
    // Captures made in other tabs show up without a reload.
    const timer = setInterval(() => {
      // Not before the first whole read has finished: it sets the count the polls compare with.
      if (first) return;
      void vault.count().then((n) => {
        if (n !== count.current) void catchUp(n);
      }, () => undefined);
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [reload, catchUp, vault, pollMs]);

  return { summaries, recent: summaries ? null : recent, people, error, reload };
}
