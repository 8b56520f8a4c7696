/**
 * The export dialog of the vault page: what to export (everything by default, one person from People — all their
 * accounts, journal entries naming them and the files added to those entries —, some accounts picked one by one, a
 * date range, or the selected records), the language of the report, an optional password, the exporter's name,
 * progress and plain errors. The bundle is built in this page (exportBundle) into a Blob that the caller offers as a
 * download. Pictures are reduced for the reports here (OffscreenCanvas), so report.html stays small.
 * Format (issue #15): the Holdfast bundle (zip, the default) or a WACZ web archive (exportWacz) for web-archive tools;
 * a WACZ cannot be password-encrypted (replay tools could not open it), so a password and WACZ together are refused
 * with that explanation rather than the password being dropped.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ExportError, exportBundle } from '../../export/bundle';
import { type ExportScope, type PersonAccount, REPORT_LANGUAGES, type ReportLanguage } from '../../export/format';
import type { Person } from '../../model/case';
import { blobSink } from '../../export/sinks';
import { exportWacz } from '../../export/wacz/writer';
import type { EvidenceRecord } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { type AccountChoice, accountsIn, localDaysToUtc } from './accounts';
import { downscalePicture } from './downscale';
import { EXPORT_STYLE } from './style';

export interface ExportDialogProps {
  vault: Vault;
  toolVersion: string;
  t: (key: string, ...subs: string[]) => string;
  onDone(blob: Blob, filename: string): void;
  onCancel(): void;
  /** Records selected on the vault page, offered as a scope when present. */
  selectedIds?: string[];
  /**
   * The scope chosen when the dialog opens (the records view passes `{ type: 'records', ids }` for "Export selected"
   * and "Export this record"; a person's page may pass `{ type: 'person', personId, accounts: [] }`).
   */
  initialScope?: ExportScope;
  /** The browser's UI language ("es-EC"…): the report's language starts as Spanish for Spanish, else English. */
  uiLanguage?: string;
}

type ScopeChoice = 'all' | 'people' | 'person' | 'dates' | 'selected';
/** What the export writes: the Holdfast bundle (ZIP) or a WACZ web archive. */
export type ExportFormat = 'zip' | 'wacz';

/** The report language to start with: Spanish when the browser speaks Spanish, else English. */
export function defaultReportLanguage(uiLanguage: string | undefined): ReportLanguage {
  return (uiLanguage ?? '').toLowerCase().startsWith('es') ? 'es' : 'en';
}

function initialChoice(scope: ExportScope | undefined): ScopeChoice {
  switch (scope?.type) {
    case 'records':
      return 'selected';
    case 'person':
      return scope.personId !== undefined ? 'people' : 'all';
    case 'dateRange':
      return 'dates';
    default:
      return 'all';
  }
}

export function ExportDialog({ vault, toolVersion, t, onDone, onCancel, selectedIds: selectedProp, initialScope, uiLanguage }: ExportDialogProps) {
  const selectedIds = initialScope?.type === 'records' ? initialScope.ids : selectedProp;
  const [choice, setChoice] = useState<ScopeChoice>(initialChoice(initialScope));
  const [people, setPeople] = useState<Person[] | null>(null);
  const [personId, setPersonId] = useState(initialScope?.type === 'person' ? (initialScope.personId ?? '') : '');
  const [language, setLanguage] = useState<ReportLanguage>(
    defaultReportLanguage(uiLanguage ?? (typeof navigator === 'undefined' ? undefined : navigator.language)),
  );
  const [records, setRecords] = useState<EvidenceRecord[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [personLabel, setPersonLabel] = useState('');
  const [from, setFrom] = useState(initialScope?.type === 'dateRange' && initialScope.from ? localDay(initialScope.from) : '');
  const [to, setTo] = useState(initialScope?.type === 'dateRange' && initialScope.to ? localDay(initialScope.to, true) : '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<ExportFormat>('zip');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = progress !== null;
  /** WACZ files cannot be encrypted: with a password typed, the combination is refused (never silently unencrypted). */
  const waczWithPassword = format === 'wacz' && password !== '';

  useEffect(() => {
    if (choice !== 'person' || records !== null) return;
    let live = true;
    vault.list().then(
      (list) => live && setRecords(list),
      (err: unknown) => live && setError(String(err)),
    );
    return () => {
      live = false;
    };
  }, [choice, records, vault]);
  useEffect(() => {
    if (choice !== 'people' || people !== null) return;
    let live = true;
    vault.people().then(
      (list) => {
        if (!live) return;
        setPeople(list);
        if (!personId && list[0]) setPersonId(list[0].id);
      },
      // No people can be read (none yet, or an older vault): the list says so; accounts one by one still work.
      () => live && setPeople([]),
    );
    return () => {
      live = false;
    };
  }, [choice, people, personId, vault]);
  useEffect(() => () => abort.current?.abort(), []);

  const accounts: AccountChoice[] = useMemo(() => (records ? accountsIn(records) : []), [records]);

  const scope = (): ExportScope | string => {
    switch (choice) {
      case 'people': {
        const person = people?.find((p) => p.id === personId);
        if (!person) return t('exportCaseNeedPerson');
        const keys = [...new Set(person.identifiers.flatMap((i) => i.account?.keys ?? []))];
        return { type: 'person', personId: person.id, label: person.name.slice(0, 200), keys, accounts: [] };
      }
      case 'person': {
        const chosen: PersonAccount[] = accounts.filter((a) => picked.has(a.key)).map((a) => a.account);
        if (!chosen.length) return t('exportNeedAccount');
        return { type: 'person', accounts: chosen, ...(personLabel.trim() && { label: personLabel.trim().slice(0, 200) }) };
      }
      case 'dates': {
        if (!from && !to) return t('exportNeedDates');
        return { type: 'dateRange', ...localDaysToUtc(from, to) };
      }
      case 'selected':
        return { type: 'records', ids: selectedIds ?? [] };
      default:
        return { type: 'all' };
    }
  };

  const confirm = async () => {
    setError(null);
    if (waczWithPassword) {
      setError(t('waczNoPassword'));
      return;
    }
    if (password !== repeat) {
      setError(t('exportPasswordMismatch'));
      return;
    }
    const chosen = scope();
    if (typeof chosen === 'string') {
      setError(chosen);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    const sink = blobSink();
    setProgress({ done: 0, total: 1 });
    try {
      if (format === 'wacz') {
        const wacz = await exportWacz(
          vault,
          { scope: chosen, toolVersion, signal: controller.signal, onProgress: (done, total) => setProgress({ done, total }) },
          sink.writable,
        );
        setProgress(null);
        onDone(sink.blob(), wacz.filename);
        return;
      }
      const result = await exportBundle(
        vault,
        {
          scope: chosen,
          toolVersion,
          ...(password ? { password } : {}),
          ...(name.trim() ? { exporterName: name.trim() } : {}),
          language,
          downscale: downscalePicture,
          signal: controller.signal,
          onProgress: (done, total) => setProgress({ done, total }),
        },
        sink.writable,
      );
      setProgress(null);
      onDone(sink.blob(), result.filename);
    } catch (err) {
      setProgress(null);
      if (err instanceof ExportError && err.code === 'aborted') return;
      setError(t('exportFailed', err instanceof Error ? err.message : String(err)));
    } finally {
      abort.current = null;
    }
  };

  const cancel = () => {
    if (abort.current) abort.current.abort();
    else onCancel();
  };

  const percent = progress ? String(Math.floor((100 * progress.done) / Math.max(progress.total, 1))) : '0';
  return (
    <div class="hf-backdrop">
      <style>{EXPORT_STYLE}</style>
      <div class="hf-dialog" role="dialog" aria-modal="true" aria-labelledby="hf-export-title" data-testid="export-dialog">
        <h2 id="hf-export-title">{t('exportTitle')}</h2>
        <p class="muted">{t('exportIntro')}</p>
        <fieldset disabled={running}>
          <legend>{t('exportScope')}</legend>
          <Radio name="scope" value="all" checked={choice === 'all'} onPick={() => setChoice('all')} label={t('exportScopeAll')} />
          <Radio name="scope" value="people" checked={choice === 'people'} onPick={() => setChoice('people')} label={t('exportCaseScopePerson')} />
          {choice === 'people' && (
            <div class="hf-sub" data-testid="export-people">
              {people === null ? (
                <p class="muted">{t('exportLoading')}</p>
              ) : people.length === 0 ? (
                <p class="muted">{t('exportCasePersonNone')}</p>
              ) : (
                <label>
                  {t('exportCasePersonPick')}
                  <select value={personId} onChange={(e) => setPersonId(e.currentTarget.value)} data-testid="export-person-pick">
                    {people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          )}
          <Radio name="scope" value="person" checked={choice === 'person'} onPick={() => setChoice('person')} label={t('exportCaseScopeAccounts')} />
          {choice === 'person' && (
            <div class="hf-sub" data-testid="export-person">
              <label>
                {t('exportPersonLabel')}
                <input type="text" maxLength={200} value={personLabel} onInput={(e) => setPersonLabel(e.currentTarget.value)} />
              </label>
              <p>{t('exportPersonAccounts')}</p>
              {records === null ? (
                <p class="muted">{t('exportLoading')}</p>
              ) : accounts.length === 0 ? (
                <p class="muted">{t('exportPersonNone')}</p>
              ) : (
                <ul class="hf-accounts">
                  {accounts.map((a) => (
                    <li key={a.key}>
                      <label>
                        <input
                          type="checkbox"
                          data-account={a.key}
                          checked={picked.has(a.key)}
                          onChange={(e) => {
                            const next = new Set(picked);
                            if (e.currentTarget.checked) next.add(a.key);
                            else next.delete(a.key);
                            setPicked(next);
                          }}
                        />{' '}
                        {a.platform} {a.handle ? `@${a.handle}` : ''} {a.names.length ? `(${a.names.join(', ')})` : ''}{' '}
                        {a.accountId ? <span class="muted">id {a.accountId}</span> : null}{' '}
                        <span class="muted">{t('exportAccountCaptures', String(a.captures))}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <Radio name="scope" value="dates" checked={choice === 'dates'} onPick={() => setChoice('dates')} label={t('exportScopeDates')} />
          {choice === 'dates' && (
            <div class="hf-sub hf-row" data-testid="export-dates">
              <label>
                {t('exportFrom')}
                <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
              </label>
              <label>
                {t('exportTo')}
                <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
              </label>
            </div>
          )}
          {selectedIds && selectedIds.length > 0 && (
            <Radio
              name="scope"
              value="selected"
              checked={choice === 'selected'}
              onPick={() => setChoice('selected')}
              label={t('exportScopeSelected', String(selectedIds.length))}
            />
          )}
        </fieldset>
        <fieldset disabled={running}>
          <label>
            {t('waczFormat')}
            <select value={format} onChange={(e) => setFormat(e.currentTarget.value === 'wacz' ? 'wacz' : 'zip')} data-testid="export-format">
              <option value="zip">{t('waczFormatZip')}</option>
              <option value="wacz">{t('waczFormatWacz')}</option>
            </select>
          </label>
          <p class="muted hf-small">{format === 'wacz' ? t('waczFormatWaczHelp') : t('waczFormatZipHelp')}</p>
          <label>
            {t('exportCaseLanguage')}
            <select value={language} onChange={(e) => setLanguage(e.currentTarget.value as ReportLanguage)} data-testid="export-language">
              {REPORT_LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {l === 'es' ? 'Español' : 'English'}
                </option>
              ))}
            </select>
          </label>
          <p class="muted hf-small">{t('exportCaseLanguageHelp')}</p>
          <label>
            {t('exportName')}
            <input type="text" maxLength={200} autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="export-name" />
          </label>
          <label>
            {t('exportPassword')}
            <input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-testid="export-password" />
          </label>
          {password !== '' && (
            <label>
              {t('exportPasswordRepeat')}
              <input type="password" autoComplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} data-testid="export-password-repeat" />
            </label>
          )}
          <p class="muted hf-small">{t('exportPasswordHelp')}</p>
          {waczWithPassword && (
            <p class="status bad" role="status" data-testid="export-wacz-password">
              {t('waczNoPassword')}
            </p>
          )}
        </fieldset>
        <div aria-live="polite">
          {progress && (
            <p data-testid="export-progress">
              <progress max={progress.total} value={progress.done} /> {t('exportProgress', percent)}
            </p>
          )}
          {error && (
            <p class="status bad" role="alert" data-testid="export-error">
              {error}
            </p>
          )}
        </div>
        <div class="hf-actions">
          <button type="button" onClick={cancel} data-testid="export-cancel">
            {running ? t('exportStop') : t('exportCancel')}
          </button>
          <button type="button" class="primary" onClick={confirm} disabled={running || waczWithPassword} data-testid="export-confirm">
            {t('exportConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A UTC instant as the local calendar day ("YYYY-MM-DD"); `end` = the day before (scopes end exclusive). */
function localDay(iso: string, end = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (end) d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function Radio(props: { name: string; value: string; checked: boolean; label: string; onPick(): void }) {
  return (
    <label class="hf-radio">
      <input type="radio" name={props.name} value={props.value} checked={props.checked} onChange={props.onPick} data-testid={`export-scope-${props.value}`} />{' '}
      {props.label}
    </label>
  );
}
