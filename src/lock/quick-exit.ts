/**
 * Quick exit (issue #12): lock, close every Holdfast tab, leave the person on their neutral page — fast, and with
 * no Holdfast page in the back history of the tab they are left in.
 */
import { browser, type Browser } from 'wxt/browser';
import { readSettings } from './settings';
import { clearSessionKey } from './session';

/** Tabs showing a Holdfast page: our own pages, and the browser's page that embeds our options. */
export function isHoldfastTabUrl(url: string | undefined, base: string, extensionId: string): boolean {
  if (!url) return false;
  if (url.startsWith(base)) return true;
  return /^(chrome|edge|brave):\/\/extensions\//.test(url) && url.includes(extensionId);
}

/**
 * The tabs showing a Holdfast page, from the browser's list of the extension's own contexts (Chromium 116+,
 * Firefox 128+). Holdfast has no `tabs` permission (issue #14: it would warn of "your browsing history"), and
 * without it a tab's address is hidden from the extension unless a host permission covers it.
 */
export async function holdfastTabIds(): Promise<Set<number>> {
  const runtime = browser.runtime as unknown as { getContexts?(f: { contextTypes: string[] }): Promise<{ tabId: number }[]> };
  try {
    const contexts = (await runtime.getContexts?.({ contextTypes: ['TAB'] })) ?? [];
    return new Set(contexts.map((c) => c.tabId).filter((id) => typeof id === 'number' && id >= 0));
  } catch {
    return new Set();
  }
}

export interface QuickExitResult {
  ok: true;
  closed: number;
  neutralTabId?: number;
}

/**
 * Runs in the background. `lock` forgets the key in the background's own vault. `sender` is the tab that asked
 * (undefined for the popup).
 */
export async function quickExit(lock: () => void, sender?: Browser.tabs.Tab): Promise<QuickExitResult> {
  lock();
  const locking = clearSessionKey().catch(() => undefined);
  const [settings, tabs, own] = await Promise.all([readSettings(), browser.tabs.query({}), holdfastTabIds()]);
  const base = browser.runtime.getURL('/');
  const isOurs = (t: { id?: number; url?: string }) => (t.id !== undefined && own.has(t.id)) || isHoldfastTabUrl(t.url, base, browser.runtime.id);
  const ours = tabs.filter((t) => t.id !== undefined && isOurs(t));
  let neutralTabId: number | undefined;
  if (sender?.id !== undefined && !isOurs(sender)) {
    // An in-page Holdfast panel on a site: that tab goes to the neutral page (the site, not Holdfast, stays behind it).
    await browser.tabs.update(sender.id, { url: settings.neutralUrl, active: true });
    neutralTabId = sender.id;
  } else {
    // A Holdfast page (or the popup): a NEW tab, so its history holds only the neutral page; opened first so the
    // window survives when the Holdfast tabs close.
    const anchor = sender ?? tabs.find((t) => t.active && t.highlighted) ?? tabs.find((t) => t.active);
    const created = await browser.tabs.create({
      url: settings.neutralUrl,
      active: true,
      ...(anchor?.windowId !== undefined ? { windowId: anchor.windowId } : {}),
      ...(anchor?.index !== undefined ? { index: anchor.index + 1 } : {}),
    });
    neutralTabId = created.id;
  }
  const close = ours.map((t) => t.id!).filter((id) => id !== neutralTabId);
  if (close.length) await browser.tabs.remove(close).catch(async () => {
    for (const id of close) await browser.tabs.remove(id).catch(() => undefined);
  });
  await locking;
  return { ok: true, closed: close.length, ...(neutralTabId !== undefined ? { neutralTabId } : {}) };
}
