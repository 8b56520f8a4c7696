/**
 * Trusted time in the background (issue #15, RFC 3161, opt-in). After a capture, and when its alarm comes due, it asks the
 * chosen authority to time-stamp the vault's current chain head — at most one request a minute: captures made within the
 * minute are covered together by the next head. A capture never waits for it and never fails because of it: when the
 * authority is down or answers something that does not hold, the problem is kept in plain words for the vault page and
 * the alarm tries again a minute later.
 */
import type { TrustedTimeSetting, TrustedTimeStatus } from '../../lock/trusted-time';
import { buildTimeStampRequest, imprintOfHead } from '../../model/timestamp-token';
import type { Vault } from '../../vault/api';

export const TRUSTED_TIME_ALARM = 'holdfast-trusted-time';
/** The once-a-minute limit, and the delay before trying again after a failure. */
export const MIN_INTERVAL_MS = 60_000;

export interface TrustedTimeDeps {
  setting(): Promise<TrustedTimeSetting>;
  vault(): Promise<Pick<Vault, 'timestampTarget' | 'addTimestamp' | 'timestamps'>>;
  /** Carries the request (tsa-post.ts). */
  post(url: string, query: Uint8Array): Promise<Uint8Array>;
  readStatus(): Promise<TrustedTimeStatus>;
  writeStatus(status: TrustedTimeStatus): Promise<void>;
  /** Runs `stampNow` again at this time (a one-shot alarm; replaces an earlier one). */
  schedule(at: number): Promise<void>;
  now(): number;
}

export type StampOutcome = 'off' | 'nothing' | 'covered' | 'later' | 'stamped' | 'failed';

let running: Promise<StampOutcome> | null = null;

/** One pass; concurrent calls share the pass in flight (a burst of captures makes one request). */
export function stampNow(deps: TrustedTimeDeps): Promise<StampOutcome> {
  running ??= pass(deps).finally(() => {
    running = null;
  });
  return running;
}

async function pass(deps: TrustedTimeDeps): Promise<StampOutcome> {
  const setting = await deps.setting();
  if (!setting.enabled || !setting.url) return 'off';
  const vault = await deps.vault();
  const target = await vault.timestampTarget();
  if (!target) return 'nothing';
  const latest = (await vault.timestamps()).at(-1);
  const status = await deps.readStatus();
  if (latest && latest.seq >= target.seq) {
    if (status.waitingSeq !== undefined || status.problem) await deps.writeStatus({ ...status, waitingSeq: undefined, problem: undefined, problemAt: undefined });
    return 'covered';
  }
  const now = deps.now();
  if (status.lastRequestAt !== undefined && now - status.lastRequestAt < MIN_INTERVAL_MS && status.lastRequestAt <= now) {
    await deps.writeStatus({ ...status, waitingSeq: target.seq });
    await deps.schedule(status.lastRequestAt + MIN_INTERVAL_MS);
    return 'later';
  }
  // Counted before the request goes out, so a worker restarted mid-request still keeps the limit.
  await deps.writeStatus({ ...status, lastRequestAt: now, waitingSeq: target.seq, url: setting.url });
  const req = buildTimeStampRequest(imprintOfHead(target.hash));
  try {
    const reply = await deps.post(setting.url, req.der);
    const kept = await vault.addTimestamp(target, reply, { url: setting.url, nonce: req.nonce });
    const moved = await vault.timestampTarget();
    const stillWaiting = moved && moved.seq > kept.seq ? moved.seq : undefined;
    await deps.writeStatus({ lastRequestAt: now, lastOkAt: kept.receivedAt, url: setting.url, ...(stillWaiting !== undefined ? { waitingSeq: stillWaiting } : {}) });
    // Captures made while the authority answered are stamped with the next head, a minute after this request.
    if (stillWaiting !== undefined) await deps.schedule(now + MIN_INTERVAL_MS);
    return 'stamped';
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    await deps.writeStatus({ ...status, lastRequestAt: now, problem, problemAt: new Date(now).toISOString(), url: setting.url, waitingSeq: target.seq });
    await deps.schedule(now + MIN_INTERVAL_MS);
    return 'failed';
  }
}
