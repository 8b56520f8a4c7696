// @vitest-environment happy-dom
/**
 * Conventions every site adapter must keep (refined-github style): registered, hosts covered by a content
 * script, every selector proven by a fixture, every fixture's items extract and get report routes, and no
 * selector strings hiding outside the site's selectors.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_DESCRIPTORS, siteById } from './registry';
import { SITE_ADAPTERS as SITES } from './test-support';

const ROOT = resolve(import.meta.dirname, '..', '..');
const REPLICAS = join(ROOT, 'test', 'replicas');
const ENTRYPOINTS = join(ROOT, 'src', 'entrypoints');

/** Parsed fixtures, read-only here: each page is parsed once however many selectors name it (real pages are large). */
const parsed = new Map<string, Document>();

function loadDocument(file: string, url: string): Document {
  void url;
  const known = parsed.get(file);
  if (known) return known;
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = readFileSync(file, 'utf8').replace(/<!doctype[^>]*>/i, '');
  parsed.set(file, doc);
  return doc;
}

const contentScripts = new Map(
  readdirSync(ENTRYPOINTS)
    .filter((n) => n.endsWith('.content.ts'))
    .map((n) => [n.replace(/\.content\.ts$/, ''), readFileSync(join(ENTRYPOINTS, n), 'utf8')]),
);
const siteFolders = readdirSync(join(ROOT, 'src', 'sites'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('site adapter conventions', () => {
  it('registers at least the three platforms, each site folder once, each with its content script', () => {
    expect(SITES.map((s) => s.id)).toEqual(expect.arrayContaining(['facebook', 'instagram', 'messenger', 'x']));
    expect(siteFolders.sort()).toEqual(SITE_DESCRIPTORS.map((d) => d.id).sort());
    expect([...contentScripts.keys()].sort()).toEqual(SITE_DESCRIPTORS.map((d) => d.id).sort());
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(SITE_DESCRIPTORS.map((d) => d.platform)), 'platforms are unique').toBe(true);
    expect(unique(SITE_DESCRIPTORS.flatMap((d) => d.hosts)), 'no host has two content scripts').toBe(true);
  });

  for (const site of SITES) {
    describe(site.id, () => {
      const descriptor = SITE_DESCRIPTORS.find((d) => d.platform === site.id)!;
      it('takes its id, hosts and fixture folder from its descriptor, and handles its hosts', () => {
        expect(descriptor.hosts.length).toBeGreaterThan(0);
        expect(site.hosts).toEqual([...descriptor.hosts, ...descriptor.otherHosts]);
        expect(site.fixtureDir).toBe(descriptor.fixtureDir);
        expect(existsSync(join(REPLICAS, descriptor.fixtureDir)), `test/replicas/${descriptor.fixtureDir}`).toBe(true);
        for (const h of descriptor.domains) expect(site.hosts.some((x) => x === h || x.endsWith(`.${h}`)), `${site.id}: domain ${h}`).toBe(true);
      });

      it('has a content script whose matches come from the registry (no host names written there)', () => {
        const src = contentScripts.get(descriptor.id) ?? '';
        expect(src).toContain(`matches: contentScriptMatches('${descriptor.id}')`);
        expect(src).not.toMatch(/https?:\/\//);
        expect(siteById(descriptor.id)).toBe(descriptor);
      });

      it('has selectors, each with fixtures that exist and in which it matches', () => {
        const entries = Object.entries(site.selectors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [name, sel] of entries) {
          expect(sel.fixtures.length, `${site.id}.${name} has no fixture`).toBeGreaterThan(0);
          for (const f of sel.fixtures) {
            const candidates = [join(REPLICAS, site.fixtureDir, f), ...readdirSync(REPLICAS).map((h) => join(REPLICAS, h, f)), join(ROOT, 'test', f)];
            const file = candidates.find((c) => existsSync(c));
            expect(file, `${site.id}.${name}: fixture ${f} missing`).toBeTruthy();
            const doc = loadDocument(file!, '');
            expect(doc.querySelector(sel.css), `${site.id}.${name} (${sel.css}) in ${f}`).not.toBeNull();
          }
        }
      }, 120_000); // real-page fixtures are large; parsing them took over 20 s on a loaded machine

      it('has replica pages with truth files, and report routes for every kind it captures', () => {
        const pages = readdirSync(REPLICAS)
          .flatMap((h) => (existsSync(join(REPLICAS, h)) ? readdirSync(join(REPLICAS, h)).filter((n) => n.endsWith('.truth.json')).map((n) => join(REPLICAS, h, n)) : []))
          .map((f) => ({ f, truth: JSON.parse(readFileSync(f, 'utf8')) as { url: string; targets: Record<string, number> } }))
          .filter(({ truth }) => site.matches(new URL(truth.url)));
        expect(pages.length, `${site.id}: no replica page with a truth file`).toBeGreaterThan(0);
        const kinds = new Set<string>();
        for (const { f, truth } of pages) {
          const doc = loadDocument(f.replace(/\.truth\.json$/, '.html'), truth.url);
          const url = new URL(truth.url);
          for (const target of site.findTargets(doc, { url, document: doc })) {
            if (kinds.has(target.kind)) continue;
            const content = site.extract(target, { url, document: doc });
            const routes = site.reportRoutes(content);
            expect(routes.length, `${site.id} ${target.kind}: no report route`).toBeGreaterThan(0);
            for (const r of routes) expect(descriptor.reportRoutes, `${site.id}: route ${r.id} is not in its descriptor`).toContain(r.id);
            expect(routes.every((r) => r.url || r.steps), `${site.id} ${target.kind}: a route with neither URL nor steps`).toBe(true);
            kinds.add(target.kind);
          }
        }
        expect(kinds.size, `${site.id}: no capturable item on its replica pages`).toBeGreaterThan(0);
      });

      it('keeps every selector in its selectors.ts (no inline data-testid/role/aria selectors in the adapter)', () => {
        const adapterSrc = readFileSync(join(ROOT, 'src', 'sites', site.id, 'adapter.ts'), 'utf8');
        const inline = [...adapterSrc.matchAll(/['"`]([^'"`\n]*\[(data-testid|role|aria-[a-z]+|data-[a-z-]+)[~^$*|]?=[^'"`\n]*)['"`]/g)].map((m) => m[1]);
        expect(inline).toEqual([]);
      });
    });
  }
});
