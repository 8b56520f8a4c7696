// @vitest-environment happy-dom
/**
 * Instagram whole-thread support on the long-thread replicas (test/replicas/www.instagram.com/thread/, static markup
 * only): their truth files; the conversation as a dm-thread container whose messages, with no id in the page, get
 * stable keys from their run's time divider and their place in it, also across virtualised windows with recycled
 * nodes; a post page's comments and replies keyed by permalink; and the click allow-list (only "View replies (n)"
 * and "Load more comments"-type controls, in English, Spanish and Portuguese; never like, reply, send, react,
 * follow, report, block, delete/unsend, menus, links or text fields).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { partialMismatches } from '../../../test/e2e/truth';
import { PageOrder } from '../../capture/thread/order';
import type { CaptureTarget, ExtractContext, ThreadContainer } from '../types';
import { instagramAdapter } from './adapter';
import { instagramSite } from './site';
import { instagramThread as T } from './thread';

const SITE = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas', 'www.instagram.com');
const DIR = join(SITE, 'thread');

interface DmMessage {
  index: number;
  sent: boolean;
  type: string;
  text?: string;
  divider: string;
  section: number;
  sectionStart: boolean;
  height: number;
  reaction?: string;
}
interface DmItem {
  type: 'divider' | 'msg';
  key: string;
  height: number;
  text?: string;
  m?: DmMessage;
}
interface Replica {
  UI: Record<string, { conversation(n: string): string }>;
  OTHER: { name: string };
  dm(n: number, lang?: string): DmMessage[];
  dmItems(all: DmMessage[], from: number): DmItem[];
  startInner(lang?: string): string;
  dmExpected(m: DmMessage): { direction: string; author: string; itemTimeText: string; text?: string; reactions?: string; voiceMessage?: string; media?: string[] };
  dividerInner(text: string): string;
  messageRowClass(m: DmMessage): string;
  messageInner(m: DmMessage, lang?: string): string;
}
const sandbox: Record<string, unknown> = {};
vm.runInNewContext(readFileSync(join(DIR, 'ig-thread-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastIgThreadReplica as Replica;

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

interface Truth {
  url: string;
  targets: Record<string, number>;
  items: { kind: string; index: number; expect: Record<string, unknown> }[];
}

function open(html: string, url: string) {
  const w = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  windows.push(w);
  w.document.write(html);
  const doc = w.document as unknown as Document;
  const ctx: ExtractContext = { url: new URL(url), document: doc };
  const targets = (kind?: string): CaptureTarget[] => instagramAdapter.findTargets(doc, ctx).filter((t) => !kind || t.kind === kind);
  return { doc, ctx, targets };
}

function load(name: string) {
  const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
  return { truth, ...open(readFileSync(join(DIR, `${name}.html`), 'utf8'), truth.url) };
}

const names = readdirSync(DIR)
  .filter((n) => n.endsWith('.truth.json'))
  .map((n) => n.replace(/\.truth\.json$/, ''))
  .sort();

describe('Instagram long-thread replicas and their truth files', () => {
  it('has the long-thread and long-profile pages, each routed from its truth URL', () => {
    expect(names).toEqual(['dm-long', 'dm-long-stall', 'post-long', 'post-long-es', 'profile-long', 'profile-long-es']);
    const routes = JSON.parse(readFileSync(join(SITE, 'routes.json'), 'utf8')) as { pattern: string; file: string }[];
    for (const name of names) {
      const u = new URL(load(name).truth.url);
      expect(routes.find((r) => new RegExp(r.pattern).test(u.pathname + u.search))?.file, name).toBe(`thread/${name}.html`);
    }
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
        const content = instagramAdapter.extract(target!, ctx);
        expect(partialMismatches(content, item.expect), `${name} ${item.kind}#${item.index}`).toEqual([]);
      }
    });
  }
});

describe('Instagram thread support: the conversation', () => {
  it('the adapter offers it', () => {
    expect(instagramSite.thread).toBe(T);
  });

  for (const name of ['dm-long', 'dm-long-stall']) {
    it(`${name}: a dm-thread container; messages placed under their run's divider, both senders right`, () => {
      const { ctx, targets } = load(name);
      const c = T.container(targets('dm-thread')[0]!, ctx);
      expect(c?.recordKind).toBe('dm-thread');
      expect(T.container(targets('dm-message')[0]!, ctx)).toBeNull();
      expect(T.scroller?.(c!)?.hasAttribute('data-replica-inner')).toBe(true);
      const rows = T.rows(c!);
      expect(rows.length).toBe(20);
      const all = R.dm(2000);
      const msgs = all.slice(1980);
      const keys = rows.map((r) => T.keyOf(r, ctx));
      // 1980–1983 belong to a run whose divider is above the window: not placed yet.
      expect(keys.slice(0, 4)).toEqual([null, null, null, null]);
      const placed = keys.slice(4) as string[];
      for (const k of placed) expect(k).toMatch(/^dm\|/);
      expect(new Set(placed).size).toBe(16);
      expect(placed[0]).toMatch(/^dm\|Mar 22, 2026, 1:24 PM\|0\|them\|I have reported this account\.\|[0-9a-f]{8}$/);
      rows.slice(4).forEach((row, i) => {
        const m = msgs[i + 4]!;
        const e = T.entryOf(row, ctx, c!);
        const want = R.dmExpected(m);
        expect(e.key).toBe(placed[i]);
        expect(e.content.kind).toBe('dm-message');
        expect(e.content.direction, `#${m.index}`).toBe(want.direction);
        expect(e.content.author?.handle, `#${m.index}`).toBe(want.author);
        expect(e.content.itemTimeText).toBe(want.itemTimeText);
        expect(e.content.text).toBe(want.text);
      });
      expect(() => T.entryOf(rows[0]!, ctx, c!)).toThrow(/not placed/);
      const head = T.head(c!, ctx);
      expect(head.kind).toBe('dm-thread');
      expect(head.messages).toBeUndefined();
      expect(head.participants?.map((p) => p.handle)).toEqual(['r.vance_22', 'holdfast_viewer']);
      expect(head.warnings).toEqual([]);
      // The static spinner is hidden: not loading. Nothing in a conversation is ever clicked.
      expect(T.loading(c!)).toBe(false);
      expect(T.expanders(c!)).toEqual([]);
    });
  }

  /**
   * A virtualised conversation driven by hand: the rows of a window [top, top + view + overscan] exist, as recycled
   * nodes appended in any order, each reporting where it is drawn (happy-dom has no layout). Windows move up one
   * screen at a time and back down, as the engine moves them.
   */
  function virtualConversation(n: number, opts: { view: number; overscan: number; step: number }) {
    const all = R.dm(n);
    const items = R.dmItems(all, 0);
    const tops: number[] = [];
    let total = 0;
    for (const it of items) {
      tops.push(total);
      total += it.height;
    }
    const L = R.UI.en!;
    const page = `<!DOCTYPE html><html lang="en"><body><div><a href="/holdfast_viewer/" role="link"><img alt="holdfast_viewer's profile picture" src="https://scontent.cdninstagram.com/v.jpg"></a></div><main role="main"><div aria-label="${L.conversation(R.OTHER.name)}"><div class="head"><a href="/r.vance_22/" role="link"><span>Ryan Vance</span></a></div><div class="scroller"><div class="list" data-replica-inner=""></div></div></div></main></body></html>`;
    const { doc, ctx, targets } = open(page, 'https://www.instagram.com/direct/t/17849012345600009/');
    const list = doc.querySelector('.list')!;
    let viewTop = 0;
    const drawnAt = new Map<Element, number>();
    const showing = new Map<Element, DmItem>();
    const live = new Map<string, Element>();
    const free: Element[] = [];
    Object.defineProperty(list, 'getBoundingClientRect', { value: () => ({ top: -viewTop, bottom: total - viewTop, left: 0, right: 600, width: 600, height: total, x: 0, y: -viewTop }) });
    const render = (): void => {
      const want = new Map<string, number>();
      items.forEach((it, k) => {
        if (tops[k]! + it.height >= viewTop - opts.overscan && tops[k]! <= viewTop + opts.view + opts.overscan) want.set(it.key, k);
      });
      for (const [key, node] of live) {
        if (!want.has(key)) {
          live.delete(key);
          free.push(node);
        }
      }
      for (const [key, k] of want) {
        let node = live.get(key);
        if (!node) {
          node = free.pop();
          if (!node) {
            node = doc.createElement('div');
            node.setAttribute('role', 'none');
            const el = node;
            Object.defineProperty(el, 'getBoundingClientRect', {
              value: () => {
                const y = drawnAt.get(el) ?? -10_000;
                return { top: y - viewTop, bottom: y - viewTop + 40, left: 0, right: 600, width: 600, height: 40, x: 0, y: y - viewTop };
              },
            });
            // Recycled nodes go anywhere in the DOM.
            if (list.children.length % 2) list.prepend(node);
            else list.append(node);
          }
          live.set(key, node);
        }
        const it = items[k]!;
        if (showing.get(node) !== it) {
          showing.set(node, it);
          node.className = it.type === 'divider' ? 'x1n2onr6' : R.messageRowClass(it.m!);
          node.innerHTML = it.type === 'divider' ? R.dividerInner(it.text!) : R.messageInner(it.m!, 'en');
        }
        drawnAt.set(node, tops[k]!);
      }
      for (const node of free) {
        drawnAt.delete(node);
        showing.delete(node);
        node.innerHTML = '';
      }
    };
    const c = T.container(targets('dm-thread')[0]!, ctx)!;
    const keysOf = new Map<number, Set<string>>();
    const owner = new Map<string, number>();
    const order = new PageOrder();
    let direction: 'start' | 'end' = 'start';
    const collect = (): void => {
      const window: string[] = [];
      for (const row of T.rows(c)) {
        const key = T.keyOf(row, ctx);
        if (!key) continue;
        window.push(key);
        const m = showing.get(row)!.m!;
        if (!keysOf.has(m.index)) keysOf.set(m.index, new Set());
        keysOf.get(m.index)!.add(key);
        if (!owner.has(key)) owner.set(key, m.index);
        expect(owner.get(key), `${key} names two messages`).toBe(m.index);
        expect(T.entryOf(row, ctx, c).content.itemTimeText).toBe(m.divider);
      }
      order.merge(window, () => undefined, direction);
    };
    const goTo = (y: number): void => {
      viewTop = Math.max(0, Math.min(y, total - opts.view));
      render();
      collect();
    };
    const down = (): void => {
      direction = 'end';
    };
    return { all, total, c, keysOf, order: () => order.keys().map((k) => owner.get(k)), goTo, down, get viewTop() { return viewTop; } };
  }

  it('a long virtualised conversation: every message placed exactly once, also in runs far longer than a screen', () => {
    const v = virtualConversation(1000, { view: 700, overscan: 200, step: 630 });
    // Up from the newest, then down again (the engine's two passes).
    v.goTo(v.total);
    while (v.viewTop > 0) v.goTo(v.viewTop - 630);
    v.down();
    while (v.viewTop < v.total - 700) v.goTo(v.viewTop + 630);
    expect(v.keysOf.size).toBe(1000);
    // Merged window by window as the engine merges them (no times: Instagram shows none per message), in page order.
    expect(v.order()).toEqual(v.all.map((m) => m.index));
    for (const [index, keys] of v.keysOf) expect(keys.size, `message #${index} has ${[...keys].join(' / ')}`).toBe(1);
    // Runs of 80 messages (~3,500 px) were crossed: the longest run is much taller than a window.
    expect(Math.max(...v.all.map((m) => m.section)) + 1).toBeGreaterThan(40);
    // A simulated 1,000-message scroll in happy-dom: ~10 s on an idle 2-core machine, ~28 s under load.
  }, 90_000);

  it('the upward pass alone places every message whose run fits a window, and nothing twice', () => {
    const v = virtualConversation(600, { view: 700, overscan: 200, step: 630 });
    v.goTo(v.total);
    while (v.viewTop > 0) v.goTo(v.viewTop - 630);
    for (const keys of v.keysOf.values()) expect(keys.size).toBe(1);
    // The newer half is made of short runs: all of it is placed on the way up.
    const firstShortRun = v.all.findIndex((m) => m.index >= 300 && m.sectionStart);
    for (let i = firstShortRun; i < 600; i++) expect(v.keysOf.has(i), `#${i}`).toBe(true);
  });
});

describe('Instagram thread support: a post with its comments and replies', () => {
  for (const name of ['post-long', 'post-long-es']) {
    it(`${name}: the post is a thread of kind post; comments are rows keyed by permalink; only the reveal controls are offered`, () => {
      const { ctx, targets } = load(name);
      const post = targets('post')[0]!;
      const c = T.container(post, ctx);
      expect(c?.recordKind).toBe('post');
      expect(c?.head).toBe(post.element);
      expect(T.container(targets('comment')[0]!, ctx)).toBeNull();
      const rows = T.rows(c!);
      expect(rows.length).toBe(15);
      expect(T.keyOf(rows[0]!, ctx)).toBe('https://www.instagram.com/p/DTl0ngThr3d/c/18000000055000000/');
      expect(new Set(rows.map((r) => T.keyOf(r, ctx))).size).toBe(15);
      const e = T.entryOf(rows[2]!, ctx, c!);
      expect(e.key).toBe('https://www.instagram.com/p/DTl0ngThr3d/c/18000000055002000/');
      expect(e.content.kind).toBe('comment');
      expect(e.content.author?.handle).toBe('pile.on_17');
      expect(e.content.inReplyTo).toBe('https://www.instagram.com/p/DTl0ngThr3d/');
      // The capture opens the replies itself: no "replies not loaded" warning on the entry.
      expect(e.content.warnings).toEqual([]);
      const head = T.head(c!, ctx);
      expect(head.kind).toBe('post');
      expect(head.permalink).toBe('https://www.instagram.com/p/DTl0ngThr3d/');
      expect(head.warnings.some((w) => /More comments exist/.test(w))).toBe(false);
      expect(T.scroller?.(c!)?.hasAttribute('data-replica-comments')).toBe(true);
      expect(T.loading(c!)).toBe(false);
      const offered = T.expanders(c!);
      // Four "View replies (n)" under comments 2, 6, 10 and 14, and the "Load more comments" icon.
      expect(offered.length).toBe(5);
      expect(offered.slice(0, 4).map((el) => el.textContent)).toEqual(
        name === 'post-long' ? ['View replies (1)', 'View replies (6)', 'View replies (11)', 'View replies (5)'] : ['Ver respuestas (1)', 'Ver respuestas (6)', 'Ver respuestas (11)', 'Ver respuestas (5)'],
      );
      expect(offered[4]!.tagName).toBe('BUTTON');
      for (const el of offered) expect(T.isAllowedClick(el)).toBe(true);
    });
  }

  it('a reply row is a reply to its comment, keyed by its /c/<parent>/r/<id>/ permalink', () => {
    const { doc, ctx, targets } = load('post-long');
    const thread = doc.querySelectorAll('[data-replica-comments] > div')[3]!; // comment 2, with one reply
    const block = thread.querySelector('.x540dpk')!;
    block.innerHTML = `<div class="xr1yuqi"><div class="x1n2onr6"><div class="xbrow"><a href="/pile.on_07/" role="link"><span dir="auto">pile.on_07</span></a><span dir="auto">@pile.on_17 who is this even about?</span><a href="/p/DTl0ngThr3d/c/18000000055002000/r/18100000055002001/" role="link"><time datetime="2026-03-10T20:23:05.000Z">7d</time></a></div></div></div>`;
    const c = T.container(targets('post')[0]!, ctx)!;
    const rows = T.rows(c);
    expect(rows.length).toBe(16);
    const reply = rows[3]!;
    expect(T.keyOf(reply, ctx)).toBe('https://www.instagram.com/p/DTl0ngThr3d/c/18000000055002000/r/18100000055002001/');
    const e = T.entryOf(reply, ctx, c);
    expect(e.content.kind).toBe('reply');
    expect(e.content.inReplyTo).toBe('https://www.instagram.com/p/DTl0ngThr3d/c/18000000055002000/');
    expect(e.content.author?.handle).toBe('pile.on_07');
  });
});

describe('Instagram thread allow-list', () => {
  const make = (html: string): Element => {
    const { doc } = open('<!DOCTYPE html><html><body><main role="main"><div class="list"></div></main></body></html>', 'https://www.instagram.com/p/DTl0ngThr3d/');
    const box = doc.querySelector('.list')!;
    box.innerHTML = html;
    return box.querySelector('[data-probe]')!;
  };
  const btn = (label: string, attrs = ''): string => `<div data-probe role="button" tabindex="0"${attrs}><div class="_a9yi"></div><span>${label}</span></div>`;
  const icon = (label: string, attrs = ''): string => `<button data-probe type="button"${attrs}><svg aria-label="${label}" role="img"><title>${label}</title><circle r="9"></circle></svg></button>`;

  it('accepts "view replies" and "load more comments" controls in English, Spanish and Portuguese', () => {
    for (const label of ['View replies (3)', 'View all 12 replies', 'View more replies (7)', 'View 4 more replies', 'Ver respuestas (3)', 'Ver las 4 respuestas', 'Ver todas las respuestas (12)', 'Ver respostas (2)', 'Ver todas as 5 respostas', 'Ver mais respostas (9)', 'Ver respuestas (1.204)', 'View replies (1,204)', 'Load more comments', 'Cargar más comentarios', 'Carregar mais comentários', 'Ver mais comentários']) {
      expect(T.isAllowedClick(make(btn(label))), label).toBe(true);
    }
    for (const label of ['Load more comments', 'Cargar más comentarios', 'Carregar mais comentários']) expect(T.isAllowedClick(make(icon(label))), label).toBe(true);
    expect(T.isAllowedClick(make(`<button data-probe type="button" aria-label="Load more comments"></button>`))).toBe(true);
  });

  it('refuses everything that acts: like, reply, send, post, react, follow, report, block, delete, unsend, hide, translate — in three languages', () => {
    const refused = [
      'Like', 'Me gusta', 'Curtir', 'Unlike', 'Ya no me gusta', 'Descurtir', 'Reply', 'Responder', 'Send', 'Enviar', 'Post', 'Publicar',
      'See who reacted to this', 'Ver quién reaccionó a esto', 'Ver quem reagiu a isso', 'React', 'Reaccionar', 'Reagir', 'Follow', 'Seguir', 'Following', 'Siguiendo', 'Seguindo',
      'Report', 'Denunciar', 'Block', 'Bloquear', 'Restrict', 'Restringir', 'Delete', 'Eliminar', 'Excluir', 'Unsend', 'Anular envío', 'Cancelar envio',
      'Hide replies', 'Ocultar respuestas', 'Ocultar respostas', 'See translation', 'Ver traducción', 'Ver tradução', 'Comment Options', 'More options', 'Más opciones', 'Mais opções',
      'Share', 'Compartir', 'Compartilhar', 'Save', 'Guardar', 'Salvar', '12 likes', '12 Me gusta', 'Open photo', 'Play', 'Reproducir', 'Audio call', 'Video call', 'Message', '',
      'View replies (3) and follow', 'View replies', 'Load more comments now', 'View profile', 'View insights',
    ];
    for (const label of refused) {
      expect(T.isAllowedClick(make(btn(label))), `text: ${label}`).toBe(false);
      expect(T.isAllowedClick(make(icon(label))), `icon: ${label}`).toBe(false);
    }
  });

  it('refuses look-alikes by structure: a link, a menu, a form, a text field, a toggle, nested controls, a conversation, an open disclosure', () => {
    expect(T.isAllowedClick(make(`<a data-probe href="/p/DTl0ngThr3d/c/1/" role="button">View replies (3)</a>`))).toBe(false);
    expect(T.isAllowedClick(make(`<a href="/x/">${btn('View replies (3)')}</a>`))).toBe(false);
    expect(T.isAllowedClick(make(btn('View replies (3)', ' aria-haspopup="menu"')))).toBe(false);
    expect(T.isAllowedClick(make(`<form>${btn('View replies (3)')}</form>`))).toBe(false);
    expect(T.isAllowedClick(make(`<div contenteditable="true" role="textbox">${btn('View replies (3)')}</div>`))).toBe(false);
    expect(T.isAllowedClick(make(btn('View replies (3)', ' aria-pressed="false"')))).toBe(false);
    expect(T.isAllowedClick(make(btn('View replies (3)', ' aria-expanded="true"')))).toBe(false);
    expect(T.isAllowedClick(make(btn('View replies (3)', ' aria-expanded="false"')))).toBe(true);
    expect(T.isAllowedClick(make(`<div data-probe role="button"><span>View replies (3)</span><div role="button">Like</div></div>`))).toBe(false);
    expect(T.isAllowedClick(make(`<div role="button">${btn('View replies (3)')}</div>`))).toBe(false);
    expect(T.isAllowedClick(make(`<div aria-label="Conversation with Ryan Vance">${btn('View replies (3)')}</div>`))).toBe(false);
    expect(T.isAllowedClick(make(`<span data-probe>View replies (3)</span>`))).toBe(false);
    expect(T.isAllowedClick(make(`<button data-probe type="button"><svg aria-label="Load more comments"></svg><svg aria-label="Like"></svg></button>`))).toBe(false);
    expect(T.isAllowedClick(make(`<button data-probe type="button"><svg aria-label="Load more comments"></svg> and follow</button>`))).toBe(false);
  });

  it('on every replica page, nothing but the reveal controls may be clicked', () => {
    const pages: [string, string, number][] = [
      ['thread/dm-long.html', 'https://www.instagram.com/direct/t/17849012345600001/', 0],
      ['thread/dm-long-stall.html', 'https://www.instagram.com/direct/t/17849012345600003/', 0],
      ['thread/post-long.html', 'https://www.instagram.com/p/DTl0ngThr3d/', 5],
      ['thread/post-long-es.html', 'https://www.instagram.com/p/DTl0ngThr3d/?hl=es', 5],
      ['dm.html', 'https://www.instagram.com/direct/t/17849012345678901/', 0],
      ['dm-pt.html', 'https://www.instagram.com/direct/t/17849012345678901/?hl=pt', 0],
      // post.html: two "View replies"-type controls would be fine, but its "Hide replies" and the rest must not be.
      ['post.html', 'https://www.instagram.com/p/DRk3mQ2jXaB/', 2],
      ['post-es.html', 'https://www.instagram.com/p/DRk3mQ2jXaB/?hl=es', 2],
    ];
    for (const [file, url, allowed] of pages) {
      const { doc } = open(readFileSync(join(SITE, file), 'utf8'), url);
      const everything = Array.from(doc.querySelectorAll('button, [role="button"], a, [role="link"], textarea, input, [contenteditable], [role="textbox"]'));
      const ok = everything.filter((el) => T.isAllowedClick(el));
      expect(ok.length, file).toBe(allowed);
      for (const el of ok) expect(/View replies|Ver respuestas|Load more comments|Cargar más comentarios/.test(el.textContent ?? ''), el.outerHTML.slice(0, 200)).toBe(true);
      expect(everything.length - ok.length, file).toBeGreaterThan(10);
    }
  });

  it('the post page offers as expanders exactly the controls the allow-list accepts', () => {
    const { ctx, targets } = load('post-long');
    const c: ThreadContainer = T.container(targets('post')[0]!, ctx)!;
    const doc = ctx.document;
    const accepted = Array.from(doc.querySelectorAll('button, [role="button"]')).filter((el) => T.isAllowedClick(el));
    expect(T.expanders(c)).toEqual(accepted);
  });
});

describe('Instagram thread support on real 2025-2026 post pages (test/real/www.instagram.com/)', () => {
  const REAL = join(__dirname, '..', '..', '..', 'test', 'real', 'www.instagram.com');
  const page = (file: string, url: string) => open(readFileSync(join(REAL, file), 'utf8'), url);

  it('offers the post as a whole thread, its comments as rows, and only "Ver todas as N respostas" to click', () => {
    const { ctx, targets } = page('post-pt-2025-11.html', 'https://www.instagram.com/falconwillow16/p/DRQcDGdFLjS/');
    const c = T.container(targets('post')[0]!, ctx);
    expect(c?.recordKind).toBe('post');
    expect(T.rows(c!).length).toBe(15);
    const ex = T.expanders(c!);
    expect(ex.length).toBeGreaterThan(0);
    for (const el of ex) expect(el.textContent?.trim()).toMatch(/^Ver todas as \d+ respostas$/);
    const reply = Array.from(ctx.document.querySelectorAll('[role="button"]')).find((b) => b.textContent?.trim() === 'Responder');
    expect(reply).toBeDefined();
    expect(T.isAllowedClick(reply!)).toBe(false);
  });

  it('clicks "Load more comments" and "View all N replies" on a logged-out reel, nothing else', () => {
    const { ctx, targets } = page('reel-en-2026-logged-out.html', 'https://www.instagram.com/harbor.willow13/reel/DM5F3VzuO7i/');
    const c = T.container(targets('post')[0]!, ctx);
    const labels = T.expanders(c!).map((el) => el.textContent?.trim() || el.querySelector('svg')?.getAttribute('aria-label'));
    expect(labels).toContain('Load more comments');
    expect(labels.some((l) => /^View all \d+ replies$/.test(l ?? ''))).toBe(true);
    expect(labels.every((l) => l === 'Load more comments' || /^View all \d+ replies$/.test(l ?? ''))).toBe(true);
  });
});

describe('Instagram thread support: the start of a conversation (issue #11)', () => {
  /** The dm-long page (the newest messages of 2,000) with, optionally, the profile header drawn where `where` says. */
  function page(where: 'none' | 'top' | 'bottom', edit?: (html: string) => string) {
    let html = readFileSync(join(DIR, 'dm-long.html'), 'utf8');
    if (edit) html = edit(html);
    const p = open(html, 'https://www.instagram.com/direct/t/17849012345600001/');
    const list = p.doc.querySelector('[data-replica-inner]')!;
    if (where !== 'none') {
      const row = p.doc.createElement('div');
      row.setAttribute('role', 'none');
      row.className = 'x1n2onr6';
      row.innerHTML = R.startInner('en');
      if (where === 'top') list.prepend(row);
      else list.append(row);
    }
    const c = T.container(p.targets('dm-thread')[0]!, p.ctx)!;
    return { ...p, c, list };
  }

  it('found at the top of the whole conversation: the other person’s profile header above the first message', () => {
    const { c, ctx, targets } = page('top');
    expect(T.startMarker!(c)).toBe(true);
    // The header is not a message: not a row, not a capture target, and no key.
    const rows = T.rows(c);
    expect(rows.length).toBe(20);
    expect(targets('dm-message').length).toBe(20);
    for (const r of rows) expect(r.textContent).not.toContain('· Instagram');
    expect(rows.map((r) => T.keyOf(r, ctx)).filter(Boolean).length).toBe(16);
  });

  it('absent while the top rows are not the start: the newest rows, the other side’s avatars, the top bar’s name and handle', () => {
    const { doc, c } = page('none');
    // The top bar shows the same picture, name and handle: it is outside the scrolling message area.
    expect(doc.querySelector('[aria-label^="Conversation"] .xhead')?.textContent).toContain('r.vance_22');
    expect(T.startMarker!(c)).toBe(false);
    // A header drawn below the first message is not the start either.
    expect(T.startMarker!(page('bottom').c)).toBe(false);
  });

  it('null on a layout it cannot read: a conversation label in an unknown language, or a group (no one person’s header)', () => {
    const unknown = page('top', (h) => h.replace('aria-label="Conversation with Ryan Vance"', 'aria-label="Rozmowa z Ryan Vance"'));
    expect(T.startMarker!(unknown.c)).toBeNull();
    const group = page('none', (h) => h.replace('<div class="x1iyjqo2"><a', '<div class="x1iyjqo2"><a class="x1i10hfl" href="/jun.ok/" role="link" tabindex="0"><span dir="auto">Jun Ok</span></a><a'));
    expect(T.startMarker!(group.c)).toBeNull();
  });
});

