/**
 * The message catalogues in public/_locales: every folder parses, every translation has every English key with the
 * same placeholders, and nothing is left empty or silently in English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string; example?: string }> };
type Catalogue = Record<string, Entry>;

const LOCALES_DIR = resolve(import.meta.dirname, '..', '..', 'public', '_locales');
const EN = en as Catalogue;

/** The translations that must be complete (every English key). */
const COMPLETE = ['es', 'pt_BR', 'fr'] as const;

/**
 * Messages that may read exactly as in English. Everywhere: brand names, "OK" and URLs. Per language: words that are
 * spelled the same in that language (checked one by one; anything else equal to English is an untranslated text).
 */
const BRANDS_PLACEHOLDERS_URLS = /Holdfast|Instagram|Facebook|Messenger|WhatsApp|\bX\b|\bOK\b|\bURL\b|https?:\/\/\S+|\$[A-Za-z0-9_@]+\$/g;
/** True for a message made only of brand names, "OK", URLs, placeholders and punctuation (e.g. "WhatsApp: $NUMBER$"). */
function sameEverywhere(message: string): boolean {
  return message.replace(BRANDS_PLACEHOLDERS_URLS, '').replace(/[\s\p{P}\p{S}]/gu, '') === '';
}
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  es: [],
  pt_BR: ['recLink'],
  fr: [
    'kind_dm_message',
    'kind_dm_thread',
    'kind_page',
    'popupOptions',
    'threadCountMessages',
    'peopleColContacts',
    'peopleSuggestions',
    'peopleContactsNone',
    'peopleNotes',
    'peopleIdTypeLabel',
    'journalTitle',
    'journalKind_message',
    'journalQuickNote',
    'journalVersionsTitle',
    'journalVersionN',
    'patternAxisCount',
    'patternPlatformAdded',
    'navJournal',
    'recJVersions',
    'helpSource',
  ],
};

function localeFolders(): string[] {
  return readdirSync(LOCALES_DIR).filter((name) => statSync(join(LOCALES_DIR, name)).isDirectory());
}

function readCatalogue(folder: string): Catalogue {
  return JSON.parse(readFileSync(join(LOCALES_DIR, folder, 'messages.json'), 'utf8')) as Catalogue;
}

function placeholdersUsed(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
}

/** English keys the catalogue lacks. */
function missingKeys(cat: Catalogue): string[] {
  return Object.keys(EN).filter((k) => !(k in cat));
}

/** Keys whose placeholders (used in the text, or the declared objects) differ from English. */
function placeholderMismatches(cat: Catalogue): string[] {
  return Object.entries(cat)
    .filter(([key, entry]) => {
      const base = EN[key];
      if (!base) return false;
      const sameUse = JSON.stringify(placeholdersUsed(entry.message)) === JSON.stringify(placeholdersUsed(base.message));
      return !sameUse || JSON.stringify(entry.placeholders) !== JSON.stringify(base.placeholders);
    })
    .map(([key]) => key);
}

/** Keys whose message is the English text, apart from brand names, "OK", URLs and the language's allow-list. */
function leftInEnglish(lang: string, cat: Catalogue): string[] {
  const allowed = new Set(SAME_AS_ENGLISH[lang] ?? []);
  return Object.keys(cat).filter(
    (k) => EN[k] !== undefined && cat[k]!.message === EN[k].message && !sameEverywhere(cat[k]!.message) && !allowed.has(k),
  );
}

describe('locale folders', () => {
  it('are the expected ones, named as Chrome and Firefox accept them', () => {
    expect(localeFolders().sort()).toEqual(['en', 'es', 'fr', 'pt_BR']);
  });

  for (const folder of localeFolders()) {
    it(`${folder}: messages.json is valid JSON made of {message, placeholders?} entries`, () => {
      const text = readFileSync(join(LOCALES_DIR, folder, 'messages.json'), 'utf8');
      let parsed: unknown;
      expect(() => {
        parsed = JSON.parse(text);
      }, `${folder}/messages.json`).not.toThrow();
      expect(typeof parsed).toBe('object');
      for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
        expect(key, `${folder}: key name`).toMatch(/^[A-Za-z0-9_@]+$/);
        expect(typeof (entry as Entry).message, `${folder}.${key}.message`).toBe('string');
        const extra = Object.keys(entry as object).filter((k) => k !== 'message' && k !== 'placeholders' && k !== 'description');
        expect(extra, `${folder}.${key}: unknown fields`).toEqual([]);
      }
    });
  }
});

describe('catalogues', () => {
  for (const folder of localeFolders()) {
    const cat = readCatalogue(folder);

    it(`${folder}: every placeholder used is declared, and every message is non-empty`, () => {
      for (const [key, entry] of Object.entries(cat)) {
        expect(entry.message.trim(), `${folder}.${key}`).not.toBe('');
        expect(placeholdersUsed(entry.message), `${folder}.${key}`).toEqual(Object.keys(entry.placeholders ?? {}).sort());
      }
    });

    if (folder === 'en') continue;

    it(`${folder}: has no key that English lacks`, () => {
      expect(Object.keys(cat).filter((k) => !(k in EN))).toEqual([]);
    });

    it(`${folder}: each message uses the same placeholders as English, declared exactly as in English`, () => {
      const bad = placeholderMismatches(cat);
      expect(bad, `${folder}: placeholders differ from English in ${bad.join(', ')}`).toEqual([]);
    });
  }

  for (const lang of COMPLETE) {
    const cat = readCatalogue(lang);

    it(`${lang}: has every English key`, () => {
      const missing = missingKeys(cat);
      expect(missing, `${lang} lacks ${missing.length} English keys: ${missing.join(', ')}`).toEqual([]);
    });

    it(`${lang}: no message is left in English (apart from the allow-list)`, () => {
      const same = leftInEnglish(lang, cat);
      expect(same, `${lang}: messages identical to English: ${same.join(', ')}`).toEqual([]);
    });

    it(`${lang}: the allow-list names only keys that really read as in English`, () => {
      for (const k of SAME_AS_ENGLISH[lang] ?? []) expect(cat[k]?.message, `${lang}.${k}`).toBe(EN[k]?.message);
    });
  }

  it('every locale keeps the name and description within the store limits (75 and 132 characters)', () => {
    for (const folder of localeFolders()) {
      const cat = readCatalogue(folder);
      expect(cat.extName?.message.length ?? 0, `${folder}.extName`).toBeLessThanOrEqual(75);
      expect(cat.extDescription?.message.length ?? 0, `${folder}.extDescription`).toBeLessThanOrEqual(132);
    }
  });

  it('fr: no ordinary space before : ; ! ? » or after « (French typography uses a no-break space)', () => {
    const bad = Object.entries(readCatalogue('fr'))
      .filter(([, e]) => / [:;!?»]|« /.test(e.message))
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('fr: apostrophes are typographic (’), as in the rest of the French catalogue', () => {
    const bad = Object.entries(readCatalogue('fr'))
      .filter(([, e]) => e.message.includes("'"))
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('pt_BR and fr keep the brand names and platform names of the English text', () => {
    for (const lang of ['pt_BR', 'fr']) {
      const cat = readCatalogue(lang);
      for (const [key, entry] of Object.entries(EN)) {
        for (const brand of ['Holdfast', 'Instagram', 'Facebook', 'Messenger', 'WhatsApp']) {
          if (entry.message.includes(brand)) expect(cat[key]?.message, `${lang}.${key} keeps ${brand}`).toContain(brand);
        }
      }
    }
  });
});

describe('the checks catch bad catalogues', () => {
  it('a missing key, a renamed or re-declared placeholder and an untranslated message are each reported by key', () => {
    const broken: Catalogue = { ...readCatalogue('fr') };
    delete broken.extName;
    broken.controlLabel = { message: 'Conserver : $TYPE$', placeholders: { type: { content: '$1' } } };
    broken.toastSaved = { message: 'Conservé : fiche n° $SEQ$.', placeholders: { seq: { content: '$2' } } };
    broken.vaultVerify = { message: EN.vaultVerify!.message };
    broken.vaultTitle = { message: 'Holdfast' };
    broken.helpWhatsapp = { message: 'WhatsApp: $NUMBER$', placeholders: EN.helpWhatsapp?.placeholders };
    broken.toastFailed = { message: 'Not saved: $REASON$', placeholders: EN.toastFailed?.placeholders };
    expect(missingKeys(broken)).toEqual(['extName']);
    expect(placeholderMismatches(broken).sort()).toEqual(['controlLabel', 'toastSaved']);
    expect(leftInEnglish('fr', broken).sort()).toEqual(['toastFailed', 'vaultVerify']);
    expect(leftInEnglish('pt_BR', { ...readCatalogue('pt_BR'), journalTitle: { message: 'Journal' } })).toEqual(['journalTitle']);
  });
});
