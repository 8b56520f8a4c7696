// @vitest-environment happy-dom
/**
 * Every X selector matches in each replica page it names, the table at the top of selectors.ts lists every
 * entry, and the adapter takes all of its CSS from the registry (and uses every entry).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectors } from './selectors';

const DIR = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'x.com');
const cache = new Map<string, Document>();
function fixture(name: string): Document {
  let doc = cache.get(name);
  if (!doc) {
    doc = new DOMParser().parseFromString(readFileSync(join(DIR, name), 'utf8'), 'text/html');
    cache.set(name, doc);
  }
  return doc;
}

describe('X selector registry', () => {
  for (const [name, entry] of Object.entries(selectors)) {
    it(`${name} matches in every fixture it names`, () => {
      expect(entry.fixtures.length).toBeGreaterThan(0);
      for (const f of entry.fixtures) {
        expect(existsSync(join(DIR, f)), `${f} exists`).toBe(true);
        expect(fixture(f).querySelectorAll(entry.css).length, `${name} (${entry.css}) in ${f}`).toBeGreaterThan(0);
      }
    });
  }

  it('uses stable hooks only (no generated or utility class names)', () => {
    for (const [name, entry] of Object.entries(selectors)) {
      expect(entry.css, name).not.toMatch(/\.(css|r)-[0-9a-z]+|\.[a-z]+-[a-z0-9[\]]+/);
      expect(['high', 'medium', 'low']).toContain(entry.stability);
    }
  });

  it('the table at the top of selectors.ts lists every entry with its CSS', () => {
    const src = readFileSync(resolve(import.meta.dirname, 'selectors.ts'), 'utf8');
    const header = src.slice(0, src.indexOf('*/'));
    for (const [name, entry] of Object.entries(selectors)) {
      expect(header, name).toContain(`| ${name} `);
      expect(header, name).toContain(entry.css);
    }
  });

  it('the adapter has no selector strings of its own and uses every registry entry', () => {
    // The adapter is adapter.ts plus its whole-thread support, thread.ts, and its profile-with-posts support.
    const src = ['adapter.ts', 'thread.ts', 'profile-posts.ts'].map((f) => readFileSync(resolve(import.meta.dirname, f), 'utf8')).join('\n');
    expect(src).not.toMatch(/querySelector(All)?\(\s*['"`]/);
    expect(src).not.toMatch(/\.(closest|matches)\(\s*['"`]/);
    for (const name of Object.keys(selectors)) expect(src, `selector ${name} unused`).toMatch(new RegExp(`['"]${name}['"]`));
  });
});
