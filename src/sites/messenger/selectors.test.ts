// @vitest-environment happy-dom
/**
 * Every selector in the Messenger registry matches at least one element in each replica page it names, and the
 * table at the top of selectors.ts documents every registered key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, loadDocument } from '../facebook/replica-fixtures';
import { messengerAdapter } from './adapter';
import { selectors } from './selectors';

const docs = new Map<string, Document>();
function fixture(file: string): Document | undefined {
  if (!docs.has(file)) {
    const path = fixturePath(messengerAdapter.fixtureDir, file);
    if (!path) return undefined;
    docs.set(file, loadDocument(path, 'https://www.messenger.com/'));
  }
  return docs.get(file);
}

describe('messenger selectors', () => {
  it('the adapter exposes this registry', () => {
    expect(messengerAdapter.selectors).toBe(selectors);
  });

  for (const [key, entry] of Object.entries(selectors)) {
    it(`${key} (${entry.css}) matches in ${entry.fixtures.join(', ')}`, () => {
      expect(entry.fixtures.length).toBeGreaterThan(0);
      expect(entry.purpose.length).toBeGreaterThan(0);
      for (const f of entry.fixtures) {
        const doc = fixture(f);
        expect(doc, `fixture ${f} exists`).toBeDefined();
        expect(doc!.querySelector(entry.css), `${key} in ${f}`).not.toBeNull();
      }
    });
  }

  it('the table at the top of selectors.ts lists every key', () => {
    const src = readFileSync(join(import.meta.dirname, 'selectors.ts'), 'utf8');
    const header = src.slice(0, src.indexOf('*/'));
    for (const key of Object.keys(selectors)) expect(header, key).toMatch(new RegExp(`\\|\\s*${key}\\s*\\|`));
  });
});
