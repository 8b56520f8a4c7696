import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

describe('locales', () => {
  const catalogues: Record<string, Catalogue> = { en, es };
  it('Spanish has exactly the English keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
  for (const [lang, cat] of Object.entries(catalogues)) {
    it(`${lang}: every placeholder used is declared and every message is non-empty`, () => {
      for (const [key, entry] of Object.entries(cat)) {
        expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
        const declared = Object.keys(entry.placeholders ?? {});
        expect(used.sort(), `${lang}.${key}`).toEqual(declared.sort());
        expect(Object.keys((en as Catalogue)[key]?.placeholders ?? {}).sort(), `${lang}.${key} vs en`).toEqual(declared.sort());
      }
    });
  }
});
