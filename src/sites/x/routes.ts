/**
 * Where to report on X (issue #14): data, read by the adapter's reportRoutes(content) and by the report flow's choice
 * (src/reporting/routes.ts). Order is preference. Facts from the project's notes on reporting, gathered late 2026
 * (docs/notes "Reporting entry points"): `checked` is the day they were last checked against X's help centre.
 * Confidence: the in-app steps and the help.x.com forms are high; Take It Down listing X as a participating platform
 * is medium (NCMEC's list changes; the route is offered for images of minors on every site because it works without
 * the platform: the image is fingerprinted on the person's own device).
 */
import type { ItemKind } from '../../model/evidence';
import { ABUSE_KINDS } from '../../model/report';
import type { RouteDef, RouteItem, RouteTable } from '../../reporting/routes';
import { TAKE_IT_DOWN } from '../shared-routes';

const HELP = 'https://help.x.com/forms';
const CHECKED = '2026-12-01';
const SOURCE = 'help.x.com (forms and "How to report violations"), as gathered in the project notes, late 2026';
const POSTS: readonly ItemKind[] = ['post', 'reply', 'comment'];
const ALL_ITEMS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];

const who = (item: RouteItem) => (item.handle ? `@${item.handle}` : 'the account');
const paste = (item: RouteItem) => (item.permalink ? ' Paste the link (copied for you) where the form asks for it.' : '');

const CONTENT_TYPE: Partial<Record<ItemKind, string>> = { post: 'post', reply: 'post', comment: 'post', profile: 'profile', 'dm-message': 'dm_message', 'dm-thread': 'dm_conversation' };

/** X's EU Digital Services Act form, pre-filled the way X's own client does (content_id, content_type, content_author). */
export function dsaUrl(item: RouteItem): string | undefined {
  if (!item.permalink) return undefined;
  const params = new URLSearchParams();
  params.set('content_id', item.permalink);
  params.set('content_type', CONTENT_TYPE[item.kind] ?? 'post');
  if (item.handle) params.set('content_author', `@${item.handle}`);
  return `${HELP}/dsa/report?${params.toString()}`;
}

function netzdgUrl(item: RouteItem): string | undefined {
  if (!item.itemId) return undefined;
  const params = new URLSearchParams({ content_id: item.itemId, content_type: 'Tweet' });
  if (item.handle) params.set('content_author', `@${item.handle}`);
  return `${HELP}/netzwerkdurchsetzungsgesetz?${params.toString()}`;
}

const base = { checked: CHECKED, source: SOURCE, confidence: 'high' } as const;

export const xRoutes: RouteTable = {
  platform: 'x',
  domains: ['x.com', 'twitter.com'],
  routes: [
    {
      ...base,
      id: 'x-form-harassment',
      kind: 'form',
      abuse: ['harassment', 'threats'],
      items: ALL_ITEMS,
      url: `${HELP}/safety-and-sensitive-content/violent-threats`,
      label: 'Harassment and threats form',
      steps: (item) => `Choose the issue that fits (harassment, violent threats…) and name ${who(item)}.${paste(item)}`,
    },
    {
      ...base,
      id: 'x-form-private-information',
      kind: 'form',
      abuse: ['private-information'],
      items: ALL_ITEMS,
      url: `${HELP}/safety-and-sensitive-content/private-information`,
      label: 'Private information form (doxxing, private photos)',
      steps: (item) => `Use this when ${who(item)} shares your address, phone, workplace or private photos.${paste(item)}`,
    },
    {
      ...base,
      id: 'x-form-take-it-down',
      kind: 'form',
      abuse: ['intimate-images'],
      items: ALL_ITEMS,
      url: `${HELP}/safety-and-sensitive-content/take-it-down`,
      label: 'Intimate images shared without consent',
      steps: (item) => `For intimate images of you shared without your consent.${paste(item)}`,
      note: 'US law; no account needed',
    },
    {
      ...base,
      id: 'x-form-impersonation',
      kind: 'form',
      abuse: ['impersonation'],
      items: ALL_ITEMS,
      url: 'https://help.x.com/en/forms/authenticity/impersonation',
      label: 'Impersonation form',
      steps: (item) => `Use this if ${who(item)} pretends to be you or someone you represent.${paste(item)}`,
      note: 'photo ID required',
    },
    { ...TAKE_IT_DOWN, confidence: 'medium' },
    {
      ...base,
      id: 'x-form-dsa',
      kind: 'form',
      abuse: ABUSE_KINDS,
      items: ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread'],
      build: dsaUrl,
      label: 'Illegal content in the EU (Digital Services Act)',
      steps: 'The form opens with this item already filled in; choose the law it breaks and explain.',
      note: 'EU only',
      region: 'EU',
    },
    {
      ...base,
      id: 'x-form-netzdg',
      kind: 'form',
      abuse: ABUSE_KINDS,
      items: ['post', 'reply'],
      build: netzdgUrl,
      label: 'Illegal content in Germany (NetzDG)',
      steps: 'The form opens with this post filled in.',
      note: 'Germany only',
      region: 'DE',
    },
    {
      ...base,
      id: 'x-in-app-post',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: POSTS,
      itemUrl: true,
      label: 'Report the post in X',
      steps: 'Open the post, select ⋯ (More) → Report post, say who it affects and pick the issue. You can add more posts from the same account to one report.',
    },
    {
      ...base,
      id: 'x-in-app-profile',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['profile'],
      itemUrl: true,
      label: 'Report the account in X',
      steps: (item) => `On the profile, select ⋯ (More) → Report ${who(item)}, say who it affects and pick the issue; you can add posts as examples.`,
    },
    {
      ...base,
      id: 'x-in-app-dm',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['dm-message'],
      itemUrl: true,
      label: 'Report the message in X',
      steps: 'In the conversation, hover over the message (long-press on a phone), open its ⋯ menu → Report. Reported messages can disappear from your inbox: capture first.',
    },
    {
      ...base,
      id: 'x-in-app-dm-conversation',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['dm-thread'],
      itemUrl: true,
      label: 'Report the conversation in X',
      steps: (item) => `Open the conversation, select its info (ⓘ) → Report ${who(item)}. Reported messages can disappear from your inbox: capture first.`,
    },
  ] satisfies RouteDef[],
};
