// @vitest-environment happy-dom
/**
 * Instagram "capture profile with posts" support on the long profile replica (test/replicas/www.instagram.com/thread/
 * profile-long.html and its Spanish twin, static markup only) and on the single profile page: the container (profile
 * header, newest first, offered on a profile's posts grid only), the grid's tiles as rows with canonical-permalink
 * keys, entries (shortcode, media type from the icons in English and Spanish, alt text marked as alt, thumbnail,
 * pinned, the owner as author with the owner's id), the post time derived from the shortcode kept apart from itemTime
 * and used for bounds, recycled tiles read afresh, and that nothing is ever clickable.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureTarget, ExtractContext, ThreadContainer } from '../types';
import { instagramAdapter } from './adapter';
import { instagramSite } from './site';
import { instagramProfilePosts as PP } from './profile-posts';
import { mediaIdOfTime, shortcodeOfMediaId, timeFromShortcode } from './shortcode';

const SITE = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'www.instagram.com');
const DIR = join(SITE, 'thread');

interface Tile {
  index: number;
  code: string;
  mediaId: string;
  time: string;
  href: string;
  permalink: string;
  key: string;
  type: string;
  pinned: boolean;
  alt: string;
  thumb: string;
  icons: string[];
}
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(DIR, 'ig-profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastIgProfileReplica as {
  OWNER: { handle: string; id: string };
  VIEWER: { id: string };
  PAGE: number;
  tiles(lang?: string): Tile[];
  spinnerHtml(lang?: string): string;
};

const URL_EN = 'https://www.instagram.com/night.owl_alt/';
const URL_ES = 'https://www.instagram.com/night.owl_alt/?hl=es';

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

function open(file: string, url: string) {
  const w = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  windows.push(w);
  w.document.write(readFileSync(join(SITE, file), 'utf8'));
  const doc = w.document as unknown as Document;
  const ctx: ExtractContext = { url: new URL(url), document: doc };
  const targets = (kind?: string): CaptureTarget[] => instagramAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  const container = (): ThreadContainer => {
    const c = PP.container(targets('profile')[0]!, ctx);
    if (!c) throw new Error('no container');
    return c;
  };
  return { doc, ctx, targets, container };
}

describe('Instagram profile with posts', () => {
  it('the adapter offers it beside whole-thread support', () => {
    expect(instagramSite.profilePosts).toBe(PP);
    expect(instagramSite.thread).not.toBe(PP);
  });

  for (const [file, url, lang] of [
    ['thread/profile-long.html', URL_EN, 'en'],
    ['thread/profile-long-es.html', URL_ES, 'es'],
  ] as const) {
    it(`${file}: the header is a newest-first container of kind profile; rows are the grid's tiles, keyed, typed and dated from their ids`, () => {
      const { ctx, targets, container } = open(file, url);
      const header = targets('profile')[0]!;
      const c = container();
      expect(c).toMatchObject({ recordKind: 'profile', newestFirst: true, head: header.element });
      expect(c.element.getAttribute('role')).toBe('main');
      expect(PP.scroller?.(c)).toBeNull();
      const truth = P.tiles(lang).slice(0, P.PAGE);
      const rows = PP.rows(c);
      expect(rows.length).toBe(truth.length);
      expect(rows.map((r) => PP.keyOf(r, ctx))).toEqual(truth.map((t) => t.key));
      const entries = rows.map((r) => PP.entryOf(r, ctx, c));
      expect(entries.map((e) => e.key)).toEqual(truth.map((t) => t.key));
      expect(entries.map((e) => e.content.permalink)).toEqual(truth.map((t) => t.permalink));
      expect(entries.map((e) => e.content.itemId)).toEqual(truth.map((t) => t.code));
      expect(entries.map((e) => e.content.kind)).toEqual(truth.map(() => 'post'));
      expect(entries.map((e) => e.content.fields?.mediaType)).toEqual(truth.map((t) => t.type));
      expect(entries.map((e) => e.content.fields?.pinned === 'true')).toEqual(truth.map((t) => t.pinned));
      expect(entries.map((e) => e.content.text)).toEqual(truth.map((t) => t.alt || undefined));
      expect(entries.map((e) => e.content.fields?.textSource)).toEqual(truth.map((t) => (t.alt ? 'alt' : undefined)));
      expect(entries.map((e) => e.content.media.map((m) => m.url))).toEqual(truth.map((t) => [t.thumb]));
      // The grid shows no date: the time is derived from the post id, kept apart from itemTime.
      expect(entries.map((e) => e.content.itemTime)).toEqual(truth.map(() => undefined));
      expect(entries.map((e) => e.content.itemTimeText)).toEqual(truth.map(() => undefined));
      expect(entries.map((e) => e.content.fields?.timeFromId)).toEqual(truth.map((t) => t.time));
      expect(entries.map((e) => e.content.fields?.mediaId)).toEqual(truth.map((t) => t.mediaId));
      expect(new Set(entries.map((e) => e.content.fields?.timeSource))).toEqual(new Set(['derived from the post id']));
      expect(entries.map((e) => e.content.fields?.tileIcons)).toEqual(truth.map((t) => (t.icons.length ? t.icons.join(' | ') : undefined)));
      expect(entries.flatMap((e) => e.content.warnings)).toEqual([]);
      // The owner is every post's author, with the owner's own numeric id (the page also carries the viewer's).
      for (const e of entries) {
        expect(e.content.author).toMatchObject({ handle: 'night.owl_alt', displayName: 'n.o.', accountId: P.OWNER.id, profileUrl: URL_EN });
        expect(e.content.author?.accountId).not.toBe(P.VIEWER.id);
      }
      // The pinned post is first and marked; hostile alt text is kept as text, exactly.
      expect(entries[0]!.content.fields).toMatchObject({ pinned: 'true', mediaType: 'carousel' });
      expect(entries.some((e) => e.content.text?.includes('<script>alert("owl")</script> & I will'))).toBe(true);
      // Bounds: the pinned post never counts; every other tile is placed by the time from its id.
      expect(PP.boundOf!(entries[0]!)).toEqual({ counted: false });
      expect(PP.boundOf!(entries[1]!)).toEqual({ counted: true, time: truth[1]!.time });
      const head = PP.head(c, ctx);
      expect(head).toMatchObject({ kind: 'profile', itemId: P.OWNER.id, author: { handle: 'night.owl_alt', accountId: P.OWNER.id } });
      expect(head.warnings.at(-1)).toMatch(/^Posts were read from the profile grid/);
      expect(PP.loading(c)).toBe(false);
      expect(PP.expanders(c)).toEqual([]);
    });
  }

  it('the whole replica grid: ~240 posts, one pinned, a mix of photos, carousels, reels and videos, ids in time order', () => {
    const all = P.tiles('en');
    expect(all.length).toBe(241);
    expect(all.filter((t) => t.pinned).map((t) => t.index)).toEqual([-1]);
    const types = new Set(all.map((t) => t.type));
    expect([...types].sort()).toEqual(['carousel', 'photo', 'reel', 'video']);
    for (const t of all) expect(timeFromShortcode(t.code, Date.parse('2026-11-23T00:00:00Z'))).toEqual({ mediaId: t.mediaId, time: t.time });
    const posts = all.slice(1);
    for (let i = 1; i < posts.length; i++) expect(posts[i]!.time < posts[i - 1]!.time).toBe(true);
    expect(all[0]!.time < posts.at(-1)!.time).toBe(true);
  });

  it('loading: Instagram’s grid spinner (an svg labelled Loading…/Cargando…) below the grid', () => {
    for (const [file, url, lang] of [
      ['thread/profile-long.html', URL_EN, 'en'],
      ['thread/profile-long-es.html', URL_ES, 'es'],
    ] as const) {
      const { doc, container } = open(file, url);
      const c = container();
      const box = doc.createElement('div');
      box.innerHTML = P.spinnerHtml(lang);
      doc.querySelector('[data-replica-grid]')!.after(box.firstElementChild!);
      expect(PP.loading(c)).toBe(true);
    }
  });

  it('recycled tiles are read afresh: a cell re-filled with another post gives that post', () => {
    const { ctx, container } = open('thread/profile-long.html', URL_EN);
    const c = container();
    const row = PP.rows(c)[4]!;
    const other = P.tiles('en')[100]!;
    row.setAttribute('href', other.href);
    row.querySelector('img')!.setAttribute('alt', other.alt);
    row.querySelector('img')!.setAttribute('src', other.thumb);
    expect(PP.keyOf(row, ctx)).toBe(other.key);
    const e = PP.entryOf(row, ctx, c);
    expect(e.content).toMatchObject({ permalink: other.permalink, itemId: other.code, text: other.alt, fields: { timeFromId: other.time } });
  });

  it('an icon it does not know: pinned only when the tile sits above a newer post', () => {
    const { ctx, container } = open('thread/profile-long.html', URL_EN);
    const c = container();
    const rows = PP.rows(c);
    const label = (row: Element, text: string) => {
      for (const svg of Array.from(row.querySelectorAll('svg[aria-label]'))) svg.remove();
      row.insertAdjacentHTML('beforeend', `<div class="_aatp"><svg aria-label="${text}" role="img" viewBox="0 0 48 48"></svg></div>`);
    };
    label(rows[0]!, 'Publication épinglée');
    const pinned = PP.entryOf(rows[0]!, ctx, c);
    expect(pinned.content.fields).toMatchObject({ pinned: 'true', tileIcons: 'Publication épinglée', mediaType: 'photo' });
    expect(pinned.content.fields?.pinnedDerivation).toMatch(/not recognised/);
    expect(PP.boundOf!(pinned)).toEqual({ counted: false });
    label(rows[2]!, 'Carrousel');
    const carousel = PP.entryOf(rows[2]!, ctx, c);
    expect(carousel.content.fields?.pinned).toBeUndefined();
    expect(carousel.content.fields?.tileIcons).toBe('Carrousel');
    expect(PP.boundOf!(carousel).counted).toBe(true);
  });

  it('a code with no derivable time (a private post’s longer code): kept without a time, never ends a date range', () => {
    const { ctx, container } = open('thread/profile-long.html', URL_EN);
    const c = container();
    const row = PP.rows(c)[3]!;
    const code = `${shortcodeOfMediaId(mediaIdOfTime(Date.parse('2026-05-01T00:00:00Z')))}A9fKq2Lx0pZbWcVt7u`;
    row.setAttribute('href', `/p/${code}/`);
    const e = PP.entryOf(row, ctx, c);
    expect(e.key).toBe(`https://www.instagram.com/p/${code}/`);
    expect(e.content.itemId).toBe(code);
    expect(e.content.fields?.timeFromId).toBeUndefined();
    expect(e.content.fields?.timeSource).toBeUndefined();
    expect(e.content.warnings).toEqual([expect.stringMatching(/longer than a media id .*no time was derived/)]);
    expect(PP.boundOf!(e)).toEqual({ counted: true });
  });

  it('only post tiles are rows: not comment links, links without a picture, header links or a dialog’s links', () => {
    const { doc, ctx, container } = open('thread/profile-long.html', URL_EN);
    const c = container();
    const before = PP.rows(c).length;
    const grid = doc.querySelector('[data-replica-grid]')!;
    grid.insertAdjacentHTML(
      'beforeend',
      '<a href="/p/DTl0ngThr3d/c/18000000055000000/" role="link"><img alt="" src="https://scontent.cdninstagram.com/x.jpg"></a><a href="/p/DTl0ngThr3d/" role="link">text only</a><a href="/explore/p/DTl0ngThr3d/" role="link"><img alt="" src="https://scontent.cdninstagram.com/y.jpg"></a><div role="dialog"><a href="/p/DTl0ngThr3d/" role="link"><img alt="" src="https://scontent.cdninstagram.com/z.jpg"></a></div>',
    );
    c.head!.insertAdjacentHTML('beforeend', '<a href="/p/DTl0ngThr3d/" role="link"><img alt="" src="https://scontent.cdninstagram.com/h.jpg"></a>');
    expect(PP.rows(c).length).toBe(before);
    expect(PP.keyOf(grid.querySelector('a[href*="/c/"]')!, ctx)).toBeNull();
  });

  it('a tile whose link names another account keeps the owner as author, with a warning', () => {
    const { ctx, container } = open('thread/profile-long.html', URL_EN);
    const c = container();
    const row = PP.rows(c)[1]!;
    const t = P.tiles('en')[1]!;
    row.setAttribute('href', `/lena.photos/p/${t.code}/`);
    const e = PP.entryOf(row, ctx, c);
    expect(e.key).toBe(t.key);
    expect(e.content.author?.handle).toBe('night.owl_alt');
    expect(e.content.warnings).toEqual(['The tile\'s link names @lena.photos, not the profile\'s owner @night.owl_alt (a collaboration post?).']);
  });

  it('the single profile page: its five tiles (/<handle>/p/ and /<handle>/reel/ links, no icons) with the owner’s id', () => {
    const { ctx, container } = open('profile.html', 'https://www.instagram.com/r.vance_22/');
    const c = container();
    const entries = PP.rows(c).map((r) => PP.entryOf(r, ctx, c));
    expect(entries.map((e) => e.key)).toEqual([
      'https://www.instagram.com/p/DRk3mQ2jXaB/',
      'https://www.instagram.com/reel/DSb2QwErTyU/',
      'https://www.instagram.com/p/DPa1kL9mXyZ/',
      'https://www.instagram.com/p/DPb2mN8nYzA/',
      'https://www.instagram.com/p/DPc3nO7oZaB/',
    ]);
    expect(entries.map((e) => e.content.fields?.mediaType)).toEqual(['photo', 'reel', 'photo', 'photo', 'photo']);
    expect(entries[1]!.content.text).toBeUndefined();
    expect(entries[1]!.content.fields?.textSource).toBeUndefined();
    for (const e of entries) {
      expect(e.content.author).toMatchObject({ handle: 'r.vance_22', accountId: '48213377045' });
      expect(e.content.fields?.timeFromId).toBe(timeFromShortcode(e.content.itemId!)?.time);
    }
    expect(PP.head(c, ctx).author?.accountId).toBe('48213377045');
  });

  it('is offered on a profile’s posts grid only, and clicks nothing', () => {
    const { doc, ctx, targets } = open('thread/profile-long.html', URL_EN);
    const header = targets('profile')[0]!;
    const at = (url: string) => PP.container(header, { ...ctx, url: new URL(url) });
    expect(at(URL_EN)).not.toBeNull();
    for (const url of [
      'https://www.instagram.com/night.owl_alt/tagged/',
      'https://www.instagram.com/night.owl_alt/reels/',
      'https://www.instagram.com/night.owl_alt/followers/',
      'https://www.instagram.com/p/DRk3mQ2jXaB/',
      'https://www.instagram.com/night.owl_alt/p/DRk3mQ2jXaB/',
      'https://www.instagram.com/reel/DSb2QwErTyU/',
      'https://www.instagram.com/direct/t/17849012345678901/',
      'https://www.instagram.com/direct/inbox/',
      'https://www.instagram.com/explore/',
      'https://www.instagram.com/reels/',
      'https://www.instagram.com/accounts/edit/',
      'https://www.instagram.com/',
      'https://x.com/night.owl_alt',
    ]) {
      expect(at(url), url).toBeNull();
    }
    // Only the profile target, and only the real header (not the adapter's <main> fallback).
    expect(PP.container({ element: header.element, kind: 'post' }, ctx)).toBeNull();
    expect(PP.container({ element: doc.querySelector('main')!, kind: 'profile' }, ctx)).toBeNull();
    for (const el of Array.from(doc.querySelectorAll('button, [role="button"], a, svg'))) expect(PP.isAllowedClick(el)).toBe(false);
  });

  it('other Instagram pages offer no profile with posts', () => {
    for (const [file, url] of [
      ['post.html', 'https://www.instagram.com/p/DRk3mQ2jXaB/'],
      ['carousel.html', 'https://www.instagram.com/p/DSa9vT4kLmN/'],
      ['dm.html', 'https://www.instagram.com/direct/t/17849012345678901/'],
      ['thread/post-long.html', 'https://www.instagram.com/p/DTl0ngThr3d/'],
    ] as const) {
      const { ctx, targets } = open(file, url);
      for (const t of targets()) expect(PP.container(t, ctx), `${file} ${t.kind}`).toBeNull();
    }
  });
});
