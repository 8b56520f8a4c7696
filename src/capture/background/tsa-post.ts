/**
 * The ONE network request Holdfast can make (issue #15, trusted time, opt-in; architecture rule 3 names this file and no
 * other): POST an RFC 3161 TimeStampReq to the time-stamping authority the person chose, and read its reply.
 *
 * It refuses any body that is not exactly a request for a 32-byte SHA-256 hash (requestImprint), any address that is not
 * http(s), and it sends no cookies, no referrer, follows no redirect and reads at most 64 KiB back. The caller decides
 * whether trusted time is on; this module only carries the bytes.
 */
import { requestImprint } from '../../model/timestamp-token';
import { normalizeTsaUrl } from '../../model/tsa-authorities';

export const MAX_REPLY_BYTES = 64 * 1024;
export const POST_TIMEOUT_MS = 20_000;

export async function postTimeStampQuery(url: string, query: Uint8Array, timeoutMs = POST_TIMEOUT_MS): Promise<Uint8Array> {
  const to = normalizeTsaUrl(url);
  if (!to) throw new Error('the authority’s address is not an http(s) address');
  if (!requestImprint(query)) throw new Error('refused to send: the body is not a time-stamp request for a SHA-256 hash');
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(to, {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query' },
        body: query as Uint8Array<ArrayBuffer>,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        redirect: 'error',
        signal: ctrl.signal,
      });
    } catch (error) {
      throw new Error(ctrl.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `could not connect (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!res.ok) throw new Error(`the authority answered HTTP ${res.status}`);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('the authority sent an empty answer');
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_REPLY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new Error(`the authority's answer is larger than ${MAX_REPLY_BYTES / 1024} KiB`);
      }
      parts.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}
