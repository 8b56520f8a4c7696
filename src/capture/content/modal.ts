/**
 * The frame of Holdfast's small modal dialogs in a site's page (the "how far back" dialog before a whole capture,
 * issue #4; the "what kind of abuse" chooser before a report, issue #14): a backdrop over the site, a labelled
 * role=dialog box with a title and a note, and slots where the dialog puts its own parts.
 *
 * Like every Holdfast element in a page it lives in a closed shadow root (site CSS cannot restyle it, site scripts
 * cannot read it), and the person's events stop at its host so the site never sees them. Focus that leaves the dialog
 * (a click on the backdrop, a script) comes back to it; Tab stays inside; closing removes it and returns focus to the
 * control that opened it. Each dialog adds its own keys (arrows, Enter) through `onKey`.
 */

import { ownShadowMode } from './shadow-mode';

/** Events of the person's that must not reach the site while a dialog is open. */
const ISOLATED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'dblclick', 'contextmenu', 'input', 'change', 'focusin', 'focusout'];

let serial = 0;

export interface ModalOptions {
  /** The host's tag and data-testid (e.g. holdfast-bound-dialog). */
  tag: string;
  title: string;
  note: string;
  /** The dialog's own style sheet (the frame's classes: .backdrop, .box, h2, p). */
  css: string;
  /** What the box holds below the note, in order: the dialog's own elements and slots for its parts. */
  body(slot: (name: string) => HTMLSlotElement, titleId: string): Array<HTMLElement>;
  /** The parts that take focus, in Tab order (hosts of the dialog's light-DOM children). */
  order(): HTMLElement[];
  /** Where focus goes when it strays out of the dialog. */
  focusHome(): HTMLElement | null | undefined;
  /** Escape: the dialog's cancel. */
  onEscape(): void;
  /** Further keys of the person's (not Escape or Tab); `at` is the focused part's index in `order()`, or -1. */
  onKey?(e: KeyboardEvent, at: number, order: HTMLElement[]): void;
  /** Where focus returns when the dialog closes (the control that opened it). */
  returnFocus?: HTMLElement | null;
}

export interface Modal {
  host: HTMLElement;
  /** Removes the dialog (once), sets data-state and returns focus; false if it was already closed. */
  close(state: string): boolean;
  readonly closed: boolean;
  /** Puts the dialog into the page with its parts (light-DOM children, slotted) and focuses `first`. */
  open(parts: HTMLElement[], first: HTMLElement | null | undefined): void;
}

export function createModal(opts: ModalOptions): Modal {
  const id = `${opts.tag}-${++serial}`;
  const host = document.createElement(opts.tag);
  host.setAttribute('data-testid', opts.tag);
  host.setAttribute('data-state', 'open');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483003;';
  const root = host.attachShadow({ mode: ownShadowMode() });
  const style = document.createElement('style');
  style.textContent = opts.css;
  const backdrop = document.createElement('div');
  backdrop.className = 'backdrop';
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', `${id}-title`);
  box.setAttribute('aria-describedby', `${id}-note`);
  const h = document.createElement('h2');
  h.id = `${id}-title`;
  h.textContent = opts.title;
  const note = document.createElement('p');
  note.id = `${id}-note`;
  note.textContent = opts.note;
  const slot = (name: string) => {
    const s = document.createElement('slot');
    s.name = name;
    return s;
  };
  box.append(h, note, ...opts.body(slot, h.id));
  backdrop.append(box);
  root.append(style, backdrop);

  let closed = false;
  const refocus = (e: FocusEvent): void => {
    if (!closed && e.target instanceof Node && !host.contains(e.target)) opts.focusHome()?.focus();
  };
  host.addEventListener('keydown', (e) => {
    // A page's synthetic key events (dispatched on the dialog's host) neither pick nor cancel anything.
    if (!e.isTrusted) return;
    const order = opts.order();
    const active = document.activeElement as HTMLElement | null;
    const at = active ? order.indexOf(active) : -1;
    if (e.key === 'Escape') {
      e.preventDefault();
      opts.onEscape();
    } else if (e.key === 'Tab') {
      if (at < 0 || (e.shiftKey && at === 0) || (!e.shiftKey && at === order.length - 1)) {
        e.preventDefault();
        (e.shiftKey ? order[order.length - 1] : order[0])?.focus();
      }
    } else opts.onKey?.(e, at, order);
  });
  for (const type of ISOLATED) {
    host.addEventListener(type, (e) => {
      if (e.isTrusted) e.stopPropagation();
    });
  }

  return {
    host,
    get closed() {
      return closed;
    },
    close(state) {
      if (closed) return false;
      closed = true;
      host.setAttribute('data-state', state);
      document.removeEventListener('focusin', refocus, true);
      host.remove();
      try {
        opts.returnFocus?.focus();
      } catch {
        /* the control went away */
      }
      return true;
    },
    open(parts, first) {
      host.append(...parts);
      document.addEventListener('focusin', refocus, true);
      (document.body ?? document.documentElement).append(host);
      first?.focus();
    },
  };
}
