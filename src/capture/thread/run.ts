/**
 * One "capture whole conversation / post with all replies / profile with posts" click: open a session in the
 * background, run the engine with the progress panel, then ask the background to write ONE record. Every outcome ends
 * in a plain, translated message; a background that goes away ends the capture (nothing half-written: the record is
 * written only at finish; what the background staged meanwhile is discarded on abort, or kept as a partial record if
 * nobody finishes or aborts it).
 */
import { t } from '../../i18n/t';
import type { ExtractedContent } from '../../model/evidence';
import type { BackgroundMessages, CaptureBound, CaptureResult, MessageOf, ResponseOf, ThreadBoundReport } from '../../messaging/protocol';
import type { CaptureTarget, SiteAdapter, ThreadSupport } from '../../sites/types';
import { genericExtract } from '../generic';
import { itemHtml, localOffset } from '../content/snapshot';
import { type EngineOptions, ThreadEngine } from './engine';
import { countText, ThreadPanel, type ThreadKind } from './panel';
import { panelAccounts } from './pile-on-panel';

type Send = <K extends keyof BackgroundMessages>(message: MessageOf<BackgroundMessages, K>) => Promise<ResponseOf<BackgroundMessages, K>>;

export interface ThreadRunDeps {
  send: Send;
  setControlsVisible(visible: boolean): void;
  /** The plain message at the end (toast): text, kind, automation code. */
  announce(text: string, kind: 'ok' | 'error', code: string): void;
  options?: Partial<EngineOptions>;
  /** The range the person chose in the dialog; recorded in the record. Absent: everything, and no bound recorded. */
  bound?: CaptureBound;
}

/** Test/bench builds may tune the engine from the page URL (#holdfast-stall=ms, #holdfast-shots=0). */
export function optionsFromLocation(): Partial<EngineOptions> {
  const out: Partial<EngineOptions> = {};
  // Release builds ignore it: a page must not be able to switch the screenshot off or shorten the waits.
  if (!import.meta.env.HOLDFAST_TEST) return out;
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const stall = Number(hash.get('holdfast-stall'));
  if (stall > 0) out.stallMs = stall;
  if (hash.get('holdfast-shots') === '0') out.screenshots = false;
  return out;
}

export async function captureThread(adapter: SiteAdapter, support: ThreadSupport, target: CaptureTarget, deps: ThreadRunDeps): Promise<CaptureResult> {
  const ctx = () => ({ url: new URL(location.href), document });
  const container = support.container(target, ctx());
  if (!container) return { ok: false, code: 'invalid', message: t('threadNotWhole') };
  const kind = container.recordKind;
  let head: ExtractedContent;
  try {
    head = support.head(container, ctx());
  } catch (err) {
    head = genericExtract(container.head ?? container.element, container.recordKind, ctx().url, `The site adapter could not read the thread (${err instanceof Error ? err.message : String(err)}).`);
  }
  const routes = (() => {
    try {
      return adapter.reportRoutes({ ...head, kind: container.recordKind });
    } catch {
      return [];
    }
  })();
  const byAdapter = head.method === 'adapter' ? { adapter: adapter.id, adapterVersion: adapter.version } : {};
  // The head goes in first too, so a capture cut short can still be kept as a (partial) record.
  const begun = await deps.send({ type: 'thread:begin', kind: container.recordKind, pageUrl: location.href, pageTitle: document.title, localOffset: localOffset(), head, ...byAdapter, reportRoutes: routes });
  if (!begun.ok) {
    deps.announce(t('threadCouldNotStart', begun.message), 'error', `error:${begun.code}`);
    return begun;
  }
  const session = begun.session;
  let engine: ThreadEngine | null = null;
  // What was sent, for the pile-on list the panel shows once a post with its replies is saved (issue #14).
  const sent: ExtractedContent[] = [];
  const panel = new ThreadPanel(kind, () => engine?.stop(), deps.bound);
  panel.show();
  engine = new ThreadEngine(
    support,
    container,
    ctx,
    {
      async send(entries, shot) {
        const res = await deps.send({ type: 'thread:segment', session, entries, ...(shot ? { shot } : {}) });
        if (!res.ok) throw new Error(res.message);
        if (kind === 'post') for (const e of entries) sent.push(e.content);
        return { shot: res.shot, ...(res.message ? { message: res.message } : {}) };
      },
      onProgress: (p) => panel.update(p),
      setOwnUiVisible(visible) {
        deps.setControlsVisible(visible);
        panel.setVisible(visible);
      },
    },
    { ...optionsFromLocation(), ...deps.options, ...(deps.bound ? { bound: deps.bound } : {}) },
  );
  let result: CaptureResult;
  try {
    const collected = await engine.run();
    const finishMessage = {
      type: 'thread:finish' as const,
      session,
      head,
      order: collected.order,
      ...(collected.partial ? { partial: { reason: collected.partial.reason, message: collected.partial.message } } : {}),
      ...(deps.bound ? { bound: collected.bound } : {}),
      html: itemHtml(container.element),
      ...byAdapter,
      reportRoutes: routes,
      notes: collected.notes,
      stats: { elapsedMs: collected.stats.elapsedMs, loadWaitMs: collected.stats.loadWaitMs, scrolls: collected.stats.scrolls, clicks: collected.stats.clicks },
    };
    result = await deps.send(finishMessage);
    const report = (result: CaptureResult): void => {
      if (result.ok) {
        const end = savedEnd(kind, collected, result);
        panel.finish(end.state, end.text, end.state === 'partial' ? 12_000 : undefined);
        deps.announce(end.text, 'ok', end.code);
        // Only for a saved post with replies: the background opens the vault page for the record it just wrote.
        if (kind === 'post') {
          const recordId = result.recordId;
          panel.offerPileOn(panelAccounts(head, sent), (accounts) => deps.send({ type: 'pileon:open', recordId, accounts }));
        }
      } else if (keptForRetry(result)) {
        // Not saved (a full disk), but the background kept everything staged: say so, and Retry sends the same finish.
        const text = t('threadNotSavedKept', result.message);
        panel.offerRetry(text, () => {
          void deps
            .send(finishMessage)
            .catch((err: unknown): CaptureResult => ({ ok: false, code: 'interrupted', message: err instanceof Error ? err.message : String(err) }))
            .then(report);
        });
        deps.announce(text, 'error', `error:${result.code}:kept`);
      } else {
        panel.finish('error', t('threadNotSaved', result.message), 12_000);
        deps.announce(t('threadNotSaved', result.message), 'error', `error:${result.code}`);
      }
    };
    report(result);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void deps.send({ type: 'thread:abort', session }).catch(() => undefined);
    panel.finish('error', t('threadNotSaved', message), 12_000);
    deps.announce(t('threadNotSaved', message), 'error', 'error:interrupted');
    return { ok: false, code: 'interrupted', message };
  }
}

/**
 * A final save that failed while the background kept the whole capture staged for a retry (thread-service.ts keeps
 * the session on any failed save); 'invalid' and 'interrupted' mean there is nothing left to retry.
 */
export function keptForRetry(result: CaptureResult): boolean {
  return !result.ok && (result.code === 'quota' || result.code === 'unknown');
}

/**
 * How a saved whole-thread capture ends: partial or complete, in the person's words, and the automation code. Written
 * while the vault was locked (issue #12: sealed for the next unlock), the words start with "Saved (vault locked)."
 */
export function savedEnd(
  kind: ThreadKind,
  collected: { partial?: { reason: string; message: string; end?: 'older' | 'newer' }; bound: ThreadBoundReport; count: number; oldest?: string; newest?: string },
  result: Extract<CaptureResult, { ok: true }>,
): { state: 'ok' | 'partial'; text: string; code: string } {
  const locked = result.locked ? `${t('toastSavedLocked')} ` : '';
  // Exact screenshots not enabled: the picture was redrawn from the page, and the person is told so (issue #14).
  const redrawn = result.screenshot === 'dom-render' ? ` ${t('picsThreadRedrawn')}` : '';
  if (collected.partial) {
    const p = collected.partial;
    const reason = p.reason === 'stopped' ? t('threadPartialStopped') : p.reason === 'stalled' ? stalledText(p.end, collected) : t('threadPartialError', p.message);
    return { state: 'partial', text: locked + t('threadSavedPartial', countText(kind, collected.count), result.seq, reason) + redrawn, code: result.locked ? 'ok:partial:locked' : 'ok:partial' };
  }
  return { state: 'ok', text: locked + savedText(kind, collected.bound, collected.count, result.seq) + redrawn, code: result.locked ? 'ok:locked' : 'ok' };
}

/** Why a capture ended short because of the site, with how far it got: "stopped loading older ones on <date>". */
export function stalledText(end: 'older' | 'newer' | undefined, got: { oldest?: string; newest?: string }): string {
  if (end === 'newer' && got.newest) return t('threadPartialStalledNewer', got.newest.slice(0, 10));
  if (got.oldest) return t('threadPartialStalledOlder', got.oldest.slice(0, 10));
  return t('threadPartialStalled');
}

/** The toast for a capture that ended as planned: what it covers, in the person's language. */
function savedText(kind: ThreadKind, bound: ThreadBoundReport, count: number, seq: number): string {
  const n = count.toLocaleString();
  if (kind === 'post') return t('threadSavedPost', n, seq);
  if (bound.reached && bound.kind === 'since') return kind === 'profile' ? t('threadSavedProfileSince', n, bound.date, seq) : t('threadSavedDmSince', bound.date, n, seq);
  if (bound.reached && bound.kind === 'latest' && kind === 'profile') return t('threadSavedProfileLatest', bound.count.toLocaleString(), seq);
  return kind === 'profile' ? t('threadSavedProfile', n, seq) : t('threadSavedDm', n, seq);
}
