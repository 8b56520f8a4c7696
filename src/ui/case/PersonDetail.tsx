/**
 * One person (`#/people/<id>`, issue #13): rename, notes, accounts and identifiers (add, remove, split an account
 * off), first and last contact, counts by platform and kind, merge with someone else, delete, and their timeline.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../i18n/t';
import type { CaseSummary, Identifier, IdentifierType, Person } from '../../model/case';
import { flagNote, showHandle, showName } from '../../model/display';
import { countBy, eventsOf, filterEvents, periodOf } from '../../model/pattern';
import type { CasePageProps } from '../vault/useCaseData';
import { seenAccounts } from './accounts';
import { eventKindLabel, platformLabel } from './labels';
import { reportsOfPerson } from '../reports/concern';
import { useReports } from '../reports/useReports';
import { mergeTimeline, reportTimelineItems, Timeline, timelineItems } from './Timeline';
import { useHeadingFocus } from './useHeadingFocus';
import './case.css';

const OFF_TYPES: IdentifierType[] = ['phone', 'email', 'username', 'other'];

function identifierType(type: IdentifierType): string {
  return t(`peopleIdType_${type}` as MessageKey);
}

function CountTable({ caption, col, rows }: { caption: string; col: string; rows: Array<{ key: string; label: string; count: number }> }) {
  if (rows.length === 0) return null;
  return (
    <table class="case-count-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{col}</th>
          <th scope="col">{t('patternColCount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Confirm = { kind: 'merge'; other: Person } | { kind: 'delete' } | null;

export function PersonDetail({ vault, data, personId }: CasePageProps & { personId: string }) {
  const heading = useHeadingFocus<HTMLHeadingElement>(`people/${personId}`);
  const person = data.people.find((p) => p.id === personId);
  const [name, setName] = useState(person?.name ?? '');
  const [notes, setNotes] = useState(person?.notes ?? '');
  const [idType, setIdType] = useState<IdentifierType>('phone');
  const [idValue, setIdValue] = useState('');
  const [idWhere, setIdWhere] = useState('');
  const [idError, setIdError] = useState('');
  const [nameError, setNameError] = useState('');
  const [mergeWith, setMergeWith] = useState('');
  const [confirm, setConfirm] = useState<Confirm>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The question takes the focus, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (confirm) confirmButton.current?.focus();
  }, [confirm]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    setName(person?.name ?? '');
    setNotes(person?.notes ?? '');
  }, [person?.id, person?.name, person?.notes]);
  const summaries = data.summaries ?? [];
  const events = useMemo(() => eventsOf(summaries, data.people), [summaries, data.people]);
  const mine = useMemo(() => filterEvents(events, { personId }), [events, personId]);
  const byId = useMemo(() => new Map<string, CaseSummary>(summaries.map((s) => [s.id, s])), [summaries]);
  // Issue #14: the reports concerning them (named on the report, one of their accounts, or one of their records) beside the contacts.
  const { reports } = useReports(vault);
  const items = useMemo(() => {
    const records = timelineItems(mine, byId);
    if (!reports?.length || !person) return records;
    return mergeTimeline(records, reportTimelineItems(reportsOfPerson(reports, person, new Set(mine.map((e) => e.id)))));
  }, [mine, byId, reports, person]);
  const period = periodOf(mine);
  const platforms = countBy(mine, 'platform').map((c) => ({ key: c.key, label: platformLabel(c.key), count: c.count }));
  const kinds = countBy(mine, 'kind').map((c) => ({ key: c.key, label: eventKindLabel(c.key), count: c.count }));
  const accountRecords = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of seenAccounts(summaries, data.people)) for (const k of a.account.keys) m.set(k, a.records);
    return m;
  }, [summaries, data.people]);

  if (!person)
    return (
      <section aria-labelledby="page-title" class="case-page">
        <h2 id="page-title" tabIndex={-1} ref={heading}>
          {t('peopleNotFound')}
        </h2>
        <p>
          <a href="#/people">{t('peopleBack')}</a>
        </p>
      </section>
    );

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError('');
    try {
      await work();
      await data.reload();
      setStatus(done);
      return true;
    } catch (err) {
      setError(t('peopleFailed', err instanceof Error ? err.message : String(err)));
      return false;
    }
  };

  const rename = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('peopleNameRequired'));
    setNameError('');
    await act(() => vault.savePerson({ id: person.id, name: name.trim(), ...(person.notes !== undefined && { notes: person.notes }) }), t('peopleRenamed', name.trim()));
  };
  const saveNotes = async (e: Event) => {
    e.preventDefault();
    await act(() => vault.savePerson({ id: person.id, name: person.name, notes }), t('peopleNotesSaved'));
  };
  const addIdentifier = async (e: Event) => {
    e.preventDefault();
    const value = idValue.trim();
    if (!value) return setIdError(t('peopleIdRequired'));
    if (idType === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) return setIdError(t('peopleIdEmail'));
    if (idType === 'phone' && !/\d/.test(value)) return setIdError(t('peopleIdPhone'));
    setIdError('');
    const ok = await act(() => vault.addIdentifier(person.id, { type: idType, value, ...(idWhere.trim() && { where: idWhere.trim() }) }), t('peopleIdAdded'));
    if (ok) {
      setIdValue('');
      setIdWhere('');
    }
  };
  const splitOff = (i: Identifier, to: 'nobody' | 'new') =>
    act(async () => {
      const account = i.account!;
      if (to === 'nobody') return vault.assignAccount(null, account);
      const fresh = await vault.savePerson({ name: showName(account.displayName || account.handle || t('peopleUnknownN', data.people.length + 1)).text });
      return vault.assignAccount(fresh.id, account);
    }, t('peopleSplit'));

  const others = data.people.filter((p) => p.id !== person.id);
  const accounts = person.identifiers.filter((i) => i.type === 'account' && i.account);
  const offPlatform = person.identifiers.filter((i) => i.type !== 'account');

  return (
    <section aria-labelledby="page-title" class="case-page case-person" data-testid="person-detail" data-person-id={person.id}>
      <p>
        <a href="#/people">{t('peopleBack')}</a>
      </p>
      <h2 id="page-title" tabIndex={-1} ref={heading}>
        {showName(person.name).text}
      </h2>
      <p aria-live="polite" data-testid="people-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="status bad">
          {error}
        </p>
      )}
      <p data-testid="person-contacts" data-total={period.total}>
        {period.first ? t('peopleContactsPeriod', period.total, period.first, period.last ?? period.first) : t('peopleContactsNone', period.total)}{' '}
        <a href={`#/pattern/${encodeURIComponent(person.id)}`}>{t('peopleSeePattern')}</a>
      </p>
      <div class="case-actions">
        <CountTable caption={t('peopleByPlatform')} col={t('patternColPlatform')} rows={platforms} />
        <CountTable caption={t('peopleByKind')} col={t('patternColKind')} rows={kinds} />
      </div>

      <form onSubmit={rename} noValidate aria-labelledby="person-rename-title">
        <h3 id="person-rename-title">{t('peopleRename')}</h3>
        <label>
          {t('peopleName')}
          <input type="text" value={name} maxLength={200} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} aria-invalid={Boolean(nameError)} aria-describedby={nameError ? 'person-rename-error' : undefined} data-testid="person-rename" />
        </label>
        <button type="submit" data-testid="person-rename-save">
          {t('peopleSave')}
        </button>
        {nameError && (
          <p id="person-rename-error" role="alert" class="case-field-error">
            {nameError}
          </p>
        )}
      </form>
      <form onSubmit={saveNotes} aria-labelledby="person-notes-title">
        <h3 id="person-notes-title">{t('peopleNotes')}</h3>
        <label class="case-wide" for="person-notes">
          {t('peopleNotesHelp')}
        </label>
        <textarea id="person-notes" value={notes} rows={4} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} data-testid="person-notes" />
        <div class="case-actions">
          <button type="submit" data-testid="person-notes-save">
            {t('peopleSave')}
          </button>
        </div>
      </form>

      <section aria-labelledby="person-accounts-title">
        <h3 id="person-accounts-title">{t('peopleAccountsOf', accounts.length)}</h3>
        {accounts.length === 0 ? (
          <p class="muted">{t('peopleNoAccountsOf')}</p>
        ) : (
          <ul data-testid="person-accounts">
            {accounts.map((i) => {
              const a = i.account!;
              const nm = showName(a.displayName);
              const h = showHandle(a.handle);
              const flags = [...new Set([...nm.flags, ...h.flags])];
              const records = a.keys.map((k) => accountRecords.get(k)).find((n) => n !== undefined) ?? 0;
              return (
                <li key={i.id} data-testid="person-account">
                  <strong>{platformLabel(a.platform)}</strong> {h.text || (a.accountId ? `#${a.accountId}` : '')} {nm.text && `· ${nm.text}`} <span class="muted">· {t('peopleRecords', records)}</span>
                  {flags.length > 0 && <span class="case-flag"> · {flagNote(flags)}</span>}{' '}
                  <button type="button" onClick={() => splitOff(i, 'nobody')} data-testid="person-split-nobody">
                    {t('peopleSplitNobody')}
                  </button>{' '}
                  <button type="button" onClick={() => splitOff(i, 'new')} data-testid="person-split-new">
                    {t('peopleSplitNew')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <p class="muted">{t('peopleAccountsHint')}</p>
      </section>

      <section aria-labelledby="person-ids-title">
        <h3 id="person-ids-title">{t('peopleIdentifiers', offPlatform.length)}</h3>
        {offPlatform.length > 0 && (
          <ul data-testid="person-identifiers">
            {offPlatform.map((i) => {
              const v = showName(i.value ?? '');
              return (
                <li key={i.id} data-testid="person-identifier">
                  {identifierType(i.type)}: <strong>{v.text}</strong>
                  {i.where && <> ({showName(i.where).text})</>}{' '}
                  <button type="button" onClick={() => act(() => vault.removeIdentifier(person.id, i.id), t('peopleIdRemoved'))} aria-label={t('peopleIdRemove', v.text)}>
                    {t('peopleRemove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <form onSubmit={addIdentifier} noValidate aria-labelledby="person-id-add-title">
          <fieldset>
            <legend id="person-id-add-title">{t('peopleIdAdd')}</legend>
            <label>
              {t('peopleIdTypeLabel')}
              <select value={idType} onChange={(e) => setIdType((e.currentTarget as HTMLSelectElement).value as IdentifierType)} data-testid="person-id-type">
                {OFF_TYPES.map((k) => (
                  <option key={k} value={k}>
                    {identifierType(k)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('peopleIdValue')}
              <input
                type="text"
                inputMode={idType === 'email' ? 'email' : idType === 'phone' ? 'tel' : 'text'}
                value={idValue}
                maxLength={500}
                onInput={(e) => setIdValue((e.currentTarget as HTMLInputElement).value)}
                aria-invalid={Boolean(idError)}
                aria-describedby={idError ? 'person-id-error' : undefined}
                data-testid="person-id-value"
              />
            </label>
            {(idType === 'username' || idType === 'other') && (
              <label>
                {t('peopleIdWhere')}
                <input type="text" value={idWhere} maxLength={200} onInput={(e) => setIdWhere((e.currentTarget as HTMLInputElement).value)} data-testid="person-id-where" />
              </label>
            )}
            <button type="submit" data-testid="person-id-save">
              {t('peopleIdAddButton')}
            </button>
            {idError && (
              <p id="person-id-error" role="alert" class="case-field-error">
                {idError}
              </p>
            )}
          </fieldset>
        </form>
      </section>

      <section aria-labelledby="person-manage-title">
        <h3 id="person-manage-title">{t('peopleManage')}</h3>
        {others.length > 0 && (
          <div class="case-actions">
            <label>
              {t('peopleMergeLabel')}
              <select value={mergeWith} onChange={(e) => setMergeWith((e.currentTarget as HTMLSelectElement).value)} data-testid="person-merge-with">
                <option value="">—</option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {showName(p.name).text}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!mergeWith}
              onClick={() => {
                const other = others.find((p) => p.id === mergeWith);
                if (other) setConfirm({ kind: 'merge', other });
              }}
              data-testid="person-merge"
            >
              {t('peopleMerge')}
            </button>
          </div>
        )}
        <div class="case-actions">
          <button type="button" class="danger" onClick={() => setConfirm({ kind: 'delete' })} data-testid="person-delete">
            {t('peopleDelete')}
          </button>
        </div>
        {confirm && (
          <div class="case-confirm" role="alertdialog" aria-labelledby="person-confirm-text" data-testid="person-confirm">
            <p id="person-confirm-text">{confirm.kind === 'merge' ? t('peopleMergeConfirm', showName(confirm.other.name).text, showName(person.name).text) : t('peopleDeleteConfirm', showName(person.name).text)}</p>
            <div class="case-actions">
              <button
                type="button"
                class={confirm.kind === 'delete' ? 'danger' : 'primary'}
                ref={confirmButton}
                onClick={async () => {
                  const c = confirm;
                  setConfirm(null);
                  if (c.kind === 'merge') {
                    if (await act(() => vault.mergePeople(person.id, c.other.id), t('peopleMerged', showName(c.other.name).text))) setMergeWith('');
                  } else if (await act(() => vault.deletePerson(person.id), t('peopleDeleted'))) location.hash = '#/people';
                }}
                data-testid="person-confirm-yes"
              >
                {confirm.kind === 'merge' ? t('peopleMergeYes') : t('peopleDeleteYes')}
              </button>
              <button type="button" onClick={() => setConfirm(null)} data-testid="person-confirm-no">
                {t('peopleCancel')}
              </button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="person-timeline-title">
        <h3 id="person-timeline-title">{t('peopleTimeline', items.length)}</h3>
        <Timeline items={items} label={t('peopleTimeline', items.length)} />
      </section>
    </section>
  );
}
