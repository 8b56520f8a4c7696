/**
 * Trusted time on the vault page (issue #15, RFC 3161, opt-in): on a record, "Time confirmed by <authority> at <time>"
 * when a stored token covers it (the first token whose head seq is ≥ the record's: a head covers every record up to it);
 * on the records page, in plain words, when the authority could not be reached (the captures are saved all the same and
 * the background asks again) or a confirmation is still to come.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import {
  normalizeTrustedTime,
  normalizeTrustedTimeStatus,
  readTrustedTime,
  readTrustedTimeStatus,
  TRUSTED_TIME_KEY,
  TRUSTED_TIME_STATUS_KEY,
  type TrustedTimeSetting,
  type TrustedTimeStatus,
} from '../../lock/trusted-time';
import type { StoredTimestamp } from '../../model/timestamp-token';
import { tsaDisplayName } from '../../model/tsa-authorities';
import type { Vault } from '../../vault/api';
import { localTime } from './records';

/** The token covering record `seq`: the earliest one whose head is at or after it. */
export function coveringTimestamp(stamps: readonly StoredTimestamp[], seq: number): StoredTimestamp | undefined {
  let best: StoredTimestamp | undefined;
  for (const s of stamps) if (s.seq >= seq && (!best || s.seq < best.seq)) best = s;
  return best;
}

export function TrustedTimeNote({ vault, seq }: { vault: Vault; seq: number }) {
  const [stamp, setStamp] = useState<StoredTimestamp | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // A vault without trusted time (an older test double) shows nothing.
    const ask = typeof vault.timestamps === 'function' ? vault.timestamps() : Promise.resolve([]);
    ask.then(
      (all) => live && setStamp(coveringTimestamp(all, seq)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [vault, seq]);
  if (!stamp) return null;
  return (
    <p class="status ok" data-testid="trusted-time-confirmed" data-gen-time={stamp.genTime} data-head-seq={stamp.seq}>
      {t('tsaConfirmed', stamp.tsaName, localTime(stamp.genTime))}
    </p>
  );
}

/** The records page's line about trusted time: nothing while it is off or all is confirmed. */
export function TrustedTimeStatusLine() {
  const [setting, setSetting] = useState<TrustedTimeSetting | null>(null);
  const [status, setStatus] = useState<TrustedTimeStatus>({});
  useEffect(() => {
    void readTrustedTime().then(setSetting);
    void readTrustedTimeStatus().then(setStatus);
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      if (TRUSTED_TIME_KEY in changes) setSetting(normalizeTrustedTime(changes[TRUSTED_TIME_KEY]?.newValue));
      if (TRUSTED_TIME_STATUS_KEY in changes) setStatus(normalizeTrustedTimeStatus(changes[TRUSTED_TIME_STATUS_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  if (!setting?.enabled) return null;
  const name = tsaDisplayName(status.url || setting.url);
  if (status.problem)
    return (
      <p class="status bad" role="status" data-testid="trusted-time-problem">
        {t('tsaFailing', name, status.problem)}
      </p>
    );
  if (status.waitingSeq !== undefined)
    return (
      <p class="muted" role="status" data-testid="trusted-time-waiting">
        {t('tsaWaiting', name)}
      </p>
    );
  return null;
}
