import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../model/evidence';
import { artifactPaths, bundleFilename, inertCopyPath, recordFolder, safeSegment, unsafePathReason } from './names';

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
      'artifacts/2026-11-20_x_alice_post_0007/page-captured.txt',
      'artifacts/2026-11-20_x_alice_post_0007/content.json',
      'artifacts/2026-11-20_x_alice_post_0007/screenshot-2.png',
      'artifacts/2026-11-20_x_alice_post_0007/segment.bin',
    ]);
    const hostile = { ...record, author: { handle: '../..' }, seq: 12345 } as EvidenceRecord;
    expect(recordFolder(hostile)).toBe('artifacts/2026-11-20_x_unknown_post_12345');
    for (const p of artifactPaths(hostile)) expect(unsafePathReason(p)).toBeUndefined();
  });

  it('keeps captured HTML under a name no browser opens as a page, with room for its inert copy', () => {
    const record = {
      capturedAt: '2026-11-20T10:00:00.000Z',
      platform: 'web',
      author: {},
      kind: 'page',
      seq: 3,
      artifacts: [
        { role: 'html', mediaType: 'text/html' },
        { role: 'html', mediaType: 'text/html' },
      ],
    } as unknown as EvidenceRecord;
    const paths = artifactPaths(record);
    expect(paths).toEqual(['artifacts/2026-11-20_web_unknown_page_0003/page-captured.txt', 'artifacts/2026-11-20_web_unknown_page_0003/page-2-captured.txt']);
    expect(paths.map(inertCopyPath)).toEqual(['artifacts/2026-11-20_web_unknown_page_0003/page.html', 'artifacts/2026-11-20_web_unknown_page_0003/page-2.html']);
    expect(inertCopyPath('artifacts/a/screenshot.png')).toBeUndefined();
  });

  it('names folders neutrally on request (encrypted exports): no handle, name, platform or date', () => {
    const record = { capturedAt: '2026-11-20T10:00:00.000Z', platform: 'x', author: { handle: 'alice', displayName: 'Alice' }, kind: 'post', seq: 7, artifacts: [{ role: 'screenshot', mediaType: 'image/png' }] } as unknown as EvidenceRecord;
    expect(recordFolder(record, { neutral: true })).toBe('artifacts/record-0007');
    expect(artifactPaths(record, { neutral: true })).toEqual(['artifacts/record-0007/screenshot.png']);
  });

  it('names the bundle file with the export time only, never a label or handle', () => {
    expect(bundleFilename('2026-11-20T15:30:00.123Z')).toBe('holdfast-export-2026-11-20T15-30-00Z.zip');
  });

  it('spots names that would escape the folder when unpacked', () => {
    expect(unsafePathReason('artifacts/a/b.png')).toBeUndefined();
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', '..\\x', 'C:/x', 'c:x', 'a//b', './a', '', 'a\u0000b']) {
      expect(unsafePathReason(bad), JSON.stringify(bad)).toBeDefined();
    }
  });
});

describe('names of files the person added', () => {
  const record = { capturedAt: '2026-11-24T09:05:00.000Z', platform: 'added' as const, kind: 'added-file' as const, seq: 12 };
  it('use the artifact’s own file name with a safe extension, never a path from the person’s file', () => {
    const paths = artifactPaths({
      ...record,
      artifacts: [
        { id: 'a', role: 'added', mediaType: 'message/rfc822', sha256: 'x', size: 1, filename: 'added-12.eml' },
        { id: 'b', role: 'added', mediaType: 'application/octet-stream', sha256: 'x', size: 1, filename: '../../evil.html' },
        { id: 'c', role: 'added', mediaType: 'image/svg+xml', sha256: 'x', size: 1, filename: 'added-13.svg' },
        { id: 'd', role: 'added', mediaType: 'image/png', sha256: 'x', size: 1, filename: '\u0007CON' },
      ],
    });
    expect(paths).toEqual([
      'artifacts/2026-11-24_added_unknown_added-file_0012/added-12.eml',
      'artifacts/2026-11-24_added_unknown_added-file_0012/evil.bin',
      'artifacts/2026-11-24_added_unknown_added-file_0012/added-13.bin',
      'artifacts/2026-11-24_added_unknown_added-file_0012/file.png',
    ]);
    for (const p of paths) expect(unsafePathReason(p)).toBeUndefined();
  });
});
