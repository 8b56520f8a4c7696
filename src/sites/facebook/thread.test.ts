// @vitest-environment happy-dom
/**
 * Facebook whole-thread support on the long-post replicas (test/replicas/www.facebook.com/thread/, static markup
 * only): their truth files; which posts are threads (the post a post page is about, nothing in a feed); comment and
 * reply rows with keys from comment_id / reply_comment_id (base64 ones decoded); all 500 comments and replies read
 * in page order from the markup the live page draws; the two-step switch of the comment filter to "All comments";
 * and the click allow-list — only the filter, its "All comments" item and "View more comments" / "View N replies"
 * controls, in English, Spanish and Portuguese — with look-alikes refused.
 */
process.env.TZ = 'UTC';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { CaptureTarget, ThreadContainer } from '../types';
import { facebookAdapter } from './adapter';
import { facebookSite } from './site';
import { htmlDocument, loadDocument, mismatches, REPLICAS } from './replica-fixtures';
import { facebookThread as th } from './thread';

interface Person {
  name: string;
  handle?: string;
  id?: string;
}
interface Node {
  kind: 'comment' | 'reply';
  id: string;
  path: string;
  author: Person;
  parent: Node | null;
  text: string;
  photo: string | null;
  relevant: boolean;
  linkId?: string;
  replies: Node[];
}
interface Lang {
  viewMoreComments: string;
}
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(REPLICAS, 'www.facebook.com', 'thread', 'post-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastMetaPost as {
  POST: { url: string; urlEs: string };
  LANG: Record<string, Lang>;
  tree(n: number): Node[];
  order(n: number): Node[];
  replyBlock(x: Node, L: Lang, postUrl: string, state: { shown: Record<string, number> }): string;
};

interface Truth {
  url: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}
const NAMES = ['post-comments', 'post-comments-es', 'post-comments-menu', 'post-comments-loading', 'post-comments-dialog'];

function load(name: string) {
  const truth = JSON.parse(readFileSync(join(REPLICAS, 'www.facebook.com', 'thread', `${name}.truth.json`), 'utf8')) as Truth;
  const doc = loadDocument(join(REPLICAS, 'www.facebook.com', 'thread', `${name}.html`), truth.url);
  const url = new URL(truth.url);
  const ctx = { url, document: doc };
  const targets = (kind?: string): CaptureTarget[] => facebookAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  const container = (): ThreadContainer => th.container(targets('post')[0]!, ctx)!;
  return { truth, doc, url, ctx, targets, container };
}

function page(file: string, url: string) {
  const doc = loadDocument(join(REPLICAS, 'www.facebook.com', file), url);
  const ctx = { url: new URL(url), document: doc };
  return { doc, ctx, targets: facebookAdapter.findTargets(doc, ctx) };
}

const labels = (els: Element[]) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('long-post replicas and their truth files', () => {
  for (const name of NAMES) {
    it(`${name}: targets and items match the truth`, () => {
      const { truth, ctx, targets } = load(name);
      const counts: Record<string, number> = {};
      for (const t of targets()) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
      expect(counts).toEqual(truth.targets);
      for (const item of truth.items) {
        const target = targets(item.kind)[item.index];
        expect(target, `${item.kind}#${item.index}`).toBeDefined();
        expect(mismatches(facebookAdapter.extract(target!, ctx), item.expect), `${name} ${item.kind}#${item.index}`).toEqual([]);
      }
    });
  }
});

describe('Facebook thread support', () => {
  it('the adapter offers it', () => {
    expect(facebookSite.thread).toBe(th);
  });

  it('a post page: its post is a thread of kind post; comments are rows; comments, feed posts and profiles are not threads', () => {
    const { ctx, targets, container, truth } = load('post-comments');
    const c = container();
    expect(c.recordKind).toBe('post');
    expect(c.head).toBe(targets('post')[0]!.element);
    expect(c.element.getAttribute('role')).toBe('main');
    expect(th.container(targets('comment')[0]!, ctx)).toBeNull();
    const rows = th.rows(c);
    expect(rows).toEqual(targets('comment').map((t) => t.element));
    expect(rows).not.toContain(c.head);
    const head = th.head(c, ctx);
    expect(head.kind).toBe('post');
    expect(head.permalink).toBe(truth.url);
    expect(head.author?.handle).toBe('ryan.vance.9');
    // Existing post pages are threads too; a feed and a profile are not.
    const user = page('user-post.html', 'https://www.facebook.com/ryan.vance.9/posts/pfbid0DKUWyibAHokV6jk47KDGdZrYrW8eWXmzcgtKvVsxwsY3h5c3x1rq3Sl');
    const uc = th.container(user.targets.find((t) => t.kind === 'post')!, user.ctx);
    expect(uc?.recordKind).toBe('post');
    expect(th.rows(uc!).length).toBe(user.targets.filter((t) => t.kind === 'comment' || t.kind === 'reply').length);
    const perm = page('permalink.html', 'https://www.facebook.com/permalink.php?story_fbid=122112233445566&id=100081234567890');
    expect(th.container(perm.targets.find((t) => t.kind === 'post')!, perm.ctx)?.recordKind).toBe('post');
    const feed = page('feed.html', 'https://www.facebook.com/');
    for (const t of feed.targets.filter((x) => x.kind === 'post')) expect(th.container(t, feed.ctx)).toBeNull();
    const profile = page('profile.html', 'https://www.facebook.com/ryan.vance.9');
    for (const t of profile.targets) expect(th.container(t, profile.ctx)).toBeNull();
  });

  it('a post opened over the feed: the dialog bounds the thread; the feed\'s comments, filters and reply controls are not its own', () => {
    const { ctx, targets } = load('post-comments-dialog');
    const posts = targets('post');
    expect(posts.length).toBe(3);
    // The feed's posts are not what the page is about.
    expect(th.container(posts[0]!, ctx)).toBeNull();
    expect(th.container(posts[1]!, ctx)).toBeNull();
    const c = th.container(posts[2]!, ctx)!;
    expect(c.element.getAttribute('role')).toBe('dialog');
    expect(c.head).toBe(posts[2]!.element);
    expect(th.rows(c)).toEqual(targets('comment').slice(4).map((t) => t.element));
    const first = th.expanders(c);
    expect(first.length).toBe(1);
    expect(c.head!.contains(first[0]!)).toBe(true);
    const next = th.expanders(c);
    expect(next.length).toBe(6);
    for (const el of next) expect(c.head!.contains(el)).toBe(true);
    // Even a container that is the whole page keeps to the head post's controls and rows.
    const wide = { ...c, element: ctx.document.body };
    expect(th.rows(wide)).toEqual(th.rows(c));
    expect(th.expanders(wide).every((el) => c.head!.contains(el))).toBe(true);
  });

  it('keys come from comment_id / reply_comment_id (base64 "comment:<post>_<id>" decoded), never from text', () => {
    const { ctx, container } = load('post-comments');
    const c = container();
    const rows = th.rows(c);
    const visible = R.tree(200).filter((x) => x.relevant).slice(0, 10);
    expect(rows.map((r) => th.keyOf(r, ctx))).toEqual(visible.map((x) => `comment:${x.id}`));
    expect(visible.some((x) => x.linkId !== x.id)).toBe(true);
    // The same comments in Spanish have the same keys.
    const es = load('post-comments-es');
    expect(th.rows(es.container()).map((r) => th.keyOf(r, es.ctx))).toEqual(visible.map((x) => `comment:${x.id}`));
  });

  for (const [lang, name, url] of [
    ['en', 'post-comments', R.POST.url],
    ['es', 'post-comments-es', R.POST.urlEs],
  ] as const) {
    it(`${lang}: all 500 comments and replies, as the page draws them fully open, read in page order with authors and parents`, () => {
      const { doc, ctx, container } = load(name);
      const tree = R.tree(200);
      const shown: Record<string, number> = {};
      for (const x of R.order(200)) shown[x.path] = x.replies.length;
      doc.querySelector('[data-replica-list]')!.innerHTML = tree.map((x) => R.replyBlock(x, R.LANG[lang]!, url, { shown })).join('');
      for (const more of Array.from(doc.querySelectorAll('[data-replica-more]'))) more.remove();
      const c = container();
      const rows = th.rows(c);
      const expected = R.order(200);
      expect(rows.length).toBe(500);
      const entries = rows.map((r) => th.entryOf(r, ctx, c));
      expect(entries.map((e) => e.key)).toEqual(expected.map((x) => `comment:${x.id}`));
      expect(entries.map((e) => e.content.kind)).toEqual(expected.map((x) => x.kind));
      expect(entries.map((e) => e.content.itemId)).toEqual(expected.map((x) => x.id));
      expect(entries.map((e) => e.content.author?.displayName)).toEqual(expected.map((x) => x.author.name));
      expect(entries.map((e) => e.content.author?.handle)).toEqual(expected.map((x) => x.author.handle));
      expect(entries.map((e) => e.content.text)).toEqual(expected.map((x) => x.text));
      expect(entries.map((e) => e.content.fields?.parentCommentId)).toEqual(expected.map((x) => (x.kind === 'reply' ? (x.parent!.parent ?? x.parent!).id : undefined)));
      expect(th.expanders(c).filter((e) => th.isAllowedClick(e)).map((e) => e.getAttribute('aria-haspopup'))).toEqual(['menu']);
      expect(th.expanders(c)).toEqual([]);
    });
  }

  it('the comment filter is switched in two steps: its button (once), then the open menu\'s "All comments"; then the reveal controls', () => {
    const { ctx, container } = load('post-comments');
    const c = container();
    const first = th.expanders(c);
    expect(labels(first)).toEqual(['Most relevant ▾']);
    expect(th.isAllowedClick(first[0]!)).toBe(true);
    // Offered once: the next call goes on to "View more comments"-type controls.
    const next = th.expanders(c);
    expect(labels(next)).toEqual(['View all 3 replies', 'View 2 replies', 'View all 3 replies', 'View 2 replies', 'View 2 replies', 'View more comments']);
    for (const el of next) expect(th.isAllowedClick(el)).toBe(true);
    void ctx;

    const menu = load('post-comments-menu');
    const mc = menu.container();
    const item = th.expanders(mc);
    expect(item.length).toBe(1);
    expect(item[0]!.getAttribute('role')).toBe('menuitem');
    expect(item[0]!.textContent).toMatch(/^All comments/);
    expect(th.isAllowedClick(item[0]!)).toBe(true);
    for (const other of Array.from(menu.doc.querySelectorAll('[role="menuitem"]')).filter((el) => el !== item[0])) expect(th.isAllowedClick(other)).toBe(false);

    // Right after the switch: the filter shows "All comments" (nothing to click) and the list is loading.
    const loading = load('post-comments-loading');
    const lc = loading.container();
    expect(th.loading(lc)).toBe(true);
    expect(th.expanders(lc)).toEqual([]);
    expect(th.isAllowedClick(loading.doc.querySelector('.hf-filter')!)).toBe(false);
    expect(th.loading(c)).toBe(false);
  });

  it('a filter switch that does not take is tried twice at most, then the reveal controls go on', () => {
    const { doc, container } = load('post-comments');
    const c = container();
    const filterHtml = doc.querySelector('.hf-filter')!.outerHTML;
    expect(labels(th.expanders(c))).toEqual(['Most relevant ▾']);
    doc.querySelector('.hf-filter')!.outerHTML = filterHtml; // the site redrew the button, still "Most relevant"
    expect(labels(th.expanders(c))).toEqual(['Most relevant ▾']);
    doc.querySelector('.hf-filter')!.outerHTML = filterHtml;
    expect(th.expanders(c).length).toBe(6);
  });

  it('allow-list on the replica: only the filter and the reveal controls; every like, reply, share, menu, link and box is refused', () => {
    for (const name of ['post-comments', 'post-comments-es', 'post-comments-menu']) {
      const { doc } = load(name);
      const everything = Array.from(doc.querySelectorAll('*'));
      const allowed = everything.filter((el) => th.isAllowedClick(el));
      const expected = name === 'post-comments-es'
        ? ['Más relevantes ▾', 'Ver las 3 respuestas', 'Ver las 2 respuestas', 'Ver las 3 respuestas', 'Ver las 2 respuestas', 'Ver las 2 respuestas', 'Ver más comentarios']
        : ['Most relevant ▾', 'View all 3 replies', 'View 2 replies', 'View all 3 replies', 'View 2 replies', 'View 2 replies', 'View more comments'];
      if (name === 'post-comments-menu') expected.push('All commentsShow all comments, including potential spam. The most relevant comments will appear first.');
      expect(labels(allowed)).toEqual(expected);
      const refused = Array.from(doc.querySelectorAll('button, [role="button"], a, [role="link"], [role="menuitem"], [role="textbox"], input, textarea')).filter((el) => !allowed.includes(el));
      expect(refused.length).toBeGreaterThan(60);
    }
    for (const [file, url] of [
      ['user-post.html', 'https://www.facebook.com/ryan.vance.9/posts/pfbid0DKUWyibAHokV6jk47KDGdZrYrW8eWXmzcgtKvVsxwsY3h5c3x1rq3Sl'],
      ['post-es.html', 'https://www.facebook.com/javi.molina.5/posts/pfbid07W3LDRnnvNpYW8aX6G1AKJXzXauwwZk69Uwe2CknjnQ3DfhScEH1swl'],
      ['feed.html', 'https://www.facebook.com/'],
      ['logged-out.html', 'https://www.facebook.com/northsidegossip/posts/pfbid06PLmt7D7gKWyFgzxegaqeYnW7Hzszf9fGzdCxXBk33Mgo8acYAVN9fl'],
    ]) {
      const { doc } = page(file!, url!);
      const allowed = Array.from(doc.querySelectorAll('*')).filter((el) => th.isAllowedClick(el));
      // At most the comment filter itself ("Most relevant" / "Más relevantes").
      for (const el of allowed) expect(el.getAttribute('aria-haspopup'), `${file}: ${el.outerHTML.slice(0, 100)}`).toBe('menu');
    }
  });

  describe('allow-list look-alikes, in English, Spanish and Portuguese', () => {
    const doc = htmlDocument('<div role="main"></div>', 'https://www.facebook.com/ryan.vance.9/posts/pfbid0x');
    const make = (html: string): Element => {
      const box = doc.createElement('div');
      box.innerHTML = html;
      doc.querySelector('[role="main"]')!.append(box);
      return box.querySelector('[data-probe]')!;
    };
    const button = (label: string) => make(`<div data-probe role="button" tabindex="0"><span dir="auto">${label}</span></div>`);

    const reveal = [
      'View more comments', 'View previous comments', 'View all 12 replies', 'View 1 reply', 'View 3 more replies', 'View 1,204 replies', 'See more replies',
      'Ryan Vance replied · 4 replies', '2 replies',
      'Ver más comentarios', 'Ver comentarios anteriores', 'Ver las 4 respuestas', 'Ver 1 respuesta', 'Ver 2 respuestas más', 'Ryan respondió · 2 respuestas',
      'Ver mais comentários', 'Ver comentários anteriores', 'Ver todas as 4 respostas', 'Ver 1 resposta', 'Ver mais 1 resposta', 'Ryan respondeu · 3 respostas',
    ];
    for (const label of reveal) it(`allows "${label}"`, () => expect(th.isAllowedClick(button(label))).toBe(true));

    const refused = [
      'Like', 'Me gusta', 'Curtir', 'React', 'Love', 'Reply', 'Responder', 'Comment', 'Comentar', 'Share', 'Compartir', 'Compartilhar', 'Send', 'Enviar',
      'Follow', 'Seguir', 'Report', 'Denunciar', 'Block', 'Bloquear', 'Delete', 'Eliminar', 'Excluir', 'Unsend', 'Anular el envío', 'Cancelar envio',
      'Hide 3 replies', 'Ocultar respuestas', 'Ocultar respostas', 'See more', 'Ver más', 'Ver mais', '3 comments', '12 comentarios', 'See who reacted to this',
      'Turn on notifications', 'View more comments and follow', 'View profile', 'View 3 replies and like', 'Write a comment…', 'All comments', 'Most relevant',
    ];
    for (const label of refused) it(`refuses "${label}"`, () => expect(th.isAllowedClick(button(label))).toBe(false));

    it('refuses reveal wording on the wrong structure', () => {
      expect(th.isAllowedClick(make('<a data-probe href="/x" role="button">View more comments</a>'))).toBe(false);
      expect(th.isAllowedClick(make('<a href="/x"><span data-probe role="button">View more comments</span></a>'))).toBe(false);
      expect(th.isAllowedClick(make('<form><button data-probe type="submit">View more comments</button></form>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button" aria-haspopup="menu">View more comments</div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button" aria-pressed="false">View 2 replies</div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button" aria-label="Report">View 2 replies</div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button">View 2 replies <a href="/ryan">Ryan</a></div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button">View 2 replies <div role="button">Like</div></div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="textbox" contenteditable="true">View 2 replies</div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div role="menu"><div data-probe role="button">View 2 replies</div></div>'))).toBe(false);
      expect(th.isAllowedClick(make('<span data-probe>View 2 replies</span>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button" aria-disabled="true">View 2 replies</div>'))).toBe(false);
    });

    it('the comment filter button: only while it shows an option other than "All comments", and never inside a comment', () => {
      const filter = (label: string) => make(`<div data-probe role="button" aria-haspopup="menu" aria-expanded="false" tabindex="0"><span dir="auto">${label}</span> ▾</div>`);
      for (const l of ['Most relevant', 'Newest', 'Más relevantes', 'Más recientes', 'Mais relevantes', 'Mais recentes']) expect(th.isAllowedClick(filter(l)), l).toBe(true);
      for (const l of ['All comments', 'Todos los comentarios', 'Todos os comentários', 'Actions for this post', 'Edit or delete this', 'Ocultar o denunciar esto', 'More']) expect(th.isAllowedClick(filter(l)), l).toBe(false);
      expect(th.isAllowedClick(make('<div role="article" aria-label="Comment by Ryan Vance 2 days ago"><div data-probe role="button" aria-haspopup="menu">Most relevant</div></div>'))).toBe(false);
      expect(th.isAllowedClick(make('<div data-probe role="button" aria-haspopup="menu" aria-label="Hide or report this">Most relevant</div>'))).toBe(false);
    });

    it('menu items: only "All comments" of the comment filter\'s own open menu', () => {
      const menu = (items: string[], attrs = '') =>
        make(`<div role="menu"${attrs}>${items.map((t, i) => `<div role="menuitem" tabindex="-1"${i === items.length - 1 ? ' data-probe' : ''}><div><span dir="auto">${t}</span></div><div><span dir="auto">Description.</span></div></div>`).join('')}</div>`);
      expect(th.isAllowedClick((menu(['Most relevant', 'Newest', 'All comments'])))).toBe(true);
      expect(th.isAllowedClick((menu(['Más relevantes', 'Más recientes', 'Todos los comentarios'])))).toBe(true);
      expect(th.isAllowedClick((menu(['Mais relevantes', 'Mais recentes', 'Todos os comentários'])))).toBe(true);
      expect(th.isAllowedClick((menu(['Most relevant', 'All comments', 'Newest'])))).toBe(false);
      expect(th.isAllowedClick((menu(['Report comment', 'Block Ryan', 'All comments'])))).toBe(false);
      expect(th.isAllowedClick((menu(['Most relevant', 'Newest', 'All comments'], ' hidden')))).toBe(false);
      expect(th.isAllowedClick((menu(['Most relevant', 'Newest', 'Delete'])))).toBe(false);
      expect(th.isAllowedClick((menu(['Most relevant', 'Newest', 'Turn off notifications for this post'])))).toBe(false);
    });
  });
});
