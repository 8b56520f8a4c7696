/**
 * Every message id the code uses exists in the English and the Spanish catalogues: `t('id', …)`,
 * `browser.i18n.getMessage('id')`, `__MSG_id__` in pages and the manifest, and the `kind_<kind>` labels.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import { ITEM_KINDS } from '../model/evidence';

const ROOT = resolve(import.meta.dirname, '..', '..');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield p;
  }
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const sources = [...files(join(ROOT, 'src')), join(ROOT, 'wxt.config.ts')];
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    for (const re of [/\bt\(\s*'([A-Za-z0-9_]+)'/g, /\bt\(\s*"([A-Za-z0-9_]+)"/g, /getMessage\(\s*['"]([A-Za-z0-9_]+)['"]/g, /__MSG_([A-Za-z0-9_]+)__/g]) {
      for (const m of text.matchAll(re)) used.set(m[1]!, file.slice(ROOT.length + 1));
    }
  }
  for (const k of ITEM_KINDS) used.set(`kind_${k.replace('-', '_')}`, 'src/i18n/t.ts (kindLabel)');
  return used;
}

describe('message ids used in code', () => {
  const used = usedKeys();
  it('finds the ids (the scan works)', () => {
    expect(used.size).toBeGreaterThan(100);
    for (const k of ['threadControlDm', 'threadControlProfile', 'threadStop', 'boundStart', 'boundErrDate', 'threadSavedPartial', 'extName']) expect(used.has(k), k).toBe(true);
  });
  for (const [lang, cat] of Object.entries({ en, es } as Record<string, Record<string, unknown>>)) {
    it(`every id exists in ${lang}`, () => {
      const missing = [...used].filter(([k]) => !(k in cat)).map(([k, f]) => `${k} (${f})`);
      expect(missing).toEqual([]);
    });
  }
  it('the Spanish whole-thread texts say "bóveda" for the vault (never "archivo", which also means a file)', () => {
    const cat = es as Record<string, { message: string }>;
    for (const [k, v] of Object.entries(cat)) if (/^(thread|bound)/.test(k)) expect(v.message, k).not.toMatch(/\barchivo\b/i);
    for (const [k, v] of Object.entries(cat)) if (/^threadSaved/.test(k)) expect(v.message, k).toContain('en tu bóveda');
  });
});
