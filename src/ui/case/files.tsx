/**
 * Adding files the person chose (to a journal entry or on their own): one at a time, each with its own line saying
 * waiting / adding / added / why it failed, in plain words. A file that fails never undoes the others or the entry.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { type Vault, VaultError } from '../../vault/api';
import { bytesLabel } from '../format';
import { shownName } from './labels';
import { toolInfo } from './tool';

export interface FileStatus {
  name: string;
  size: number;
  state: 'waiting' | 'adding' | 'added' | 'failed';
  error?: string;
  recordId?: string;
}

/** Plain words for why a file could not be added. */
export function fileError(err: unknown): string {
  if (err instanceof VaultError) {
    if (err.code === 'quota') return t('journalFileQuota');
    if (err.code === 'invalid') return t('journalFileInvalid', err.message);
    if (err.code === 'locked') return t('journalFileLocked');
  }
  return t('journalFileFailed', err instanceof Error ? err.message : String(err));
}

export function useFileAdder(vault: Vault) {
  const [statuses, setStatuses] = useState<FileStatus[]>([]);
  const run = async (files: readonly File[], entryId?: string): Promise<FileStatus[]> => {
    const list: FileStatus[] = files.map((f) => ({ name: f.name, size: f.size, state: 'waiting' }));
    const update = (i: number, patch: Partial<FileStatus>) => {
      list[i] = { ...list[i]!, ...patch };
      setStatuses([...list]);
    };
    setStatuses([...list]);
    const tool = await toolInfo();
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (file.size === 0) {
        update(i, { state: 'failed', error: t('journalFileEmpty') });
        continue;
      }
      update(i, { state: 'adding' });
      try {
        const record = await vault.addFile(file, tool, entryId ? { entryId } : undefined);
        update(i, { state: 'added', recordId: record.id });
      } catch (err) {
        update(i, { state: 'failed', error: fileError(err) });
      }
    }
    return list;
  };
  return { statuses, run, clear: () => setStatuses([]) };
}

export function FileStatusList({ statuses, label }: { statuses: readonly FileStatus[]; label: string }) {
  if (statuses.length === 0) return null;
  const done = statuses.filter((s) => s.state === 'added').length;
  return (
    <div class="case-files" data-testid="journal-file-status">
      <p aria-live="polite">{t('journalFilesProgress', done, statuses.length)}</p>
      <ul aria-label={label}>
        {statuses.map((s, i) => {
          const name = shownName(s.name, 60);
          return (
            <li key={i} data-state={s.state} data-testid="journal-file">
              <span title={name.cut ? name.full : undefined} class="case-file-name">
                {name.text || t('journalFileNoName')}
              </span>{' '}
              <span class="muted">({bytesLabel(s.size)})</span> —{' '}
              {s.state === 'failed' ? (
                <span role="alert" class="case-field-error">
                  {s.error}
                </span>
              ) : s.state === 'added' ? (
                <span>
                  {t('journalFileAdded')} {s.recordId && <a href={`#/record/${s.recordId}`}>{t('journalOpenRecord')}</a>}
                </span>
              ) : s.state === 'adding' ? (
                <span>
                  {t('journalFileAdding')} <progress aria-label={t('journalFileAdding')} />
                </span>
              ) : (
                <span class="muted">{t('journalFileWaiting')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
