// @vitest-environment happy-dom
/**
 * Facebook adapter on its replica pages (test/replicas/www.facebook.com/): every truth file's target counts and
 * expectations, plus focused cases (viewer never taken as an author, Page authors, localised and logged-out pages,
 * deleted posts, redesigned markup, displayed-date parsing).
 *
 * Facebook shows dates in the viewing device's time zone; the truth files were written for a device on UTC.
 */
process.env.TZ = 'UTC';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureTarget } from '../types';
import { facebookAdapter as fb } from './adapter';
import { cleanUrl, decodeCommentId, linkTarget, parseDisplayedDate } from './common';
import { htmlDocument, loadDocument, mismatches, replicaPages } from './replica-fixtures';

const VIEWER_ID = '100090000000001';
const pages = replicaPages((u) => fb.matches(u));

function open(file: string) {
  const page = pages.find((p) => p.file === file);
  if (!page) throw new Error(`no replica page ${file}`);
  const doc = loadDocument(page.path, page.truth.url);
  const ctx = { url: new URL(page.truth.url), document: doc };
  const targets = fb.findTargets(doc, ctx);
  const extract = (t: CaptureTarget) => fb.extract(t, ctx);
  const ofKind = (kind: string) => targets.filter((t) => t.kind === kind);
  return { page, doc, ctx, targets, extract, ofKind };
}

function everything(): { file: string; content: ExtractedContent }[] {
  return pages.flatMap((p) => {
    const o = open(p.file);
    return o.targets.map((t) => ({ file: p.file, content: o.extract(t) }));
  });
}

describe('facebook replica pages match their truth files', () => {
  it('has the expected set of replica pages', () => {
    expect(pages.map((p) => p.file).sort()).toEqual(
      ['feed.html', 'group-post.html', 'logged-out.html', 'permalink.html', 'post-es.html', 'profile-id.html', 'profile.html', 'unavailable.html', 'user-post.html'].sort(),
    );
  });

  for (const page of pages) {
    describe(page.file, () => {
      it(`finds ${JSON.stringify(page.truth.targets)}`, () => {
        const { ofKind } = open(page.file);
        for (const [kind, n] of Object.entries(page.truth.targets)) expect(ofKind(kind).length, kind).toBe(n);
      });
      for (const item of page.truth.items) {
        it(`${item.kind} #${item.index} extracts as the page shows it`, () => {
          const { ofKind, extract } = open(page.file);
          const target = ofKind(item.kind)[item.index];
          expect(target, `${item.kind} #${item.index} exists`).toBeDefined();
          const content = extract(target!);
          expect(content.kind).toBe(item.kind);
          expect(content.platform).toBe('facebook');
          expect(content.method).toBe('adapter');
          expect(mismatches(content, item.expect)).toEqual([]);
        });
      }
    });
  }

  it('returns targets in document order, each element once', () => {
    for (const p of pages) {
      const { targets } = open(p.file);
      const els = targets.map((t) => t.element);
      expect(new Set(els).size).toBe(els.length);
      for (let i = 1; i < els.length; i++) {
        const before = els[i - 1]!.compareDocumentPosition(els[i]!);
        // following (4) or contained-by (16: a comment inside its post)
        expect(before & (4 | 16), `${p.file} target ${i}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the logged-in viewer is never taken for someone else', () => {
  it('no extracted author carries one of the viewer\'s ids', () => {
    const all = everything();
    expect(all.length).toBeGreaterThan(20);
    for (const { file, content } of all) {
      expect(content.author?.accountId, `${file} ${content.kind} ${content.permalink}`).not.toBe(VIEWER_ID);
    }
  });

  it('profile id comes from the profile\'s own "userID", although the viewer\'s ids appear first in the page JSON', () => {
    const { doc, ofKind, extract } = open('profile.html');
    const json = Array.from(doc.querySelectorAll('script')).map((s) => s.textContent ?? '').join('\n');
    expect(json.indexOf(VIEWER_ID)).toBeGreaterThanOrEqual(0);
    expect(json.indexOf(VIEWER_ID)).toBeLessThan(json.indexOf('100004567890123'));
    const profile = extract(ofKind('profile')[0]!);
    expect(profile.author?.accountId).toBe('100004567890123');
    expect(profile.author?.accountIdSource).toMatch(/userID/);
  });

  it('a profile page whose only "userID" is the viewer\'s gets no account id, and says so', () => {
    const doc = htmlDocument(
      `<script type="application/json">{"require":[["x",[],{"define":[["CurrentUserInitialData",[],{"USER_ID":"${VIEWER_ID}","ACCOUNT_ID":"${VIEWER_ID}","NAME":"Dana Reyes"},1]]}],["y",[],{"props":{"userID":"${VIEWER_ID}"}}]]}</script>
       <div role="main"><div><h1>Someone Else</h1></div><div data-pagelet="ProfileTimeline"></div></div>`,
      'https://www.facebook.com/someone.else',
    );
    const ctx = { url: new URL('https://www.facebook.com/someone.else'), document: doc };
    const [t] = fb.findTargets(doc, ctx);
    expect(t?.kind).toBe('profile');
    const c = fb.extract(t!, ctx);
    expect(c.author).toEqual({ displayName: 'Someone Else', handle: 'someone.else', profileUrl: 'https://www.facebook.com/someone.else' });
    expect(c.warnings.join(' ')).toMatch(/No numeric account id/);
  });

  it("the viewer's own comments and replies are marked as theirs, without an account id", () => {
    const own = everything().filter(({ content }) => content.fields?.authorIsViewer === 'yes');
    expect(own.map((o) => o.content.text).sort()).toEqual(["Priya, thank you. I've reported this.", 'Take this down. I have asked you three times.']);
    for (const { content } of own) {
      expect(content.author?.displayName).toBe('Dana Reyes');
      expect(content.author?.accountId).toBeUndefined();
    }
  });

  it('a mention of the viewer inside a post is a link, not the author', () => {
    const { ofKind, extract } = open('feed.html');
    const post = extract(ofKind('post')[0]!);
    expect(post.author?.handle).toBe('ryan.vance.9');
    expect(post.links.map((l) => l.href)).toContain('https://www.facebook.com/holdfast.viewer');
  });
});

describe('Page-authored posts', () => {
  it('a post by a Page is marked as such, with the Page id from the page data and a warning', () => {
    const { ofKind, extract } = open('feed.html');
    const page = extract(ofKind('post')[1]!);
    expect(page.author).toMatchObject({ handle: 'northsidegossip', accountId: '108765432101234' });
    expect(page.fields?.authorType).toBe('page');
    expect(page.warnings.some((w) => /Facebook Page, not a personal profile/.test(w))).toBe(true);
    const person = extract(ofKind('post')[0]!);
    expect(person.fields?.authorType).toBe('person');
    expect(person.warnings.some((w) => /Facebook Page/.test(w))).toBe(false);
  });

  it('a sponsored post is kept, marked promoted, and says it has no permalink', () => {
    const { ofKind, extract } = open('feed.html');
    const ads = ofKind('post').map(extract).filter((c) => c.promoted);
    expect(ads).toHaveLength(1);
    expect(ads[0]!.permalink).toBeUndefined();
    expect(ads[0]!.warnings.join(' ')).toMatch(/Sponsored/);
  });
});

describe('localised pages', () => {
  it('reads the Spanish page: comment and reply kinds, Spanish date, base64 comment ids', () => {
    const { ofKind, extract, doc } = open('post-es.html');
    expect(doc.documentElement.lang).toBe('es');
    expect(ofKind('comment').map((t) => t.element.getAttribute('aria-label')?.split(' ')[0])).toEqual(['Comentario', 'Comentario']);
    expect(ofKind('reply').map((t) => t.element.getAttribute('aria-label')?.split(' ')[0])).toEqual(['Respuesta']);
    const post = extract(ofKind('post')[0]!);
    expect(post.itemTime).toBe('2026-11-19T21:12:00.000Z');
    expect(extract(ofKind('reply')[0]!).itemId).toBe('2233445566778900');
  });

  it('reads Portuguese labels and dates', () => {
    const base = 'https://www.facebook.com/ana.souza/posts/pfbid0abc';
    const doc = htmlDocument(
      `<div role="main"><div role="article" aria-labelledby="h">
         <div data-ad-rendering-role="profile_name"><h2 id="h"><a href="https://www.facebook.com/ana.souza?__cft__[0]=x">Ana Souza</a></h2></div>
         <a aria-label="sexta-feira, 20 de novembro de 2026 às 14:03" href="${base}?__cft__[0]=x">20 de novembro</a>
         <div data-ad-rendering-role="story_message"><div dir="auto">Olá</div></div>
         <div role="article" aria-label="Comentário de Rui Lima há 2 dias"><a href="https://www.facebook.com/rui.lima?comment_id=11"><span dir="auto">Rui Lima</span></a><div dir="auto">Que vergonha</div><a href="${base}?comment_id=11">2 d</a></div>
         <div role="article" aria-label="Resposta de Ana Souza ao comentário de Rui Lima há 1 dia"><a href="https://www.facebook.com/ana.souza?comment_id=11&amp;reply_comment_id=12"><span dir="auto">Ana Souza</span></a><div dir="auto">Sai daqui</div><a href="${base}?comment_id=11&amp;reply_comment_id=12">1 d</a></div>
       </div></div>`,
      base,
    );
    const ctx = { url: new URL(base), document: doc };
    const targets = fb.findTargets(doc, ctx);
    expect(targets.map((t) => t.kind)).toEqual(['post', 'comment', 'reply']);
    const [post, comment, reply] = targets.map((t) => fb.extract(t, ctx));
    expect(post!.itemTime).toBe('2026-11-20T14:03:00.000Z');
    expect(post!.text).toBe('Olá');
    expect(comment!.author).toMatchObject({ handle: 'rui.lima', displayName: 'Rui Lima' });
    expect(comment!.text).toBe('Que vergonha');
    expect(reply!.inReplyTo).toBe(`${base}?comment_id=11`);
  });

  it('an unknown language still tells comments from replies by their links', () => {
    const base = 'https://www.facebook.com/jan/posts/pfbid0xyz';
    const doc = htmlDocument(
      `<div role="main"><div role="article"><div data-ad-rendering-role="story_message"><div dir="auto">Hallo</div></div>
         <div role="article" aria-label="Kommentar von Max 2 Tage"><div dir="auto">eins</div><a href="${base}?comment_id=5">2 T.</a></div>
         <div role="article" aria-label="Antwort von Max"><div dir="auto">zwei</div><a href="${base}?comment_id=5&amp;reply_comment_id=6">1 T.</a></div></div></div>`,
      base,
    );
    const ctx = { url: new URL(base), document: doc };
    const targets = fb.findTargets(doc, ctx);
    expect(targets.map((t) => t.kind)).toEqual(['post', 'comment', 'reply']);
    const comment = fb.extract(targets[1]!, ctx);
    expect(comment.text).toBe('eins');
    expect(comment.warnings.join(' ')).toMatch(/author/);
  });
});

describe('logged-out and unavailable pages', () => {
  it('a logged-out page yields items with a logged-out warning and no viewer', () => {
    const { targets, extract } = open('logged-out.html');
    expect(targets.length).toBe(2);
    for (const t of targets) {
      const c = extract(t);
      expect(c.warnings.some((w) => /logged out/.test(w))).toBe(true);
      expect(c.fields?.authorIsViewer).toBeUndefined();
    }
  });

  it('logged-in pages carry no logged-out warning', () => {
    const { targets, extract } = open('user-post.html');
    for (const t of targets) expect(extract(t).warnings.some((w) => /logged out/.test(w))).toBe(false);
  });

  it('an unavailable post is one capturable post whose capture says it is gone', () => {
    const { targets, extract } = open('unavailable.html');
    expect(targets.map((t) => t.kind)).toEqual(['post']);
    const c = extract(targets[0]!);
    expect(c.fields?.state).toBe('unavailable');
    expect(c.warnings[0]).toMatch(/deleted, or its owner hid it/);
    expect(c.itemTime).toBeUndefined();
  });
});

describe('redesigned or unexpected markup', () => {
  it('findTargets never throws, even on a root that fails', () => {
    const bad = { querySelector: () => { throw new Error('boom'); }, querySelectorAll: () => { throw new Error('boom'); } } as unknown as ParentNode;
    const doc = htmlDocument('<p>hi</p>', 'https://www.facebook.com/');
    expect(fb.findTargets(bad, { url: new URL('https://www.facebook.com/'), document: doc })).toEqual([]);
  });

  it('articles without any known hook are not offered; an article with only a text block extracts with warnings', () => {
    const url = 'https://www.facebook.com/';
    const doc = htmlDocument(
      `<div role="main"><div role="feed"><div role="article"><div class="x1">no hooks at all</div></div>
        <div role="article" aria-posinset="1"><div class="x2"><span>Someone</span></div><div data-ad-preview="message">text only</div></div></div></div>`,
      url,
    );
    const ctx = { url: new URL(url), document: doc };
    const targets = fb.findTargets(doc, ctx);
    expect(targets.map((t) => t.kind)).toEqual(['post']);
    const c = fb.extract(targets[0]!, ctx);
    expect(c.text).toBe('text only');
    expect(c.warnings.join(' ')).toMatch(/author could not be read/);
    expect(c.warnings.join(' ')).toMatch(/No permalink/);
  });

  it('a page with nothing recognisable gives no targets (the pipeline then offers a page capture)', () => {
    const doc = htmlDocument('<div class="x9f619"><span>Welcome</span></div>', 'https://www.facebook.com/');
    expect(fb.findTargets(doc, { url: new URL('https://www.facebook.com/'), document: doc })).toEqual([]);
  });
});

describe('matching and report routes', () => {
  it('matches Facebook pages but not Messenger inside Facebook, nor other sites', () => {
    expect(fb.matches(new URL('https://www.facebook.com/'))).toBe(true);
    expect(fb.matches(new URL('https://web.facebook.com/ryan.vance.9'))).toBe(true);
    expect(fb.matches(new URL('https://facebook.com/groups/1/posts/2/'))).toBe(true);
    expect(fb.matches(new URL('https://www.facebook.com/messages/t/123/'))).toBe(false);
    expect(fb.matches(new URL('https://www.facebook.com/messages'))).toBe(false);
    expect(fb.matches(new URL('https://www.messenger.com/t/123/'))).toBe(false);
    expect(fb.matches(new URL('https://x.com/home'))).toBe(false);
  });

  it('offers the in-app route, the forms, StopNCII and the permalink to copy', () => {
    const { ofKind, extract } = open('user-post.html');
    const post = extract(ofKind('post')[0]!);
    const routes = fb.reportRoutes(post);
    const byId = Object.fromEntries(routes.map((r) => [r.id, r]));
    expect(byId['facebook-in-app-post']?.steps).toMatch(/Find support or report/);
    expect(byId['facebook-form-intimate-images']?.url).toBe('https://www.facebook.com/help/contact/567360146613371');
    expect(byId['facebook-form-impersonation']?.url).toBe('https://www.facebook.com/help/contact/169486816475808');
    expect(byId.stopncii?.url).toBe('https://stopncii.org');
    expect(byId['copy-permalink']?.url).toBe(post.permalink);
    const profile = fb.reportRoutes({ kind: 'profile', platform: 'facebook', links: [], media: [], method: 'adapter', warnings: [] });
    expect(profile.some((r) => r.id === 'facebook-in-app-profile')).toBe(true);
    expect(profile.some((r) => r.id === 'copy-permalink')).toBe(false);
  });
});

describe('displayed dates and ids', () => {
  it('reads full dates in English, Spanish and Portuguese', () => {
    expect(parseDisplayedDate('Tuesday, November 17, 2026 at 9:12 PM')).toBe('2026-11-17T21:12:00.000Z');
    expect(parseDisplayedDate('17 November 2026 at 21:12')).toBe('2026-11-17T21:12:00.000Z');
    expect(parseDisplayedDate('Nov 17, 2026, 12:05 AM')).toBe('2026-11-17T00:05:00.000Z');
    expect(parseDisplayedDate('jueves, 19 de noviembre de 2026 a las 21:12')).toBe('2026-11-19T21:12:00.000Z');
    expect(parseDisplayedDate('19 de noviembre de 2026, 9:12 p. m.')).toBe('2026-11-19T21:12:00.000Z');
    expect(parseDisplayedDate('20 de março de 2026 às 08:30')).toBe('2026-03-20T08:30:00.000Z');
  });

  it("takes a displayed date in the device's own time zone (Facebook formats it there)", () => {
    try {
      process.env.TZ = 'America/Chicago';
      expect(parseDisplayedDate('Tuesday, November 17, 2026 at 9:12 PM')).toBe('2026-11-18T03:12:00.000Z');
    } finally {
      process.env.TZ = 'UTC';
    }
    expect(parseDisplayedDate('Tuesday, November 17, 2026 at 9:12 PM')).toBe('2026-11-17T21:12:00.000Z');
  });

  it('leaves relative, partial or impossible dates out', () => {
    for (const s of ['21h', '3d', 'Yesterday at 11:48 PM', 'November 14 at 8:30 AM', 'Joined March 2011', 'February 30, 2026 at 1:00 PM', '', 'hace 2 días']) {
      expect(parseDisplayedDate(s), s).toBeUndefined();
    }
  });

  it('strips tracking from links without iterating URLSearchParams (not iterable in Firefox content scripts)', () => {
    const keys = URLSearchParams.prototype.keys;
    try {
      URLSearchParams.prototype.keys = (() => ({})) as unknown as typeof keys;
      expect(cleanUrl(new URL('https://www.facebook.com/a/posts/1?comment_id=2&__cft__[0]=AZx&__tn__=R]-R&fbclid=z#x'))).toBe('https://www.facebook.com/a/posts/1?comment_id=2');
    } finally {
      URLSearchParams.prototype.keys = keys;
    }
    expect(linkTarget(new URL('https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fa%3Ffbclid%3Dq%26b%3D1&h=AT1'))).toBe('https://example.org/a?b=1');
  });

  it('decodes newer base64 comment ids and keeps numeric ones', () => {
    expect(decodeCommentId('1360001111111111')).toBe('1360001111111111');
    expect(decodeCommentId(btoa('comment:1122_3344'))).toBe('3344');
    expect(decodeCommentId('not-an-id')).toBe('not-an-id');
  });
});

describe('real 2025 layouts (structure replicas in test/real/www.facebook.com/)', () => {
  const REAL = join(import.meta.dirname, '..', '..', '..', 'test', 'real', 'www.facebook.com');
  function real(name: string) {
    const truth = JSON.parse(readFileSync(join(REAL, `${name}.truth.json`), 'utf8')) as { url: string };
    const doc = loadDocument(join(REAL, `${name}.html`), truth.url);
    const ctx = { url: new URL(truth.url), document: doc };
    const targets = fb.findTargets(doc, ctx);
    return { targets, extract: (t: CaptureTarget) => fb.extract(t, ctx) };
  }

  it('a suggested post whose links still point at the page\'s post takes its own address from the page JSON, and says so', () => {
    const { targets, extract } = real('post-dialog-comments-2025c');
    const posts = targets.filter((t) => t.kind === 'post').map(extract);
    expect(posts.map((p) => p.permalink)).toEqual(['https://www.facebook.com/100282416510700/posts/534909638687842/', 'https://www.facebook.com/reel/1603652274895071/']);
    expect(posts[1]!.warnings.some((w) => w.includes("another person's post"))).toBe(true);
    expect(posts[1]!.warnings.some((w) => w.includes("page's data for this author"))).toBe(true);
    // The focal post's date link is padded with hidden letters: the recorded text is what a reader sees.
    expect(posts[0]!.itemTimeText).not.toMatch(/--/);
  });

  it('search results (no role=article, obfuscated date links) get their ids and times from the page JSON, never /search/posts/ as a permalink', () => {
    const { targets, extract } = real('search-posts-2025');
    const posts = targets.map(extract);
    expect(posts).toHaveLength(3);
    for (const p of posts) {
      expect(p.permalink ?? '').not.toContain('/search/');
      expect(p.itemTime).toBeTruthy();
      expect(p.warnings.some((w) => w.includes("page's data for this author"))).toBe(true);
    }
  });

  it('a post sharing another post without nested articles keeps only its own author and leaves the shared text out', () => {
    const { targets, extract } = real('group-feed-shared-post-2025');
    expect(targets).toHaveLength(1);
    const p = extract(targets[0]!);
    expect(p.text).toBeUndefined();
    expect(p.warnings.some((w) => w.includes('shares another post'))).toBe(true);
  });

  it('a profile tile\'s title block ("Photos" with its link) is not taken as the bio', () => {
    const { targets, extract } = real('profile-ar-logged-out-2025');
    expect(targets.map((t) => t.kind)).toEqual(['profile']);
    const p = extract(targets[0]!);
    expect(p.text).toBeUndefined();
    expect(p.fields?.bio).toBeUndefined();
  });

  it('the reels viewer offers the reel shown, with its caption, owner id and the time from the page JSON', () => {
    const { targets, extract } = real('reel-logged-out-2025');
    expect(targets.map((t) => t.kind)).toEqual(['post']);
    const p = extract(targets[0]!);
    expect(p.fields?.format).toBe('reel');
    expect(p.author?.accountId).toBe('61529507014113');
    expect(p.itemTime).toBe('2025-05-12T17:20:05.000Z');
  });

  it('comment times come from the page JSON, not from the relative "1w" shown', () => {
    const { targets, extract } = real('post-comments-logged-out-2025');
    const comments = targets.filter((t) => t.kind === 'comment').map(extract);
    expect(comments).toHaveLength(10);
    for (const c of comments) {
      expect(c.itemTimeText).toBe('1w');
      expect(c.itemTime).toMatch(/^2025-06-/);
      expect(c.warnings.some((w) => w.includes('relative'))).toBe(false);
    }
  });
});
