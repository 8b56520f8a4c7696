/**
 * Holdfast's own elements in a site's page: the capture control and the confirmation toast.
 * Both live in closed shadow roots (site CSS cannot restyle them, site scripts cannot read them) and are
 * absolutely/fixed positioned so the site's layout never shifts.
 */
import type { ItemKind } from '../../model/evidence';

export const CONTROL_ATTR = 'data-holdfast-capture';
/** Issue #14: an item's report control ("capture, then report"); its value is the item's kind. */
export const REPORT_ATTR = 'data-holdfast-report';
export const TOAST_ATTR = 'data-holdfast-toast';
export const OWN_ELEMENTS_SELECTOR = `[${CONTROL_ATTR}],[${REPORT_ATTR}],[${TOAST_ATTR}]`;

const SHIELD_SVG =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1 14.2-3.7-3.7 1.4-1.4 2.3 2.3 4.9-4.9 1.4 1.4-6.3 6.3Z"/></svg>';

const CONTROL_CSS = `
:host { all: initial; }
button { all: unset; box-sizing: border-box; width: 26px; height: 26px;
  display: grid; place-items: center; border-radius: 50%; cursor: pointer; color: #fff; background: #2d4a6b;
  opacity: .55; box-shadow: 0 1px 3px rgba(0,0,0,.35); transition: opacity .15s; }
button:hover, button:focus-visible { opacity: 1; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
button[aria-busy="true"] { opacity: 1; background: #6b5a2d; cursor: progress; }
@media (prefers-reduced-motion: reduce) { button { transition: none; } }
`;

/** Discreet mode (issue #12): controls show only on hover or keyboard focus (and while busy). */
const DISCREET_CSS = 'button:not(:hover):not(:focus-visible):not([aria-busy="true"]) { opacity: 0; }';
let discreetControls = false;
export function setControlsDiscreet(on: boolean): void {
  discreetControls = on;
  parts().sheet?.replaceSync(on ? CONTROL_CSS + DISCREET_CSS : CONTROL_CSS);
}

export interface ControlHandle {
  host: HTMLElement;
  button: HTMLButtonElement;
  setBusy(busy: boolean): void;
  setLabel(label: string): void;
}

const ISOLATED_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'dblclick', 'contextmenu'];
// Only a person's events are kept from the site: a page's own synthetic event on a control goes on untouched, so the
// page learns nothing from it.
const stopPropagation = (e: Event) => {
  if (e.isTrusted) e.stopPropagation();
};

/**
 * Whether an event comes from the person (mouse, touch, keyboard) rather than from a script: a page's synthetic
 * `click()` or `dispatchEvent` is never trusted, and nothing Holdfast does may start from one (issue #12).
 */
export function isPersonEvent(e: Event): boolean {
  return e.isTrusted === true;
}

/** Stop the site from seeing interactions with our control (X would open the post, or like it on "l"). */
function isolate(el: HTMLElement): void {
  for (const type of ISOLATED_EVENTS) el.addEventListener(type, stopPropagation);
}

/**
 * Built once per page and shared by every control: the style sheet (adopted, so it is parsed once rather than once per
 * control) and the button (cloned). A page streaming thousands of items gets thousands of controls; this keeps each
 * one to a clone and an append. Where a browser refuses a content script's constructed sheet, a <style> per control.
 */
let shared: { sheet: CSSStyleSheet | null; button: HTMLButtonElement } | null = null;

function parts(): { sheet: CSSStyleSheet | null; button: HTMLButtonElement } {
  if (shared) return shared;
  const button = document.createElement('button');
  button.type = 'button';
  button.innerHTML = SHIELD_SVG;
  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CONTROL_CSS);
    // Probe: Firefox content scripts may not be allowed to adopt a sheet made in their own world.
    const probe = document.createElement('span').attachShadow({ mode: 'open' });
    probe.adoptedStyleSheets = [sheet];
  } catch {
    sheet = null;
  }
  shared = { sheet, button };
  return shared;
}

/**
 * Controls are drawn when they come near the viewport (one screen above or below), not when their item arrives: a
 * feed streaming thousands of items then pays for a small host element each, and only the few on or near the screen
 * get their shadow root and button. A click or focus that reaches a host before it is drawn draws it at once.
 */
let nearViewport: IntersectionObserver | null = null;
/** Main-thread time spent drawing controls as they near the viewport (ms), for the benchmark. */
export const drawing = { timeMs: 0 };
/** Every control not drawn yet, by its host (the near-viewport observer and the early-click listener look here). */
const undrawn = new WeakMap<Element, Control>();

function whenNear(control: Control): void {
  if (typeof IntersectionObserver === 'undefined') {
    control.build();
    return;
  }
  nearViewport ??= new IntersectionObserver(
    (entries) => {
      const started = performance.now();
      for (const entry of entries) {
        if (entry.isIntersecting) undrawn.get(entry.target)?.build();
      }
      drawing.timeMs += performance.now() - started;
    },
    { rootMargin: '100% 0px' },
  );
  undrawn.set(control.host, control);
  nearViewport.observe(control.host);
}

/** Where a control sits: its own item's control, or the whole-thread one beside it (never on top of it). */
export interface ControlPlacement {
  /** The attribute value when it differs from the item kind (`thread`, `profile-posts`). */
  attr?: string;
  /** Offset by one control's width, beside the item's own control. */
  beside?: boolean;
  /** Issue #14: the item's report control (host attribute `data-holdfast-report`, offset by two controls' width). */
  report?: boolean;
}

/**
 * The kinds of host, styled and labelled once and cloned: parsing the inline style and setting the attribute per
 * control were most of its cost in a page streaming thousands of items.
 */
const hostModels = new Map<string, (HTMLElement | undefined)[]>();
function hostModel(positioned: boolean | 'fixed', attr: string, beside: boolean, report = false): HTMLElement {
  const modelKey = report ? `report:${attr}` : attr;
  let byPlace = hostModels.get(modelKey);
  if (!byPlace) {
    byPlace = [];
    hostModels.set(modelKey, byPlace);
  }
  const slot = (positioned === 'fixed' ? 4 : positioned ? 2 : 0) + (beside ? 1 : 0);
  let model = byPlace[slot];
  if (!model) {
    model = document.createElement('holdfast-capture');
    // Out of flow (absolute) so the site's layout never moves. In a positioned item: its top-right corner;
    // otherwise its static position (the start of the item's content box), offset along the line with a logical
    // margin: in a right-to-left page (Arabic, Hebrew, Urdu) a physical left margin does not move a box that sits at
    // the right, and the item's three controls were stacked on one spot (a click on "capture" opened "report").
    const offset = report ? 64 : beside ? 34 : 4;
    const place =
      positioned === 'fixed'
        ? 'position:fixed;right:16px;bottom:16px;'
        : positioned
          ? `position:absolute;top:4px;right:${offset}px;`
          : `position:absolute;margin:0;margin-block-start:4px;margin-inline-start:${offset}px;`;
    model.style.cssText = `${place}width:26px;height:26px;padding:0;border:0;z-index:2147483000;display:block;`;
    model.setAttribute(report ? REPORT_ATTR : CONTROL_ATTR, attr);
    byPlace[slot] = model;
  }
  return model;
}

/**
 * A click that lands on a host not drawn yet (the page jumped straight to it) is still a capture, never lost, and the
 * site never sees it. One capturing listener on the window serves every undrawn host (a listener per host was a
 * measurable part of each control's cost); it runs before any of the page's own listeners below the window.
 */
let earlyClickListener: ((e: MouseEvent) => void) | null = null;
function listenForEarlyClicks(): void {
  if (earlyClickListener) return;
  earlyClickListener = (e) => {
    // A page's own script (`host.click()`, dispatchEvent) makes untrusted events: ignored without a trace (the event
    // goes on as if Holdfast were not listening; nothing is drawn, nothing is sent).
    if (!e.isTrusted) return;
    const control = e.target instanceof Element ? undrawn.get(e.target) : undefined;
    if (!control) return;
    e.stopPropagation();
    e.preventDefault();
    control.build();
    if (e.detail > 1) return;
    control.activate();
  };
  window.addEventListener('click', earlyClickListener, true);
}

/**
 * Takes down what serves every control (the near-viewport observer, the early-click listener) when the content
 * script's context ends. The controls themselves are removed by their owner (CaptureControls.stop).
 */
export function stopDrawingControls(): void {
  nearViewport?.disconnect();
  nearViewport = null;
  if (earlyClickListener) window.removeEventListener('click', earlyClickListener, true);
  earlyClickListener = null;
}

/**
 * One capture control. A class rather than a bundle of closures: a page streaming thousands of items makes
 * thousands of these, and each closure was an allocation of its own.
 */
class Control implements ControlHandle {
  readonly host: HTMLElement;
  private drawn: HTMLButtonElement | null = null;
  private busy: boolean | null = null;

  constructor(
    kind: ItemKind,
    private label: string,
    positioned: boolean | 'fixed',
    readonly activate: () => void,
    placement: ControlPlacement,
  ) {
    this.host = hostModel(positioned, placement.attr ?? kind, placement.beside ?? false, placement.report ?? false).cloneNode(false) as HTMLElement;
    if (positioned === 'fixed') this.build();
    else {
      listenForEarlyClicks();
      whenNear(this);
    }
  }

  get button(): HTMLButtonElement {
    return this.build();
  }

  build(): HTMLButtonElement {
    if (this.drawn) return this.drawn;
    const host = this.host;
    undrawn.delete(host);
    nearViewport?.unobserve(host);
    isolate(host);
    const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
    const { sheet, button: model } = parts();
    const b = model.cloneNode(true) as HTMLButtonElement;
    b.setAttribute('aria-label', this.label);
    b.title = this.label;
    if (this.busy !== null) b.setAttribute('aria-busy', String(this.busy));
    // A double click is one capture: the second click of the pair (detail 2+) is ignored. Clicks while a capture
    // of the same item is running are answered "already capturing" by the caller.
    b.addEventListener('click', (e) => {
      // Only a person's click or key press (trusted events; Enter/Space on the focused button yield one) captures.
      if (!isPersonEvent(e)) return;
      e.preventDefault();
      if (e.detail > 1) return;
      this.activate();
    });
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
      root.append(b);
    } else {
      const style = document.createElement('style');
      style.textContent = discreetControls ? CONTROL_CSS + DISCREET_CSS : CONTROL_CSS;
      root.append(style, b);
    }
    this.drawn = b;
    return b;
  }

  setLabel(text: string): void {
    this.label = text;
    this.drawn?.setAttribute('aria-label', text);
    if (this.drawn) this.drawn.title = text;
  }

  setBusy(value: boolean): void {
    this.busy = value;
    this.drawn?.setAttribute('aria-busy', String(value));
  }
}

export function createControl(kind: ItemKind, label: string, positioned: boolean | 'fixed', onActivate: () => void, placement: ControlPlacement = {}): ControlHandle {
  return new Control(kind, label, positioned, onActivate, placement);
}

const TOAST_CSS = `
:host { all: initial; }
div { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); max-width: min(560px, 90vw);
  font: 14px/1.4 system-ui, sans-serif; color: #fff; background: #1f3550; padding: 10px 14px; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.35); z-index: 2147483001; }
div.error { background: #7a1f1f; }
div[hidden] { display: none; }
`;

/** One toast per page; role=status so screen readers announce it. */
export class Toast {
  private host: HTMLElement | null = null;
  private box: HTMLDivElement | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown = 0;
  private disposed = false;

  private ensure(): HTMLDivElement {
    if (this.box && this.host?.isConnected) return this.box;
    const host = document.createElement('holdfast-toast');
    host.setAttribute(TOAST_ATTR, '');
    host.style.cssText = 'position:fixed;width:0;height:0;top:0;left:0;z-index:2147483001;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = TOAST_CSS;
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    box.hidden = true;
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    this.box = box;
    return box;
  }

  /** `code` is exposed as the host's attribute value (e.g. "ok", "error:quota") for automation; the text is not. */
  show(message: string, kind: 'info' | 'ok' | 'error', code: string = kind, ms = 5000): void {
    if (this.disposed) return;
    const box = this.ensure();
    box.textContent = message;
    box.className = kind === 'error' ? 'error' : '';
    box.hidden = false;
    this.host?.setAttribute(TOAST_ATTR, code);
    this.host?.setAttribute('data-holdfast-toast-n', String(++this.shown));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      box.hidden = true;
      this.host?.setAttribute(TOAST_ATTR, '');
    }, kind === 'error' ? Math.max(ms, 9000) : ms);
  }

  setVisible(visible: boolean): void {
    if (this.host) this.host.style.visibility = visible ? '' : 'hidden';
  }

  /** Removes the toast for good (the content script's context ended). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.host?.remove();
    this.host = null;
    this.box = null;
  }
}
