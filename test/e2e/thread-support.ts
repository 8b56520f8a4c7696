/**
 * What the whole-thread browser tests share: starting a capture from the page's `thread` control, waiting for its
 * outcome, reading the stored transcript straight from the vault's IndexedDB (not through Holdfast's code), and the
 * replicas' click counters (every click on anything outside a site's allow-list is counted).
 */
import { BOUND_DIALOG, CONTROL, type SitePage, TOAST, type VaultPage } from './pages';

/** The stored transcript of a record: its entries in order, the range it covers (if bounded), the readable HTML. */
export async function transcriptOf<E>(vault: VaultPage, recordId: string): Promise<{ entries: E[]; bound?: Record<string, unknown>; html: string }> {
  const json = await vault.page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('holdfast-vault');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<{ ref: { role: string; mediaType: string }; recordId: string; bytes: Uint8Array | ArrayBuffer }[]>((resolve, reject) => {
      const req = db.transaction('artifacts').objectStore('artifacts').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const mine = all.filter((a) => a.recordId === id && a.ref.role === 'transcript');
    const text = (mt: string) => {
      const a = mine.find((x) => x.ref.mediaType.startsWith(mt));
      return a ? new TextDecoder().decode(a.bytes instanceof Uint8Array ? a.bytes : new Uint8Array(a.bytes)) : '';
    };
    return JSON.stringify({ json: text('application/json'), html: text('text/html') });
  }, recordId);
  const parsed = JSON.parse(json) as { json: string; html: string };
  const t = JSON.parse(parsed.json) as { entries: E[]; bound?: Record<string, unknown> };
  return { entries: t.entries, ...(t.bound ? { bound: t.bound } : {}), html: parsed.html };
}

/** The replica's click counters: allow-listed clicks, any other click, and the other clicks' labels. */
export async function clicksOnPage(site: SitePage): Promise<{ allowed: number; other: number; labels: string }> {
  return site.page.evaluate(() => ({
    allowed: Number(document.documentElement.getAttribute('data-replica-clicks-allowed')),
    other: Number(document.documentElement.getAttribute('data-replica-clicks-other')),
    labels: document.documentElement.getAttribute('data-replica-clicks-other-labels') ?? '',
  }));
}

/** Clicks the whole-thread control (accepting "everything" if the how-far-back dialog opens); returns the toast count before. */
export async function startThread(site: SitePage): Promise<number> {
  await site.page.bringToFront();
  await site.waitForControls('thread', 1, 15_000);
  const before = await site.page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
  const el = await site.page.$(CONTROL('thread'));
  await el!.click();
  const dialog = await site.page.waitForSelector(BOUND_DIALOG, { timeout: 1500 }).catch(() => null);
  if (dialog) await (await site.page.$('[data-testid="holdfast-bound-start"]'))!.click();
  return before;
}

/** The capture's final toast code ("capturing" comes first). */
export async function settled(site: SitePage, before: number, timeout: number): Promise<string> {
  return (await site.waitForOutcome(before, timeout)).code;
}
