/**
 * Scoring of the site adapters on the structure replicas of real pages (test/real/<host>/<page>.html, issue #11),
 * shared by the unit test (src/sites/real-pages.test.ts, happy-dom) and the real-browser test
 * (test/e2e/real.e2e.test.ts, which checks that the built extension in Chromium and Firefox does what the score says).
 *
 * Field scoring: every leaf of a truth item's `expect` is one field (an array — links, media — is one field, compared
 * like the replica truth files: same length, each entry a partial match); `null` means the page does not show it and
 * the record must leave it empty. An item is fully right when its target exists and every field is right.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import type { ExtractedContent, ItemKind } from '../../src/model/evidence';
import { adapterFor } from '../../src/sites/test-support';
import type { CaptureTarget, ExtractContext } from '../../src/sites/types';

export const REAL = resolve(import.meta.dirname);

export interface RealTruth {
  url: string;
  source?: string;
  description?: string;
  targets: Partial<Record<ItemKind, number>>;
  items: { kind: ItemKind; index: number; expect: Record<string, unknown> }[];
}

export interface PageScore {
  site: string;
  page: string;
  truth: RealTruth;
  /** Targets the adapter found, per kind. */
  targetCounts: Record<string, number>;
  /** The truth items the adapter reads fully right. */
  rightItems: RealTruth['items'];
  items: number;
  itemsRight: number;
  fields: number;
  fieldsRight: number;
  targetsRight: boolean;
  problems: string[];
}

function load(html: string, url: string): ExtractContext & { close(): void } {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  win.document.write(html);
  return { url: new URL(url), document: win.document as unknown as Document, close: () => void win.happyDOM.close() };
}

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Partial match (objects: listed keys only; arrays: same length, entries partial; null: empty). Returns mismatch paths. */
export function mismatches(actual: unknown, expected: unknown, path: string): string[] {
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
export function fieldsOf(expected: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(expected).flatMap(([k, v]): [string, unknown][] =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? fieldsOf(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function scorePage(host: string, truthFile: string): PageScore {
  const truth = JSON.parse(readFileSync(join(REAL, host, truthFile), 'utf8')) as RealTruth;
  const page = truthFile.replace(/\.truth\.json$/, '');
  const html = readFileSync(join(REAL, host, `${page}.html`), 'utf8');
  const url = new URL(truth.url);
  const adapter = adapterFor(url);
  const score: PageScore = {
    site: adapter?.id ?? host,
    page: `${host}/${page}`,
    truth,
    items: 0,
    itemsRight: 0,
    fields: 0,
    fieldsRight: 0,
    targetsRight: true,
    targetCounts: {},
    rightItems: [],
    problems: [],
  };
  const ctx = load(html, truth.url);
  try {
    let targets: CaptureTarget[] = [];
    try {
      targets = adapter ? adapter.findTargets(ctx.document, ctx) : [];
    } catch (e) {
      score.problems.push(`findTargets threw: ${String(e)}`);
    }
    const byKind = new Map<string, CaptureTarget[]>();
    for (const t of targets) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
    for (const [kind, list] of byKind) score.targetCounts[kind] = list.length;
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
      if (right === fields.length) {
        score.itemsRight++;
        score.rightItems.push(item);
      }
    }
  } finally {
    ctx.close();
  }
  return score;
}

/** Whether a stored record's content matches a truth item's expectation (the same rule as the score). */
export function contentMismatches(content: unknown, expect: Record<string, unknown>): string[] {
  return fieldsOf(expect).flatMap(([path, expected]) => mismatches(get(content, path), expected, path));
}

export function realPages(): { host: string; truthFile: string }[] {
  if (!existsSync(REAL)) return [];
  return readdirSync(REAL, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(REAL, d.name)).filter((f) => f.endsWith('.truth.json')).sort().map((truthFile) => ({ host: d.name, truthFile })));
}

