/**
 * Issue #14: "Report accounts from this pile-on…" in the whole-thread panel. The content script names the record it
 * just saved and the accounts the person ticked; the background opens the vault page's walk-through in a new tab. Only
 * an extension page address is ever opened (built here, never taken from the page), only for a post-with-replies
 * record this tab saved in this session (a failed capture has none), and the ticked ids travel as plain text.
 */
import type { PileOnOpenResult } from '../../messaging/protocol';
import { cleanAccountIds, pileOnHash, validRecordId } from '../../reporting/pile-on-link';

export interface PileOnOpenDeps {
  /** The vault page's address (runtime.getURL('/vault.html')). */
  vaultUrl: string;
  openTab(url: string, openerTabId?: number): Promise<void>;
}

export class PileOnTabs {
  private readonly byTab = new Map<number, Set<string>>();

  /** After a post-with-replies capture was saved in this tab. */
  remember(tabId: number | undefined, recordId: string): void {
    if (tabId === undefined || !validRecordId(recordId)) return;
    const set = this.byTab.get(tabId) ?? new Set<string>();
    set.add(recordId);
    this.byTab.set(tabId, set);
  }

  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }

  async open(deps: PileOnOpenDeps, req: { recordId?: unknown; accounts?: unknown }, tabId: number | undefined): Promise<PileOnOpenResult> {
    const recordId = req.recordId;
    if (!validRecordId(recordId) || tabId === undefined || !this.byTab.get(tabId)?.has(recordId)) {
      return { ok: false, message: 'This capture was not saved in this tab, so there is nothing to report from it.' };
    }
    const hash = pileOnHash(recordId, cleanAccountIds(req.accounts));
    if (!hash) return { ok: false, message: 'This capture was not saved in this tab, so there is nothing to report from it.' };
    try {
      await deps.openTab(`${deps.vaultUrl}${hash}`, tabId);
      return { ok: true };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }
}
