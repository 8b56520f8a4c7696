/**
 * Quick entry for repeated contact (issue #13): one row, always there — kind (call), person, day and time (now
 * unless changed), a short note, Add. After each add the focus goes back to the time so "02:17", "03:00", "05:04"
 * are logged in seconds; each add is confirmed in words for screen readers.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { Person } from '../../model/case';
import { JOURNAL_KINDS, type JournalKind } from '../../model/journal';
import type { JournalInput, Vault } from '../../vault/api';
import { PersonSelect, personFor } from './JournalForm';
import { journalKindLabel } from './labels';
import { incidentTime, toLocalInput } from './time';
import { toolInfo } from './tool';

export function QuickEntry({ vault, people, onAdded }: { vault: Vault; people: readonly Person[]; onAdded: () => void | Promise<void> }) {
  const [kind, setKind] = useState<JournalKind>('call');
  const [person, setPerson] = useState('');
  const [date, setDate] = useState(() => toLocalInput(new Date()).slice(0, 10));
  const [time, setTime] = useState(() => toLocalInput(new Date()).slice(11, 16));
  /** Day or time changed by hand: otherwise "now" is taken when Add is pressed. */
  const [touched, setTouched] = useState(false);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  /** Set while the vault writes one entry (a ref: a second Enter in the same moment must see it at once). */
  const writing = useRef(false);
  const added = useRef(0);
  const [count, setCount] = useState(0);
  const timeInput = useRef<HTMLInputElement>(null);

  // The shown "now" keeps up while untouched.
  useEffect(() => {
    if (touched) return;
    const timer = setInterval(() => {
      const now = toLocalInput(new Date());
      setDate(now.slice(0, 10));
      setTime(now.slice(11, 16));
    }, 30_000);
    return () => clearInterval(timer);
  }, [touched]);

  const add = async (e: Event) => {
    e.preventDefault();
    if (writing.current) return;
    const local = touched ? `${date}T${time}` : toLocalInput(new Date());
    const when = incidentTime(local, 'exact');
    if (!when) {
      setError(t('journalQuickInvalid'));
      timeInput.current?.focus();
      return;
    }
    setError('');
    writing.current = true;
    setBusy(true);
    try {
      const personId = await personFor(vault, person, people);
      const input: JournalInput = { when, kind, text: note.trim() || journalKindLabel(kind), links: [] };
      if (personId) input.personId = personId;
      await vault.addJournalEntry(input, await toolInfo());
      if (person && personId !== person) setPerson(personId ?? '');
      added.current += 1;
      setCount(added.current);
      setMessage(t('journalQuickAdded', added.current, journalKindLabel(kind), local.slice(11, 16), local.slice(0, 10)));
      // Ready for the next one: the day stays, the time goes back to now until changed.
      const now = toLocalInput(new Date());
      setTime(now.slice(11, 16));
      if (!touched) setDate(now.slice(0, 10));
      setTouched(false);
      // The list catches up in the background: the row is ready for the next entry as soon as this one is stored.
      void Promise.resolve(onAdded()).catch(() => undefined);
    } catch (err) {
      setError(t('journalSaveFailed', err instanceof Error ? err.message : String(err)));
    } finally {
      writing.current = false;
      setBusy(false);
      // Back to the time's first part (hours), ready for the next one: a blur first, or the focus would stay in the
      // part typed last (minutes, AM/PM).
      timeInput.current?.blur();
      timeInput.current?.focus();
    }
  };

  return (
    <form class="case-quick" onSubmit={add} aria-labelledby="journal-quick-title" data-testid="journal-quick">
      <fieldset>
        <legend id="journal-quick-title">{t('journalQuickTitle')}</legend>
        <label>
          {t('journalKind')}
          <select value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as JournalKind)} data-testid="journal-quick-kind">
            {JOURNAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {journalKindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <span class="case-field">
          <label for="journal-quick-person">{t('journalPerson')}</label>
          <PersonSelect people={people} value={person} onChange={setPerson} id="journal-quick-person" testid="journal-quick-person" />
        </span>
        <label>
          {t('journalQuickDate')}
          <input
            type="date"
            value={date}
            onInput={(e) => {
              setDate((e.currentTarget as HTMLInputElement).value);
              setTouched(true);
            }}
            data-testid="journal-quick-date"
          />
        </label>
        <label>
          {t('journalQuickTime')}
          <input
            ref={timeInput}
            type="time"
            value={time}
            onInput={(e) => {
              setTime((e.currentTarget as HTMLInputElement).value);
              setTouched(true);
            }}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'journal-quick-error' : undefined}
            data-testid="journal-quick-time"
          />
        </label>
        <label>
          {t('journalQuickNote')}
          <input type="text" value={note} maxLength={500} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} data-testid="journal-quick-note" />
        </label>
        <button type="submit" class="primary" disabled={busy} data-testid="journal-quick-add">
          {t('journalQuickAdd')}
        </button>
      </fieldset>
      <p aria-live="polite" class="case-quick-status" data-testid="journal-quick-status" data-count={count}>
        {message}
      </p>
      {error && (
        <p id="journal-quick-error" role="alert" class="case-field-error">
          {error}
        </p>
      )}
    </form>
  );
}
