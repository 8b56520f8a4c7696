/**
 * What the registry derives from the site descriptors agrees everywhere it ends up: the content scripts' matches,
 * the manifest's host permissions (from wxt.config.ts, and in the built manifests when a build is present), the
 * supported-host checks, platform names and platforms.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { platformForHost } from '../capture/generic';
import {
  contentScriptMatches,
  HOST_PERMISSIONS,
  matchPattern,
  platformName,
  RECORD_PLATFORMS,
  SITE_DESCRIPTORS,
  SUPPORTED_HOSTS,
} from './registry';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface BuiltManifest {
  host_permissions?: string[];
  permissions?: string[];
  content_scripts?: { matches: string[]; js: string[] }[];
}

/** The manifest wxt.config.ts asks for (WXT adds the content scripts and, for MV2, folds host permissions into permissions). */
function configManifest(browser: 'chrome' | 'firefox'): BuiltManifest {
  const manifest = config.manifest as (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: 'build' | 'serve' }) => BuiltManifest;
  return manifest({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/** The newest change to what the manifest's sites come from (the site list and the build config). */
const siteListChanged = Math.max(
  ...[join(ROOT, 'wxt.config.ts'), join(ROOT, 'src', 'sites', 'registry.ts')]
    .concat(readdirSync(join(ROOT, 'src', 'sites')).map((d) => join(ROOT, 'src', 'sites', d, 'descriptor.ts')))
    .filter((f) => existsSync(f))
    .map((f) => statSync(f).mtimeMs),
);

describe('the site registry', () => {
  it('has one host permission per content-script host, and the content scripts cover exactly those', () => {
    expect(HOST_PERMISSIONS).toEqual(SUPPORTED_HOSTS.map(matchPattern));
    expect(sorted(SITE_DESCRIPTORS.flatMap((s) => contentScriptMatches(s.id)))).toEqual(sorted(HOST_PERMISSIONS));
    // The sites' hosts as released, written out here so that dropping one (people's open tabs lose their controls) is
    // a visible decision. Adding a site needs no change here.
    expect(HOST_PERMISSIONS).toEqual(
      expect.arrayContaining(['https://x.com/*', 'https://twitter.com/*', 'https://www.instagram.com/*', 'https://www.facebook.com/*', 'https://www.messenger.com/*']),
    );
  });

  it('gives wxt.config.ts its host permissions', () => {
    if (process.env.HOLDFAST_TEST_GRANT_ALL_URLS === '1') return;
    expect(configManifest('chrome').host_permissions).toEqual([...HOST_PERMISSIONS]);
    expect(configManifest('firefox').host_permissions).toEqual([...HOST_PERMISSIONS]);
  });

  for (const [browser, dir] of [
    ['chrome', 'chrome-mv3'],
    ['firefox', 'firefox-mv2'],
  ] as const) {
    const file = join(ROOT, '.output', dir, 'manifest.json');
    // Only a build made since the site list last changed can agree with it (npm run build).
    const current = existsSync(file) && statSync(file).mtimeMs >= siteListChanged;
    it.skipIf(!current)(`agrees with the built ${browser} manifest (.output/${dir}, when built since the site list changed)`, () => {
      const built = JSON.parse(readFileSync(file, 'utf8')) as BuiltManifest;
      const hosts = (browser === 'chrome' ? built.host_permissions : built.permissions)?.filter((p) => p.startsWith('https://')) ?? [];
      expect(sorted(hosts)).toEqual(sorted(HOST_PERMISSIONS));
      for (const site of SITE_DESCRIPTORS) {
        const script = built.content_scripts?.find((c) => c.js.includes(`content-scripts/${site.id}.js`));
        expect(script, `${site.id} content script`).toBeTruthy();
        expect(sorted(script!.matches)).toEqual(sorted(contentScriptMatches(site.id)));
      }
    });
  }

  it('names every platform and maps every host of a site to its platform', () => {
    expect(RECORD_PLATFORMS).toEqual([...SITE_DESCRIPTORS.map((s) => s.platform), 'web']);
    for (const site of SITE_DESCRIPTORS) {
      expect(platformName(site.platform)).toBe(site.name);
      for (const h of [...site.hosts, ...site.otherHosts.filter((o) => !SUPPORTED_HOSTS.includes(o))]) expect(platformForHost(h), h).toBe(site.platform);
    }
    expect(platformName('web')).toBe('the web');
    expect(platformForHost('example.org')).toBe('web');
  });
});
