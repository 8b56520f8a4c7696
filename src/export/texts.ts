/**
 * The plain files of a bundle: incidents.csv (spreadsheet), VERIFY.txt (how to check the bundle
 * with standard tools) and CERTIFICATION-TEMPLATE.txt (a fill-in certification). Pure.
 */
import { FILES, type Manifest } from './format';
import { toUtcIso } from './report-model';

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

export function verifyText(manifest: Manifest, bundleName: string): string {
  return CRLF(`HOW TO CHECK THIS EVIDENCE BUNDLE
=================================

This bundle was exported by Holdfast ${manifest.tool.version} on ${manifest.exportedAt} (UTC).
Export id: ${manifest.exportId}

Every file in the bundle is listed in the file SHA256SUMS with its SHA-256 hash (a 64-character
fingerprint). If even one byte of a file changed, its hash changes. The hashes of the captured
files were taken at the moment of capture and are also written in manifest.json, report.html and
report.pdf.
${manifest.encrypted ? '\nThis bundle is ENCRYPTED (AES-256). Open it with the password using 7-Zip (Windows), Keka or\nThe Unarchiver (macOS), or "7z x" (Linux). Some built-in unzip tools cannot open AES-encrypted ZIP\nfiles; that does not mean the file is damaged.\n' : ''}
Step 1. Unpack the ZIP file into an empty folder.
Step 2. Open a terminal in that folder (the one that contains SHA256SUMS) and run the command for
        your system. Every line should end in "OK"; any other result means a file differs.

  Linux:
      sha256sum -c SHA256SUMS

  macOS (Terminal):
      shasum -a 256 -c SHA256SUMS

  Windows (PowerShell):
      Get-Content SHA256SUMS | ForEach-Object {
        $hash, $path = $_ -split '  ', 2
        $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash
        if ($actual -eq $hash) { "OK       $path" } else { "CHANGED  $path" }
      }

  Windows (Command Prompt), one file at a time:
      certutil -hashfile artifacts\\<folder>\\screenshot.png SHA256
      and compare the result with the line for that file in SHA256SUMS
      (certutil prints the hash with spaces or in capitals on some versions; the letters and
      digits are what count).

Step 3 (optional, checks everything including the hash chain and the custody log):
  With Node.js and a copy of the Holdfast source code (after "npm install" in it), run in the
  Holdfast folder, giving the path of the ZIP file:
      npx holdfast-verify ${bundleName}${manifest.encrypted ? ' --password <password>' : ''}
  It prints a plain report and ends with "RESULT: OK" only when every file, every record hash,
  the chain of records and the custody log all hold. Run it only from a Holdfast copy you trust:
  outside that folder, npx would look for a package of that name on the internet.

WHAT IS IN THE BUNDLE
  ${FILES.reportHtml.padEnd(28)}the report to read or print (open it in any browser; it runs no scripts)
  ${FILES.reportPdf.padEnd(28)}the same report as exhibits, with page numbers
  ${FILES.csv.padEnd(28)}one line per capture, for spreadsheets
  artifacts/                  the captured files: screenshots, page HTML, extracted content (JSON)
  ${FILES.manifest.padEnd(28)}every record in full, with the hashes of its files and the hash chain
  ${FILES.custody.padEnd(28)}the custody log: when each record was captured, viewed, exported, deleted
  ${FILES.sums.padEnd(28)}the SHA-256 of every other file in the bundle
  ${FILES.certification.padEnd(28)}a certification form a qualified person can fill in and sign

HOW THE RECORDS ARE CHAINED
  Each record carries the hash of the record before it (prevHash) and its own hash (recordHash):
  the SHA-256 of the record written as canonical JSON (keys sorted, no spaces) without recordHash.
  Removing, reordering or editing any record breaks the chain. docs/export-format.md in the
  Holdfast source describes the format exactly.
`);
}

export function certificationText(manifest: Manifest): string {
  return CRLF(`CERTIFICATION OF DATA IDENTIFIED BY HASH VALUES — TEMPLATE
==========================================================

THIS IS A TEMPLATE, NOT LEGAL ADVICE. Whether and how a certification like this can be used
depends on the court and the jurisdiction. In United States federal courts it is modelled on
Federal Rules of Evidence 902(11) and 902(14) (records authenticated by a process of digital
identification, certified by a qualified person, with written notice to the other parties). Ask a
lawyer before relying on it. Only a person who is qualified to explain how the data was captured
and checked should sign it, and only after checking the hashes themselves.

Bundle: export id ${manifest.exportId}, exported ${manifest.exportedAt} (UTC) with Holdfast ${manifest.tool.version}
Records in the bundle: ${manifest.counts.records} (of which deleted: ${manifest.counts.deleted}); files: ${manifest.counts.artifacts}
Hash chain head: record #${manifest.chain.head.seq}, ${manifest.chain.head.hash}

I, ____________________________________ (full name), declare:

1. I am ____________________________________ (position / qualification), and I am familiar
   with how the data in this bundle was captured and stored, namely: ______________________
   ________________________________________________________________________________.

2. On __________________ (date) I checked the bundle identified above. I computed the SHA-256
   hash of each file in it using ______________________________ (tool and version) and each
   hash matched the value listed in the bundle's SHA256SUMS file and manifest.json.

3. The SHA-256 hash values identify the data: a file with the same hash value is, to a practical
   certainty, an exact copy of the data as it was when the hash was recorded. The hash of each
   captured file was recorded by the capturing software at the time of capture.

4. The records identified by the exhibit numbers and record numbers below were captured from the
   addresses (URLs) and at the times stated in the bundle's report:
   ________________________________________________________________________________
   ________________________________________________________________________________

5. The records were made at or near the time of the events they show, by — or from information
   transmitted by — a person with knowledge, kept in the course of ______________________
   ______________________________ (describe the regular practice, if applicable).

I declare under penalty of perjury under the laws of ____________________ that the foregoing is
true and correct.

Signed: ____________________________________   Date: ____________________

Place: ____________________________________
`);
}

/** SHA256SUMS in the format `sha256sum -c` reads: "<hex>  <path>" per line. */
export function sha256sums(entries: readonly { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}
