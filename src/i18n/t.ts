/** UI text goes through browser.i18n; keys are typed from the English catalogue. */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';
import type { ItemKind } from '../model/evidence';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  try {
    const text = browser.i18n.getMessage(key, substitutions.map(String));
    return text || key;
  } catch {
    return key;
  }
}

export function kindLabel(kind: ItemKind): string {
  return t(`kind_${kind.replace('-', '_')}` as MessageKey);
}

/**
 * The message in the person's language, or undefined when the catalogue has no such key: for texts whose keys come
 * with data (the report routes, src/reporting/routes.ts Translate) and that keep their own English otherwise.
 */
export function tMaybe(key: string, substitutions: string[] = []): string | undefined {
  try {
    return browser.i18n.getMessage(key as MessageKey, substitutions) || undefined;
  } catch {
    return undefined;
  }
}
