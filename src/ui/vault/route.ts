/**
 * The vault page's routes (issue #13): `#/records` (default, also `#/` and no hash), `#/record/<id>`, and the case pages;
 * issue #14 adds `#/reports` (`#/reports/<id>` one report, `#/reports/pile-on/<recordId>` a pile-on walk-through) and `#/help`.
 */
export type Route =
  | { page: 'records' }
  | { page: 'record'; id: string }
  | { page: 'people' | 'journal' | 'pattern' | 'reports' | 'help'; rest: string[] };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const [head, ...rest] = parts;
  if (head === 'record' && rest[0] && /^[\w-]+$/.test(rest[0])) return { page: 'record', id: rest[0] };
  if (head === 'people' || head === 'journal' || head === 'pattern' || head === 'reports' || head === 'help') return { page: head, rest };
  return { page: 'records' };
}

/** The navigation section a route belongs to (the record view belongs to Records). */
export function sectionOf(route: Route): 'records' | 'people' | 'journal' | 'pattern' | 'reports' | 'help' {
  return route.page === 'record' ? 'records' : route.page;
}

/** A stable key per route: focus moves to the new page's heading when it changes. */
export function routeKey(route: Route): string {
  return route.page === 'record' ? `record/${route.id}` : route.page === 'records' ? 'records' : `${route.page}/${route.rest.join('/')}`;
}
