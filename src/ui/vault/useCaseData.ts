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

/** How many of the newest summaries are read first: more than a screen of rows. */
export const RECENT_FIRST = 60;

export function useCaseData(vault: Vault, pollMs = 2000): CaseData {
  const [summaries, setSummaries] = useState<CaseSummary[] | null>(null);
  const [recent, setRecent] = useState<CaseSummary[] | null>(null);
  const loaded = useRef(false);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const count = useRef(-1);

  const reload = useCallback(async () => {
    try {
      const [s, p, n] = await Promise.all([vault.summaries(), vault.people().catch(() => [] as Person[]), vault.count()]);
      count.current = n;
      loaded.current = true;
      setSummaries(s);
      setRecent(null);
      setPeople(p);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [vault]);

  useEffect(() => {
    // The first screen first: the newest few summaries are one small read, every summary is many.
    void vault.summaries({ newest: RECENT_FIRST }).then(
      (s) => {
        if (!loaded.current && s.length) setRecent(s);
      },
      () => undefined,
    );
    void reload();
    // Captures made in other tabs show up without a reload.
    const timer = setInterval(() => {
      void vault.count().then((n) => {
        if (n !== count.current) void reload();
      }, () => undefined);
    }, pollMs);
    return () => clearInterval(timer);
  }, [reload, vault, pollMs]);

  return { summaries, recent: summaries ? null : recent, people, error, reload };
}
