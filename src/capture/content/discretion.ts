/**
 * Issue #12 on a site's page: discreet mode (read from the settings, followed live) and quick exit from Holdfast's
 * own in-page elements (Escape twice quickly while one of them has focus). Only the person's own key presses count
 * (isTrusted), and the page learns nothing: no attribute, no event, no global.
 */
import { doubleEscape } from '../../lock/double-escape';
import { onSettingsChanged, readSettings } from '../../lock/settings';
import { sendToBackground } from '../../messaging/client';

/** Holdfast's in-page elements: capture controls, toast, "how far back" dialog, progress panel. */
export function isHoldfastElement(node: EventTarget): boolean {
  return node instanceof Element && (node.localName.startsWith('holdfast-') || node.hasAttribute('data-holdfast-capture'));
}

export function quickExitFromPage(): void {
  void sendToBackground({ type: 'quick-exit' }).catch(() => undefined);
}

/** Double Escape inside a Holdfast element → quick exit. Returns the remover. */
export function installPanelQuickExit(): () => void {
  const onKey = doubleEscape(quickExitFromPage);
  const listener = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.key !== 'Escape') return;
    if (e.composedPath().some(isHoldfastElement)) onKey(e);
  };
  addEventListener('keydown', listener, true);
  return () => removeEventListener('keydown', listener, true);
}

/** Calls `apply` with the discreet setting now and whenever it changes. Returns the unsubscribe function. */
export function followDiscreet(apply: (discreet: boolean) => void): () => void {
  void readSettings().then((s) => apply(s.discreet));
  return onSettingsChanged((s) => apply(s.discreet));
}
