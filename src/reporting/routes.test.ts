import { describe, expect, it } from 'vitest';
import { facebookRoutes } from '../sites/facebook/routes';
import { instagramRoutes } from '../sites/instagram/routes';
import { messengerRoutes } from '../sites/messenger/routes';
import { xRoutes } from '../sites/x/routes';
import { chooseRoute, isCheckedDate, needsAbuseChoice, type RouteItem, routeItemOf, routesFor, routesForAccount, type RouteTable } from './routes';

const xPost: RouteItem = { kind: 'post', platform: 'x', permalink: 'https://x.com/grimshaw_k/status/1790000000000000001', itemId: '1790000000000000001', handle: 'grimshaw_k', hasMedia: false };

describe('chooseRoute', () => {
  it('on X: the help form for the chosen abuse (the DSA form is EU only), with the post’s in-app steps beside it', () => {
    const h = chooseRoute(xRoutes, xPost, { abuse: 'harassment' })!;
    expect(h.def.id).toBe('x-form-harassment');
    expect(h.url).toBe('https://help.x.com/forms/safety-and-sensitive-content/violent-threats');
    expect(h.paste).toBe('form');
    expect(h.inAppSteps).toMatch(/Report post/);
    expect(chooseRoute(xRoutes, xPost, { abuse: 'threats' })!.def.id).toBe('x-form-harassment');
    expect(chooseRoute(xRoutes, xPost, { abuse: 'private-information' })!.def.id).toBe('x-form-private-information');
    expect(chooseRoute(xRoutes, xPost, { abuse: 'intimate-images' })!.def.id).toBe('x-form-take-it-down');
    expect(chooseRoute(xRoutes, xPost, { abuse: 'impersonation' })!.def.id).toBe('x-form-impersonation');
    for (const abuse of ['harassment', 'threats', 'impersonation', 'private-information', 'intimate-images'] as const) {
      expect(chooseRoute(xRoutes, xPost, { abuse })!.def.region, abuse).toBeUndefined();
    }
  });

  it('sends images taken before 18 to Take It Down, only when the person says so', () => {
    expect(chooseRoute(xRoutes, xPost, { abuse: 'intimate-images', minor: true })!.url).toBe('https://takeitdown.ncmec.org');
    expect(chooseRoute(facebookRoutes, { ...xPost, platform: 'facebook', permalink: 'https://www.facebook.com/p/1' }, { abuse: 'intimate-images', minor: true })!.def.id).toBe('take-it-down');
    // minor has no meaning for other abuse kinds
    expect(chooseRoute(xRoutes, xPost, { abuse: 'harassment', minor: true })!.def.id).toBe('x-form-harassment');
  });

  it('on Facebook: harassment has no web form, so the item itself opens (⋯ → Find support or report)', () => {
    const item: RouteItem = { kind: 'comment', platform: 'facebook', permalink: 'https://www.facebook.com/story.php?id=1&comment_id=2', hasMedia: false };
    const c = chooseRoute(facebookRoutes, item, { abuse: 'harassment' })!;
    expect(c.def.id).toBe('facebook-in-app-comment');
    expect(c.url).toBe(item.permalink);
    expect(c.paste).toBe('in-app');
    expect(chooseRoute(facebookRoutes, item, { abuse: 'intimate-images' })!.def.id).toBe('facebook-form-intimate-images');
    expect(chooseRoute(facebookRoutes, item, { abuse: 'impersonation' })!.def.id).toBe('facebook-form-impersonation');
  });

  it('on Messenger: forms on facebook.com; the conversation itself for harassment', () => {
    const item: RouteItem = { kind: 'dm-message', platform: 'messenger', permalink: 'https://www.messenger.com/t/100001', hasMedia: false };
    expect(chooseRoute(messengerRoutes, item, { abuse: 'threats' })!.url).toBe('https://www.messenger.com/t/100001');
    expect(new URL(chooseRoute(messengerRoutes, item, { abuse: 'impersonation' })!.url).hostname).toBe('www.facebook.com');
  });

  it('on Instagram: the guidelines form for harassment, the impersonation form for impersonation', () => {
    const item: RouteItem = { kind: 'post', platform: 'instagram', permalink: 'https://www.instagram.com/p/ABC/', hasMedia: true };
    expect(chooseRoute(instagramRoutes, item, { abuse: 'harassment' })!.def.id).toBe('instagram-form-community-guidelines');
    expect(chooseRoute(instagramRoutes, item, { abuse: 'impersonation' })!.def.id).toBe('instagram-form-impersonation');
    expect(chooseRoute(instagramRoutes, item, { abuse: 'intimate-images' })!.def.id).toBe('stopncii');
  });

  it('returns null when nothing can be opened: no form for the abuse and an item without a usable link', () => {
    const item: RouteItem = { kind: 'post', platform: 'facebook', hasMedia: false };
    expect(chooseRoute(facebookRoutes, item, { abuse: 'harassment' })).toBeNull();
    expect(chooseRoute(facebookRoutes, { ...item, permalink: 'https://evil.example/p/1' }, { abuse: 'threats' })).toBeNull();
    // a form needs no link
    expect(chooseRoute(facebookRoutes, item, { abuse: 'impersonation' })!.def.id).toBe('facebook-form-impersonation');
  });

  it('asks for the kind of abuse only when the answer depends on it', () => {
    expect(needsAbuseChoice(xRoutes, xPost)).toBe(true);
    const one: RouteTable = { platform: 'x', domains: ['x.com'], routes: xRoutes.routes.filter((r) => r.id === 'x-in-app-post') };
    expect(needsAbuseChoice(one, xPost)).toBe(false);
    expect(chooseRoute(one, xPost, { abuse: 'threats' })!.url).toBe(xPost.permalink);
  });
});

describe('routesFor (what records keep)', () => {
  it('lists the item’s in-app route first, then forms; region routes kept with their note; the permalink to copy last', () => {
    const routes = routesFor(xRoutes, xPost);
    expect(routes[0]!.id).toBe('x-in-app-post');
    expect(routes.at(-1)).toMatchObject({ id: 'copy-permalink', url: xPost.permalink });
    const dsa = new URL(routes.find((r) => r.id === 'x-form-dsa')!.url!);
    expect(dsa.searchParams.get('content_id')).toBe(xPost.permalink);
    expect(dsa.searchParams.get('content_type')).toBe('post');
    expect(dsa.searchParams.get('content_author')).toBe('@grimshaw_k');
    expect(routes.find((r) => r.id === 'x-form-netzdg')!.note).toBe('Germany only');
  });

  it('leaves out a builder route the item lacks data for, and the copy route for a link off the platform', () => {
    const routes = routesFor(xRoutes, { kind: 'post', platform: 'x', permalink: 'https://evil.example/1', hasMedia: false });
    expect(routes.some((r) => r.id === 'x-form-dsa')).toBe(false);
    expect(routes.some((r) => r.id === 'x-form-netzdg')).toBe(false);
    expect(routes.some((r) => r.id === 'copy-permalink')).toBe(false);
    expect(routes.find((r) => r.id === 'x-in-app-post')!.url).toBeUndefined();
  });

  it('reads the route item from captured content', () => {
    expect(
      routeItemOf({ kind: 'reply', platform: 'x', permalink: 'https://x.com/a/status/2', itemId: '2', author: { handle: 'a', profileUrl: 'https://x.com/a' }, media: [{ url: 'u', type: 'image' }] }),
    ).toEqual({ kind: 'reply', platform: 'x', permalink: 'https://x.com/a/status/2', itemId: '2', handle: 'a', profileUrl: 'https://x.com/a', hasMedia: true });
  });
});

describe('isCheckedDate', () => {
  it('accepts real days only', () => {
    expect(isCheckedDate('2026-12-01')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '26-12-01', '2026-12-1', '', '2026-12-01T00:00:00Z']) expect(isCheckedDate(bad), bad).toBe(false);
  });
});

describe('routesForAccount (a pile-on\'s repliers)', () => {
  it('on X: the profile\'s in-app steps at the profile, then the general help forms; no EU/Germany, item-filled or minors\' routes', () => {
    const r = routesForAccount(xRoutes, { handle: '@troll_1', profileUrl: 'https://x.com/troll_1' });
    expect(r[0]).toMatchObject({ id: 'x-in-app-profile', url: 'https://x.com/troll_1' });
    expect(r[0]!.steps).toContain('Report @troll_1');
    expect(r.map((x) => x.id)).toEqual(['x-in-app-profile', 'x-form-harassment', 'x-form-private-information', 'x-form-take-it-down', 'x-form-impersonation']);
    expect(r.every((x) => x.url?.startsWith('https://'))).toBe(true);
    // The forms name the account and ask for no pasted link (nothing was copied for an account).
    expect(r[1]!.steps).toBe('Choose the issue that fits (harassment, violent threats…) and name @troll_1.');
    expect(r.some((x) => x.steps?.includes('Paste the link'))).toBe(false);
  });

  it('narrows to the kind of abuse', () => {
    expect(routesForAccount(xRoutes, { handle: 'troll_1', profileUrl: 'https://x.com/troll_1' }, 'threats').map((x) => x.id)).toEqual(['x-in-app-profile', 'x-form-harassment']);
    expect(routesForAccount(xRoutes, { handle: 'troll_1', profileUrl: 'https://x.com/troll_1' }, 'impersonation').map((x) => x.id)).toEqual(['x-in-app-profile', 'x-form-impersonation']);
  });

  it('on Instagram and Facebook: the in-app profile steps and their forms', () => {
    const ig = routesForAccount(instagramRoutes, { handle: 'troll_1', profileUrl: 'https://www.instagram.com/troll_1/' });
    expect(ig[0]).toMatchObject({ id: 'instagram-in-app-profile', url: 'https://www.instagram.com/troll_1/' });
    expect(ig.length).toBeGreaterThan(1);
    expect(ig.slice(1).every((x) => x.id.startsWith('instagram-form'))).toBe(true);
    const fb = routesForAccount(facebookRoutes, { profileUrl: 'https://www.facebook.com/profile.php?id=1000' });
    expect(fb[0]).toMatchObject({ id: 'facebook-in-app-profile', url: 'https://www.facebook.com/profile.php?id=1000' });
    expect(fb.slice(1).every((x) => x.id.startsWith('facebook-form'))).toBe(true);
  });

  it('never opens a profile address off the platform (hostile page data): only the forms are left', () => {
    for (const profileUrl of ['https://evil.example/x.com/troll', 'javascript:alert(1)', 'http://x.com/troll', 'https://x.com.evil.example/troll', 'not a url']) {
      const r = routesForAccount(xRoutes, { handle: 'troll', profileUrl });
      expect(r.map((x) => x.id), profileUrl).not.toContain('x-in-app-profile');
      expect(r.every((x) => x.url && new URL(x.url).hostname === 'help.x.com'), profileUrl).toBe(true);
    }
    expect(routesForAccount(messengerRoutes, {}).every((x) => x.url?.startsWith('https://'))).toBe(true);
  });
});
