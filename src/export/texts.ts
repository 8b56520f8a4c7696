/**
 * The plain files of a bundle: incidents.csv (spreadsheet), VERIFY.txt (how to check the bundle
 * with standard tools) and CERTIFICATION-TEMPLATE.txt (a fill-in certification). Pure.
 */
import type { Manifest } from './format';
import { toUtcIso } from './report-model';
import { type ReportTexts, TEXTS_EN } from './report-texts';

export const CSV_COLUMNS = [
  'seq',
  'captured_at_utc',
  'item_time_utc',
  'platform',
  'kind',
  'author_handle',
  'author_name',
  'author_id',
  'permalink',
  'page_url',
  'text',
  'record_hash',
  'deleted_at_utc',
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. Cells
 * that a spreadsheet would run as a formula (starting with = + - @, or tab/CR) get a leading
 * apostrophe so they show as text.
 */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** incidents.csv as lines (CRLF), starting with a UTF-8 byte order mark so spreadsheets read UTF-8. */
export function* incidentsCsv(manifest: Manifest): Generator<string> {
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  for (const { record: r } of manifest.records) {
    const author = r.author ?? r.content?.author;
    const row = [
      r.seq,
      r.capturedAt,
      toUtcIso(r.itemTime) ?? r.itemTime ?? '',
      r.platform,
      r.kind,
      author?.handle,
      author?.displayName,
      author?.accountId,
      r.permalink,
      r.pageUrl,
      r.text,
      r.chain.recordHash,
      r.deleted?.at,
    ];
    yield `${row.map(csvCell).join(',')}\r\n`;
  }
}

const CRLF = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** VERIFY.txt in the report's language (CRLF line ends, for Notepad). */
export function verifyText(manifest: Manifest, bundleName: string, texts: ReportTexts = TEXTS_EN): string {
  return CRLF(
    texts.verifyText({
      version: manifest.tool.version,
      exportedAt: manifest.exportedAt,
      exportId: manifest.exportId,
      encrypted: manifest.encrypted,
      bundleName,
      caseFiles: manifest.case !== undefined,
    }) +
      (manifest.signing ? `\n${texts.verifySignature(manifest.signing.fingerprint)}` : '') +
      (manifest.trustedTime?.tokens.length ? `\n${texts.verifyTrustedTime(manifest.trustedTime.tokens)}` : ''),
  );
}

/** CERTIFICATION-TEMPLATE.txt in the report's language. */
export function certificationText(manifest: Manifest, texts: ReportTexts = TEXTS_EN): string {
  return CRLF(
    texts.certificationText({
      exportId: manifest.exportId,
      exportedAt: manifest.exportedAt,
      version: manifest.tool.version,
      records: manifest.counts.records,
      deleted: manifest.counts.deleted,
      artifacts: manifest.counts.artifacts,
      headSeq: manifest.chain.head.seq,
      headHash: manifest.chain.head.hash,
      ...(manifest.signing && { fingerprint: manifest.signing.fingerprint }),
    }),
  );
}

/** SHA256SUMS in the format `sha256sum -c` reads: "<hex>  <path>" per line. */
export function sha256sums(entries: readonly { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}
