/**
 * Launches headless Chromium or Firefox ESR with a built Holdfast, pointed at the replica server.
 * Chromium: --host-resolver-rules maps the real host names to the server. Firefox: a CONNECT proxy.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import type { ReplicaServer } from './server';

export type BrowserName = 'chromium' | 'firefox';
export const GECKO_ID = 'holdfast@holdfast.invalid';
const FIREFOX_UUID = '6f1c3c1e-6a51-4d1b-9a7e-2d2a8c0b7e11';

export interface Harness {
  name: BrowserName;
  browser: Browser;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionBase: string;
  /** Folder the browser saves downloads into. */
  downloadDir: string;
  /** Requests the extension's own contexts made (Chromium: CDP on the service worker and extension pages). */
  extensionRequests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export function extensionDir(name: BrowserName, variant: 'test-grant' | 'test-nogrant' = 'test-grant'): string {
  return resolve(import.meta.dirname, '..', '..', '.output', variant, name === 'chromium' ? 'chrome-mv3' : 'firefox-mv2');
}

const VIEWPORT = { width: 1280, height: 900, deviceScaleFactor: 1 };

async function watchExtensionNetwork(session: CDPSession, sink: string[]): Promise<void> {
  session.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
    if (/^(https?|wss?):/.test(e.request.url)) sink.push(e.request.url);
  });
  await session.send('Network.enable').catch(() => undefined);
}

/** Where browser downloads (export bundles) land: one folder per launch. */
export function newDownloadDir(): string {
  return mkdtempSync(join(tmpdir(), 'holdfast-downloads-'));
}

/**
 * Launch options. `profileDir`: use (and keep) this browser profile instead of a fresh one that is deleted at close —
 * to relaunch the same profile (test/e2e/install.e2e.test.ts: the vault survives a browser restart).
 * `firefoxInstall`: 'temporary' (default) loads the add-on as about:debugging does, gone at the next start;
 * 'profile' expects it already in the profile's extensions/ folder (installXpiIntoProfile), installed for good as
 * on Firefox ESR/Developer Edition/Nightly with xpinstall.signatures.required=false.
 */
export interface LaunchOptions {
  profileDir?: string;
  firefoxInstall?: 'temporary' | 'profile';
}

export async function launchChromium(server: ReplicaServer, extDir: string, downloadDir = newDownloadDir(), opts: LaunchOptions = {}): Promise<Harness> {
  const userDataDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'holdfast-chromium-'));
  // Every host name resolves to the replica server, so any request to anywhere is seen and logged there;
  // hosts that are not replicas get a 404 and show up in `server.requests` as unknown.
  const rules = `MAP * 127.0.0.1:${server.port}`;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    enableExtensions: [extDir],
    userDataDir,
    defaultViewport: VIEWPORT,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,SigninInterceptBubble',
      '--disable-client-side-phishing-detection',
      '--disable-default-apps',
      `--host-resolver-rules=${rules}`,
      `--ignore-certificate-errors-spki-list=${server.spki}`,
      `--window-size=${VIEWPORT.width},${VIEWPORT.height + 100}`,
    ],
  });
  const sw = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
  const extensionBase = /^chrome-extension:\/\/[^/]+\//.exec(sw.url())?.[0] ?? "";
  const extensionRequests: string[] = [];
  // Extension pages are watched over CDP. The service worker is not attached to: attaching keeps Chromium from
  // restarting it after it stops (puppeteer#9995); its requests would reach the replica server, which logs all.
  const watchTarget = async (target: typeof sw) => {
    if (!target.url().startsWith(extensionBase) || target.type() === 'service_worker') return;
    try {
      await watchExtensionNetwork(await target.createCDPSession(), extensionRequests);
    } catch {
      /* target went away */
    }
  };
  browser.on('targetcreated', (t) => void watchTarget(t));
  await (await browser.target().createCDPSession()).send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir });
  return {
    name: 'chromium',
    browser,
    extensionBase,
    extensionRequests,
    downloadDir,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => undefined);
      if (!opts.profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox(server: ReplicaServer, extDir: string, downloadDir = newDownloadDir(), opts: LaunchOptions = {}): Promise<Harness> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    ...(opts.profileDir ? { userDataDir: opts.profileDir } : {}),
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: VIEWPORT,
    args: ['--remote-allow-system-access', `--width=${VIEWPORT.width}`, `--height=${VIEWPORT.height}`],
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'app.normandy.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'browser.safebrowsing.downloads.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'datareporting.healthreport.uploadEnabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'extensions.update.enabled': false,
      'browser.region.network.url': '',
      'browser.search.update': false,
      'services.settings.server': 'https://127.0.0.1:9/',
      'browser.newtabpage.activity-stream.feeds.system.topstories': false,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'privacy.resistFingerprinting': false,
      'layout.css.devPixelsPerPx': '1.0',
      // Headless Firefox closes a system notification the moment it is shown (notifications.onClosed, byUser): its
      // own alert window keeps an extension's notification listed by notifications.getAll (reports.e2e reminders).
      'alerts.useSystemBackend': false,
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/zip,application/octet-stream',
    },
  });
  if (opts.firefoxInstall !== 'profile') await browser.installExtension(extDir);
  return {
    name: 'firefox',
    browser,
    extensionBase: `moz-extension://${FIREFOX_UUID}/`,
    extensionRequests: [],
    downloadDir,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

export function launch(name: BrowserName, server: ReplicaServer, variant: 'test-grant' | 'test-nogrant' = 'test-grant', opts: LaunchOptions = {}): Promise<Harness> {
  const dir = extensionDir(name, variant);
  return name === 'chromium' ? launchChromium(server, dir, undefined, opts) : launchFirefox(server, dir, undefined, opts);
}

/**
 * Puts the built Firefox add-on into a profile's extensions/ folder as `<gecko id>.xpi`: at its next start Firefox
 * installs it for good (profile scope; extensions.autoDisableScopes=0 and xpinstall.signatures.required=false, both
 * set by launchFirefox, are honoured by Firefox ESR, Developer Edition and Nightly).
 */
export async function installXpiIntoProfile(profileDir: string, variant: 'test-grant' | 'test-nogrant' = 'test-grant'): Promise<void> {
  const { BlobWriter, Uint8ArrayReader, ZipWriter } = await import('@zip.js/zip.js');
  const root = extensionDir('firefox', variant);
  const zip = new ZipWriter(new BlobWriter('application/x-xpinstall'));
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, `${prefix}${entry.name}/`);
      else await zip.add(`${prefix}${entry.name}`, new Uint8ArrayReader(new Uint8Array(readFileSync(full))));
    }
  };
  await walk(root, '');
  const blob = await zip.close();
  mkdirSync(join(profileDir, 'extensions'), { recursive: true });
  writeFileSync(join(profileDir, 'extensions', `${GECKO_ID}.xpi`), new Uint8Array(await blob.arrayBuffer()));
}

/** Browsers to test: HOLDFAST_BROWSERS=chromium,firefox (default both). */
export function browsersUnderTest(): BrowserName[] {
  const list = (process.env.HOLDFAST_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()) as BrowserName[];
  return list.filter((b) => b === 'chromium' || b === 'firefox');
}
