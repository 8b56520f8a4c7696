/**
 * npm run demo            — opens Chromium with the built extension on local replicas of X, Instagram, Facebook
 *                           and Messenger (no account needed). Needs a display. Ctrl+C to stop.
 * npm run demo -- --headless — captures one item of each kind on each replica page and writes screenshots of the
 *                           pages and of the vault to demo-output/.
 * Both run the extension with the permissions as shipped (the test build's "nogrant" variant: the optional
 * <all_urls> is not granted, so in-page captures store a redrawn picture, labelled; the interactive demo's options
 * page can grant it). The demo runs on plain Node through scripts/run-ts.mjs, not tsx (see there why).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { extensionDir, launch } from '../test/e2e/browsers';
import { CasePage, SitePage, VaultPage } from '../test/e2e/pages';
import { REPLICA_HOSTS, startReplicaServer } from '../test/e2e/server';
import { truthFiles } from '../test/e2e/truth';

const headless = process.argv.includes('--headless');
/** The shipping permission model (README "Permissions and why"); test hooks are compiled in, nothing else differs. */
const VARIANT = 'test-nogrant';

/** Prints the permissions of the manifest the demo loads: what a person installing Holdfast is asked for. */
function printPermissions(): void {
  const m = JSON.parse(readFileSync(join(extensionDir('chromium', VARIANT), 'manifest.json'), 'utf8')) as Record<string, string[] | undefined>;
  console.log(`permissions as shipped: ${[...(m.permissions ?? []), ...(m.host_permissions ?? [])].join(', ')}`);
  console.log(`optional, not granted: ${(m.optional_host_permissions ?? []).join(', ')} (in-page captures store a redrawn picture, labelled)`);
}
const OUT = resolve(import.meta.dirname, '..', 'demo-output');

async function interactive() {
  printPermissions();
  const server = await startReplicaServer();
  const rules = [...REPLICA_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`), 'MAP * ~NOTFOUND'].join(', ');
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    defaultViewport: null,
    enableExtensions: [extensionDir('chromium', VARIANT)],
    pipe: true,
    args: ['--no-first-run', '--disable-background-networking', '--disable-sync', `--host-resolver-rules=${rules}`, `--ignore-certificate-errors-spki-list=${server.spki}`],
  });
  const urls = [...new Set(truthFiles().map((t) => t.url))];
  const [first] = await browser.pages();
  await first?.goto(urls[0] ?? 'https://x.com/home');
  for (const u of urls.slice(1, 6)) await (await browser.newPage()).goto(u);
  console.log('Holdfast demo running on local replicas:');
  for (const u of urls) console.log(`  ${u}`);
  console.log('Click a shield button to capture; open the vault from the toolbar. Close the browser to stop.');
  await new Promise((r) => browser.on('disconnected', r));
  await server.close();
}

async function scripted() {
  mkdirSync(OUT, { recursive: true });
  const server = await startReplicaServer();
  printPermissions();
  const harness = await launch('chromium', server, VARIANT);
  const done = new Set<string>();
  try {
    const vault = await VaultPage.open(harness);
    for (const truth of truthFiles()) {
      const site = await SitePage.open(harness, truth.url);
      try {
        for (const [kind, n] of Object.entries(truth.targets)) {
          const key = `${truth.host}:${kind}`;
          if (!n || done.has(key)) continue;
          await site.waitForControls(kind, 1);
          const outcome = await site.capture(kind, 0);
          const rec = await vault.newest();
          console.log(`${outcome.code.padEnd(4)} #${rec.seq} ${truth.host} ${kind} [picture: ${rec.screenshot?.method ?? 'none'}]: ${rec.author?.handle ?? rec.author?.displayName ?? '?'} — ${(rec.text ?? '').slice(0, 60).replace(/\n/g, ' ')}`);
          done.add(key);
        }
        const name = `${truth.host}_${truth.file.replace('.truth.json', '')}.png`;
        await site.page.screenshot({ path: join(OUT, name) as `${string}.png` });
      } finally {
        await site.close();
      }
    }
    await vault.reload();
    await vault.page.screenshot({ path: join(OUT, 'vault-list.png'), fullPage: true });
    const newest = await vault.newest();
    await vault.openRecord(newest.id);
    await vault.page.screenshot({ path: join(OUT, 'vault-record.png'), fullPage: true });
    // The case file: three night-time calls logged in the journal, a person with the captures' account, the pattern.
    const cases = await CasePage.openCase(harness, '#/journal', '[data-testid="journal-add"]');
    const night = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const time of ['02:17', '03:00', '05:04'])
      await cases.addJournalEntry({ when: `${night}T${time}`, kind: 'call', text: `Private number called at ${time}. Hung up when I answered.` });
    await cases.page.screenshot({ path: join(OUT, 'vault-journal.png'), fullPage: true });
    await cases.show('#/people', '[data-testid="person-add"]');
    await cases.addPerson('Unknown 1');
    await cases.page.screenshot({ path: join(OUT, 'vault-people.png'), fullPage: true });
    await cases.show('#/pattern', '[data-testid="pattern-by-hour"][data-counts]');
    console.log(`journal: 3 calls logged; pattern by hour: ${(await cases.hourCounts()).join(',')}`);
    await cases.page.screenshot({ path: join(OUT, 'vault-pattern.png'), fullPage: true });
    const result = await vault.verify();
    console.log(`vault verify: ${result.ok ? 'ok' : `FAILED ${result.problems.join(' ')}`}`);
    console.log(`screenshots in ${OUT}`);
  } finally {
    await harness.close();
    await server.close();
  }
}

(headless ? scripted() : interactive()).catch((err) => {
  console.error(err);
  process.exit(1);
});
