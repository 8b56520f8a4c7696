import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { EvidenceRecord } from '../../model/evidence';
import type { Vault, VerifyReport } from '../../vault/api';
import { ExportHost } from './ExportHost';
import { RecordList } from './RecordList';
import { RecordView } from './RecordView';

const PAGE = 50;

function routeId(): string | null {
  const m = /^#\/record\/([\w-]+)$/.exec(location.hash);
  return m?.[1] ?? null;
}

export function App({ vault }: { vault: Vault }) {
  const [records, setRecords] = useState<EvidenceRecord[] | null>(null);
  const [total, setTotal] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [selected, setSelected] = useState<string | null>(routeId());
  const [verify, setVerify] = useState<VerifyReport | 'running' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, count] = await Promise.all([vault.list({ limit: PAGE }), vault.count()]);
      setRecords(list);
      setTotal(count);
      setHasMore(list.length === PAGE);
    } catch (err) {
      setError(String(err));
    }
  }, [vault]);

  useEffect(() => {
    void load();
    const onHash = () => setSelected(routeId());
    addEventListener('hashchange', onHash);
    // Captures made in other tabs show up without a reload.
    const timer = setInterval(() => {
      void vault.count().then((n) => {
        if (n !== total) void load();
      });
    }, 2000);
    return () => {
      removeEventListener('hashchange', onHash);
      clearInterval(timer);
    };
  }, [load, vault, total]);

  const loadMore = async () => {
    if (!records?.length) return;
    const older = await vault.list({ limit: PAGE, beforeSeq: records[records.length - 1]!.seq });
    setRecords([...records, ...older]);
    setHasMore(older.length === PAGE);
  };

  const runVerify = async () => {
    setVerify('running');
    try {
      setVerify(await vault.verify());
    } catch (err) {
      setError(String(err));
      setVerify(null);
    }
  };

  const open = (id: string | null) => {
    location.hash = id ? `#/record/${id}` : '';
    setSelected(id);
  };

  return (
    <main>
      <h1>{t('vaultTitle')}</h1>
      <p class="muted">{t('privacyNote')}</p>
      <div class="toolbar" role="toolbar" aria-label={t('vaultTitle')}>
        <button type="button" data-testid="verify-vault" onClick={runVerify} disabled={verify === 'running'}>
          {t('vaultVerify')}
        </button>
        <ExportHost vault={vault} onImported={() => void load()} />
        <span class="muted" data-testid="record-count" data-count={total}>
          {t('vaultCount', total)}
        </span>
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
      {selected ? (
        <RecordView vault={vault} id={selected} onBack={() => open(null)} onDeleted={() => { open(null); void load(); }} />
      ) : records === null ? (
        <p class="muted">…</p>
      ) : records.length === 0 ? (
        <p data-testid="vault-empty">{t('vaultEmpty')}</p>
      ) : (
        <>
          <RecordList vault={vault} records={records} onOpen={open} />
          {hasMore && (
            <button type="button" onClick={loadMore}>
              {t('vaultLoadMore')}
            </button>
          )}
        </>
      )}
    </main>
  );
}
