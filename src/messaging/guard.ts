/** Who may send what: vault-changing messages only from Holdfast's own pages, never from a content script. */
import { browser, type Browser } from 'wxt/browser';
import { type AnyBackgroundMessage, VAULT_CHANGING } from './protocol';

export function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const base = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(base) && (sender.origin === undefined || base.startsWith(sender.origin));
}

/** Returns a refusal reason, or null when the sender may send this message. */
export function refusal(message: AnyBackgroundMessage, sender: Browser.runtime.MessageSender): string | null {
  if ((VAULT_CHANGING.has(message.type) || message.type === 'capture:page' || message.type === 'report:page') && !fromExtensionPage(sender)) {
    return 'Refused: this can only be done from a Holdfast page.';
  }
  return null;
}
