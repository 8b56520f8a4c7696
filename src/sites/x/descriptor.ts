import type { SiteDescriptor } from '../site-descriptor';

export const xDescriptor = {
  id: 'x',
  platform: 'x',
  name: 'X',
  hosts: ['x.com', 'twitter.com'],
  otherHosts: ['mobile.x.com'],
  domains: ['x.com', 'twitter.com'],
  fixtureDir: 'x.com',
  reportRoutes: [
    'x-in-app-post',
    'x-in-app-profile',
    'x-in-app-dm',
    'x-in-app-dm-conversation',
    'x-form-impersonation',
    'x-form-harassment',
    'x-form-private-information',
    'x-form-take-it-down',
    'x-form-dsa',
    'x-form-netzdg',
    'take-it-down',
    'copy-permalink',
  ],
} as const satisfies SiteDescriptor;
