/**
 * The words of the human-readable files (report.html, report.pdf, VERIFY.txt, CERTIFICATION-TEMPLATE.txt) in each
 * report language: one table per language, the same keys in each (report-texts.test.ts). Pure (no browser.i18n:
 * the export also runs in Node). Machine files (manifest.json, journal.csv, incidents.csv, people.json) stay in
 * English keys and values whatever the language, so tools read every bundle alike.
 */
import type { ReportLanguage } from './format';

export interface ReportTexts {
  lang: ReportLanguage;
  reportTitle: string;
  titleExported(at: string): string;
  intro: string;
  exportedBy: string;
  noName: string;
  exportedAt: string;
  scope: string;
  captures: string;
  capturesExhibits: string;
  journalEntries: string;
  addedFiles: string;
  people: string;
  deletedRecords: string;
  files: string;
  accounts: string;
  tool: string;
  exportId: string;
  chainHead: string;
  custodyHead: string;
  /** Issue #15: the vault key's fingerprint, and a plain sentence on how to compare it. */
  keyFingerprint: string;
  keyFingerprintNote: string;
  /** The part of VERIFY.txt about the signature (format 4). */
  verifySignature(fingerprint: string): string;
  /** Issue #15: the part of VERIFY.txt about trusted time (RFC 3161 tokens), when the bundle carries any. */
  verifyTrustedTime(tokens: readonly { file: string; seq: number; hash: string; genTime: string; tsaName: string; url: string }[]): string;
  recordNo(seq: number): string;
  entryNo(seq: number): string;
  notesAboutExport: string;
  scopeAll: string;
  scopeRecords(n: number): string;
  scopeDates(from: string | undefined, to: string | undefined): string;
  scopePerson(name: string, keys: number): string;
  scopeAccounts(label: string | undefined, accounts: string): string;
  // Course of conduct
  conduct: string;
  conductIntro: string;
  notAssigned: string;
  notAssignedIntro: string;
  personAccounts: string;
  personIdentifiers: string;
  period: string;
  periodText(first: string, last: string): string;
  noDates: string;
  totals: string;
  totalsText(captures: number, journal: number): string;
  byPlatform: string;
  byKind: string;
  perDay: string;
  byHour: string;
  perWeek: string;
  perDayNote: string;
  byHourNote: string;
  perWeekNote: string;
  day: string;
  hour: string;
  weekOf: string;
  count: string;
  chartAlt(title: string): string;
  personTimeline: string;
  personTimelineNote: string;
  whenLocal: string;
  whenUtc: string;
  kind: string;
  source: string;
  sourceCapture: string;
  sourceJournal: string;
  shortText: string;
  exhibit: string;
  more(n: number): string;
  // Summary by account
  summaryByAccount: string;
  summaryByAccountNote: string;
  platform: string;
  handles: string;
  names: string;
  accountIds: string;
  firstLastCapture: string;
  firstLastItem: string;
  exhibits: string;
  noHandle: string;
  noneShown: string;
  capturedFromTo(first: string, last: string): string;
  itemTimesFromTo(first: string, last: string): string;
  // Timeline of everything
  timeline: string;
  timelineNote: string;
  itemTimeUtc: string;
  capturedUtc: string;
  author: string;
  text: string;
  // Exhibits
  exhibitNo(n: number): string;
  exhibitTitle(kind: string, author: string, platform: string): string;
  addedByPerson: string;
  journalTitle(kind: string): string;
  addedFileTitle(name: string): string;
  record: string;
  shownOnPage(text: string): string;
  offsetNote(offset: string): string;
  permalink: string;
  none: string;
  pageUrl: string;
  pageTitle: string;
  profileUrl: string;
  itemId: string;
  inReplyTo: string;
  direction: string;
  participants: string;
  howRead: string;
  siteReader(adapter: string): string;
  genericReader: string;
  screenshotLabel: string;
  screenshotPixel: string;
  screenshotDom: string;
  screenshotNone: string;
  screenshotClipped: string;
  capturedWith: string;
  quotedBy(author: string): string;
  messagesVisible(n: number): string;
  linksInItem: string;
  mediaInItem: string;
  fileCol: string;
  roleCol: string;
  sizeCol: string;
  recordHash: string;
  prevRecordHash: string;
  importedNote(at: string, seq: number, hash: string): string;
  pictureSkipped(path: string, size: string): string;
  pictureMissing(path: string): string;
  pictureLink: string;
  pictureThumbNote: string;
  screenshotOf(n: number): string;
  // Journal and added files
  entryId: string;
  version: string;
  versionOf(v: number): string;
  supersedes: string;
  whenHappened: string;
  precision: string;
  precisionName(p: string): string;
  person: string;
  where: string;
  whatHappened: string;
  effect: string;
  witnesses: string;
  reference: string;
  linkedRecords: string;
  recordedAt: string;
  originalName: string;
  fileSize: string;
  fileType: string;
  fileModified: string;
  addedAt: string;
  addedToEntry: string;
  addedFileNote: string;
  unknownType: string;
  // Deleted
  deletedHeading: string;
  deletedNote: string;
  deletedAtCol: string;
  reasonCol: string;
  deletedLine(seq: number, what: string, captured: string, deleted: string, reason?: string): string;
  endOfReport(exhibits: number, version: string, at: string): string;
  // PDF only
  pdfPart(part: number, parts: number, exhibits: string): string;
  pageOf(i: number, total: number): string;
  footer(exhibit: number, at: string): string;
  cont: string;
  replacementNote: string;
  filesAndHashes: string;
  profileFields: string;
  noteLabel: string;
  screenshotCaption(path: string): string;
  pictureNotPdf(path: string, type: string): string;
  pictureTooBig(path: string, size: string): string;
  pictureUnreadable(path: string): string;
  pictureReason(path: string, reason: string): string;
  kindName(kind: string): string;
  // Reports to the platforms (issue #14)
  platformReports: string;
  platformReportsNote: string;
  reportedAtUtc: string;
  reportRoute: string;
  reportAbuse: string;
  reportAbout: string;
  reportReference: string;
  reportStatus: string;
  reportHistory: string;
  reportNotes: string;
  reportAccount: string;
  reportPerson: string;
  reportRecords: string;
  contentRemovedOn(day: string): string;
  recordsOutside(n: number): string;
  deletedRecordRef(seq: number): string;
  statusName(status: string): string;
  abuseName(abuse: string): string;
  reportsCount(n: number, statuses: string): string;
  // Plain files
  verifyText(v: VerifyTextInput): string;
  certificationText(c: CertificationInput): string;
}

export interface VerifyTextInput {
  version: string;
  exportedAt: string;
  exportId: string;
  encrypted: boolean;
  bundleName: string;
  /** Format 2 bundles list the case files. */
  caseFiles: boolean;
}

export interface CertificationInput {
  exportId: string;
  exportedAt: string;
  version: string;
  records: number;
  deleted: number;
  artifacts: number;
  headSeq: number;
  headHash: string;
  /** Format 4: the fingerprint of the vault key that signed the bundle. */
  fingerprint?: string;
}

const KIND_EN: Record<string, string> = {
  post: 'Post',
  reply: 'Reply',
  comment: 'Comment',
  profile: 'Profile',
  'dm-message': 'Direct message',
  'dm-thread': 'Direct-message conversation',
  page: 'Page',
  'journal-entry': 'Journal entry',
  'added-file': 'Added file',
  call: 'Unwanted call',
  message: 'Unwanted message',
  threat: 'Threat',
  monitoring: 'Monitoring or tracking',
  following: 'Showing up or following',
  'contact-others': 'Contact with family, friends or work',
  gifts: 'Gifts or letters',
  damage: 'Damage to property',
  'personal-details': 'Posting personal details',
  impersonation: 'Impersonation',
  'image-abuse': 'Image abuse',
  violence: 'Offline violence',
  other: 'Other',
};

const KIND_ES: Record<string, string> = {
  post: 'Publicación',
  reply: 'Respuesta',
  comment: 'Comentario',
  profile: 'Perfil',
  'dm-message': 'Mensaje directo',
  'dm-thread': 'Conversación de mensajes directos',
  page: 'Página',
  'journal-entry': 'Entrada del diario',
  'added-file': 'Archivo añadido',
  call: 'Llamada no deseada',
  message: 'Mensaje no deseado',
  threat: 'Amenaza',
  monitoring: 'Vigilancia o rastreo',
  following: 'Presentarse o seguir a la persona',
  'contact-others': 'Contacto con familia, amistades o trabajo',
  gifts: 'Regalos o cartas',
  damage: 'Daños a la propiedad',
  'personal-details': 'Publicar datos personales',
  impersonation: 'Suplantación de identidad',
  'image-abuse': 'Abuso con imágenes',
  violence: 'Violencia fuera de internet',
  other: 'Otro',
};

const STATUS_EN: Record<string, string> = {
  sent: 'sent',
  acknowledged: 'acknowledged',
  'content-removed': 'content removed',
  'no-action': 'no action taken',
  appealed: 'appealed',
  escalated: 'escalated (police or regulator)',
};
const STATUS_ES: Record<string, string> = {
  sent: 'enviada',
  acknowledged: 'recibida',
  'content-removed': 'contenido retirado',
  'no-action': 'sin medidas',
  appealed: 'apelada',
  escalated: 'elevada (policía o regulador)',
};
const ABUSE_EN: Record<string, string> = {
  harassment: 'harassment',
  threats: 'threats',
  impersonation: 'impersonation',
  'private-information': 'private information',
  'intimate-images': 'intimate images',
};
const ABUSE_ES: Record<string, string> = {
  harassment: 'acoso',
  threats: 'amenazas',
  impersonation: 'suplantación',
  'private-information': 'información privada',
  'intimate-images': 'imágenes íntimas',
};

export const TEXTS_EN: ReportTexts = {
  lang: 'en',
  reportTitle: 'Evidence report',
  titleExported: (at) => `Evidence report — exported ${at}`,
  intro:
    'Evidence kept with Holdfast, an evidence-keeping browser extension: captures of online content, and the journal entries and files the person added themselves. It opens with a summary of the course of conduct per person; each record follows as an exhibit with its times, addresses and SHA-256 hashes. The files themselves are in the artifacts/ folder of this bundle; VERIFY.txt explains how to check them.',
  exportedBy: 'Exported by',
  noName: '(no name given)',
  exportedAt: 'Exported at',
  scope: 'Scope',
  captures: 'Captures',
  capturesExhibits: 'Exhibits',
  journalEntries: 'Journal entries',
  addedFiles: 'Files added by the person',
  people: 'People',
  deletedRecords: 'Deleted records',
  files: 'Files',
  accounts: 'Accounts',
  tool: 'Tool',
  exportId: 'Export id',
  chainHead: 'Chain head',
  custodyHead: 'Custody log head',
  keyFingerprint: 'Vault key fingerprint',
  keyFingerprintNote:
    'Holdfast signed this export with the key of the vault it came from. Compare this fingerprint with the one shown on that vault’s page (or printed by holdfast-verify): all 32 letters and digits must be the same.',
  verifySignature: (fp) => `SIGNATURE
=========

Holdfast signed this export with the key of the vault it came from (SIGNATURE.json: ECDSA P-256,
covering manifest.json, the chain head, the custody log's head and the SHA-256 of every other file).
The key's fingerprint is:

    ${fp}

Compare it with the fingerprint shown on the page of the vault this bundle came from: all 32 letters
and digits must be the same. holdfast-verify checks the signature and prints the fingerprint on the
line "Key fingerprint:". A bundle changed after export, even with SHA256SUMS recomputed, fails it.
`,
  verifyTrustedTime: (tokens) => `TRUSTED TIME (RFC 3161)
=======================

Trusted time was on in this vault: an independent time-stamping authority signed the time at which
it saw a chain head. Holdfast sent it only that head's SHA-256 hash. A token for head #n shows that
records #1 to #n existed, exactly as they are, no later than the time it names.

${tokens.map((t) => `  ${t.file}: head #${t.seq}, ${t.tsaName}, ${t.genTime} (${t.url})`).join('\n')}

holdfast-verify checks each token itself (the authority's signature, that it names the head's hash,
the time). To check one with OpenSSL, get the certificate of the authority's CA from the authority
itself (its web site), save it as tsa-ca.pem, and run, with the head's hash as the digest:

${tokens.map((t) => `  openssl ts -verify -digest ${t.hash} -in ${t.file} -CAfile tsa-ca.pem`).join('\n')}

"Verification: OK" means the authority signed that hash at that time.
`,
  recordNo: (seq) => `record #${seq}`,
  entryNo: (seq) => `entry #${seq}`,
  notesAboutExport: 'Notes about this export',
  scopeAll: 'Everything in the vault',
  scopeRecords: (n) => `${n} selected record${n === 1 ? '' : 's'}`,
  scopeDates: (from, to) => `Captures from ${from ?? 'the first'} to ${to ? `before ${to}` : 'the last'} (UTC)`,
  scopePerson: (name, keys) => `${name}: captures by their ${keys} account key(s), journal entries about them, files added to those entries`,
  scopeAccounts: (label, accounts) => `${label ? `${label}: ` : ''}captures by ${accounts || 'nobody'}`,
  conduct: 'Course of conduct',
  conductIntro:
    'What happened, person by person: captures and journal entries together, counted by day, by hour of the day and by week. Captures count at the time the platform gave the item (else the capture time), in the local time of the computer that exported; journal entries at the time the person entered. Only the latest version of each journal entry counts; files the person added are evidence, not contacts, and are not counted. Each chart is followed by its numbers.',
  notAssigned: 'Not assigned to anyone',
  notAssignedIntro: 'Captures and journal entries whose account or entry is not assigned to a person.',
  personAccounts: 'Accounts',
  personIdentifiers: 'Other identifiers',
  period: 'Period',
  periodText: (first, last) => `${first} to ${last}`,
  noDates: 'no dated events',
  totals: 'Totals',
  totalsText: (c, j) => `${c} capture(s), ${j} journal entr${j === 1 ? 'y' : 'ies'}`,
  byPlatform: 'By platform',
  byKind: 'By kind',
  perDay: 'Contacts per day',
  byHour: 'Contacts by hour of the day',
  perWeek: 'Contacts per week',
  perDayNote: 'Days with at least one event (local dates).',
  byHourNote: 'Local hour 0–23; entries with no time of day are not counted here.',
  perWeekNote: 'Weeks start on Monday; empty weeks between the first and the last are shown.',
  day: 'Day',
  hour: 'Hour',
  weekOf: 'Week of',
  count: 'Count',
  chartAlt: (title) => `${title}: bar chart; the same numbers are in the table below.`,
  personTimeline: 'Timeline',
  personTimelineNote: 'Captures and journal entries in time order. Local time with its UTC offset, and UTC.',
  whenLocal: 'When (local)',
  whenUtc: 'UTC',
  kind: 'Kind',
  source: 'Source',
  sourceCapture: 'capture',
  sourceJournal: 'journal (added by the person)',
  shortText: 'Text',
  exhibit: 'Exhibit',
  more: (n) => `… and ${n} more (see the exhibits)`,
  summaryByAccount: 'Summary by account',
  summaryByAccountNote: 'Captures grouped by the account that wrote them (platform and account id, or handle when the page showed no id). First and last times are in UTC.',
  platform: 'Platform',
  handles: 'Handle(s)',
  names: 'Name(s)',
  accountIds: 'Account id(s)',
  firstLastCapture: 'First / last capture',
  firstLastItem: 'First / last item time',
  exhibits: 'Exhibits',
  noHandle: 'no handle',
  noneShown: 'none shown',
  capturedFromTo: (a, b) => `Captured from ${a} to ${b}`,
  itemTimesFromTo: (a, b) => `Item times from ${a} to ${b}`,
  timeline: 'All records in time order',
  timelineNote: 'Every exhibit in the order the platform or the person dated it (the capture time where there was no date).',
  itemTimeUtc: 'Item time (UTC)',
  capturedUtc: 'Captured (UTC)',
  author: 'Author',
  text: 'Text',
  exhibitNo: (n) => `Exhibit ${n}`,
  exhibitTitle: (kind, author, platform) => `${kind} by ${author} on ${platform}`,
  addedByPerson: 'added by the person',
  journalTitle: (kind) => `Journal entry: ${kind} (added by the person)`,
  addedFileTitle: (name) => `File added by the person: ${name}`,
  record: 'Record',
  shownOnPage: (t) => `(shown on the page as “${t}”)`,
  offsetNote: (o) => `(capturing computer's offset ${o})`,
  permalink: 'Permalink',
  none: 'none',
  pageUrl: 'Page URL',
  pageTitle: 'Page title',
  profileUrl: 'Profile URL',
  itemId: 'Platform item id',
  inReplyTo: 'In reply to',
  direction: 'Direction',
  participants: 'Participants',
  howRead: 'How it was read',
  siteReader: (a) => `site reader ${a}`,
  genericReader: 'generic (the page did not look as expected)',
  screenshotLabel: 'screenshot',
  screenshotPixel: 'the browser’s own picture of the screen',
  screenshotDom: 'redrawn from the page’s content (not a pixel copy of the screen; it may differ)',
  screenshotNone: 'none',
  screenshotClipped: 'only the visible part of the item',
  capturedWith: 'Captured with',
  quotedBy: (a) => `Quoted item by ${a}`,
  messagesVisible: (n) => `Messages visible in the conversation (${n})`,
  linksInItem: 'Links in the item',
  mediaInItem: 'Media in the item',
  fileCol: 'File',
  roleCol: 'Kind',
  sizeCol: 'Size',
  recordHash: 'Record hash',
  prevRecordHash: 'Previous record hash',
  importedNote: (at, seq, hash) => `Imported from another vault on ${at}; originally record #${seq} with hash ${hash}.`,
  pictureSkipped: (p, s) => `The picture ${p} (${s}) is not shown here to keep this report openable; open the file itself.`,
  pictureMissing: (p) => `The picture ${p} was missing from the vault at export time.`,
  pictureLink: 'Open the full picture (a file in this bundle)',
  pictureThumbNote: 'A reduced copy for reading; the exhibit is the file itself, whose hash is below.',
  screenshotOf: (n) => `Screenshot of exhibit ${n}`,
  entryId: 'Journal entry id',
  version: 'Version',
  versionOf: (v) => `version ${v}`,
  supersedes: 'Replaces record',
  whenHappened: 'When it happened',
  precision: 'How exact',
  precisionName: (p) => ({ exact: 'exact', about: 'approximate time', date: 'date only', unknown: 'time unknown' })[p] ?? p,
  person: 'Person',
  where: 'Where',
  whatHappened: 'What happened',
  effect: 'How it affected them',
  witnesses: 'Witnesses',
  reference: 'Police or report reference',
  linkedRecords: 'Linked records',
  recordedAt: 'Written into the vault (UTC)',
  originalName: 'Original file name (shown as text)',
  fileSize: 'Size',
  fileType: 'Type reported by the browser',
  fileModified: 'File’s own modification time',
  addedAt: 'Added to the vault (UTC)',
  addedToEntry: 'Added to journal entry',
  addedFileNote: 'This file was added by the person keeping the vault, not captured from a website. It was hashed the moment it was added.',
  unknownType: 'unknown',
  deletedHeading: 'Deleted records',
  deletedNote: 'These records were deleted by the person keeping the vault. Their content and files are gone; their place in the hash chain remains so the chain still verifies.',
  deletedAtCol: 'Deleted (UTC)',
  reasonCol: 'Reason given',
  deletedLine: (seq, what, c, d, reason) => `Record #${seq}: ${what}, captured ${c}, deleted ${d}${reason ? ` — reason given: ${reason}` : ''}`,
  endOfReport: (n, v, at) => `End of report. ${n} exhibit(s). Generated by Holdfast ${v} at ${at}.`,
  pdfPart: (p, n, ex) => `Part ${p} of ${n} of the PDF report: exhibits ${ex}. The course-of-conduct summary is in part 1 (report.pdf).`,
  pageOf: (i, n) => `Page ${i} of ${n}`,
  footer: (ex, at) => (ex ? `Exhibit ${ex} — Holdfast evidence report ${at}` : `Holdfast evidence report ${at}`),
  cont: 'cont.',
  replacementNote:
    'Some characters cannot be shown in this PDF’s standard font: accented letters were simplified and other characters (emoji, non-Latin scripts) are written as [U+code]. The exact text is in report.html and manifest.json.',
  filesAndHashes: 'Files and hashes (SHA-256)',
  profileFields: 'Profile fields',
  noteLabel: 'Note',
  screenshotCaption: (p) => `Screenshot (${p}):`,
  pictureNotPdf: (p, t) => `The picture ${p} (${t}) cannot be embedded in a PDF; open the file itself.`,
  pictureTooBig: (p, s) => `The picture ${p} (${s}) is not embedded, to keep this PDF a manageable size; open the file itself.`,
  pictureUnreadable: (p) => `The picture ${p} could not be read as an image, so it is not embedded; its file and hash are listed below.`,
  pictureReason: (p, r) => `The picture ${p} ${r}; open the file itself.`,
  kindName: (k) => KIND_EN[k] ?? k,
  platformReports: 'Reports to the platforms',
  platformReportsNote:
    'What the person reported to the platforms (or elsewhere), as they recorded it in Holdfast: where, when, the reference the platform gave, what came of it. This is their own record beside the evidence: no record hash covers it (reports.json, reports.csv).',
  reportedAtUtc: 'Reported (UTC)',
  reportRoute: 'Where it was reported',
  reportAbuse: 'Kind of abuse',
  reportAbout: 'About',
  reportReference: 'Reference',
  reportStatus: 'Status',
  reportHistory: 'Status history',
  reportNotes: 'Notes',
  reportAccount: 'Account',
  reportPerson: 'Person',
  reportRecords: 'Exhibits / records',
  contentRemovedOn: (d) => `Content found removed on ${d}`,
  recordsOutside: (n) => `${n} more record${n === 1 ? '' : 's'} outside this export`,
  deletedRecordRef: (seq) => `record #${seq} (deleted)`,
  statusName: (st) => STATUS_EN[st] ?? st,
  abuseName: (a) => ABUSE_EN[a] ?? a,
  reportsCount: (n, st) => `${n} report${n === 1 ? '' : 's'}${st ? ` (${st})` : ''}`,
  verifyText: (v) => `HOW TO CHECK THIS EVIDENCE BUNDLE
=================================

This bundle was exported by Holdfast ${v.version} on ${v.exportedAt} (UTC).
Export id: ${v.exportId}

Every file in the bundle is listed in the file SHA256SUMS with its SHA-256 hash (a 64-character
fingerprint). If even one byte of a file changed, its hash changes. The hashes of the captured
files were taken at the moment of capture and are also written in manifest.json, report.html and
report.pdf.
${v.encrypted ? '\nThis bundle is ENCRYPTED (AES-256). Open it with the password using 7-Zip (Windows), Keka or\nThe Unarchiver (macOS), or "7z x" (Linux). Some built-in unzip tools cannot open AES-encrypted ZIP\nfiles; that does not mean the file is damaged.\n' : ''}
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
      npx holdfast-verify ${v.bundleName}${v.encrypted ? ' --password <password>' : ''}
  It prints a plain report and ends with "RESULT: OK" only when every file, every record hash,
  the chain of records and the custody log all hold. Run it only from a Holdfast copy you trust:
  outside that folder, npx would look for a package of that name on the internet.

WHAT IS IN THE BUNDLE
  report.html                 the report to read or print (open it in any browser; it runs no scripts)
  report.pdf                  the same report as exhibits, with page numbers
  incidents.csv               one line per record, for spreadsheets
${v.caseFiles ? '  journal.csv                 one line per version of each journal entry the person wrote\n  people.json                 the people the person named, their accounts and identifiers\n  notes.json                  the person\'s notes on records (context, not evidence)\n  reports.json, reports.csv   the person\'s reports to the platforms: where, when, reference, outcome (context)\n' : ''}  artifacts/                  the captured files (screenshots, page HTML, extracted content) and the
                              files the person added themselves
  manifest.json               every record in full, with the hashes of its files and the hash chain
  custody-log.jsonl           the custody log: when each record was captured or added, viewed,
                              exported, deleted
  SHA256SUMS                  the SHA-256 of every other file in the bundle
  CERTIFICATION-TEMPLATE.txt  a certification form a qualified person can fill in and sign

HOW THE RECORDS ARE CHAINED
  Each record carries the hash of the record before it (prevHash) and its own hash (recordHash):
  the SHA-256 of the record written as canonical JSON (keys sorted, no spaces) without recordHash.
  Removing, reordering or editing any record breaks the chain. Journal entries and added files are
  records in the same chain; editing a journal entry adds a new version and keeps the old one.
  docs/export-format.md in the Holdfast source describes the format exactly.
`,
  certificationText: (c) => `CERTIFICATION OF DATA IDENTIFIED BY HASH VALUES — TEMPLATE
==========================================================

THIS IS A TEMPLATE, NOT LEGAL ADVICE. Whether and how a certification like this can be used
depends on the court and the jurisdiction. In United States federal courts it is modelled on
Federal Rules of Evidence 902(11) and 902(14) (records authenticated by a process of digital
identification, certified by a qualified person, with written notice to the other parties). Ask a
lawyer before relying on it. Only a person who is qualified to explain how the data was captured
and checked should sign it, and only after checking the hashes themselves.

Bundle: export id ${c.exportId}, exported ${c.exportedAt} (UTC) with Holdfast ${c.version}
Records in the bundle: ${c.records} (of which deleted: ${c.deleted}); files: ${c.artifacts}
Hash chain head: record #${c.headSeq}, ${c.headHash}
${c.fingerprint ? `Signed with the vault key whose fingerprint is: ${c.fingerprint}\n` : ''}
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
`,
};

export const TEXTS_ES: ReportTexts = {
  lang: 'es',
  reportTitle: 'Informe de pruebas',
  titleExported: (at) => `Informe de pruebas — exportado el ${at}`,
  intro:
    'Pruebas guardadas con Holdfast, una extensión del navegador para conservar pruebas: capturas de contenido en internet, y las entradas de diario y los archivos que la propia persona añadió. Empieza con un resumen del patrón de conducta por persona; después, cada registro aparece como un anexo con sus horas, direcciones y huellas SHA-256. Los archivos están en la carpeta artifacts/ de este paquete; VERIFY.txt explica cómo comprobarlos.',
  exportedBy: 'Exportado por',
  noName: '(sin nombre)',
  exportedAt: 'Exportado el',
  scope: 'Alcance',
  captures: 'Capturas',
  capturesExhibits: 'Anexos',
  journalEntries: 'Entradas del diario',
  addedFiles: 'Archivos añadidos por la persona',
  people: 'Personas',
  deletedRecords: 'Registros borrados',
  files: 'Archivos',
  accounts: 'Cuentas',
  tool: 'Herramienta',
  exportId: 'Identificador de la exportación',
  chainHead: 'Final de la cadena',
  custodyHead: 'Final del registro de custodia',
  keyFingerprint: 'Huella de la clave de la bóveda',
  keyFingerprintNote:
    'Holdfast firmó esta exportación con la clave de la bóveda de la que viene. Compare esta huella con la que se muestra en la página de esa bóveda (o la que muestra holdfast-verify): las 32 letras y cifras deben ser iguales.',
  verifySignature: (fp) => `FIRMA
=====

Holdfast firmó esta exportación con la clave de la bóveda de la que viene (SIGNATURE.json: ECDSA
P-256, que cubre manifest.json, el final de la cadena, el final del registro de custodia y el
SHA-256 de cada uno de los demás archivos). La huella de la clave es:

    ${fp}

Compárela con la huella que se muestra en la página de la bóveda de la que viene este paquete: las
32 letras y cifras deben ser iguales. holdfast-verify comprueba la firma y muestra la huella en la
línea "Key fingerprint:". Un paquete cambiado después de exportarlo, aunque se recalcule SHA256SUMS,
no la pasa.
`,
  verifyTrustedTime: (tokens) => `HORA DE CONFIANZA (RFC 3161)
============================

La hora de confianza estaba activada en esta bóveda: una autoridad de sellado de tiempo
independiente firmó la hora a la que vio un final de la cadena. Holdfast solo le envió el hash
SHA-256 de ese final. Un sello del final n.º n muestra que los registros n.º 1 a n.º n existían, tal
como están, no más tarde de la hora que indica.

${tokens.map((t) => `  ${t.file}: final n.º ${t.seq}, ${t.tsaName}, ${t.genTime} (${t.url})`).join('\n')}

holdfast-verify comprueba cada sello por sí mismo (la firma de la autoridad, que nombra el hash del
final, la hora). Para comprobar uno con OpenSSL, obtenga el certificado de la CA de la autoridad en
la propia autoridad (su sitio web), guárdelo como tsa-ca.pem y ejecute, con el hash del final como
digest:

${tokens.map((t) => `  openssl ts -verify -digest ${t.hash} -in ${t.file} -CAfile tsa-ca.pem`).join('\n')}

"Verification: OK" significa que la autoridad firmó ese hash a esa hora.
`,
  recordNo: (seq) => `registro n.º ${seq}`,
  entryNo: (seq) => `entrada n.º ${seq}`,
  notesAboutExport: 'Notas sobre esta exportación',
  scopeAll: 'Todo lo que hay en la bóveda',
  scopeRecords: (n) => `${n} registro(s) seleccionado(s)`,
  scopeDates: (from, to) => `Capturas desde ${from ?? 'la primera'} hasta ${to ? `antes de ${to}` : 'la última'} (UTC)`,
  scopePerson: (name, keys) => `${name}: capturas de sus ${keys} clave(s) de cuenta, entradas del diario sobre esa persona y archivos añadidos a esas entradas`,
  scopeAccounts: (label, accounts) => `${label ? `${label}: ` : ''}capturas de ${accounts || 'nadie'}`,
  conduct: 'Patrón de conducta',
  conductIntro:
    'Lo ocurrido, persona por persona: capturas y entradas del diario juntas, contadas por día, por hora del día y por semana. Las capturas cuentan en la hora que la plataforma dio al contenido (si no, la hora de captura), en la hora local del ordenador que exportó; las entradas del diario, en la hora que la persona indicó. Solo cuenta la última versión de cada entrada; los archivos añadidos son pruebas, no contactos, y no se cuentan. Cada gráfico va seguido de sus cifras.',
  notAssigned: 'Sin asignar a nadie',
  notAssignedIntro: 'Capturas y entradas del diario cuya cuenta o entrada no está asignada a ninguna persona.',
  personAccounts: 'Cuentas',
  personIdentifiers: 'Otros identificadores',
  period: 'Periodo',
  periodText: (first, last) => `del ${first} al ${last}`,
  noDates: 'sin hechos fechados',
  totals: 'Totales',
  totalsText: (c, j) => `${c} captura(s), ${j} entrada(s) del diario`,
  byPlatform: 'Por plataforma',
  byKind: 'Por tipo',
  perDay: 'Contactos por día',
  byHour: 'Contactos por hora del día',
  perWeek: 'Contactos por semana',
  perDayNote: 'Días con al menos un hecho (fechas locales).',
  byHourNote: 'Hora local de 0 a 23; las entradas sin hora no se cuentan aquí.',
  perWeekNote: 'Las semanas empiezan el lunes; se muestran las semanas vacías entre la primera y la última.',
  day: 'Día',
  hour: 'Hora',
  weekOf: 'Semana del',
  count: 'Número',
  chartAlt: (title) => `${title}: gráfico de barras; las mismas cifras están en la tabla siguiente.`,
  personTimeline: 'Cronología',
  personTimelineNote: 'Capturas y entradas del diario por orden de tiempo. Hora local con su diferencia respecto a UTC, y hora UTC.',
  whenLocal: 'Cuándo (hora local)',
  whenUtc: 'UTC',
  kind: 'Tipo',
  source: 'Origen',
  sourceCapture: 'captura',
  sourceJournal: 'diario (añadido por la persona)',
  shortText: 'Texto',
  exhibit: 'Anexo',
  more: (n) => `… y ${n} más (ver los anexos)`,
  summaryByAccount: 'Resumen por cuenta',
  summaryByAccountNote: 'Capturas agrupadas por la cuenta que las escribió (plataforma e identificador de cuenta, o nombre de usuario si la página no mostraba identificador). Horas en UTC.',
  platform: 'Plataforma',
  handles: 'Usuario(s)',
  names: 'Nombre(s)',
  accountIds: 'Identificador(es) de cuenta',
  firstLastCapture: 'Primera / última captura',
  firstLastItem: 'Primera / última hora del contenido',
  exhibits: 'Anexos',
  noHandle: 'sin usuario',
  noneShown: 'no se muestra ninguno',
  capturedFromTo: (a, b) => `Capturado del ${a} al ${b}`,
  itemTimesFromTo: (a, b) => `Horas del contenido del ${a} al ${b}`,
  timeline: 'Todos los registros por orden de tiempo',
  timelineNote: 'Cada anexo en el orden en que la plataforma o la persona lo fechó (la hora de captura si no había fecha).',
  itemTimeUtc: 'Hora del contenido (UTC)',
  capturedUtc: 'Capturado (UTC)',
  author: 'Autor/a',
  text: 'Texto',
  exhibitNo: (n) => `Anexo ${n}`,
  exhibitTitle: (kind, author, platform) => `${kind} de ${author} en ${platform}`,
  addedByPerson: 'añadido por la persona',
  journalTitle: (kind) => `Entrada del diario: ${kind} (añadida por la persona)`,
  addedFileTitle: (name) => `Archivo añadido por la persona: ${name}`,
  record: 'Registro',
  shownOnPage: (t) => `(la página lo mostraba como «${t}»)`,
  offsetNote: (o) => `(diferencia horaria del ordenador que capturó: ${o})`,
  permalink: 'Enlace permanente',
  none: 'ninguno',
  pageUrl: 'URL de la página',
  pageTitle: 'Título de la página',
  profileUrl: 'URL del perfil',
  itemId: 'Identificador en la plataforma',
  inReplyTo: 'En respuesta a',
  direction: 'Dirección',
  participants: 'Participantes',
  howRead: 'Cómo se leyó',
  siteReader: (a) => `lector del sitio ${a}`,
  genericReader: 'genérico (la página no tenía el aspecto esperado)',
  screenshotLabel: 'captura de pantalla',
  screenshotPixel: 'la imagen de la pantalla tomada por el propio navegador',
  screenshotDom: 'redibujada a partir del contenido de la página (no es una copia exacta de la pantalla; puede diferir)',
  screenshotNone: 'ninguna',
  screenshotClipped: 'solo la parte visible del contenido',
  capturedWith: 'Capturado con',
  quotedBy: (a) => `Contenido citado de ${a}`,
  messagesVisible: (n) => `Mensajes visibles en la conversación (${n})`,
  linksInItem: 'Enlaces del contenido',
  mediaInItem: 'Medios del contenido',
  fileCol: 'Archivo',
  roleCol: 'Tipo',
  sizeCol: 'Tamaño',
  recordHash: 'Huella del registro',
  prevRecordHash: 'Huella del registro anterior',
  importedNote: (at, seq, hash) => `Importado de otra bóveda el ${at}; originalmente registro n.º ${seq} con huella ${hash}.`,
  pictureSkipped: (p, s) => `La imagen ${p} (${s}) no se muestra aquí para que el informe se pueda abrir; abra el archivo.`,
  pictureMissing: (p) => `La imagen ${p} faltaba en la bóveda al exportar.`,
  pictureLink: 'Abrir la imagen completa (un archivo de este paquete)',
  pictureThumbNote: 'Copia reducida para leer; la prueba es el propio archivo, cuya huella figura abajo.',
  screenshotOf: (n) => `Captura de pantalla del anexo ${n}`,
  entryId: 'Identificador de la entrada',
  version: 'Versión',
  versionOf: (v) => `versión ${v}`,
  supersedes: 'Sustituye al registro',
  whenHappened: 'Cuándo ocurrió',
  precision: 'Exactitud',
  precisionName: (p) => ({ exact: 'exacta', about: 'hora aproximada', date: 'solo la fecha', unknown: 'hora desconocida' })[p] ?? p,
  person: 'Persona',
  where: 'Dónde',
  whatHappened: 'Qué ocurrió',
  effect: 'Cómo le afectó',
  witnesses: 'Testigos',
  reference: 'Referencia de denuncia o reporte',
  linkedRecords: 'Registros vinculados',
  recordedAt: 'Escrito en la bóveda (UTC)',
  originalName: 'Nombre original del archivo (como texto)',
  fileSize: 'Tamaño',
  fileType: 'Tipo indicado por el navegador',
  fileModified: 'Fecha de modificación del propio archivo',
  addedAt: 'Añadido a la bóveda (UTC)',
  addedToEntry: 'Añadido a la entrada del diario',
  addedFileNote: 'Este archivo lo añadió la persona que guarda la bóveda; no se capturó de un sitio web. Se calculó su huella en el momento de añadirlo.',
  unknownType: 'desconocido',
  deletedHeading: 'Registros borrados',
  deletedNote: 'La persona que guarda la bóveda borró estos registros. Su contenido y sus archivos ya no existen; su lugar en la cadena de huellas se mantiene para que la cadena siga verificándose.',
  deletedAtCol: 'Borrado (UTC)',
  reasonCol: 'Motivo indicado',
  deletedLine: (seq, what, c, d, reason) => `Registro n.º ${seq}: ${what}, capturado ${c}, borrado ${d}${reason ? ` — motivo indicado: ${reason}` : ''}`,
  endOfReport: (n, v, at) => `Fin del informe. ${n} anexo(s). Generado por Holdfast ${v} el ${at}.`,
  pdfPart: (p, n, ex) => `Parte ${p} de ${n} del informe en PDF: anexos ${ex}. El resumen del patrón de conducta está en la parte 1 (report.pdf).`,
  pageOf: (i, n) => `Página ${i} de ${n}`,
  footer: (ex, at) => (ex ? `Anexo ${ex} — informe de pruebas de Holdfast ${at}` : `Informe de pruebas de Holdfast ${at}`),
  cont: 'cont.',
  replacementNote:
    'Algunos caracteres no se pueden mostrar con la fuente estándar de este PDF: las letras con acento se simplificaron y otros caracteres (emoji, otras escrituras) se escriben como [U+código]. El texto exacto está en report.html y manifest.json.',
  filesAndHashes: 'Archivos y huellas (SHA-256)',
  profileFields: 'Campos del perfil',
  noteLabel: 'Nota',
  screenshotCaption: (p) => `Captura de pantalla (${p}):`,
  pictureNotPdf: (p, t) => `La imagen ${p} (${t}) no se puede incluir en un PDF; abra el archivo.`,
  pictureTooBig: (p, s) => `La imagen ${p} (${s}) no se incluye para que el PDF tenga un tamaño manejable; abra el archivo.`,
  pictureUnreadable: (p) => `La imagen ${p} no se pudo leer como imagen y no se incluye; su archivo y su huella figuran abajo.`,
  pictureReason: (p, r) => `La imagen ${p} ${r}; abra el archivo.`,
  kindName: (k) => KIND_ES[k] ?? k,
  platformReports: 'Denuncias a las plataformas',
  platformReportsNote:
    'Lo que la persona denunció a las plataformas (o en otro lugar), tal como lo anotó en Holdfast: dónde, cuándo, la referencia que dio la plataforma y qué resultó. Es su propio registro junto a las pruebas: ninguna huella de registro lo cubre (reports.json, reports.csv).',
  reportedAtUtc: 'Denunciado (UTC)',
  reportRoute: 'Dónde se denunció',
  reportAbuse: 'Tipo de abuso',
  reportAbout: 'Sobre',
  reportReference: 'Referencia',
  reportStatus: 'Estado',
  reportHistory: 'Historial del estado',
  reportNotes: 'Notas',
  reportAccount: 'Cuenta',
  reportPerson: 'Persona',
  reportRecords: 'Pruebas / registros',
  contentRemovedOn: (d) => `Contenido retirado (visto el ${d})`,
  recordsOutside: (n) => `${n} registro${n === 1 ? '' : 's'} más fuera de esta exportación`,
  deletedRecordRef: (seq) => `registro n.º ${seq} (borrado)`,
  statusName: (st) => STATUS_ES[st] ?? st,
  abuseName: (a) => ABUSE_ES[a] ?? a,
  reportsCount: (n, st) => `${n} denuncia${n === 1 ? '' : 's'}${st ? ` (${st})` : ''}`,
  verifyText: (v) => `CÓMO COMPROBAR ESTE PAQUETE DE PRUEBAS
======================================

Este paquete lo exportó Holdfast ${v.version} el ${v.exportedAt} (UTC).
Identificador de la exportación: ${v.exportId}

Cada archivo del paquete figura en el archivo SHA256SUMS con su huella SHA-256 (64 caracteres).
Si cambia un solo byte de un archivo, su huella cambia. Las huellas de los archivos capturados
se calcularon en el momento de la captura y también están en manifest.json, report.html y
report.pdf.
${v.encrypted ? '\nEste paquete está CIFRADO (AES-256). Ábralo con la contraseña usando 7-Zip (Windows), Keka o\nThe Unarchiver (macOS), o "7z x" (Linux). Algunas herramientas integradas no abren archivos ZIP\ncifrados con AES; eso no significa que el archivo esté dañado.\n' : ''}
Paso 1. Descomprima el archivo ZIP en una carpeta vacía.
Paso 2. Abra una terminal en esa carpeta (la que contiene SHA256SUMS) y ejecute la orden de su
        sistema. Cada línea debe terminar en "OK"; cualquier otro resultado significa que un
        archivo es distinto.

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

  Windows (Símbolo del sistema), un archivo cada vez:
      certutil -hashfile artifacts\\<carpeta>\\screenshot.png SHA256
      y compare el resultado con la línea de ese archivo en SHA256SUMS
      (algunas versiones de certutil escriben la huella con espacios o en mayúsculas; lo que
      cuenta son las letras y los números).

Paso 3 (opcional; lo comprueba todo, también la cadena de huellas y el registro de custodia):
  Con Node.js y una copia del código fuente de Holdfast (tras ejecutar "npm install" en ella),
  ejecute en la carpeta de Holdfast, indicando la ruta del archivo ZIP:
      npx holdfast-verify ${v.bundleName}${v.encrypted ? ' --password <contraseña>' : ''}
  Escribe un informe sencillo y termina con "RESULT: OK" solo si todos los archivos, todas las
  huellas de los registros, la cadena de registros y el registro de custodia son correctos.
  Ejecútelo solo desde una copia de Holdfast de confianza: fuera de esa carpeta, npx buscaría
  en internet un paquete con ese nombre.

QUÉ CONTIENE EL PAQUETE
  report.html                 el informe para leer o imprimir (se abre en cualquier navegador; no
                              ejecuta ningún programa)
  report.pdf                  el mismo informe como anexos, con números de página
  incidents.csv               una línea por registro, para hojas de cálculo
${v.caseFiles ? '  journal.csv                 una línea por versión de cada entrada del diario escrita por la persona\n  people.json                 las personas que la persona nombró, sus cuentas e identificadores\n  notes.json                  las notas de la persona sobre los registros (contexto, no pruebas)\n  reports.json, reports.csv   las denuncias de la persona a las plataformas: dónde, cuándo, referencia, resultado (contexto)\n' : ''}  artifacts/                  los archivos capturados (capturas de pantalla, HTML de la página,
                              contenido extraído) y los archivos que añadió la propia persona
  manifest.json               cada registro completo, con las huellas de sus archivos y la cadena
  custody-log.jsonl           el registro de custodia: cuándo se capturó o añadió, vio, exportó o
                              borró cada registro
  SHA256SUMS                  la huella SHA-256 de todos los demás archivos del paquete
  CERTIFICATION-TEMPLATE.txt  un modelo de certificación que una persona cualificada puede
                              rellenar y firmar

CÓMO SE ENCADENAN LOS REGISTROS
  Cada registro lleva la huella del registro anterior (prevHash) y la suya propia (recordHash):
  el SHA-256 del registro escrito como JSON canónico (claves ordenadas, sin espacios) sin
  recordHash. Quitar, reordenar o editar cualquier registro rompe la cadena. Las entradas del
  diario y los archivos añadidos son registros de la misma cadena; editar una entrada añade una
  versión nueva y conserva la anterior. docs/export-format.md, en el código fuente de Holdfast,
  describe el formato con exactitud.
`,
  certificationText: (c) => `CERTIFICACIÓN DE DATOS IDENTIFICADOS POR SUS HUELLAS (HASH) — MODELO
===================================================================

ESTO ES UN MODELO, NO ASESORAMIENTO JURÍDICO. Si se puede usar una certificación como esta, y
cómo, depende del tribunal y de la jurisdicción. Está inspirada en las Reglas Federales de
Prueba 902(11) y 902(14) de los tribunales federales de Estados Unidos (registros autenticados
mediante un proceso de identificación digital, certificados por una persona cualificada, con
notificación por escrito a las demás partes). Consulte a un/a abogado/a antes de usarla. Solo
debe firmarla una persona cualificada para explicar cómo se capturaron y comprobaron los datos,
y solo después de comprobar ella misma las huellas.

Paquete: identificador de exportación ${c.exportId}, exportado el ${c.exportedAt} (UTC) con Holdfast ${c.version}
Registros en el paquete: ${c.records} (de ellos borrados: ${c.deleted}); archivos: ${c.artifacts}
Final de la cadena de huellas: registro n.º ${c.headSeq}, ${c.headHash}
${c.fingerprint ? `Firmado con la clave de la bóveda cuya huella es: ${c.fingerprint}\n` : ''}
Yo, ____________________________________ (nombre completo), declaro:

1. Que soy ____________________________________ (cargo / cualificación) y conozco cómo se
   capturaron y guardaron los datos de este paquete, a saber: _____________________________
   ________________________________________________________________________________.

2. Que el __________________ (fecha) comprobé el paquete identificado arriba. Calculé la huella
   SHA-256 de cada archivo con ______________________________ (herramienta y versión) y cada
   huella coincidía con el valor indicado en los archivos SHA256SUMS y manifest.json del paquete.

3. Que las huellas SHA-256 identifican los datos: un archivo con la misma huella es, con certeza
   práctica, una copia exacta de los datos tal como eran cuando se registró la huella. El
   programa de captura registró la huella de cada archivo capturado en el momento de la captura.

4. Que los registros identificados por los números de anexo y de registro siguientes se
   capturaron de las direcciones (URL) y en las horas que indica el informe del paquete:
   ________________________________________________________________________________
   ________________________________________________________________________________

5. Que los registros se hicieron en el momento de los hechos que muestran, o cerca de él, por una
   persona con conocimiento de ellos, o a partir de información transmitida por ella, y se
   conservaron en el curso de ______________________________________________________
   (describa la práctica habitual, si procede).

Declaro bajo pena de perjurio, conforme a las leyes de ____________________, que lo anterior es
verdadero y correcto.

Firma: ____________________________________   Fecha: ____________________

Lugar: ____________________________________
`,
};

export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = { en: TEXTS_EN, es: TEXTS_ES };

export function reportTexts(language: ReportLanguage | undefined): ReportTexts {
  return REPORT_TEXTS[language ?? 'en'] ?? TEXTS_EN;
}
