import type { SiteDescriptor } from '../site-descriptor';

export const instagramDescriptor = {
  id: 'instagram',
  platform: 'instagram',
  name: 'Instagram',
  hosts: ['www.instagram.com'],
  otherHosts: ['instagram.com'],
  domains: ['instagram.com'],
  fixtureDir: 'www.instagram.com',
  reportRoutes: [
    'instagram-in-app-post',
    'instagram-in-app-comment',
    'instagram-in-app-profile',
    'instagram-in-app-dm',
    'instagram-in-app-dm-conversation',
    'instagram-form-community-guidelines',
    'instagram-form-impersonation',
    'stopncii',
    'take-it-down',
    'copy-permalink',
  ],
} as const satisfies SiteDescriptor;
