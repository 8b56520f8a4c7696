/**
 * Incremental scans (`findTargetsIn`) must agree with whole-page scans (`findTargets`): the capture controls rely on
 * them while a site streams items in, and only fall back to a whole-page scan when an adapter returns null. Checked on
 * every replica page of every adapter that has them:
 * - each target, handed over as a new subtree, is found again with the same kind, and nothing that is not a target;
 * - a late piece of an item (its last element arriving after the item) brings the item back;
 * - a copy of an item inserted next to it (a feed or thread that keeps growing) gets the kind a whole-page scan gives it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { SITE_ADAPTERS as SITES } from './test-support';
import type { CaptureTarget, ExtractContext, SiteAdapter } from './types';

const REPLICAS = resolve(import.meta.dirname, '..', '..', 'test', 'replicas');
const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

function load(file: string, url: string): ExtractContext {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  windows.push(win);
  win.document.write(readFileSync(file, 'utf8'));
  return { url: new URL(url), document: win.document as unknown as Document };
}

const pages = readdirSync(REPLICAS).flatMap((host) =>
  readdirSync(join(REPLICAS, host))
    .filter((n) => n.endsWith('.truth.json'))
    .map((n) => ({ html: join(REPLICAS, host, n.replace(/\.truth\.json$/, '.html')), url: (JSON.parse(readFileSync(join(REPLICAS, host, n), 'utf8')) as { url: string }).url })),
);

const kinds = (targets: CaptureTarget[]) => new Map(targets.map((t) => [t.element, t.kind]));

/** The innermost target holding `el`. */
function innermost(targets: CaptureTarget[], el: Element): CaptureTarget | undefined {
  let best: CaptureTarget | undefined;
  for (const t of targets) if (t.element.contains(el) && (!best || best.element.contains(t.element))) best = t;
  return best;
}

function lastDescendant(el: Element): Element {
  let cur = el;
  while (cur.lastElementChild) cur = cur.lastElementChild;
  return cur;
}

describe('incremental scans agree with whole-page scans', () => {
  for (const site of SITES.filter((s): s is SiteAdapter & Required<Pick<SiteAdapter, 'findTargetsIn'>> => !!s.findTargetsIn)) {
    const mine = pages.filter((p) => site.matches(new URL(p.url)));
    let answered = 0;
    describe(site.id, () => {
      for (const page of mine) {
        it(`${page.html.slice(REPLICAS.length + 1)}`, () => {
          const ctx = load(page.html, page.url);
          const full = site.findTargets(ctx.document, ctx);
          const known = kinds(full);
          for (const t of full) {
            const res = site.findTargetsIn([t.element], ctx);
            if (res === null) continue;
            answered++;
            expect(res.find((r) => r.element === t.element)?.kind, `${t.kind} found again`).toBe(t.kind);
            for (const r of res) expect(known.get(r.element), 'only targets a whole-page scan also finds').toBe(r.kind);
            const late = lastDescendant(t.element);
            if (innermost(full, late) !== t) continue;
            const again = site.findTargetsIn([late], ctx);
            if (again !== null) expect(again.find((r) => r.element === t.element)?.kind, `${t.kind} found from a late piece`).toBe(t.kind);
          }
          // A growing list: copy the first item of each streaming kind next to itself.
          for (const kind of ['post', 'reply', 'comment', 'dm-message'] as const) {
            const t = full.find((x) => x.kind === kind && x.element.parentElement);
            if (!t) continue;
            const copy = t.element.cloneNode(true) as Element;
            t.element.after(copy);
            const res = site.findTargetsIn([copy], ctx);
            const whole = kinds(site.findTargets(ctx.document, ctx));
            if (res !== null) {
              expect(res.find((r) => r.element === copy)?.kind, `copied ${kind}`).toBe(whole.get(copy));
              for (const r of res) expect(whole.get(r.element)).toBe(r.kind);
            }
            copy.remove();
            site.findTargets(ctx.document, ctx);
          }
        });
      }
      it('answers incrementally on at least one replica page', () => {
        expect(answered).toBeGreaterThan(0);
      });
    });
  }
});
