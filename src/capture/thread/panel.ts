/**
 * The progress panel of a whole-thread capture: messages collected, oldest date reached, elapsed time, and a Stop
 * button that keeps what was collected as a clearly-marked partial capture. Closed shadow roots (site CSS cannot
 * restyle it, site scripts cannot read it); for automation the panel host carries data-testid
 * "holdfast-thread-progress" with data-state, the count element "holdfast-thread-count" with data-count (a number
 * only, never content) and the Stop host "holdfast-thread-stop" (click its centre). Every text goes through
 * browser.i18n.
 */
import { t } from '../../i18n/t';
import { sendToBackground } from '../../messaging/client';
import type { CaptureBound } from '../../messaging/protocol';
import type { PileOnAccount } from '../../reporting/pile-on';
import type { ThreadProgress } from './engine';
import { buildPileOnList, PILE_CSS } from './pile-on-panel';

export type ThreadKind = 'dm-thread' | 'post' | 'profile';

/** "N messages" / "N replies" / "N posts", translated. */
export function countText(kind: ThreadKind, count: number): string {
  const n = count.toLocaleString();
  return kind === 'post' ? t('threadCountReplies', n) : kind === 'profile' ? t('threadCountPosts', n) : t('threadCountMessages', n);
}

const PANEL_CSS = `
:host { all: initial; }
.box { position: fixed; right: 16px; top: 16px; z-index: 2147483002; width: 300px; box-sizing: border-box;
  font: 14px/1.4 system-ui, sans-serif; color: #fff; background: #1f3550; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 4px 16px rgba(0,0,0,.35); }
.title { font-weight: 600; margin-bottom: 4px; }
.line { opacity: .9; font-size: 13px; }
.box.partial { background: #6b4a12; }
.box.error { background: #7a1f1f; }
.box.ok { background: #1f5033; }
.row { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
`;
const STOP_CSS = `
:host { all: initial; display: inline-block; }
button { all: unset; box-sizing: border-box; cursor: pointer; padding: 6px 12px; border-radius: 6px; background: #fff;
  color: #1f3550; font: 600 13px/1.2 system-ui, sans-serif; }
button:focus-visible { outline: 3px solid #14202e; outline-offset: 1px; box-shadow: 0 0 0 7px #ffbf47; }
button[disabled] { opacity: .5; cursor: default; }
`;

function isolate(el: HTMLElement): void {
  for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'dblclick', 'contextmenu']) {
    el.addEventListener(type, (e) => e.stopPropagation());
  }
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Issue #12: quick exit from the panel (lock, close Holdfast's tabs, this tab to the neutral page). Trusted clicks only. */
function quickExitHost(): HTMLElement {
  const host = document.createElement('holdfast-quick-exit');
  host.slot = 'exit';
  host.setAttribute('data-testid', 'holdfast-quick-exit');
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = document.createElement('style');
  style.textContent = `${STOP_CSS} button { background: #b3261e; color: #fff; }`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('quickExit');
  button.title = t('quickExitHint');
  button.addEventListener('click', (e) => {
    e.preventDefault();
    if (!e.isTrusted) return;
    void sendToBackground({ type: 'quick-exit' }).catch(() => undefined);
  });
  root.append(style, button);
  return host;
}

export class ThreadPanel {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private removal: ReturnType<typeof setTimeout> | undefined;
  private readonly box: HTMLDivElement;
  private readonly title: HTMLDivElement;
  private readonly line: HTMLDivElement;
  private readonly countHost: HTMLElement;
  private readonly countText: HTMLSpanElement;
  private readonly stopHost: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private timer: ReturnType<typeof setInterval> | undefined;
  private last: ThreadProgress = { count: 0, elapsedMs: 0, phase: 'up' };
  /** Since when the engine has been waiting on the site for the same thing (the panel counts the seconds). */
  private waitingSince = 0;
  private readonly started = Date.now();

  constructor(
    private readonly kind: ThreadKind,
    onStop: () => void,
    private readonly bound: CaptureBound = { kind: 'all' },
  ) {
    this.host = document.createElement('holdfast-thread-progress');
    this.host.setAttribute('data-testid', 'holdfast-thread-progress');
    this.host.setAttribute('data-state', 'running');
    this.host.style.cssText = 'position:fixed;top:0;right:0;width:0;height:0;z-index:2147483002;';
    isolate(this.host);
    const root = this.host.attachShadow({ mode: 'closed' });
    this.root = root;
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    this.box = document.createElement('div');
    this.box.className = 'box';
    // The live status is the title and line only: the pile-on list added at the end (issue #14) is not announced.
    const status = document.createElement('div');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    this.title = document.createElement('div');
    this.title.className = 'title';
    this.title.textContent = kind === 'post' ? t('threadPanelTitlePost') : kind === 'profile' ? t('threadPanelTitleProfile') : t('threadPanelTitleDm');
    this.line = document.createElement('div');
    this.line.className = 'line';
    const row = document.createElement('div');
    row.className = 'row';
    const countSlot = document.createElement('slot');
    countSlot.name = 'count';
    const stopSlot = document.createElement('slot');
    stopSlot.name = 'stop';
    const exitSlot = document.createElement('slot');
    exitSlot.name = 'exit';
    row.append(countSlot, stopSlot, exitSlot);
    status.append(this.title, this.line);
    this.box.append(status, row);
    root.append(style, this.box);

    this.countHost = document.createElement('holdfast-thread-count');
    this.countHost.slot = 'count';
    this.countHost.setAttribute('data-testid', 'holdfast-thread-count');
    this.countHost.setAttribute('data-count', '0');
    this.countHost.style.cssText = 'flex:1;font:600 13px/1.2 system-ui,sans-serif;color:#fff;';
    const countRoot = this.countHost.attachShadow({ mode: 'closed' });
    this.countText = document.createElement('span');
    countRoot.append(this.countText);

    this.stopHost = document.createElement('holdfast-thread-stop');
    this.stopHost.slot = 'stop';
    this.stopHost.setAttribute('data-testid', 'holdfast-thread-stop');
    const stopRoot = this.stopHost.attachShadow({ mode: 'closed', delegatesFocus: true });
    const stopStyle = document.createElement('style');
    stopStyle.textContent = STOP_CSS;
    this.stopButton = document.createElement('button');
    this.stopButton.type = 'button';
    this.stopButton.textContent = t('threadStop');
    this.stopButton.setAttribute('aria-label', kind === 'post' ? t('threadStopReplies') : kind === 'profile' ? t('threadStopPosts') : t('threadStopMessages'));
    this.stopButton.addEventListener('click', (e) => {
      if (!e.isTrusted) return; // only the person stops a capture, never the page's script
      e.preventDefault();
      if (this.stopButton.disabled) return;
      const retry = this.retry;
      if (retry) {
        this.retry = null;
        this.stopButton.disabled = true;
        this.host.setAttribute('data-state', 'saving');
        this.box.className = 'box';
        this.title.textContent = t('threadPhaseSaving');
        retry();
        return;
      }
      this.stopButton.disabled = true;
      this.title.textContent = t('threadStopping');
      onStop();
    });
    stopRoot.append(stopStyle, this.stopButton);
    this.host.append(this.countHost, this.stopHost, quickExitHost());
    this.render();
  }

  show(): void {
    (document.body ?? document.documentElement).append(this.host);
    this.timer = setInterval(() => this.render(), 1000);
  }

  update(p: ThreadProgress): void {
    if (p.waiting && p.waiting !== this.last.waiting) this.waitingSince = Date.now();
    this.last = p;
    this.render();
  }

  private render(): void {
    const p = this.last;
    this.countHost.setAttribute('data-count', String(p.count));
    this.countText.textContent = countText(this.kind, p.count);
    const oldest = p.oldest ? t('threadOldest', p.oldest.slice(0, 10)) : t('threadOldestNone');
    const doing = p.waiting && p.phase !== 'done' ? this.waitingText(p.waiting) : this.phaseText(p.phase);
    this.line.textContent = `${oldest} · ${elapsed(Date.now() - this.started)} · ${doing}`;
  }

  /** What the capture is waiting for, and for how long so far: the person can tell a slow site from a stuck one. */
  private waitingText(waiting: NonNullable<ThreadProgress['waiting']>): string {
    const s = String(Math.floor((Date.now() - this.waitingSince) / 1000));
    return waiting === 'older' ? t('threadWaitingOlder', s) : waiting === 'newer' ? t('threadWaitingNewer', s) : t('threadWaitingCheck', s);
  }

  private phaseText(phase: ThreadProgress['phase']): string {
    const b = this.bound;
    if (phase === 'done') return t('threadPhaseSaving');
    if (this.kind === 'profile') {
      return b.kind === 'since' ? t('threadPhaseDownTo', b.date) : b.kind === 'latest' ? t('threadPhaseDownCount', b.count.toLocaleString()) : t('threadPhaseDown');
    }
    if (phase === 'up') return b.kind === 'since' ? t('threadPhaseUpTo', b.date) : t('threadPhaseUp');
    return t('threadPhaseForward');
  }

  setVisible(visible: boolean): void {
    this.host.style.opacity = visible ? '' : '0';
  }

  /** While the final save waits for the person's Retry (the stop button becomes it). */
  private retry: (() => void) | null = null;

  /**
   * The final save failed but everything was kept (a full disk): the message says so, and the button becomes Retry
   * (`data-testid="holdfast-thread-stop"`, panel `data-state="retry"`). The panel stays until the retry ends.
   */
  offerRetry(message: string, onRetry: () => void): void {
    clearInterval(this.timer);
    this.host.setAttribute('data-state', 'retry');
    this.box.className = 'box error';
    this.title.textContent = message;
    this.retry = onRetry;
    this.stopButton.textContent = t('threadRetry');
    this.stopButton.setAttribute('aria-label', t('threadRetryLabel'));
    this.stopButton.disabled = false;
    if (!this.stopHost.isConnected) this.host.append(this.stopHost);
  }

  /** The end: a plain message, the state for automation, then the panel goes away. */
  finish(state: 'ok' | 'partial' | 'error', message: string, ms = 8000): void {
    clearInterval(this.timer);
    this.render();
    this.host.setAttribute('data-state', state);
    this.box.className = `box ${state}`;
    this.title.textContent = message;
    this.stopHost.remove();
    this.removal = setTimeout(() => this.host.remove(), ms);
  }

  /**
   * Issue #14, after a post-with-replies capture was saved: the accounts that replied, most replies first, to tick, and
   * "Report accounts from this pile-on…" (a trusted click only: `open` asks the background, which opens the vault page).
   * The panel then stays until the person closes it. Outside the live status box (a list is not an announcement); the
   * status line says the list is there. Automation: host data-pileon = how many accounts; the button's host
   * "holdfast-pileon-open" (click its centre) and "holdfast-pileon-close".
   */
  offerPileOn(accounts: readonly PileOnAccount[], open: (ids: string[]) => Promise<{ ok: true } | { ok: false; message: string }>): void {
    if (accounts.length === 0) return;
    clearTimeout(this.removal);
    this.host.setAttribute('data-pileon', String(accounts.length));
    const style = document.createElement('style');
    style.textContent = `.box { max-height: calc(100vh - 32px); overflow: auto; } ${PILE_CSS}`;
    const close = () => {
      this.host.remove();
    };
    const built = buildPileOnList(document, accounts, {
      onOpen: (ids, event) => {
        if (!event.isTrusted) return; // only the person opens it, never the page's script
        built.showError('');
        void open(ids)
          .catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }))
          .then((res) => {
            if (!res.ok) built.showError(t('pileOpenFailed', res.message));
          });
      },
      onClose: (event) => {
        if (event.isTrusted) close();
      },
    });
    // The buttons live in their own closed hosts (like Stop) so automation can click them; slots keep the tab order.
    const slotFor = (button: HTMLButtonElement, name: string, testid: string) => {
      const host = document.createElement(`holdfast-${name}`);
      host.slot = name;
      const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
      const s = document.createElement('style');
      s.textContent = `${STOP_CSS}${button.classList.contains('quiet') ? ' button { background: transparent; color: #fff; border: 1px solid #fff; }' : ''}`;
      const slot = document.createElement('slot');
      slot.name = name;
      button.replaceWith(slot);
      shadow.append(s, button);
      host.setAttribute('data-testid', testid);
      this.host.append(host);
    };
    const closeButton = built.element.querySelector<HTMLButtonElement>('button.close');
    slotFor(built.open, 'pileon-open', 'holdfast-pileon-open');
    if (closeButton) slotFor(closeButton, 'pileon-close', 'holdfast-pileon-close');
    this.box.append(built.element);
    this.root.prepend(style);
    this.line.textContent = t('pileListed', accounts.length.toLocaleString());
  }
}
