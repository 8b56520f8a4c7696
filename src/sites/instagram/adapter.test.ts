// @vitest-environment happy-dom
/**
 * The Instagram adapter against its replica pages (test/replicas/www.instagram.com/): every truth file's target counts
 * and expected content, then focused cases — the viewer's id and account never taken for someone else's, DM direction
 * on both sides, other languages, logged-out and unavailable pages, and redesigned pages that lost their hooks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtractedContent, ItemKind } from '../../model/evidence';
import type { CaptureTarget, ExtractContext } from '../types';
import { instagramAdapter as adapter, routeOf } from './adapter';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'replicas', adapter.fixtureDir);

interface Truth {
  url: string;
  description: string;
  targets: Partial<Record<ItemKind, number>>;
  items: { kind: ItemKind; index: number; expect: Record<string, unknown> }[];
}

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

/** A happy-dom document at `url` holding `html`; page scripts are not run (the static markup is what counts). */
function load(html: string, url: string): ExtractContext {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  windows.push(win);
  win.document.write(html);
  return { url: new URL(url), document: win.document as unknown as Document };
}

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const truthFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.truth.json'));
const pageOf = (truthFile: string): string => truthFile.replace(/\.truth\.json$/, '.html');

function loadTruth(truthFile: string): { truth: Truth; ctx: ExtractContext } {
  const truth = JSON.parse(fixture(truthFile)) as Truth;
  return { truth, ctx: load(fixture(pageOf(truthFile)), truth.url) };
}

function targetsOf(ctx: ExtractContext, kind?: ItemKind): CaptureTarget[] {
  const all = adapter.findTargets(ctx.document, ctx);
  return kind ? all.filter((t) => t.kind === kind) : all;
}

function extractAll(ctx: ExtractContext, kind: ItemKind): ExtractedContent[] {
  return targetsOf(ctx, kind).map((t) => adapter.extract(t, ctx));
}

/** Partial match on objects, exact match on arrays and primitives (the truth-file convention). */
function expectSubset(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    expect(actual, `${path} should be an object`).toBeTypeOf('object');
    for (const [key, value] of Object.entries(expected)) {
      expectSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

function countKinds(targets: CaptureTarget[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of targets) out[t.kind] = (out[t.kind] ?? 0) + 1;
  return out;
}

describe('Instagram replicas and truth files', () => {
  it('has a truth file for every replica page and a page for every truth file', () => {
    const pages = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(9);
    expect(pages.sort()).toEqual(truthFiles.map(pageOf).sort());
  });

  it('routes every truth URL to its own page', () => {
    const routes = JSON.parse(fixture('routes.json')) as { pattern: string; file: string }[];
    for (const file of truthFiles) {
      const truth = JSON.parse(fixture(file)) as Truth;
      const u = new URL(truth.url);
      const hit = routes.find((r) => new RegExp(r.pattern).test(u.pathname + u.search));
      expect(hit?.file, truth.url).toBe(pageOf(file));
    }
  });

  for (const file of truthFiles) {
    describe(pageOf(file), () => {
      it('finds the expected number of targets of each kind', () => {
        const { truth, ctx } = loadTruth(file);
        expect(countKinds(targetsOf(ctx))).toEqual(truth.targets);
      });

      it('extracts what the truth file expects', () => {
        const { truth, ctx } = loadTruth(file);
        expect(truth.items.length).toBeGreaterThanOrEqual(1);
        for (const item of truth.items) {
          const target = targetsOf(ctx, item.kind)[item.index];
          expect(target, `${item.kind}[${item.index}] exists`).toBeDefined();
          const content = adapter.extract(target as CaptureTarget, ctx);
          expect(content.platform).toBe('instagram');
          expect(content.kind).toBe(item.kind);
          expect(content.method).toBe('adapter');
          expectSubset(content, item.expect, `${pageOf(file)} ${item.kind}[${item.index}]`);
        }
      });

      it('extracts every target without throwing, with absolute permalinks', () => {
        const { ctx } = loadTruth(file);
        for (const t of targetsOf(ctx)) {
          const content = adapter.extract(t, ctx);
          expect(content.permalink).toMatch(/^https:\/\/www\.instagram\.com\//);
          for (const m of content.media) expect(m.url).toMatch(/^(https:|blob:)/);
          for (const l of content.links) expect(l.href).toMatch(/^https:\/\//);
        }
      });
    });
  }
});

describe('the viewer is never taken for someone else', () => {
  const VIEWER_ID = '61234567890';

  it('takes the profile id from profilePage_/"profile_id", never the viewer\'s "user_id"', () => {
    const ctx = load(fixture('profile.html'), 'https://www.instagram.com/r.vance_22/');
    const html = ctx.document.documentElement.outerHTML;
    expect(html).toContain(`"user_id":"${VIEWER_ID}"`); // the trap is really there
    const [profile] = extractAll(ctx, 'profile');
    expect(profile?.author?.accountId).toBe('48213377045');
    expect(profile?.author?.accountId).not.toBe(VIEWER_ID);
  });

  it('leaves the id out when only the viewer\'s own id is on the page', () => {
    const html = fixture('profile.html').replace(/"page_logging":\{[^}]*\}\}/, '"page_logging":{"name":"profilePage","params":{"user_id":"61234567890"}}');
    expect(html).not.toContain('profilePage_');
    const [profile] = extractAll(load(html, 'https://www.instagram.com/r.vance_22/'), 'profile');
    expect(profile?.author?.handle).toBe('r.vance_22');
    expect(profile?.author?.accountId).toBeUndefined();
    expect(profile?.itemId).toBe('r.vance_22');
    expect(profile?.warnings).toContain("The page does not carry this account's numeric id.");
  });

  it('refuses a "profile id" that is the viewer\'s id on somebody else\'s profile', () => {
    const html = fixture('profile.html').replaceAll('48213377045', VIEWER_ID);
    const [profile] = extractAll(load(html, 'https://www.instagram.com/r.vance_22/'), 'profile');
    expect(profile?.author?.accountId).toBeUndefined();
    expect(profile?.warnings.join(' ')).toMatch(/logged-in account's own id/);
  });

  it("accepts the viewer's id on the viewer's own profile", () => {
    const html = fixture('profile.html')
      .replaceAll('48213377045', VIEWER_ID)
      .replaceAll('r.vance_22/', 'holdfast_viewer/')
      .replace(/<h2([^>]*)><span([^>]*)>r\.vance_22<\/span><\/h2>/, '<h2$1><span$2>holdfast_viewer</span></h2>')
      .replace('Ryan Vance (@r.vance_22)', 'Sam Rivera (@holdfast_viewer)');
    const [profile] = extractAll(load(html, 'https://www.instagram.com/holdfast_viewer/'), 'profile');
    expect(profile?.author?.handle).toBe('holdfast_viewer');
    expect(profile?.author?.accountId).toBe(VIEWER_ID);
  });

  it('takes no id from data that belongs to the page first served (in-app navigation)', () => {
    // Navigated from r.vance_22's profile to mk_dalton's: the head and JSON still describe r.vance_22.
    const html = fixture('profile.html')
      .replace(/<h2([^>]*)><span([^>]*)>r\.vance_22<\/span><\/h2>/, '<h2$1><span$2>mk_dalton</span></h2>')
      .replace('dir="auto">Ryan Vance</span>', 'dir="auto">Mike Dalton</span>');
    const [profile] = extractAll(load(html, 'https://www.instagram.com/mk_dalton/'), 'profile');
    expect(profile?.author?.handle).toBe('mk_dalton');
    expect(profile?.author?.accountId).toBeUndefined();
    expect(profile?.author?.displayName).toBe('Mike Dalton'); // from the page, not from the stale og:title
    expect(profile?.warnings.join(' ')).toMatch(/belongs to @r\.vance_22/);
  });

  it('never makes the nav account an author: it writes only the reply it really wrote', () => {
    const ctx = load(fixture('post.html'), 'https://www.instagram.com/p/DRk3mQ2jXaB/');
    expect(ctx.document.querySelector('a[href="/holdfast_viewer/"] img')).not.toBeNull();
    const all = targetsOf(ctx).map((t) => adapter.extract(t, ctx));
    const byViewer = all.filter((c) => c.author?.handle === 'holdfast_viewer');
    expect(byViewer.map((c) => c.itemId)).toEqual(['18061122334455667']);
    expect(all[0]?.author?.handle).toBe('r.vance_22');
  });

  it('finds the post author in the header when there is no caption, not in photo tags or "Liked by"', () => {
    // Remove the caption row: only the header (after the photo with its tag of holdfast_viewer) names the author.
    const html = fixture('post.html').replace(/<div class="x1n2onr6 _a9zm">.*?<\/h1>.*?<\/time><\/a><\/span><\/div><\/div><\/div><\/div>/s, '');
    expect(html).not.toContain('_a9zm');
    const ctx = load(html, 'https://www.instagram.com/p/DRk3mQ2jXaB/');
    const [post] = extractAll(ctx, 'post');
    expect(post?.author?.handle).toBe('r.vance_22');
    expect(post?.text).toBeUndefined();
    expect(post?.itemTime).toBe('2026-03-03T01:14:09.000Z'); // from the date under the post
    expect(countKinds(targetsOf(ctx))).toEqual({ post: 1, comment: 6, reply: 2 });
  });
});

describe('direct messages', () => {
  const DM_URL = 'https://www.instagram.com/direct/t/17849012345678901/';

  it('tells both sides apart and says how', () => {
    const messages = extractAll(load(fixture('dm.html'), DM_URL), 'dm-message');
    const sent = messages.filter((m) => m.direction === 'sent');
    const received = messages.filter((m) => m.direction === 'received');
    expect(sent.map((m) => m.text)).toEqual(['Please stop contacting me.', "I'm saving all of this.\nIf you need help: https://stopncii.org/"]);
    expect(received).toHaveLength(7);
    for (const m of sent) {
      expect(m.author?.handle).toBe('holdfast_viewer');
      expect(m.senderDerivation).toMatch(/justify-content: flex-end/);
    }
    for (const m of received) expect(m.author?.handle).toBe('r.vance_22');
    expect(received.filter((m) => /^Avatar link/.test(m.senderDerivation ?? ''))).toHaveLength(3);
  });

  it('follows the alignment, not the position: a sent row without its style reads as received', () => {
    const html = fixture('dm.html').replace('style="justify-content: flex-end;"', 'style=""');
    const messages = extractAll(load(html, DM_URL), 'dm-message');
    const stop = messages.find((m) => m.text === 'Please stop contacting me.');
    expect(stop?.direction).toBe('received');
    expect(messages.filter((m) => m.direction === 'sent')).toHaveLength(1);
  });

  it('does not take the right-aligned "Seen" receipt or the dividers for messages', () => {
    const messages = extractAll(load(fixture('dm.html'), DM_URL), 'dm-message');
    expect(messages.some((m) => m.text === 'Seen')).toBe(false);
    expect(messages.some((m) => /10:41 PM/.test(m.text ?? ''))).toBe(false);
  });

  it('in a group, takes the sender of a run from the avatar at its end', () => {
    const row = (inner: string) => `<div role="none"><div class="r">${inner}</div></div>`;
    const bubble = (t: string) => `<div role="presentation"><div role="none"><div dir="auto">${t}</div></div></div>`;
    const avatar = (h: string) => `<a href="/${h}/" role="link"><img alt="${h}'s profile picture" src="https://scontent.cdninstagram.com/a.jpg"></a>`;
    const html = `<!DOCTYPE html><html lang="en"><body><main role="main"><div aria-label="Conversation with Ana, Bo and 1 other"><div>${avatar('ana.x')}${avatar('bo.y')}</div><div><div>${[
      row(`<div></div>${bubble('first from ana')}`),
      row(`<div>${avatar('ana.x')}</div>${bubble('second from ana')}`),
      row(`<div></div>${bubble('first from bo')}`),
      row(`<div>${avatar('bo.y')}</div>${bubble('second from bo')}`),
      `<div role="none"><div style="justify-content: flex-end">${bubble('mine')}</div></div>`,
    ].join('')}</div></div></div></main></body></html>`;
    const ctx = load(html, 'https://www.instagram.com/direct/t/340282366841710301244276/');
    const messages = extractAll(ctx, 'dm-message');
    expect(messages.map((m) => [m.text, m.direction, m.author?.handle])).toEqual([
      ['first from ana', 'received', 'ana.x'],
      ['second from ana', 'received', 'ana.x'],
      ['first from bo', 'received', 'bo.y'],
      ['second from bo', 'received', 'bo.y'],
      ['mine', 'sent', undefined],
    ]);
    expect(messages[0]?.senderDerivation).toMatch(/same run/);
    expect(messages[4]?.warnings.join(' ')).toMatch(/viewer's own account was not found/);
    const [thread] = extractAll(ctx, 'dm-thread');
    expect(thread?.participants?.map((p) => p.handle)).toEqual(['ana.x', 'bo.y']);
  });

  it('reads the Spanish conversation label and falls back when the language is unknown', () => {
    const es = fixture('dm.html').replace('aria-label="Conversation with Ryan Vance"', 'aria-label="Conversación con Ryan Vance"');
    const [threadEs] = extractAll(load(es, DM_URL), 'dm-thread');
    expect(threadEs?.warnings.join(' ')).not.toMatch(/not recognised/);
    expect(threadEs?.messages).toHaveLength(9);

    const de = fixture('dm.html').replace('aria-label="Conversation with Ryan Vance"', 'aria-label="Unterhaltung mit Ryan Vance"');
    const ctx = load(de, DM_URL);
    expect(countKinds(targetsOf(ctx))).toEqual({ 'dm-thread': 1, 'dm-message': 9 });
    const [thread] = extractAll(ctx, 'dm-thread');
    expect(thread?.warnings[0]).toMatch(/container was not recognised/);
    const directions = thread?.messages?.map((m) => m.direction);
    expect(directions?.filter((d) => d === 'sent')).toHaveLength(2);
    expect(thread?.messages?.every((m) => m.author?.handle)).toBe(true);
  });

  it('puts the thread together: participants, transcript, every loaded message', () => {
    const ctx = load(fixture('dm-pt.html'), `${DM_URL}?hl=pt`);
    const [thread] = extractAll(ctx, 'dm-thread');
    expect(thread?.messages?.map((m) => m.direction)).toEqual(['received', 'received', 'sent', 'received', 'received', 'received', 'received', 'sent', 'received']);
    expect(thread?.warnings[0]).toMatch(/Only the 9 messages loaded/);
    expect(thread?.text?.split('\n')[0]).toBe('— 2 de mar. de 2026, 22:41 —');
  });
});

describe('pages in other states', () => {
  it('reads the Spanish page with Spanish interface words', () => {
    const ctx = load(fixture('post-es.html'), 'https://www.instagram.com/p/DRk3mQ2jXaB/?hl=es');
    expect(ctx.document.documentElement.getAttribute('lang')).toBe('es');
    const comments = extractAll(ctx, 'comment');
    expect(comments.map((c) => c.author?.handle)).toEqual(['mk_dalton', 'jun.ok', 'camila_rz', 'tomasz.b', 'r.vance_22', 'lena.photos']);
    // "Ver traducción" is a button under the first comment: not part of its text.
    expect(comments[0]?.text).toBe("lol she's going to freak out 😂😂");
  });

  it('marks a logged-out page and finds no viewer', () => {
    const ctx = load(fixture('post-logged-out.html'), 'https://www.instagram.com/p/DQx7Lk1oPzR/');
    const all = targetsOf(ctx).map((t) => adapter.extract(t, ctx));
    expect(all).toHaveLength(3);
    for (const c of all) expect(c.warnings.join(' ')).toMatch(/logged out/);
  });

  it('records an unavailable page as one page-level item, in Spanish too, without throwing', () => {
    const ctx = load(fixture('unavailable.html'), 'https://www.instagram.com/p/DNk0tH3r3xQ/');
    const targets = targetsOf(ctx);
    expect(targets.map((t) => t.kind)).toEqual(['page']);
    const es = fixture('unavailable.html').replace("Sorry, this page isn't available.", 'Esta página no está disponible.');
    const esCtx = load(es, 'https://www.instagram.com/annoying.account/');
    const [page] = targetsOf(esCtx).map((t) => adapter.extract(t, esCtx));
    expect(page?.permalink).toBe('https://www.instagram.com/annoying.account/');
    expect(page?.warnings[0]).toMatch(/Esta página no está disponible/);
  });

  it('only offers targets under the root it is given', () => {
    const ctx = load(fixture('post.html'), 'https://www.instagram.com/p/DRk3mQ2jXaB/');
    const lastComment = targetsOf(ctx, 'comment').at(-1) as CaptureTarget;
    const sub = adapter.findTargets(lastComment.element, ctx);
    expect(sub).toHaveLength(1);
    expect(sub[0]?.element).toBe(lastComment.element);
  });

  it('offers nothing on pages it does not read (home feed, explore)', () => {
    const ctx = load(fixture('post.html'), 'https://www.instagram.com/explore/');
    expect(targetsOf(ctx)).toEqual([]);
  });
});

describe('redesigned pages (hooks gone) never throw and say what is missing', () => {
  /** Strip the hooks the adapter relies on: times, roles, aria-labels, dir, headers, inline styles. */
  const redesign = (html: string) =>
    html
      .replace(/<time[^>]*>(.*?)<\/time>/g, '<span>$1</span>')
      .replace(/ (role|aria-label|dir|style)="[^"]*"/g, '')
      .replace(/<(\/?)header/g, '<$1div')
      .replace(/<(\/?)h[12]/g, '<$1div');

  const cases: [string, string, ItemKind][] = [
    ['post.html', 'https://www.instagram.com/p/DRk3mQ2jXaB/', 'post'],
    ['reel.html', 'https://www.instagram.com/reel/DSb2QwErTyU/', 'post'],
    ['profile.html', 'https://www.instagram.com/r.vance_22/', 'profile'],
    ['dm.html', 'https://www.instagram.com/direct/t/17849012345678901/', 'dm-thread'],
  ];
  for (const [file, url, kind] of cases) {
    it(`${file}: still one ${kind} target, extracted with warnings`, () => {
      const ctx = load(redesign(fixture(file)), url);
      const targets = targetsOf(ctx);
      expect(targets.filter((t) => t.kind === kind)).toHaveLength(1);
      for (const t of targets) {
        const content = adapter.extract(t, ctx);
        expect(content.platform).toBe('instagram');
        if (t.kind === kind) expect(content.warnings.length).toBeGreaterThan(0);
      }
    });
  }

  it('an empty document and odd roots give no targets and no exception', () => {
    const ctx = load('<!DOCTYPE html><html><body></body></html>', 'https://www.instagram.com/p/DRk3mQ2jXaB/');
    expect(() => adapter.findTargets(ctx.document, ctx)).not.toThrow();
    const bogus = { querySelectorAll: () => { throw new Error('boom'); } } as unknown as ParentNode;
    expect(adapter.findTargets(bogus, { url: ctx.url, document: bogus as unknown as Document })).toEqual([]);
  });
});

describe('URLs and report routes', () => {
  it('recognises Instagram URL shapes', () => {
    expect(routeOf(new URL('https://www.instagram.com/p/DRk3mQ2jXaB/'))).toEqual({ type: 'post', section: 'p', code: 'DRk3mQ2jXaB' });
    expect(routeOf(new URL('https://www.instagram.com/r.vance_22/p/DRk3mQ2jXaB/?img_index=2'))).toEqual({ type: 'post', section: 'p', code: 'DRk3mQ2jXaB' });
    expect(routeOf(new URL('https://www.instagram.com/reels/DSb2QwErTyU/'))).toEqual({ type: 'post', section: 'reel', code: 'DSb2QwErTyU' });
    expect(routeOf(new URL('https://www.instagram.com/direct/t/17849012345678901/'))).toEqual({ type: 'dm', threadId: '17849012345678901' });
    expect(routeOf(new URL('https://www.instagram.com/r.vance_22/tagged/'))).toEqual({ type: 'profile', handle: 'r.vance_22' });
    expect(routeOf(new URL('https://www.instagram.com/explore/'))).toEqual({ type: 'other' });
    expect(routeOf(new URL('https://www.instagram.com/reels/'))).toEqual({ type: 'other' });
    expect(adapter.matches(new URL('https://www.instagram.com/'))).toBe(true);
    expect(adapter.matches(new URL('https://instagram.com/p/x/'))).toBe(true);
    expect(adapter.matches(new URL('https://www.facebook.com/'))).toBe(false);
  });

  const base = (kind: ItemKind, permalink?: string): ExtractedContent => ({
    kind,
    platform: 'instagram',
    permalink,
    author: { handle: 'r.vance_22', profileUrl: 'https://www.instagram.com/r.vance_22/' },
    links: [],
    media: [],
    method: 'adapter',
    warnings: [],
  });

  it('gives in-app steps per kind, both forms and a copy-permalink route', () => {
    const inApp: [ItemKind, RegExp][] = [
      ['post', /⋯.*Report/],
      ['profile', /⋯.*Report account/],
      ['comment', /swipe left.*long-press/],
      ['reply', /swipe left.*long-press/],
      ['dm-message', /long-press the message.*Report/],
      ['dm-thread', /Report/],
    ];
    for (const [kind, steps] of inApp) {
      const permalink = 'https://www.instagram.com/p/DRk3mQ2jXaB/c/18054321987654321/';
      const routes = adapter.reportRoutes(base(kind, permalink));
      // The in-app route opens the item itself (its ⋯ menu holds Report).
      expect(routes[0]?.url).toBe(permalink);
      expect(routes[0]?.id, kind).toMatch(/^instagram-in-app-/);
      expect(routes[0]?.steps).toMatch(steps);
      const guidelines = routes.find((r) => r.id === 'instagram-form-community-guidelines');
      expect(guidelines?.url).toBe('https://help.instagram.com/contact/383679321740945');
      expect(guidelines?.note).toMatch(/[Mm]edium confidence/);
      const impersonation = routes.find((r) => r.id === 'instagram-form-impersonation');
      expect(impersonation?.url).toBe('https://help.instagram.com/contact/636276399721841');
      expect(impersonation?.note).toMatch(/ID/);
      expect(impersonation?.steps).toContain('https://www.instagram.com/r.vance_22/');
      expect(routes.find((r) => r.id === 'copy-permalink')?.url).toBe(permalink);
    }
  });

  it('has no copy-permalink route without a permalink', () => {
    expect(adapter.reportRoutes(base('post')).some((r) => r.id === 'copy-permalink')).toBe(false);
  });
});

describe('real 2025-2026 pages (structure replicas in test/real/www.instagram.com/)', () => {
  const REAL = join(__dirname, '..', '..', '..', 'test', 'real', 'www.instagram.com');
  const real = (name: string): string => readFileSync(join(REAL, name), 'utf8');
  const POST_URL = 'https://www.instagram.com/falconwillow16/p/DRQcDGdFLjS/';

  it('reads a comment\'s text, never its author\'s handle, and its author\'s id from the inline JSON', () => {
    const ctx = load(real('post-pt-2025-11.html'), POST_URL);
    const [first] = extractAll(ctx, 'comment');
    expect(first?.author?.handle).toBe('ember_harbor22');
    expect(first?.text).not.toBe('ember_harbor22');
    expect(first?.text?.length).toBeGreaterThan(40);
    expect(first?.author?.accountId).toBe('18509685');
  });

  it('takes no id from inline JSON that names another handle for the same comment (the page was navigated since)', () => {
    const html = real('post-pt-2025-11.html').replace('"username":"ember_harbor22"', '"username":"someone_else"');
    const [first] = extractAll(load(html, POST_URL), 'comment');
    expect(first?.author?.handle).toBe('ember_harbor22');
    expect(first?.author?.accountId).toBeUndefined();
  });

  it("takes no name or id for the post when the JSON's post is another one", () => {
    const html = real('post-pt-2025-11.html').replaceAll('"code":"DRQcDGdFLjS"', '"code":"AAAAAAAAAAA"').replaceAll('3769636246500194514', '1111111111111111111');
    const [post] = extractAll(load(html, POST_URL), 'post');
    expect(post?.author?.handle).toBe('falconwillow16');
    expect(post?.author?.displayName).toBeUndefined();
    expect(post?.author?.accountId).toBeUndefined();
    expect(post?.itemTime).toBe('2025-11-19T23:41:40.000Z');
  });

  it('finds comments streamed in after the first scan (incremental scan) as the whole-page scan does', () => {
    for (const [file, url] of [
      ['post-pt-2025-11.html', POST_URL],
      ['reel-en-2026-logged-out.html', 'https://www.instagram.com/harbor.willow13/reel/DM5F3VzuO7i/'],
    ] as const) {
      const ctx = load(real(file), url);
      const whole = targetsOf(ctx).filter((t) => t.kind === 'comment');
      expect(whole.length).toBeGreaterThan(3);
      const last = whole[whole.length - 1]!.element;
      const parent = last.parentElement!;
      last.remove();
      targetsOf(ctx); // the scan before the row arrives
      parent.appendChild(last);
      const found = adapter.findTargetsIn!([last], ctx);
      expect(found, file).not.toBeNull();
      expect(found!.map((t) => [t.element === last, t.kind]), file).toEqual([[true, 'comment']]);
    }
  });

  it('takes a reply expanded inside its comment\'s thread (deeper than the comments) for a reply, not a comment', () => {
    const ctx = load(real('post-pt-2025-11.html'), POST_URL);
    const [first, second] = targetsOf(ctx, 'comment');
    const doc = ctx.document;
    // Where Instagram draws expanded replies: in the comment's block, below its "Ver todas as N respostas" button
    // (the comment's row is that block: the comment, then the button's block).
    expect(second!.element.parentElement).toBe(first!.element.parentElement);
    const repliesBlock = first!.element.lastElementChild!;
    const reply = second!.element.cloneNode(true) as Element;
    const link = reply.querySelector('a[href*="/c/"]')!;
    link.setAttribute('href', link.getAttribute('href')!.replace(/\/c\/\d+\//, '/c/17999999999999999/'));
    repliesBlock.appendChild(doc.createElement('div')).appendChild(reply);
    expect(targetsOf(ctx, 'comment').length).toBe(15);
    const replies = extractAll(ctx, 'reply');
    expect(replies.length).toBe(1);
    expect(replies[0]?.itemId).toBe('17999999999999999');
    expect(replies[0]?.inReplyTo).toBe('https://www.instagram.com/p/DRQcDGdFLjS/c/17873752113912338/');
  });

  it("says how many replies a comment's 'Ver todas as N respostas' leaves unloaded", () => {
    const ctx = load(real('reel-pt-2025-11.html'), 'https://www.instagram.com/cinder_orchid62/reel/DO_ABQJhFZ9/');
    const [first] = extractAll(ctx, 'comment');
    expect(first?.warnings.join(' ')).toMatch(/^3 more replies are not loaded/);
  });

  it('gives every grid tile of a profile a post target of its own, without a date', () => {
    const ctx = load(real('profile-reels-en-2025.html'), 'https://www.instagram.com/fable_harbor45/reels/');
    const tiles = extractAll(ctx, 'post');
    expect(tiles.length).toBe(10);
    for (const t of tiles) {
      expect(t.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\/[A-Za-z0-9_-]+\/$/);
      expect(t.itemTime).toBeUndefined();
      expect(t.media[0]?.url).toMatch(/^https:\/\//); // the Reels tab draws thumbnails as CSS background images
    }
  });

  it("never takes the profile's owner for the author of a tile that names another account, or of a Tagged tile", () => {
    const html = real('profile-en-2026.html').replace('href="/stone_orchid20/reel/DSYKS_HLCci/"', 'href="/someone.else/reel/DSYKS_HLCci/"');
    const [first, second] = extractAll(load(html, 'https://www.instagram.com/stone_orchid20/'), 'post');
    expect(first?.author).toEqual({ handle: 'someone.else', profileUrl: 'https://www.instagram.com/someone.else/' });
    expect(second?.author?.handle).toBe('stone_orchid20');
    const tagged = real('profile-en-2026.html').replaceAll(/href="\/stone_orchid20\/(reel|p)\//g, 'href="/$1/');
    const tiles = extractAll(load(tagged, 'https://www.instagram.com/stone_orchid20/tagged/'), 'post');
    expect(tiles.length).toBe(12);
    expect(tiles.every((t) => t.author === undefined && t.warnings.some((w) => /Tagged tab/.test(w)))).toBe(true);
  });

  it("takes the profile's id from \"profile_id\" although the same id is also under \"user_id\"", () => {
    const ctx = load(real('profile-en-2026.html'), 'https://www.instagram.com/stone_orchid20/');
    const [profile] = extractAll(ctx, 'profile');
    expect(profile?.author?.accountId).toBe('28726192');
    expect(profile?.fields?.bio).toBeTruthy();
    expect(profile?.fields?.posts).toBe('8,276');
  });
});
