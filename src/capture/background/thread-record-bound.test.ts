/**
 * Records of bounded captures and of a profile with its posts (issue #4): only the rows inside the range are kept,
 * the record says exactly what it covers (a date-bounded capture is complete for its range, not partial), and a
 * profile record lists its posts newest first with reposts and the pinned post marked.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import { buildThreadCapture } from './thread-record';

const tool = { version: '0.1.0', browser: 'Chromium 1', userAgent: 'UA' };
const at = '2026-11-21T00:00:00.000Z';
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function entry(key: string, kind: ExtractedContent['kind'], time: string, handle: string, fields?: Record<string, string>): ThreadEntryPayload {
  return { key, content: { kind, platform: 'x', itemTime: time, author: { handle }, text: `${key} text`, links: [], media: [], method: 'adapter', warnings: [], ...(fields ? { fields } : {}) } };
}

function finish(head: ExtractedContent, order: string[], bound?: ThreadFinishPayload['bound'], partial?: ThreadFinishPayload['partial']): ThreadFinishPayload {
  return { session: 's', head, order, ...(bound ? { bound } : {}), ...(partial ? { partial } : {}), html: '<div></div>', adapter: 'x', adapterVersion: '1.0.0', reportRoutes: [], notes: [], stats: { elapsedMs: 1, loadWaitMs: 0, scrolls: 1, clicks: 0 } };
}

describe('bounded and profile records', () => {
  it('a conversation back to a date: only the messages in the range, complete (not partial), and it says so', () => {
    const head: ExtractedContent = { kind: 'dm-thread', platform: 'x', permalink: 'https://x.com/i/chat/1-2', author: { handle: 'b' }, participants: [{ handle: 'a' }, { handle: 'b' }], links: [], media: [], method: 'adapter', warnings: [] };
    // m0..m2 were collected on the way up, before the engine saw m2 was older than the date; the order keeps m3..m5.
    const entries = new Map(['m0', 'm1', 'm2', 'm3', 'm4', 'm5'].map((k, i) => [k, entry(k, 'dm-message', `2026-09-1${i}T10:00:00.000Z`, i % 2 ? 'a' : 'b')] as const));
    const bound = { kind: 'since' as const, since: '2026-09-12T22:00:00.000Z', date: '2026-09-13', reached: true, excluded: 3, extra: 0 };
    const { record, artifacts } = buildThreadCapture(
      { begin: { kind: 'dm-thread', pageUrl: 'https://x.com/i/chat/1-2', pageTitle: 'Chat', localOffset: '+02:00' }, finish: finish(head, ['m3', 'm4', 'm5'], bound), entries, segments: [], screens: 0, devicePixelRatio: 1 },
      tool,
      at,
    );
    expect(record.content.fields).toMatchObject({ messages: '3', oldest: '2026-09-13T10:00:00.000Z', bound: 'since', boundSince: '2026-09-12T22:00:00.000Z', boundSinceDate: '2026-09-13', boundReached: 'true', boundExcluded: '3' });
    expect(record.content.fields?.partial).toBeUndefined();
    expect(record.content.fields?.coverage).toMatch(/^Complete for the chosen range: every message from 2026-09-13/);
    expect(record.extraction.warnings.some((w) => w.startsWith('PARTIAL'))).toBe(false);
    const json = JSON.parse(dec(artifacts[0]!.bytes));
    expect(json.entries.map((e: { key: string }) => e.key)).toEqual(['m3', 'm4', 'm5']);
    expect(json.bound).toEqual(bound);
    expect(dec(artifacts[1]!.bytes)).toContain('Complete for the chosen range');
  });

  it('a profile with its latest posts: kind profile, posts newest first, reposts and the pinned post marked, the bound recorded', () => {
    const head: ExtractedContent = { kind: 'profile', platform: 'x', permalink: 'https://x.com/owner', itemId: '7', author: { handle: 'owner', accountId: '7' }, text: 'bio', links: [], media: [], fields: { bio: 'bio' }, method: 'adapter', warnings: [] };
    const list = [
      entry('pinned:p9', 'post', '2026-01-01T00:00:00.000Z', 'owner', { pinned: 'true' }),
      entry('p1', 'post', '2026-11-20T00:00:00.000Z', 'owner'),
      entry('repost:q1', 'post', '2026-10-01T00:00:00.000Z', 'other', { repost: 'true', repostedBy: 'owner' }),
      entry('p2', 'post', '2026-11-19T00:00:00.000Z', 'owner'),
      entry('p3', 'post', '2026-11-18T00:00:00.000Z', 'owner'),
    ];
    const entries = new Map(list.map((e) => [e.key, e] as const));
    const bound = { kind: 'latest' as const, count: 3, reached: true, excluded: 1, extra: 1 };
    const { record, artifacts } = buildThreadCapture(
      { begin: { kind: 'profile', pageUrl: 'https://x.com/owner', pageTitle: 'Owner / X', localOffset: '+00:00' }, finish: finish(head, ['pinned:p9', 'p1', 'repost:q1', 'p2'], bound), entries, segments: [], screens: 0, devicePixelRatio: 1 },
      tool,
      at,
    );
    expect(record.kind).toBe('profile');
    expect(record.permalink).toBe('https://x.com/owner');
    expect(record.text).toBe('bio');
    expect(record.content.fields).toMatchObject({ bio: 'bio', posts: '4', bound: 'latest', boundCount: '3', boundReached: 'true' });
    expect(record.content.fields?.coverage).toContain('the latest 3 posts on the profile’s timeline');
    expect(record.content.fields?.coverage).toContain('the pinned post');
    expect(record.content.participants?.map((p) => p.handle)).toEqual(['owner', 'other']);
    const json = JSON.parse(dec(artifacts[0]!.bytes));
    expect(json.kind).toBe('profile');
    expect(json.entries.map((e: { key: string }) => e.key)).toEqual(['pinned:p9', 'p1', 'repost:q1', 'p2']);
    expect(json.entries[2].fields).toEqual({ repost: 'true', repostedBy: 'owner' });
    expect(artifacts[0]!.note).toContain('newest first');
    const html = dec(artifacts[1]!.bytes);
    expect(html).toContain('[pinned]');
    expect(html).toContain('[repost by @owner]');
    expect(html).toContain('Profile @owner and 4 posts');
  });

  it('a Facebook profile: shares and posts by others on the timeline are marked in the readable transcript, the shared post shown', () => {
    const head: ExtractedContent = { kind: 'profile', platform: 'facebook', permalink: 'https://www.facebook.com/owner', author: { handle: 'owner' }, links: [], media: [], method: 'adapter', warnings: [] };
    const list = [
      entry('s1', 'post', '2026-11-20T00:00:00.000Z', 'owner', { share: 'true', sharedBy: 'owner', sharedFromName: 'Pri <b>', sharedText: 'the <original>', sharedPermalink: 'https://www.facebook.com/pri/posts/1' }),
      entry('w1', 'post', '2026-11-19T00:00:00.000Z', 'tom', { wallPost: 'true', wallOf: 'owner' }),
    ];
    const { artifacts } = buildThreadCapture(
      { begin: { kind: 'profile', pageUrl: 'https://www.facebook.com/owner', pageTitle: 'Owner', localOffset: '+00:00' }, finish: finish(head, ['s1', 'w1']), entries: new Map(list.map((e) => [e.key, e] as const)), segments: [], screens: 0, devicePixelRatio: 1 },
      tool,
      at,
    );
    const html = dec(artifacts[1]!.bytes);
    expect(html).toContain('[shares a post by Pri &lt;b&gt;]');
    expect(html).toContain('Shared post: the &lt;original&gt; (https://www.facebook.com/pri/posts/1)');
    expect(html).toContain('[posted on the timeline of owner]');
  });

  it('a bounded capture that was stopped is partial, and its coverage says the range may have gaps', () => {
    const head: ExtractedContent = { kind: 'profile', platform: 'x', author: { handle: 'owner' }, links: [], media: [], method: 'adapter', warnings: [] };
    const entries = new Map([entry('p1', 'post', '2026-11-20T00:00:00.000Z', 'owner')].map((e) => [e.key, e] as const));
    const { record } = buildThreadCapture(
      {
        begin: { kind: 'profile', pageUrl: 'https://x.com/owner', pageTitle: '', localOffset: '+00:00' },
        finish: finish(head, ['p1'], { kind: 'latest', count: 50, reached: false, excluded: 0, extra: 0 }, { reason: 'stopped', message: 'Stopped by you after 1 posts.' }),
        entries,
        segments: [],
        screens: 0,
        devicePixelRatio: 1,
      },
      tool,
      at,
    );
    expect(record.content.fields).toMatchObject({ partial: 'true', bound: 'latest', boundReached: 'false' });
    expect(record.content.fields?.coverage).toMatch(/^Asked for the latest 50 posts.*ended early/);
  });
});
