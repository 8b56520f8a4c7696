import type { SiteDescriptor } from '../site-descriptor';

export const facebookDescriptor = {
  id: 'facebook',
  platform: 'facebook',
  name: 'Facebook',
  hosts: ['www.facebook.com'],
  otherHosts: ['facebook.com', 'web.facebook.com'],
  domains: ['facebook.com'],
  fixtureDir: 'www.facebook.com',
  reportRoutes: [
    'facebook-in-app-post',
    'facebook-in-app-comment',
    'facebook-in-app-profile',
    'facebook-form-intimate-images',
    'facebook-form-impersonation',
    'stopncii',
    'take-it-down',
    'copy-permalink',
  ],
} as const satisfies SiteDescriptor;
