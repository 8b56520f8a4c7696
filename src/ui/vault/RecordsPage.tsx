/**
 * The Records page of the vault (issue #13): search, filters, selection with its actions, and the windowed list.
 * Its state (query, filters, selection) lives in the App so it survives opening a record and coming back.
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { Person } from '../../model/case';
import type { ItemKind } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { itemKindLabel, RecordList } from './RecordList';
import { accountsOf, allSelected, facets, isFiltered, type ListRow, NOBODY, type RecordFilter, toggleAllMatching, toggleId } from './records';

export interface RecordsState {
  filter: RecordFilter;
  setFilter(f: RecordFilter): void;
  selected: ReadonlySet<string>;
  setSelected(s: ReadonlySet<string>): void;
}

export function useRecordsState(): RecordsState {
  const [filter, setFilter] = useState<RecordFilter>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return { filter, setFilter, selected, setSelected };
}

export interface RecordsPageProps {
  vault: Vault;
  /** Every prepared row (unfiltered) and the rows matching the filter. */
  all: readonly ListRow[] | null;
  matching: readonly ListRow[];
  people: readonly Person[];
  state: RecordsState;
  blur: boolean;
  error: string | null;
  /** False while only the newest records are read (the whole list is still loading): no "select all" yet. */
  complete?: boolean;
  onOpen(id: string): void;
  onExport(ids: string[]): void;
  /** After assignments (people changed). */
  onChanged(): void;
}

export function RecordsPage({ vault, all, matching, people, state, blur, error, complete = true, onOpen, onExport, onChanged }: RecordsPageProps) {
  const { filter, setFilter, selected, setSelected } = state;
  const [listPictures, setListPictures] = useState(false);
  const [assignTo, setAssignTo] = useState<string>('');
  const [assigning, setAssigning] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const { platforms, kinds } = useMemo(() => facets(all ?? []), [all]);
  const set = (patch: Partial<RecordFilter>) => setFilter({ ...filter, ...patch });

  const assign = async () => {
    if (!all) return;
    const chosen = all.filter((r) => selected.has(r.s.id)).map((r) => r.s);
    const { accounts, without } = accountsOf(chosen);
    if (!accounts.length) {
      setMessage({ ok: false, text: t('recAssignNone') });
      return;
    }
    setAssigning(true);
    setMessage(null);
    let done = 0;
    try {
      for (const a of accounts) {
        await vault.assignAccount(assignTo || null, a);
        done++;
      }
      setMessage({ ok: true, text: [t('recAssignDone', done), without ? t('recAssignSkipped', without) : ''].filter(Boolean).join(' ') });
    } catch (err) {
      setMessage({ ok: false, text: [done ? t('recAssignDone', done) : '', t('recAssignFailed', err instanceof Error ? err.message : String(err))].filter(Boolean).join(' ') });
    } finally {
      setAssigning(false);
      onChanged();
    }
  };

  const selectedIds = () => (all ?? []).filter((r) => selected.has(r.s.id)).map((r) => r.s.id);

  return (
    <section aria-labelledby="page-title" class="records-page">
      <h2 id="page-title" tabIndex={-1}>
        {t('recListTitle')}
      </h2>
      <search class="filters" aria-label={t('recFilters')}>
        <div class="field grow">
          <label for="vault-search">{t('recSearch')}</label>
          <input
            id="vault-search"
            type="search"
            data-testid="vault-search"
            value={filter.query ?? ''}
            onInput={(e) => set({ query: e.currentTarget.value })}
            aria-describedby="vault-search-hint"
            autocomplete="off"
            spellcheck={false}
          />
          <span id="vault-search-hint" class="muted small">
            {t('recSearchHint')}
          </span>
        </div>
        <div class="field">
          <label for="filter-platform">{t('recFilterPlatform')}</label>
          <select id="filter-platform" data-testid="filter-platform" value={filter.platform ?? ''} onChange={(e) => set({ platform: e.currentTarget.value })}>
            <option value="">{t('recFilterAny')}</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {p === 'added' ? t('recAddedByYou') : p}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-person">{t('recFilterPerson')}</label>
          <select id="filter-person" data-testid="filter-person" value={filter.personId ?? ''} onChange={(e) => set({ personId: e.currentTarget.value })}>
            <option value="">{t('recFilterAny')}</option>
            <option value={NOBODY}>{t('recFilterNobody')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-kind">{t('recFilterKind')}</label>
          <select id="filter-kind" data-testid="filter-kind" value={filter.kind ?? ''} onChange={(e) => set({ kind: e.currentTarget.value as ItemKind | '' })}>
            <option value="">{t('recFilterAny')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {itemKindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-from">{t('recFilterFrom')}</label>
          <input id="filter-from" type="date" data-testid="filter-from" value={filter.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="filter-to">{t('recFilterTo')}</label>
          <input id="filter-to" type="date" data-testid="filter-to" value={filter.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value })} />
        </div>
        <div class="field checks">
          <label>
            <input type="checkbox" checked={!!filter.allVersions} onChange={(e) => set({ allVersions: e.currentTarget.checked })} data-testid="filter-versions" /> {t('recFilterVersions')}
          </label>
          {blur && (
            <label>
              <input type="checkbox" checked={listPictures} onChange={(e) => setListPictures(e.currentTarget.checked)} data-testid="list-pictures" /> {t('recShowListPictures')}
            </label>
          )}
          {isFiltered(filter) && (
            <button type="button" onClick={() => setFilter({ allVersions: filter.allVersions })} data-testid="filter-clear">
              {t('recFilterClear')}
            </button>
          )}
        </div>
      </search>

      {selected.size > 0 && (
        <section class="selection-bar" aria-label={t('recSelectionBar')} data-testid="selection-bar" data-count={selected.size}>
          <strong>{t('recSelectedCount', selected.size)}</strong>
          <button type="button" class="primary" onClick={() => onExport(selectedIds())} data-testid="export-selected">
            {t('recExportSelected')}
          </button>
          <span class="assign">
            <label for="assign-person">{t('recAssignTo')}</label>
            <select id="assign-person" value={assignTo} onChange={(e) => setAssignTo(e.currentTarget.value)} data-testid="assign-person" title={t('recAssignPerson')}>
              <option value="">{t('recNobody')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void assign()} disabled={assigning} data-testid="assign-apply">
              {t('recAssignApply')}
            </button>
          </span>
          <button type="button" onClick={() => setSelected(new Set())} data-testid="selection-clear">
            {t('recClearSelection')}
          </button>
        </section>
      )}
      <div aria-live="polite">
        {message && (
          <p class={`status ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'} data-testid="assign-result">
            {message.text}
          </p>
        )}
      </div>

      {!complete && all !== null && !error && (
        <p class="muted" role="status" data-testid="records-loading">
          {t('recLoadingAll')}
        </p>
      )}
      {error && all === null ? (
        <p class="status bad" role="alert">
          {t('recLoadError', error)}
        </p>
      ) : all === null ? (
        <p class="muted">{t('recLoading')}</p>
      ) : all.every((r) => r.s.deleted) ? (
        <p data-testid="vault-empty">{t('vaultEmpty')}</p>
      ) : matching.length === 0 ? (
        <p data-testid="no-match">{t('recNoMatch')}</p>
      ) : (
        <RecordList
          vault={vault}
          complete={complete}
          rows={matching}
          people={byId}
          selected={selected}
          blur={blur && !listPictures}
          allChecked={allSelected(selected, matching)}
          onToggle={(id) => setSelected(toggleId(selected, id))}
          onToggleAll={() => setSelected(toggleAllMatching(selected, matching))}
          onOpen={onOpen}
        />
      )}
    </section>
  );
}
