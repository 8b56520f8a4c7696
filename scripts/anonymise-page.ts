/**
 * Turns a real saved page into an anonymised structure replica (issue #11). See scripts/anonymise/anonymise.ts for
 * what is kept and what is invented.
 *
 *   npx tsx scripts/anonymise-page.ts --site instagram --url 'https://www.instagram.com/p/…/' raw.html out.html
 *
 * Options: --secret-file F (default /work/raw/maps/.secret, created when missing: it keeps the invented values stable
 * across runs and must stay outside the repository), --deny F (default /work/raw/maps/deny-<site>.txt when present:
 * real strings found kept in a review, one per line; never committed), --maps DIR (default /work/raw/maps: where
 * the review list and the real → fake mapping go; never inside the repository).
 * Prints the replica's URL. Writes <maps>/<name>.review.txt (texts kept verbatim, for a person to check) and
 * <maps>/<name>.map.json.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { anonymisePage, type Site } from './anonymise/anonymise';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    site: { type: 'string' },
    url: { type: 'string' },
    'secret-file': { type: 'string' },
    deny: { type: 'string' },
    maps: { type: 'string' },
  },
});
const site = values.site as Site | undefined;
const [input, output] = positionals;
if (!site || !['x', 'instagram', 'facebook', 'messenger'].includes(site) || !values.url || !input || !output) {
  console.error('usage: tsx scripts/anonymise-page.ts --site x|instagram|facebook|messenger --url URL raw.html out.html');
  process.exit(2);
}
const repo = resolve(import.meta.dirname, '..');
const maps = resolve(values.maps ?? '/work/raw/maps');
if (maps.startsWith(repo)) {
  console.error('refusing: the maps folder holds real names and must be outside the repository');
  process.exit(2);
}
mkdirSync(maps, { recursive: true });
const secretFile = values['secret-file'] ?? join(maps, '.secret');
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString('hex'));
const secret = readFileSync(secretFile, 'utf8').trim();

const lines = (f: string): string[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() && !l.startsWith('#')) : []);
const here = join(import.meta.dirname, 'anonymise');
const allow = [...lines(join(here, 'ui-common.txt')), ...lines(join(here, `ui-${site}.txt`)), ...(site === 'messenger' ? lines(join(here, 'ui-facebook.txt')) : [])];
const words = lines(join(here, 'words-common.txt'));
const deny = lines(values.deny ?? join(maps, `deny-${site}.txt`));

const raw = readFileSync(input, 'utf8');
const result = anonymisePage(raw, { site, url: values.url, secret, allow, words, deny });
mkdirSync(dirname(resolve(output)), { recursive: true });
writeFileSync(output, result.html);
const name = basename(output).replace(/\.html?$/, '');
writeFileSync(join(maps, `${name}.review.txt`), `${result.review.map((r) => `${String(r.count).padStart(4)}  ${r.why.padEnd(16)}  ${r.text}`).join('\n')}\n`);
writeFileSync(join(maps, `${name}.map.json`), JSON.stringify(result.mapping, null, 1));
writeFileSync(join(maps, `${name}.meta.json`), JSON.stringify({ raw: resolve(input), replica: resolve(output), site, url: values.url, replicaUrl: result.url }, null, 1));
console.log(result.url);
console.error(`${output}: ${(result.html.length / 1024).toFixed(0)} KB from ${(raw.length / 1024).toFixed(0)} KB; ${result.review.length} kept texts listed in ${join(maps, `${name}.review.txt`)}`);
