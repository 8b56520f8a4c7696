/**
 * "Export everything" (issue #14: before removing Holdfast): from the options page, the vault page's footer or the
 * first-run line, the vault page's export dialog opens for the whole vault. Another page asks through the address
 * (`vault.html?export=all`); the vault page's own footer through requestExportAll().
 */
export const EXPORT_ALL_SEARCH = '?export=all';

const listeners = new Set<() => void>();

/** Opens the export dialog of this vault page (ExportHost listens). */
export function requestExportAll(): void {
  for (const l of listeners) l();
}

export function onExportAllRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * True when this page was opened to export everything; the request is taken off the address (a reload or going
 * back does not open the dialog again).
 */
export function takeExportAllFromAddress(loc: Pick<Location, 'search' | 'pathname' | 'hash'>, replace: (url: string) => void): boolean {
  if (new URLSearchParams(loc.search).get('export') !== 'all') return false;
  replace(`${loc.pathname}${loc.hash}`);
  return true;
}
