/**
 * Trusted time in a real browser (issue #15, RFC 3161, opt-in). A local time-stamping authority made with `openssl ts`
 * answers under a made-up host name (tsa.holdfast.test) on the replica server. The person turns trusted time on in the
 * options and captures an item: the token the built extension obtained passes `openssl ts -verify` and the verifier's
 * own check. With the authority down, the capture still succeeds, the vault page says so, and the token arrives once
 * it is back. Only POSTs of a request for a 32-byte hash ever reach the authority.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesFromPem, checkTimeStampToken, imprintOfHead, requestImprint } from '../../src/model/timestamp-token';
import { type LocalTsa, makeLocalTsa } from '../tsa/local-tsa';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { ExtensionPage, SitePage, VaultPage } from './pages';
import { type ReplicaServer, startReplicaServer, TSA_HOST } from './server';
import { truthFiles } from './truth';

const TSA_URL = `https://${TSA_HOST}/tsr`;

interface Token {
  seq: number;
  hash: string;
  token: number[];
  tsaName: string;
  genTime: string;
}

for (const browserName of browsersUnderTest()) {
  describe(`trusted time — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let tsa: LocalTsa;
    let ext: ExtensionPage;
    let up = true;
    const truth = truthFiles().find((t) => t.items.length > 0)!;

    beforeAll(async () => {
      tsa = makeLocalTsa();
      server = await startReplicaServer();
      server.handle(TSA_HOST, (req, res, body) => {
        if (!up) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        if (req.method !== 'POST') return void res.writeHead(405).end();
        try {
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(tsa.reply(new Uint8Array(body))));
        } catch {
          res.writeHead(400).end();
        }
      });
      harness = await launch(browserName, server, 'test-grant');
      ext = await ExtensionPage.open(harness, 'options.html', '[data-testid="tsa-turn-on"]');
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
      await server?.close();
      tsa?.cleanup();
    });

    /** The tokens as stored in the vault's IndexedDB (meta 'tsa:<seq>'), read directly. */
    const tokens = async (): Promise<Token[]> =>
      JSON.parse(
        await ext.page.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open('holdfast-vault');
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          const rows = await new Promise<Array<{ seq: number; hash: string; token: Uint8Array; tsaName: string; genTime: string }>>((resolve, reject) => {
            const req = db.transaction('meta').objectStore('meta').getAll(IDBKeyRange.bound('tsa:', 'tsa:\uffff'));
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          db.close();
          return JSON.stringify(rows.map((r) => ({ ...r, token: Array.from(r.token) })));
        }),
      ) as Token[];

    const waitFor = async <T,>(what: string, check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> => {
      const end = Date.now() + ms;
      for (;;) {
        const v = await check();
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    };

    const capture = async (index: number) => {
      const item = truth.items[index % truth.items.length]!;
      const site = await SitePage.open(harness, truth.url);
      try {
        await site.waitForControls(item.kind, item.index + 1);
        const outcome = await site.capture(item.kind, item.index);
        expect(outcome.code, `capture ${item.kind}#${item.index}`).toMatch(/^ok/);
      } finally {
        await site.page.close().catch(() => undefined);
      }
    };

    /** As if the once-a-minute limit had passed, then the trusted-time alarm coming due (test build hook). */
    const minuteLaterAlarm = async (): Promise<string> => {
      const answer = await ext.page.evaluate(async () => {
        type Api = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!;
        const status = ((await api.storage.local.get('trustedTimeStatus')).trustedTimeStatus ?? {}) as Record<string, unknown>;
        await api.storage.local.set({ trustedTimeStatus: { ...status, lastRequestAt: Date.now() - 61_000 } });
        return JSON.stringify(await api.runtime.sendMessage({ type: 'test:trusted-time-alarm' }));
      });
      return (JSON.parse(answer) as { outcome: string }).outcome;
    };

    const tsaRequests = () => server.requests.filter((r) => r.host === TSA_HOST);

    it('turned on in the options, a capture gets a token that passes openssl ts -verify and the verifier', async () => {
      await ext.click('tsa-choice-other');
      await ext.fill('tsa-url', TSA_URL);
      await ext.click('tsa-turn-on');
      expect(await ext.text('tsa-on')).toContain(TSA_HOST);
      expect(tsaRequests()).toEqual([]);
      await capture(0);
      const [t] = await waitFor('a token in the vault', async () => {
        const got = await tokens();
        return got.length > 0 && got;
      });
      expect(t!.seq).toBe(1);
      const reply = Uint8Array.from(t!.token);
      expect(tsa.opensslVerify(reply, t!.hash).ok).toBe(true);
      const checked = await checkTimeStampToken(reply, { sha256: imprintOfHead(t!.hash), trusted: certificatesFromPem(tsa.caPem) });
      expect(checked.ok && checked.time.tsaName).toBe('Holdfast Test TSA');
      expect(tsaRequests()).toHaveLength(1);
      // The vault page says it on the record.
      const vault = await VaultPage.open(harness);
      try {
        const rec = await vault.newest();
        await vault.page.evaluate((id) => {
          location.hash = `#/record/${encodeURIComponent(id)}`;
        }, rec.id);
        const note = await vault.page.waitForSelector('[data-testid="trusted-time-confirmed"]', { timeout: 10_000 });
        expect(await note!.evaluate((e) => e.textContent)).toMatch(/^Time confirmed by Holdfast Test TSA at /);
      } finally {
        await vault.page.close().catch(() => undefined);
      }
    }, 30_000);

    it('authority down: the capture succeeds, the vault page says so, the token arrives once it is back', async () => {
      up = false;
      await capture(1);
      // The capture within the minute waits for the alarm; a minute later the authority is down.
      await waitFor('the capture to be waiting for trusted time', async () => {
        const s = await ext.storage();
        return (s.local.trustedTimeStatus as { waitingSeq?: number } | undefined)?.waitingSeq === 2;
      });
      expect(await minuteLaterAlarm()).toBe('failed');
      expect(await tokens()).toHaveLength(1);
      const view = await ExtensionPage.open(harness, 'vault.html#/records', '[data-testid="trusted-time-problem"]');
      try {
        expect(await view.text('trusted-time-problem')).toMatch(/could not be reached or gave no valid answer \(the authority answered HTTP 503\)\. Your captures are saved/);
        up = true;
        expect(await minuteLaterAlarm()).toBe('stamped');
        const got = await tokens();
        expect(got.map((t) => t.seq)).toEqual([1, 2]);
        expect(tsa.opensslVerify(Uint8Array.from(got[1]!.token), got[1]!.hash).ok).toBe(true);
        await view.page.waitForFunction(() => !document.querySelector('[data-testid="trusted-time-problem"]'), { timeout: 10_000, polling: 100 });
      } finally {
        await view.page.close().catch(() => undefined);
      }
    }, 30_000);

    it('only POSTs of a request for a 32-byte hash reached the authority, and nothing else left the extension', async () => {
      const sent = tsaRequests();
      expect(sent.length).toBeGreaterThanOrEqual(2);
      for (const r of sent) {
        expect(r).toMatchObject({ method: 'POST', path: '/tsr', contentType: 'application/timestamp-query' });
        expect(r.body?.byteLength).toBeLessThan(120);
        expect(requestImprint(new Uint8Array(r.body!))?.byteLength).toBe(32);
      }
      const hashes = (await tokens()).map((t) => t.hash);
      for (const h of hashes) expect(sent.some((r) => Buffer.from(requestImprint(new Uint8Array(r.body!))!).toString('hex') === h)).toBe(true);
      expect(harness.extensionRequests).toEqual([]);
      const fromExtension = server.requests.filter((r) => r.host !== TSA_HOST && (/^(chrome|moz)-extension:/.test(r.origin ?? '') || /^(chrome|moz)-extension:/.test(r.referer ?? '')));
      expect(fromExtension).toEqual([]);
    });
  });
}
