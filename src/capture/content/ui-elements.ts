/**
 * Holdfast's own elements in a site's page: the capture control and the confirmation toast.
 * Both live in closed shadow roots (site CSS cannot restyle them, site scripts cannot read them) and are
 * absolutely/fixed positioned so the site's layout never shifts.
 */
import type { ItemKind } from '../../model/evidence';
import { ownShadowMode } from './shadow-mode';

export const CONTROL_ATTR = 'data-holdfast-capture';
/** Issue #14: an item's report control ("capture, then report"); its value is the item's kind. */
export const REPORT_ATTR = 'data-holdfast-report';
export const TOAST_ATTR = 'data-holdfast-toast';
/** Issue #14: the menu of an item's control (fixed, one per page while open). */
export const MENU_ATTR = 'data-holdfast-menu';
/** The element name of the empty line made in an item's flow for its controls (controls.ts), when nothing else was free. */
export const SPACER_TAG = 'holdfast-spacer';
/** On an item control that waits veiled (nowhere free to put it): shown while the item is hovered or focused. */
export const VEIL_ATTR = 'data-holdfast-veiled';
export const OWN_ELEMENTS_SELECTOR = `[${CONTROL_ATTR}],[${REPORT_ATTR}],[${TOAST_ATTR}],[${MENU_ATTR}],${SPACER_TAG}`;

/** A control's size (CSS px): 24 × 24, the smallest target size WCAG 2.2 asks for; the menu chevron beside it. */
export const CONTROL_SIZE = 24;
export const CHEVRON_WIDTH = 14;

const svg = (d: string) => `<svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" focusable="false"><path fill="currentColor" d="${d}"/></svg>`;
/** This item: a shield with a tick. */
const SHIELD_SVG = svg('M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1 14.2-3.7-3.7 1.4-1.4 2.3 2.3 4.9-4.9 1.4 1.4-6.3 6.3Z');
/** The whole conversation / the post with its replies: stacked speech bubbles. */
const THREAD_SVG = svg('M3 3h13a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H8l-4 3v-3H3a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm18 5a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-1v3l-4-3h-6a2 2 0 0 1-2-2v-1h8a3 3 0 0 0 3-3V8h2Z');
/** The profile with its posts: a grid of posts. */
const POSTS_SVG = svg('M3 3h8v8H3V3Zm10 0h8v8h-8V3ZM3 13h8v8H3v-8Zm10 0h8v8h-8v-8Z');
/** Capture and report: a flag. */
const FLAG_SVG = svg('M5 2h2v1h12l-3 5 3 5H7v9H5V2Z');
const CHEVRON_SVG = '<svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 4h8L6 9Z"/></svg>';

const CONTROL_CSS = `
:host { all: initial; }
.row { display: flex; height: ${CONTROL_SIZE}px; }
button { all: unset; box-sizing: border-box; width: ${CONTROL_SIZE}px; height: ${CONTROL_SIZE}px;
  display: grid; place-items: center; border-radius: 50%; cursor: pointer; color: #fff; background: #2d4a6b;
  opacity: .6; box-shadow: 0 1px 3px rgba(0,0,0,.35); transition: opacity .15s; }
button.thread { border-radius: 6px; background: #245b4a; }
button.report { border-radius: 6px; background: #6b2d3f; }
button.more { width: ${CHEVRON_WIDTH}px; border-radius: 0 12px 12px 0; margin-left: -1px; }
button.main.with-more { border-radius: 12px 0 0 12px; }
.row:hover button, button:focus-visible, button[aria-expanded="true"] { opacity: 1; }
button:focus-visible { outline: 3px solid #14202e; outline-offset: 1px; box-shadow: 0 0 0 7px #ffbf47; }
button[aria-busy="true"] { opacity: 1; background: #6b5a2d; cursor: progress; }
@media (prefers-reduced-motion: reduce) { button { transition: none; } }
`;

/** Discreet mode (issue #12): controls show only on hover or keyboard focus (and while busy). */
const DISCREET_CSS = '.row:not(:hover) button:not(:focus-visible):not([aria-busy="true"]):not([aria-expanded="true"]) { opacity: 0; }';
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

/** One entry of an item control's menu (issue #14). */
export interface MenuEntry {
  label: string;
  run(): void;
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
type Look = 'item' | 'item-menu' | 'thread' | 'posts' | 'report';
let shared: { sheet: CSSStyleSheet | null; rows: Map<Look, HTMLElement> } | null = null;

/** The drawn content of a control, by look: a row holding its button(s). Built once per look and cloned. */
function rowModel(look: Look): HTMLElement {
  const all = parts().rows;
  let row = all.get(look);
  if (row) return row;
  row = document.createElement('div');
  row.className = 'row';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = look === 'item' || look === 'item-menu' ? 'main' : look === 'posts' ? 'thread' : look;
  button.innerHTML = look === 'thread' ? THREAD_SVG : look === 'posts' ? POSTS_SVG : look === 'report' ? FLAG_SVG : SHIELD_SVG;
  row.append(button);
  if (look === 'item-menu') {
    button.classList.add('with-more');
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.setAttribute('aria-haspopup', 'menu');
    more.setAttribute('aria-expanded', 'false');
    more.innerHTML = CHEVRON_SVG;
    row.append(more);
  }
  all.set(look, row);
  return row;
}

function parts(): { sheet: CSSStyleSheet | null; rows: Map<Look, HTMLElement> } {
  if (shared) return shared;
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
  shared = { sheet, rows: new Map() };
  return shared;
}

/**
 * Controls are drawn when they come near the viewport (one screen above or below), not when their item arrives: a
 * feed streaming thousands of items then pays for a small host element each, and only the few on or near the screen
 * get their shadow root and button. A click or focus that reaches a host before it is drawn draws it at once.
 */
let nearViewport: IntersectionObserver | null = null;
/** Main-thread time spent drawing controls as they near the viewport (ms), for the benchmark. */
export const drawing = {
  timeMs: 0,
  /** Its parts (bench only): groups planned and their time, the "beside" checks, lines made, the pass after a line, looks. */
  parts: { plans: 0, planMs: 0, besideMs: 0, spacers: 0, afterSpacerMs: 0, afterSpacerPlans: 0, looks: 0, lookMs: 0, siteMs: 0, nextMs: 0, searchMs: 0 },
};
/** Every control not drawn yet, by its host (the near-viewport observer and the early-click listener look here). */
const undrawn = new WeakMap<Element, Control>();
/** Every element Holdfast put into the page as a control host or a spacer line (a site's copy of one is not). */
export const made = new WeakSet<Element>();

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

/** What a control is: its own item's control, the whole-thread one, or the report one (issue #14). */
export interface ControlPlacement {
  /** The attribute value when it differs from the item kind (`thread`, `profile-posts`). */
  attr?: string;
  /** Kept for callers of the issue #4 API; placement is now measured (placement.ts), not a fixed offset. */
  beside?: boolean;
  /** Issue #14: the item's report control (host attribute `data-holdfast-report`). */
  report?: boolean;
  /** Issue #14: the item's control gets a chevron that opens this menu (entries read when it opens). */
  menu?: () => MenuEntry[];
  /** The chevron's accessible name. */
  menuLabel?: string;
  /** Called once, when the control is drawn (its group is then placed). */
  onDrawn?: () => void;
}

/**
 * The kinds of host, styled and labelled once and cloned: parsing the inline style and setting the attribute per
 * control were most of its cost in a page streaming thousands of items.
 */
const hostModels = new Map<string, HTMLElement>();
function hostModel(fixed: boolean, attr: string, report: boolean, width: number): HTMLElement {
  const modelKey = `${fixed ? 'f' : 'a'}|${report ? 'r' : 'c'}|${attr}|${width}`;
  let model = hostModels.get(modelKey);
  if (!model) {
    model = document.createElement('holdfast-capture');
    // Out of flow (absolute, at its static position: the start of the item's content box) so the site's layout never
    // moves; the placement then moves it (a translation, no layout) to a spot that covers nothing of the site. A low
    // z-index: the control belongs to its item and goes under the site's sticky bars as the item does.
    const place = fixed ? 'position:fixed;right:16px;bottom:16px;' : 'position:absolute;margin:0;';
    model.style.cssText = `${place}width:${width}px;height:${CONTROL_SIZE}px;padding:0;border:0;z-index:${fixed ? 2147483000 : 1};display:block;`;
    model.setAttribute(report ? REPORT_ATTR : CONTROL_ATTR, attr);
    hostModels.set(modelKey, model);
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
  closeControlMenu();
  if (earlyClickListener) window.removeEventListener('click', earlyClickListener, true);
  earlyClickListener = null;
}

/**
 * One capture control. A class rather than a bundle of closures: a page streaming thousands of items makes
 * thousands of these, and each closure was an allocation of its own.
 */
class Control implements ControlHandle {
  readonly host: HTMLElement;
  readonly width: number;
  private drawn: HTMLButtonElement | null = null;
  private more: HTMLButtonElement | null = null;
  private busy: boolean | null = null;
  /** The translation placing the host (from its static position), CSS px. */
  private dx = 0;
  private dy = 0;

  constructor(
    kind: ItemKind,
    private label: string,
    positioned: boolean | 'fixed',
    readonly activate: () => void,
    private readonly placement: ControlPlacement,
  ) {
    const fixed = positioned === 'fixed';
    this.width = placement.menu ? CONTROL_SIZE + CHEVRON_WIDTH : CONTROL_SIZE;
    this.host = hostModel(fixed, placement.attr ?? kind, placement.report ?? false, this.width).cloneNode(false) as HTMLElement;
    made.add(this.host);
    if (fixed) this.build();
    else {
      listenForEarlyClicks();
      whenNear(this);
    }
  }

  get button(): HTMLButtonElement {
    return this.build();
  }

  get isDrawn(): boolean {
    return this.drawn !== null;
  }

  private look(): Look {
    const p = this.placement;
    if (p.report) return 'report';
    if (p.attr === 'thread') return 'thread';
    if (p.attr === 'profile-posts') return 'posts';
    return p.menu ? 'item-menu' : 'item';
  }

  build(): HTMLButtonElement {
    if (this.drawn) return this.drawn;
    const host = this.host;
    undrawn.delete(host);
    nearViewport?.unobserve(host);
    isolate(host);
    const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
    const { sheet } = parts();
    const row = rowModel(this.look()).cloneNode(true) as HTMLElement;
    const b = row.firstElementChild as HTMLButtonElement;
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
    const more = row.children[1] as HTMLButtonElement | undefined;
    if (more && this.placement.menu) {
      const label = this.placement.menuLabel ?? this.label;
      more.setAttribute('aria-label', label);
      more.title = label;
      more.addEventListener('click', (e) => {
        if (!isPersonEvent(e)) return;
        e.preventDefault();
        this.openMenu();
      });
      // ArrowDown on the capture button or the chevron opens the menu too (Enter/Space on the chevron click it).
      row.addEventListener('keydown', (e) => {
        if (!isPersonEvent(e) || e.key !== 'ArrowDown') return;
        e.preventDefault();
        this.openMenu();
      });
      this.more = more;
    }
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
      root.append(row);
    } else {
      const style = document.createElement('style');
      style.textContent = discreetControls ? CONTROL_CSS + DISCREET_CSS : CONTROL_CSS;
      root.append(style, row);
    }
    this.drawn = b;
    this.placement.onDrawn?.();
    return b;
  }

  private openMenu(): void {
    const more = this.more;
    const entries = this.placement.menu?.() ?? [];
    if (!more || entries.length === 0) return;
    openMenu(this.host, more, this.placement.menuLabel ?? this.label, entries);
  }

  /**
   * Where the host is before any placement (its static position, viewport coordinates): its box less the translation
   * it was given.
   */
  staticOrigin(): { x: number; y: number } {
    const r = this.host.getBoundingClientRect();
    return { x: r.left - this.dx, y: r.top - this.dy };
  }

  /** Moves the host so that its top-left corner is at (x, y) in the viewport, from its static position `origin`. */
  moveTo(origin: { x: number; y: number }, x: number, y: number): void {
    const dx = Math.round(x - origin.x);
    const dy = Math.round(y - origin.y);
    if (dx === this.dx && dy === this.dy) return;
    this.dx = dx;
    this.dy = dy;
    this.host.style.translate = `${dx}px ${dy}px`;
  }

  /** Shown or taken out of the page's view (a collapsed group shows only its item's control). */
  setShown(shown: boolean): void {
    const value = shown ? 'block' : 'none';
    if (this.host.style.display !== value) this.host.style.display = value;
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

export type { Control };

export function createControl(kind: ItemKind, label: string, positioned: boolean | 'fixed', onActivate: () => void, placement: ControlPlacement = {}): Control {
  return new Control(kind, label, positioned, onActivate, placement);
}

const MENU_CSS = `
:host { all: initial; }
[role="menu"] { position: fixed; min-width: 220px; max-width: min(360px, 92vw); margin: 0; padding: 4px 0;
  font: 14px/1.3 system-ui, sans-serif; color: #14202e; background: #fff; border: 1px solid #8a97a6;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.3); z-index: 2147483002; }
[role="menuitem"] { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 8px 14px; cursor: pointer; }
[role="menuitem"]:hover, [role="menuitem"]:focus { background: #e3ecf6; }
[role="menuitem"]:focus-visible { outline: 3px solid #14202e; outline-offset: -3px; }
`;

let menuHost: HTMLElement | null = null;
let closeMenu: ((returnFocus: boolean) => void) | null = null;

/**
 * The menu of an item's control (issue #14): fixed, above the page, while the person uses it. Arrow keys move,
 * Home/End jump, Enter/Space choose, Escape closes and puts focus back on the chevron; Tab, a press elsewhere,
 * scrolling or resizing close it.
 */
function openMenu(owner: HTMLElement, more: HTMLButtonElement, label: string, entries: MenuEntry[]): void {
  closeMenu?.(false);
  const host = document.createElement('holdfast-menu');
  host.setAttribute(MENU_ATTR, '');
  host.style.cssText = 'position:fixed;top:0;left:0;width:0;height:0;z-index:2147483002;';
  isolate(host);
  const root = host.attachShadow({ mode: ownShadowMode() });
  const style = document.createElement('style');
  style.textContent = MENU_CSS;
  const list = document.createElement('div');
  list.setAttribute('role', 'menu');
  list.setAttribute('aria-label', label);
  const items = entries.map((entry) => {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.textContent = entry.label;
    item.addEventListener('click', (e) => {
      if (!isPersonEvent(e)) return;
      e.preventDefault();
      close(true);
      entry.run();
    });
    return item;
  });
  list.append(...items);
  root.append(style, list);
  (document.body ?? document.documentElement).append(host);
  const r = owner.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const mw = list.offsetWidth;
  const mh = list.offsetHeight;
  list.style.left = `${Math.max(4, Math.min(r.right - mw, vw - mw - 4))}px`;
  list.style.top = `${r.bottom + 4 + mh <= vh ? r.bottom + 4 : Math.max(4, r.top - 4 - mh)}px`;
  more.setAttribute('aria-expanded', 'true');
  const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
  list.addEventListener('keydown', (e) => {
    if (!isPersonEvent(e)) return;
    const at = items.indexOf(e.composedPath()[0] as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusAt(at + 1);
    else if (e.key === 'ArrowUp') focusAt(at - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(items.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    e.preventDefault();
  });
  const onOutside = (e: Event) => {
    if (!e.composedPath().includes(host)) close(false);
  };
  const onMove = () => close(false);
  function close(returnFocus: boolean): void {
    if (closeMenu !== close) return;
    closeMenu = null;
    menuHost = null;
    removeEventListener('pointerdown', onOutside, true);
    removeEventListener('scroll', onMove, true);
    removeEventListener('resize', onMove);
    more.setAttribute('aria-expanded', 'false');
    const hadFocus = host.contains(document.activeElement) || document.activeElement === host;
    host.remove();
    if (returnFocus || hadFocus) more.focus();
  }
  closeMenu = close;
  menuHost = host;
  addEventListener('pointerdown', onOutside, true);
  addEventListener('scroll', onMove, true);
  addEventListener('resize', onMove);
  focusAt(0);
}

/** Closes an open control menu (the content script's context ended, or the controls were taken down). */
export function closeControlMenu(): void {
  closeMenu?.(false);
  menuHost?.remove();
  menuHost = null;
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
