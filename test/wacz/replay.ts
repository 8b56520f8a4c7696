/**
 * ReplayWeb.page, served locally, for the tests: opens a .wacz in headless Debian Chromium and returns the text the
 * replayed page shows.
 *
 * - `serveReplay` starts a loopback HTTP server on http://localhost:<port> (a secure context, so the service worker
 *   may register) serving the `replaywebpage` package's own ui.js and sw.js under /replay/, an embedding page at /
 *   (`<replay-web-page source=… url=… replaybase="/replay/" embed="replayonly">`, the package's documented embed) and
 *   the WACZ at /archive.wacz with range requests (wabac.js reads a WACZ in ranges). Every request is logged.
 * - `replayText` launches Chromium (puppeteer-core, /usr/bin/chromium as test/e2e/browsers.ts does) with
 *   `--proxy-server` pointing at a local guard that refuses and logs every request: loopback is not proxied, so
 *   anything that tries to leave the machine (a CDN, the replayweb.page helper proxy, Chromium's own services) lands
 *   there and makes `replayText` throw. It waits for the replay iframe (wabac.js's `mp_/<url>` frame, inside the
 *   element's shadow root and the app's iframe) and returns its `document.body.innerText`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Frame, type Target } from 'puppeteer-core';

/** The installed replaywebpage package (its exports map hides package.json; ui.js and sw.js sit at its root). */
const RWP_DIR = resolve(import.meta.dirname, '..', '..', 'node_modules', 'replaywebpage');

export interface ReplayServer {
  origin: string;
  /** Every request the server answered: "METHOD path [range] → status". */
  requests: string[];
  close(): Promise<void>;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function embedPage(url: string, ts?: string, extraHead = ''): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Holdfast WACZ replay test</title>
<script src="/replay/ui.js"></script>
<style>html,body{margin:0;height:100%}replay-web-page{display:block;width:100%;height:100vh}</style>
${extraHead}
</head><body>
<replay-web-page source="/archive.wacz" url="${escapeAttr(url)}"${ts ? ` ts="${escapeAttr(ts)}"` : ''} replaybase="/replay/" embed="replayonly"></replay-web-page>
</body></html>`;
}

/** Serves ReplayWeb.page and one WACZ on http://localhost:<random port>. `url`/`ts`: what the embed opens. */
export async function serveReplay(waczPath: string, url: string, ts?: string, extraHead?: string): Promise<ReplayServer> {
  const requests: string[] = [];
  const files: Record<string, [string, string]> = {
    '/replay/ui.js': [join(RWP_DIR, 'ui.js'), 'text/javascript'],
    '/replay/sw.js': [join(RWP_DIR, 'sw.js'), 'text/javascript'],
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const log = (status: number) => requests.push(`${req.method} ${req.url}${req.headers.range ? ` [${req.headers.range}]` : ''} → ${status}`);
    if (path === '/' || path === '/index.html') {
      log(200);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(embedPage(url, ts, extraHead));
      return;
    }
    const file = files[path];
    if (file) {
      log(200);
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store', 'service-worker-allowed': '/replay/' });
      res.end(readFileSync(file[0]));
      return;
    }
    if (path === '/archive.wacz') {
      const size = statSync(waczPath).size;
      const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      const headers = { 'content-type': 'application/wacz', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
      if (m && (m[1] || m[2])) {
        const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
        const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
        if (start >= size || start > end) {
          log(416);
          res.writeHead(416, { 'content-range': `bytes */${size}` });
          res.end();
          return;
        }
        log(206);
        res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
        if (req.method === 'HEAD') res.end();
        else createReadStream(waczPath, { start, end }).pipe(res);
        return;
      }
      log(200);
      res.writeHead(200, { ...headers, 'content-length': size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(waczPath).pipe(res);
      return;
    }
    log(404);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A proxy that lets nothing through: it logs the first line of each request (CONNECT host:port, or GET http://…). */
async function startGuardProxy(): Promise<{ port: number; attempts: string[]; close(): Promise<void> }> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      attempts.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ReplayResult {
  /** document.body.innerText of the replayed page. */
  text: string;
  /** The replay frame's URL (wabac.js's …/mp_/<url>). */
  frameUrl: string;
  /** What the local server answered (ui.js, sw.js, the WACZ's ranges, …). */
  served: string[];
  /** Requests that tried to leave loopback (always empty: replayText throws otherwise). */
  outside: string[];
  /** Chromium's own service requests the guard refused (Google time, update and account hosts), not the page's. */
  browserOwn: string[];
  /** Every URL the page, its frames (the replay included: answered by the service worker) and workers asked for. */
  pageRequests: string[];
  /** Messages of alert/confirm/prompt dialogs any frame opened (dismissed). */
  dialogs: string[];
  /** What `opts.probe` returned in the replay frame, after the text appeared. */
  probe?: unknown;
  /** Reloads of the embedding page it took (ReplayWeb.page's start-up race, see replayText); usually 0. */
  reloads: number;
  ms: number;
}

export interface ReplayOptions {
  ts?: string;
  /** Text the replayed page must show before it counts as loaded (default: any non-empty text). */
  waitForText?: string;
  timeoutMs?: number;
  /** Markup added to the embedding page's head (the harness's own test: a remote stylesheet must be caught). */
  extraHead?: string;
  /** Run in the replay frame once its text is there (e.g. read a canary a hostile script would set). */
  probe?: () => unknown;
  /** How long to wait after the text appears before probing, for late scripts and timers (default 0). */
  settleMs?: number;
}

/** First request lines of Chromium's own services (as the e2e no-egress tests tell them apart). */
const BROWSER_OWN = /^(CONNECT |[A-Z]+ https?:\/\/)([a-z0-9-]+\.)*(google\.com|googleapis\.com|gstatic\.com)(:\d+)?[/ ]/;

/** With no replay frame this long after the page loaded, replayText reloads it (at most twice). */
const RELOAD_AFTER_MS = 15_000;

function isReplayFrame(frame: Frame, url: string): boolean {
  const u = frame.url();
  const i = u.indexOf('mp_/');
  return i > 0 && u.slice(i + 4) === url;
}

/**
 * Opens `waczPath` in ReplayWeb.page in headless Chromium at `url` and returns the text the replay shows. Throws when
 * the page does not appear within the timeout, or when any request tried to leave loopback.
 */
export async function replayText(waczPath: string, url: string, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const started = Date.now();
  const timeout = opts.timeoutMs ?? 60_000;
  const server = await serveReplay(waczPath, url, opts.ts, opts.extraHead);
  const guard = await startGuardProxy();
  const userDataDir = mkdtempSync(join(tmpdir(), 'holdfast-replay-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir,
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
      `--proxy-server=http://127.0.0.1:${guard.port}`,
    ],
  });
  // Requests from the page, its frames and its service worker / workers, seen over CDP: none may leave loopback.
  const fromPage: string[] = [];
  const watch = async (target: Target): Promise<void> => {
    if (!['service_worker', 'shared_worker', 'worker'].includes(target.type())) return;
    try {
      const session = await target.createCDPSession();
      session.on('Network.requestWillBeSent', (e: { request: { url: string } }) => void fromPage.push(e.request.url));
      await session.send('Network.enable');
    } catch {
      /* target went away */
    }
  };
  browser.on('targetcreated', (t: Target) => void watch(t));
  try {
    const page = await browser.newPage();
    page.on('request', (r) => void fromPage.push(r.url()));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss().catch(() => undefined);
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    let text = '';
    let frameUrl = '';
    const deadline = started + timeout;
    // ReplayWeb.page's start-up race: its app iframe can load /replay/ before the new service worker controls it
    // (a 404 from this server), and then sometimes never asks for the WACZ. Seen once in a whole-unit-suite run on
    // the loaded machine (the not-held-URL replay), never in 12 replays alone. A reload, as a person would do, starts it with the worker in control; counted in `reloads`.
    let reloads = 0;
    let nextReload = Date.now() + RELOAD_AFTER_MS;
    while (Date.now() < deadline) {
      const frame = page.frames().find((f) => isReplayFrame(f, url));
      if (!frame && Date.now() > nextReload && reloads < 2) {
        reloads++;
        await page.reload({ waitUntil: 'load' }).catch(() => undefined);
        nextReload = Date.now() + RELOAD_AFTER_MS;
        continue;
      }
      if (frame) {
        text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        frameUrl = frame.url();
        if (opts.waitForText ? text.includes(opts.waitForText) : text.trim()) break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    let probe: unknown;
    const frame = page.frames().find((f) => isReplayFrame(f, url));
    if (frame && opts.settleMs) await new Promise((r) => setTimeout(r, opts.settleMs));
    if (frame && opts.probe) probe = await frame.evaluate(opts.probe);
    const loopback = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;
    const pageOutside = fromPage.filter((u) => /^(https?|wss?):/.test(u) && !loopback.test(u));
    // The guard also sees Chromium's own services (time, updates, accounts), which no page asked for: those are
    // reported apart; any other host, or any of those hosts asked for by the page, fails.
    const browserOwn = guard.attempts.filter((a) => BROWSER_OWN.test(a));
    const outside = [...pageOutside, ...guard.attempts.filter((a) => !BROWSER_OWN.test(a))];
    if (!frameUrl) {
      const frames = page.frames().map((f) => f.url());
      throw new Error(`no replay of ${url} within ${timeout} ms; frames: ${frames.join(', ')}; served: ${server.requests.join(', ')}; outside: ${outside.join(', ')}`);
    }
    if (outside.length) throw new Error(`requests tried to leave loopback: ${outside.join(' | ')}`);
    return { text, frameUrl, served: [...server.requests], outside, browserOwn, pageRequests: [...fromPage], dialogs, probe, reloads, ms: Date.now() - started };
  } finally {
    await browser.close().catch(() => undefined);
    await guard.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
