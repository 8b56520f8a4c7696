import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import { artifactPaths, bundleFilename, recordFolder, safeSegment, unsafePathReason } from './names';

describe('bundle names', () => {
  it('makes safe ASCII segments: accents dropped, separators and dots replaced, never empty or reserved', () => {
    expect(safeSegment('Ünïcødé')).toBe('Unic-de');
    expect(safeSegment('../../etc/passwd')).toBe('etc-passwd');
    expect(safeSegment('a\\b:c*d?e')).toBe('a-b-c-d-e');
    expect(safeSegment('😈😈')).toBe('unknown');
    expect(safeSegment('CON')).toBe('unknown');
    expect(safeSegment('x'.repeat(100))).toHaveLength(40);
    expect(safeSegment(undefined, 'anon')).toBe('anon');
  });

  it('names a record folder by date, platform, author, kind and seq, and artifacts by role', () => {
    const record = {
      capturedAt: '2026-11-20T23:59:59.000Z',
      platform: 'x',
      author: { handle: 'alice' },
      kind: 'post',
      seq: 7,
      artifacts: [
        { role: 'screenshot', mediaType: 'image/png' },
        { role: 'html', mediaType: 'text/html;charset=utf-8' },
        { role: 'structured', mediaType: 'application/json' },
        { role: 'screenshot', mediaType: 'image/png' },
        { role: 'segment', mediaType: 'application/x-evil"/../' },
      ],
    } as unknown as EvidenceRecord;
    expect(recordFolder(record)).toBe('artifacts/2026-11-20_x_alice_post_0007');
    expect(artifactPaths(record)).toEqual([
      'artifacts/2026-11-20_x_alice_post_0007/screenshot.png',
      'artifacts/2026-11-20_x_alice_post_0007/page.html',
      'artifacts/2026-11-20_x_alice_post_0007/content.json',
      'artifacts/2026-11-20_x_alice_post_0007/screenshot-2.png',
      'artifacts/2026-11-20_x_alice_post_0007/segment.bin',
    ]);
    const hostile = { ...record, author: { handle: '../..' }, seq: 12345 } as EvidenceRecord;
    expect(recordFolder(hostile)).toBe('artifacts/2026-11-20_x_unknown_post_12345');
    for (const p of artifactPaths(hostile)) expect(unsafePathReason(p)).toBeUndefined();
  });

  it('names the bundle file with the export time and scope', () => {
    expect(bundleFilename('2026-11-20T15:30:00.123Z')).toBe('holdfast-evidence_2026-11-20T15-30-00Z.zip');
    expect(bundleFilename('2026-11-20T15:30:00.123Z', 'Alice / X')).toBe('holdfast-evidence_Alice-X_2026-11-20T15-30-00Z.zip');
  });

  it('spots names that would escape the folder when unpacked', () => {
    expect(unsafePathReason('artifacts/a/b.png')).toBeUndefined();
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', '..\\x', 'C:/x', 'c:x', 'a//b', './a', '', 'a\u0000b']) {
      expect(unsafePathReason(bad), JSON.stringify(bad)).toBeDefined();
    }
  });
});
