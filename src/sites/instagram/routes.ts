/**
 * Where to report on Instagram (issue #14): data, read by the adapter's reportRoutes(content) and by the report flow's
 * choice (src/reporting/routes.ts). Order is preference. Facts from the project's notes on reporting, gathered late
 * 2026. Confidence: the in-app steps are high; both help.instagram.com contact forms are MEDIUM (form numbers as
 * gathered; Meta renumbers forms without notice), and the person is told so in the route's note.
 */
import type { ItemKind } from '../../model/evidence';
import { ABUSE_KINDS } from '../../model/report';
import type { RouteDef, RouteTable } from '../../reporting/routes';
import { STOP_NCII, TAKE_IT_DOWN } from '../shared-routes';

const CHECKED = '2026-12-01';
const SOURCE = 'help.instagram.com ("Report something"), as gathered in the project notes, late 2026';
const ALL_ITEMS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];
const inApp = { kind: 'in-app', abuse: ABUSE_KINDS, itemUrl: true, checked: CHECKED, source: SOURCE, confidence: 'high' } as const;

export const instagramRoutes: RouteTable = {
  platform: 'instagram',
  domains: ['instagram.com'],
  routes: [
    {
      id: 'instagram-form-impersonation',
      kind: 'form',
      abuse: ['impersonation'],
      items: ALL_ITEMS,
      url: 'https://help.instagram.com/contact/636276399721841',
      label: { key: 'rtInstagramFormImpersonationLabel', en: 'Instagram form: report an account pretending to be you' },
      steps: (item) =>
        item.profileUrl
          ? { key: 'rtInstagramFormImpersonationStepsLink', en: "Paste the account's profile link ($1) and have a photo of your ID ready.", args: [item.profileUrl] }
          : { key: 'rtInstagramFormImpersonationSteps', en: "Paste the account's profile link and have a photo of your ID ready." },
      note: { key: 'rtInstagramFormImpersonationNote', en: 'Photo ID required; no Instagram account needed. Medium confidence.' },
      checked: CHECKED,
      source: SOURCE,
      confidence: 'medium',
    },
    STOP_NCII,
    TAKE_IT_DOWN,
    {
      id: 'instagram-form-community-guidelines',
      kind: 'form',
      abuse: ['harassment', 'threats', 'private-information', 'intimate-images'],
      items: ALL_ITEMS,
      url: 'https://help.instagram.com/contact/383679321740945',
      label: { key: 'rtInstagramFormCommunityGuidelinesLabel', en: 'Instagram form: report content that breaks the Community Guidelines' },
      steps: { key: 'rtInstagramFormCommunityGuidelinesSteps', en: 'Open the form and paste the link to the item (copied for you) where it asks for the content.' },
      note: { key: 'rtInstagramFormCommunityGuidelinesNote', en: 'Medium confidence: form address as gathered in late 2026.' },
      checked: CHECKED,
      source: SOURCE,
      confidence: 'medium',
    },
    {
      ...inApp,
      id: 'instagram-in-app-post',
      items: ['post'],
      label: { key: 'rtInstagramInAppPostLabel', en: 'Report the post in Instagram' },
      steps: { key: 'rtInstagramInAppPostSteps', en: 'Open the post, tap ⋯ (More options) at its top → Report, choose the reason (for example bullying or harassment) and follow the prompts. The account is not told who reported it.' },
    },
    {
      ...inApp,
      id: 'instagram-in-app-comment',
      items: ['comment', 'reply'],
      label: { key: 'rtInstagramInAppCommentLabel', en: 'Report the comment in Instagram' },
      steps: { key: 'rtInstagramInAppCommentSteps', en: 'Open the post and find the comment. In the app: swipe left on it (iPhone) or long-press it (Android) and tap Report. On the web: hover the comment, click ⋯ → Report. Reports are anonymous.' },
    },
    {
      ...inApp,
      id: 'instagram-in-app-profile',
      items: ['profile'],
      label: { key: 'rtInstagramInAppProfileLabel', en: 'Report the account in Instagram' },
      steps: { key: 'rtInstagramInAppProfileSteps', en: 'Open the profile, tap ⋯ at the top → Report → Report account, then choose why (for example pretending to be someone, or bullying or harassment).' },
    },
    {
      ...inApp,
      id: 'instagram-in-app-dm',
      items: ['dm-message'],
      label: { key: 'rtInstagramInAppDmLabel', en: 'Report the message in Instagram' },
      steps: { key: 'rtInstagramInAppDmSteps', en: 'In the chat, long-press the message (web: hover it and click ⋯) → Report, then follow the prompts. Reporting is anonymous; capture first, since reported chats can disappear from view.' },
    },
    {
      ...inApp,
      id: 'instagram-in-app-dm-conversation',
      items: ['dm-thread'],
      label: { key: 'rtInstagramInAppDmConversationLabel', en: 'Report the conversation in Instagram' },
      steps: { key: 'rtInstagramInAppDmConversationSteps', en: 'Open the chat, tap the name or ⓘ at the top → Report, then follow the prompts. Single messages: long-press (web: hover, ⋯) → Report.' },
    },
  ] satisfies RouteDef[],
};
