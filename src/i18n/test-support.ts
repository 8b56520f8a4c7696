/**
 * For tests: a message catalogue from public/_locales looked up the way browsers do (named placeholders → their
 * "$1"… content → the substitutions; "$$" is a dollar sign; '' for a key the catalogue lacks), and a way to make
 * wxt's fake browser speak it.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import ptBR from '../../public/_locales/pt_BR/messages.json';

export type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
export const CATALOGUES = { en, es, pt_BR: ptBR, fr } as unknown as Record<'en' | 'es' | 'pt_BR' | 'fr', Catalogue>;

export function getMessageFrom(cat: Catalogue): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions) => {
    const entry = Object.hasOwn(cat, key) ? cat[key] : undefined;
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const named = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (m: string, name: string) => named[name.toLowerCase()] ?? m)
      .replace(/\$(\$|\d)/g, (_m: string, n: string) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
  };
}

/** Makes browser.i18n.getMessage answer from `lang`'s catalogue; returns the function that puts the old one back. */
export function speak(lang: keyof typeof CATALOGUES): () => void {
  const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown };
  const before = i18n.getMessage;
  i18n.getMessage = getMessageFrom(CATALOGUES[lang]);
  return () => {
    i18n.getMessage = before;
  };
}
