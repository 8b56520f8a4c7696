/**
 * File and folder names inside a bundle: readable by a person (date, platform, author, kind,
 * record number) and safe on every system that will unpack them (ASCII letters, digits, "-", "_"
 * and one "." before the extension; no path separators, no "..", no reserved Windows names).
 */
import type { ArtifactRef, EvidenceRecord } from '../model/evidence';

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * One safe name segment: accents dropped (é → e), anything else outside [A-Za-z0-9_-] becomes "-",
 * runs collapsed, trimmed, cut to `max` characters. Never empty (falls back to `fallback`).
 */
export function safeSegment(input: string | undefined, fallback = 'unknown', max = 40): string {
  const ascii = (input ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, max)
    .replace(/[-_]+$/g, '');
  if (!ascii || RESERVED_WINDOWS.test(ascii)) return fallback;
  return ascii;
}

/** Extension for a media type, from a fixed list (the media type is never copied into a name). */
export function extensionFor(mediaType: string): string {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  switch (type) {
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpg';
    case 'image/gif':
      return 'gif';
    case 'image/webp':
      return 'webp';
    case 'text/html':
      return 'html';
    case 'application/json':
      return 'json';
    case 'text/plain':
      return 'txt';
    case 'text/csv':
      return 'csv';
    case 'application/pdf':
      return 'pdf';
    case 'video/mp4':
      return 'mp4';
    case 'video/webm':
      return 'webm';
    case 'audio/mpeg':
      return 'mp3';
    default:
      return 'bin';
  }
}

const ROLE_NAMES: Record<ArtifactRef['role'], string> = {
  screenshot: 'screenshot',
  html: 'page',
  structured: 'content',
  transcript: 'transcript',
  segment: 'segment',
  import: 'imported',
  added: 'file',
};

/** "0007" for seq 7; wider when the vault has more records. */
export function padSeq(seq: number): string {
  return String(seq).padStart(4, '0');
}

/**
 * The record's folder: `artifacts/2026-11-20_x_alice_post_0007`; with `neutral` (encrypted exports,
 * whose file names anyone can read without the password) only `artifacts/record-0007`.
 */
export function recordFolder(
  record: Pick<EvidenceRecord, 'capturedAt' | 'platform' | 'author' | 'kind' | 'seq'>,
  options: { neutral?: boolean } = {},
): string {
  if (options.neutral) return `artifacts/record-${padSeq(record.seq)}`;
  const date = /^\d{4}-\d{2}-\d{2}/.exec(record.capturedAt ?? '')?.[0] ?? 'undated';
  const author = safeSegment(record.author?.handle ?? record.author?.displayName ?? record.author?.accountId, 'unknown', 40);
  return `artifacts/${date}_${safeSegment(record.platform, 'web', 12)}_${author}_${safeSegment(record.kind, 'item', 12)}_${padSeq(record.seq)}`;
}

/** Whether files of this media type are HTML: kept byte-exact as `<name>-captured.txt`, with an inert `<name>.html` beside. */
export function isHtmlType(mediaType: string | undefined): boolean {
  return extensionFor(mediaType ?? '') === 'html';
}

const CAPTURED_HTML_SUFFIX = '-captured.txt';

/** The inert copy's path for a captured HTML file's path (`…/page-captured.txt` → `…/page.html`); undefined for other files. */
export function inertCopyPath(capturedPath: string): string | undefined {
  return capturedPath.endsWith(CAPTURED_HTML_SUFFIX) ? `${capturedPath.slice(0, -CAPTURED_HTML_SUFFIX.length)}.html` : undefined;
}

/**
 * Bundle paths for a record's artifacts, in the record's order: `<folder>/screenshot.png`,
 * `<folder>/page-captured.txt` (captured HTML, byte-exact, under a name no browser opens as a page),
 * `<folder>/content.json`; a second artifact of the same role gets "-2".
 */
export function artifactPaths(
  record: Pick<EvidenceRecord, 'capturedAt' | 'platform' | 'author' | 'kind' | 'seq' | 'artifacts'>,
  options: { neutral?: boolean } = {},
): string[] {
  const folder = recordFolder(record, options);
  const used = new Set<string>();
  return (record.artifacts ?? []).map((ref) => {
    const added = ref.role === 'added' ? addedName(ref) : undefined;
    const base = added?.stem ?? ROLE_NAMES[ref.role] ?? safeSegment(ref.role, 'file', 20);
    const html = isHtmlType(ref.mediaType);
    const ext = added?.ext ?? extensionFor(ref.mediaType ?? '');
    const nameFor = (b: string) => (html ? `${b}${CAPTURED_HTML_SUFFIX}` : `${b}.${ext}`);
    let stem = base;
    // An HTML file also takes "<stem>.html" for its inert copy.
    const taken = (b: string) => used.has(nameFor(b)) || (html && used.has(`${b}.html`));
    for (let n = 2; taken(stem); n++) stem = `${base}-${n}`;
    used.add(nameFor(stem));
    if (html) used.add(`${stem}.html`);
    return `${folder}/${nameFor(stem)}`;
  });
}

/** Extensions an added file may keep in a bundle: kinds no browser or viewer runs as a page or program. */
const ADDED_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'avif',
  'pdf', 'txt', 'eml', 'msg', 'csv', 'json', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'vcf', 'zip',
  'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'wav', 'flac', 'amr', 'weba',
  'mp4', 'm4v', 'mov', 'webm', '3gp', 'mkv', 'avi',
]);

/**
 * An added file's name in the bundle, from the artifact's own `filename` (the vault's "added-<seq>.<ext>"), never from
 * the name the person's file had (`addedFile.name`, shown only as text): ASCII stem, and the extension only when it
 * is on a fixed list of kinds that cannot run (else the one its media type gives, or .bin).
 */
function addedName(ref: Pick<ArtifactRef, 'filename' | 'mediaType'>): { stem: string; ext: string } {
  const m = /^(.*?)(?:\.([A-Za-z0-9]{1,5}))?$/.exec(ref.filename ?? '');
  const ext = m?.[2]?.toLowerCase();
  return {
    stem: safeSegment(m?.[1], 'file', 40),
    ext: ext && ADDED_EXTENSIONS.has(ext) ? ext : extensionFor(ref.mediaType ?? ''),
  };
}

/**
 * `holdfast-export-2026-11-20T15-30-00Z.zip`: never a person's label, handle or scope, because the
 * download's name shows in the browser's download list and the file manager to anyone at the device.
 */
export function bundleFilename(exportedAt: string): string {
  const stamp = exportedAt.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `holdfast-export-${safeSegment(stamp, 'export', 30)}.zip`;
}

/**
 * Whether a name found in a ZIP is safe to treat as a path inside the bundle: relative, forward
 * slashes only, no empty, "." or ".." segment, no drive letter, no control characters.
 * Returns the reason when it is not.
 */
export function unsafePathReason(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 512) return 'the name is too long';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the name contains control characters';
  if (name.includes('\\')) return 'the name contains a backslash (a Windows path separator)';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'the name starts with a drive letter';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  if (segments.some((s) => s === '..')) return 'the name climbs out of the folder with ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'the name has an empty or "." part';
  return undefined;
}
