/**
 * Report routes as data, and the pure choice of the one to open (issue #14). Each site keeps its table beside its
 * selectors (src/sites/<site>/routes.ts); this module holds the shape, the URL rules and the choice, and imports only
 * the model (scripts/check-architecture.mjs), so the content script, the background and the pages share it.
 *
 * Choice: the order of a table is its preference. For an item and a kind of abuse, the first route that serves both,
 * has a URL, and is open to everyone (not EU- or Germany-only, not the minors' service unless asked for) wins; when no
 * such route exists, the item's own in-app report flow (its permalink, opened so the person can use ⋯ → Report).
 */
import type { ExtractedContent, ItemKind, Platform, ReportRoute } from '../model/evidence';
import { ABUSE_KINDS, type AbuseKind } from '../model/report';

export type RouteKind = 'in-app' | 'form' | 'external';

/**
 * A route's text for people: its message key (public/_locales, prefix `rt`) and its English, the same words with $1,
 * $2… where the `args` go. The site tables hold only this data (no extension API there); the pages, the content script
 * and the background translate it with the person's catalogue (renderText with a Translate), English when a key is
 * missing.
 */
export interface RouteText {
  key: string;
  en: string;
  args?: readonly RouteArg[];
}
/** An argument: shown as is (a handle, a link), or a text translated too ("the account"). */
export type RouteArg = string | RouteText;
/** A route's steps; `paste` adds the separate "paste the link" sentence (PASTE_LINK) after them. */
export interface RouteSteps extends RouteText {
  paste?: boolean;
}
/** Looks a message up in the person's language: its text, or undefined / '' when the catalogue has no such key. */
export type Translate = (key: string, substitutions: string[]) => string | undefined;

/** Said after a form's steps when the item's link was copied for the person. */
export const PASTE_LINK: RouteText = { key: 'rtPasteLink', en: 'Paste the link (copied for you) where the form asks for it.' };
/** Who the steps name when the item has no handle. */
export const THE_ACCOUNT: RouteText = { key: 'rtTheAccount', en: 'the account' };
/** "@handle", or "the account" (translated) when the item has no handle. */
export const whoOf = (item: RouteItem): RouteArg => (item.handle ? `@${item.handle}` : THE_ACCOUNT);

/** The text in the person's language when `translate` has it, else the English with the arguments put in. */
export function renderText(text: RouteText, translate?: Translate): string {
  const args = (text.args ?? []).map((a) => (typeof a === 'string' ? a : renderText(a, translate)));
  let local: string | undefined;
  try {
    local = translate?.(text.key, args);
  } catch {
    local = undefined;
  }
  return local || text.en.replace(/\$(\d)/g, (m: string, n: string) => args[Number(n) - 1] ?? m);
}

/** The steps of a route for an item, as data (undefined: the route has none). */
export function stepsOf(def: Pick<RouteDef, 'steps'>, item: RouteItem): RouteSteps | undefined {
  return typeof def.steps === 'function' ? def.steps(item) : def.steps;
}

/** Steps as words: the route's own sentence, then the "paste the link" sentence when it asks for it. */
export function renderSteps(steps: RouteSteps | undefined, translate?: Translate): string | undefined {
  if (!steps) return undefined;
  const main = renderText(steps, translate);
  return steps.paste ? `${main} ${renderText(PASTE_LINK, translate)}` : main;
}

/** A route's label, steps for the item, and note as words (English without `translate`). */
export function routeWords(def: Pick<RouteDef, 'label' | 'steps' | 'note'>, item: RouteItem, translate?: Translate): { label: string; steps?: string; note?: string } {
  const steps = renderSteps(stepsOf(def, item), translate);
  return { label: renderText(def.label, translate), ...(steps ? { steps } : {}), ...(def.note ? { note: renderText(def.note, translate) } : {}) };
}

/** What a route needs to know about the item (read from the capture's content). */
export interface RouteItem {
  kind: ItemKind;
  platform: Platform;
  permalink?: string;
  itemId?: string;
  /** The author's handle, without "@". */
  handle?: string;
  profileUrl?: string;
  hasMedia: boolean;
}

export interface RouteDef {
  /** Stable id (stored in records and report entries; listed in the site's descriptor). */
  id: string;
  kind: RouteKind;
  /** The kinds of abuse the route takes. */
  abuse: readonly AbuseKind[];
  /** The item kinds it is offered for. */
  items: readonly ItemKind[];
  /** A fixed address (forms, external services). */
  url?: string;
  /** An address built from the item (X's DSA form pre-fills the item); undefined when the item lacks what it needs. */
  build?(item: RouteItem): string | undefined;
  /** In-app routes: the item's own permalink is opened (its ⋯ menu holds Report). */
  itemUrl?: true;
  /** The route's name: a message key and its English (records keep the English as shown then). */
  label: RouteText;
  /** What to do there; a function when the words name the item's account or depend on its link. */
  steps?: RouteSteps | ((item: RouteItem) => RouteSteps);
  /** Scope and conditions: "EU only", "US law", "no account needed". */
  note?: RouteText;
  /** Routes only some people may use: never chosen by default. */
  region?: 'EU' | 'DE';
  /** For images taken before the person was 18 (Take It Down): chosen only when the person says so. */
  minors?: true;
  /** Offered only for items with pictures or video. */
  needsMedia?: true;
  /** The day the route was last checked (YYYY-MM-DD). */
  checked: string;
  /** Where the route's address and scope come from. */
  source: string;
  /** How sure the facts are; 'medium' is said in the table's comment and shown to the person as a note. */
  confidence: 'high' | 'medium';
}

/** A site's table: its routes and the registrable domains their URLs may point at (besides EXTERNAL_SERVICES). */
export interface RouteTable {
  platform: Platform;
  domains: readonly string[];
  routes: readonly RouteDef[];
}

/** Services outside the platforms that Holdfast may open: only these, only for the routes that name them. */
export const EXTERNAL_SERVICES = ['stopncii.org', 'takeitdown.ncmec.org'] as const;

/** What the person says about the abuse: its kind, and for intimate images whether they were taken before 18. */
export interface AbuseChoice {
  abuse: AbuseKind;
  minor?: boolean;
}

export function hostAllowed(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** True when `url` is an https address on the table's own domains or, for external routes, a listed service. */
export function urlAllowed(url: string, table: RouteTable, kind: RouteKind): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return hostAllowed(u.hostname, kind === 'external' ? EXTERNAL_SERVICES : table.domains);
}

export function routeItemOf(content: Pick<ExtractedContent, 'kind' | 'platform' | 'permalink' | 'itemId' | 'author' | 'media'>): RouteItem {
  return {
    kind: content.kind,
    platform: content.platform,
    ...(content.permalink ? { permalink: content.permalink } : {}),
    ...(content.itemId ? { itemId: content.itemId } : {}),
    ...(content.author?.handle ? { handle: content.author.handle } : {}),
    ...(content.author?.profileUrl ? { profileUrl: content.author.profileUrl } : {}),
    hasMedia: (content.media?.length ?? 0) > 0,
  };
}

/** The address a route opens for the item (null: it has none for this item, or it would leave the allowed domains). */
export function routeUrl(def: RouteDef, item: RouteItem, table: RouteTable): string | null {
  // A builder puts the item's link into the form: never a link the page pointed elsewhere.
  if (def.build && item.permalink && !urlAllowed(item.permalink, table, 'in-app')) return null;
  const url = def.build ? def.build(item) : def.itemUrl ? item.permalink : def.url;
  return url && urlAllowed(url, table, def.kind) ? url : null;
}

function offered(def: RouteDef, item: RouteItem): boolean {
  return def.items.includes(item.kind) && (!def.needsMedia || item.hasMedia);
}

/** Every route the table offers for the item, in table order (what the adapter records as `reportRoutes`). */
export function routesFor(table: RouteTable, item: RouteItem, translate?: Translate): ReportRoute[] {
  const out: ReportRoute[] = [];
  // The item's own in-app flow first (how records have always listed them), then the forms in table order.
  const ordered = [...table.routes.filter((d) => d.kind === 'in-app'), ...table.routes.filter((d) => d.kind !== 'in-app')];
  for (const def of ordered) {
    if (!offered(def, item)) continue;
    const url = routeUrl(def, item, table);
    if (def.kind !== 'in-app' && !url) continue;
    const { label, ...words } = routeWords(def, item, translate);
    out.push({ id: def.id, label, ...(url ? { url } : {}), ...words });
  }
  if (item.permalink && urlAllowed(item.permalink, table, 'in-app')) {
    out.push({ id: COPY_PERMALINK.id, label: renderText(COPY_PERMALINK.label, translate), url: item.permalink, steps: renderSteps(COPY_PERMALINK.steps, translate)! });
  }
  return out;
}

/** The last route every item with a link gets (not in the site tables; listed in each descriptor). */
export const COPY_PERMALINK = {
  id: 'copy-permalink',
  label: { key: 'rtCopyPermalinkLabel', en: 'Copy the link to this item' },
  steps: { key: 'rtCopyPermalinkSteps', en: 'Copy this link into the report form or your incident log.' },
} as const satisfies Pick<RouteDef, 'id' | 'label'> & { steps: RouteSteps };

/** The route to open and what to tell the person. */
export interface ChosenRoute {
  def: RouteDef;
  url: string;
  steps?: string;
  /** Where the copied permalink goes: a form's field, or the item's own ⋯ → Report (nothing to paste). */
  paste: 'form' | 'in-app';
  /** The item's own in-app steps when a form was chosen (the person may prefer reporting in the app). */
  inAppSteps?: string;
}

/**
 * The best route for the item and the abuse: the first general route in table order that serves both and has a URL;
 * for images taken before 18 a minors' route first; else the item's own in-app flow at its permalink. Null when
 * nothing can be opened (no form for this abuse and the item has no link).
 */
export function chooseRoute(table: RouteTable, item: RouteItem, choice: AbuseChoice, translate?: Translate): ChosenRoute | null {
  const serving = table.routes.filter((d) => offered(d, item) && d.abuse.includes(choice.abuse) && !d.region);
  const ordered = choice.minor && choice.abuse === 'intimate-images' ? [...serving.filter((d) => d.minors), ...serving.filter((d) => !d.minors)] : serving.filter((d) => !d.minors);
  const pick = (def: RouteDef): ChosenRoute | null => {
    const url = routeUrl(def, item, table);
    if (!url) return null;
    const steps = renderSteps(stepsOf(def, item), translate);
    return { def, url, ...(steps ? { steps } : {}), paste: def.kind === 'in-app' ? 'in-app' : 'form' };
  };
  const inApp = table.routes.find((d) => d.kind === 'in-app' && offered(d, item));
  const inAppSteps = inApp ? renderSteps(stepsOf(inApp, item), translate) : undefined;
  for (const def of ordered.filter((d) => d.kind !== 'in-app')) {
    const chosen = pick(def);
    if (chosen) return inAppSteps ? { ...chosen, inAppSteps } : chosen;
  }
  for (const def of ordered.filter((d) => d.kind === 'in-app')) {
    const chosen = pick(def);
    if (chosen) return chosen;
  }
  return null;
}

/** True when the answer depends on the kind of abuse (the chooser asks); false when every kind leads to one route. */
export function needsAbuseChoice(table: RouteTable, item: RouteItem): boolean {
  const ids = new Set(ABUSE_KINDS.map((abuse) => chooseRoute(table, item, { abuse })?.def.id ?? ''));
  return ids.size > 1;
}

/** A route by id from the table (the background resolves the URL itself; it never takes one from a page). */
export function routeById(table: RouteTable, id: string): RouteDef | undefined {
  return table.routes.find((d) => d.id === id);
}

/** Valid YYYY-MM-DD that is a real calendar day. */
export function isCheckedDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** What the report of an account needs: its handle (without "@") and its profile address as the page gave it. */
export interface RouteAccount {
  handle?: string;
  profileUrl?: string;
}

/**
 * Where to report an ACCOUNT (a pile-on's repliers, issue #14), from the site's table: the in-app profile route at the
 * account's profile (only when that address is on the platform's own domains), then the general help forms that take
 * profiles, in table order. Left out: region-only forms (EU, Germany), routes that pre-fill an item (they would name
 * the wrong thing), external services (they are for the person's own images) and the minors' service. With `abuse`,
 * only the routes that take that kind. Empty when nothing can be opened.
 */
export function routesForAccount(table: RouteTable, account: RouteAccount, abuse?: AbuseKind, translate?: Translate): ReportRoute[] {
  const handle = account.handle?.trim().replace(/^@/, '');
  const profile = account.profileUrl && urlAllowed(account.profileUrl, table, 'in-app') ? new URL(account.profileUrl).href : undefined;
  const item: RouteItem = { kind: 'profile', platform: table.platform, ...(profile ? { permalink: profile } : {}), ...(handle ? { handle } : {}), hasMedia: false };
  const out: ReportRoute[] = [];
  const ordered = [...table.routes.filter((d) => d.kind === 'in-app'), ...table.routes.filter((d) => d.kind === 'form')];
  for (const def of ordered) {
    if (!offered(def, item) || def.region || def.minors || def.build) continue;
    if (abuse && !def.abuse.includes(abuse)) continue;
    const url = routeUrl(def, item, table);
    if (!url) continue;
    // A form's steps are written without a link to paste: nothing was copied for an account (its profile opens in-app).
    const { permalink: _link, ...unlinked } = item;
    const { label, ...words } = routeWords(def, def.kind === 'in-app' ? item : unlinked, translate);
    out.push({ id: def.id, label, url, ...words });
  }
  return out;
}

/**
 * A route a record or a report entry stored (in the words of the day it was stored), as shown now: when its route
 * still exists, the current words in the person's language (steps only when the item they name is known: `item`);
 * else what was stored. The id and the address never change.
 */
export function shownRoute(table: RouteTable | undefined, stored: ReportRoute, item: RouteItem | undefined, translate?: Translate): ReportRoute {
  const def = stored.id === COPY_PERMALINK.id ? COPY_PERMALINK : table ? routeById(table, stored.id) : undefined;
  if (!def) return stored;
  const note = 'note' in def && def.note ? { note: renderText(def.note, translate) } : stored.note ? { note: stored.note } : {};
  const current = item ? stepsOf(def, item) : typeof def.steps === 'function' ? undefined : def.steps;
  const steps = current ? renderSteps(current, translate) : stored.steps;
  return { id: stored.id, label: renderText(def.label, translate), ...(stored.url ? { url: stored.url } : {}), ...(steps ? { steps } : {}), ...note };
}

/** The name to show for a stored report entry's route: the current words for its routeId when that route exists. */
export function shownRouteLabel(table: RouteTable | undefined, entry: { routeId?: string; routeLabel?: string }, translate?: Translate): string | undefined {
  const def = entry.routeId && table ? routeById(table, entry.routeId) : undefined;
  return def ? renderText(def.label, translate) : entry.routeLabel;
}
