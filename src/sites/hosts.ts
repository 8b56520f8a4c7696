/** Host names where Holdfast's content scripts run (must match wxt.config.ts host_permissions). */
export const SUPPORTED_HOST_PATTERNS = ['x.com', 'twitter.com', 'www.instagram.com', 'www.facebook.com', 'www.messenger.com'] as const;
