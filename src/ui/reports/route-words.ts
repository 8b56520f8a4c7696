/**
 * The report routes' words in the person's language for the pages (issue #14): records and report entries keep the
 * words shown when they were stored (evidence); the pages show the current words for the same route id in the
 * browser's language when that route still exists, else what was stored. Ids and addresses never change.
 */
import { tMaybe } from '../../i18n/t';
import type { EvidenceRecord, ReportRoute } from '../../model/evidence';
import type { ReportEntry } from '../../model/report';
import { type RouteItem, routeItemOf, shownRoute, shownRouteLabel } from '../../reporting/routes';
import { routeTableFor } from '../../sites/routes';

function itemOf(record: Pick<EvidenceRecord, 'content'>): RouteItem | undefined {
  try {
    return record.content ? routeItemOf(record.content) : undefined;
  } catch {
    return undefined;
  }
}

/** A record's stored routes as shown now (the steps name the record's own account and link). */
export function recordRoutesShown(record: Pick<EvidenceRecord, 'platform' | 'content' | 'reportRoutes'>): ReportRoute[] {
  const table = routeTableFor(record.platform) ?? undefined;
  const item = itemOf(record);
  return record.reportRoutes.map((r) => shownRoute(table, r, item, tMaybe));
}

/** A report entry's route name as shown now: the current words for its routeId, else the stored label. */
export function reportRouteLabel(entry: Pick<ReportEntry, 'platform' | 'routeId' | 'routeLabel'>): string | undefined {
  return shownRouteLabel(routeTableFor(entry.platform) ?? undefined, entry, tMaybe);
}
