/**
 * The report routes' words in four languages (issue #14): every text a route can show has its message key in en, es,
 * pt_BR and fr with the same placeholders, the English catalogue says what the table's English says, and a person
 * whose browser speaks Spanish gets Spanish labels and steps with the account's handle put in.
 */
import { describe, expect, it } from 'vitest';
import type { ReportRoute } from '../model/evidence';
import { CATALOGUES, getMessageFrom } from '../i18n/test-support';
import { ROUTE_TABLES, routeTableFor } from '../sites/routes';
import {
  chooseRoute,
  COPY_PERMALINK,
  PASTE_LINK,
  type RouteItem,
  type RouteText,
  renderText,
  routesFor,
  routesForAccount,
  shownRoute,
  shownRouteLabel,
  stepsOf,
  THE_ACCOUNT,
  type Translate,
} from './routes';

const LANGS = ['en', 'es', 'pt_BR', 'fr'] as const;
const spanish: Translate = (key, subs) => getMessageFrom(CATALOGUES.es)(key, subs);
const x = routeTableFor('x')!;

/** Items that reach every branch of a table's steps: with and without handle, link and profile. */
function itemsFor(platform: RouteItem['platform'], domain: string): RouteItem[] {
  return [
    { kind: 'post', platform, permalink: `https://www.${domain}/p/1`, itemId: '1', handle: 'someone', profileUrl: `https://www.${domain}/someone`, hasMedia: true },
    { kind: 'profile', platform, hasMedia: false },
  ];
}

/** Every text the routes can show, by key (a key always carries the same English). */
function allTexts(): Map<string, RouteText> {
  const out = new Map<string, RouteText>();
  const add = (t: RouteText) => {
    const seen = out.get(t.key);
    if (seen) expect(seen.en, t.key).toBe(t.en);
    out.set(t.key, t);
    for (const a of t.args ?? []) if (typeof a !== 'string') add(a);
  };
  for (const table of ROUTE_TABLES) {
    for (const def of table.routes) {
      add(def.label);
      if (def.note) add(def.note);
      for (const item of itemsFor(table.platform, table.domains[0]!)) {
        const s = stepsOf(def, item);
        if (s) add(s);
      }
    }
  }
  for (const t of [COPY_PERMALINK.label, COPY_PERMALINK.steps, PASTE_LINK, THE_ACCOUNT]) add(t);
  return out;
}

/** A catalogue message with its named placeholders resolved to their "$1"… content. */
function positional(lang: (typeof LANGS)[number], key: string): string | undefined {
  const e = CATALOGUES[lang][key];
  if (!e) return undefined;
  return e.message.replace(/\$([A-Za-z0-9_]+)\$/g, (m, name: string) => e.placeholders?.[name.toLowerCase()]?.content ?? m);
}

describe('report route texts in the catalogues', () => {
  const texts = allTexts();

  it('finds the texts of every route (labels, steps of every branch, notes, the shared sentences)', () => {
    const routes = new Set(ROUTE_TABLES.flatMap((t) => t.routes.map((r) => r.id)));
    expect(routes.size).toBe(25);
    // 25 labels + the link to copy, and more steps than routes (Instagram's impersonation form has two)
    expect([...texts.keys()].filter((k) => k.endsWith('Label'))).toHaveLength(26);
    expect(texts.size).toBe(65);
    for (const key of texts.keys()) expect(key, key).toMatch(/^rt[A-Z][A-Za-z]+$/);
  });

  for (const lang of LANGS) {
    it(`${lang}: has every key, with exactly the placeholders the text fills in`, () => {
      const missing = [...texts.keys()].filter((k) => !CATALOGUES[lang][k]);
      expect(missing).toEqual([]);
      for (const [key, text] of texts) {
        const message = positional(lang, key)!;
        expect(message, `${lang}.${key}: a placeholder without content`).not.toMatch(/\$[A-Za-z_]+\$/);
        const used = [...new Set(message.match(/\$\d/g) ?? [])].sort();
        const wanted = (text.args ?? []).map((_a, i) => `$${i + 1}`);
        expect(used, `${lang}.${key}`).toEqual(wanted);
      }
    });
  }

  it('en: the catalogue says what the route tables say (the tables keep the English fallback)', () => {
    for (const [key, text] of texts) expect(positional('en', key), key).toBe(text.en);
  });
});

describe('report routes in Spanish', () => {
  const post: RouteItem = { kind: 'post', platform: 'x', permalink: 'https://x.com/troll_1/status/1', itemId: '1', handle: 'troll_1', hasMedia: false };

  it('the chosen form: Spanish steps naming the handle, then the Spanish "paste the link" sentence', () => {
    const chosen = chooseRoute(x, post, { abuse: 'harassment' }, spanish)!;
    expect(chosen.def.id).toBe('x-form-harassment');
    expect(renderText(chosen.def.label, spanish)).toBe('Formulario de acoso y amenazas');
    expect(chosen.steps).toBe('Elige el problema que corresponda (acoso, amenazas violentas…) e indica @troll_1. Pega el enlace (ya copiado) donde el formulario lo pida.');
    expect(chosen.inAppSteps).toMatch(/^Abre la publicación, selecciona ⋯/);
    // the URL does not change with the language
    expect(chosen.url).toBe(chooseRoute(x, post, { abuse: 'harassment' })!.url);
  });

  it('an account without a handle is "la cuenta"; no link, no paste sentence', () => {
    const r = routesForAccount(x, { profileUrl: 'https://x.com/troll_1' }, undefined, spanish);
    expect(r[0]).toMatchObject({ id: 'x-in-app-profile', label: 'Denunciar la cuenta en X', url: 'https://x.com/troll_1' });
    expect(r[0]!.steps).toContain('Denunciar a la cuenta,');
    const named = routesForAccount(x, { handle: '@troll_1', profileUrl: 'https://x.com/troll_1' }, 'harassment', spanish);
    expect(named.map((n) => n.id)).toEqual(['x-in-app-profile', 'x-form-harassment']);
    expect(named[1]!.steps).toBe('Elige el problema que corresponda (acoso, amenazas violentas…) e indica @troll_1.');
    expect(named.some((n) => n.steps?.includes('Pega el enlace'))).toBe(false);
  });

  it('every route and note of every table reads in Spanish, never in English', () => {
    for (const table of ROUTE_TABLES) {
      const item = itemsFor(table.platform, table.domains[0]!)[0]!;
      for (const r of routesFor(table, item, spanish)) {
        const english = routesFor(table, item).find((e) => e.id === r.id)!;
        expect(r.label, r.id).not.toBe(english.label);
        if (r.steps) expect(r.steps, r.id).not.toBe(english.steps);
        if (r.note) expect(r.note, r.id).not.toBe(english.note);
        expect(r.url, r.id).toBe(english.url);
      }
    }
    const ig = routeTableFor('instagram')!;
    const imp = routesFor(ig, { kind: 'profile', platform: 'instagram', permalink: 'https://www.instagram.com/someone/', profileUrl: 'https://www.instagram.com/someone/', hasMedia: false }, spanish);
    expect(imp.find((r) => r.id === 'instagram-form-impersonation')!.steps).toBe('Pega el enlace al perfil de la cuenta (https://www.instagram.com/someone/) y ten a mano una foto de tu documento de identidad.');
  });

  it('falls back to the English where the catalogue has no key, or the lookup fails', () => {
    const none: Translate = () => '';
    const broken: Translate = () => {
      throw new Error('no i18n here');
    };
    const partial: Translate = (key, subs) => (key === 'rtTheAccount' ? 'la cuenta' : none(key, subs));
    for (const tr of [none, broken, undefined]) {
      expect(routesForAccount(x, { handle: 'troll_1', profileUrl: 'https://x.com/troll_1' }, undefined, tr)).toEqual(routesForAccount(x, { handle: 'troll_1', profileUrl: 'https://x.com/troll_1' }));
    }
    expect(chooseRoute(x, { ...post, handle: undefined }, { abuse: 'impersonation' }, partial)!.steps).toBe(
      'Use this if la cuenta pretends to be you or someone you represent. Paste the link (copied for you) where the form asks for it.',
    );
  });
});

describe('stored routes shown now', () => {
  const stored: ReportRoute = { id: 'x-in-app-profile', label: 'Report the account in X', url: 'https://x.com/troll_1', steps: 'On the profile, select ⋯ (More) → Report @troll_1, say who it affects and pick the issue; you can add posts as examples.' };
  const profile: RouteItem = { kind: 'profile', platform: 'x', permalink: 'https://x.com/troll_1', handle: 'troll_1', hasMedia: false };

  it('a route that still exists: its current words in the person’s language, same id and address', () => {
    expect(shownRoute(x, stored, profile, spanish)).toEqual({
      id: 'x-in-app-profile',
      label: 'Denunciar la cuenta en X',
      url: 'https://x.com/troll_1',
      steps: 'En el perfil, selecciona ⋯ (Más opciones) → Denunciar a @troll_1, indica a quién afecta y elige el problema; puedes añadir publicaciones como ejemplos.',
    });
    // the link to copy is in every record too
    expect(shownRoute(x, { id: 'copy-permalink', label: 'Copy the link to this item', url: profile.permalink! }, undefined, spanish)).toMatchObject({ label: 'Copiar el enlace a este elemento', url: profile.permalink });
  });

  it('steps that name the item keep their stored words when the item is not known', () => {
    expect(shownRoute(x, stored, undefined, spanish)).toEqual({ ...stored, label: 'Denunciar la cuenta en X' });
  });

  it('a route that no longer exists (or a platform without a table) shows what was stored', () => {
    const gone: ReportRoute = { id: 'x-form-abusive-user-2024', label: 'Abusive user form', url: 'https://help.x.com/forms/abusiveuser', steps: 'Fill it in.', note: 'old' };
    expect(shownRoute(x, gone, profile, spanish)).toBe(gone);
    expect(shownRoute(undefined, stored, profile, spanish)).toBe(stored);
  });

  it('a report entry’s label: the current words for its routeId, else the stored label', () => {
    expect(shownRouteLabel(x, { routeId: 'x-form-harassment', routeLabel: 'Harassment and threats form' }, spanish)).toBe('Formulario de acoso y amenazas');
    expect(shownRouteLabel(x, { routeId: 'x-form-harassment', routeLabel: 'Formulario viejo' })).toBe('Harassment and threats form');
    expect(shownRouteLabel(x, { routeId: 'x-gone', routeLabel: 'As it was shown' }, spanish)).toBe('As it was shown');
    expect(shownRouteLabel(x, { routeLabel: 'By hand: e-mail to the regulator' }, spanish)).toBe('By hand: e-mail to the regulator');
    expect(shownRouteLabel(undefined, { routeId: 'x-form-harassment', routeLabel: 'Stored' }, spanish)).toBe('Stored');
    expect(shownRouteLabel(x, {}, spanish)).toBeUndefined();
  });
});
