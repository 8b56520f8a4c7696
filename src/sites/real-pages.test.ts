// @vitest-environment node
/**
 * The adapters scored against structure replicas of REAL saved pages (issue #11): test/real/<host>/<page>.html,
 * made by scripts/anonymise-page.ts from pages listed in test/real/PROVENANCE.md, each with a truth file that lists
 * every capture target a person would expect on the page and every field a person can see on it (scoring:
 * test/real/score.ts).
 *
 * Prints, per site, `real pages: <site> items fully right N/M, fields right N/M, pages with every target N/M`, and
 * fails when a site falls below its floor in test/real/floors.json (the share of items fully right, in per cent,
 * raised as the adapters improve). REAL_PAGES_VERBOSE=1 prints every wrong field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PageScore, REAL, type RealTruth, realPages, scorePage } from '../../test/real/score';

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
  }, 180_000); // 48 pages of up to 2 MB each: about 20 s on a loaded 2-core machine, past the 20 s default once
});
