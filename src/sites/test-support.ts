/**
 * For tests: every site's adapter as its content script runs it, in the registry's order, found from the descriptors
 * (src/sites/<id>/site.ts exports it, with the descriptor's platform as its id). Production code never needs the
 * list: each content script imports the sites it runs.
 */
import { SITE_DESCRIPTORS } from './registry';
import type { SiteAdapter } from './types';

const modules = import.meta.glob<Record<string, unknown>>('./*/site.ts', { eager: true });

function isAdapter(value: unknown): value is SiteAdapter {
  const a = value as Partial<SiteAdapter> | null;
  return typeof a === 'object' && a !== null && typeof a.matches === 'function' && typeof a.findTargets === 'function' && typeof a.extract === 'function';
}

export const SITE_ADAPTERS: readonly SiteAdapter[] = SITE_DESCRIPTORS.map((site) => {
  const exported = Object.values(modules[`./${site.id}/site.ts`] ?? {});
  const adapter = exported.find((v): v is SiteAdapter => isAdapter(v) && v.id === site.platform);
  if (!adapter) throw new Error(`src/sites/${site.id}/site.ts exports no adapter with id "${site.platform}"`);
  return adapter;
});

/** The adapter that handles the URL (no two adapters claim one URL: Facebook's leaves /messages/ to Messenger's). */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((s) => s.matches(url));
}
