/**
 * Where to report on Facebook (issue #14): data, read by the adapter's reportRoutes(content) and by the report flow's
 * choice (src/reporting/routes.ts). Order is preference. Facts from the project's notes on reporting, gathered late
 * 2026. Confidence: the in-app "Find support or report" steps are high; both facebook.com/help/contact forms are
 * MEDIUM (form numbers as gathered; Meta renumbers forms without notice), said in the routes' notes.
 * Harassment, threats and private information have no Facebook web form: the item's own ⋯ menu is the route.
 */
import type { ItemKind } from '../../model/evidence';
import { ABUSE_KINDS } from '../../model/report';
import type { RouteDef, RouteTable } from '../../reporting/routes';
import { STOP_NCII, TAKE_IT_DOWN } from '../shared-routes';

const CHECKED = '2026-12-01';
const SOURCE = 'facebook.com/help ("How to report things"), as gathered in the project notes, late 2026';
const ALL_ITEMS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];

/** Meta's forms, shared with Messenger (its conversations are reported to Meta on facebook.com). */
export const FACEBOOK_INTIMATE_FORM: RouteDef = {
  id: 'facebook-form-intimate-images',
  kind: 'form',
  abuse: ['intimate-images'],
  items: ALL_ITEMS,
  url: 'https://www.facebook.com/help/contact/567360146613371',
  label: { key: 'rtFacebookFormIntimateImagesLabel', en: 'Facebook form: intimate images shared without consent' },
  steps: { key: 'rtFacebookFormIntimateImagesSteps', en: 'Paste the link (copied for you) to the post, comment, profile or conversation into the form.' },
  note: { key: 'rtFacebookFormIntimateImagesNote', en: 'medium confidence' },
  checked: CHECKED,
  source: SOURCE,
  confidence: 'medium',
};

export const FACEBOOK_IMPERSONATION_FORM: RouteDef = {
  id: 'facebook-form-impersonation',
  kind: 'form',
  abuse: ['impersonation'],
  items: ALL_ITEMS,
  url: 'https://www.facebook.com/help/contact/169486816475808',
  label: { key: 'rtFacebookFormImpersonationLabel', en: 'Facebook form: an account pretending to be you or someone else' },
  steps: { key: 'rtFacebookFormImpersonationSteps', en: 'Paste the link to the impersonating profile.' },
  note: { key: 'rtFacebookFormImpersonationNote', en: 'no account needed (medium confidence)' },
  checked: CHECKED,
  source: SOURCE,
  confidence: 'medium',
};

const inApp = { kind: 'in-app', abuse: ABUSE_KINDS, itemUrl: true, checked: CHECKED, source: SOURCE, confidence: 'high' } as const;

export const facebookRoutes: RouteTable = {
  platform: 'facebook',
  domains: ['facebook.com'],
  routes: [
    FACEBOOK_INTIMATE_FORM,
    FACEBOOK_IMPERSONATION_FORM,
    TAKE_IT_DOWN,
    STOP_NCII,
    {
      ...inApp,
      id: 'facebook-in-app-post',
      items: ['post'],
      label: { key: 'rtFacebookInAppPostLabel', en: 'Report this post on Facebook' },
      steps: { key: 'rtFacebookInAppPostSteps', en: 'On the post, open ⋯ (top right) → "Find support or report" (or "Report post"), then follow the steps.' },
    },
    {
      ...inApp,
      id: 'facebook-in-app-comment',
      items: ['comment', 'reply'],
      label: { key: 'rtFacebookInAppCommentLabel', en: 'Report this comment on Facebook' },
      steps: { key: 'rtFacebookInAppCommentSteps', en: 'Hover over the comment, open ⋯ next to it → "Report comment" / "Find support or report".' },
    },
    {
      ...inApp,
      id: 'facebook-in-app-profile',
      items: ['profile'],
      label: { key: 'rtFacebookInAppProfileLabel', en: 'Report this profile on Facebook' },
      steps: { key: 'rtFacebookInAppProfileSteps', en: 'On the profile, open ⋯ (next to Message) → "Find support or report", then follow the steps.' },
    },
  ] satisfies RouteDef[],
};
