/**
 * Every supported site, one adapter each, behind the one SiteAdapter interface.
 * Order matters where hosts overlap: Messenger (facebook.com/messages/…) before Facebook.
 * A convention test (conventions.test.ts) fails when an adapter here lacks hosts, selectors, fixtures or report routes.
 */
import { facebookAdapter } from './facebook/adapter';
import { instagramAdapter } from './instagram/adapter';
import { messengerAdapter } from './messenger/adapter';
import type { SiteAdapter } from './types';
import { xAdapter } from './x/adapter';

export const SITES: readonly SiteAdapter[] = [xAdapter, instagramAdapter, messengerAdapter, facebookAdapter];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITES.find((s) => s.matches(url));
}
