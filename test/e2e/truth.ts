/** Reads the replica truth files (test/replicas/<host>/<page>.truth.json) and compares extracted content. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLICA_ROOT } from './server';

export interface TruthItem {
  kind: string;
  index: number;
  expect: Record<string, unknown>;
}
export interface TruthFile {
  file: string;
  host: string;
  url: string;
  description?: string;
  targets: Record<string, number>;
  items: TruthItem[];
}

export function truthFiles(hosts?: string[]): TruthFile[] {
  const out: TruthFile[] = [];
  for (const host of readdirSync(REPLICA_ROOT)) {
    if (hosts && !hosts.includes(host)) continue;
    let names: string[] = [];
    try {
      names = readdirSync(join(REPLICA_ROOT, host)).filter((n) => n.endsWith('.truth.json'));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      const data = JSON.parse(readFileSync(join(REPLICA_ROOT, host, n), 'utf8')) as Omit<TruthFile, 'file' | 'host'>;
      out.push({ ...data, file: n, host });
    }
  }
  return out;
}

/** Partial deep match: every key in `expected` must equal in `actual`; arrays and strings compare exactly. Returns mismatch paths. */
export function partialMismatches(actual: unknown, expected: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} entries, got ${actual.length}`];
    return expected.flatMap((e, i) => partialMismatches(actual[i], e, `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => partialMismatches((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
