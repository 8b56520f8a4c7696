/**
 * The People view of the vault page (issue #13): the people the person has named, every account seen in the
 * records with a choice of whom it belongs to, and suggestions (shown with their reason, never applied on their
 * own). `#/people/<id>` opens one person (PersonDetail).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { AccountRef, Person, PersonSuggestion } from '../../model/case';
import { flagNote, showHandle, showName, showText } from '../../model/display';
import { eventsOf, type PatternEvent } from '../../model/pattern';
import type { Vault } from '../../vault/api';
import type { CasePageProps } from '../vault/useCaseData';
import { type SeenAccount, seenAccounts } from './accounts';
import { platformLabel, routeId } from './labels';
import { PersonDetail } from './PersonDetail';
import { useHeadingFocus } from './useHeadingFocus';
import { VirtualList } from './VirtualList';
import './case.css';

export interface PersonStats {
  count: number;
  first?: string;
  last?: string;
}

/** Contacts per person (count, first and last local day), in one pass over the events. */
export function statsByPerson(events: readonly PatternEvent[]): Map<string, PersonStats> {
  const out = new Map<string, PersonStats>();
  for (const e of events)
    for (const p of e.personIds) {
      let s = out.get(p);
      if (!s) {
        s = { count: 0 };
        out.set(p, s);
      }
      s.count++;
      if (e.day) {
        if (!s.first || e.day < s.first) s.first = e.day;
        if (!s.last || e.day > s.last) s.last = e.day;
      }
    }
  return out;
}

/** "Name @handle (X)" for an account, made safe to show. */
export function accountLabel(a: AccountRef): string {
  const name = showName(a.displayName).text;
  const handle = showHandle(a.handle).text || (a.accountId ? `#${showName(a.accountId, { kind: 'handle' }).text}` : '');
  return `${[name, handle].filter(Boolean).join(' ')} (${platformLabel(a.platform)})`;
}

export const suggestionKey = (s: PersonSuggestion) => `${s.reason}|${s.accounts.flatMap((a) => a.keys).sort().join(',')}`;

/** Session-only memory of dismissed suggestions (the vault page may re-render the pages). */
const dismissed = new Set<string>();

/** The reason in the reader's language (the vault's `detail` adds the particulars). */
function reasonWords(s: PersonSuggestion): string {
  if (s.reason === 'same-display-name') return t('peopleReasonName');
  if (s.reason === 'linked-profile') return t('peopleReasonLinked');
  return t('peopleReasonThread');
}

const NEW = '__new__';

async function newPersonFor(vault: Vault, account: AccountRef, people: readonly Person[]): Promise<string> {
  const base = account.displayName || account.handle;
  const name = base ? showName(base).text : t('peopleUnknownN', people.length + 1);
  return (await vault.savePerson({ name })).id;
}

function AccountRow({ a, people, onAssign }: { a: SeenAccount; people: readonly Person[]; onAssign: (a: SeenAccount, to: string) => void }) {
  const name = showName(a.account.displayName);
  const handle = showHandle(a.account.handle);
  const flags = [...new Set([...name.flags, ...handle.flags])];
  const id = `acct-${a.id.replace(/[^\w-]/g, '_')}`;
  return (
    <div class="case-account-row" data-testid="account-row" data-account-keys={a.account.keys.join(' ')} data-person-id={a.personId ?? ''}>
      <span class="case-one-line" id={id}>
        <strong>{platformLabel(a.account.platform)}</strong> {handle.text || (a.account.accountId ? `#${a.account.accountId}` : '')} {name.text && <span>· {name.text}</span>}{' '}
        <span class="muted">· {t('peopleRecords', a.records)}</span>
        {flags.length > 0 && <span class="case-flag"> · {flagNote(flags)}</span>}
      </span>
      <label>
        <span class="visually-hidden">{t('peopleAssignLabel', accountLabel(a.account))}</span>
        <select value={a.personId ?? ''} onChange={(e) => onAssign(a, (e.currentTarget as HTMLSelectElement).value)} data-testid="account-person">
          <option value="">{t('peopleNobody')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {showName(p.name).text}
            </option>
          ))}
          <option value={NEW}>{t('peopleNewPerson')}</option>
        </select>
      </label>
    </div>
  );
}

function PeopleList({ vault, data }: CasePageProps) {
  const heading = useHeadingFocus<HTMLHeadingElement>('people');
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState(0);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (opened) nameInput.current?.focus();
  }, [opened]);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [suggestions, setSuggestions] = useState<PersonSuggestion[] | null>(null);
  const [, setTick] = useState(0);
  const summaries = data.summaries ?? [];
  const events = useMemo(() => eventsOf(summaries, data.people), [summaries, data.people]);
  const stats = useMemo(() => statsByPerson(events), [events]);
  const accounts = useMemo(() => seenAccounts(summaries, data.people), [summaries, data.people]);
  const [accountQuery, setAccountQuery] = useState('');
  const shownAccounts = useMemo(() => {
    const q = accountQuery.trim().toLowerCase().replace(/^@/, '');
    if (!q) return accounts;
    return accounts.filter((a) => a.account.keys.some((k) => k.toLowerCase().includes(q)) || a.names.some((n) => n.toLowerCase().includes(q)) || a.account.handle?.toLowerCase().includes(q));
  }, [accounts, accountQuery]);

  useEffect(() => {
    let live = true;
    vault.suggestPeople().then(
      (s) => live && setSuggestions(s),
      () => live && setSuggestions([]),
    );
    return () => {
      live = false;
    };
  }, [vault, data.summaries, data.people]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError('');
    try {
      await work();
      await data.reload();
      setStatus(done);
    } catch (err) {
      setError(t('peopleFailed', err instanceof Error ? err.message : String(err)));
    }
  };

  const addPerson = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) {
      setNameError(t('peopleNameRequired'));
      return;
    }
    setNameError('');
    await act(() => vault.savePerson({ name: n }), t('peopleAdded', n));
    setName('');
    setAdding(false);
  };

  const assign = (a: SeenAccount, to: string) =>
    act(async () => {
      const personId = to === NEW ? await newPersonFor(vault, a.account, data.people) : to || null;
      await vault.assignAccount(personId, a.account);
    }, t('peopleAssigned', accountLabel(a.account)));

  const accept = (s: PersonSuggestion) =>
    act(async () => {
      const into = s.personId ?? (await newPersonFor(vault, s.accounts[0]!, data.people));
      for (const a of s.accounts) await vault.assignAccount(into, a);
      dismissed.add(suggestionKey(s));
    }, t('peopleSuggestionAccepted'));

  const shownSuggestions = (suggestions ?? []).filter((s) => !dismissed.has(suggestionKey(s)));

  return (
    <section aria-labelledby="page-title" class="case-page case-people">
      <h2 id="page-title" tabIndex={-1} ref={heading}>
        {t('peopleTitle')}
      </h2>
      <p class="muted">{t('peopleIntro')}</p>
      <p aria-live="polite" data-testid="people-status">
        {status}
      </p>
      {(error || data.error) && (
        <p role="alert" class="status bad">
          {error || data.error}
        </p>
      )}
      <div class="case-actions">
        <button
          type="button"
          aria-expanded={adding}
          aria-controls="person-add-form"
          onClick={() => {
            setAdding(true);
            setOpened(opened + 1);
          }}
          data-testid="person-add"
        >
          {t('peopleAdd')}
        </button>
      </div>
      <div id="person-add-form">
        {adding && (
          <form onSubmit={addPerson} noValidate aria-label={t('peopleAdd')}>
            <label>
              {t('peopleName')}
              <input
                ref={nameInput}
                type="text"
                value={name}
                maxLength={200}
                onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
                aria-invalid={Boolean(nameError)}
                aria-describedby={nameError ? 'person-name-error' : 'person-name-help'}
                data-testid="person-name"
              />
            </label>
            <span id="person-name-help" class="muted">
              {t('peopleNameHelp')}
            </span>
            {nameError && (
              <p id="person-name-error" role="alert" class="case-field-error">
                {nameError}
              </p>
            )}
            <div class="case-actions">
              <button type="submit" class="primary" data-testid="person-save">
                {t('peopleSave')}
              </button>
              <button type="button" onClick={() => setAdding(false)}>
                {t('peopleCancel')}
              </button>
            </div>
          </form>
        )}
      </div>
      {data.people.length === 0 ? (
        <p data-testid="people-empty">{t('peopleEmpty')}</p>
      ) : (
        <table class="case-people-table" data-testid="people-list">
          <caption class="visually-hidden">{t('peopleTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('peopleName')}</th>
              <th scope="col">{t('peopleColAccounts')}</th>
              <th scope="col">{t('peopleFirst')}</th>
              <th scope="col">{t('peopleLast')}</th>
              <th scope="col">{t('peopleColContacts')}</th>
            </tr>
          </thead>
          <tbody>
            {data.people.map((p) => {
              const s = stats.get(p.id);
              return (
                <tr key={p.id} data-testid="person-row" data-person-id={p.id} data-accounts={p.identifiers.length}>
                  <th scope="row">
                    <a href={`#/people/${encodeURIComponent(p.id)}`}>{showName(p.name).text}</a>
                  </th>
                  <td>{p.identifiers.length}</td>
                  <td>{s?.first ?? '—'}</td>
                  <td>{s?.last ?? '—'}</td>
                  <td>{s?.count ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <section aria-labelledby="people-suggestions-title">
        <h3 id="people-suggestions-title">{t('peopleSuggestions')}</h3>
        <p class="muted">{t('peopleSuggestionsIntro')}</p>
        {suggestions === null ? (
          <p class="muted">…</p>
        ) : shownSuggestions.length === 0 ? (
          <p class="muted" data-testid="people-no-suggestions">
            {t('peopleNoSuggestions')}
          </p>
        ) : (
          shownSuggestions.map((s) => {
            const key = suggestionKey(s);
            const into = s.personId ? data.people.find((p) => p.id === s.personId) : undefined;
            return (
              <div key={key} class="case-suggestion" data-testid="person-suggestion" data-reason={s.reason}>
                <p>
                  <strong>{reasonWords(s)}</strong> {showText(s.detail)}
                </p>
                <ul>
                  {s.accounts.map((a) => (
                    <li key={a.keys.join(' ')}>{accountLabel(a)}</li>
                  ))}
                </ul>
                <p>{into ? t('peopleSuggestionInto', showName(into.name).text) : t('peopleSuggestionNew')}</p>
                <div class="case-actions">
                  <button type="button" class="primary" onClick={() => accept(s)} data-testid="suggestion-accept">
                    {t('peopleAccept')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      dismissed.add(key);
                      setTick((n) => n + 1);
                      setStatus(t('peopleDismissed'));
                    }}
                    data-testid="suggestion-dismiss"
                  >
                    {t('peopleDismiss')}
                  </button>
                </div>
              </div>
            );
          })
        )}
      </section>
      <section aria-labelledby="people-accounts-title">
        <h3 id="people-accounts-title">{t('peopleAccounts', accounts.length)}</h3>
        <p class="muted">{t('peopleAccountsIntro')}</p>
        {accounts.length > 0 && (
          <label>
            {t('peopleAccountSearch')}
            <input type="search" value={accountQuery} onInput={(e) => setAccountQuery((e.currentTarget as HTMLInputElement).value)} data-testid="account-search" />
          </label>
        )}
        {shownAccounts.length === 0 ? (
          <p class="muted">{accounts.length ? t('peopleNoAccountMatch') : t('peopleNoAccounts')}</p>
        ) : (
          <VirtualList items={shownAccounts} rowHeight={52} maxHeight={520} label={t('peopleAccounts', accounts.length)} testid="account-list" itemKey={(a) => a.id} renderRow={(a) => <AccountRow a={a} people={data.people} onAssign={assign} />} />
        )}
      </section>
    </section>
  );
}

export function PeoplePage(props: CasePageProps) {
  const id = routeId(props.route[0]);
  return id ? <PersonDetail {...props} personId={id} /> : <PeopleList {...props} />;
}
