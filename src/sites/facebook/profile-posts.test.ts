// @vitest-environment happy-dom
/**
 * Facebook "capture profile with posts" support on the long profile replica (test/replicas/www.facebook.com/thread/
 * profile-long.html, static markup only, and the whole 200-entry timeline drawn from the markup the live page uses):
 * the container (profile header, newest first) on profile URLs only; timeline rows (never the comments under a post or
 * the original inside a share) and their keys; entries as the adapter reads them; the pinned post, shares and posts by
 * others on the wall marked by structure; how rows count against a bound; the loading placeholder; and that nothing
 * is ever clickable.
 *
 * Facebook shows dates in the viewing device's time zone; the truth file was written for a device on UTC.
 */
process.env.TZ = 'UTC';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { CaptureTarget, ExtractContext, ThreadContainer } from '../types';
import { facebookAdapter } from './adapter';
import { facebookSite } from './site';
import { facebookProfilePosts as pp, timelineOwner } from './profile-posts';
import { htmlDocument, loadDocument, mismatches, REPLICAS } from './replica-fixtures';

interface Person {
  name: string;
  handle?: string;
  id?: string;
}
interface Entry {
  index: number;
  kind: 'own' | 'share' | 'wall';
  pinned: boolean;
  author: Person;
  label: string;
  itemId: string;
  permalink: string;
  key: string;
  text: string;
  truncated: boolean;
  photo: unknown;
  comments: unknown[];
  shared: { author: Person; permalink: string; text: string; label: string } | null;
}
const DIR = join(REPLICAS, 'www.facebook.com', 'thread');
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(DIR, 'profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastFbProfile as {
  OWNER: Person & { handle: string; id: string };
  VIEWER: Person;
  N: number;
  timeline(n?: number): Entry[];
  timeOf(e: Entry): string | null;
  articleHtml(e: Entry, posinset: number, render: number): string;
  loadingHtml(): string;
};
const OWNER = P.OWNER;
const URL_ = `https://www.facebook.com/${OWNER.handle}`;

interface Truth {
  url: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}

function open(file = 'profile-long.html', url = URL_) {
  const doc = loadDocument(join(DIR, file), url);
  const ctx: ExtractContext = { url: new URL(url), document: doc };
  const targets = (kind?: string): CaptureTarget[] => facebookAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  const container = (): ThreadContainer => pp.container(targets('profile')[0]!, ctx)!;
  return { doc, ctx, targets, container };
}

const profileHref = (p: Person) => (p.handle ? `https://www.facebook.com/${p.handle}` : `https://www.facebook.com/profile.php?id=${p.id}`);
const mark = (f: Record<string, string> | undefined) => (f?.pinned ? 'pinned' : f?.share ? `share:${f.sharedBy}` : f?.wallPost ? `wall:${f.wallOf}` : 'own');
const expectedMark = (e: Entry) => (e.pinned ? 'pinned' : e.kind === 'share' ? `share:${OWNER.handle}` : e.kind === 'wall' ? `wall:${OWNER.handle}` : 'own');

/** Checks entries read from the page against the replica's timeline truth, field by field. */
function expectTimeline(ctx: ExtractContext, c: ThreadContainer, rows: Element[], truth: Entry[]): void {
  expect(rows.length).toBe(truth.length);
  expect(rows.map((r) => pp.keyOf(r, ctx))).toEqual(truth.map((e) => e.key));
  const entries = rows.map((r) => pp.entryOf(r, ctx, c));
  expect(entries.map((e) => e.key)).toEqual(truth.map((e) => e.key));
  expect(entries.map((e) => e.content.kind)).toEqual(truth.map(() => 'post'));
  expect(entries.map((e) => e.content.permalink)).toEqual(truth.map((e) => e.permalink));
  expect(entries.map((e) => e.content.itemId)).toEqual(truth.map((e) => e.itemId));
  expect(entries.map((e) => e.content.itemTime)).toEqual(truth.map((e) => P.timeOf(e) ?? undefined));
  expect(entries.map((e) => e.content.itemTimeText)).toEqual(truth.map((e) => e.label));
  expect(entries.map((e) => e.content.text)).toEqual(truth.map((e) => e.text));
  expect(entries.map((e) => e.content.author?.displayName)).toEqual(truth.map((e) => e.author.name));
  expect(entries.map((e) => e.content.author?.profileUrl)).toEqual(truth.map((e) => profileHref(e.author)));
  expect(entries.map((e) => e.content.media.length)).toEqual(truth.map((e) => (e.photo ? 1 : 0)));
  expect(entries.map((e) => mark(e.content.fields))).toEqual(truth.map(expectedMark));
  expect(entries.map((e) => e.content.warnings.some((w) => w.includes('See more')))).toEqual(truth.map((e) => e.truncated));
  // The owner's own posts carry the owner's numeric id (from the page data next to its vanity name).
  for (const [k, e] of entries.entries()) if (truth[k]!.author === OWNER) expect(e.content.author?.accountId).toBe(OWNER.id);
  for (const [k, e] of entries.entries()) {
    const s = truth[k]!.shared;
    if (!s) continue;
    expect(e.content.fields).toMatchObject({ sharedFrom: profileHref(s.author), sharedFromName: s.author.name, sharedPermalink: s.permalink, sharedText: s.text });
  }
}

describe('Facebook profile with posts', () => {
  it('the adapter offers it beside whole-thread support', () => {
    expect(facebookSite.profilePosts).toBe(pp);
    expect(facebookSite.thread).not.toBe(pp);
  });

  it('profile-long: targets and items match the truth file', () => {
    const truth = JSON.parse(readFileSync(join(DIR, 'profile-long.truth.json'), 'utf8')) as Truth;
    const { ctx, targets } = open('profile-long.html', truth.url);
    const counts: Record<string, number> = {};
    for (const t of targets()) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
    expect(counts).toEqual(truth.targets);
    for (const item of truth.items) {
      const target = targets(item.kind)[item.index];
      expect(target, `${item.kind}#${item.index}`).toBeDefined();
      expect(mismatches(facebookAdapter.extract(target!, ctx), item.expect), `${item.kind}#${item.index}`).toEqual([]);
    }
  });

  it('the header is a newest-first container of kind profile; its rows are the timeline posts, not their comments', () => {
    const { ctx, targets, container } = open();
    const header = targets('profile')[0]!;
    const c = container();
    expect(c).toMatchObject({ recordKind: 'profile', newestFirst: true, head: header.element });
    expect(c.element.getAttribute('role')).toBe('main');
    expect(pp.scroller!(c)).toBeNull();
    // Posts and comments are capture targets of their own, but only a profile is captured with its posts.
    expect(pp.container(targets('post')[0]!, ctx)).toBeNull();
    expect(pp.container(targets('comment')[0]!, ctx)).toBeNull();
    const rows = pp.rows(c);
    expect(rows).toEqual(targets('post').map((t) => t.element));
    const comments = targets('comment').map((t) => t.element);
    expect(comments.length).toBeGreaterThan(5);
    for (const el of comments) expect(rows).not.toContain(el);
    // The original inside a share is an article too, but not a row (nor a capture target).
    const nested = Array.from(c.element.querySelectorAll('[role="article"] [role="article"]:not([aria-label])'));
    expect(nested.length).toBeGreaterThan(0);
    for (const el of nested) expect(rows).not.toContain(el);
    expectTimeline(ctx, c, rows, P.timeline(10));
  });

  it('the whole 200-entry timeline, drawn as the live page draws it: every entry keyed, read and marked', () => {
    const all = P.timeline();
    const feed = all
      .slice(1)
      .map((e) => `<div>${P.articleHtml(e, e.index + 1, 3)}</div>`)
      .join('');
    const shell = readFileSync(join(DIR, 'profile-long.html'), 'utf8');
    const main = shell.slice(shell.indexOf('<div role="main">'), shell.indexOf('<div data-pagelet="ProfileTimeline">'));
    const doc = htmlDocument(
      `${shell.slice(shell.indexOf('<script type="application/json"'), shell.indexOf('</head>'))}${main}<div data-pagelet="ProfileTimeline"><div>${P.articleHtml(all[0]!, 0, 1)}</div><div>${feed}</div></div></div></div>`,
      URL_,
    );
    const ctx = { url: new URL(URL_), document: doc };
    const header = facebookAdapter.findTargets(doc, ctx).find((t) => t.kind === 'profile')!;
    const c = pp.container(header, ctx)!;
    const rows = pp.rows(c);
    expectTimeline(ctx, c, rows, all);
    expect(new Set(rows.map((r) => pp.keyOf(r, ctx))).size).toBe(201);
    const entries = rows.map((r) => pp.entryOf(r, ctx, c));
    expect(entries.filter((e) => e.content.fields?.share === 'true').length).toBe(all.filter((e) => e.kind === 'share').length);
    expect(entries.filter((e) => e.content.fields?.wallPost === 'true').length).toBe(all.filter((e) => e.kind === 'wall').length);
    expect(all.filter((e) => e.kind === 'share').length).toBeGreaterThan(10);
    expect(all.filter((e) => e.kind === 'wall').length).toBeGreaterThan(10);
  });

  it('a recycled node re-drawn with other tracking noise keeps its key; a post without its time link is keyed by author and text', () => {
    const { ctx, container } = open();
    const c = container();
    const row = pp.rows(c)[3]!;
    const key = pp.keyOf(row, ctx);
    const href = () => row.querySelector('a[aria-label][href*="/posts/"]')?.getAttribute('href');
    const before = href();
    const entry = P.timeline(3)[3]!;
    const again = htmlDocument(P.articleHtml(entry, entry.index + 1, 99), URL_).querySelector('[role="article"]')!;
    row.replaceChildren(...Array.from(again.childNodes).map((n) => row.ownerDocument.importNode(n, true)));
    expect(href()).not.toBe(before);
    expect(pp.keyOf(row, ctx)).toBe(key);
    for (const a of Array.from(row.querySelectorAll('a[href*="/posts/"]'))) a.remove();
    expect(pp.keyOf(row, ctx)).toBe(`text:https://www.facebook.com/${OWNER.handle}|${entry.text}`);
  });

  it('marks by structure, not wording: the pinned post only while the feed numbers its posts; shares and wall posts in any language', () => {
    const { doc, ctx, container } = open();
    const c = container();
    // Another language: the header line and the comments' labels change; rows and marks do not.
    for (const el of Array.from(doc.querySelectorAll('.hf-dim'))) el.textContent = 'compartió una publicación.';
    for (const el of Array.from(doc.querySelectorAll('[aria-label^="Comment by "]'))) el.setAttribute('aria-label', (el.getAttribute('aria-label') ?? '').replace('Comment by ', 'Comentario de '));
    const marks = () => pp.rows(c).map((r) => mark(pp.entryOf(r, ctx, c).content.fields));
    expect(marks()).toEqual(P.timeline(10).map(expectedMark));
    // An unnumbered post between numbered ones is not pinned.
    pp.rows(c)[5]!.removeAttribute('aria-posinset');
    expect(marks()[5]).toBe(expectedMark(P.timeline(10)[5]!));
    expect(pp.keyOf(pp.rows(c)[5]!, ctx)).toBe(P.timeline(10)[5]!.key);
    // A logged-out page numbers no post: nothing is taken for pinned then.
    for (const el of Array.from(doc.querySelectorAll('[aria-posinset]'))) el.removeAttribute('aria-posinset');
    expect(pp.rows(c).length).toBe(11);
    expect(marks()[0]).toBe('own');
    expect(pp.keyOf(pp.rows(c)[0]!, ctx)).toBe(P.timeline(0)[0]!.permalink);
  });

  it('how rows count against a bound: the pinned post never; shares and wall posts at their own (timeline) time', () => {
    const { ctx, container } = open();
    const c = container();
    const truth = P.timeline(10);
    const entries = pp.rows(c).map((r) => pp.entryOf(r, ctx, c));
    expect(pp.boundOf!(entries[0]!)).toEqual({ counted: false });
    expect(pp.boundOf!(entries[1]!)).toEqual({ counted: true });
    const share = entries.findIndex((e) => e.content.fields?.share === 'true');
    const wall = entries.findIndex((e) => e.content.fields?.wallPost === 'true');
    expect(pp.boundOf!(entries[share]!)).toEqual({ counted: true, time: P.timeOf(truth[share]!) });
    expect(pp.boundOf!(entries[wall]!)).toEqual({ counted: true, time: P.timeOf(truth[wall]!) });
    expect(pp.boundOf!(entries[4]!)).toEqual({ counted: true, time: '2026-11-19T05:09:00.000Z' });
  });

  it('head: the profile record with the profile’s own numeric id, never the viewer’s', () => {
    const { ctx, container } = open();
    const head = pp.head(container(), ctx);
    expect(head).toMatchObject({ kind: 'profile', permalink: URL_, author: { handle: OWNER.handle, displayName: OWNER.name, accountId: OWNER.id } });
    expect(JSON.stringify(head)).not.toContain(P.VIEWER.id!);
    expect(() => pp.head({ ...container(), head: undefined }, ctx)).toThrow();
  });

  it('loading: the placeholder below the feed while it shows, not a spinner inside a post', () => {
    const { container } = open();
    expect(pp.loading(container())).toBe(false);
    const loadingPage = open('profile-long-loading.html');
    const c = loadingPage.container();
    expect(pp.loading(c)).toBe(true);
    const bar = c.element.querySelector('[role="progressbar"]')!;
    bar.setAttribute('hidden', '');
    expect(pp.loading(c)).toBe(false);
    bar.remove();
    pp.rows(c)[2]!.insertAdjacentHTML('beforeend', P.loadingHtml());
    expect(pp.loading(c)).toBe(false);
  });

  it('is offered on a profile’s timeline only: /<vanity>, profile.php?id=, /people/<name>/<id>; not other tabs, posts, groups, the feed or messages', () => {
    const { ctx, targets } = open();
    const header = targets('profile')[0]!;
    const at = (u: string) => pp.container(header, { ...ctx, url: new URL(u) });
    for (const u of [URL_, `${URL_}/`, `${URL_}?delay=100`, 'https://www.facebook.com/profile.php?id=100077700000004', 'https://www.facebook.com/people/Wade-Kessler/100077700000004/', 'https://facebook.com/100077700000004']) {
      expect(at(u), u).not.toBeNull();
      expect(timelineOwner(new URL(u)), u).not.toBeNull();
    }
    for (const u of [
      'https://www.facebook.com/',
      'https://www.facebook.com/?sk=h_chr',
      `${URL_}/about`,
      `${URL_}?sk=photos`,
      'https://www.facebook.com/profile.php?id=100077700000004&sk=about',
      'https://www.facebook.com/profile.php',
      `${URL_}/posts/pfbid0abc`,
      'https://www.facebook.com/permalink.php?story_fbid=122200000001393&id=100077700000004',
      'https://www.facebook.com/groups/1234567890123456',
      'https://www.facebook.com/groups/1234567890123456/user/100077700000004/',
      'https://www.facebook.com/messages/t/8811223344556677/',
      'https://www.facebook.com/watch',
      'https://x.com/wade.kessler.4',
    ]) {
      expect(at(u), u).toBeNull();
    }
  });

  it('the older profile pages: their posts are the owner’s own, unmarked; a feed offers nothing', () => {
    for (const [file, url, owner] of [
      ['profile.html', 'https://www.facebook.com/ryan.vance.9', '100004567890123'],
      ['profile-id.html', 'https://www.facebook.com/profile.php?id=100081234567890', '100081234567890'],
    ] as const) {
      const doc = loadDocument(join(REPLICAS, 'www.facebook.com', file), url);
      const ctx = { url: new URL(url), document: doc };
      const targets = facebookAdapter.findTargets(doc, ctx);
      const c = pp.container(targets.find((t) => t.kind === 'profile')!, ctx)!;
      const rows = pp.rows(c);
      expect(rows).toEqual(targets.filter((t) => t.kind === 'post').map((t) => t.element));
      for (const r of rows) {
        const e = pp.entryOf(r, ctx, c);
        expect(e.content.fields?.wallPost, file).toBeUndefined();
        expect(e.content.fields?.pinned, file).toBeUndefined();
        expect(e.key).toBe(e.content.permalink);
      }
      expect(pp.head(c, ctx).author?.accountId).toBe(owner);
    }
    const feedDoc = loadDocument(join(REPLICAS, 'www.facebook.com', 'feed.html'), 'https://www.facebook.com/');
    const feedCtx = { url: new URL('https://www.facebook.com/'), document: feedDoc };
    for (const t of facebookAdapter.findTargets(feedDoc, feedCtx)) expect(pp.container(t, feedCtx)).toBeNull();
  });

  it('clicks nothing: no expanders, and every control on the page is refused', () => {
    const { doc, container } = open();
    expect(pp.expanders(container())).toEqual([]);
    const controls = Array.from(doc.querySelectorAll('button, [role="button"], [role="link"], [role="tab"], [role="textbox"], a, input'));
    expect(controls.length).toBeGreaterThan(100);
    for (const el of controls) expect(pp.isAllowedClick(el)).toBe(false);
  });

  it('incremental scans of the timeline agree with whole-page scans (a post streamed in, a late piece of one)', () => {
    const { doc, ctx, targets } = open();
    const full = targets();
    for (const t of full.filter((x) => x.kind !== 'profile')) {
      const res = facebookAdapter.findTargetsIn!([t.element], ctx);
      expect(res?.find((r) => r.element === t.element)?.kind).toBe(t.kind);
    }
    // An older post appended by the page, as profile.js does.
    const next = P.timeline(11)[11]!;
    const slot = doc.createElement('div');
    slot.innerHTML = P.articleHtml(next, next.index + 1, 1);
    doc.querySelector('[data-replica-feed]')!.append(slot);
    const found = facebookAdapter.findTargetsIn!([slot], ctx)!;
    expect(found.filter((x) => x.kind === 'post').map((x) => x.element)).toEqual([slot.firstElementChild]);
    expect(found.filter((x) => x.kind === 'comment').length).toBe(next.comments.length);
  });
});
