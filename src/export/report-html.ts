/**
 * report.html: one self-contained, printable page. No scripts, no external requests (a CSP meta
 * forbids both; images are data: URIs), every captured string HTML-escaped, URLs shown as text
 * (never as links or resources). Produced as a stream of string chunks so screenshots are read
 * one at a time and the whole report never sits in memory.
 */
import { showText } from '../model/display';
import type { EvidenceRecord } from '../model/evidence';
import { platformName } from '../sites/registry';
import type { ManifestArtifact } from './format';
import {
  type Exhibit,
  describeAuthor,
  describeHandle,
  describeName,
  excerpt,
  formatBytes,
  formatUtc,
  inlineImageType,
  type ReportModel,
} from './report-model';

export interface HtmlReportOptions {
  /** Largest single image embedded (bytes). */
  maxImageBytes: number;
  /** Total image bytes embedded in the report; later images are referred to by path. */
  maxTotalImageBytes: number;
}

export const DEFAULT_HTML_REPORT_OPTIONS: HtmlReportOptions = {
  maxImageBytes: 20 * 1024 * 1024,
  maxTotalImageBytes: 250 * 1024 * 1024,
};

/** How many image bytes the report will embed (the budget applied to the screenshots' recorded sizes). */
export function plannedInlineImageBytes(model: ReportModel, options: HtmlReportOptions): number {
  let total = 0;
  for (const ex of model.exhibits) {
    for (const a of ex.artifacts) {
      if (a.role !== 'screenshot' || !inlineImageType(a.mediaType) || a.size > options.maxImageBytes) continue;
      if (total + a.size > options.maxTotalImageBytes) continue;
      total += a.size;
    }
  }
  return total;
}

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

/** The first bytes of every report.html: the CSP comes before anything else in the head. */
export const REPORT_HTML_START = `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
`;

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
  loadBytes: (artifact: ManifestArtifact) => Promise<Uint8Array | undefined>,
  options: HtmlReportOptions = DEFAULT_HTML_REPORT_OPTIONS,
  onRecord?: () => void,
): AsyncGenerator<string | Uint8Array> {
  const m = model.manifest;
  yield `${REPORT_HTML_START}<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence report — exported ${escapeHtml(formatUtc(m.exportedAt))}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  // Cover
  yield `<section class="cover">
<h1>Evidence report</h1>
<p>Captures of online content kept with Holdfast, an evidence-keeping browser extension. Each capture below is an
exhibit with its screenshot, addresses, times (UTC) and SHA-256 hashes. The files themselves are in the
<span class="mono">artifacts/</span> folder of this bundle; <span class="mono">VERIFY.txt</span> explains how to check them.</p>
<dl class="facts">
<dt>Exported by</dt><dd>${m.exportedBy ? escapeHtml(describeName(m.exportedBy)) : '<span class="note">(no name given)</span>'}</dd>
<dt>Exported at</dt><dd>${escapeHtml(formatUtc(m.exportedAt))}</dd>
<dt>Scope</dt><dd>${escapeHtml(model.scopeText)}</dd>
<dt>Captures</dt><dd>${model.exhibits.length}</dd>
<dt>Deleted records</dt><dd>${model.deleted.length}</dd>
<dt>Files</dt><dd>${m.counts.artifacts} (${escapeHtml(formatBytes(m.counts.artifactBytes))})</dd>
<dt>Accounts</dt><dd>${model.accounts.length}</dd>
<dt>Tool</dt><dd>Holdfast ${escapeHtml(m.tool.version)}</dd>
<dt>Export id</dt><dd class="mono">${escapeHtml(m.exportId)}</dd>
<dt>Chain head</dt><dd class="hash">record #${m.chain.head.seq}: ${escapeHtml(m.chain.head.hash)}</dd>
<dt>Custody log head</dt><dd class="hash">entry #${m.custody.head.seq}: ${escapeHtml(m.custody.head.hash)}</dd>
</dl>
${m.warnings.length ? `<h3>Notes about this export</h3><ul>${m.warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
</section>
`;
  // Summary per account
  yield `<section class="section"><h2>Summary by account</h2>
<p class="note">Captures grouped by the account that wrote them (platform and account id, or handle when the page showed no id). First and last times are in UTC.</p>
<table><thead><tr><th>Platform</th><th>Handle(s)</th><th>Name(s)</th><th>Account id(s)</th><th>Captures</th><th>First / last capture</th><th>First / last item time</th><th>Exhibits</th></tr></thead><tbody>
`;
  for (const a of model.accounts) {
    yield `<tr><td>${escapeHtml(a.platform)}</td><td>${escapeHtml(a.handles.map((h) => describeHandle(h)).join(', ') || '—')}</td><td>${escapeHtml(a.names.map((n) => describeName(n)).join(', ') || '—')}</td><td class="mono">${escapeHtml(a.accountIds.map((n) => describeName(n)).join(', ') || '—')}</td><td>${a.captures}</td><td>${escapeHtml(formatUtc(a.firstCapturedAt))}<br>${escapeHtml(formatUtc(a.lastCapturedAt))}</td><td>${escapeHtml(formatUtc(a.firstItemTime))}<br>${escapeHtml(formatUtc(a.lastItemTime))}</td><td>${escapeHtml(compactList(a.exhibits))}</td></tr>\n`;
  }
  yield `</tbody></table></section>\n`;

  // Timeline
  yield `<section class="section"><h2>Timeline</h2>
<p class="note">Every capture in the order the platform dated it (the capture time where the page showed no date).</p>
<table><thead><tr><th>Exhibit</th><th>Item time (UTC)</th><th>Captured (UTC)</th><th>Platform</th><th>Kind</th><th>Author</th><th>Text</th></tr></thead><tbody>
`;
  let rows = '';
  for (const ex of model.timeline) {
    const r = ex.record;
    rows += `<tr><td><a href="#exhibit-${ex.number}">${ex.number}</a></td><td>${escapeHtml(formatUtc(r.itemTime))}</td><td>${escapeHtml(formatUtc(r.capturedAt))}</td><td>${escapeHtml(r.platform)}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(describeAuthor(r.author))}</td><td>${escapeHtml(showText(excerpt(r.text)))}</td></tr>\n`;
    if (rows.length > 64 * 1024) {
      yield rows;
      rows = '';
    }
  }
  yield `${rows}</tbody></table></section>\n`;

  // Exhibits
  let embedded = 0;
  for (const ex of model.exhibits) {
    const chunks: string[] = [];
    yield exhibitHead(ex);
    for (const artifact of ex.artifacts) {
      const type = artifact.role === 'screenshot' ? inlineImageType(artifact.mediaType) : undefined;
      if (!type) continue;
      if (artifact.size > options.maxImageBytes || embedded + artifact.size > options.maxTotalImageBytes) {
        chunks.push(
          `<p class="warn">The picture ${escapeHtml(artifact.path)} (${escapeHtml(formatBytes(artifact.size))}) is not shown here to keep this report openable; open the file itself.</p>`,
        );
        continue;
      }
      const bytes = await loadBytes(artifact);
      if (!bytes) {
        chunks.push(`<p class="warn">The picture ${escapeHtml(artifact.path)} was missing from the vault at export time.</p>`);
        continue;
      }
      embedded += bytes.byteLength;
      yield `<img class="shot" alt="Screenshot of exhibit ${ex.number}" src="data:${type};base64,`;
      for (const part of base64Chunks(bytes)) yield part;
      yield `">\n`;
    }
    chunks.push(exhibitBody(ex));
    yield `${chunks.join('\n')}</article>\n`;
    onRecord?.();
  }

  if (model.deleted.length) {
    yield `<section class="section"><h2>Deleted records</h2>
<p class="note">These records were deleted by the person keeping the vault. Their content and files are gone; their place in the hash chain remains so the chain still verifies.</p>
<table><thead><tr><th>Record</th><th>Platform</th><th>Kind</th><th>Captured (UTC)</th><th>Deleted (UTC)</th><th>Reason given</th></tr></thead><tbody>
${model.deleted.map((r) => `<tr><td>#${r.seq}</td><td>${escapeHtml(r.platform)}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(formatUtc(r.capturedAt))}</td><td>${escapeHtml(formatUtc(r.deleted?.at))}</td><td>${escapeHtml(r.deleted?.reason ?? '')}</td></tr>`).join('\n')}
</tbody></table></section>
`;
  }
  yield `<footer class="note"><p>End of report. ${model.exhibits.length} exhibit(s). Generated by Holdfast ${escapeHtml(m.tool.version)} at ${escapeHtml(formatUtc(m.exportedAt))}.</p></footer>
</body>
</html>
`;
}

function exhibitHead(ex: Exhibit): string {
  const r = ex.record;
  return `<article class="exhibit" id="exhibit-${ex.number}">
<div class="exhibit-no">Exhibit ${ex.number}</div>
<h3>${escapeHtml(kindTitle(r))} by ${escapeHtml(describeAuthor(r.author))} on ${escapeHtml(platformName(r.platform))}</h3>
`;
}

function exhibitBody(ex: Exhibit): string {
  const r = ex.record;
  const c = r.content;
  const facts: [string, string][] = [
    ['Record', `#${r.seq} <span class="mono">${escapeHtml(r.id)}</span>`],
    ['Item time (UTC)', `${escapeHtml(formatUtc(r.itemTime))}${c?.itemTimeText ? ` <span class="note">(shown on the page as “${escapeHtml(c.itemTimeText)}”)</span>` : ''}`],
    ['Captured (UTC)', `${escapeHtml(formatUtc(r.capturedAt))} <span class="note">(capturing computer's offset ${escapeHtml(r.capturedAtOffset)})</span>`],
    ['Permalink', r.permalink ? `<span class="url">${escapeHtml(r.permalink)}</span>` : '<span class="note">none</span>'],
    ['Page URL', `<span class="url">${escapeHtml(r.pageUrl)}</span>`],
  ];
  if (r.pageTitle) facts.push(['Page title', escapeHtml(showText(r.pageTitle))]);
  facts.push(['Author', escapeHtml(describeAuthor(r.author))]);
  if (r.author?.profileUrl) facts.push(['Profile URL', `<span class="url">${escapeHtml(r.author.profileUrl)}</span>`]);
  if (c?.itemId) facts.push(['Platform item id', `<span class="mono">${escapeHtml(c.itemId)}</span>`]);
  if (c?.inReplyTo) facts.push(['In reply to', `<span class="url">${escapeHtml(c.inReplyTo)}</span>`]);
  if (c?.direction) facts.push(['Direction', `${escapeHtml(c.direction)}${c.senderDerivation ? ` <span class="note">(${escapeHtml(c.senderDerivation)})</span>` : ''}`]);
  if (c?.participants?.length) facts.push(['Participants', escapeHtml(c.participants.map((p) => describeAuthor(p)).join('; '))]);
  facts.push([
    'How it was read',
    `${r.extraction.method === 'adapter' ? `site reader ${escapeHtml(r.extraction.adapter ?? '')}` : 'generic (the page did not look as expected)'}; screenshot: ${escapeHtml(screenshotText(r))}`,
  ]);
  facts.push(['Captured with', `Holdfast ${escapeHtml(r.tool.version)}, ${escapeHtml(r.tool.browser)}`]);
  const parts: string[] = [`<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`];
  if (r.text !== undefined && r.text !== '') parts.push(`<div class="text">${escapeHtml(showText(r.text))}</div>`);
  if (c?.fields && Object.keys(c.fields).length) {
    parts.push(`<table><tbody>${Object.entries(c.fields).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`);
  }
  if (c?.quoted) {
    parts.push(`<p><strong>Quoted item</strong> by ${escapeHtml(describeAuthor(c.quoted.author))}${c.quoted.permalink ? ` — <span class="url">${escapeHtml(c.quoted.permalink)}</span>` : ''}</p>`);
    if (c.quoted.text) parts.push(`<div class="text">${escapeHtml(showText(c.quoted.text))}</div>`);
  }
  if (c?.messages?.length) {
    parts.push(`<p><strong>Messages visible in the conversation (${c.messages.length})</strong></p>`);
    for (const msg of c.messages) {
      parts.push(
        `<div class="message"><span class="note">${escapeHtml(formatUtc(msg.itemTime))} — ${escapeHtml(describeAuthor(msg.author))}${msg.direction ? ` (${escapeHtml(msg.direction)})` : ''}</span><div class="text">${escapeHtml(showText(msg.text))}</div></div>`,
      );
    }
  }
  const links = c?.links ?? [];
  if (links.length) parts.push(`<p><strong>Links in the item</strong></p><ul>${links.map((l) => `<li>${escapeHtml(l.text)} — <span class="url">${escapeHtml(l.href)}</span></li>`).join('')}</ul>`);
  if (r.media.length) {
    parts.push(`<p><strong>Media in the item</strong></p><ul>${r.media.map((md) => `<li>${escapeHtml(md.type)}: <span class="url">${escapeHtml(md.url)}</span>${md.alt ? ` — “${escapeHtml(md.alt)}”` : ''}</li>`).join('')}</ul>`);
  }
  const warnings = [...new Set([...(r.extraction.warnings ?? []), ...(c?.warnings ?? [])])];
  if (warnings.length) parts.push(`<ul>${warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`).join('')}</ul>`);
  parts.push(
    `<table><thead><tr><th>File</th><th>Kind</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>${ex.artifacts
      .map(
        (a) =>
          `<tr><td class="mono">${escapeHtml(a.path)}</td><td>${escapeHtml(a.role)}</td><td>${a.size}</td><td class="hash">${escapeHtml(a.sha256)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  parts.push(
    `<dl class="facts"><dt>Record hash</dt><dd class="hash">${escapeHtml(r.chain.recordHash)}</dd><dt>Previous record hash</dt><dd class="hash">${escapeHtml(r.chain.prevHash)}</dd></dl>`,
  );
  if (r.imported) {
    parts.push(
      `<p class="note">Imported from another vault${r.imported.bundle ? ` (${escapeHtml(r.imported.bundle)})` : ''} on ${escapeHtml(formatUtc(r.imported.at))}; originally record #${r.imported.originalSeq} with hash <span class="hash">${escapeHtml(r.imported.originalRecordHash)}</span>.</p>`,
    );
  }
  return parts.join('\n');
}

export function screenshotText(r: EvidenceRecord): string {
  const s = r.screenshot;
  const base =
    s.method === 'pixel'
      ? 'the browser’s own picture of the screen'
      : s.method === 'dom-render'
        ? 'redrawn from the page’s content (not a pixel copy of the screen; it may differ)'
        : 'none';
  return `${base}${s.clipped ? '; only the visible part of the item' : ''}${s.note ? `; ${s.note}` : ''}`;
}

export function kindTitle(r: Pick<EvidenceRecord, 'kind'>): string {
  switch (r.kind) {
    case 'post':
      return 'Post';
    case 'reply':
      return 'Reply';
    case 'comment':
      return 'Comment';
    case 'profile':
      return 'Profile';
    case 'dm-message':
      return 'Direct message';
    case 'dm-thread':
      return 'Direct-message conversation';
    default:
      return 'Page';
  }
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
