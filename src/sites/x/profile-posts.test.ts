// @vitest-environment happy-dom
/**
 * X "capture profile with posts" support on the long profile-timeline replica (test/replicas/x.com/thread/
 * profile-long.html, static markup only): the container (profile header, newest first), timeline rows and their keys,
 * the pinned post and reposts marked (by structure, not wording), how rows count against a bound, and that nothing is
 * ever clickable.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureTarget } from '../types';
import { xAdapter } from './adapter';
import { xSite } from './site';
import { xProfilePosts } from './profile-posts';

const DIR = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'x.com');
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(DIR, 'thread', 'profile-data.js'), 'utf8'), sandbox);
interface Entry {
  key: string;
  permalink: string;
  handle: string;
  time: string;
  text: string;
  repost: boolean;
  pinned: boolean;
}
const P = sandbox.__holdfastProfileReplica as { timeline(n?: number): Entry[] };

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

function load(file: string, url: string) {
  const w = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableComputedStyleRendering: false } });
  windows.push(w);
  w.document.write(readFileSync(join(DIR, file), 'utf8'));
  const doc = w.document as unknown as Document;
  const ctx = { url: new URL(url), document: doc };
  const targets = (kind?: string): CaptureTarget[] => xAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  return { doc, ctx, targets };
}

describe('X profile with posts', () => {
  it('the adapter offers it beside whole-thread support', () => {
    expect(xSite.profilePosts).toBe(xProfilePosts);
  });

  it('profile-long: the header is a newest-first container of kind profile; rows are the timeline, keyed and marked', () => {
    const { ctx, targets } = load('thread/profile-long.html', 'https://x.com/harlow_vance');
    const header = targets('profile')[0]!;
    const c = xProfilePosts.container(header, ctx);
    expect(c).toMatchObject({ recordKind: 'profile', newestFirst: true, head: header.element });
    expect(c!.element.getAttribute('data-testid')).toBe('primaryColumn');
    expect(xProfilePosts.container(targets('post')[0]!, ctx)).toBeNull();
    const rows = xProfilePosts.rows(c!);
    const truth = P.timeline(12);
    expect(rows.length).toBe(truth.length);
    expect(rows.map((r) => xProfilePosts.keyOf(r, ctx))).toEqual(truth.map((e) => e.key));
    const entries = rows.map((r) => xProfilePosts.entryOf(r, ctx, c!));
    expect(entries.map((e) => e.key)).toEqual(truth.map((e) => e.key));
    expect(entries.map((e) => e.content.permalink)).toEqual(truth.map((e) => e.permalink));
    expect(entries.map((e) => e.content.itemTime)).toEqual(truth.map((e) => e.time));
    expect(entries.map((e) => e.content.text)).toEqual(truth.map((e) => e.text));
    expect(entries.map((e) => e.content.author?.handle)).toEqual(truth.map((e) => e.handle));
    expect(entries.map((e) => e.content.kind)).toEqual(truth.map(() => 'post'));
    // The pinned post and reposts are marked; the owner's own posts carry no marks.
    expect(entries[0]!.content.fields).toEqual({ pinned: 'true', socialContext: 'Pinned' });
    const reposts = entries.filter((e) => e.content.fields?.repost === 'true');
    expect(reposts.map((e) => e.key)).toEqual(truth.filter((e) => e.repost).map((e) => e.key));
    expect(reposts[0]!.content.fields).toEqual({ repost: 'true', repostedBy: 'harlow_vance', socialContext: 'Harlow Vance reposted' });
    for (const e of entries.filter((x) => !x.content.fields)) expect(e.content.author?.handle).toBe('harlow_vance');
    // Bounds: the pinned post never counts; a repost's time (the original's) never ends a date-bounded capture.
    expect(xProfilePosts.boundOf!(entries[0]!)).toEqual({ counted: false });
    expect(xProfilePosts.boundOf!(reposts[0]!)).toEqual({ counted: true });
    expect(xProfilePosts.boundOf!(entries[1]!)).toEqual({ counted: true, time: truth[1]!.time });
    const head = xProfilePosts.head(c!, ctx);
    expect(head).toMatchObject({ kind: 'profile', itemId: '1777000000000000300', author: { handle: 'harlow_vance' } });
    expect(xProfilePosts.loading(c!)).toBe(false);
    expect(xProfilePosts.expanders(c!)).toEqual([]);
  });

  it('the older profile page: its repost is marked with the reposter, its pinned post as pinned; its reply stays a reply', () => {
    const { ctx, targets } = load('profile.html', 'https://x.com/grimshaw_k');
    const c = xProfilePosts.container(targets('profile')[0]!, ctx)!;
    const entries = xProfilePosts.rows(c).map((r) => xProfilePosts.entryOf(r, ctx, c));
    expect(entries.map((e) => [e.content.kind, e.content.fields?.pinned ?? e.content.fields?.repost ?? '-'])).toEqual([
      ['post', 'true'],
      ['post', '-'],
      ['post', 'true'],
      ['reply', '-'],
    ]);
    expect(entries[0]!.key).toMatch(/^pinned:/);
    expect(entries[2]!.key).toBe('repost:https://x.com/sockpuppet_4471/status/2123325402117046315');
    expect(entries[2]!.content.fields?.repostedBy).toBe('grimshaw_k');
  });

  it('a repost shown with X’s link to the reposter is a repost even of the owner’s own post; pinned has no link', () => {
    const { doc, ctx, targets } = load('thread/profile-long.html', 'https://x.com/harlow_vance');
    const c = xProfilePosts.container(targets('profile')[0]!, ctx)!;
    const row = xProfilePosts.rows(c)[1]!;
    const social = doc.createElement('a');
    social.setAttribute('href', '/harlow_vance');
    social.innerHTML = '<span data-testid="socialContext">You reposted</span>';
    row.prepend(social);
    expect(xProfilePosts.entryOf(row, ctx, c).content.fields).toMatchObject({ repost: 'true', socialContext: 'You reposted' });
    expect(xProfilePosts.keyOf(row, ctx)).toMatch(/^repost:https:\/\/x\.com\/harlow_vance\/status\//);
  });

  it('is offered on profile pages only, and clicks nothing', () => {
    const { doc, ctx, targets } = load('thread/profile-long.html', 'https://x.com/harlow_vance');
    const header = targets('profile')[0]!;
    expect(xProfilePosts.container(header, { ...ctx, url: new URL('https://x.com/home') })).toBeNull();
    expect(xProfilePosts.container(header, { ...ctx, url: new URL('https://x.com/harlow_vance/status/1') })).toBeNull();
    expect(xProfilePosts.container(header, { ...ctx, url: new URL('https://x.com/harlow_vance/with_replies') })).not.toBeNull();
    for (const el of Array.from(doc.querySelectorAll('button, [role="button"], a'))) expect(xProfilePosts.isAllowedClick(el)).toBe(false);
  });
  it('real profiles (test/real/x.com/): reposts marked; a Community post (its line links to /i/communities/…) is not the pinned post', () => {
    const zh = load('../../real/x.com/x-profile-zh-2025.html', 'https://x.com/harbor_breeze76');
    const czh = xProfilePosts.container(zh.targets('profile')[0]!, zh.ctx)!;
    const marks = xProfilePosts.rows(czh).map((r) => xProfilePosts.entryOf(r, zh.ctx, czh).content.fields?.repost === 'true');
    expect(marks).toEqual([true, false, true, true, false, false, true, true, false, false]);
    const en = load('../../real/x.com/x-profile-en-2025-dark.html', 'https://x.com/saddle_breeze73');
    const cen = xProfilePosts.container(en.targets('profile')[0]!, en.ctx)!;
    const [community, ...rest] = xProfilePosts.rows(cen).map((r) => xProfilePosts.entryOf(r, en.ctx, cen));
    expect(community!.content.fields?.pinned).toBeUndefined();
    expect(community!.content.fields?.repost).toBeUndefined();
    expect(community!.content.fields?.socialContext).toBeTruthy();
    expect(xProfilePosts.boundOf!(community!)).toEqual({ time: community!.content.itemTime, counted: true });
    expect(rest.every((e) => e.content.fields === undefined)).toBe(true);
  });
});
