import { describe, expect, it } from 'vitest';
import { ITEM_KINDS } from '../model/evidence';
import { JOURNAL_KINDS } from '../model/journal';
import { REPORT_LANGUAGES } from './format';
import { REPORT_TEXTS, reportTexts, TEXTS_EN, TEXTS_ES } from './report-texts';

const SAMPLE_ARGS = ['1', '2', '3', '4', '5'];
const SAMPLE_TOKEN = { file: 'trusted-time/head-000003.tsr', seq: 3, hash: 'ab'.repeat(32), genTime: '2026-12-07T12:00:00Z', tsaName: 'FreeTSA', url: 'https://freetsa.org/tsr' };

/** Every text of a table, functions called with sample arguments. */
function rendered(texts: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(texts)) {
    if (typeof value === 'string') out[key] = value;
    else if (key === 'verifyTrustedTime') out[key] = String((value as (t: unknown[]) => unknown)([SAMPLE_TOKEN]));
    else if (typeof value === 'function' && key !== 'verifyText' && key !== 'certificationText') out[key] = String((value as (...a: string[]) => unknown)(...SAMPLE_ARGS));
  }
  return out;
}

describe('report texts', () => {
  it('every key exists in every language, and none is empty', () => {
    const keys = Object.keys(TEXTS_EN).sort();
    for (const lang of REPORT_LANGUAGES) {
      expect(Object.keys(REPORT_TEXTS[lang]).sort(), lang).toEqual(keys);
      for (const [key, text] of Object.entries(rendered(REPORT_TEXTS[lang] as unknown as Record<string, unknown>))) expect(text.trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it('Spanish is translated: the texts differ from English (bar the few that are the same word)', () => {
    const en = rendered(TEXTS_EN as unknown as Record<string, unknown>);
    const es = rendered(TEXTS_ES as unknown as Record<string, unknown>);
    // kindName and precisionName map known values only (checked below).
    const same = Object.keys(en).filter((k) => en[k] === es[k] && !['lang', 'kindName', 'precisionName', 'statusName', 'abuseName'].includes(k));
    expect(same.sort()).toEqual(['cont', 'whenUtc']);
  });

  it('names every kind of record and of incident in both languages', () => {
    for (const lang of REPORT_LANGUAGES) {
      const t = REPORT_TEXTS[lang];
      for (const kind of [...ITEM_KINDS, ...JOURNAL_KINDS]) expect(t.kindName(kind), `${lang} ${kind}`).not.toBe(kind);
      expect(TEXTS_ES.precisionName('exact')).toBe('exacta');
      for (const p of ['about', 'date', 'unknown']) expect(t.precisionName(p)).not.toBe(p);
    }
  });

  it('VERIFY.txt and the certification carry the bundle facts in both languages', () => {
    for (const t of [TEXTS_EN, TEXTS_ES]) {
      const verify = t.verifyText({ version: '9.9', exportedAt: '2026-01-01T00:00:00.000Z', exportId: 'id-1', encrypted: true, bundleName: 'b.zip', caseFiles: true });
      expect(verify).toContain('sha256sum -c SHA256SUMS');
      expect(verify).toContain('npx holdfast-verify b.zip --password');
      expect(verify).toContain('journal.csv');
      expect(verify).toContain('id-1');
      const cert = t.certificationText({ exportId: 'id-1', exportedAt: 'x', version: '9', records: 3, deleted: 1, artifacts: 7, headSeq: 3, headHash: 'h'.repeat(64) });
      expect(cert).toContain('h'.repeat(64));
      expect(cert).toContain('902(11)');
    }
  });

  it('falls back to English', () => {
    expect(reportTexts(undefined).lang).toBe('en');
    expect(reportTexts('es').reportTitle).toBe('Informe de pruebas');
  });
});
