/**
 * The vault page as a case file at scale (issue #13), in the real extension page (Chromium): `npm run bench -- --only
 * case` (part of `npm run bench`). Prints figures, never asserts them. A vault of 10,000 small captures (text, 40
 * accounts on four platforms, every 10th with a small screenshot) and 5,000 journal entries, seeded through the
 * vault's own code in vault.html (test/e2e/case-seed.ts), then:
 *  - first paint of vault.html#/records: navigation start → first contentful paint, → first record row drawn (the
 *    newest records, read first), → record-count shown (every summary read);
 *  - search: a handle typed a key at a time into `vault-search` (600 ms apart): the key's own event time → the frame
 *    after the list's last change (p50/p95);
 *  - #/pattern: hash change → both data-counts present and chart SVG drawn;
 *  - the records list scrolled for 3 s (40 px a frame): frame times, fps, frames over 16.7 ms (beyond 1 ms of vsync
 *    jitter: headless Chromium's frames measure 16.6–16.8 ms) and over 33.3 ms;
 *  - the journal list scrolled the same way, at 5,000 entries, and with HOLDFAST_BENCH_CASE_BIG_JOURNAL=50000 at 50,000
 *    (opt-in: seeding the other 45,000 through the vault takes ~40 min on a loaded 2-core machine);
 *  - a 50 MB file through `journal-files`: Save pressed (its own event time) → the added-file record in IndexedDB, and
 *    → the entry's file row saying it was added (`journal-file[data-state="added"]`).
 * HOLDFAST_BENCH_CASE_RECORDS / _JOURNAL change the sizes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import type { Harness } from '../test/e2e/browsers';
import { CasePage } from '../test/e2e/pages';

const RECORDS = Number(process.env.HOLDFAST_BENCH_CASE_RECORDS ?? 10_000);
const JOURNAL = Number(process.env.HOLDFAST_BENCH_CASE_JOURNAL ?? 5_000);
// Opt-in: seeding 45,000 more entries through addJournalEntry took 15–50 ms each here, depending on load (11–40 min).
const BIG_JOURNAL = Number(process.env.HOLDFAST_BENCH_CASE_BIG_JOURNAL ?? 0);
const ACCOUNTS = 40;
const ROW = '[data-testid="record-row"]';

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}
const ms = (n: number) => `${Number.isFinite(n) ? n.toFixed(0) : '—'} ms`;
const line = (label: string, text: string) => console.log(`${label.padEnd(44)} ${text}`);

/** Runs a step; a step that cannot run (a view not built yet) prints why and the bench goes on. */
async function step(label: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    line(label, `could not run: ${String(err instanceof Error ? err.message : err).split('\n')[0]}`);
  }
}

export async function caseBench(harness: Harness): Promise<void> {
  console.log(`\n## The vault as a case file (issue #13; headless Chromium, ${RECORDS.toLocaleString('en')} captures + ${JOURNAL.toLocaleString('en')} journal entries)`);
  const cp = await CasePage.openCase(harness, '#/records', '[data-testid="record-count"]');
  // tsx names inner functions through a helper (__name) the page does not have: give every document one.
  await cp.page.evaluateOnNewDocument('globalThis.__name = globalThis.__name || ((f) => f)');
  await cp.page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  const seedT0 = performance.now();
  let capMs = 0;
  for (let from = 0; from < RECORDS; from += 1000) capMs += await cp.seed<number>('(s, o) => s.seedBenchCaptures(o)', { from, to: Math.min(RECORDS, from + 1000), accounts: ACCOUNTS, shotEvery: 10 });
  let journalMs = 0;
  let journalNote = '';
  try {
    for (let from = 0; from < JOURNAL; from += 1000) journalMs += await cp.seed<number>('(s, o) => s.seedBenchJournal(o)', { from, to: Math.min(JOURNAL, from + 1000) });
  } catch (err) {
    journalNote = ` (journal not seeded: ${String(err instanceof Error ? err.message : err).split('\n')[0]})`;
  }
  await cp.seed('(s) => s.done()');
  line('seeding (vault code in the page)', `${RECORDS} captures ${(capMs / 1000).toFixed(1)} s (${(capMs / RECORDS).toFixed(1)} ms each), ${JOURNAL} journal entries ${(journalMs / 1000).toFixed(1)} s${journalNote}; ${((performance.now() - seedT0) / 1000).toFixed(0)} s in all`);
  const handles = await cp.seed<string[]>('(s, n) => s.benchHandles(n)', ACCOUNTS);

  await step('first paint #/records', () => firstPaint(cp));
  await step('search keystroke → list updated', () => search(cp, handles[27]!));
  await step('pattern charts drawn', () => pattern(cp));
  await step('records list scroll', () => scroll(cp, '#/records', ROW, 'records list scroll, 3 s'));
  await step('journal list scroll', () => scroll(cp, '#/journal', '[data-testid="journal-entry"]', `journal list scroll (${JOURNAL.toLocaleString('en')} entries), 3 s`));
  await step('50 MB file through journal-files', () => bigFile(cp));
  if (BIG_JOURNAL > JOURNAL) {
    await step(`journal list at ${BIG_JOURNAL.toLocaleString('en')}`, async () => {
      // Seeded from the options page: an open vault page reloads every summary each time the count changes (every
      // 2 s while seeding), which slowed a 2,500-entry batch past the automation's 180 s timeout.
      await cp.goto('options.html', 'body');
      const t0 = performance.now();
      for (let from = JOURNAL; from < BIG_JOURNAL; from += 1000) await cp.seed<number>('(s, o) => s.seedBenchJournal(o)', { from, to: Math.min(BIG_JOURNAL, from + 1000) });
      await cp.seed('(s) => s.done()');
      line('seeding more journal entries', `${(BIG_JOURNAL - JOURNAL).toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      await cp.goto('vault.html#/journal', '[data-testid="journal-entry"]');
      await scroll(cp, '#/journal', '[data-testid="journal-entry"]', `journal list scroll (${BIG_JOURNAL.toLocaleString('en')} entries), 3 s`);
    });
  }
  await cp.page.close();
}

/** Navigation start → FCP and → the frame in which the first record row is in the DOM and laid out; 5 loads. */
async function firstPaint(cp: CasePage): Promise<void> {
  await cp.page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __hfFirstRow?: number; __hfCount?: number };
    const tick = () => {
      const row = document.querySelector('[data-testid="record-row"]');
      if (row && row.getBoundingClientRect().height > 0 && w.__hfFirstRow === undefined) w.__hfFirstRow = performance.now();
      // The list draws the newest records first; the count comes with the whole list (every summary read).
      if (document.querySelector('[data-testid="record-count"]')) w.__hfCount = performance.now();
      if (w.__hfFirstRow === undefined || w.__hfCount === undefined) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const rows: number[] = [];
  const fcp: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < 5; i++) {
    await cp.reloadAt('#/records', ROW, 60_000);
    const t = await cp.page.waitForFunction(
      () => {
        const w = window as unknown as { __hfFirstRow?: number; __hfCount?: number };
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return w.__hfFirstRow !== undefined && w.__hfCount !== undefined && paint ? { row: w.__hfFirstRow, count: w.__hfCount, fcp: paint.startTime } : false;
      },
      { timeout: 60_000, polling: 50 },
    );
    const v = (await t.jsonValue()) as { row: number; count: number; fcp: number };
    rows.push(v.row);
    fcp.push(v.fcp);
    whole.push(v.count);
  }
  const count = await cp.recordCount();
  line('first paint #/records → first contentful paint', `p50 ${ms(pct(fcp, 50))}   max ${ms(Math.max(...fcp))}   (n=${fcp.length}, record-count ${count})`);
  line('first paint #/records → first record row', `p50 ${ms(pct(rows, 50))}   max ${ms(Math.max(...rows))}   (n=${rows.length}; target ≤ 500 ms)`);
  line('first paint #/records → record-count (all)', `p50 ${ms(pct(whole, 50))}   max ${ms(Math.max(...whole))}   (every summary read, the list complete)`);
}

/** Each key of a handle typed 600 ms apart: the keydown's own time → the frame after the last change it caused. */
async function search(cp: CasePage, handle: string): Promise<void> {
  await cp.show('#/records', '[data-testid="vault-search"]', 60_000);
  const before = await cp.recordCount();
  await cp.page.evaluate(() => {
    const w = window as unknown as { __hfKeys: number[]; __hfChanges: number[] };
    w.__hfKeys = [];
    w.__hfChanges = [];
    document.addEventListener('keydown', (e) => w.__hfKeys.push(e.timeStamp), true);
    new MutationObserver(() => requestAnimationFrame(() => w.__hfChanges.push(performance.now()))).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-count', 'data-record-id'] });
  });
  const search = await cp.page.$('[data-testid="vault-search"]');
  await search!.click();
  for (const ch of handle) {
    await cp.page.keyboard.type(ch);
    await new Promise((r) => setTimeout(r, 600));
  }
  const { keys, changes } = await cp.page.evaluate(() => {
    const w = window as unknown as { __hfKeys: number[]; __hfChanges: number[] };
    return { keys: w.__hfKeys, changes: w.__hfChanges };
  });
  const times: number[] = [];
  keys.forEach((k, i) => {
    const next = keys[i + 1] ?? Number.POSITIVE_INFINITY;
    const mine = changes.filter((c) => c > k && c < next);
    if (mine.length) times.push(Math.max(...mine) - k);
  });
  const after = await cp.recordCount();
  line('search keystroke → list updated', `p50 ${ms(pct(times, 50))}   p95 ${ms(pct(times, 95))}   max ${ms(Math.max(...times))}   (${times.length} of ${keys.length} keys changed the list; "${handle}": record-count ${before} → ${after}; target ≤ 100 ms)`);
  await cp.fill('vault-search', '');
}

/** Hash change → both data-counts present and an SVG chart with shapes drawn; 3 times. */
async function pattern(cp: CasePage): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await cp.show('#/records', '[data-testid="record-count"]', 60_000);
    const t = await cp.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const t0 = performance.now();
          location.hash = '#/pattern';
          const tick = () => {
            const hour = document.querySelector('[data-testid="pattern-by-hour"][data-counts]');
            const day = document.querySelector('[data-testid="pattern-by-day"][data-counts]');
            const shapes = document.querySelectorAll('svg rect, svg path, svg line, svg circle, svg polyline').length;
            if (hour && day && shapes > 0) resolve(performance.now() - t0);
            else if (performance.now() - t0 > 30_000) reject(new Error(`pattern not drawn in 30 s (by-hour ${!!hour}, by-day ${!!day}, svg shapes ${shapes})`));
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
    times.push(t);
  }
  const hours = (await cp.hourCounts()).reduce((a, b) => a + b, 0);
  line('pattern charts drawn (#/pattern)', `p50 ${ms(pct(times, 50))}   max ${ms(Math.max(...times))}   (n=${times.length}; ${hours} events by hour; target ≤ 300 ms)`);
}

/** Scrolls the list holding `item` for 3 s, 40 px a frame; frame times from requestAnimationFrame. */
async function scroll(cp: CasePage, hash: string, item: string, label: string, reload = false): Promise<void> {
  if (reload) await cp.reloadAt(hash, item, 120_000);
  else await cp.show(hash, item, 60_000);
  await new Promise((r) => setTimeout(r, 500));
  const r = await cp.page.evaluate(
    (sel) =>
      new Promise<{ frames: number[]; distance: number; domItems: number; scroller: string }>((resolve) => {
        const first = document.querySelector(sel)!;
        let el: Element | null = first.parentElement;
        while (el && !(el.scrollHeight > el.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
        const scroller = (el ?? document.scrollingElement ?? document.documentElement) as HTMLElement;
        const frames: number[] = [];
        const start = scroller.scrollTop;
        let last = performance.now();
        const t0 = last;
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          scroller.scrollTop += 40;
          if (now - t0 < 3000) requestAnimationFrame(tick);
          else resolve({ frames: frames.slice(1), distance: scroller.scrollTop - start, domItems: document.querySelectorAll(sel).length, scroller: el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}` : 'the page' });
        };
        requestAnimationFrame(tick);
      }),
    item,
  );
  const total = r.frames.reduce((a, b) => a + b, 0);
  const fps = (r.frames.length / total) * 1000;
  line(label, `${fps.toFixed(1)} fps, frame p50 ${r.frames.length ? pct(r.frames, 50).toFixed(1) : '—'} ms p95 ${pct(r.frames, 95).toFixed(1)} ms max ${Math.max(...r.frames).toFixed(1)} ms; ${r.frames.filter((f) => f > 17.7).length} frames > 16.7 ms (1 ms of vsync jitter allowed), ${r.frames.filter((f) => f > 33.4).length} > 33.3 ms of ${r.frames.length} (scrolled ${r.distance} px in ${r.scroller}; ${r.domItems} rows in the DOM)`);
}

/** A 50 MB file chosen in journal-files: its change event → the added-file record in IndexedDB. */
async function bigFile(cp: CasePage): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-bench-file-'));
  const path = join(dir, 'voice-note.m4a');
  const size = 50 * 1024 * 1024;
  writeFileSync(path, randomBytes(size));
  try {
    await cp.show('#/journal', '[data-testid="journal-add"]', 60_000);
    await cp.click('journal-add');
    await cp.page.waitForSelector('[data-testid="journal-files"]');
    await cp.setValue('journal-when', '2026-11-02T02:17');
    await cp.page.select('[data-testid="journal-kind"]', 'call');
    await cp.setValue('journal-text', 'Voicemail left at 02:17');
    await cp.page.evaluate((bytes) => {
      const w = window as unknown as { __hfChosen?: number; __hfSaved?: number; __hfRowAdded?: number; __hfStored?: Promise<number> };
      document.addEventListener('change', (e) => {
        if ((e.target as Element).getAttribute?.('data-testid') === 'journal-files') w.__hfChosen = e.timeStamp;
      }, true);
      document.addEventListener('click', (e) => {
        if ((e.target as Element).closest?.('[data-testid="journal-save"]')) w.__hfSaved = e.timeStamp;
      }, true);
      // The entry's file row saying it is stored (journal-file data-state="added"), checked every frame.
      const watch = () => {
        if (document.querySelector('[data-testid="journal-file"][data-state="added"]')) w.__hfRowAdded = performance.now();
        else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      // The newest record, read directly from IndexedDB every 10 ms (one connection; a new read each time), until it is
      // the 50 MB added file.
      const t0 = performance.now();
      w.__hfStored = new Promise((resolve, reject) => {
        const open = indexedDB.open('holdfast-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const poll = () => {
            if (performance.now() - t0 > 120_000) {
              db.close();
              return reject(new Error('no 50 MB added-file record in IndexedDB after 120 s'));
            }
            const req = db.transaction('records').objectStore('records').index('seq').openCursor(null, 'prev');
            req.onsuccess = () => {
              const r = req.result?.value as { kind?: string; addedFile?: { size: number } } | undefined;
              if (r?.kind === 'added-file' && r.addedFile?.size === bytes) {
                db.close();
                resolve(performance.now());
              } else setTimeout(poll, 10);
            };
          };
          poll();
        };
      });
    }, size);
    const input = (await cp.page.$('[data-testid="journal-files"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await cp.click('journal-save');
    const stored = (await cp.page.evaluate(() => (window as unknown as { __hfStored: Promise<number> }).__hfStored)) as number;
    await cp.page.waitForSelector('[data-testid="journal-file"][data-state="added"]', { timeout: 60_000 }).catch(() => undefined);
    const t = await cp.page.evaluate(() => {
      const w = window as unknown as { __hfChosen?: number; __hfSaved?: number; __hfRowAdded?: number };
      return { chosen: w.__hfChosen ?? Number.NaN, saved: w.__hfSaved ?? Number.NaN, row: w.__hfRowAdded ?? Number.NaN };
    });
    // The journal form stores its files when the entry is saved: the time runs from the Save press.
    line('50 MB file: Save → record in IndexedDB', `${ms(stored - t.saved)} (target ≤ 1 s: hashed and stored; added-file record of ${size.toLocaleString('en')} bytes; file chosen ${ms(t.saved - t.chosen)} before Save)`);
    line('50 MB file: Save → its row says added', `${ms(t.row - t.saved)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
