/**
 * What the rest of the extension needs to know about a supported site, as plain data: its descriptor
 * (src/sites/<id>/descriptor.ts). The registry (registry.ts) derives from the descriptors the content scripts'
 * matches, the manifest's host permissions, the supported-host checks, the platform names and the export
 * schema's platform list. Descriptors import nothing (the build config, the model and the background read them),
 * so they hold no reading code: that is the site's adapter.
 */
export interface SiteDescriptor {
  /** The site's folder under src/sites/ and its content script's name (src/entrypoints/<id>.content.ts). */
  readonly id: string;
  /** The records' `platform` (stored in records and exports: never renamed once released). */
  readonly platform: string;
  /** The platform's name as people know it (reports, the vault). */
  readonly name: string;
  /**
   * Hosts where the site's content script runs. Its matches (`https://<host>/*`), the extension's host permissions
   * and the "is this a supported site" checks (context menu, toolbar capture) all come from these.
   */
  readonly hosts: readonly string[];
  /**
   * Further hosts the adapter recognises in a URL but where this site's own content script does not run (a link to
   * mobile.x.com; Messenger's conversations inside www.facebook.com, served by the Facebook content script).
   */
  readonly otherHosts: readonly string[];
  /** Registrable domains: a page under any of them captured from the toolbar, menu or shortcut gets this platform. */
  readonly domains: readonly string[];
  /** The folder under test/replicas/ holding the site's replica pages. */
  readonly fixtureDir: string;
  /**
   * Report routes: the adapter's `reportRoutes(content)` builds them per item (from its kind, link and media). These
   * are the ids of every route it may offer; conventions.test.ts checks it offers no other on the replica pages.
   */
  readonly reportRoutes: readonly string[];
}
