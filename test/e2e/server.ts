/**
 * Serves the replica pages (test/replicas/<host>/) over HTTPS under the sites' real host names, with a
 * throwaway self-signed certificate, and logs every request. Firefox reaches it through a tiny HTTP CONNECT
 * proxy (it has no host-resolver flag); Chromium through --host-resolver-rules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { SUPPORTED_HOSTS } from '../../src/sites/registry';

export const REPLICA_ROOT = resolve(import.meta.dirname, '..', 'replicas');
/**
 * The host names served: every supported site's (src/sites/registry.ts), every folder of test/replicas/ (the sites'
 * and their media hosts'), and example.org (an unsupported site).
 */
export const REPLICA_HOSTS = [
  ...new Set([
    ...SUPPORTED_HOSTS,
    ...readdirSync(REPLICA_ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name.includes('.'))
      .map((e) => e.name),
    'example.org',
    // Issue #15: a made-up host for a local time-stamping authority; it answers only while a test registers a handler.
    'tsa.holdfast.test',
  ]),
];

/** Issue #15 (trusted-time.e2e): the local time-stamping authority's host name. */
export const TSA_HOST = 'tsa.holdfast.test';

/** A test's own answer for one host (a POST endpoint such as a TSA): called with the request body. */
export type DynamicHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
};

export interface LoggedRequest {
  host: string;
  path: string;
  status: number;
  /** False for host names that are not replica hosts (nothing should ever ask for them). */
  known: boolean;
  origin?: string;
  referer?: string;
  /** Set for requests to a host with a dynamic handler (issue #15): what was sent. */
  method?: string;
  contentType?: string;
  body?: Buffer;
}

export interface ReplicaServer {
  port: number;
  proxyPort: number;
  requests: LoggedRequest[];
  proxied: string[];
  /** SPKI SHA-256 (base64) of the throwaway certificate, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Answers every request to `host` with `handler` (undefined: back to static replicas). */
  handle(host: string, handler: DynamicHandler | undefined): void;
  close(): Promise<void>;
}

function makeCert(): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-cert-'));
  const san = REPLICA_HOSTS.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=holdfast-replicas',
    '-addext', `subjectAltName=${san}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const spki = execFileSync('sh', ['-c', `openssl x509 -in '${join(dir, 'cert.pem')}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`]).toString().trim();
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), spki };
}

interface Route {
  pattern: string;
  file: string;
}
const routeCache = new Map<string, Route[]>();
function routesFor(host: string): Route[] {
  if (!routeCache.has(host)) {
    const file = join(REPLICA_ROOT, host, 'routes.json');
    routeCache.set(host, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Route[]) : []);
  }
  return routeCache.get(host)!;
}

/** The file that answers host+path, or null. Never leaves the host's folder. */
export const E2E_FIXTURES = resolve(import.meta.dirname, 'fixtures');

/**
 * Structure replicas of real pages (test/real/<host>/<page>.html) are served at the URL their truth file names.
 * Several real pages share a URL (x.com/home saved on different days), so the test pins the one it opens next.
 */
export const REAL_ROOT = resolve(import.meta.dirname, '..', 'real');
const pinnedReal = new Map<string, string>();
export function pinRealPage(url: string, file: string): void {
  const u = new URL(url);
  pinnedReal.set(`${u.host}${u.pathname}${u.search}`, file);
}

export function resolveReplica(host: string, pathAndQuery: string): string | null {
  if (!REPLICA_HOSTS.includes(host)) return null;
  const real = pinnedReal.get(`${host}${pathAndQuery}`);
  if (real) return real;
  const pathname = pathAndQuery.split('?')[0] ?? '/';
  // Test-only pages (e.g. a "redesigned" site) under any replica host: /__holdfast/<file>.
  if (pathname.startsWith('/__holdfast/')) {
    const f = normalize(join(E2E_FIXTURES, pathname.slice('/__holdfast/'.length)));
    return f.startsWith(`${E2E_FIXTURES}/`) && existsSync(f) ? f : null;
  }
  const base = join(REPLICA_ROOT, host);
  for (const r of routesFor(host)) {
    if (new RegExp(r.pattern).test(pathAndQuery) || new RegExp(r.pattern).test(pathname)) return join(base, r.file);
  }
  const candidate = normalize(join(base, decodeURIComponent(pathname)));
  if (!candidate.startsWith(`${base}/`)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

export async function startReplicaServer(): Promise<ReplicaServer> {
  const { key, cert, spki } = makeCert();
  const requests: LoggedRequest[] = [];
  const proxied: string[] = [];
  const dynamic = new Map<string, DynamicHandler>();
  const https = createHttpsServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    const handler = dynamic.get(host);
    if (handler) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        requests.push({
          host,
          path,
          status: 200,
          known: true,
          method: req.method ?? '',
          contentType: String(req.headers['content-type'] ?? ''),
          body,
          ...(req.headers.origin ? { origin: String(req.headers.origin) } : {}),
          ...(req.headers.referer ? { referer: String(req.headers.referer) } : {}),
        });
        handler(req, res, body);
      });
      return;
    }
    const file = resolveReplica(host, path);
    const entry: LoggedRequest = {
      host,
      path,
      status: file ? 200 : 404,
      known: REPLICA_HOSTS.includes(host),
      ...(req.headers.origin ? { origin: String(req.headers.origin) } : {}),
      ...(req.headers.referer ? { referer: String(req.headers.referer) } : {}),
    };
    requests.push(entry);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not in the replica');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  const port = (https.address() as AddressInfo).port;

  const sockets = new Set<Socket>();
  const proxy: Server = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket, head) => {
    // A browser may reset a tunnel at any moment (a tab closed, a route to a host outside the replicas refused below):
    // an unhandled 'error' would end the test run.
    client.on('error', () => client.destroy());
    const target = req.url ?? '';
    proxied.push(target);
    const [host] = target.split(':');
    if (!host || !REPLICA_HOSTS.includes(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream).add(client);
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyPort = (proxy.address() as AddressInfo).port;

  return {
    port,
    proxyPort,
    requests,
    proxied,
    spki,
    handle(host, handler) {
      if (handler) dynamic.set(host, handler);
      else dynamic.delete(host);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => https.close(r)), new Promise((r) => proxy.close(r))]);
      https.closeAllConnections?.();
    },
  };
}
