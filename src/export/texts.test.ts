import { describe, expect, it } from 'vitest';
import { type Manifest, REPORT_LANGUAGES } from './format';
import { REPORT_TEXTS } from './report-texts';
import { csvCell, sha256sums, verifyText } from './texts';

describe('CSV cells', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('SHA256SUMS', () => {
  it('uses the sha256sum format: hash, two spaces, path, newline', () => {
    expect(sha256sums([{ path: 'a/b.png', sha256: 'ab'.repeat(32) }])).toBe(`${'ab'.repeat(32)}  a/b.png\n`);
  });
});

describe('VERIFY.txt: trusted time (issue #15)', () => {
  const tokens = [
    { file: 'trusted-time/head-000002.tsr', seq: 2, hash: 'ab'.repeat(32), genTime: '2026-12-07T12:00:00.000Z', tsaName: 'FreeTSA', url: 'https://freetsa.org/tsr' },
    { file: 'trusted-time/head-000009.tsr', seq: 9, hash: 'cd'.repeat(32), genTime: '2026-12-07T12:05:00.000Z', tsaName: 'Holdfast Test TSA', url: 'http://tsa.test/tsr' },
  ];
  const manifest = (withTokens: boolean) =>
    ({
      tool: { version: '9.9' },
      exportedAt: '2026-12-07T13:00:00.000Z',
      exportId: 'id-1',
      encrypted: false,
      signing: { fingerprint: '0123 4567 89ab cdef 0123 4567 89ab cdef' },
      ...(withTokens && { trustedTime: { tokens } }),
    }) as unknown as Manifest;

  // VERIFY.txt is written in the report languages (en, es); pt_BR and fr have UI texts only, no VERIFY.txt.
  it.each(REPORT_LANGUAGES)('%s: after the signature, each token with its openssl ts -verify command; CRLF throughout', (lang) => {
    const texts = REPORT_TEXTS[lang];
    const text = verifyText(manifest(true), 'b.zip', texts);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const section = text.indexOf('(RFC 3161)');
    expect(section).toBeGreaterThan(text.indexOf(texts.verifySignature('0123 4567 89ab cdef 0123 4567 89ab cdef').split('\n')[0]!));
    for (const t of tokens) {
      expect(text).toContain(`  openssl ts -verify -digest ${t.hash} -in ${t.file} -CAfile tsa-ca.pem\r\n`);
      expect(text).toMatch(new RegExp(`  ${t.file}: [^\\r\\n]*${t.seq}, ${t.tsaName}, ${t.genTime} \\(${t.url}\\)\\r\\n`));
    }
  });

  it.each(REPORT_LANGUAGES)('%s: no trusted-time section when the bundle carries no token (or an empty list)', (lang) => {
    expect(verifyText(manifest(false), 'b.zip', REPORT_TEXTS[lang])).not.toContain('RFC 3161');
    const empty = { ...manifest(false), trustedTime: { tokens: [] } } as unknown as Manifest;
    expect(verifyText(empty, 'b.zip', REPORT_TEXTS[lang])).not.toContain('RFC 3161');
  });
});
