/**
 * Choosing what the Get help page shows: the region (saved choice, else the browser's language region, else the
 * international list), the regions' names in the page's language, and the entries in the page's order.
 */
import { type HelpEntry, type HelpRegion, INTL, REGIONS } from '../../help/regions';

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): HelpRegion | undefined {
  return BY_CODE.get(code);
}

/** The region part of a language tag ("es-EC" → "EC", "en_GB" → "GB", "zh-Hant-TW" → "TW"), or null ("es", "es-419"). */
export function regionOfLanguage(tag: string | undefined | null): string | null {
  if (!tag) return null;
  const m = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2})(?:[-_]|$)/i.exec(tag.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * The region to show: the person's saved choice when it is a region we have; else the first language tag (the
 * browser's UI language first, then its preferred languages) whose region we have; else the international list.
 */
export function chooseRegion(saved: string, languages: readonly (string | undefined | null)[]): string {
  if (saved && BY_CODE.has(saved)) return saved;
  for (const tag of languages) {
    const region = regionOfLanguage(tag);
    if (region && BY_CODE.has(region)) return region;
  }
  return INTL;
}

/** Regions for the <select>: the international list first, then the countries by their name in `lang`. */
export function regionOptions(lang: string, intlLabel: string): { code: string; label: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  } catch {
    names = null;
  }
  const countries = REGIONS.filter((r) => r.code !== INTL).map((r) => ({ code: r.code, label: names?.of(r.code) ?? r.code }));
  countries.sort((a, b) => a.label.localeCompare(b.label, lang));
  return [{ code: INTL, label: intlLabel }, ...countries];
}

export type HelpGroup = 'danger' | 'hotlines' | 'police' | 'organisations' | 'platforms';
export const HELP_GROUPS: readonly HelpGroup[] = ['danger', 'hotlines', 'police', 'organisations', 'platforms'];

/** The group an entry is shown in: the emergency number first, then helplines, police, organisations, platforms. */
export function groupOf(entry: HelpEntry): HelpGroup {
  if (entry.emergency) return 'danger';
  switch (entry.kind) {
    case 'hotline':
      return 'hotlines';
    case 'police':
      return 'police';
    case 'organisation':
      return 'organisations';
    case 'platform':
      return 'platforms';
  }
}

/** The region's entries in page order, grouped; empty groups left out. Order within a group is the data's. */
export function groupEntries(entries: readonly HelpEntry[]): { group: HelpGroup; entries: HelpEntry[] }[] {
  return HELP_GROUPS.map((group) => ({ group, entries: entries.filter((e) => groupOf(e) === group) })).filter((g) => g.entries.length > 0);
}

/** A tel: address for a number as written in the data (spaces dropped); null when it is not digits, spaces and a leading +. */
export function telHref(number: string): string | null {
  return /^\+?[0-9][0-9 ]*$/.test(number) ? `tel:${number.replace(/ /g, '')}` : null;
}

/** Only https addresses become links. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The address as a person reads it: host and path, without https:// and www. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = `${u.pathname}${u.search}`.replace(/\/$/, '');
    return `${u.hostname.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}
