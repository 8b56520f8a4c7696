import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../model/evidence';
import { ABUSE_KINDS } from '../model/report';
import { EXTERNAL_SERVICES, hostAllowed, isCheckedDate, type RouteItem, routeUrl, urlAllowed } from '../reporting/routes';
import { SITE_DESCRIPTORS } from './registry';
import { ROUTE_TABLES, routeTableFor } from './routes';

const KINDS: ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];
const today = new Date().toISOString().slice(0, 10);

/** An item of every kind with everything a builder may use, the permalink on the site's first domain. */
const itemFor = (platform: string, domain: string, kind: ItemKind): RouteItem => ({
  kind,
  platform: platform as RouteItem['platform'],
  permalink: `https://www.${domain}/some/item/123`,
  itemId: '123',
  handle: 'someone',
  profileUrl: `https://www.${domain}/someone`,
  hasMedia: true,
});

describe('report route tables (src/sites/<site>/routes.ts)', () => {
  it('has one table per site, with the site’s own registrable domains', () => {
    expect(ROUTE_TABLES.map((t) => t.platform).sort()).toEqual(SITE_DESCRIPTORS.map((d) => d.platform).sort());
    for (const d of SITE_DESCRIPTORS) for (const dom of d.domains) expect(routeTableFor(d.platform)?.domains, d.id).toContain(dom);
  });

  for (const table of ROUTE_TABLES) {
    describe(table.platform, () => {
      const descriptor = SITE_DESCRIPTORS.find((d) => d.platform === table.platform)!;

      it('gives every route a unique id listed in the descriptor', () => {
        const ids = table.routes.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(descriptor.reportRoutes as readonly string[], id).toContain(id);
        // and the descriptor lists no route the table does not have (besides the link to copy)
        for (const id of descriptor.reportRoutes) if (id !== 'copy-permalink') expect(ids, `${descriptor.id}: ${id}`).toContain(id);
      });

      it('dates every route with a real day that is not in the future, and names its source', () => {
        for (const r of table.routes) {
          expect(isCheckedDate(r.checked), `${r.id}: ${r.checked}`).toBe(true);
          expect(r.checked <= today, `${r.id} checked in the future`).toBe(true);
          expect(r.source.length, r.id).toBeGreaterThan(5);
          expect(r.abuse.length, r.id).toBeGreaterThan(0);
          expect(r.items.length, r.id).toBeGreaterThan(0);
        }
      });

      it('points every URL at https on the platform’s own domains, or a listed external service', () => {
        const own = table.domains;
        for (const r of table.routes) {
          for (const kind of KINDS) {
            const url = routeUrl(r, itemFor(table.platform, own[0]!, kind), table);
            if (url === null) continue;
            const u = new URL(url);
            expect(u.protocol, r.id).toBe('https:');
            expect(hostAllowed(u.hostname, r.kind === 'external' ? EXTERNAL_SERVICES : own), `${r.id}: ${u.hostname}`).toBe(true);
          }
          if (r.url) expect(urlAllowed(r.url, table, r.kind), `${r.id}: ${r.url}`).toBe(true);
          if (r.kind === 'external') expect(r.url, r.id).toBeTruthy();
          if (r.kind === 'in-app') expect(r.itemUrl && r.steps, r.id).toBeTruthy();
        }
      });

      it('has a route for every kind of abuse on every item kind it reports', () => {
        for (const kind of KINDS) {
          const served = table.routes.filter((r) => r.items.includes(kind) && !r.region);
          if (!served.some((r) => r.kind === 'in-app')) continue;
          for (const abuse of ABUSE_KINDS) expect(served.some((r) => r.abuse.includes(abuse)), `${kind} ${abuse}`).toBe(true);
        }
      });
    });
  }

  it('refuses a permalink the page put on another domain (in-app routes open the item only on the platform)', () => {
    const x = routeTableFor('x')!;
    const inApp = x.routes.find((r) => r.id === 'x-in-app-post')!;
    const item: RouteItem = { kind: 'post', platform: 'x', permalink: 'https://x.com.evil.example/status/1', hasMedia: false };
    expect(routeUrl(inApp, item, x)).toBeNull();
    expect(routeUrl(inApp, { ...item, permalink: 'http://x.com/a/status/1' }, x)).toBeNull();
    expect(routeUrl(inApp, { ...item, permalink: 'javascript:alert(1)' }, x)).toBeNull();
    expect(routeUrl(inApp, { ...item, permalink: 'https://user@x.com/a/status/1' }, x)).toBeNull();
    expect(routeUrl(inApp, { ...item, permalink: 'https://mobile.x.com/a/status/1' }, x)).toBe('https://mobile.x.com/a/status/1');
  });
});
