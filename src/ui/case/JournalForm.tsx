/**
 * The journal entry form (issue #13): when (as the person knew it), what kind, who, where, what happened, how it
 * affected them, witnesses, a report reference, links to captures, and files. New entries and edits (a new version)
 * use it alike; files are added after the entry is saved, one by one, and a file that fails never loses the entry.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { CaseSummary, Person } from '../../model/case';
import { showHandle, showName, showText } from '../../model/display';
import { JOURNAL_KINDS, type JournalInfo, type JournalKind, type TimePrecision } from '../../model/journal';
import type { JournalInput, Vault } from '../../vault/api';
import { FileStatusList, useFileAdder } from './files';
import { journalKindLabel, localTime, platformLabel, precisionLabel } from './labels';
import { incidentTime, TIME_PRECISIONS, toLocalInput } from './time';
import { toolInfo } from './tool';

export const NEW_PERSON = '__new__';

/** The person for a journal entry: someone chosen, nobody, or a new "Unknown N" made for "someone not yet named". */
export async function personFor(vault: Vault, choice: string, people: readonly Person[]): Promise<string | undefined> {
  if (!choice) return undefined;
  if (choice !== NEW_PERSON) return choice;
  let n = people.length + 1;
  const names = new Set(people.map((p) => p.name));
  while (names.has(t('peopleUnknownN', n))) n++;
  return (await vault.savePerson({ name: t('peopleUnknownN', n) })).id;
}

export function PersonSelect({ people, value, onChange, id, testid }: { people: readonly Person[]; value: string; onChange: (v: string) => void; id?: string; testid?: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)} data-testid={testid}>
      <option value="">{t('journalPersonNone')}</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {showName(p.name).text}
        </option>
      ))}
      <option value={NEW_PERSON}>{t('journalPersonNew')}</option>
    </select>
  );
}

export interface JournalFormProps {
  vault: Vault;
  people: readonly Person[];
  summaries: readonly CaseSummary[];
  /** Editing: the entry's latest version (its journal info and text). */
  editing?: { entryId: string; journal: JournalInfo; text: string };
  onSaved: (entryId: string, recordId: string) => void | Promise<void>;
  onCancel?: () => void;
}

interface Errors {
  when?: string;
  text?: string;
  save?: string;
}

const MAX_LINK_ROWS = 50;

export function JournalForm({ vault, people, summaries, editing, onSaved, onCancel }: JournalFormProps) {
  const j = editing?.journal;
  const [initialWhen] = useState(() => (j?.when.local ? (j.when.local.length === 10 ? `${j.when.local}T00:00` : j.when.local) : toLocalInput(new Date())));
  const [when, setWhen] = useState(initialWhen);
  const [precision, setPrecision] = useState<TimePrecision>(j?.when.precision ?? 'exact');
  const [kind, setKind] = useState<JournalKind>(j?.kind ?? 'call');
  const [person, setPerson] = useState(j?.personId ?? '');
  const [where, setWhere] = useState(j?.where ?? '');
  const [text, setText] = useState(editing?.text ?? '');
  const [effect, setEffect] = useState(j?.effect ?? '');
  const [witnesses, setWitnesses] = useState(j?.witnesses ?? '');
  const [reference, setReference] = useState(j?.reference ?? '');
  const [links, setLinks] = useState<string[]>(j?.links ?? []);
  const [linkQuery, setLinkQuery] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const whenInput = useRef<HTMLInputElement>(null);
  const textInput = useRef<HTMLTextAreaElement>(null);
  const files = useFileAdder(vault);
  const prefix = editing ? `journal-edit-${editing.entryId}` : 'journal-new';

  const candidates = useMemo(() => summaries.filter((s) => !s.deleted && !s.journal), [summaries]);
  const matches = useMemo(() => {
    const q = linkQuery.trim().toLowerCase();
    const out: CaseSummary[] = [];
    for (const s of candidates) {
      if (out.length >= MAX_LINK_ROWS) break;
      if (links.includes(s.id)) continue;
      if (!q || [s.snippet, s.handle, s.displayName, s.url, s.addedFile?.name].some((v) => v?.toLowerCase().includes(q))) out.push(s);
    }
    return out;
  }, [candidates, linkQuery, links]);
  const byId = useMemo(() => new Map(summaries.map((s) => [s.id, s])), [summaries]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const next: Errors = {};
    // An edit that leaves the time alone keeps it exactly as it was stored (offset and UTC included).
    const time = j && when === initialWhen && precision === j.when.precision ? j.when : incidentTime(when, precision);
    if (!time) next.when = t('journalWhenInvalid');
    if (!text.trim()) next.text = t('journalTextRequired');
    setErrors(next);
    if (next.when) return whenInput.current?.focus();
    if (next.text) return textInput.current?.focus();
    setSaving(true);
    setStatus(t('journalSaving'));
    const chosen = [...(fileInput.current?.files ?? [])];
    try {
      const personId = await personFor(vault, person, people);
      const input: JournalInput = { when: time!, kind, text, links };
      if (personId) input.personId = personId;
      if (where.trim()) input.where = where.trim();
      if (effect.trim()) input.effect = effect;
      if (witnesses.trim()) input.witnesses = witnesses.trim();
      if (reference.trim()) input.reference = reference.trim();
      const tool = await toolInfo();
      const record = editing ? await vault.editJournalEntry(editing.entryId, input, tool) : await vault.addJournalEntry(input, tool);
      const entryId = record.journal?.entryId ?? editing?.entryId ?? record.id;
      setStatus(editing ? t('journalSavedVersion', record.journal?.version ?? 0) : t('journalSaved'));
      if (chosen.length) {
        const result = await files.run(chosen, entryId);
        const failed = result.filter((r) => r.state === 'failed').length;
        setStatus(`${editing ? t('journalSavedVersion', record.journal?.version ?? 0) : t('journalSaved')} ${t('journalFilesResult', result.length - failed, failed)}`);
      }
      if (!editing) {
        setText('');
        setEffect('');
        setWitnesses('');
        setReference('');
        setWhere('');
        setLinks([]);
        setWhen(toLocalInput(new Date()));
        if (fileInput.current) fileInput.current.value = '';
      }
      // Ready for the next entry at once; the list catches up.
      setSaving(false);
      await onSaved(entryId, record.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setErrors({ save: t('journalSaveFailed', message) });
      setStatus('');
    } finally {
      setSaving(false);
    }
  };

  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form class="case-journal-form" onSubmit={save} noValidate aria-labelledby={id('title')} data-testid="journal-form">
      <h3 id={id('title')}>{editing ? t('journalEditTitle') : t('journalNewTitle')}</h3>
      <fieldset>
        <legend>{t('journalWhenLegend')}</legend>
        <label for={id('when')}>{t('journalWhen')}</label>
        <input
          ref={whenInput}
          id={id('when')}
          type="datetime-local"
          value={when}
          onInput={(e) => setWhen((e.currentTarget as HTMLInputElement).value)}
          disabled={precision === 'unknown'}
          aria-invalid={Boolean(errors.when)}
          aria-describedby={errors.when ? id('when-error') : id('when-help')}
          data-testid="journal-when"
        />
        <span id={id('when-help')} class="muted">
          {' '}
          {t('journalWhenHelp')}
        </span>
        {errors.when && (
          <p id={id('when-error')} role="alert" class="case-field-error">
            {errors.when}
          </p>
        )}
        <fieldset class="case-precision">
          <legend>{t('journalPrecision')}</legend>
          {TIME_PRECISIONS.map((p) => (
            <label key={p} class="case-radio">
              <span>
                <input type="radio" name={id('precision')} value={p} checked={precision === p} onChange={() => setPrecision(p)} data-testid={`journal-precision-${p}`} /> {precisionLabel(p)}
              </span>
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('journalWhatLegend')}</legend>
        <label>
          {t('journalKind')}
          <select value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as JournalKind)} data-testid="journal-kind">
            {JOURNAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {journalKindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <span class="case-field">
          <label for={id('person')}>{t('journalPerson')}</label>
          <PersonSelect people={people} value={person} onChange={setPerson} id={id('person')} testid="journal-person" />
        </span>
        <label>
          {t('journalWhere')}
          <input type="text" value={where} onInput={(e) => setWhere((e.currentTarget as HTMLInputElement).value)} data-testid="journal-where" />
        </label>
        <label class="case-wide" for={id('text')}>
          {t('journalText')}
        </label>
        <textarea
          ref={textInput}
          id={id('text')}
          value={text}
          rows={5}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={Boolean(errors.text)}
          aria-describedby={errors.text ? id('text-error') : undefined}
          aria-required="true"
          data-testid="journal-text"
        />
        {errors.text && (
          <p id={id('text-error')} role="alert" class="case-field-error">
            {errors.text}
          </p>
        )}
        <label class="case-wide" for={id('effect')}>
          {t('journalEffect')}
        </label>
        <textarea id={id('effect')} value={effect} rows={3} onInput={(e) => setEffect((e.currentTarget as HTMLTextAreaElement).value)} data-testid="journal-effect" />
        <label>
          {t('journalWitnesses')}
          <input type="text" value={witnesses} onInput={(e) => setWitnesses((e.currentTarget as HTMLInputElement).value)} data-testid="journal-witnesses" />
        </label>
        <label>
          {t('journalReference')}
          <input type="text" value={reference} onInput={(e) => setReference((e.currentTarget as HTMLInputElement).value)} data-testid="journal-reference" />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('journalLinksLegend', links.length)}</legend>
        {links.length > 0 && (
          <ul class="case-links" aria-label={t('journalLinksChosen')}>
            {links.map((l) => {
              const s = byId.get(l);
              return (
                <li key={l}>
                  {s ? linkLabel(s) : l}{' '}
                  <button type="button" onClick={() => setLinks(links.filter((x) => x !== l))} aria-label={t('journalLinkRemove', s ? linkLabel(s) : l)}>
                    {t('journalRemove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <label>
          {t('journalLinksSearch')}
          <input type="search" value={linkQuery} onInput={(e) => setLinkQuery((e.currentTarget as HTMLInputElement).value)} data-testid="journal-link-search" />
        </label>
        {matches.length === 0 ? (
          <p class="muted">{t('journalLinksNone')}</p>
        ) : (
          <ul class="case-links" aria-label={t('journalLinksFound')}>
            {matches.map((s) => (
              <li key={s.id}>
                <label>
                  <input type="checkbox" checked={false} onChange={() => setLinks([...links, s.id])} data-testid="journal-link" data-record-id={s.id} />
                  <span>{linkLabel(s)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('journalFilesLegend')}</legend>
        <label>
          {t('journalFiles')}
          <input ref={fileInput} type="file" multiple data-testid="journal-files" />
        </label>
        <p class="muted">{t('journalFilesHelp')}</p>
        <FileStatusList statuses={files.statuses} label={t('journalFilesLegend')} />
      </fieldset>
      <div class="case-actions">
        <button type="submit" class="primary" disabled={saving} data-testid="journal-save">
          {editing ? t('journalSaveVersion') : t('journalSave')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('journalCancel')}
          </button>
        )}
      </div>
      <p aria-live="polite" data-testid="journal-status">
        {status}
      </p>
      {errors.save && (
        <p role="alert" class="status bad" data-testid="journal-error">
          {errors.save}
        </p>
      )}
    </form>
  );
}

/** One line for a record in the link picker: when, platform, who, and the start of what was said. */
export function linkLabel(s: CaseSummary): string {
  const who = [showName(s.displayName).text, showHandle(s.handle).text].filter(Boolean).join(' ');
  const text = showText(s.snippet ?? '').slice(0, 80);
  return [localTime(s.itemTime ?? s.capturedAt), platformLabel(s.platform), who, text].filter(Boolean).join(' · ');
}
