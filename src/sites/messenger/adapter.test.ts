// @vitest-environment happy-dom
/**
 * Messenger adapter on its replica pages: www.messenger.com/t/… (test/replicas/www.messenger.com/) and
 * www.facebook.com/messages/t/… (test/replicas/www.facebook.com/messages-thread.html). Every truth file's target
 * counts and expectations, plus focused cases: direction of both sides on both hosts, localised labels, layout
 * fallbacks, redesigned markup. Message times were written for a device on UTC.
 */
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { htmlDocument, loadDocument, mismatches, replicaPages } from '../facebook/replica-fixtures';
import type { CaptureTarget } from '../types';
import { messengerAdapter as ms } from './adapter';

const VIEWER_ID = '100090000000001';
const pages = replicaPages((u) => ms.matches(u));

function open(file: string, host?: string) {
  const page = pages.find((p) => p.file === file && (!host || p.host === host));
  if (!page) throw new Error(`no replica page ${file}`);
  const doc = loadDocument(page.path, page.truth.url);
  const ctx = { url: new URL(page.truth.url), document: doc };
  const targets = ms.findTargets(doc, ctx);
  const extract = (t: CaptureTarget) => ms.extract(t, ctx);
  const ofKind = (kind: string) => targets.filter((t) => t.kind === kind);
  return { page, doc, ctx, targets, extract, ofKind };
}

describe('messenger replica pages match their truth files', () => {
  it('has threads on both hosts', () => {
    expect(pages.map((p) => `${p.host}/${p.file}`).sort()).toEqual(['www.facebook.com/messages-thread.html', 'www.messenger.com/thread-es.html', 'www.messenger.com/thread.html']);
  });

  for (const page of pages) {
    describe(`${page.host}/${page.file}`, () => {
      it(`finds ${JSON.stringify(page.truth.targets)}`, () => {
        const { ofKind } = open(page.file, page.host);
        for (const [kind, n] of Object.entries(page.truth.targets)) expect(ofKind(kind).length, kind).toBe(n);
      });
      for (const item of page.truth.items) {
        it(`${item.kind} #${item.index} extracts as the page shows it`, () => {
          const { ofKind, extract } = open(page.file, page.host);
          const target = ofKind(item.kind)[item.index];
          expect(target, `${item.kind} #${item.index} exists`).toBeDefined();
          const content = extract(target!);
          expect(content.kind).toBe(item.kind);
          expect(content.platform).toBe('messenger');
          expect(content.method).toBe('adapter');
          expect(mismatches(content, item.expect)).toEqual([]);
        });
      }
    });
  }
});

describe('who sent each message', () => {
  for (const page of pages) {
    it(`${page.host}: both sides are told apart, and the viewer is the sender only of sent messages`, () => {
      const { ofKind, extract } = open(page.file, page.host);
      const messages = ofKind('dm-message').map(extract);
      const sent = messages.filter((m) => m.direction === 'sent');
      const received = messages.filter((m) => m.direction === 'received');
      expect(sent.length).toBeGreaterThan(0);
      expect(received.length).toBeGreaterThan(0);
      expect(sent.length + received.length).toBe(messages.length);
      for (const m of sent) {
        expect(m.author?.accountId).toBe(VIEWER_ID);
        expect(m.author?.displayName).toBe('Dana Reyes');
        expect(m.senderDerivation).toBeTruthy();
      }
      for (const m of received) {
        expect(m.author?.accountId).not.toBe(VIEWER_ID);
        expect(m.author?.displayName).not.toBe('Dana Reyes');
        expect(m.senderDerivation).toMatch(/aria-label|avatar/);
      }
      // The message's own label agrees wherever it has one.
      for (const [i, t] of ofKind('dm-message').entries()) {
        const label = t.element.getAttribute('aria-label');
        if (!label) continue;
        expect(messages[i]!.direction).toBe(/^(Message sent|Mensaje enviado|Mensagem enviada)/.test(label) ? 'sent' : 'received');
      }
    });
  }

  it('reads Portuguese labels', () => {
    const url = 'https://www.messenger.com/t/555/';
    const doc = htmlDocument(
      `<div role="main"><a role="link" href="https://www.facebook.com/rui.lima"><h2>Rui Lima</h2></a><div role="grid">
        <div role="row"><div data-message-id="m1" aria-label="Mensagem recebida 20 de novembro de 2026 às 14:03 de Rui Lima: Onde você está?"><div dir="auto">Onde você está?</div></div></div>
        <div role="row"><div data-message-id="m2" aria-label="Mensagem enviada 20 de novembro de 2026 às 14:05 por Você: Pare."><div dir="auto">Pare.</div></div></div>
      </div></div>`,
      url,
    );
    const ctx = { url: new URL(url), document: doc };
    const [a, b, thread] = ms.findTargets(doc, ctx).map((t) => ms.extract(t, ctx));
    expect(a).toMatchObject({ direction: 'received', itemTime: '2026-11-20T14:03:00.000Z', author: { handle: 'rui.lima', displayName: 'Rui Lima' }, text: 'Onde você está?' });
    expect(b).toMatchObject({ direction: 'sent', itemTimeText: '20 de novembro de 2026 às 14:05', text: 'Pare.' });
    expect(thread?.kind).toBe('dm-thread');
    expect(thread?.messages?.map((m) => m.direction)).toEqual(['received', 'sent']);
  });

  it('without a readable label, falls back on layout and says so; with no cue at all, says it does not know', () => {
    const url = 'https://www.facebook.com/messages/t/777/';
    const doc = htmlDocument(
      `<div role="main"><a role="link" href="https://www.facebook.com/profile.php?id=100012345"><h2>Sam Doe</h2></a><div role="grid">
        <div role="row"><div data-message-id="a" aria-label="Nachricht"><div style="display:flex;justify-content:flex-end"><div dir="auto">mine</div></div></div></div>
        <div role="row"><div data-message-id="b"><img alt="Sam Doe" src="https://scontent.xx.fbcdn.net/a.png"><div dir="auto">theirs</div></div></div>
        <div role="row"><div data-message-id="c"><div dir="auto">who?</div></div></div>
      </div></div>`,
      url,
    );
    const ctx = { url: new URL(url), document: doc };
    const [mine, theirs, unknown] = ms.findTargets(doc, ctx).map((t) => ms.extract(t, ctx));
    expect(mine).toMatchObject({ direction: 'sent', senderDerivation: expect.stringMatching(/right-aligned/) });
    expect(theirs).toMatchObject({ direction: 'received', author: { accountId: '100012345', displayName: 'Sam Doe' }, media: [], text: 'theirs' });
    expect(theirs!.senderDerivation).toMatch(/avatar/);
    expect(unknown).toMatchObject({ direction: 'unknown' });
    expect(unknown!.warnings.join(' ')).toMatch(/could not be determined/);
    expect(unknown!.author).toBeUndefined();
  });

  it('"You unsent a message" is the viewer\'s own placeholder', () => {
    const url = 'https://www.messenger.com/t/888/';
    const doc = htmlDocument(
      `<div role="main"><div role="grid"><div role="row"><div data-message-id="u1"><div dir="auto">You unsent a message</div></div></div></div></div>`,
      url,
    );
    const ctx = { url: new URL(url), document: doc };
    const [m] = ms.findTargets(doc, ctx).map((t) => ms.extract(t, ctx));
    expect(m).toMatchObject({ direction: 'sent', fields: { unsent: 'yes' } });
  });
});

describe('thread capture', () => {
  it('holds every loaded message in order, with participants and a readable transcript', () => {
    const { ofKind, extract } = open('messages-thread.html', 'www.facebook.com');
    const thread = extract(ofKind('dm-thread')[0]!);
    const singles = ofKind('dm-message').map(extract);
    expect(thread.messages?.map((m) => m.itemId)).toEqual(singles.map((m) => m.itemId));
    expect(thread.text?.split('\n')).toHaveLength(singles.length);
    expect(thread.text).toContain('Dana Reyes: Please stop messaging me.');
    expect(thread.warnings[0]).toMatch(/Only the 7 message/);
  });

  it('voice notes and unsent messages say what is missing', () => {
    const { ofKind, extract } = open('thread-es.html', 'www.messenger.com');
    const all = ofKind('dm-message').map(extract);
    const voice = all.find((m) => m.fields?.voiceDuration);
    expect(voice?.warnings.some((w) => /Voice message: the audio itself is not in this capture/.test(w))).toBe(true);
    expect(voice?.text).toBeUndefined();
    const unsent = all.find((m) => m.fields?.unsent);
    expect(unsent?.warnings.some((w) => /unsent this message/.test(w))).toBe(true);
  });
});

describe('redesigned or unexpected markup', () => {
  it('findTargets never throws', () => {
    const bad = { querySelector: () => { throw new Error('boom'); }, querySelectorAll: () => { throw new Error('boom'); } } as unknown as ParentNode;
    const doc = htmlDocument('<p>hi</p>', 'https://www.messenger.com/t/1/');
    expect(ms.findTargets(bad, { url: new URL('https://www.messenger.com/t/1/'), document: doc })).toEqual([]);
    expect(ms.findTargets(doc, { url: new URL('https://www.messenger.com/t/1/'), document: doc })).toEqual([]);
  });

  it('a thread whose messages lost their ids still offers the thread, which warns', () => {
    const url = 'https://www.messenger.com/t/42/';
    const doc = htmlDocument('<div role="main"><div role="grid"><div role="row"><div dir="auto">hello</div></div></div></div>', url);
    const ctx = { url: new URL(url), document: doc };
    const targets = ms.findTargets(doc, ctx);
    expect(targets.map((t) => t.kind)).toEqual(['dm-thread']);
    const c = ms.extract(targets[0]!, ctx);
    expect(c.itemId).toBe('42');
    expect(c.messages).toEqual([]);
    expect(c.warnings.join(' ')).toMatch(/other person in this conversation could not be read/);
  });
});

describe('matching and report routes', () => {
  it('matches conversations on both hosts only', () => {
    expect(ms.matches(new URL('https://www.facebook.com/messages/t/6543210987654321/'))).toBe(true);
    expect(ms.matches(new URL('https://www.facebook.com/messages/e2ee/t/123'))).toBe(true);
    expect(ms.matches(new URL('https://www.messenger.com/t/7766554433221100/'))).toBe(true);
    expect(ms.matches(new URL('https://www.messenger.com/e2ee/t/1'))).toBe(true);
    expect(ms.matches(new URL('https://www.messenger.com/'))).toBe(false);
    expect(ms.matches(new URL('https://www.facebook.com/'))).toBe(false);
    expect(ms.matches(new URL('https://www.facebook.com/ryan.vance.9/posts/pfbid0x'))).toBe(false);
    expect(ms.matches(new URL('https://www.instagram.com/direct/t/1/'))).toBe(false);
  });

  it('offers the in-app route, the forms, StopNCII and the conversation link', () => {
    const { ofKind, extract } = open('thread.html', 'www.messenger.com');
    const m = extract(ofKind('dm-message')[0]!);
    const routes = ms.reportRoutes(m);
    const byId = Object.fromEntries(routes.map((r) => [r.id, r]));
    expect(byId['messenger-in-app']?.steps).toMatch(/Privacy & support.*Report/);
    expect(byId['facebook-form-intimate-images']?.url).toBe('https://www.facebook.com/help/contact/567360146613371');
    expect(byId['facebook-form-impersonation']?.url).toBe('https://www.facebook.com/help/contact/169486816475808');
    expect(byId.stopncii?.url).toBe('https://stopncii.org');
    expect(byId['copy-permalink']?.url).toBe('https://www.messenger.com/t/7766554433221100/');
  });
});
