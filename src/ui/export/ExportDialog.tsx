/**
 * The export dialog of the vault page: what to export (everything by default, one person's
 * accounts, a date range, or the selected records), an optional password, the exporter's name,
 * progress and plain errors. The bundle is built in this page (exportBundle) into a Blob that the
 * caller offers as a download.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ExportError, exportBundle } from '../../export/bundle';
import type { ExportScope, PersonAccount } from '../../export/format';
import { blobSink } from '../../export/sinks';
import type { EvidenceRecord } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { type AccountChoice, accountsIn, localDaysToUtc } from './accounts';
import { EXPORT_STYLE } from './style';

export interface ExportDialogProps {
  vault: Vault;
  toolVersion: string;
  t: (key: string, ...subs: string[]) => string;
  onDone(blob: Blob, filename: string): void;
  onCancel(): void;
  /** Records selected on the vault page, offered as a scope when present. */
  selectedIds?: string[];
}

type ScopeChoice = 'all' | 'person' | 'dates' | 'selected';

export function ExportDialog({ vault, toolVersion, t, onDone, onCancel, selectedIds }: ExportDialogProps) {
  const [choice, setChoice] = useState<ScopeChoice>('all');
  const [records, setRecords] = useState<EvidenceRecord[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [personLabel, setPersonLabel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = progress !== null;

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
  useEffect(() => () => abort.current?.abort(), []);

  const accounts: AccountChoice[] = useMemo(() => (records ? accountsIn(records) : []), [records]);

  const scope = (): ExportScope | string => {
    switch (choice) {
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
      const result = await exportBundle(
        vault,
        {
          scope: chosen,
          toolVersion,
          ...(password ? { password } : {}),
          ...(name.trim() ? { exporterName: name.trim() } : {}),
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
          <Radio name="scope" value="person" checked={choice === 'person'} onPick={() => setChoice('person')} label={t('exportScopePerson')} />
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
          <button type="button" class="primary" onClick={confirm} disabled={running} data-testid="export-confirm">
            {t('exportConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Radio(props: { name: string; value: string; checked: boolean; label: string; onPick(): void }) {
  return (
    <label class="hf-radio">
      <input type="radio" name={props.name} value={props.value} checked={props.checked} onChange={props.onPick} data-testid={`export-scope-${props.value}`} />{' '}
      {props.label}
    </label>
  );
}
