/**
 * Test support for the Facebook and Messenger adapter tests (imported only by *.test.ts files): loads replica
 * pages and their truth files from test/replicas/ into happy-dom documents at the truth URL, and compares
 * extracted content with a truth `expect` the way the real-browser tests do (partial on objects, exact on
 * arrays and strings).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';

export const REPLICAS = resolve(import.meta.dirname, '..', '..', '..', 'test', 'replicas');

export interface TruthItem {
  kind: string;
  index: number;
  expect: Record<string, unknown>;
}
export interface Truth {
  url: string;
  description?: string;
  targets: Record<string, number>;
  items: TruthItem[];
}
export interface ReplicaPage {
  host: string;
  /** Page file name, e.g. "feed.html". */
  file: string;
  path: string;
  truth: Truth;
}

/** Every replica page (any host) whose truth URL the predicate accepts. */
export function replicaPages(accept: (url: URL) => boolean): ReplicaPage[] {
  const out: ReplicaPage[] = [];
  for (const host of readdirSync(REPLICAS).sort()) {
    const dir = join(REPLICAS, host);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.truth.json'));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      const truth = JSON.parse(readFileSync(join(dir, n), 'utf8')) as Truth;
      if (!accept(new URL(truth.url))) continue;
      const file = n.replace(/\.truth\.json$/, '.html');
      out.push({ host, file, path: join(dir, file), truth });
    }
  }
  return out;
}

/** A fixture file by name: the adapter's own folder first, then any replica host folder. */
export function fixturePath(fixtureDir: string, file: string): string | undefined {
  const candidates = [join(REPLICAS, fixtureDir, file), ...readdirSync(REPLICAS).map((h) => join(REPLICAS, h, file))];
  return candidates.find((c) => existsSync(c));
}

/** Parses a page into a happy-dom document whose URL is `url`. Scripts are not run (JSON scripts stay as text). */
export function loadDocument(path: string, url: string): Document {
  // happy-dom runs no JavaScript and loads no CSS or frames by default; file loading is switched off too.
  const win = new Window({ url, settings: { disableJavaScriptFileLoading: true } });
  const doc = win.document as unknown as Document;
  doc.write(readFileSync(path, 'utf8'));
  return doc;
}

/** Parses an HTML snippet into a document at `url` (for focused tests). */
export function htmlDocument(html: string, url: string): Document {
  const win = new Window({ url, settings: { disableJavaScriptFileLoading: true } });
  const doc = win.document as unknown as Document;
  doc.write(`<!DOCTYPE html><html lang="en"><head></head><body>${html}</body></html>`);
  return doc;
}

/** Partial deep match: every key in `expected` must equal in `actual`; arrays and strings compare exactly. */
export function mismatches(actual: unknown, expected: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} entries, got ${actual.length}: ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => mismatches(actual[i], e, `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => mismatches((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
