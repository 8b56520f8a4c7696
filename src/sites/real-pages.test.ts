// @vitest-environment node
/**
 * The adapters scored against structure replicas of REAL saved pages (issue #11): test/real/<host>/<page>.html,
 * made by scripts/anonymise-page.ts from pages listed in test/real/PROVENANCE.md, each with a truth file that lists
 * every capture target a person would expect on the page and every field a person can see on it.
 *
 * Prints, per site, `real pages: <site> items fully right N/M, fields right N/M, pages with every target N/M`, and
 * fails when a site falls below its floor in test/real/floors.json (the share of items fully right, in per cent,
 * raised as the adapters improve). REAL_PAGES_VERBOSE=1 prints every wrong field.
 *
 * Field scoring: every leaf of a truth item's `expect` is one field (an array — links, media — is one field, compared
 * like the replica truth files: same length, each entry a partial match); `null` means the page does not show it and
 * the record must leave it empty. An item is fully right when its target exists and every field is right.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtractedContent, ItemKind } from '../model/evidence';
import { adapterFor } from './registry';
import type { CaptureTarget, ExtractContext } from './types';

const ROOT = resolve(import.meta.dirname, '..', '..');
const REAL = join(ROOT, 'test', 'real');

interface RealTruth {
  url: string;
  source?: string;
  description?: string;
  targets: Partial<Record<ItemKind, number>>;
  items: { kind: ItemKind; index: number; expect: Record<string, unknown> }[];
}

interface PageScore {
  site: string;
  page: string;
  items: number;
  itemsRight: number;
  fields: number;
  fieldsRight: number;
  targetsRight: boolean;
  problems: string[];
}

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

function load(html: string, url: string): ExtractContext {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  windows.push(win);
  win.document.write(html);
  return { url: new URL(url), document: win.document as unknown as Document };
}

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Partial match (objects: listed keys only; arrays: same length, entries partial; null: empty). Returns mismatch paths. */
function mismatches(actual: unknown, expected: unknown, path: string): string[] {
  if (expected === null) return isEmpty(actual) ? [] : [`${path}: expected nothing, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return isEmpty(actual) && expected.length === 0 ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} entries, got ${actual.length}: ${JSON.stringify(actual).slice(0, 300)}`];
    return expected.flatMap((e, i) => mismatches(actual[i], e, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => mismatches((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** The scored fields of an expectation: each leaf, each array as one. */
function fieldsOf(expected: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(expected).flatMap(([k, v]): [string, unknown][] =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? fieldsOf(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function scorePage(host: string, truthFile: string): PageScore {
  const truth = JSON.parse(readFileSync(join(REAL, host, truthFile), 'utf8')) as RealTruth;
  const page = truthFile.replace(/\.truth\.json$/, '');
  const html = readFileSync(join(REAL, host, `${page}.html`), 'utf8');
  const url = new URL(truth.url);
  const adapter = adapterFor(url);
  const score: PageScore = { site: adapter?.id ?? host, page: `${host}/${page}`, items: 0, itemsRight: 0, fields: 0, fieldsRight: 0, targetsRight: true, problems: [] };
  const ctx = load(html, truth.url);
  let targets: CaptureTarget[] = [];
  try {
    targets = adapter ? adapter.findTargets(ctx.document, ctx) : [];
  } catch (e) {
    score.problems.push(`findTargets threw: ${String(e)}`);
  }
  const byKind = new Map<string, CaptureTarget[]>();
  for (const t of targets) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
  for (const [kind, n] of Object.entries(truth.targets)) {
    const got = byKind.get(kind)?.length ?? 0;
    if (got !== n) {
      score.targetsRight = false;
      score.problems.push(`targets.${kind}: expected ${n}, got ${got}`);
    }
  }
  for (const [kind, list] of byKind) {
    if (!(kind in truth.targets)) {
      score.targetsRight = false;
      score.problems.push(`targets.${kind}: expected none, got ${list.length}`);
    }
  }
  for (const item of truth.items) {
    const fields = fieldsOf(item.expect);
    score.items++;
    score.fields += fields.length;
    const target = byKind.get(item.kind)?.[item.index];
    const label = `${item.kind}[${item.index}]`;
    if (!target) {
      score.problems.push(`${label}: no capture target (${fields.length} fields unread)`);
      continue;
    }
    let content: ExtractedContent | { warnings: string[] };
    try {
      content = adapter!.extract(target, ctx);
    } catch (e) {
      content = { warnings: [`extract threw: ${String(e)}`] };
    }
    let right = 0;
    for (const [path, expected] of fields) {
      const wrong = mismatches(get(content, path), expected, `${label}.${path}`);
      if (wrong.length === 0) right++;
      else score.problems.push(...wrong);
    }
    score.fieldsRight += right;
    if (right === fields.length) score.itemsRight++;
  }
  return score;
}

function realPages(): { host: string; truthFile: string }[] {
  if (!existsSync(REAL)) return [];
  return readdirSync(REAL, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(REAL, d.name)).filter((f) => f.endsWith('.truth.json')).sort().map((truthFile) => ({ host: d.name, truthFile })));
}

const floors = JSON.parse(readFileSync(join(REAL, 'floors.json'), 'utf8')) as Record<string, number>;
const provenance = readFileSync(join(REAL, 'PROVENANCE.md'), 'utf8');

describe('real pages (structure replicas of saved pages of the live sites)', () => {
  const pages = realPages();

  it('every replica has its page, a URL on the site, and a provenance row', () => {
    for (const { host, truthFile } of pages) {
      const page = truthFile.replace(/\.truth\.json$/, '');
      expect(existsSync(join(REAL, host, `${page}.html`)), `${host}/${page}.html`).toBe(true);
      const truth = JSON.parse(readFileSync(join(REAL, host, truthFile), 'utf8')) as RealTruth;
      expect(new URL(truth.url).hostname, `${host}/${truthFile} url`).toBe(host);
      expect(provenance.includes(`${host}/${page}.html`) || provenance.includes(`| ${page} |`), `${host}/${page} in PROVENANCE.md`).toBe(true);
    }
  });

  it('scores every site at or above its floor', () => {
    const scores = pages.map(({ host, truthFile }) => scorePage(host, truthFile));
    const sites = [...new Set(scores.map((s) => s.site))].sort();
    const lines: string[] = [];
    const below: string[] = [];
    for (const site of sites) {
      const of = scores.filter((s) => s.site === site);
      const sum = (f: (s: PageScore) => number): number => of.reduce((n, s) => n + f(s), 0);
      const items = sum((s) => s.items);
      const itemsRight = sum((s) => s.itemsRight);
      const pct = items ? (100 * itemsRight) / items : 100;
      lines.push(
        `real pages: ${site.padEnd(9)} items fully right ${itemsRight}/${items} (${pct.toFixed(1)} %), fields right ${sum((s) => s.fieldsRight)}/${sum((s) => s.fields)}, pages with every target ${of.filter((s) => s.targetsRight).length}/${of.length}`,
      );
      if (pct + 1e-9 < (floors[site] ?? 0)) below.push(`${site}: ${pct.toFixed(1)} % < floor ${floors[site]} %`);
    }
    const verbose = process.env.REAL_PAGES_VERBOSE === '1';
    for (const s of scores) {
      if (s.problems.length === 0) continue;
      if (verbose) lines.push(`  ${s.page}: ${s.itemsRight}/${s.items} items\n    ${s.problems.join('\n    ')}`);
      else lines.push(`  ${s.page}: ${s.itemsRight}/${s.items} items, ${s.problems.length} problems (REAL_PAGES_VERBOSE=1 lists them)`);
    }
    console.log(lines.join('\n'));
    expect(below, 'sites below their floor in test/real/floors.json').toEqual([]);
  });
});
