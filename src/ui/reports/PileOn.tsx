/**
 * `#/reports/pile-on/<recordId>` (issue #14): the accounts that replied to a captured post, most replies first. The
 * person ticks the ones to report; Holdfast walks them through one at a time: the account and its replies, the
 * platform's page opened in a new tab when they ask, then "Mark reported" (a report entry, origin 'pile-on') or
 * "Skip", and the next. Nothing is opened or sent on its own.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, tMaybe } from '../../i18n/t';
import { showName, showText } from '../../model/display';
import type { EvidenceRecord, ExtractedContent } from '../../model/evidence';
import { isPileOnRecord, type PileOnAccount, pileOnAccounts, transcriptReplies } from '../../reporting/pile-on';
import { routesForAccount } from '../../reporting/routes';
import { routeTableFor } from '../../sites/routes';
import type { Vault } from '../../vault/api';
import { localTime } from '../case/labels';
import { safeHref } from '../format';
import type { CaseData } from '../vault/useCaseData';
import { errText, reportPlatformLabel } from './labels';

/** The replies of a post captured with them: its content.messages, else its JSON transcript. */
export async function loadReplies(vault: Vault, record: EvidenceRecord): Promise<ExtractedContent[]> {
  if (record.content.messages?.length) return record.content.messages;
  const art = record.artifacts.find((a) => a.role === 'transcript' && a.mediaType === 'application/json');
  if (!art) return [];
  const reader = await vault.readArtifact(art.id);
  if (!reader) return [];
  return transcriptReplies(await new Response(reader.stream()).text());
}

interface RouteChoice {
  id: string;
  label: string;
  url: string;
  steps?: string;
  note?: string;
}

/**
 * Where to report an account, from the site's route table (src/sites/<site>/routes.ts through routesForAccount): its
 * profile's in-app steps at its profile, then the platform's help forms that take accounts. A platform without a table
 * gets the account's profile only (its own report menu is there). The record's stored routes are never offered: they
 * were chosen for the post and its author, the person who was piled on.
 */
export function accountRoutes(account: PileOnAccount, record: Pick<EvidenceRecord, 'platform'>): RouteChoice[] {
  const table = routeTableFor(record.platform);
  const out: RouteChoice[] = [];
  if (table) {
    // In the person's language (English where a text has no translation); the entry logged keeps these words.
    for (const r of routesForAccount(table, { ...(account.handle ? { handle: account.handle } : {}), ...(account.profileUrl ? { profileUrl: account.profileUrl } : {}) }, undefined, tMaybe)) {
      const url = safeHref(r.url);
      if (url?.startsWith('https:') && !out.some((o) => o.url === url)) out.push({ id: r.id, label: r.label, url, ...(r.steps ? { steps: r.steps } : {}), ...(r.note ? { note: r.note } : {}) });
    }
    return out;
  }
  const profile = safeHref(account.profileUrl);
  if (profile?.startsWith('https:')) out.push({ id: 'profile', label: t('repuPileProfile'), url: profile });
  return out;
}

const nameOf = (a: PileOnAccount) => (a.handle ? `@${a.handle}` : (a.displayName ?? a.accountId ?? a.id));

export function PileOn({ vault, data, recordId, preticked = [] }: { vault: Vault; data: CaseData; recordId: string; preticked?: readonly string[] }) {
  const [record, setRecord] = useState<EvidenceRecord | null | undefined>(undefined);
  const [accounts, setAccounts] = useState<PileOnAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [walk, setWalk] = useState<{ list: PileOnAccount[]; at: number; reported: number; skipped: number } | null>(null);
  const [opened, setOpened] = useState<RouteChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [stepError, setStepError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  // The person's own accounts, where a capture marked them (a conversation they wrote in).
  const self = useMemo(() => [...new Set((data.summaries ?? []).flatMap((s) => (s.accounts ?? []).filter((a) => a.self).flatMap((a) => a.keys)))], [data.summaries]);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const r = await vault.get(recordId);
        if (!live) return;
        setRecord(r ?? null);
        if (!r || !isPileOnRecord(r)) return;
        const replies = await loadReplies(vault, r);
        if (!live) return;
        const list = pileOnAccounts(r, replies, { self });
        setAccounts(list);
        // Accounts ticked in the capture's panel (plain ids from the link: only those that match an account here count).
        if (preticked.length) setTicked(new Set(list.filter((a) => a.keys.some((k) => preticked.includes(k)) || preticked.includes(a.id)).map((a) => a.id)));
      } catch (err) {
        if (live) {
          setRecord((x) => x ?? null);
          setError(errText(err));
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [vault, recordId, self.join(' ')]);

  useEffect(() => {
    stepHeading.current?.focus();
  }, [walk?.at]);

  if (record === undefined) return <p class="muted">…</p>;
  if (error)
    return (
      <p class="status bad" role="alert">
        {t('repuPileError', error)}
      </p>
    );
  if (record === null) return <p>{t('repuPileNoRecord')}</p>;
  if (!isPileOnRecord(record)) return <p data-testid="pileon-not-post">{t('repuPileNotPost')}</p>;
  if (!accounts) return <p class="muted">…</p>;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };

  if (walk) {
    const current = walk.list[walk.at];
    if (!current)
      return (
        <section data-testid="pileon-done" aria-labelledby="pileon-done-title">
          <h3 id="pileon-done-title" tabIndex={-1} ref={stepHeading}>
            {t('repuPileDone')}
          </h3>
          <p role="status">{t('repuPileDoneCounts', walk.reported, walk.skipped)}</p>
          <p>
            <a href="#/reports">{t('repuPileSeeReports')}</a>
          </p>
        </section>
      );
    const routes = accountRoutes(current, record);
    const links = current.replies.map((r) => r.permalink).filter((p): p is string => !!p);
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(links.join('\n'));
        setCopied(true);
      } catch {
        setStepError(t('repuPileCopyFailed'));
      }
    };
    const next = (reported: boolean) => {
      setCopied(false);
      setOpened(null);
      setStepError(null);
      setWalk({ ...walk, at: walk.at + 1, reported: walk.reported + (reported ? 1 : 0), skipped: walk.skipped + (reported ? 0 : 1) });
    };
    const mark = async () => {
      setBusy(true);
      setStepError(null);
      const route = opened ?? routes[0];
      try {
        await vault.addReport({
          platform: record.platform === 'web' || record.platform === 'added' ? 'other' : record.platform,
          origin: 'pile-on',
          reportedAt: new Date().toISOString(),
          recordIds: [record.id],
          permalinks: links,
          ...(current.keys[0] ? { account: current.keys.find((k) => k.includes(':@')) ?? current.keys[0] } : {}),
          ...(route ? { routeId: route.id, routeUrl: route.url, routeLabel: route.label } : {}),
        });
        next(true);
      } catch (err) {
        setStepError(t('repuSaveFailed', errText(err)));
      } finally {
        setBusy(false);
      }
    };
    return (
      <section data-testid="pileon-step" data-account={current.id} aria-labelledby="pileon-step-title">
        <p class="muted" data-testid="pileon-progress" data-at={walk.at + 1} data-total={walk.list.length}>
          {t('repuPileProgress', walk.at + 1, walk.list.length)}
        </p>
        <h3 id="pileon-step-title" tabIndex={-1} ref={stepHeading}>
          {showName(nameOf(current), { kind: current.handle ? 'handle' : 'name' }).text}
        </h3>
        {current.displayName && current.handle && <p>{showName(current.displayName).text}</p>}
        <p>{t('repuPileReplies', current.count)}</p>
        <ul class="repu-replies">
          {current.replies.slice(0, 20).map((r, i) => (
            <li key={`${i}-${r.permalink ?? ''}`}>
              {r.itemTime && <span class="muted">{localTime(r.itemTime)} · </span>}
              <span class="note-text">{showText(r.text ?? '') || '—'}</span>
            </li>
          ))}
        </ul>
        {routes.length === 0 ? (
          <p class="muted">{t('repuPileNoRoute')}</p>
        ) : (
          <>
            <p>{t('repuPileOpenExplain')}</p>
            {links.length > 0 && (
              <p>
                <button type="button" onClick={() => void copy()} data-testid="pileon-copy">
                  {copied ? t('repuPileCopied', links.length) : t('repuPileCopy', links.length)}
                </button>
              </p>
            )}
            <p class="muted">{t('repuPileFormHint', showName(nameOf(current), { kind: current.handle ? 'handle' : 'name' }).text)}</p>
            <ul class="plain">
              {routes.map((r) => (
                <li key={r.id}>
                  <a href={r.url} target="_blank" rel="noopener noreferrer" data-testid="pileon-route" data-route-id={r.id} onClick={() => setOpened(r)}>
                    {showText(r.label)}
                  </a>
                  {r.note && <span class="muted"> ({showText(r.note)})</span>}
                  {r.steps && <p class="muted repu-route-steps">{showText(r.steps)}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
        <div class="case-actions">
          <button type="button" onClick={() => void mark()} disabled={busy} data-testid="pileon-reported">
            {t('repuPileMark')}
          </button>
          <button type="button" onClick={() => next(false)} disabled={busy} data-testid="pileon-skip">
            {t('repuPileSkip')}
          </button>
        </div>
        {stepError && (
          <p class="status bad" role="alert">
            {stepError}
          </p>
        )}
      </section>
    );
  }

  return (
    <section data-testid="pileon" aria-labelledby="pileon-title">
      <h3 id="pileon-title">{t('repuPileTitle', reportPlatformLabel(record.platform === 'web' || record.platform === 'added' ? 'other' : record.platform))}</h3>
      <p>
        <a href={`#/record/${encodeURIComponent(record.id)}`}>{t('repuPileRecord', record.seq)}</a>
      </p>
      {accounts.length === 0 ? (
        <p data-testid="pileon-empty">{t('repuPileNone')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const list = accounts.filter((a) => ticked.has(a.id));
            if (list.length) setWalk({ list, at: 0, reported: 0, skipped: 0 });
          }}
        >
          <fieldset>
            <legend>{t('repuPileChoose', accounts.length)}</legend>
            <ul class="plain repu-accounts">
              {accounts.map((a) => (
                <li key={a.id} data-testid="pileon-account" data-account={a.id} data-count={a.count}>
                  <label class="repu-check">
                    <input type="checkbox" checked={ticked.has(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />
                    {t('repuPileAccount', showName(nameOf(a), { kind: a.handle ? 'handle' : 'name' }).text, a.count)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="case-actions">
            <button type="button" onClick={() => setTicked(new Set(accounts.map((a) => a.id)))}>
              {t('repuPileTickAll')}
            </button>
            <button type="submit" disabled={ticked.size === 0} data-testid="pileon-start">
              {t('repuPileStart', ticked.size)}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
