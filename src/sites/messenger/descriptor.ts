import type { SiteDescriptor } from '../site-descriptor';

export const messengerDescriptor = {
  id: 'messenger',
  platform: 'messenger',
  name: 'Messenger',
  hosts: ['www.messenger.com'],
  // Conversations at www.facebook.com/messages/t/…: the Facebook content script runs this adapter there too.
  otherHosts: ['www.facebook.com'],
  domains: ['messenger.com'],
  fixtureDir: 'www.messenger.com',
  reportRoutes: ['messenger-in-app', 'facebook-form-intimate-images', 'facebook-form-impersonation', 'stopncii', 'take-it-down', 'copy-permalink'],
} as const satisfies SiteDescriptor;
