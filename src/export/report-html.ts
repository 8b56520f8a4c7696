/**
 * report.html: one self-contained, printable page. No scripts, no external requests (a CSP meta
 * forbids both; images are data: URIs), every captured string HTML-escaped, URLs shown as text
 * (never as links or resources). Produced as a stream of string chunks so screenshots are read
 * one at a time and the whole report never sits in memory.
 */
import { showText } from '../model/display';
import type { EvidenceRecord } from '../model/evidence';
import { platformName } from '../sites/registry';
import { type ManifestArtifact, REPORT_LANGUAGES, type ReportLanguage } from './format';
import type { ExportedReport } from './platform-reports';
import { type ConductSection, dayBars, eventTimes, timelineOf } from './report-conduct';
import {
  describeAuthor,
  describeHandle,
  describeName,
  type Exhibit,
  excerpt,
  formatBytes,
  formatUtc,
  inlineImageType,
  type ReportModel,
  reportsOfPerson,
} from './report-model';
import { type ReportTexts, TEXTS_EN } from './report-texts';

export interface HtmlReportOptions {
  /** Largest single picture embedded (bytes of what is embedded: the reduced copy when there is one). */
  maxImageBytes: number;
  /** Total picture bytes embedded in the report; later pictures are linked only. */
  maxTotalImageBytes: number;
}

export const DEFAULT_HTML_REPORT_OPTIONS: HtmlReportOptions = {
  maxImageBytes: 2 * 1024 * 1024,
  maxTotalImageBytes: 100 * 1024 * 1024,
};

/**
 * A picture for the report: a reduced copy (thumbnail), or the file itself when it is small; undefined when there is
 * neither (the report then links the file). `missing` when the vault had no bytes for it.
 */
export type PictureLoader = (artifact: ManifestArtifact) => Promise<{ bytes: Uint8Array; mediaType: string; reduced: boolean } | 'missing' | undefined>;

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The first bytes of every report.html (in its language): the CSP comes before anything else in the head. */
export function reportHtmlStart(lang: ReportLanguage): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
`;
}

/** The English start (every format-1 report.html begins with it). */
export const REPORT_HTML_START = reportHtmlStart('en');
/** Every start the verifier accepts, one per report language (all the same length up to the language code). */
export const REPORT_HTML_STARTS: readonly string[] = REPORT_LANGUAGES.map(reportHtmlStart);

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** Base64 of bytes as ASCII bytes, in slices, so no giant string is ever built (and no slow btoa). */
export function* base64Chunks(bytes: Uint8Array, sliceBytes = 3 * 65536): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += sliceBytes) {
    const end = Math.min(offset + sliceBytes, bytes.byteLength);
    const out = new Uint8Array(Math.ceil((end - offset) / 3) * 4);
    let o = 0;
    let i = offset;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out[o++] = B64[n >>> 18]!;
      out[o++] = B64[(n >>> 12) & 63]!;
      out[o++] = B64[(n >>> 6) & 63]!;
      out[o++] = B64[n & 63]!;
    }
    if (i < end) {
      const n = (bytes[i]! << 16) | (i + 1 < end ? bytes[i + 1]! << 8 : 0);
      out[o++] = B64[n >>> 18]!;
      out[o++] = B64[(n >>> 12) & 63]!;
      out[o++] = i + 1 < end ? B64[(n >>> 6) & 63]! : 61;
      out[o++] = 61;
    }
    yield out;
  }
}

const STYLE = `
*{box-sizing:border-box}
body{font:11pt/1.45 Georgia,'Times New Roman',serif;color:#111;margin:0;padding:2rem;max-width:60rem}
h1{font-size:20pt;margin:0 0 1rem}h2{font-size:15pt;margin:2rem 0 .6rem;border-bottom:1px solid #999}
h3{font-size:12.5pt;margin:1rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top;font-size:9.5pt}
th{background:#eee}
dl.facts{display:grid;grid-template-columns:11rem 1fr;gap:.15rem .8rem;margin:.4rem 0}
dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
.mono,.hash{font-family:'Courier New',Courier,monospace;font-size:8.5pt;word-break:break-all}
.url{font-family:'Courier New',Courier,monospace;font-size:9pt;word-break:break-all}
.text{white-space:pre-wrap;border-left:3px solid #666;padding:.4rem .8rem;background:#f6f6f6;margin:.5rem 0;overflow-wrap:anywhere}
.note{font-size:9pt;color:#444}
.warn{font-size:9.5pt;color:#7a2200}
.shot{max-width:100%;border:1px solid #999;margin:.5rem 0;display:block}
.cover{margin-bottom:1rem}
.exhibit{margin-top:2.5rem;padding-top:1rem;border-top:3px double #333}
.exhibit-no{font-size:16pt;font-weight:bold;letter-spacing:.05em}
.message{margin:.4rem 0 .4rem 1rem}
.thumb{max-width:32rem}
.conduct{margin:1rem 0 2rem}
.chart-box{margin:.6rem 0 1rem;break-inside:avoid}
.chart{display:block;height:10rem;border:1px solid #ccc;background:#fafafa}
table.compact{width:auto}
table.compact td,table.compact th{padding:.1rem .5rem}
table.numbers caption{text-align:left;font-size:9pt;color:#444}
@page{size:auto;margin:18mm 15mm}
@media print{
 body{padding:0;max-width:none;font-size:10.5pt}
 .cover{min-height:0;break-after:page}
 .section{break-before:page}
 .exhibit{break-before:page;border-top:none;margin-top:0}
 .shot{max-height:230mm;width:auto;break-inside:avoid}
 tr,dl.facts,.message{break-inside:avoid}
 h2,h3{break-after:avoid}
}`;

export async function* renderHtmlReport(
  model: ReportModel,
  loadPicture: PictureLoader,
  options: HtmlReportOptions = DEFAULT_HTML_REPORT_OPTIONS,
  onRecord?: () => void,
): AsyncGenerator<string | Uint8Array> {
  const m = model.manifest;
  const T = model.texts;
  yield `${reportHtmlStart(T.lang)}<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(T.titleExported(formatUtc(m.exportedAt)))}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  // Cover
  const facts: [string, string][] = [
    [T.exportedBy, m.exportedBy ? escapeHtml(describeName(m.exportedBy)) : `<span class="note">${escapeHtml(T.noName)}</span>`],
    [T.exportedAt, escapeHtml(formatUtc(m.exportedAt))],
    [T.scope, escapeHtml(model.scopeText)],
    [T.capturesExhibits, String(model.exhibits.length)],
  ];
  if (m.counts.journalVersions !== undefined) facts.push([T.journalEntries, `${m.counts.journalEntries ?? 0} (${escapeHtml(T.versionOf(m.counts.journalVersions))})`]);
  if (m.counts.addedFiles !== undefined) facts.push([T.addedFiles, String(m.counts.addedFiles)]);
  if (m.counts.people !== undefined) facts.push([T.people, String(m.counts.people)]);
  facts.push(
    [T.deletedRecords, String(model.deleted.length)],
    [T.files, `${m.counts.artifacts} (${escapeHtml(formatBytes(m.counts.artifactBytes))})`],
    [T.accounts, String(model.accounts.length)],
    [T.tool, `Holdfast ${escapeHtml(m.tool.version)}`],
  );
  yield `<section class="cover">
<h1>${escapeHtml(T.reportTitle)}</h1>
<p>${escapeHtml(T.intro)}</p>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('\n')}
<dt>${escapeHtml(T.exportId)}</dt><dd class="mono">${escapeHtml(m.exportId)}</dd>
<dt>${escapeHtml(T.chainHead)}</dt><dd class="hash">${escapeHtml(T.recordNo(m.chain.head.seq))}: ${escapeHtml(m.chain.head.hash)}</dd>
<dt>${escapeHtml(T.custodyHead)}</dt><dd class="hash">${escapeHtml(T.entryNo(m.custody.head.seq))}: ${escapeHtml(m.custody.head.hash)}</dd>
${m.signing ? `<dt>${escapeHtml(T.keyFingerprint)}</dt><dd class="mono" id="key-fingerprint">${escapeHtml(m.signing.fingerprint)}</dd>` : ''}
</dl>
${m.signing ? `<p>${escapeHtml(T.keyFingerprintNote)}</p>` : ''}
${m.warnings.length ? `<h3>${escapeHtml(T.notesAboutExport)}</h3><ul>${m.warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
</section>
`;

  // Course of conduct, per person, then what is assigned to nobody.
  if (model.conduct.length) {
    yield `<section class="section"><h2>${escapeHtml(T.conduct)}</h2>\n<p class="note">${escapeHtml(T.conductIntro)}</p>\n`;
    for (const [i, section] of model.conduct.entries()) yield* conductHtml(model, section, i);
    yield `</section>\n`;
  }

  // Summary per account (captures)
  if (model.accounts.length) {
    yield `<section class="section"><h2>${escapeHtml(T.summaryByAccount)}</h2>
<p class="note">${escapeHtml(T.summaryByAccountNote)}</p>
<table><thead><tr><th>${escapeHtml(T.platform)}</th><th>${escapeHtml(T.handles)}</th><th>${escapeHtml(T.names)}</th><th>${escapeHtml(T.accountIds)}</th><th>${escapeHtml(T.captures)}</th><th>${escapeHtml(T.firstLastCapture)}</th><th>${escapeHtml(T.firstLastItem)}</th><th>${escapeHtml(T.exhibits)}</th></tr></thead><tbody>
`;
    let rows = '';
    for (const a of model.accounts) {
      rows += `<tr><td>${escapeHtml(a.platform)}</td><td>${escapeHtml(a.handles.map((h) => describeHandle(h)).join(', ') || '—')}</td><td>${escapeHtml(a.names.map((n) => describeName(n)).join(', ') || '—')}</td><td class="mono">${escapeHtml(a.accountIds.map((n) => describeName(n)).join(', ') || '—')}</td><td>${a.captures}</td><td>${escapeHtml(formatUtc(a.firstCapturedAt))}<br>${escapeHtml(formatUtc(a.lastCapturedAt))}</td><td>${escapeHtml(formatUtc(a.firstItemTime))}<br>${escapeHtml(formatUtc(a.lastItemTime))}</td><td>${escapeHtml(compactList(a.exhibits))}</td></tr>\n`;
      if (rows.length > 64 * 1024) {
        yield rows;
        rows = '';
      }
    }
    yield `${rows}</tbody></table></section>\n`;
  }

  // Reports to the platforms (issue #14)
  if (model.reports.length) yield platformReportsHtml(model);

  // Exhibits
  let embedded = 0;
  for (const ex of model.exhibits) {
    const notes: string[] = [];
    yield exhibitHead(model, ex);
    for (const artifact of ex.artifacts) {
      const picture = artifact.role === 'screenshot' || (artifact.role === 'added' && inlineImageType(artifact.mediaType));
      if (!picture || !inlineImageType(artifact.mediaType)) continue;
      const link = `<a class="file-link" href="${escapeHtml(artifact.path)}">${escapeHtml(T.pictureLink)}: <span class="mono">${escapeHtml(artifact.path)}</span></a>`;
      const loaded = await loadPicture(artifact);
      if (loaded === 'missing') {
        notes.push(`<p class="warn">${escapeHtml(T.pictureMissing(artifact.path))}</p>`);
        continue;
      }
      const type = loaded && inlineImageType(loaded.mediaType);
      if (!loaded || !type || loaded.bytes.byteLength > options.maxImageBytes || embedded + loaded.bytes.byteLength > options.maxTotalImageBytes) {
        yield `<p>${link}</p>\n`;
        continue;
      }
      embedded += loaded.bytes.byteLength;
      yield `<a href="${escapeHtml(artifact.path)}"><img class="shot${loaded.reduced ? ' thumb' : ''}" alt="${escapeHtml(T.screenshotOf(ex.number))}" src="data:${type};base64,`;
      for (const part of base64Chunks(loaded.bytes)) yield part;
      yield `"></a>\n`;
      yield `<p class="note">${loaded.reduced ? `${escapeHtml(T.pictureThumbNote)} ` : ''}${link}</p>\n`;
    }
    notes.push(exhibitBody(model, ex));
    yield `${notes.join('\n')}</article>\n`;
    onRecord?.();
  }

  if (model.deleted.length) {
    yield `<section class="section"><h2>${escapeHtml(T.deletedHeading)}</h2>
<p class="note">${escapeHtml(T.deletedNote)}</p>
<table><thead><tr><th>${escapeHtml(T.record)}</th><th>${escapeHtml(T.platform)}</th><th>${escapeHtml(T.kind)}</th><th>${escapeHtml(T.capturedUtc)}</th><th>${escapeHtml(T.deletedAtCol)}</th><th>${escapeHtml(T.reasonCol)}</th></tr></thead><tbody>
`;
    let rows = '';
    for (const r of model.deleted) {
      rows += `<tr><td>#${r.seq}</td><td>${escapeHtml(r.platform)}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(formatUtc(r.capturedAt))}</td><td>${escapeHtml(formatUtc(r.deleted?.at))}</td><td>${escapeHtml(r.deleted?.reason ?? '')}</td></tr>\n`;
      if (rows.length > 64 * 1024) {
        yield rows;
        rows = '';
      }
    }
    yield `${rows}</tbody></table></section>\n`;
  }
  yield `<footer class="note"><p>${escapeHtml(T.endOfReport(model.exhibits.length, m.tool.version, formatUtc(m.exportedAt)))}</p></footer>
</body>
</html>
`;
}

/** "2 sent, 1 content removed": the statuses of some reports, in the order statuses go. */
export function statusCounts(reports: readonly ExportedReport[], T: ReportTexts): string {
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${T.statusName(status)}`).join(', ');
}

/** Where a report's records are: exhibit links (live records), or the record's number (deleted ones). */
function reportRecordsHtml(model: ReportModel, r: ExportedReport): string {
  const parts = r.recordIds.map((id, i) => {
    const ex = model.exhibitOf.get(id);
    return ex ? `<a href="#exhibit-${ex.number}">${escapeHtml(model.texts.exhibit)} ${ex.number}</a>` : escapeHtml(model.texts.deletedRecordRef(r.recordSeqs[i] ?? model.seqOf.get(id) ?? 0));
  });
  if (r.recordsOutside) parts.push(escapeHtml(model.texts.recordsOutside(r.recordsOutside)));
  return parts.join(', ') || '—';
}

/** The "Reports to the platforms" section: one table row per report; every text the person typed shown as text. */
export function platformReportsHtml(model: ReportModel): string {
  const T = model.texts;
  const text = (v: string | undefined) => (v ? escapeHtml(describeName(v)) : '—');
  let out = `<section class="section" id="platform-reports"><h2>${escapeHtml(T.platformReports)}</h2>
<p class="note">${escapeHtml(T.platformReportsNote)}</p>
<table><thead><tr><th>${escapeHtml(T.reportedAtUtc)}</th><th>${escapeHtml(T.platform)}</th><th>${escapeHtml(T.reportRoute)}</th><th>${escapeHtml(T.reportAbout)}</th><th>${escapeHtml(T.reportReference)}</th><th>${escapeHtml(T.reportStatus)}</th><th>${escapeHtml(T.reportNotes)}</th></tr></thead><tbody>
`;
  for (const r of model.reports) {
    const route = [r.routeLabel ?? r.routeId, r.abuse && `${T.reportAbuse}: ${T.abuseName(r.abuse)}`].filter((x): x is string => !!x);
    const about = [
      `${escapeHtml(T.reportRecords)}: ${reportRecordsHtml(model, r)}`,
      r.account ? `${escapeHtml(T.reportAccount)}: ${text(r.account)}` : '',
      r.personName || r.personId ? `${escapeHtml(T.reportPerson)}: ${text(r.personName ?? r.personId)}` : '',
      ...r.permalinks.map((l) => `<span class="mono">${escapeHtml(describeName(l))}</span>`),
    ].filter(Boolean);
    const history = r.history.map((h) => `${T.statusName(h.status)} ${formatUtc(h.at)}`).join('; ');
    const status = [
      `<strong>${escapeHtml(T.statusName(r.status))}</strong>`,
      r.contentRemovedOn ? escapeHtml(T.contentRemovedOn(r.contentRemovedOn)) : '',
      `<span class="note">${escapeHtml(T.reportHistory)}: ${escapeHtml(history)}</span>`,
    ].filter(Boolean);
    out += `<tr id="report-${escapeHtml(r.id)}"><td>${escapeHtml(formatUtc(r.reportedAt))}</td><td>${escapeHtml(r.platform === 'other' ? '—' : platformName(r.platform))}</td><td>${route.map((x) => escapeHtml(describeName(x))).join('<br>') || '—'}${r.routeUrl ? `<br><span class="mono">${escapeHtml(describeName(r.routeUrl))}</span>` : ''}</td><td>${about.join('<br>')}</td><td class="mono">${text(r.reference)}</td><td>${status.join('<br>')}</td><td>${r.notes ? escapeHtml(showText(r.notes)).replace(/\n/g, '<br>') : '—'}</td></tr>\n`;
  }
  return `${out}</tbody></table></section>\n`;
}

/** A person's (or nobody's) course of conduct: period, totals, charts with their tables, timeline. */
function* conductHtml(model: ReportModel, section: ConductSection, index: number): Generator<string> {
  const T = model.texts;
  const person = section.person;
  const p = section.period;
  const id = `conduct-${index + 1}`;
  let head = `<div class="conduct" id="${id}"><h3>${escapeHtml(person ? describeName(person.name) : T.notAssigned)}</h3>\n`;
  if (!person) head += `<p class="note">${escapeHtml(T.notAssignedIntro)}</p>\n`;
  const facts: [string, string][] = [];
  if (person) {
    const accounts = person.identifiers.filter((i) => i.account).map((i) => `${platformName(i.account!.platform)} ${i.account!.handle ? describeHandle(`@${i.account!.handle}`) : ''}${i.account!.accountId ? ` (id ${describeName(i.account!.accountId)})` : ''}`.trim());
    const others = person.identifiers.filter((i) => !i.account).map((i) => `${i.type}: ${describeName(i.value ?? '')}${i.where ? ` (${describeName(i.where)})` : ''}`);
    if (accounts.length) facts.push([T.personAccounts, escapeHtml(accounts.join('; '))]);
    if (others.length) facts.push([T.personIdentifiers, escapeHtml(others.join('; '))]);
  }
  facts.push([T.period, escapeHtml(p.first && p.last ? T.periodText(p.first, p.last) : T.noDates)]);
  facts.push([T.totals, escapeHtml(T.totalsText(p.captures, p.journal))]);
  facts.push([T.byPlatform, escapeHtml(section.byPlatform.map((c) => `${platformName(c.key)}: ${c.count}`).join(', '))]);
  facts.push([T.byKind, escapeHtml(section.byKind.map((c) => `${T.kindName(c.key)}: ${c.count}`).join(', '))]);
  if (person) {
    const reports = reportsOfPerson(model.reports, person, new Set(section.events.map((e) => e.id)));
    if (reports.length) facts.push([T.platformReports, `<a href="#platform-reports">${escapeHtml(T.reportsCount(reports.length, statusCounts(reports, T)))}</a>`]);
  }
  head += `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>\n`;
  yield head;

  const days = dayBars(section.byDay);
  yield chartHtml(T.perDay, T.perDayNote, days.map((d) => ({ label: d.day, count: d.count })), T.day, T.count, T);
  yield chartHtml(
    T.byHour,
    T.byHourNote,
    section.byHour.map((count, hour) => ({ label: String(hour).padStart(2, '0'), count })),
    T.hour,
    T.count,
    T,
  );
  yield chartHtml(T.perWeek, T.perWeekNote, section.byWeek.map((w) => ({ label: w.week, count: w.count })), T.weekOf, T.count, T);

  // Timeline
  yield `<h4>${escapeHtml(T.personTimeline)}</h4>\n<p class="note">${escapeHtml(T.personTimelineNote)}</p>\n<table><thead><tr><th>${escapeHtml(T.whenLocal)}</th><th>${escapeHtml(T.whenUtc)}</th><th>${escapeHtml(T.source)}</th><th>${escapeHtml(T.kind)}</th><th>${escapeHtml(T.shortText)}</th><th>${escapeHtml(T.exhibit)}</th></tr></thead><tbody>\n`;
  let rows = '';
  for (const e of timelineOf(section.events, (rid) => model.seqOf.get(rid) ?? 0)) {
    const ex = model.exhibitOf.get(e.id);
    if (!ex) continue;
    const times = eventTimes(ex.record, e);
    rows += `<tr><td>${escapeHtml(times.local)}</td><td>${escapeHtml(times.utc)}</td><td>${escapeHtml(e.source === 'journal' ? T.sourceJournal : T.sourceCapture)}</td><td>${escapeHtml(T.kindName(e.kind))}</td><td>${escapeHtml(showText(excerpt(ex.record.text ?? ex.record.content?.text, 100)))}</td><td><a href="#exhibit-${ex.number}">${ex.number}</a></td></tr>\n`;
    if (rows.length > 64 * 1024) {
      yield rows;
      rows = '';
    }
  }
  yield `${rows}</tbody></table></div>\n`;
}

/** A bar chart as inline SVG (no script, no request) followed by the same numbers as a table. */
export function chartHtml(title: string, note: string, bars: Array<{ label: string; count: number }>, labelHead: string, countHead: string, T: ReportTexts): string {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const n = Math.max(bars.length, 1);
  const width = 720;
  const height = 160;
  const top = 10;
  const bottom = 24;
  const left = 36;
  const plotW = width - left - 6;
  const plotH = height - top - bottom;
  const barW = plotW / n;
  let svg = `<svg class="chart" role="img" aria-label="${escapeHtml(T.chartAlt(title))}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">`;
  svg += `<line x1="${left}" y1="${top + plotH}" x2="${width - 6}" y2="${top + plotH}" stroke="#333" stroke-width="1"/>`;
  svg += `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end">${max}</text><text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end">0</text>`;
  bars.forEach((b, i) => {
    const h = (b.count / max) * plotH;
    if (b.count > 0) svg += `<rect x="${(left + i * barW + barW * 0.1).toFixed(2)}" y="${(top + plotH - h).toFixed(2)}" width="${Math.max(barW * 0.8, 0.5).toFixed(2)}" height="${h.toFixed(2)}" fill="#444"><title>${escapeHtml(b.label)}: ${b.count}</title></rect>`;
  });
  const every = Math.max(1, Math.ceil(n / 12));
  bars.forEach((b, i) => {
    if (i % every === 0) svg += `<text x="${(left + i * barW + barW / 2).toFixed(2)}" y="${height - 8}" font-size="9" text-anchor="middle">${escapeHtml(b.label)}</text>`;
  });
  svg += '</svg>';
  const cells = bars.filter((b) => b.count > 0 || bars.length <= 24);
  const table = `<table class="compact numbers"><caption>${escapeHtml(title)}</caption><thead><tr><th>${escapeHtml(labelHead)}</th><th>${escapeHtml(countHead)}</th></tr></thead><tbody>${cells.map((b) => `<tr><td>${escapeHtml(b.label)}</td><td>${b.count}</td></tr>`).join('')}</tbody></table>`;
  return `<figure class="chart-box"><figcaption><strong>${escapeHtml(title)}</strong> <span class="note">${escapeHtml(note)}</span></figcaption>${svg}${table}</figure>\n`;
}

function exhibitHead(model: ReportModel, ex: Exhibit): string {
  const r = ex.record;
  const T = model.texts;
  const title = r.journal
    ? T.journalTitle(T.kindName(r.journal.kind))
    : r.addedFile
      ? T.addedFileTitle(describeName(r.addedFile.name))
      : T.exhibitTitle(kindTitle(r, T), describeAuthor(r.author), platformName(r.platform));
  return `<article class="exhibit" id="exhibit-${ex.number}">
<div class="exhibit-no">${escapeHtml(T.exhibitNo(ex.number))}</div>
<h3>${escapeHtml(title)}</h3>
`;
}

function seqList(model: ReportModel, ids: readonly string[]): string {
  return ids.map((id) => (model.seqOf.has(id) ? `#${model.seqOf.get(id)}${model.exhibitOf.has(id) ? ` (${model.texts.exhibit} ${model.exhibitOf.get(id)!.number})` : ''}` : id)).join(', ');
}

function caseFacts(model: ReportModel, r: EvidenceRecord): [string, string][] | undefined {
  const T = model.texts;
  const e = escapeHtml;
  if (r.journal) {
    const j = r.journal;
    const facts: [string, string][] = [
      [T.record, `#${r.seq} <span class="mono">${e(r.id)}</span> — ${e(T.addedByPerson)}`],
      [T.entryId, `<span class="mono">${e(j.entryId)}</span>`],
      [T.version, e(String(j.version))],
    ];
    if (j.supersedes) facts.push([T.supersedes, e(seqList(model, [j.supersedes]))]);
    facts.push([T.whenHappened, e(eventTimes(r, { id: r.id, source: 'journal', platform: r.platform, kind: j.kind, personIds: [] }).local)]);
    if (j.when.utc) facts.push([T.whenUtc, e(formatUtc(j.when.utc))]);
    facts.push([T.precision, e(T.precisionName(j.when.precision))]);
    facts.push([T.kind, e(T.kindName(j.kind))]);
    const person = j.personId ? model.people.find((p) => p.id === j.personId) : undefined;
    if (j.personName || person) facts.push([T.person, e(describeName(person?.name ?? j.personName ?? ''))]);
    if (j.where) facts.push([T.where, e(showText(j.where))]);
    if (j.witnesses) facts.push([T.witnesses, e(showText(j.witnesses))]);
    if (j.reference) facts.push([T.reference, e(showText(j.reference))]);
    if (j.links?.length) facts.push([T.linkedRecords, e(seqList(model, j.links))]);
    facts.push([T.recordedAt, `${e(formatUtc(r.capturedAt))} <span class="note">${e(T.offsetNote(r.capturedAtOffset))}</span>`]);
    return facts;
  }
  if (r.addedFile) {
    const f = r.addedFile;
    const facts: [string, string][] = [
      [T.record, `#${r.seq} <span class="mono">${e(r.id)}</span> — ${e(T.addedByPerson)}`],
      [T.originalName, e(describeName(f.name))],
      [T.fileSize, e(formatBytes(f.size))],
      [T.fileType, e(f.type || T.unknownType)],
    ];
    if (f.lastModified) facts.push([T.fileModified, e(formatUtc(f.lastModified))]);
    facts.push([T.addedAt, `${e(formatUtc(f.addedAt))} <span class="note">${e(T.offsetNote(r.capturedAtOffset))}</span>`]);
    if (f.entryId) facts.push([T.addedToEntry, `<span class="mono">${e(f.entryId)}</span>`]);
    return facts;
  }
  return undefined;
}

function exhibitBody(model: ReportModel, ex: Exhibit): string {
  const r = ex.record;
  const c = r.content;
  const T = model.texts;
  const special = caseFacts(model, r);
  const facts: [string, string][] = special ?? [
    [T.record, `#${r.seq} <span class="mono">${escapeHtml(r.id)}</span>`],
    [T.itemTimeUtc, `${escapeHtml(formatUtc(r.itemTime))}${c?.itemTimeText ? ` <span class="note">${escapeHtml(T.shownOnPage(c.itemTimeText))}</span>` : ''}`],
    [T.capturedUtc, `${escapeHtml(formatUtc(r.capturedAt))} <span class="note">${escapeHtml(T.offsetNote(r.capturedAtOffset))}</span>`],
    [T.permalink, r.permalink ? `<span class="url">${escapeHtml(r.permalink)}</span>` : `<span class="note">${escapeHtml(T.none)}</span>`],
    [T.pageUrl, `<span class="url">${escapeHtml(r.pageUrl)}</span>`],
  ];
  if (!special) {
    if (r.pageTitle) facts.push([T.pageTitle, escapeHtml(showText(r.pageTitle))]);
    facts.push([T.author, escapeHtml(describeAuthor(r.author))]);
    if (r.author?.profileUrl) facts.push([T.profileUrl, `<span class="url">${escapeHtml(r.author.profileUrl)}</span>`]);
    if (c?.itemId) facts.push([T.itemId, `<span class="mono">${escapeHtml(c.itemId)}</span>`]);
    if (c?.inReplyTo) facts.push([T.inReplyTo, `<span class="url">${escapeHtml(c.inReplyTo)}</span>`]);
    if (c?.direction) facts.push([T.direction, `${escapeHtml(c.direction)}${c.senderDerivation ? ` <span class="note">(${escapeHtml(c.senderDerivation)})</span>` : ''}`]);
    if (c?.participants?.length) facts.push([T.participants, escapeHtml(c.participants.map((p) => describeAuthor(p)).join('; '))]);
    facts.push([
      T.howRead,
      `${escapeHtml(r.extraction.method === 'adapter' ? T.siteReader(r.extraction.adapter ?? '') : T.genericReader)}; ${escapeHtml(T.screenshotLabel)}: ${escapeHtml(screenshotText(r, T))}`,
    ]);
    facts.push([T.capturedWith, `Holdfast ${escapeHtml(r.tool.version)}, ${escapeHtml(r.tool.browser)}`]);
  }
  const parts: string[] = [`<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`];
  if (r.addedFile) parts.push(`<p class="note">${escapeHtml(T.addedFileNote)}</p>`);
  if (r.journal) {
    if (r.text) parts.push(`<p><strong>${escapeHtml(T.whatHappened)}</strong></p><div class="text">${escapeHtml(showText(r.text))}</div>`);
    if (r.journal.effect) parts.push(`<p><strong>${escapeHtml(T.effect)}</strong></p><div class="text">${escapeHtml(showText(r.journal.effect))}</div>`);
  } else if (!r.addedFile && r.text !== undefined && r.text !== '') {
    parts.push(`<div class="text">${escapeHtml(showText(r.text))}</div>`);
  }
  if (c?.fields && Object.keys(c.fields).length) {
    parts.push(`<table><tbody>${Object.entries(c.fields).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`);
  }
  if (c?.quoted) {
    parts.push(`<p><strong>${escapeHtml(T.quotedBy(describeAuthor(c.quoted.author)))}</strong>${c.quoted.permalink ? ` — <span class="url">${escapeHtml(c.quoted.permalink)}</span>` : ''}</p>`);
    if (c.quoted.text) parts.push(`<div class="text">${escapeHtml(showText(c.quoted.text))}</div>`);
  }
  if (c?.messages?.length) {
    parts.push(`<p><strong>${escapeHtml(T.messagesVisible(c.messages.length))}</strong></p>`);
    for (const msg of c.messages) {
      parts.push(
        `<div class="message"><span class="note">${escapeHtml(formatUtc(msg.itemTime))} — ${escapeHtml(describeAuthor(msg.author))}${msg.direction ? ` (${escapeHtml(msg.direction)})` : ''}</span><div class="text">${escapeHtml(showText(msg.text))}</div></div>`,
      );
    }
  }
  const links = c?.links ?? [];
  if (links.length) parts.push(`<p><strong>${escapeHtml(T.linksInItem)}</strong></p><ul>${links.map((l) => `<li>${escapeHtml(l.text)} — <span class="url">${escapeHtml(l.href)}</span></li>`).join('')}</ul>`);
  if (r.media.length) {
    parts.push(`<p><strong>${escapeHtml(T.mediaInItem)}</strong></p><ul>${r.media.map((md) => `<li>${escapeHtml(md.type)}: <span class="url">${escapeHtml(md.url)}</span>${md.alt ? ` — “${escapeHtml(md.alt)}”` : ''}</li>`).join('')}</ul>`);
  }
  const warnings = [...new Set([...(r.extraction?.warnings ?? []), ...(c?.warnings ?? [])])];
  if (warnings.length) parts.push(`<ul>${warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`).join('')}</ul>`);
  parts.push(
    `<table><thead><tr><th>${escapeHtml(T.fileCol)}</th><th>${escapeHtml(T.roleCol)}</th><th>${escapeHtml(T.sizeCol)}</th><th>SHA-256</th></tr></thead><tbody>${ex.artifacts
      .map(
        (a) =>
          `<tr><td class="mono">${escapeHtml(a.path)}</td><td>${escapeHtml(a.role === 'added' ? `${a.role} (${T.addedByPerson})` : a.role)}</td><td>${a.size}</td><td class="hash">${escapeHtml(a.sha256)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  parts.push(
    `<dl class="facts"><dt>${escapeHtml(T.recordHash)}</dt><dd class="hash">${escapeHtml(r.chain.recordHash)}</dd><dt>${escapeHtml(T.prevRecordHash)}</dt><dd class="hash">${escapeHtml(r.chain.prevHash)}</dd></dl>`,
  );
  if (r.imported) {
    parts.push(`<p class="note">${escapeHtml(T.importedNote(formatUtc(r.imported.at), r.imported.originalSeq, r.imported.originalRecordHash))}</p>`);
  }
  return parts.join('\n');
}

export function screenshotText(r: EvidenceRecord, T: ReportTexts = TEXTS_EN): string {
  const s = r.screenshot;
  const base = s.method === 'pixel' ? T.screenshotPixel : s.method === 'dom-render' ? T.screenshotDom : T.screenshotNone;
  return `${base}${s.clipped ? `; ${T.screenshotClipped}` : ''}${s.note ? `; ${s.note}` : ''}`;
}

export function kindTitle(r: Pick<EvidenceRecord, 'kind'>, T: ReportTexts = TEXTS_EN): string {
  return T.kindName(r.kind);
}

/** The platform's name from the site descriptors ("the web" for any other site). */
export { platformName };

/** "1–3, 7, 9–10" */
export function compactList(numbers: number[]): string {
  const out: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (start !== undefined && prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (start !== undefined) out.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = n;
    prev = n;
  }
  if (start !== undefined) out.push(start === prev ? `${start}` : `${start}–${prev}`);
  return out.join(', ');
}
