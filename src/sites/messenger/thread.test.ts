// @vitest-environment happy-dom
/**
 * Messenger whole-thread support on the long-conversation replicas (test/replicas/www.messenger.com/thread/ and
 * www.facebook.com/thread/messages-long.html, static markup only): their truth files, the conversation container on
 * both hosts, stable keys, senders on both sides, every kind of message (text, photo, voice, unsent, reactions, two
 * lines) read from the same markup the live page draws, the loading spinner, and the click allow-list (nothing in a
 * conversation may be clicked). Message times were written for a device on UTC.
 */
process.env.TZ = 'UTC';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { htmlDocument, loadDocument, mismatches, REPLICAS } from '../facebook/replica-fixtures';
import type { CaptureTarget, ThreadContainer } from '../types';
import { messengerAdapter } from './adapter';
import { messengerSite } from './site';
import { messengerThread as th } from './thread';

interface Msg {
  index: number;
  id: string;
  sent: boolean;
  type: string;
  text?: string;
  wall: { y: number; m: number; d: number; h: number; min: number };
  photo: string | null;
  voice: string | null;
  reaction: string | null;
  divider: string | null;
}
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(REPLICAS, 'www.messenger.com', 'thread', 'dm-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastMetaDm as { message(i: number): Msg; items(from: number, n: number): { key: string; html: string; index?: number }[] };

interface Truth {
  url: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}
const PAGES = [
  ['www.messenger.com', 'dm-long'],
  ['www.messenger.com', 'dm-stall'],
  ['www.facebook.com', 'messages-long'],
] as const;

function load(host: string, name: string) {
  const truth = JSON.parse(readFileSync(join(REPLICAS, host, 'thread', `${name}.truth.json`), 'utf8')) as Truth;
  const doc = loadDocument(join(REPLICAS, host, 'thread', `${name}.html`), truth.url);
  const url = new URL(truth.url);
  const ctx = { url, document: doc };
  const targets = (kind?: string): CaptureTarget[] => messengerAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  const container = (): ThreadContainer => th.container(targets('dm-thread')[0]!, ctx)!;
  return { truth, doc, url, ctx, targets, container };
}

describe('long-conversation replicas and their truth files', () => {
  for (const [host, name] of PAGES) {
    it(`${host}/thread/${name}: targets and items match the truth`, () => {
      const { truth, ctx, targets } = load(host, name);
      expect(messengerAdapter.matches(new URL(truth.url))).toBe(true);
      const counts: Record<string, number> = {};
      for (const t of targets()) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
      expect(counts).toEqual(truth.targets);
      for (const item of truth.items) {
        const target = targets(item.kind)[item.index];
        expect(target, `${item.kind}#${item.index}`).toBeDefined();
        expect(mismatches(messengerAdapter.extract(target!, ctx), item.expect), `${name} ${item.kind}#${item.index}`).toEqual([]);
      }
    });
  }
});

describe('Messenger thread support', () => {
  it('the adapter offers it', () => {
    expect(messengerSite.thread).toBe(th);
  });

  for (const [host, name] of PAGES) {
    it(`${host}: the open conversation is a dm-thread container with unique keys and both senders`, () => {
      const { ctx, targets, container, truth } = load(host, name);
      const c = container();
      expect(c.recordKind).toBe('dm-thread');
      expect(c.element.getAttribute('role')).toBe('main');
      // A single message is not a thread.
      expect(th.container(targets('dm-message')[0]!, ctx)).toBeNull();
      expect(th.scroller?.(c)?.closest('[role="grid"]')).not.toBeNull();
      const rows = th.rows(c);
      expect(rows.length).toBe(30);
      const keys = rows.map((r) => th.keyOf(r, ctx));
      expect(new Set(keys).size).toBe(30);
      for (const k of keys) expect(k).toMatch(/^mid:mid\.\$gAAThr\d{6}Zk4Pw$/);
      const entries = rows.map((r) => th.entryOf(r, ctx, c));
      expect(entries.map((e) => e.key)).toEqual(keys);
      for (const e of entries) {
        const i = Number(/^mid\.\$gAAThr(\d{6})/.exec(e.content.itemId ?? '')?.[1]);
        const sent = i % 3 === 1;
        expect(e.content.kind).toBe('dm-message');
        expect(e.content.direction, e.content.itemId).toBe(sent ? 'sent' : 'received');
        expect(e.content.author?.displayName).toBe(sent ? 'Dana Reyes' : 'Ryan Vance');
        if (sent) expect(e.content.author?.accountId).toBe('100090000000001');
        else expect(e.content.author?.handle).toBe('ryan.vance.9');
        expect(e.content.permalink).toBe(truth.url);
      }
      const head = th.head(c, ctx);
      expect(head.kind).toBe('dm-thread');
      expect(head.messages).toBeUndefined();
      expect(head.text).toBeUndefined();
      expect(head.itemId).toBe(/\/t\/(\d+)\//.exec(truth.url)?.[1]);
      expect(head.permalink).toBe(truth.url);
      expect(head.participants?.map((p) => p.displayName)).toEqual(['Dana Reyes', 'Ryan Vance']);
      expect(head.warnings.join(' ')).not.toMatch(/loaded on screen/);
      expect(th.loading(c)).toBe(false);
      expect(th.expanders(c)).toEqual([]);
    });
  }

  it('every kind of message in the replica reads right: text, two lines, photo, voice, unsent on both sides, reactions; dividers are not rows', () => {
    const { doc, ctx, container } = load('www.messenger.com', 'dm-long');
    const inner = doc.querySelector('[data-replica-inner]')!;
    const items = R.items(0, 120);
    inner.innerHTML = items.map((it) => `<div role="row">${it.html}</div>`).join('');
    const c = container();
    const rows = th.rows(c);
    expect(rows.length).toBe(120);
    const expected = Array.from({ length: 120 }, (_, i) => R.message(i));
    expect(new Set(expected.map((m) => m.type))).toEqual(new Set(['text', 'photo', 'voice', 'unsent']));
    expect(expected.filter((m) => m.type === 'unsent').map((m) => m.sent)).toEqual(expect.arrayContaining([true, false]));
    const entries = rows.map((r) => th.entryOf(r, ctx, c));
    expect(entries.map((e) => e.key)).toEqual(expected.map((m) => `mid:${m.id}`));
    expect(entries.map((e) => e.content.direction)).toEqual(expected.map((m) => (m.sent ? 'sent' : 'received')));
    expect(entries.map((e) => e.content.text)).toEqual(expected.map((m) => m.text));
    expect(entries.map((e) => e.content.itemTime)).toEqual(expected.map((m) => new Date(Date.UTC(m.wall.y, m.wall.m, m.wall.d, m.wall.h, m.wall.min)).toISOString()));
    expect(entries.map((e) => e.content.media.map((x) => x.url))).toEqual(expected.map((m) => (m.photo ? [m.photo] : [])));
    expect(entries.map((e) => e.content.fields?.voiceDuration)).toEqual(expected.map((m) => m.voice ?? undefined));
    expect(entries.map((e) => e.content.fields?.reactions)).toEqual(expected.map((m) => m.reaction ?? undefined));
    expect(entries.map((e) => e.content.fields?.unsent)).toEqual(expected.map((m) => (m.type === 'unsent' ? 'yes' : undefined)));
    // Timestamp dividers are rows of the grid but not messages.
    expect(inner.querySelectorAll('h4').length).toBe(3);
  });

  it('loading: the spinner counts only while it is shown', () => {
    const { doc, container } = load('www.messenger.com', 'dm-long');
    const c = container();
    const spin = doc.querySelector('[role="progressbar"]')!;
    expect(th.loading(c)).toBe(false);
    spin.removeAttribute('hidden');
    expect(th.loading(c)).toBe(true);
    spin.setAttribute('aria-hidden', 'true');
    expect(th.loading(c)).toBe(false);
  });

  it('keys without data-message-id: the label (sender, time, text), else the side and the content', () => {
    const doc = htmlDocument(
      `<div role="main"><div role="grid">
<div role="row"><div role="gridcell" aria-label="Message received September 1, 2026 at 8:00 AM from Ryan Vance: Answer me." tabindex="0"><div dir="auto">Answer me.</div></div></div>
<div role="row"><div role="gridcell" aria-label="Mensaje enviado 1 de septiembre de 2026, 8:01 por Dana Reyes: Déjame." tabindex="0"><div dir="auto">Déjame.</div></div></div>
<div role="row"><div role="gridcell"><h4>Sep 1, 2026, 8:00 AM</h4></div></div>
</div></div>`,
      'https://www.messenger.com/t/1/',
    );
    const ctx = { url: new URL('https://www.messenger.com/t/1/'), document: doc };
    const c = th.container({ element: doc.querySelector('[role="main"]')!, kind: 'dm-thread' }, ctx)!;
    const rows = th.rows(c);
    expect(rows.length).toBe(2);
    expect(th.keyOf(rows[0]!, ctx)).toBe('label:Message received September 1, 2026 at 8:00 AM from Ryan Vance: Answer me.');
    expect(th.keyOf(rows[1]!, ctx)).toMatch(/^label:Mensaje enviado/);
    expect(th.entryOf(rows[1]!, ctx, c).content.direction).toBe('sent');
    const bare = htmlDocument('<div role="main"><div style="display:flex;justify-content:flex-end"><div dir="auto">hi</div></div></div>', 'https://www.messenger.com/t/1/');
    expect(th.keyOf(bare.querySelector('[role="main"] > div')!, ctx)).toBe('layout:end|hi|');
    expect(th.keyOf(htmlDocument('<div id="e"></div>', 'https://www.messenger.com/t/1/').getElementById('e')!, ctx)).toBeNull();
  });

  it('allow-list: nothing in a conversation may be clicked (react, reply, more, call, info, play, reactions, chats, composer, send)', () => {
    const pages = [
      ...PAGES.map(([host, name]) => load(host, name).doc),
      loadDocument(join(REPLICAS, 'www.messenger.com', 'thread-es.html'), 'https://www.messenger.com/t/24681357924680/'),
      loadDocument(join(REPLICAS, 'www.facebook.com', 'messages-thread.html'), 'https://www.facebook.com/messages/t/6543210987654321/'),
    ];
    let checked = 0;
    for (const doc of pages) {
      for (const el of Array.from(doc.querySelectorAll('button, [role="button"], a, [role="link"], [role="menuitem"], [role="textbox"], [role="slider"], [role="gridcell"], [contenteditable]'))) {
        expect(th.isAllowedClick(el), el.outerHTML.slice(0, 120)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  describe('the start of a conversation (issue #11): the other person\'s profile block above the first message', () => {
    for (const [host, name] of [PAGES[0], PAGES[2]]) {
      it(`${host}/thread/${name}: found at the top of the whole conversation; absent while the top rows are not the start`, () => {
        const { doc, container } = load(host, name);
        // The newest 30 of 2,000: the header shows the same name, picture and profile link, outside the list.
        expect(th.startMarker!(container())).toBe(false);
        const inner = doc.querySelector('[data-replica-inner]')!;
        const items = R.items(0, 60);
        expect(items[0]!.key).toBe('start');
        inner.innerHTML = items.map((it) => `<div role="row">${it.html}</div>`).join('');
        expect(th.startMarker!(container())).toBe(true);
        expect(th.rows(container()).length).toBe(60);
        // The same block below the first message is not the start.
        inner.append(inner.firstElementChild!);
        expect(th.startMarker!(container())).toBe(false);
      });
    }

    it('a block that does not show the person (no picture, or another name) is not the start', () => {
      const { doc, container } = load('www.messenger.com', 'dm-long');
      const inner = doc.querySelector('[data-replica-inner]')!;
      const block = doc.createElement('div');
      block.setAttribute('role', 'row');
      block.innerHTML = '<a href="https://www.facebook.com/ryan.vance.9" role="link"><span>View profile</span></a>';
      inner.prepend(block);
      expect(th.startMarker!(container())).toBe(false);
      block.innerHTML = '<a href="https://www.facebook.com/someone.else" role="link"><img alt="" src="a.png"><span>Ryan Vance</span></a>';
      expect(th.startMarker!(container())).toBe(false);
    });

    it('null when there is no one person to look for (a group\'s header links no profile) or no message list', () => {
      const group = htmlDocument(
        `<div role="main"><div><h2><span>Book club</span></h2></div><div role="grid" style="overflow-y:auto">
<div role="row"><div data-message-id="m1" role="gridcell" aria-label="Message received September 1, 2026 at 8:00 AM from Ryan Vance: hi" tabindex="0"><div dir="auto">hi</div></div></div>
</div></div>`,
        'https://www.messenger.com/t/77/',
      );
      const gctx = { url: new URL('https://www.messenger.com/t/77/'), document: group };
      expect(th.startMarker!(th.container({ element: group.querySelector('[role="main"]')!, kind: 'dm-thread' }, gctx)!)).toBeNull();
      const bare = htmlDocument('<div role="main"><a href="https://www.facebook.com/ryan.vance.9" role="link">Ryan Vance</a><p>Loading</p></div>', 'https://www.messenger.com/t/78/');
      const bctx = { url: new URL('https://www.messenger.com/t/78/'), document: bare };
      expect(th.startMarker!(th.container({ element: bare.querySelector('[role="main"]')!, kind: 'dm-thread' }, bctx)!)).toBeNull();
    });
  });
});
