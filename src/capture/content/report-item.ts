/**
 * Issue #14, the page side of "capture, then report": the small chooser asking what the item is about, the copy of
 * the item's link to the clipboard (inside the person's click), and the order of the flow — capture (unless this view
 * already saved the item), wait for the stored record, and only then ask the background to open the report route.
 *
 * The chooser is modal like the whole-thread dialog (src/capture/thread/dialog.ts): closed shadow roots, events kept
 * from the site, focus starts on the first option, arrow keys and Tab move between options, Enter or Space picks one,
 * Escape cancels, and focus goes back to the control that opened it. For automation each option is its own host
 * `[data-testid="holdfast-report-abuse"][data-abuse]` (click its centre), the cancel button
 * `[data-testid="holdfast-report-cancel"]`, the dialog `[data-testid="holdfast-report-chooser"]` with `data-state`.
 */
import { t } from '../../i18n/t';
import type { CaptureResult, ReportOpenRequest, ReportOpenResult } from '../../messaging/protocol';
import type { AbuseKind } from '../../model/report';
import type { AbuseChoice } from '../../reporting/routes';
import { createModal } from './modal';
import { ownShadowMode } from './shadow-mode';

const DIALOG_CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; background: rgba(15,20,25,.45); z-index: 2147483003; display: grid; place-items: center; }
.box { box-sizing: border-box; width: min(420px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; background: #fff; color: #0f1419;
  border-radius: 12px; padding: 18px 20px; font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 8px 32px rgba(0,0,0,.35); }
h2 { font-size: 17px; margin: 0 0 6px; }
p { margin: 0 0 12px; color: #404a54; font-size: 13px; }
.list { display: flex; flex-direction: column; gap: 6px; }
.buttons { display: flex; justify-content: flex-end; margin-top: 14px; }
textarea { position: fixed; top: 0; left: 0; width: 1px; height: 1px; opacity: 0; }
`;
const PART_CSS = `
:host { all: initial; display: block; font: 15px/1.45 system-ui, sans-serif; }
button { all: unset; box-sizing: border-box; display: block; width: 100%; cursor: pointer; padding: 9px 14px; border-radius: 8px;
  font: 14px/1.3 system-ui, sans-serif; background: #eff3f4; color: #0f1419; }
button.cancel { width: auto; border-radius: 999px; font-weight: 600; }
button:hover { background: #dde3e6; }
button:focus-visible { outline: 3px solid #14202e; outline-offset: 2px; box-shadow: 0 0 0 8px #ffbf47; }
`;

/** The options, in the order shown; the last is intimate images of a minor (Take It Down). */
const OPTIONS: { abuse: AbuseKind; minor?: true; key: Parameters<typeof t>[0] }[] = [
  { abuse: 'harassment', key: 'repfAbuse_harassment' },
  { abuse: 'threats', key: 'repfAbuse_threats' },
  { abuse: 'impersonation', key: 'repfAbuse_impersonation' },
  { abuse: 'private-information', key: 'repfAbuse_private_information' },
  { abuse: 'intimate-images', key: 'repfAbuse_intimate_images' },
  { abuse: 'intimate-images', minor: true, key: 'repfAbuse_minor' },
];


export interface ChooserOptions {
  returnFocus?: HTMLElement | null;
  /** Runs inside the click (or key press) that picks an option, while the person's activation lasts. */
  onPick?(choice: AbuseChoice): void;
}

/** Asks the kind of abuse; resolves with it, or null when the person cancels. */
export function chooseAbuse(opts: ChooserOptions = {}): Promise<AbuseChoice | null> {
  return new Promise((resolve) => {
    const modal = createModal({
      tag: 'holdfast-report-chooser',
      title: t('repfChooserTitle'),
      note: t('repfChooserNote'),
      css: DIALOG_CSS,
      body: (slot, titleId) => {
        const list = document.createElement('div');
        list.className = 'list';
        list.setAttribute('role', 'group');
        list.setAttribute('aria-labelledby', titleId);
        list.append(slot('options'));
        const buttons = document.createElement('div');
        buttons.className = 'buttons';
        buttons.append(slot('cancel'));
        return [list, buttons];
      },
      order: () => order,
      focusHome: () => optionHosts[0],
      onEscape: () => close(null),
      // Arrow keys, Home and End move between the options and Cancel.
      onKey: (e, at, list) => {
        const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : null;
        if (to === null) return;
        e.preventDefault();
        list[(to + list.length) % list.length]?.focus();
      },
      returnFocus: opts.returnFocus ?? null,
    });

    const part = (testid: string, slot: string, text: string, cls: string, onClick: () => void): HTMLElement => {
      const p = document.createElement(`holdfast-${testid.replace('holdfast-', '')}`);
      p.setAttribute('data-testid', testid);
      p.slot = slot;
      const r = p.attachShadow({ mode: ownShadowMode(), delegatesFocus: true });
      const s = document.createElement('style');
      s.textContent = PART_CSS;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return; // a page's script cannot pick for the person
        e.preventDefault();
        onClick();
      });
      r.append(s, b);
      return p;
    };
    const optionHosts = OPTIONS.map((o) => {
      const p = part('holdfast-report-abuse', 'options', t(o.key), '', () => pick({ abuse: o.abuse, ...(o.minor ? { minor: true } : {}) }));
      p.setAttribute('data-abuse', o.minor ? 'intimate-images-minor' : o.abuse);
      return p;
    });
    const cancel = part('holdfast-report-cancel', 'cancel', t('repfCancel'), 'cancel', () => close(null));
    const order = [...optionHosts, cancel];

    function pick(choice: AbuseChoice): void {
      if (modal.closed) return;
      try {
        opts.onPick?.(choice);
      } finally {
        close(choice);
      }
    }
    function close(result: AbuseChoice | null): void {
      if (modal.close(result ? 'picked' : 'cancelled')) resolve(result);
    }
    modal.open(order, optionHosts[0]);
  });
}

/**
 * Copies `text` to the clipboard. Call it synchronously inside the person's click: the async Clipboard API first,
 * else a hidden textarea inside a closed shadow root and execCommand('copy'). Resolves whether it was copied.
 */
export function copyText(text: string): Promise<boolean> {
  const fallback = (): boolean => {
    const host = document.createElement('holdfast-report-copy');
    host.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;overflow:hidden;opacity:0;';
    const root = host.attachShadow({ mode: 'closed' });
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('aria-hidden', 'true');
    area.tabIndex = -1;
    root.append(area);
    const before = document.activeElement as HTMLElement | null;
    (document.body ?? document.documentElement).append(host);
    try {
      area.focus();
      area.select();
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      host.remove();
      try {
        before?.focus();
      } catch {
        /* nothing to give focus back to */
      }
    }
  };
  try {
    if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text).then(() => true, () => fallback());
  } catch {
    /* fall through */
  }
  return Promise.resolve(fallback());
}

export interface ReportFlowDeps {
  /** Captures the item (the same path as the capture control: toast, busy state). */
  capture(): Promise<CaptureResult>;
  /** The record id this view already stored for the item, if any. */
  storedId(): string | undefined;
  remember(recordId: string): void;
  open(req: ReportOpenRequest): Promise<ReportOpenResult>;
  toast(text: string, kind: 'info' | 'ok' | 'error', code: string, ms?: number): void;
}

export interface ReportFlowInput {
  choice: AbuseChoice | null;
  permalink: string | undefined;
  /** The clipboard write started in the person's click. */
  copied: Promise<boolean>;
  origin: ReportOpenRequest['origin'];
  /** Discreet mode (issue #12): no record numbers in the page. */
  discreet?: boolean;
  /** Plain-words reason for a failed capture (the capture toast's own wording). */
  reasonOf(result: Extract<CaptureResult, { ok: false }>): string;
}

/** What the flow did, for tests and the toast's code. */
export type ReportFlowOutcome = 'capture-failed' | 'route-failed' | 'opened' | 'opened-not-logged';

/**
 * The order that keeps the evidence: the stored record first (captured now unless this view already saved it), then
 * the route. A failed capture opens nothing.
 */
export async function runReportFlow(deps: ReportFlowDeps, input: ReportFlowInput): Promise<ReportFlowOutcome> {
  let saved = t('repfSavedBefore');
  const capture = async (): Promise<string | null> => {
    const result = await deps.capture();
    if (!result.ok) {
      deps.toast(t('repfErrCapture', input.reasonOf(result)), 'error', `report:error:${result.code}`, 15_000);
      return null;
    }
    deps.remember(result.recordId);
    saved = result.locked ? t('repfSavedLocked') : input.discreet ? t('toastSavedDiscreet') : t('repfSavedNew', result.seq);
    return result.recordId;
  };
  const request = (recordId: string): ReportOpenRequest => ({
    recordIds: [recordId],
    ...(input.choice ? { abuse: input.choice.abuse } : {}),
    ...(input.choice?.minor ? { minor: true } : {}),
    origin: input.origin,
  });
  const stored = deps.storedId();
  const recordId = stored ?? (await capture());
  if (!recordId) return 'capture-failed';
  let opened = await deps.open(request(recordId));
  // The background forgets this view's captures when it restarts (Chromium stops an idle service worker): capture
  // again rather than report an item the background cannot vouch for.
  if (!opened.ok && opened.code === 'not-captured' && stored) {
    const again = await capture();
    if (!again) return 'capture-failed';
    opened = await deps.open(request(again));
  }
  if (!opened.ok) {
    deps.toast(opened.code === 'no-route' ? t('repfErrNoRoute') : t('repfErrRoute', opened.message), 'error', `report:error:${opened.code}`, 15_000);
    return 'route-failed';
  }
  const link = opened.permalink ?? input.permalink ?? '';
  const copy = link ? ((await input.copied) ? t('repfCopied', link) : t('repfCopyFailed', link)) : '';
  // The route is named by its site's address (help.x.com, stopncii.org): the same in every language.
  let where = opened.routeLabel;
  try {
    where = new URL(opened.url).hostname.replace(/^www\./, '');
  } catch {
    /* keep the label */
  }
  const text = opened.paste === 'in-app' ? t('repfToastInApp', saved, copy, where) : t('repfToastForm', saved, copy, where);
  deps.toast(opened.logged ? text : `${text} ${t('repfNotLogged')}`, 'ok', opened.logged ? 'report:ok' : 'report:not-logged', 20_000);
  return opened.logged ? 'opened' : 'opened-not-logged';
}
