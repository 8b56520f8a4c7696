/** Every site's report-route table by platform (issue #14): the background resolves routes from these, never from a page. */
import type { Platform } from '../model/evidence';
import type { RouteTable } from '../reporting/routes';
import { facebookRoutes } from './facebook/routes';
import { instagramRoutes } from './instagram/routes';
import { messengerRoutes } from './messenger/routes';
import { xRoutes } from './x/routes';

export const ROUTE_TABLES: readonly RouteTable[] = [xRoutes, instagramRoutes, facebookRoutes, messengerRoutes];

export function routeTableFor(platform: Platform | string): RouteTable | null {
  return ROUTE_TABLES.find((t) => t.platform === platform) ?? null;
}
