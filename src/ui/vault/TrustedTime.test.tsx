// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type LocalTsa, makeLocalTsa } from '../../../test/tsa/local-tsa';
import { speak } from '../../i18n/test-support';
import { TRUSTED_TIME_KEY, writeTrustedTimeStatus } from '../../lock/trusted-time';
import { buildTimeStampRequest, imprintOfHead, type StoredTimestamp } from '../../model/timestamp-token';
import { freshDbName, sampleRecord } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { coveringTimestamp, TrustedTimeNote, TrustedTimeStatusLine } from './TrustedTime';

let tsa: LocalTsa;
beforeAll(() => {
  tsa = makeLocalTsa();
}, 30_000);
afterAll(() => tsa?.cleanup());

let root: HTMLElement;
let restore: () => void;
beforeEach(() => {
  fakeBrowser.reset();
  restore = speak('en');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  restore();
});

async function waitFor<T>(check: () => T | undefined | null | false): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = check();
    if (v) return v;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  throw new Error('waitFor timed out');
}
const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('trusted time on the vault page', () => {
  it('a head covers every record up to it: the earliest such token is the one shown', () => {
    const s = (seq: number) => ({ seq }) as StoredTimestamp;
    const stamps = [s(2), s(5), s(9)];
    expect(coveringTimestamp(stamps, 1)?.seq).toBe(2);
    expect(coveringTimestamp(stamps, 2)?.seq).toBe(2);
    expect(coveringTimestamp(stamps, 3)?.seq).toBe(5);
    expect(coveringTimestamp(stamps, 9)?.seq).toBe(9);
    expect(coveringTimestamp(stamps, 10)).toBeUndefined();
    expect(coveringTimestamp([], 1)).toBeUndefined();
  });

  it('a record says "Time confirmed by <authority> at <time>" once a token covers it, nothing before', async () => {
    const vault: VaultImpl = await openVault(freshDbName(), { kdfTargetMs: 0 });
    try {
      await vault.addRecord(sampleRecord({ text: 'one' }), []);
      await vault.addRecord(sampleRecord({ text: 'two' }), []);
      render(<TrustedTimeNote vault={vault} seq={2} />, root);
      await act(async () => {
        await new Promise((r) => setTimeout(r, 50));
      });
      expect(q('trusted-time-confirmed')).toBeNull();
      const head = (await vault.timestampTarget())!;
      const req = buildTimeStampRequest(imprintOfHead(head.hash));
      const kept = await vault.addTimestamp(head, tsa.reply(req.der), { url: 'http://tsa.test/' });
      render(null, root);
      render(<TrustedTimeNote vault={vault} seq={1} />, root);
      const note = await waitFor(() => q('trusted-time-confirmed'));
      expect(note.textContent).toMatch(/^Time confirmed by Holdfast Test TSA at /);
      expect(note.dataset.genTime).toBe(kept.genTime);
      expect(note.dataset.headSeq).toBe('2');
    } finally {
      vault.close();
    }
  });

  it('tells the person plainly when the authority could not be reached, and says nothing while trusted time is off', async () => {
    await writeTrustedTimeStatus({ problem: 'the authority answered HTTP 503', problemAt: '2026-12-07T12:00:00.000Z', url: 'https://freetsa.org/tsr', waitingSeq: 3 });
    render(<TrustedTimeStatusLine />, root);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(root.textContent).toBe('');
    await act(async () => {
      await fakeBrowser.storage.local.set({ [TRUSTED_TIME_KEY]: { enabled: true, url: 'https://freetsa.org/tsr' } });
    });
    const line = await waitFor(() => q('trusted-time-problem'));
    expect(line.textContent).toBe(
      'Trusted time: FreeTSA could not be reached or gave no valid answer (the authority answered HTTP 503). Your captures are saved in the vault all the same; Holdfast will ask again in about a minute.',
    );
    await act(async () => {
      await writeTrustedTimeStatus({ url: 'https://freetsa.org/tsr', waitingSeq: 4 });
    });
    expect((await waitFor(() => q('trusted-time-waiting'))).textContent).toBe('Trusted time: waiting for FreeTSA to confirm the latest captures.');
    await act(async () => {
      await writeTrustedTimeStatus({ url: 'https://freetsa.org/tsr', lastOkAt: '2026-12-07T12:02:00.000Z' });
    });
    await waitFor(() => !q('trusted-time-waiting'));
    expect(root.textContent).toBe('');
  });
});
