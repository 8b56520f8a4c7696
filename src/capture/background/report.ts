/**
 * Issue #14, background side of "capture, then report": remembers which records each tab captured in this session,
 * and opens a report route only for those (a content script can name no other record, and never a URL: the route is
 * resolved here from the site tables and what the capture itself carried). The route opens in a new tab only after
 * the record is stored — the caller passes record ids, which exist only once the vault write returned. Then a report
 * entry is written; if that fails the route is still open (the evidence is stored) and the answer says "not logged".
 */
import type { ExtractedContent } from '../../model/evidence';
import type { ReportInput } from '../../model/report';
import type { ReportOpenRequest, ReportOpenResult } from '../../messaging/protocol';
import { ABUSE_KINDS } from '../../model/report';
import { tMaybe } from '../../i18n/t';
import { chooseRoute, needsAbuseChoice, renderText, type RouteItem, routeItemOf } from '../../reporting/routes';
import { routeTableFor } from '../../sites/routes';
import { authorKey } from '../../vault/author-key';

interface Captured {
  item: RouteItem;
  account?: string;
}

export interface ReportDeps {
  /** Opens the URL in a new tab (browser.tabs.create: no 'tabs' permission needed). */
  openTab(url: string, openerTabId?: number): Promise<void>;
  addReport(input: ReportInput): Promise<unknown>;
  now(): Date;
}

/** Record ids by the tab that captured them, for this background session. */
export class ReportSessions {
  private readonly byTab = new Map<number, Map<string, Captured>>();

  /** After a stored capture: the tab may now ask to report this record. */
  remember(tabId: number | undefined, recordId: string, content: ExtractedContent): void {
    if (tabId === undefined || !recordId) return;
    const records = this.byTab.get(tabId) ?? new Map<string, Captured>();
    this.byTab.set(tabId, records);
    const keys = content.author ? authorKey(content.platform, content.author) : [];
    const account = keys.find((k) => k.includes(':@')) ?? keys[0];
    records.set(recordId, { item: routeItemOf(content), ...(account ? { account } : {}) });
  }

  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }

  private find(recordId: string, tabId: number | undefined, anyTab: boolean): Captured | undefined {
    if (!anyTab) return tabId === undefined ? undefined : this.byTab.get(tabId)?.get(recordId);
    for (const records of this.byTab.values()) {
      const found = records.get(recordId);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * `fromPage`: the sender is a Holdfast page (the popup), which may name a record any tab captured in this session;
   * a content script may name only its own tab's.
   */
  async open(deps: ReportDeps, req: ReportOpenRequest, tabId: number | undefined, fromPage: boolean): Promise<ReportOpenResult> {
    const ids = Array.isArray(req?.recordIds) ? req.recordIds.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length === 0 || ids.length !== req.recordIds.length || ids.length > 100) return { ok: false, code: 'invalid', message: 'No capture to report.' };
    if (req.abuse !== undefined && !ABUSE_KINDS.includes(req.abuse)) return { ok: false, code: 'invalid', message: 'Unknown kind of abuse.' };
    if (!['item', 'popup', 'context-menu'].includes(req.origin)) return { ok: false, code: 'invalid', message: 'Unknown origin.' };
    const captured = ids.map((id) => this.find(id, tabId, fromPage));
    const first = captured[0];
    if (!first || captured.some((c) => !c)) {
      return { ok: false, code: 'not-captured', message: 'Holdfast opens a report only for an item it has just saved from this tab.' };
    }
    const table = routeTableFor(first.item.platform);
    if (!table) return { ok: false, code: 'no-route', message: 'Holdfast knows no report route for this page.' };
    if (req.abuse === undefined && needsAbuseChoice(table, first.item)) return { ok: false, code: 'invalid', message: 'Choose the kind of abuse first.' };
    const abuse = req.abuse ?? 'harassment';
    // In the person's language (the browser's catalogue), English where a text has no translation.
    const chosen = chooseRoute(table, first.item, { abuse, ...(req.minor ? { minor: true } : {}) }, tMaybe);
    if (!chosen) return { ok: false, code: 'no-route', message: 'This item has no link Holdfast could open a report for.' };
    try {
      await deps.openTab(chosen.url, fromPage ? undefined : tabId);
    } catch (err) {
      return { ok: false, code: 'tab', message: `The report page could not be opened (${err instanceof Error ? err.message : String(err)}).` };
    }
    const permalinks = [...new Set(captured.map((c) => c?.item.permalink).filter((p): p is string => !!p))];
    // The entry keeps the name as shown to the person now (evidence); the pages show the current words for its routeId.
    const routeLabel = renderText(chosen.def.label, tMaybe);
    let logged = false;
    try {
      await deps.addReport({
        platform: first.item.platform,
        routeId: chosen.def.id,
        routeUrl: chosen.url,
        routeLabel,
        ...(req.abuse ? { abuse: req.abuse } : {}),
        recordIds: ids,
        permalinks,
        ...(first.account ? { account: first.account } : {}),
        origin: req.origin,
        reportedAt: deps.now().toISOString(),
      });
      logged = true;
    } catch {
      /* the route is open and the evidence stored; the answer says the report was not logged */
    }
    const steps = chosen.paste === 'in-app' ? chosen.steps : (chosen.steps ?? chosen.inAppSteps);
    return {
      ok: true,
      routeId: chosen.def.id,
      routeLabel,
      url: chosen.url,
      paste: chosen.paste,
      ...(steps ? { steps } : {}),
      ...(first.item.permalink ? { permalink: first.item.permalink } : {}),
      logged,
    };
  }
}
