// @vitest-environment happy-dom
/**
 * The X adapter against the X replica pages (test/replicas/x.com/*.html), driven by their truth files, plus focused
 * checks of the tricky parts: promoted posts, quote posts, emoji and links, DM senders on both sides in both DM
 * layouts, profile ids, the Spanish page, a redesigned page, and the report routes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { partialMismatches } from '../../../test/e2e/truth';
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureTarget } from '../types';
import { quotedBlockOf, replyingToLinks, timelineKind, xAdapter } from './adapter';

const DIR = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'x.com');
const VIEWER_ID = '1523456789012345678';

interface Truth {
  url: string;
  description?: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

/** Parses a page into its own happy-dom window at the given URL; no script runs, nothing is fetched. */
function loadHtml(html: string, url: string): { doc: Document; url: URL } {
  const w = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: false,
    },
  });
  windows.push(w);
  w.document.write(html);
  return { doc: w.document as unknown as Document, url: new URL(url) };
}

function loadPage(name: string, url?: string) {
  const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
  return { truth, ...loadHtml(readFileSync(join(DIR, `${name}.html`), 'utf8'), url ?? truth.url) };
}

function targets(doc: Document, url: URL, kind?: string): CaptureTarget[] {
  const all = xAdapter.findTargets(doc, { url, document: doc });
  return kind ? all.filter((t) => t.kind === kind) : all;
}

function extractAt(doc: Document, url: URL, kind: string, index: number): ExtractedContent {
  const target = targets(doc, url, kind)[index];
  if (!target) throw new Error(`no ${kind} target #${index}`);
  return xAdapter.extract(target, { url, document: doc });
}

const truthNames = readdirSync(DIR)
  .filter((n) => n.endsWith('.truth.json'))
  .map((n) => n.replace(/\.truth\.json$/, ''))
  .sort();

describe('X replica pages and their truth files', () => {
  it('has the six replica pages', () => {
    expect(truthNames).toEqual(['dm-chat', 'dm-legacy', 'home', 'profile', 'profile-es', 'status']);
  });

  for (const name of truthNames) {
    describe(name, () => {
      const { truth, doc, url } = loadPage(name);

      it('finds exactly the capture targets the truth file lists', () => {
        const counts: Record<string, number> = {};
        for (const t of targets(doc, url)) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
        const expected = Object.fromEntries(Object.entries(truth.targets).filter(([, n]) => n > 0));
        expect(counts).toEqual(expected);
      });

      it('has several expectations, each naming an existing target', () => {
        expect(truth.items.length).toBeGreaterThanOrEqual(4);
        for (const item of truth.items) expect(targets(doc, url, item.kind)[item.index], `${item.kind}#${item.index}`).toBeTruthy();
      });

      for (const item of truth.items) {
        it(`extracts ${item.kind}#${item.index} as the page shows it`, () => {
          const content = extractAt(doc, url, item.kind, item.index);
          expect(partialMismatches(content, item.expect)).toEqual([]);
        });
      }

      it('gives every target report routes with a URL or steps', () => {
        for (const t of targets(doc, url)) {
          const routes = xAdapter.reportRoutes(xAdapter.extract(t, { url, document: doc }));
          expect(routes.length).toBeGreaterThan(2);
          expect(routes.every((r) => r.url || r.steps)).toBe(true);
        }
      });
    });
  }
});

describe('home timeline', () => {
  const { doc, url } = loadPage('home');
  const articles = Array.from(doc.querySelectorAll('article[data-testid="tweet"]'));

  it('skips the promoted post', () => {
    const promoted = articles.filter((a) => a.querySelector('[data-testid="placementTracking"]'));
    expect(promoted).toHaveLength(1);
    const found = targets(doc, url).map((t) => t.element);
    expect(found).not.toContain(promoted[0]);
    expect(found).toHaveLength(articles.length - 1);
    expect(found.some((el) => readTextOf(el).includes('BrightBank'))).toBe(false);
  });

  it('keeps a quote post as one target with the quoted post nested, not mixed into the outer post', () => {
    const quoteIndex = targets(doc, url).findIndex((t) => t.element.querySelector('div[role="link"] [data-testid="User-Name"]'));
    expect(quoteIndex).toBeGreaterThanOrEqual(0);
    const target = targets(doc, url)[quoteIndex]!;
    const quotedBlock = target.element.querySelector('div[role="link"]')!;
    expect(targets(doc, url).some((t) => quotedBlock.contains(t.element))).toBe(false);
    const c = xAdapter.extract(target, { url, document: doc });
    expect(c.author?.handle).toBe('carla_mendes');
    expect(c.quoted?.author).toMatchObject({ handle: 'grimshaw_k', displayName: 'K. Grimshaw' });
    expect(c.quoted?.text).toBe('Some people need to learn what happens when they talk. 🔥');
    expect(c.quoted?.itemTime).toBe('2026-11-18T22:15:00.000Z');
    expect(c.text).not.toContain('Some people need to learn');
    expect(c.itemTime).toBe('2026-11-20T11:20:00.000Z');
    expect(c.permalink).toMatch(/^https:\/\/x\.com\/carla_mendes\/status\/\d+$/);
    expect(c.quoted?.warnings.join(' ')).toMatch(/link is not on the page/);
  });

  it('inlines emoji alt text, keeps line breaks, and lists t.co links with their display text', () => {
    const alice = extractAt(doc, url, 'post', 0);
    expect(alice.text).toBe('Morning walk done ☀️\nCoffee next. Who else is up early?');
    expect(alice.author?.displayName).toBe('Alice Wren 🌻');
    const news = extractAt(doc, url, 'post', 1);
    expect(news.links[0]).toEqual({ text: 'example.org/news/2026/11/har…', href: 'https://t.co/Rb7XkQ2mZa' });
    expect(news.links[1]?.href).toBe('https://x.com/hashtag/OnlineSafety?src=hashtag_click');
    expect(news.text).toContain('Full story: example.org/news/2026/11/har… #OnlineSafety');
  });

  it('takes the permalink from the time link, not the analytics or photo links', () => {
    const photoPost = targets(doc, url, 'post').find((t) => t.element.querySelector('a[href*="/photo/1"]'))!;
    const c = xAdapter.extract(photoPost, { url, document: doc });
    expect(c.permalink).not.toMatch(/photo|analytics/);
    expect(photoPost.element.querySelector(`a[href="${new URL(c.permalink!).pathname}"] time`)).not.toBeNull();
  });

  it('marks a post that shows "Replying to" as a reply, and the mentioned viewer is not its author', () => {
    const [reply] = targets(doc, url, 'reply');
    const c = xAdapter.extract(reply!, { url, document: doc });
    expect(c.author?.handle).toBe('grimshaw_k');
    expect(c.text).toContain('@holdfast_viewer');
    expect(c.links.map((l) => l.text)).toEqual(['@bob_okafor', '@holdfast_viewer']);
  });

  it('never attributes a post to the signed-in viewer shown in the navigation', () => {
    for (const t of targets(doc, url)) expect(xAdapter.extract(t, { url, document: doc }).author?.handle).not.toBe('holdfast_viewer');
  });

  it('follows the conversation view after in-page navigation (URL changed, cells swapped)', () => {
    // What the replica script does when a post's time is clicked: the primary column now shows that post.
    const first = targets(doc, url, 'post')[0]!;
    const c = xAdapter.extract(first, { url, document: doc });
    const postUrl = new URL(c.permalink!);
    const { doc: d2 } = loadHtml(readFileSync(join(DIR, 'home.html'), 'utf8'), postUrl.href);
    const kinds = targets(d2, postUrl).map((t) => t.kind);
    expect(kinds[0]).toBe('post');
    expect(kinds.slice(1).every((k) => k === 'reply')).toBe(true);
  });
});

describe('post page', () => {
  const { doc, url } = loadPage('status');

  it('has the focal post as "post" and everything under it as replies to it', () => {
    const [focal] = targets(doc, url, 'post');
    const fc = xAdapter.extract(focal!, { url, document: doc });
    expect(fc.permalink).toBe(url.href);
    expect(fc.inReplyTo).toBeUndefined();
    for (const r of targets(doc, url, 'reply')) expect(xAdapter.extract(r, { url, document: doc }).inReplyTo).toBe(url.href);
  });

  it('keeps replies as replies when the focal post has been recycled out of the list', () => {
    const { doc: d2 } = loadHtml(readFileSync(join(DIR, 'status.html'), 'utf8'), url.href);
    targets(d2, url, 'post')[0]!.element.closest('[data-testid="cellInnerDiv"]')!.remove();
    const kinds = targets(d2, url).map((t) => t.kind);
    expect(kinds).toEqual(['reply', 'reply', 'reply', 'reply', 'reply', 'reply']);
  });

  it('reads a reply in another language as written', () => {
    const es = targets(doc, url, 'reply')
      .map((t) => xAdapter.extract(t, { url, document: doc }))
      .find((c) => c.author?.handle === 'marta_lopez')!;
    expect(es.text).toBe('Esto es acoso. Ya lo he denunciado a la plataforma. Ánimo 🙏');
  });

  it('when the URL is a reply further down, the posts above it are its thread and it answers the one just above', () => {
    const replies = targets(doc, url, 'reply').map((t) => xAdapter.extract(t, { url, document: doc }));
    const third = replies[2]!;
    const u2 = new URL(third.permalink!);
    const kinds = targets(doc, u2).map((t) => t.kind);
    expect(kinds).toEqual(['post', 'post', 'post', 'post', 'reply', 'reply', 'reply']);
    const focal = xAdapter.extract(targets(doc, u2, 'post')[3]!, { url: u2, document: doc });
    expect(focal.permalink).toBe(third.permalink);
    expect(focal.inReplyTo).toBe(replies[1]!.permalink);
  });
});

describe('profile pages', () => {
  it('reads the numeric id from the JSON-LD, not the viewer’s id that is also on the page', () => {
    const { doc, url } = loadPage('profile');
    const html = doc.documentElement.outerHTML;
    expect(html).toContain(VIEWER_ID);
    const c = extractAt(doc, url, 'profile', 0);
    expect(c.author?.accountId).toBe('1398765432109876543');
    expect(c.author?.accountIdSource).toBe('json-ld mainEntity.identifier');
    expect(c.author?.accountId).not.toBe(VIEWER_ID);
    expect(c.author?.handle).toBe('grimshaw_k');
    expect(c.fields?.joined).toBe('Joined April 2021');
  });

  it('falls back to the follow button id without JSON-LD, and refuses an id that is the viewer’s', () => {
    const { doc, url } = loadPage('profile');
    doc.querySelector('script[type="application/ld+json"]')!.remove();
    const c = extractAt(doc, url, 'profile', 0);
    expect(c.author?.accountId).toBe('1398765432109876543');
    expect(c.author?.accountIdSource).toBe('follow button data-testid in the profile header');

    const { doc: d2, url: u2 } = loadPage('profile');
    const ld = d2.querySelector('script[type="application/ld+json"]')!;
    ld.textContent = (ld.textContent ?? '').replace('"identifier":"1398765432109876543"', `"identifier":"${VIEWER_ID}"`);
    d2.querySelector('[data-testid$="-follow"]')!.remove();
    d2.querySelector('img[src*="/profile_banners/"]')!.remove();
    const c2 = extractAt(d2, u2, 'profile', 0);
    expect(c2.author?.accountId).toBeUndefined();
    expect(c2.warnings.join(' ')).toMatch(/viewer’s own/);
  });

  it('gives posts by the profile’s owner the profile’s id, and a repost its original author', () => {
    const { doc, url } = loadPage('profile');
    const posts = targets(doc, url, 'post').map((t) => xAdapter.extract(t, { url, document: doc }));
    expect(posts.map((p) => p.author?.handle)).toEqual(['grimshaw_k', 'grimshaw_k', 'sockpuppet_4471']);
    expect(posts[1]?.media).toEqual([{ url: 'https://pbs.twimg.com/amplify_video_thumb/1859000000000000001/img/Qm3vT7xLp2Rk9sYw.jpg', type: 'video', alt: 'Embedded video' }]);
  });

  it('works on a Spanish page without relying on English words', () => {
    const { doc, url } = loadPage('profile-es');
    expect(doc.documentElement.getAttribute('lang')).toBe('es');
    const p = extractAt(doc, url, 'profile', 0);
    expect(p.fields).toMatchObject({ location: 'Sevilla, España', joined: 'Se unió en septiembre de 2021', following: '88 Siguiendo', followers: '431 Seguidores' });
    expect(p.author).toMatchObject({ handle: 'cuervo_nocturno', displayName: 'Cuervo Nocturno 🌙', accountId: '1456789012345678901' });
    const first = extractAt(doc, url, 'post', 0);
    expect(first.itemTimeText).toBe('hace 2 h');
    expect(first.itemTime).toBe('2026-11-20T13:00:00.000Z');
    const reply = extractAt(doc, url, 'reply', 0);
    expect(reply.text).toBe('@holdfast_viewer ¿Creías que bloquearme iba a servir de algo? 😂');
    expect(reply.author?.handle).toBe('cuervo_nocturno');
  });
});

describe('direct messages', () => {
  const cases = [
    { name: 'dm-legacy', directions: ['received', 'received', 'sent', 'received', 'received', 'sent', 'received'], other: 'grimshaw_k' },
    { name: 'dm-chat', directions: ['received', 'received', 'sent', 'sent', 'received', 'received'], other: 'v0ss_alt' },
  ];
  for (const c of cases) {
    describe(c.name, () => {
      it('tells both sides apart, by avatar where there is one and by the row’s alignment otherwise', () => {
        const { doc, url } = loadPage(c.name);
        const msgs = targets(doc, url, 'dm-message').map((t) => xAdapter.extract(t, { url, document: doc }));
        expect(msgs.map((m) => m.direction)).toEqual(c.directions);
        for (const m of msgs) {
          expect(m.author?.handle).toBe(m.direction === 'sent' ? 'holdfast_viewer' : c.other);
          expect(m.participants?.map((p) => p.handle)).toEqual(['holdfast_viewer', c.other]);
          expect(m.senderDerivation).toBeTruthy();
        }
        const derivations = new Set(msgs.map((m) => m.senderDerivation?.split(' ')[0]));
        expect(derivations).toEqual(new Set(['avatar', 'row']));
        expect(msgs.filter((m) => m.direction === 'sent').every((m) => /viewer’s side/.test(m.senderDerivation ?? ''))).toBe(true);
      });

      it('does not guess when the page gives no sign: without its style, own messages become "unknown" with a warning', () => {
        const { doc, url } = loadPage(c.name);
        for (const s of Array.from(doc.querySelectorAll('style'))) s.remove();
        const msgs = targets(doc, url, 'dm-message').map((t) => xAdapter.extract(t, { url, document: doc }));
        msgs.forEach((m, i) => {
          if (c.directions[i] === 'sent') {
            expect(m.direction).toBe('unknown');
            expect(m.author).toBeUndefined();
            expect(m.warnings.join(' ')).toMatch(/Could not tell who sent/);
          } else if (m.direction !== 'unknown') expect(m.direction).toBe('received');
        });
        expect(msgs.some((m) => m.direction === 'received' && m.senderDerivation?.startsWith('avatar'))).toBe(true);
      });

      it('a mention of the viewer inside a received message does not make it "sent"', () => {
        const { doc, url } = loadPage(c.name);
        const first = targets(doc, url, 'dm-message')[0]!;
        const text = first.element.querySelector('[data-testid="tweetText"], [data-testid^="message-text-"]')!;
        const a = doc.createElement('a');
        a.setAttribute('href', '/holdfast_viewer');
        a.textContent = '@holdfast_viewer';
        text.append(' ', a);
        const m = xAdapter.extract(first, { url, document: doc });
        expect(m.direction).toBe('received');
        expect(m.text?.endsWith('@holdfast_viewer')).toBe(true);
      });

      it('takes the other participant’s id from the conversation id minus the viewer’s own id', () => {
        const { doc, url } = loadPage(c.name);
        const thread = extractAt(doc, url, 'dm-thread', 0);
        const [a, b] = thread.itemId!.split('-');
        expect([a, b]).toContain(VIEWER_ID);
        expect(thread.author?.accountId).toBe(a === VIEWER_ID ? b : a);
        expect(thread.author?.accountId).not.toBe(VIEWER_ID);
        expect(thread.messages).toHaveLength(c.directions.length);
        expect(thread.text?.match(/^\[20\d\d-/gm)).toHaveLength(c.directions.length);
        expect(thread.text).toContain(`@holdfast_viewer (you):`);
      });
    });
  }

  it('keeps images apart from avatars and emoji', () => {
    const { doc, url } = loadPage('dm-legacy');
    const msgs = targets(doc, url, 'dm-message').map((t) => xAdapter.extract(t, { url, document: doc }));
    expect(msgs.map((m) => m.media.length)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(msgs[4]?.text).toBe('Nice car 🚗\nRead this before you report me: example.org/free-speech');
  });
});

describe('timeline classification (post or reply) on the streaming path', () => {
  /** The full reading: every "Replying to" link the extractor would record. */
  const reference = (a: Element) => {
    const q = quotedBlockOf(a);
    const outside = (sel: string) => Array.from(a.querySelectorAll(sel)).find((el) => !q?.contains(el)) ?? null;
    return replyingToLinks(a, outside('[data-testid="User-Name"]'), outside('[data-testid="tweetText"]'), q).length > 0 ? 'reply' : 'post';
  };

  it('agrees with the full reading on every post of every X replica page', () => {
    let posts = 0;
    let replies = 0;
    for (const name of truthNames) {
      const { doc } = loadPage(name);
      for (const a of doc.querySelectorAll('article[data-testid="tweet"]')) {
        expect(timelineKind(a), `${name}: ${a.textContent?.slice(0, 60)}`).toBe(reference(a));
        if (timelineKind(a) === 'reply') replies++;
        else posts++;
      }
    }
    expect(posts).toBeGreaterThan(10);
    expect(replies).toBeGreaterThan(2);
  });

  it('is not fooled by an @ before the text that is no handle, a quoted reply, or mentions inside the text', () => {
    const cases: [string, 'post' | 'reply'][] = [
      // an e-mail-like link before the text: has an @, is not "@handle"
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><a href="mailto:a@b.org">a@b.org</a><div data-testid="tweetText">hi</div>', 'post'],
      // mentions inside the text only
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><div data-testid="tweetText"><a href="/bob">@bob</a> hi</div>', 'post'],
      // the quoted post is a reply; the quoting post is not
      [
        '<div data-testid="User-Name"><a href="/amy">Amy</a></div><div data-testid="tweetText">look</div><div role="link"><div data-testid="User-Name"><a href="/bob">Bob</a></div><div>Replying to <a href="/cat">@cat</a></div><div data-testid="tweetText">no</div></div>',
        'post',
      ],
      // "Replying to @bob" with an emoji image in the link: the exact reading (alt text) decides
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><div>Replying to <a href="/bob">@bob<img alt="🔥"></a></div><div data-testid="tweetText">hi</div>', 'post'],
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><div>Replying to <a href="/bob"><span>@bob</span></a></div><div data-testid="tweetText">hi</div>', 'reply'],
      // "Replying to" inside the same header block as the author, and text nested deeper than it
      [
        '<div><div data-testid="User-Name"><a href="/amy">Amy</a></div><div>Replying to <a href="/bob">@bob</a></div></div><div><div><div data-testid="tweetText">hi</div></div></div>',
        'reply',
      ],
      // a promoted-looking structure does not matter here; an @handle link after the text is no "Replying to"
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><div data-testid="tweetText">hi</div><div><a href="/bob">@bob</a></div>', 'post'],
      // no text at all (a photo-only reply)
      ['<div data-testid="User-Name"><a href="/amy">Amy</a></div><div>Replying to <a href="/bob">@bob</a></div><img src="x.jpg">', 'reply'],
    ];
    for (const [html, kind] of cases) {
      const { doc } = loadHtml(`<!doctype html><html><body><article data-testid="tweet">${html}</article></body></html>`, 'https://x.com/home');
      const a = doc.querySelector('article')!;
      expect(timelineKind(a), html).toBe(kind);
      expect(reference(a), html).toBe(kind);
    }
  });
});

describe('robustness', () => {
  it('keeps a quote post whose quoted post has a video (placementTracking inside the quoted block) as one target', () => {
    const { doc, url } = loadHtml(
      `<!doctype html><html><body><main><article data-testid="tweet">
        <div data-testid="User-Name"><a href="/amy">Amy</a><a href="/amy">@amy</a><a href="/amy/status/21"><time datetime="2025-03-01T10:00:00.000Z">Mar 1</time></a></div>
        <div data-testid="tweetText">look at this</div>
        <div role="link"><div data-testid="User-Name"><span>Bob</span><span>@bob</span><time datetime="2025-02-28T09:00:00.000Z">Feb 28</time></div>
          <div data-testid="tweetText">the clip</div>
          <div data-testid="tweetPhoto"><div data-testid="placementTracking"><div data-testid="videoPlayer"><video poster="https://pbs.twimg.com/ext_tw_video_thumb/9/pu/img/q.jpg"></video><img src="https://pbs.twimg.com/ext_tw_video_thumb/9/pu/img/q.jpg"></div></div></div>
        </div>
      </article></main></body></html>`,
      'https://x.com/home',
    );
    const found = targets(doc, url);
    expect(found.map((t) => t.kind)).toEqual(['post']);
    const c = xAdapter.extract(found[0]!, { url, document: doc });
    expect(c.text).toBe('look at this');
    expect(c.media).toEqual([]);
    expect(c.quoted).toMatchObject({ author: { handle: 'bob' }, text: 'the clip', itemTime: '2025-02-28T09:00:00.000Z' });
    expect(c.quoted?.media).toEqual([{ url: 'https://pbs.twimg.com/ext_tw_video_thumb/9/pu/img/q.jpg', type: 'video' }]);
  });

  it('reads an X Article (no tweetText): title and body blocks as the text, the title as a field, cover and body photos', () => {
    const url = 'https://x.com/martaquill/status/1912345678901234567';
    const { doc } = loadHtml(readFileSync(join(DIR, 'article.html'), 'utf8'), url);
    const found = targets(doc, new URL(url));
    expect(found.map((t) => t.kind)).toEqual(['post']);
    const c = xAdapter.extract(found[0]!, { url: new URL(url), document: doc });
    expect(c.author).toMatchObject({ handle: 'martaquill', displayName: 'Marta Quill' });
    expect(c.itemTime).toBe('2025-04-16T15:05:00.000Z');
    expect(c.permalink).toBe(url);
    expect(c.text).toBe(
      'Why the pier closed\n\nThe council met on Tuesday.\n\nWhat they decided\n\nClose the pier until spring.\n\nAsk @harbourboard for a survey.\n\nMore next week.',
    );
    expect(c.fields).toEqual({ articleTitle: 'Why the pier closed' });
    expect(c.media.map((m) => m.url)).toEqual([
      'https://pbs.twimg.com/media/Gz3ArtCoverAb1?format=jpg&name=large',
      'https://pbs.twimg.com/media/Gz3ArtBodyPh2?format=jpg&name=small',
    ]);
    expect(c.links).toEqual([{ text: '@harbourboard', href: 'https://x.com/harbourboard' }]);
  });

  it('reads an X Article code block as its code only: the language label and copy button above it are X’s (real 2026 article)', () => {
    const url = 'https://x.com/martaquill/article/1912345678901234567';
    const code = (lang: string, body: string) =>
      `<section data-block="true"><div data-testid="markdown-code-block"><div><div dir="ltr"><span>${lang}</span></div><button aria-label="Copy to clipboard"></button></div><pre><code><span>${body}</span></code></pre></div></section>`;
    const { doc } = loadHtml(
      `<!doctype html><html><body><main><article data-testid="tweet"><div data-testid="User-Name"><a href="/martaquill">Marta</a><a href="/martaquill">@martaquill</a></div>
      <div data-testid="twitterArticleReadView"><div data-testid="twitter-article-title">Notes</div>
      <div data-testid="longformRichTextComponent"><div data-contents="true"><div data-block="true">Layout:</div>${code('markdown', '\nvault/\n└── notes/')}${code('json', '{ "a": 1 }')}</div></div></div>
      <a href="/martaquill/status/1912345678901234567"><time datetime="2026-01-19T00:28:01.000Z">Jan 18</time></a></article></main></body></html>`,
      url,
    );
    const found = targets(doc, new URL(url));
    const c = xAdapter.extract(found[0]!, { url: new URL(url), document: doc });
    expect(c.text).toBe('Notes\n\nLayout:\n\nvault/\n└── notes/\n\n{ "a": 1 }');
  });

  it('keeps posts whose video or GIF player sits in placementTracking (real pages), and skips an ad (no time, no permalink)', () => {
    const head = (h: string, id: string) =>
      `<div data-testid="User-Name"><a href="/${h}">${h}</a><a href="/${h}">@${h}</a><a href="/${h}/status/${id}"><time datetime="2025-05-24T03:20:21.000Z">May 24</time></a></div>`;
    const video = (poster: string) =>
      `<div data-testid="tweetPhoto"><div data-testid="placementTracking"><div data-testid="videoPlayer"><div data-testid="videoComponent"><video aria-label="Embedded video" poster="${poster}"></video><img src="${poster}"></div></div></div></div>`;
    const { doc, url } = loadHtml(
      `<!doctype html><html><body><main>
        <article data-testid="tweet">${head('amy', '11')}<div data-testid="tweetText">clip</div>${video('https://pbs.twimg.com/amplify_video_thumb/1/img/a.jpg')}</article>
        <article data-testid="tweet">${head('bob', '12')}${video('https://pbs.twimg.com/tweet_video_thumb/b.jpg')}</article>
        <article data-testid="tweet"><div data-testid="User-Name"><a href="/shop">Shop</a><a href="/shop">@shop</a></div><span>Ad</span><div data-testid="tweetText">buy</div><a href="/shop/status/13/analytics">views</a></article>
      </main></body></html>`,
      'https://x.com/home',
    );
    const found = targets(doc, url);
    expect(found.map((t) => t.kind)).toEqual(['post', 'post']);
    const [v, g] = found.map((t) => xAdapter.extract(t, { url, document: doc }));
    expect(v!.media).toEqual([{ url: 'https://pbs.twimg.com/amplify_video_thumb/1/img/a.jpg', type: 'video', alt: 'Embedded video' }]);
    expect(g!.media).toEqual([{ url: 'https://pbs.twimg.com/tweet_video_thumb/b.jpg', type: 'gif', alt: 'Embedded video' }]);
  });

  it('a redesigned post (no User-Name, no time) is still a target and extracts with warnings, not an exception', () => {
    const { doc, url } = loadHtml(
      '<!doctype html><html lang="en"><body><main><article data-testid="tweet"><div><span>Someone</span><div data-testid="tweetText">you will regret this</div></div></article></main></body></html>',
      'https://x.com/home',
    );
    const [t] = targets(doc, url);
    expect(t?.kind).toBe('post');
    const c = xAdapter.extract(t!, { url, document: doc });
    expect(c.text).toBe('you will regret this');
    expect(c.author).toBeUndefined();
    expect(c.permalink).toBeUndefined();
    expect(c.warnings).toEqual([
      'No author block (User-Name) found in this post.',
      'No author handle found in this post.',
      'No time found in this post.',
      'No permalink (/<handle>/status/<id>) found in this post.',
    ]);
    expect(xAdapter.reportRoutes(c).length).toBeGreaterThan(0);
  });

  it('a page with none of the hooks gives no targets; a root that throws gives none either', () => {
    const { doc, url } = loadHtml('<!doctype html><html><body><div class="feed-v2"><p>hello</p></div></body></html>', 'https://x.com/home');
    expect(targets(doc, url)).toEqual([]);
    const hostile = {
      querySelector() {
        throw new Error('boom');
      },
      querySelectorAll() {
        throw new Error('boom');
      },
    } as unknown as ParentNode;
    expect(xAdapter.findTargets(hostile, { url, document: doc })).toEqual([]);
  });

  it('a DM message outside any known container still gets a warning rather than a guess', () => {
    const { doc, url } = loadHtml(
      '<!doctype html><html><body><div><div data-testid="messageEntry"><div data-testid="tweetText">hello?</div></div></div></body></html>',
      'https://x.com/messages/111-222',
    );
    const msgs = targets(doc, url, 'dm-message');
    expect(msgs).toHaveLength(1);
    const m = xAdapter.extract(msgs[0]!, { url, document: doc });
    expect(m.direction).toBe('unknown');
    expect(m.warnings.join(' ')).toMatch(/Could not tell who sent this message/);
    expect(m.warnings.join(' ')).toMatch(/No time found/);
  });

  it('serves x.com, twitter.com and mobile.x.com only', () => {
    expect(xAdapter.matches(new URL('https://x.com/home'))).toBe(true);
    expect(xAdapter.matches(new URL('https://twitter.com/someone'))).toBe(true);
    expect(xAdapter.matches(new URL('https://mobile.x.com/home'))).toBe(true);
    expect(xAdapter.matches(new URL('https://x.com.example.org/'))).toBe(false);
    expect(xAdapter.matches(new URL('https://www.instagram.com/'))).toBe(false);
  });
});

describe('report routes', () => {
  const { doc, url } = loadPage('status');
  const focal = extractAt(doc, url, 'post', 0);

  it('for a post: in-app steps, the harassment and private-information forms, the EU DSA form pre-filled, and copy link', () => {
    const routes = xAdapter.reportRoutes(focal);
    const byId = Object.fromEntries(routes.map((r) => [r.id, r]));
    expect(byId['x-in-app-post']?.steps).toMatch(/⋯.*Report post/);
    expect(byId['x-form-harassment']?.url).toBe('https://help.x.com/forms/safety-and-sensitive-content/violent-threats');
    expect(byId['x-form-private-information']?.url).toBe('https://help.x.com/forms/safety-and-sensitive-content/private-information');
    const dsa = new URL(byId['x-form-dsa']!.url!);
    expect(dsa.origin + dsa.pathname).toBe('https://help.x.com/forms/dsa/report');
    expect(dsa.searchParams.get('content_id')).toBe(focal.permalink);
    expect(dsa.searchParams.get('content_type')).toBe('post');
    expect(dsa.searchParams.get('content_author')).toBe('@grimshaw_k');
    expect(byId['x-form-dsa']!.url).toContain(`content_id=${encodeURIComponent(focal.permalink!)}`);
    expect(byId['x-form-dsa']!.url).toContain('content_author=%40grimshaw_k');
    expect(byId['x-form-dsa']?.note).toBe('EU only');
    expect(byId['copy-permalink']?.url).toBe(focal.permalink);
    expect(new URL(byId['x-form-netzdg']!.url!).searchParams.get('content_id')).toBe(focal.itemId);
    // the focal post has a photo: the intimate-image route is offered
    expect(byId['x-form-take-it-down']?.note).toMatch(/US/);
  });

  it('uses the right content_type for profiles and DMs, and the in-app route of each', () => {
    const p = loadPage('profile');
    const profile = extractAt(p.doc, p.url, 'profile', 0);
    const pr = xAdapter.reportRoutes(profile);
    expect(new URL(pr.find((r) => r.id === 'x-form-dsa')!.url!).searchParams.get('content_type')).toBe('profile');
    expect(pr.find((r) => r.id === 'x-in-app-profile')?.steps).toMatch(/Report @grimshaw_k/);
    expect(pr.find((r) => r.id === 'x-form-impersonation')).toBeTruthy();

    const d = loadPage('dm-legacy');
    const msg = extractAt(d.doc, d.url, 'dm-message', 1);
    const mr = xAdapter.reportRoutes(msg);
    const dsa = new URL(mr.find((r) => r.id === 'x-form-dsa')!.url!);
    expect(dsa.searchParams.get('content_type')).toBe('dm_message');
    expect(dsa.searchParams.get('content_author')).toBe('@grimshaw_k');
    expect(mr.find((r) => r.id === 'x-in-app-dm')?.steps).toMatch(/hover/);
    const thread = extractAt(d.doc, d.url, 'dm-thread', 0);
    const tr = xAdapter.reportRoutes(thread);
    expect(new URL(tr.find((r) => r.id === 'x-form-dsa')!.url!).searchParams.get('content_type')).toBe('dm_conversation');
    expect(tr.find((r) => r.id === 'copy-permalink')?.url).toBe(d.truth.url);
  });
});

function readTextOf(el: Element): string {
  return el.textContent ?? '';
}
