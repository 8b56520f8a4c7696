// @vitest-environment happy-dom
/**
 * X whole-thread support on the long-thread replicas (test/replicas/x.com/thread/, static markup only): their truth
 * files, the thread container of both DM layouts and of a post page, stable keys, senders on both sides, and the
 * click allow-list (only "Show more replies"-type cells; never like, reply, repost, menus, send, back or links).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { partialMismatches } from '../../../test/e2e/truth';
import type { CaptureTarget } from '../types';
import { xAdapter } from './adapter';
import { xSite } from './site';
import { xThread } from './thread';

const DIR = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'x.com', 'thread');
const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

interface Truth {
  url: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}

const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(DIR, 'thread-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastThreadReplica as { startCardHtml(kind: string): string };

function load(name: string, at?: string) {
  const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
  const w = new Window({
    url: at ?? truth.url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableComputedStyleRendering: false },
  });
  windows.push(w);
  w.document.write(readFileSync(join(DIR, `${name}.html`), 'utf8'));
  const doc = w.document as unknown as Document;
  const url = new URL(at ?? truth.url);
  const ctx = { url, document: doc };
  const targets = (kind?: string): CaptureTarget[] => xAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  return { truth, doc, url, ctx, targets };
}

const names = readdirSync(DIR).filter((n) => n.endsWith('.truth.json')).map((n) => n.replace(/\.truth\.json$/, '')).sort();

describe('long-thread replicas and their truth files', () => {
  it('has the long-thread pages (and the long profile timeline, see profile-posts.test.ts)', () => {
    expect(names).toEqual(['dm-chat-long', 'dm-chat-stall', 'dm-legacy-long', 'post-replies', 'profile-long']);
  });
  for (const name of names) {
    it(`${name}: targets and items match the truth`, () => {
      const { truth, ctx, targets } = load(name);
      const counts: Record<string, number> = {};
      for (const t of targets()) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
      expect(counts).toEqual(truth.targets);
      for (const item of truth.items) {
        const target = targets(item.kind)[item.index];
        expect(target, `${item.kind}#${item.index}`).toBeDefined();
        const content = xAdapter.extract(target!, ctx);
        expect(partialMismatches(content, item.expect), `${name} ${item.kind}#${item.index}`).toEqual([]);
      }
    });
  }
});

describe('X thread support', () => {
  it('the adapter offers it', () => {
    expect(xSite.thread).toBe(xThread);
  });

  for (const name of ['dm-chat-long', 'dm-legacy-long']) {
    it(`${name}: a DM conversation is a dm-thread container with unique keys and both senders`, () => {
      const { ctx, targets } = load(name);
      const c = xThread.container(targets('dm-thread')[0]!, ctx);
      expect(c?.recordKind).toBe('dm-thread');
      expect(xThread.scroller?.(c!)?.getAttribute('data-testid')).toBe(name === 'dm-chat-long' ? 'dm-message-list' : 'DmScrollerContainer');
      const rows = xThread.rows(c!);
      expect(rows.length).toBe(30);
      const keys = rows.map((r) => xThread.keyOf(r, ctx));
      expect(new Set(keys).size).toBe(30);
      for (const k of keys) expect(k).toBeTruthy();
      const entries = rows.map((r) => xThread.entryOf(r, ctx, c!));
      expect(entries.map((e) => e.key)).toEqual(keys);
      const sent = entries.filter((e) => e.content.direction === 'sent');
      const received = entries.filter((e) => e.content.direction === 'received');
      expect(sent.length + received.length).toBe(30);
      for (const e of sent) expect(e.content.author?.handle).toBe('holdfast_viewer');
      for (const e of received) expect(e.content.author?.handle).toBe('night_caller_9');
      // Every third message (i % 3 === 1) is the viewer's: message #n has index n - 1.
      for (const e of entries) {
        const i = Number(/^#(\d+)/.exec(e.content.text ?? '')?.[1]) - 1;
        expect(e.content.direction, e.content.text).toBe(i % 3 === 1 ? 'sent' : 'received');
      }
      const head = xThread.head(c!, ctx);
      expect(head.kind).toBe('dm-thread');
      expect(head.messages).toBeUndefined();
      expect(head.participants?.map((p) => p.handle)).toEqual(['holdfast_viewer', 'night_caller_9']);
      expect(xThread.loading(c!)).toBe(false);
      expect(xThread.expanders(c!).filter((el) => xThread.isAllowedClick(el))).toEqual([]);
    });
  }

  it('post-replies: the focal post is a thread of kind post; replies are rows; others are not containers', () => {
    const { ctx, targets } = load('post-replies');
    const post = targets('post')[0]!;
    const c = xThread.container(post, ctx);
    expect(c?.recordKind).toBe('post');
    expect(c?.head).toBe(post.element);
    expect(xThread.container(targets('reply')[0]!, ctx)).toBeNull();
    const rows = xThread.rows(c!);
    expect(rows.length).toBe(targets('reply').length);
    expect(rows).not.toContain(post.element);
    expect(xThread.keyOf(rows[0]!, ctx)).toBe('https://x.com/pileon_00/status/2123800000000000000');
    const e = xThread.entryOf(rows[0]!, ctx, c!);
    expect(e.content.kind).toBe('reply');
    expect(e.content.inReplyTo).toBe('https://x.com/maya_okoye/status/2123799999999999999');
    expect(xThread.head(c!, ctx).permalink).toBe('https://x.com/maya_okoye/status/2123799999999999999');
    // The static spinner is hidden: not loading.
    expect(xThread.loading(c!)).toBe(false);
  });

  it('allow-list: only "Show more replies"-type cells may be clicked — nothing that acts on the site', () => {
    const { doc, ctx, targets } = load('post-replies');
    const c = xThread.container(targets('post')[0]!, ctx)!;
    const allowed = xThread.expanders(c).filter((el) => xThread.isAllowedClick(el));
    expect(allowed.length).toBe(1);
    expect(allowed[0]!.textContent).toBe('Show more replies');
    // Every other button and link on the page is refused, wherever it is.
    const everything = Array.from(doc.querySelectorAll('button, [role="button"], a, [role="link"], textarea, input'));
    const refused = everything.filter((el) => !allowed.includes(el));
    expect(refused.length).toBeGreaterThan(50);
    for (const el of refused) expect(xThread.isAllowedClick(el), el.outerHTML.slice(0, 120)).toBe(false);
    for (const name of ['dm-chat-long', 'dm-legacy-long']) {
      const dm = load(name).doc;
      for (const el of Array.from(dm.querySelectorAll('button, [role="button"], a, textarea, [contenteditable]'))) expect(xThread.isAllowedClick(el)).toBe(false);
    }
  });

  it('allow-list: refuses look-alikes — a menu, a test id, a link, a form submit, a button inside a post, a longer label', () => {
    const { doc } = load('post-replies');
    const make = (html: string): Element => {
      const cell = doc.createElement('div');
      cell.setAttribute('data-testid', 'cellInnerDiv');
      cell.innerHTML = html;
      doc.body.append(cell);
      return cell.querySelector('[data-probe]')!;
    };
    expect(xThread.isAllowedClick(make('<button data-probe type="button">Show more replies</button>'))).toBe(true);
    expect(xThread.isAllowedClick(make('<div data-probe role="button">Mostrar más respuestas</div>'))).toBe(true);
    expect(xThread.isAllowedClick(make('<button data-probe aria-haspopup="menu">Show more replies</button>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<button data-probe data-testid="like">Show more replies</button>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<a href="/x" data-probe role="button">Show more replies</a>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<form><button data-probe>Show more replies</button></form>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<article data-testid="tweet"><button data-probe>Show more replies</button></article>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<button data-probe>Show more replies and follow</button>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<button data-probe>Block</button>'))).toBe(false);
    expect(xThread.isAllowedClick(make('<button data-probe><span data-testid="unfollow">Show replies</span></button>'))).toBe(false);
  });

  describe('the start of a conversation (issue #11): the other person\'s profile card above the first message', () => {
    for (const name of ['dm-chat-long', 'dm-legacy-long']) {
      const kind = name === 'dm-chat-long' ? 'dm-chat' : 'dm-legacy';
      const open = (at?: string) => {
        const page = load(name, at);
        const c = xThread.container(page.targets('dm-thread')[0]!, page.ctx)!;
        const list = xThread.scroller!(c)!;
        const card = (): Element => {
          const t = page.doc.createElement('template');
          t.innerHTML = R.startCardHtml(kind);
          return t.content.firstElementChild!;
        };
        return { ...page, c, list, card };
      };

      it(`${name}: found at the top of the whole conversation (the card is drawn above the first message)`, () => {
        const { c, list, card } = open();
        list.insertBefore(card(), list.firstElementChild);
        expect(xThread.startMarker!(c)).toBe(true);
      });

      it(`${name}: absent while the top rows are not the start (the newest 30 of 2,000, avatars beside them, the top bar's @handle)`, () => {
        const { doc, c } = open();
        // The top bar shows the same avatar, name and @handle, outside the list: not the start.
        expect(doc.body.textContent).toContain('@night_caller_9');
        expect(xThread.startMarker!(c)).toBe(false);
      });

      it(`${name}: a card below the first message is not the start; nor a block that shows no @handle`, () => {
        const { doc, c, list, card } = open();
        list.append(card());
        expect(xThread.startMarker!(c)).toBe(false);
        const bare = doc.createElement('div');
        bare.innerHTML = '<a href="/night_caller_9"><img alt="" src="x.jpg"><span>N. Caller</span></a>';
        list.insertBefore(bare, list.firstElementChild);
        expect(xThread.startMarker!(c)).toBe(false);
      });

      it(`${name}: null when there is nothing to look for — a group conversation, or a layout without the known message list`, () => {
        const group = open(name === 'dm-chat-long' ? 'https://x.com/i/chat/g1888000000000000009' : 'https://x.com/messages/1888000000000000009');
        expect(xThread.startMarker!(group.c)).toBeNull();
        // …but a card seen in a group still counts.
        group.list.insertBefore(group.card(), group.list.firstElementChild);
        expect(xThread.startMarker!(group.c)).toBe(true);
        const other = open();
        other.list.removeAttribute('data-testid');
        expect(xThread.startMarker!(other.c)).toBeNull();
      });
    }
  });
});
