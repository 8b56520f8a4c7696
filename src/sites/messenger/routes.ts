/**
 * Where to report on Messenger (issue #14): data, read by the adapter's reportRoutes(content) and by the report flow's
 * choice (src/reporting/routes.ts). Order is preference. Messenger is Meta's: its web forms live on facebook.com (listed
 * in `domains`). Facts from the project's notes on reporting, gathered late 2026; the facebook.com contact forms are
 * MEDIUM confidence (see src/sites/facebook/routes.ts).
 */
import { ABUSE_KINDS } from '../../model/report';
import type { RouteDef, RouteTable } from '../../reporting/routes';
import { FACEBOOK_IMPERSONATION_FORM, FACEBOOK_INTIMATE_FORM } from '../facebook/routes';
import { STOP_NCII, TAKE_IT_DOWN } from '../shared-routes';

export const messengerRoutes: RouteTable = {
  platform: 'messenger',
  domains: ['messenger.com', 'facebook.com'],
  routes: [
    FACEBOOK_INTIMATE_FORM,
    FACEBOOK_IMPERSONATION_FORM,
    TAKE_IT_DOWN,
    STOP_NCII,
    {
      id: 'messenger-in-app',
      kind: 'in-app',
      abuse: ABUSE_KINDS,
      items: ['dm-message', 'dm-thread'],
      itemUrl: true,
      label: { key: 'rtMessengerInAppLabel', en: 'Report this conversation in Messenger' },
      steps: {
        key: 'rtMessengerInAppSteps',
        en: 'Open the conversation, open its information panel (ⓘ or the name at the top) → "Privacy & support" → "Report" (or "Something\'s wrong"). Meta reviews recent messages from the chat. Capture first: reporting or blocking can hide messages.',
      },
      checked: '2026-12-01',
      source: 'Messenger help ("Report a conversation"), as gathered in the project notes, late 2026',
      confidence: 'high',
    },
  ] satisfies RouteDef[],
};
