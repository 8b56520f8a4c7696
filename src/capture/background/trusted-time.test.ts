import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalTsa, makeLocalTsa } from '../../../test/tsa/local-tsa';
import type { TrustedTimeStatus } from '../../lock/trusted-time';
import { buildTimeStampRequest, imprintOfHead, requestImprint } from '../../model/timestamp-token';
import { freshDbName, sampleRecord } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { MIN_INTERVAL_MS, stampNow, type TrustedTimeDeps } from './trusted-time';
import { MAX_REPLY_BYTES, postTimeStampQuery } from './tsa-post';

/** A loopback TSA: `mode` decides what it answers; every request body is recorded. */
let tsa: LocalTsa;
let server: Server;
let base: string;
let mode: 'ok' | 'http500' | 'huge' | 'garbage' = 'ok';
const seen: Array<{ method: string; type: string; body: Buffer; cookie?: string; referer?: string }> = [];
beforeAll(async () => {
  tsa = makeLocalTsa();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', body, cookie: req.headers.cookie, referer: req.headers.referer });
      if (mode === 'http500') return void res.writeHead(500).end('down');
      if (mode === 'huge') return void res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.alloc(MAX_REPLY_BYTES + 10));
      if (mode === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(tsa.reply(new Uint8Array(body))));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;
}, 30_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  tsa?.cleanup();
});
beforeEach(() => {
  mode = 'ok';
  seen.length = 0;
});

const HEAD = 'a3f1c2d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

describe('tsa-post: the one network request', () => {
  it('POSTs application/timestamp-query, no cookie or referrer, and returns the reply', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    const reply = await postTimeStampQuery(base, req.der);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', type: 'application/timestamp-query', cookie: undefined, referer: undefined });
    expect(Buffer.from(requestImprint(new Uint8Array(seen[0]!.body))!).toString('hex')).toBe(HEAD);
    expect(seen[0]!.body.byteLength).toBe(req.der.byteLength);
    expect(tsa.opensslVerify(reply, HEAD).ok).toBe(true);
  });

  it('sends nothing when the body is not a request for a hash or the address is not http(s)', async () => {
    await expect(postTimeStampQuery(base, new TextEncoder().encode('the text of a captured post, not a hash!!!!!!!!!'))).rejects.toThrow(/refused to send/);
    await expect(postTimeStampQuery('file:///etc/passwd', buildTimeStampRequest(imprintOfHead(HEAD)).der)).rejects.toThrow(/not an http/);
    expect(seen).toEqual([]);
  });

  it('names an HTTP error, an oversized answer and an authority that cannot be reached', async () => {
    const der = buildTimeStampRequest(imprintOfHead(HEAD)).der;
    mode = 'http500';
    await expect(postTimeStampQuery(base, der)).rejects.toThrow('the authority answered HTTP 500');
    mode = 'huge';
    await expect(postTimeStampQuery(base, der)).rejects.toThrow(/larger than 64 KiB/);
    await expect(postTimeStampQuery('http://127.0.0.1:1/tsr', der)).rejects.toThrow(/could not connect/);
  });
});

describe('trusted time in the background: once a minute, never in the way of a capture', () => {
  let vault: VaultImpl;
  let status: TrustedTimeStatus;
  let clock: number;
  let alarms: number[];
  let enabled: boolean;
  const deps = (): TrustedTimeDeps => ({
    setting: async () => ({ enabled, url: base }),
    vault: async () => vault,
    post: postTimeStampQuery,
    readStatus: async () => ({ ...status }),
    writeStatus: async (s) => {
      status = JSON.parse(JSON.stringify(s));
    },
    schedule: async (at) => {
      alarms.push(at);
    },
    now: () => clock,
  });
  beforeEach(async () => {
    vault = await openVault(freshDbName(), { kdfTargetMs: 0 });
    status = {};
    clock = Date.parse('2026-12-07T12:00:00Z');
    alarms = [];
    enabled = true;
    return () => vault.close();
  });

  it('off: sends nothing at all', async () => {
    enabled = false;
    await vault.addRecord(sampleRecord(), []);
    expect(await stampNow(deps())).toBe('off');
    expect(seen).toEqual([]);
    expect(alarms).toEqual([]);
  });

  it('stamps the head after a capture; captures within the minute wait for the alarm and are covered by one request', async () => {
    await vault.addRecord(sampleRecord({ text: 'one' }), []);
    expect(await stampNow(deps())).toBe('stamped');
    expect(seen).toHaveLength(1);
    expect((await vault.timestamps()).map((t) => t.seq)).toEqual([1]);
    expect(status).toMatchObject({ lastRequestAt: clock, url: base });
    expect(status.problem).toBeUndefined();
    // Nothing new: nothing sent.
    clock += 5_000;
    expect(await stampNow(deps())).toBe('covered');
    // Three captures 10 s later: no request now, one alarm at the end of the minute.
    await vault.addRecord(sampleRecord({ text: 'two' }), []);
    await vault.addRecord(sampleRecord({ text: 'three' }), []);
    await vault.addRecord(sampleRecord({ text: 'four' }), []);
    clock += 5_000;
    for (let i = 0; i < 3; i++) expect(await stampNow(deps())).toBe('later');
    expect(seen).toHaveLength(1);
    expect(alarms.at(-1)).toBe(Date.parse('2026-12-07T12:01:00Z'));
    expect(status.waitingSeq).toBe(4);
    clock = alarms.at(-1)!;
    expect(await stampNow(deps())).toBe('stamped');
    expect(seen).toHaveLength(2);
    expect((await vault.timestamps()).map((t) => t.seq)).toEqual([1, 4]);
    expect(status.waitingSeq).toBeUndefined();
  });

  it('a burst of passes at once makes one request', async () => {
    await vault.addRecord(sampleRecord(), []);
    const outcomes = await Promise.all([stampNow(deps()), stampNow(deps()), stampNow(deps())]);
    expect(outcomes).toEqual(['stamped', 'stamped', 'stamped']);
    expect(seen).toHaveLength(1);
  });

  it('authority down or answering nonsense: the problem is kept in plain words, retried a minute later, then cleared', async () => {
    await vault.addRecord(sampleRecord(), []);
    mode = 'http500';
    expect(await stampNow(deps())).toBe('failed');
    expect(status).toMatchObject({ problem: 'the authority answered HTTP 500', waitingSeq: 1 });
    expect(alarms).toEqual([clock + MIN_INTERVAL_MS]);
    clock += MIN_INTERVAL_MS;
    mode = 'garbage';
    expect(await stampNow(deps())).toBe('failed');
    expect(status.problem).toMatch(/The time-stamp was not kept: /);
    expect(await vault.timestamps()).toEqual([]);
    clock += MIN_INTERVAL_MS;
    mode = 'ok';
    expect(await stampNow(deps())).toBe('stamped');
    expect(status.problem).toBeUndefined();
    expect(status.lastOkAt).toBeDefined();
    expect((await vault.timestamps()).map((t) => t.seq)).toEqual([1]);
  });

  it('an empty vault has nothing to stamp', async () => {
    expect(await stampNow(deps())).toBe('nothing');
    expect(seen).toEqual([]);
  });
});
