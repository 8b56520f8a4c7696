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
import { type RouteDef, type RouteItem, type RouteSteps, type RouteTable, whoOf } from '../../reporting/routes';
import { TAKE_IT_DOWN } from '../shared-routes';

const HELP = 'https://help.x.com/forms';
const CHECKED = '2026-12-01';
const SOURCE = 'help.x.com (forms and "How to report violations"), as gathered in the project notes, late 2026';
const POSTS: readonly ItemKind[] = ['post', 'reply', 'comment'];
const ALL_ITEMS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];

/** A form's steps naming the item's account ($1); the "paste the link" sentence follows when a link was copied. */
const formSteps = (key: string, en: string) => (item: RouteItem): RouteSteps => ({ key, en, args: [whoOf(item)], paste: !!item.permalink });

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
      label: { key: 'rtXFormHarassmentLabel', en: 'Harassment and threats form' },
      steps: formSteps('rtXFormHarassmentSteps', 'Choose the issue that fits (harassment, violent threats…) and name $1.'),
    },
    {
      ...base,
      id: 'x-form-private-information',
      kind: 'form',
      abuse: ['private-information'],
      items: ALL_ITEMS,
      url: `${HELP}/safety-and-sensitive-content/private-information`,
      label: { key: 'rtXFormPrivateInformationLabel', en: 'Private information form (doxxing, private photos)' },
      steps: formSteps('rtXFormPrivateInformationSteps', 'Use this when $1 shares your address, phone, workplace or private photos.'),
    },
    {
      ...base,
      id: 'x-form-take-it-down',
      kind: 'form',
      abuse: ['intimate-images'],
      items: ALL_ITEMS,
      url: `${HELP}/safety-and-sensitive-content/take-it-down`,
      label: { key: 'rtXFormTakeItDownLabel', en: 'Intimate images shared without consent' },
      steps: (item) => ({ key: 'rtXFormTakeItDownSteps', en: 'For intimate images of you shared without your consent.', paste: !!item.permalink }),
      note: { key: 'rtXFormTakeItDownNote', en: 'US law; no account needed' },
    },
    {
      ...base,
      id: 'x-form-impersonation',
      kind: 'form',
      abuse: ['impersonation'],
      items: ALL_ITEMS,
      url: 'https://help.x.com/en/forms/authenticity/impersonation',
      label: { key: 'rtXFormImpersonationLabel', en: 'Impersonation form' },
      steps: formSteps('rtXFormImpersonationSteps', 'Use this if $1 pretends to be you or someone you represent.'),
      note: { key: 'rtXFormImpersonationNote', en: 'photo ID required' },
    },
    { ...TAKE_IT_DOWN, confidence: 'medium' },
    {
      ...base,
      id: 'x-form-dsa',
      kind: 'form',
      abuse: ABUSE_KINDS,
      items: ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread'],
      build: dsaUrl,
      label: { key: 'rtXFormDsaLabel', en: 'Illegal content in the EU (Digital Services Act)' },
      steps: { key: 'rtXFormDsaSteps', en: 'The form opens with this item already filled in; choose the law it breaks and explain.' },
      note: { key: 'rtXFormDsaNote', en: 'EU only' },
      region: 'EU',
    },
    {
      ...base,
      id: 'x-form-netzdg',
      kind: 'form',
      abuse: ABUSE_KINDS,
      items: ['post', 'reply'],
      build: netzdgUrl,
      label: { key: 'rtXFormNetzdgLabel', en: 'Illegal content in Germany (NetzDG)' },
      steps: { key: 'rtXFormNetzdgSteps', en: 'The form opens with this post filled in.' },
      note: { key: 'rtXFormNetzdgNote', en: 'Germany only' },
      region: 'DE',
    },
    {
      ...base,
      id: 'x-in-app-post',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: POSTS,
      itemUrl: true,
      label: { key: 'rtXInAppPostLabel', en: 'Report the post in X' },
      steps: { key: 'rtXInAppPostSteps', en: 'Open the post, select ⋯ (More) → Report post, say who it affects and pick the issue. You can add more posts from the same account to one report.' },
    },
    {
      ...base,
      id: 'x-in-app-profile',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['profile'],
      itemUrl: true,
      label: { key: 'rtXInAppProfileLabel', en: 'Report the account in X' },
      steps: (item) => ({ key: 'rtXInAppProfileSteps', en: 'On the profile, select ⋯ (More) → Report $1, say who it affects and pick the issue; you can add posts as examples.', args: [whoOf(item)] }),
    },
    {
      ...base,
      id: 'x-in-app-dm',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['dm-message'],
      itemUrl: true,
      label: { key: 'rtXInAppDmLabel', en: 'Report the message in X' },
      steps: { key: 'rtXInAppDmSteps', en: 'In the conversation, hover over the message (long-press on a phone), open its ⋯ menu → Report. Reported messages can disappear from your inbox: capture first.' },
    },
    {
      ...base,
      id: 'x-in-app-dm-conversation',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['dm-thread'],
      itemUrl: true,
      label: { key: 'rtXInAppDmConversationLabel', en: 'Report the conversation in X' },
      steps: (item) => ({ key: 'rtXInAppDmConversationSteps', en: 'Open the conversation, select its info (ⓘ) → Report $1. Reported messages can disappear from your inbox: capture first.', args: [whoOf(item)] }),
    },
  ] satisfies RouteDef[],
};
