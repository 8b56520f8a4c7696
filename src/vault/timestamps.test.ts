import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTsa, makeLocalTsa } from '../../test/tsa/local-tsa';
import { buildTimeStampRequest, imprintOfHead } from '../model/timestamp-token';
import { freshDbName, rawEdit, rawGet, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

let tsa: LocalTsa;
beforeAll(() => {
  tsa = makeLocalTsa();
}, 30_000);
afterAll(() => tsa?.cleanup());
const open: VaultImpl[] = [];
afterEach(() => {
  for (const v of open.splice(0)) v.close();
});

async function vaultWith(records: number): Promise<{ vault: VaultImpl; name: string }> {
  const name = freshDbName();
  const vault = await openVault(name, { kdfTargetMs: 0 });
  open.push(vault);
  for (let i = 0; i < records; i++) await vault.addRecord(sampleRecord({ text: `record ${i}` }), []);
  return { vault, name };
}

function stamp(hash: string) {
  const req = buildTimeStampRequest(imprintOfHead(hash));
  return { reply: tsa.reply(req.der), nonce: req.nonce };
}

describe('trusted-time tokens in the vault (issue #15)', () => {
  it('an empty vault has nothing to stamp; then the current head is the target', async () => {
    const { vault } = await vaultWith(0);
    expect(await vault.timestampTarget()).toBeUndefined();
    await vault.addRecord(sampleRecord(), []);
    const target = await vault.timestampTarget();
    expect(target?.seq).toBe(1);
    expect(target?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a checked token under the head it covers, in meta, readable in seq order; openssl verifies the stored bytes', async () => {
    const { vault, name } = await vaultWith(2);
    const h2 = (await vault.timestampTarget())!;
    const s2 = stamp(h2.hash);
    const kept = await vault.addTimestamp(h2, s2.reply, { url: 'http://tsa.test/', nonce: s2.nonce });
    expect(kept).toMatchObject({ seq: 2, hash: h2.hash, tsaName: 'Holdfast Test TSA', url: 'http://tsa.test/' });
    await vault.addRecord(sampleRecord({ text: 'third' }), []);
    const h3 = (await vault.timestampTarget())!;
    const s3 = stamp(h3.hash);
    await vault.addTimestamp(h3, s3.reply, { url: 'http://tsa.test/' });
    const all = await vault.timestamps();
    expect(all.map((t) => t.seq)).toEqual([2, 3]);
    expect(await rawGet(name, 'meta', 'tsa:000000000002')).toMatchObject({ seq: 2, hash: h2.hash });
    expect(tsa.opensslVerify(all[0]!.token, h2.hash).ok).toBe(true);
    expect(tsa.opensslVerify(all[1]!.token, h3.hash).ok).toBe(true);
    // The chain still verifies with tokens beside it.
    expect(await vault.verify()).toMatchObject({ ok: true, records: 3 });
  });

  it('a token for an older head that is still in the chain is kept (the chain moved on while the authority answered)', async () => {
    const { vault } = await vaultWith(1);
    const h1 = (await vault.timestampTarget())!;
    const s1 = stamp(h1.hash);
    await vault.addRecord(sampleRecord({ text: 'meanwhile' }), []);
    await expect(vault.addTimestamp(h1, s1.reply, { url: 'http://tsa.test/', nonce: s1.nonce })).resolves.toMatchObject({ seq: 1 });
  });

  it('refuses a token for another hash, a head not in the chain, a damaged token, and a nonce that does not match', async () => {
    const { vault } = await vaultWith(2);
    const head = (await vault.timestampTarget())!;
    const other = stamp('ab'.repeat(32));
    await expect(vault.addTimestamp(head, other.reply, { url: 'u' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/for another hash/) });
    const good = stamp(head.hash);
    await expect(vault.addTimestamp({ seq: 2, hash: 'cd'.repeat(32) }, good.reply, { url: 'u' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/not this vault's head/) });
    await expect(vault.addTimestamp({ seq: 1, hash: head.hash }, good.reply, { url: 'u' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/not a head of this vault's chain/) });
    await expect(vault.addTimestamp({ seq: 9, hash: head.hash }, good.reply, { url: 'u' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/past this vault's last record/) });
    await expect(vault.addTimestamp(head, good.reply.slice(0, 40), { url: 'u' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/was not kept/) });
    await expect(vault.addTimestamp(head, good.reply, { url: 'u', nonce: '01' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/nonce/) });
    expect(await vault.timestamps()).toEqual([]);
  });

  it("the vault's own check names a stored token edited by hand (it no longer holds)", async () => {
    const { vault, name } = await vaultWith(3);
    const head = (await vault.timestampTarget())!;
    const s = stamp(head.hash);
    await vault.addTimestamp(head, s.reply, { url: 'u' });
    expect(await vault.verify()).toMatchObject({ ok: true });
    // A stored token edited by hand no longer holds.
    const row = await rawGet<{ token: Uint8Array }>(name, 'meta', 'tsa:000000000003');
    await rawEdit(name, 'meta', (m) => m.put({ ...row, token: row.token.slice(0, 100) }, 'tsa:000000000003'));
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.find((p) => p.code === 'timestamp')?.message).toMatch(/The trusted-time token of head #3 does not hold/);
  });
});
