/**
 * Rough figures for the case file in Node (fake-indexeddb, so slower than a browser's IndexedDB in places and faster
 * in others): run with HOLDFAST_VAULT_BENCH=1 (skipped otherwise; the browser bench is scripts/bench*.ts). Prints
 * timings; asserts only that the work was done.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshDbName, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

const TOOL = { version: '0.1.0', browser: 'bench', userAgent: 'node' };
const opened: VaultImpl[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

describe.runIf(process.env.HOLDFAST_VAULT_BENCH === '1')('case file bench (printed)', () => {
  it('addFile of 50 MB: streamed in 1 MB pieces, hashed, stored in 8 MB chunks', { timeout: 120_000 }, async () => {
    for (const encrypted of [false, true]) {
      const vault = await openVault(freshDbName(), { kdfTargetMs: 0 });
      opened.push(vault);
      if (encrypted) await vault.enableEncryption('a long enough passphrase');
      const size = 50 * 1024 * 1024;
      const piece = new Uint8Array(1024 * 1024).map((_v, i) => i % 256);
      const file = {
        name: 'video.mp4',
        type: 'video/mp4',
        size,
        stream: () => {
          let sent = 0;
          return new ReadableStream<Uint8Array>({
            pull(c) {
              if (sent >= size) return c.close();
              c.enqueue(piece.slice());
              sent += piece.byteLength;
            },
          });
        },
      };
      const t = performance.now();
      const r = await vault.addFile(file, TOOL);
      const ms = performance.now() - t;
      expect(r.artifacts[0]?.size).toBe(size);
      console.log(`addFile 50 MB (${encrypted ? 'encrypted' : 'plain'}): ${ms.toFixed(0)} ms`);
    }
  });

  it('summaries() of 10,000 records (+ journal entries), plain and encrypted', { timeout: 600_000 }, async () => {
    for (const encrypted of [false, true]) {
      const vault = await openVault(freshDbName(), { kdfTargetMs: 0 });
      opened.push(vault);
      if (encrypted) await vault.enableEncryption('a long enough passphrase');
      const t0 = performance.now();
      for (let i = 0; i < 10_000; i++) {
        await vault.addRecord(sampleRecord({ text: `message ${i} `.repeat(10), author: { handle: `acct_${i % 50}`, displayName: `A ${i % 50}` } }), i % 10 ? [] : [sampleArtifact(`img ${i}`)]);
      }
      const add = (performance.now() - t0) / 10_000;
      for (let i = 0; i < 500; i++) await vault.addJournalEntry({ when: { precision: 'unknown' }, kind: 'call', text: `call ${i}` }, TOOL);
      const t1 = performance.now();
      const s = await vault.summaries();
      const read = performance.now() - t1;
      const t3 = performance.now();
      await vault.summaries();
      const again = performance.now() - t3;
      const t2 = performance.now();
      const suggestions = await vault.suggestPeople();
      const suggest = performance.now() - t2;
      expect(s).toHaveLength(10_500);
      console.log(
        `${encrypted ? 'encrypted' : 'plain'}: addRecord ${add.toFixed(2)} ms each over 10,000; summaries() of 10,500: ${read.toFixed(0)} ms the first time, ${again.toFixed(0)} ms after (summary packs); suggestPeople(): ${suggest.toFixed(0)} ms (${suggestions.length})`,
      );
    }
  });
});
