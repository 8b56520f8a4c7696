/**
 * A second look before a replica is committed: does anything of the real page survive in it?
 *
 *   npx tsx scripts/anonymise/check-leaks.ts [--maps /work/raw/maps] [replica.html …]
 *
 * For every replica the anonymiser wrote (its <maps>/<name>.meta.json names the raw page), reports:
 * - real handles, names and ids (the mapping's keys: words of 3+ characters, ids of 10+ digits) found in the replica;
 * - words of 5+ letters from the raw page's visible text that appear in the replica's text but in none of the texts
 *   the anonymiser kept on purpose (interface words): person-written words that came through.
 * Exit 1 when anything is found. Nothing here is committed but the script; the raw pages and maps stay outside.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { maps: { type: 'string' } } });
const maps = resolve(values.maps ?? '/work/raw/maps');
const metas = readdirSync(maps)
  .filter((f) => f.endsWith('.meta.json'))
  .map((f) => JSON.parse(readFileSync(join(maps, f), 'utf8')) as { raw: string; replica: string; site: string });
const wanted = positionals.map((p) => resolve(p));
const chosen = wanted.length ? metas.filter((m) => wanted.includes(m.replica)) : metas.filter((m) => existsSync(m.replica));

const visibleText = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ');
const wordsOf = (s: string, min: number): Set<string> => new Set((s.match(/\p{L}[\p{L}\p{M}]+/gu) ?? []).filter((w) => w.length >= min).map((w) => w.toLowerCase()));
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let bad = 0;
for (const meta of chosen) {
  const name = basename(meta.replica).replace(/\.html?$/, '');
  const replica = readFileSync(meta.replica, 'utf8');
  const mapping = JSON.parse(readFileSync(join(maps, `${name}.map.json`), 'utf8')) as Record<string, string>;
  const kept = existsSync(join(maps, `${name}.review.txt`)) ? readFileSync(join(maps, `${name}.review.txt`), 'utf8') : '';
  const keptWords = wordsOf(kept, 1);
  const found: string[] = [];
  for (const real of Object.keys(mapping)) {
    const isId = /^\d+$/.test(real);
    if (isId ? real.length < 10 : real.length < 3 || keptWords.has(real.toLowerCase())) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(real)}(?![\\p{L}\\p{N}_])`, 'u');
    if (re.test(replica)) found.push(`${isId ? 'id' : 'identity'}: ${real}`);
  }
  if (existsSync(meta.raw)) {
    const rawWords = wordsOf(visibleText(readFileSync(meta.raw, 'utf8')), 5);
    const replicaWords = wordsOf(replica, 5);
    for (const w of rawWords) if (replicaWords.has(w) && !keptWords.has(w)) found.push(`word: ${w}`);
  } else found.push(`(raw page ${meta.raw} not found: words not checked)`);
  const real = found.filter((f) => !f.startsWith('('));
  bad += real.length;
  console.log(`${meta.replica}: ${real.length ? `${real.length} possible leaks` : 'no leak found'}`);
  for (const f of found.slice(0, 200)) console.log(`  ${f}`);
}
process.exit(bad ? 1 : 0);
