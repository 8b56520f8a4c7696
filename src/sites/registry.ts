/**
 * Every supported site, one descriptor each (src/sites/<id>/descriptor.ts), and what the rest of the extension
 * derives from them: content-script matches, host permissions, the supported-host checks, platform names and the
 * export schema's platform list. Pure data: the build config (wxt.config.ts), the model's `Platform` type, the
 * background and the export read it, so it imports nothing but the descriptors (scripts/check-architecture.mjs).
 * Adding a site: src/sites/README.md.
 *
 * The reading code is the site's adapter (src/sites/<id>/adapter.ts), which its content script
 * (src/entrypoints/<id>.content.ts) runs. The order here is the order of the export schema's platform list.
 */
import { facebookDescriptor } from './facebook/descriptor';
import { instagramDescriptor } from './instagram/descriptor';
import { messengerDescriptor } from './messenger/descriptor';
import type { SiteDescriptor } from './site-descriptor';
import { xDescriptor } from './x/descriptor';

export const SITE_DESCRIPTORS = [xDescriptor, instagramDescriptor, facebookDescriptor, messengerDescriptor] as const satisfies readonly SiteDescriptor[];

export type { SiteDescriptor } from './site-descriptor';
/** A supported site's id (its folder under src/sites/). */
export type SiteId = (typeof SITE_DESCRIPTORS)[number]['id'];
/** The platform of a supported site, as records store it. */
export type SitePlatform = (typeof SITE_DESCRIPTORS)[number]['platform'];
/** Records of pages on any other site (captured from the toolbar, menu or shortcut) have this platform. */
export const OTHER_PLATFORM = 'web';

/** Every platform a record may have, in the export schema's order: the supported sites', then `web`. */
export const RECORD_PLATFORMS: readonly (SitePlatform | typeof OTHER_PLATFORM)[] = [...SITE_DESCRIPTORS.map((s) => s.platform), OTHER_PLATFORM];

/** The descriptor of a site by its id. */
export function siteById(id: SiteId): SiteDescriptor {
  const site = SITE_DESCRIPTORS.find((s) => s.id === id);
  if (!site) throw new Error(`no site "${id}" in src/sites/registry.ts`);
  return site;
}

/** A content script's (and a host permission's) match pattern for a host. */
export const matchPattern = (host: string): string => `https://${host}/*`;

/** The match patterns of a site's content script. */
export function contentScriptMatches(id: SiteId): string[] {
  return siteById(id).hosts.map(matchPattern);
}

/** Hosts where a content script runs (the toolbar's and context menu's "supported site"). */
export const SUPPORTED_HOSTS: readonly string[] = SITE_DESCRIPTORS.flatMap((s) => s.hosts);

/** The manifest's required host permissions: one per supported host. */
export const HOST_PERMISSIONS: readonly string[] = SUPPORTED_HOSTS.map(matchPattern);

/** The platform's name as people know it ("the web" for any other site); unknown values are returned as they are. */
export function platformName(platform: string): string {
  if (platform === OTHER_PLATFORM) return 'the web';
  return SITE_DESCRIPTORS.find((s) => s.platform === platform)?.name ?? platform;
}

/** The platform of a page captured on `host` (any host under a site's domains), else `web`. */
export function platformForHost(host: string): SitePlatform | typeof OTHER_PLATFORM {
  const h = host.toLowerCase();
  for (const site of SITE_DESCRIPTORS) if (site.domains.some((d) => h === d || h.endsWith(`.${d}`))) return site.platform;
  return OTHER_PLATFORM;
}
