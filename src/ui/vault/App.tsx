/**
 * The vault page (issue #13): navigation between Records, People, Journal and Pattern, the toolbar (verify, export,
 * check a bundle, import, the count of records matching the filter), and the page the hash names. One useCaseData
 * for every page: summaries and people are read once and refreshed when the vault changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { Vault, VerifyReport } from '../../vault/api';
import { JournalPage } from '../case/JournalPage';
import { PatternPage } from '../case/PatternPage';
import { PeoplePage } from '../case/PeoplePage';
import { HelpPage } from '../help/HelpPage';
import { ReportsPage } from '../reports/ReportsPage';
import { useBlurSetting } from './Blur';
import { ExportHost } from './ExportHost';
import { RecordsPage, useRecordsState } from './RecordsPage';
import { RecordView } from './RecordView';
import { countKey, filterRows, isFiltered, prepareRows } from './records';
import { parseRoute, type Route, routeKey, sectionOf } from './route';
import { clearThumbnails } from './thumbs';
import { useCaseData } from './useCaseData';
import { TrustedTimeStatusLine } from './TrustedTime';
import { VaultKey } from './VaultKey';
import { ViewBoundary } from './ViewBoundary';
import './vault.css';

const SECTIONS = [
  { id: 'records', href: '#/records', label: 'navRecords' },
  { id: 'people', href: '#/people', label: 'navPeople' },
  { id: 'journal', href: '#/journal', label: 'navJournal' },
  { id: 'pattern', href: '#/pattern', label: 'navPattern' },
  { id: 'reports', href: '#/reports', label: 'navReports' },
  { id: 'help', href: '#/help', label: 'navHelp' },
] as const;

/**
 * Moves focus to the new page's heading (drawn a little later when the page loads its data). Back on the records
 * list, focus returns to the row of the record just left when it is drawn (the list's scroll position is restored).
 */
function focusAfterRoute(rowId: string | null) {
  let tries = 0;
  const attempt = () => {
    if (rowId) {
      const row = document.querySelector<HTMLElement>(`tr[data-record-id="${CSS.escape(rowId)}"]`);
      if (row) {
        row.focus({ preventScroll: true });
        return;
      }
    }
    const h = document.querySelector<HTMLElement>('main #record-title') ?? document.querySelector<HTMLElement>('main #page-title');
    if (h && (!rowId || tries > 10)) {
      if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: !!rowId });
      return;
    }
    if (++tries < 60) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export function App({ vault }: { vault: Vault }) {
  const data = useCaseData(vault);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [verify, setVerify] = useState<VerifyReport | 'running' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportIds, setExportIds] = useState<string[] | null>(null);
  const records = useRecordsState();
  const blur = useBlurSetting();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
      // Locked (or gone): no decoded picture stays in this page.
      clearThumbnails();
    };
  }, []);

  const key = routeKey(route);
  const shownKey = useRef(key);
  const scrollBack = useRef(0);
  const shownRecord = useRef<string | null>(route.page === 'record' ? route.id : null);
  useEffect(() => {
    if (key === shownKey.current) return;
    shownKey.current = key;
    const left = shownRecord.current;
    shownRecord.current = route.page === 'record' ? route.id : null;
    if (route.page === 'records') {
      const y = scrollBack.current;
      if (y) requestAnimationFrame(() => scrollTo({ top: y }));
      focusAfterRoute(left);
    } else {
      scrollTo({ top: 0 });
      focusAfterRoute(null);
    }
  }, [key, route]);

  // Folded search text and people per record, computed once per change of summaries or people.
  const rows = useMemo(() => (data.summaries ? prepareRows(data.summaries, data.people) : null), [data.summaries, data.people]);
  const matching = useMemo(() => (rows ? filterRows(rows, records.filter) : []), [rows, records.filter]);
  // Until every summary is read: the newest records as the list's first screen, unfiltered only (a search or filter
  // waits for the whole list, so it never shows a partial answer; the count waits too).
  const early = useMemo(() => {
    if (rows || data.error || !data.recent || isFiltered(records.filter) || records.filter.allVersions) return null;
    const r = filterRows(prepareRows(data.recent, data.people), {});
    return r.length ? r : null;
  }, [rows, data.recent, data.people, records.filter]);

  const go = useCallback((hash: string) => {
    if (parseRoute(location.hash).page === 'records') scrollBack.current = scrollY;
    location.hash = hash;
    setRoute(parseRoute(hash));
  }, []);

  const runVerify = async () => {
    setVerify('running');
    try {
      setVerify(await vault.verify());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setVerify(null);
    }
  };

  const section = sectionOf(route);
  const pageProps = { vault, data, route: route.page === 'record' || route.page === 'records' ? [] : route.rest };

  return (
    <main>
      <h1>{t('vaultTitle')}</h1>
      <p class="muted">{t('privacyNote')}</p>
      <nav class="vault-nav" aria-label={t('navLabel')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a
                href={s.href}
                aria-current={section === s.id ? 'page' : undefined}
                data-testid={`nav-${s.id}`}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  go(s.href);
                }}
              >
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="toolbar" role="toolbar" aria-label={t('vaultTitle')}>
        <button type="button" data-testid="verify-vault" onClick={runVerify} disabled={verify === 'running'}>
          {t('vaultVerify')}
        </button>
        <ExportHost vault={vault} onImported={() => void data.reload()} scopeIds={exportIds} onScopeDone={() => setExportIds(null)} />
        {rows && (
          <span class="muted" data-testid="record-count" data-count={matching.length} aria-live="polite">
            {t(countKey(matching.length), matching.length)}
          </span>
        )}
      </div>
      <div aria-live="polite">
        {verify === 'running' && <p class="status">{t('vaultVerifying')}</p>}
        {verify && verify !== 'running' && (
          <div class={`status ${verify.ok ? 'ok' : 'bad'}`} data-testid="verify-result" data-ok={String(verify.ok)} data-problems={verify.problems.map((p) => p.code).join(' ')}>
            <strong>{verify.ok ? t('vaultVerifyOk', verify.records) : t('vaultVerifyFail')}</strong>
            {verify.problems.length > 0 && (
              <ul>
                {verify.problems.map((p) => (
                  <li key={`${p.code}-${p.seq ?? ''}-${p.artifactId ?? ''}`} data-code={p.code}>
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {error && (
          <p class="status bad" role="alert">
            {error}
          </p>
        )}
      </div>
      <ViewBoundary key={route.page === 'record' ? `record/${route.id}` : route.page}>
      {route.page === 'record' ? (
        <RecordView
          key={route.id}
          vault={vault}
          id={route.id}
          people={data.people}
          blur={blur}
          onBack={() => go('#/records')}
          onChanged={() => void data.reload()}
          onExport={(ids) => setExportIds(ids)}
          onDeleted={() => {
            void data.reload();
            go('#/records');
          }}
        />
      ) : route.page === 'people' ? (
        <PeoplePage {...pageProps} />
      ) : route.page === 'journal' ? (
        <JournalPage {...pageProps} />
      ) : route.page === 'pattern' ? (
        <PatternPage {...pageProps} />
      ) : route.page === 'reports' ? (
        <ReportsPage {...pageProps} />
      ) : route.page === 'help' ? (
        <HelpPage {...pageProps} />
      ) : (
        <RecordsPage
          vault={vault}
          all={rows ?? early}
          complete={rows !== null}
          matching={rows ? matching : (early ?? [])}
          people={data.people}
          state={records}
          blur={blur}
          error={data.error}
          onOpen={(id) => go(`#/record/${id}`)}
          onExport={(ids) => setExportIds(ids)}
          onChanged={() => void data.reload()}
        />
      )}
      </ViewBoundary>
      <TrustedTimeStatusLine />
      <VaultKey vault={vault} />
    </main>
  );
}
