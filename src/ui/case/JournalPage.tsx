/**
 * The Journal view of the vault page (issue #13): the quick entry row, the full entry form, every entry (its latest
 * version, newest first, windowed for 50,000 entries), an entry's versions (`#/journal/<entryId>`) and its edit
 * form (`#/journal/<entryId>/edit`, saved as a new version), and files added on their own.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { CaseSummary, Person } from '../../model/case';
import type { EvidenceRecord } from '../../model/evidence';
import { showName, showText } from '../../model/display';
import { latestJournal } from '../../model/pattern';
import { bytesLabel } from '../format';
import type { CasePageProps } from '../vault/useCaseData';
import { FileStatusList, useFileAdder } from './files';
import { JournalForm, linkLabel } from './JournalForm';
import { JournalVersions } from './JournalVersions';
import { journalKindLabel, routeId, shownName } from './labels';
import { QuickEntry } from './QuickEntry';
import { incidentLabel, whenLabel } from './Timeline';
import { incidentSortKey } from './time';
import { useHeadingFocus } from './useHeadingFocus';
import { VirtualList } from './VirtualList';
import './case.css';

export interface JournalRow {
  entryId: string;
  latest: CaseSummary;
  versions: number;
  sort: string;
}

/** The latest version of each entry with its number of versions, newest first (by when it happened, or when written). */
export function journalRows(summaries: readonly CaseSummary[], order: 'happened' | 'written' = 'happened'): JournalRow[] {
  const latest = latestJournal(summaries);
  const versions = new Map<string, number>();
  for (const s of summaries) if (s.journal && !s.deleted) versions.set(s.journal.entryId, (versions.get(s.journal.entryId) ?? 0) + 1);
  const rows: JournalRow[] = [];
  for (const [entryId, s] of latest) {
    const sort = order === 'written' ? String(s.seq).padStart(12, '0') : incidentSortKey(s.journal!.when, s.capturedAt);
    rows.push({ entryId, latest: s, versions: versions.get(entryId) ?? 1, sort });
  }
  return rows.sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : b.latest.seq - a.latest.seq));
}

function EntryRow({ row, people }: { row: JournalRow; people: ReadonlyMap<string, Person> }) {
  const s = row.latest;
  const j = s.journal!;
  const person = j.personId ? people.get(j.personId) : undefined;
  return (
    <div class="case-journal-row" data-testid="journal-entry" data-entry-id={row.entryId} data-versions={row.versions}>
      <strong class="case-one-line">{whenLabel(s)}</strong>
      <span class="case-one-line">
        {journalKindLabel(j.kind)}
        {person && <> · {showName(person.name).text}</>}
        {row.versions > 1 && <span class="muted"> · {t('journalEdited', row.versions)}</span>}
      </span>
      <span class="case-actions" style={{ margin: 0 }}>
        <a href={`#/journal/${encodeURIComponent(row.entryId)}`}>{t('journalOpen')}</a>
        <a href={`#/journal/${encodeURIComponent(row.entryId)}/edit`}>{t('journalEdit')}</a>
      </span>
      <span class="case-tl-text">{showText((s.snippet ?? '').slice(0, 200)) || '—'}</span>
    </div>
  );
}

function EntryView({ props, entryId, edit }: { props: CasePageProps; entryId: string; edit: boolean }) {
  const { vault, data } = props;
  const [latest, setLatest] = useState<EvidenceRecord | null | 'missing'>(null);
  const [stamp, setStamp] = useState(0);
  const [error, setError] = useState('');
  const byId = useMemo(() => new Map((data.summaries ?? []).map((s) => [s.id, s])), [data.summaries]);
  const files = useMemo(() => (data.summaries ?? []).filter((s) => s.addedFile?.entryId === entryId && !s.deleted), [data.summaries, entryId]);
  useEffect(() => {
    let live = true;
    vault.journalVersions(entryId).then(
      (v) => live && setLatest(v[v.length - 1] ?? 'missing'),
      (err) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [vault, entryId, stamp]);
  if (error)
    return (
      <p role="alert" class="status bad">
        {t('journalVersionsFailed', error)}
      </p>
    );
  if (latest === null) return <p class="muted">{t('journalLoading')}</p>;
  if (latest === 'missing' || !latest.journal) return <p role="alert">{t('journalMissing')}</p>;
  const j = latest.journal;
  return (
    <>
      <p>
        <a href="#/journal">{t('journalBack')}</a>
      </p>
      {edit ? (
        <JournalForm
          key={latest.id}
          vault={vault}
          people={data.people}
          summaries={data.summaries ?? []}
          editing={{ entryId, journal: j, text: latest.text ?? '' }}
          onSaved={async () => {
            await data.reload();
            setStamp(stamp + 1);
          }}
          onCancel={() => {
            location.hash = `#/journal/${encodeURIComponent(entryId)}`;
          }}
        />
      ) : (
        <div data-testid="journal-entry-view" data-entry-id={entryId}>
          <dl class="fields">
            <dt>{t('journalField_when')}</dt>
            <dd>
              {incidentLabel(j.when)}
              {j.when.offset && ` (${j.when.offset})`}
            </dd>
            <dt>{t('journalField_kind')}</dt>
            <dd>{journalKindLabel(j.kind)}</dd>
            {j.personId && (
              <>
                <dt>{t('journalField_person')}</dt>
                <dd>{showName(data.people.find((p) => p.id === j.personId)?.name ?? j.personName ?? '').text}</dd>
              </>
            )}
            {(['where', 'effect', 'witnesses', 'reference'] as const).map(
              (f) =>
                j[f] && (
                  <>
                    <dt>{t(`journalField_${f}`)}</dt>
                    <dd>{showText(j[f])}</dd>
                  </>
                ),
            )}
            <dt>{t('journalField_text')}</dt>
            <dd>{showText(latest.text ?? '')}</dd>
            {j.links.length > 0 && (
              <>
                <dt>{t('journalField_links')}</dt>
                <dd>
                  <ul>
                    {j.links.map((l) => {
                      const linked = byId.get(l);
                      return (
                        <li key={l}>
                          <a href={`#/record/${l}`}>{linked ? linkLabel(linked) : l}</a>
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
            {files.length > 0 && (
              <>
                <dt>{t('journalFilesLegend')}</dt>
                <dd>
                  <ul data-testid="journal-entry-files">
                    {files.map((f) => {
                      const name = shownName(f.addedFile!.name, 60);
                      return (
                        <li key={f.id}>
                          <a href={`#/record/${f.id}`} title={name.cut ? name.full : undefined}>
                            {name.text || t('journalFileNoName')}
                          </a>{' '}
                          <span class="muted">({bytesLabel(f.addedFile!.size)})</span>
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <p class="case-actions">
            <a class="button" href={`#/journal/${encodeURIComponent(entryId)}/edit`}>
              {t('journalEdit')}
            </a>
            <a class="button" href={`#/record/${latest.id}`}>
              {t('journalOpenRecord')}
            </a>
          </p>
        </div>
      )}
      <JournalVersions vault={vault} entryId={entryId} people={data.people} stamp={stamp} />
    </>
  );
}

export function JournalPage(props: CasePageProps) {
  const { vault, data, route } = props;
  const heading = useHeadingFocus<HTMLHeadingElement>(`journal/${route.join('/')}`);
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState(0);
  const formBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (opened) formBox.current?.querySelector<HTMLInputElement>('[data-testid="journal-when"]')?.focus();
  }, [opened]);
  const [order, setOrder] = useState<'happened' | 'written'>('happened');
  const [query, setQuery] = useState('');
  const alone = useFileAdder(vault);
  const rows = useMemo(() => journalRows(data.summaries ?? [], order), [data.summaries, order]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? rows.filter((r) => r.latest.snippet?.toLowerCase().includes(q)) : rows;
  }, [rows, query]);
  const people = useMemo(() => new Map(data.people.map((p) => [p.id, p])), [data.people]);
  const entryId = routeId(route[0]);

  return (
    <section aria-labelledby="page-title" class="case-page case-journal">
      <h2 id="page-title" tabIndex={-1} ref={heading}>
        {entryId ? (route[1] === 'edit' ? t('journalEditTitle') : t('journalEntryTitle')) : t('journalTitle')}
      </h2>
      {data.error && (
        <p role="alert" class="status bad">
          {data.error}
        </p>
      )}
      {entryId ? (
        <EntryView props={props} entryId={entryId} edit={route[1] === 'edit'} />
      ) : (
        <>
          <p class="muted">{t('journalIntro')}</p>
          <QuickEntry vault={vault} people={data.people} onAdded={data.reload} />
          <div class="case-actions">
            <button
              type="button"
              aria-expanded={adding}
              aria-controls="journal-new-form"
              onClick={() => {
                // Always opens (a second press never closes a form being filled in) and goes to its first field.
                setAdding(true);
                setOpened(opened + 1);
              }}
              data-testid="journal-add"
            >
              {t('journalAdd')}
            </button>
          </div>
          <div id="journal-new-form" ref={formBox}>{adding && <JournalForm vault={vault} people={data.people} summaries={data.summaries ?? []} onSaved={() => data.reload()} onCancel={() => setAdding(false)} />}</div>
          <h3>{t('journalEntries', rows.length)}</h3>
          <div class="case-actions">
            <label>
              {t('journalSearch')}
              <input type="search" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} data-testid="journal-search" />
            </label>
            <label>
              {t('journalOrder')}
              <select value={order} onChange={(e) => setOrder((e.currentTarget as HTMLSelectElement).value as 'happened' | 'written')} data-testid="journal-order">
                <option value="happened">{t('journalOrderHappened')}</option>
                <option value="written">{t('journalOrderWritten')}</option>
              </select>
            </label>
          </div>
          {data.summaries === null ? (
            <p class="muted">{t('journalLoading')}</p>
          ) : shown.length === 0 ? (
            <p data-testid="journal-empty">{rows.length ? t('journalNoMatch') : t('journalEmpty')}</p>
          ) : (
            <VirtualList items={shown} rowHeight={64} maxHeight={600} label={t('journalEntries', shown.length)} testid="journal-list" itemKey={(r) => r.entryId} renderRow={(r) => <EntryRow row={r} people={people} />} />
          )}
          <form class="case-files-alone" onSubmit={(e) => e.preventDefault()} aria-labelledby="journal-alone-title">
            <h3 id="journal-alone-title">{t('journalAloneTitle')}</h3>
            <p class="muted">{t('journalAloneHelp')}</p>
            <label>
              {t('journalFiles')}
              <input
                type="file"
                multiple
                data-testid="journal-files-alone"
                onChange={async (e) => {
                  const input = e.currentTarget as HTMLInputElement;
                  const files = [...(input.files ?? [])];
                  if (!files.length) return;
                  await alone.run(files);
                  input.value = '';
                  await data.reload();
                }}
              />
            </label>
            <FileStatusList statuses={alone.statuses} label={t('journalAloneTitle')} />
          </form>
        </>
      )}
    </section>
  );
}
