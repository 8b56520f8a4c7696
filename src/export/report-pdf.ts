/**
 * report.pdf: the report as exhibits (pdf-lib, standard fonts only, so no font files are bundled).
 * Standard fonts only encode Windows-1252; other characters never crash the export: accented
 * letters are simplified and anything else is written as [U+XXXX], with a note on the page.
 * Every URL and every artifact's SHA-256 is drawn as text, so `pdftotext` finds them.
 * Screenshots (PNG/JPEG) are embedded within a memory budget; beyond it the page names the file.
 */
import {
  type PDFContentStream,
  PDFDocument,
  type PDFFont,
  PDFName,
  PDFPage,
  PDFRawStream,
  PDFRef,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { showText } from '../model/display';
import type { EvidenceRecord } from '../model/evidence';
import type { ManifestArtifact } from './format';
import type { ExportedReport } from './platform-reports';
import { pngForPdf } from './png';
import { type ConductSection, dayBars, eventTimes, timelineOf } from './report-conduct';
import { kindTitle, platformName, screenshotText, statusCounts } from './report-html';
import { describeAuthor, describeHandle, describeName, type Exhibit, excerpt, formatBytes, formatUtc, type ReportModel, reportsOfPerson } from './report-model';
import { type ReportTexts, TEXTS_EN } from './report-texts';

export interface PdfReportOptions {
  maxImageBytes: number;
  maxTotalImageBytes: number;
  /** PNGs larger than this many pixels are not embedded (they are decoded in memory). */
  maxImagePixels: number;
  /** Limit for the PNGs only pdf-lib's slow pure-JS decoder can read (palette, 16-bit, interlaced). */
  maxSlowImagePixels: number;
  /** Exhibits per PDF file: a larger report is split into report.pdf, report-2.pdf … (pdf-lib holds a whole file). */
  exhibitsPerFile: number;
}

/** Which part of a report in several PDF files this one is: exhibits [from, to) of the model's list (0-based). */
export interface PdfPart {
  part: number;
  parts: number;
  from: number;
  to: number;
}

export const DEFAULT_PDF_REPORT_OPTIONS: PdfReportOptions = {
  maxImageBytes: 15 * 1024 * 1024,
  maxTotalImageBytes: 120 * 1024 * 1024,
  maxImagePixels: 40_000_000,
  maxSlowImagePixels: 4_000_000,
  exhibitsPerFile: 1000,
};

/** A picture ready to draw: an image XObject in the document. */
interface Picture {
  width: number;
  height: number;
  draw(page: PDFPage, box: { x: number; y: number; width: number; height: number }): void;
}

/** Markers the standard fonts can draw: [U+202E]. */
const ASCII = { ascii: true } as const;
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const FOOTER = 30;
const GREY = rgb(0.35, 0.35, 0.35);
const DARK_RED = rgb(0.5, 0.12, 0);


/** Makes text encodable by a standard font. `replaced` is set when anything had to change. */
export function makeSanitizer(font: PDFFont): { clean(text: string): string; replaced: boolean; reset(): void } {
  const charset = new Set(font.getCharacterSet());
  const state = {
    replaced: false,
    reset() {
      state.replaced = false;
    },
    clean(text: string): string {
      let out = '';
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (charset.has(cp)) {
          out += ch;
          continue;
        }
        if (ch === '\t') {
          out += '    ';
          continue;
        }
        if (ch === '\r' || ch === '\n') {
          out += ' ';
          continue;
        }
        if (cp === 0xa0 || cp === 0x2007 || cp === 0x202f) {
          out += ' ';
          continue;
        }
        const simplified = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
        state.replaced = true;
        if (simplified && simplified !== ch && [...simplified].every((c) => charset.has(c.codePointAt(0)!))) {
          out += simplified;
        } else {
          out += `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
        }
      }
      return out;
    },
  };
  return state;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

class Layout {
  page!: PDFPage;
  y = 0;
  /** For each page: the exhibit it belongs to (0 = front matter). */
  readonly pageExhibit: number[] = [];
  currentExhibit = 0;
  readonly width = A4[0] - 2 * MARGIN;
  private readonly sanitizers: Map<PDFFont, ReturnType<typeof makeSanitizer>>;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly T: ReportTexts = TEXTS_EN,
  ) {
    this.sanitizers = new Map([fonts.regular, fonts.bold, fonts.mono].map((f) => [f, makeSanitizer(f)]));
  }

  get replaced(): boolean {
    return [...this.sanitizers.values()].some((s) => s.replaced);
  }

  resetReplaced(): void {
    for (const s of this.sanitizers.values()) s.reset();
  }

  newPage(): void {
    if (this.page) freezePage(this.doc, this.page);
    this.page = appendPage(this.doc);
    this.pageExhibit.push(this.currentExhibit);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page when less than `height` points remain. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Wrapped text; long words (URLs, hashes) are broken at the line width. */
  text(
    value: string,
    options: { font?: PDFFont; size?: number; indent?: number; color?: ReturnType<typeof rgb>; lineGap?: number } = {},
  ): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const lineHeight = size * 1.3 + (options.lineGap ?? 0);
    const clean = this.sanitizers.get(font)!.clean;
    const maxWidth = this.width - indent;
    for (const paragraph of value.split(/\r?\n/)) {
      const lines = wrap(clean(paragraph), font, size, maxWidth);
      for (const line of lines) {
        this.ensure(lineHeight);
        this.y -= lineHeight;
        if (line) drawString(this.page, line, { x: MARGIN + indent, y: this.y + size * 0.25, size, font, color: options.color ?? rgb(0, 0, 0) });
      }
    }
  }

  /** "Label   value" in two columns; the value wraps within its column. */
  field(label: string, value: string, options: { mono?: boolean } = {}): void {
    const labelWidth = 120;
    const labelSize = 9;
    const font = options.mono ? this.fonts.mono : this.fonts.regular;
    const size = options.mono ? 8 : 9.5;
    const lineHeight = Math.max(labelSize, size) * 1.35;
    const clean = this.sanitizers.get(font)!.clean;
    const lines = (value || '—').split(/\r?\n/).flatMap((p) => wrap(clean(p), font, size, this.width - labelWidth));
    this.ensure(lineHeight * Math.min(lines.length, 3));
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      if (i === 0 || this.y > A4[1] - MARGIN - lineHeight * 1.5) {
        const text = this.sanitizers.get(this.fonts.bold)!.clean(i === 0 ? label : `${label} (${this.T.cont})`);
        drawString(this.page, text, { x: MARGIN, y: this.y + 2, size: labelSize, font: this.fonts.bold });
      }
      if (line) drawString(this.page, line, { x: MARGIN + labelWidth, y: this.y + 2, size, font });
    });
    this.space(2);
  }

  heading(value: string, size = 14): void {
    this.ensure(size * 3);
    this.space(size * 0.6);
    this.text(value, { font: this.fonts.bold, size });
    this.space(size * 0.3);
  }

  /** A bar chart drawn with vector rectangles (no picture), with its title and note. */
  chart(title: string, note: string, bars: ReadonlyArray<{ label: string; count: number }>): void {
    const height = 110;
    this.ensure(height + 40);
    this.text(title, { font: this.fonts.bold, size: 10 });
    this.text(note, { size: 8, color: GREY });
    this.space(4);
    const top = this.y;
    const left = MARGIN + 24;
    const plotW = this.width - 24;
    const plotH = height - 18;
    const base = top - plotH;
    const max = Math.max(1, ...bars.map((b) => b.count));
    const n = Math.max(bars.length, 1);
    const barW = plotW / n;
    const small = this.fonts.regular;
    drawRule(this.page, { x1: left, y1: base, x2: left + plotW, y2: base, width: 0.6, gray: 0.2 });
    drawString(this.page, String(max), { x: MARGIN, y: top - 7, size: 7, font: small, color: GREY });
    drawString(this.page, '0', { x: MARGIN, y: base, size: 7, font: small, color: GREY });
    bars.forEach((b, i) => {
      if (b.count <= 0) return;
      const h = (b.count / max) * plotH;
      drawBox(this.page, { x: left + i * barW + barW * 0.1, y: base, width: Math.max(barW * 0.8, 0.3), height: h, fill: 0.27 });
    });
    const every = Math.max(1, Math.ceil(n / 10));
    const clean = this.sanitizers.get(small)!.clean;
    bars.forEach((b, i) => {
      if (i % every !== 0) return;
      const label = clean(b.label);
      const w = small.widthOfTextAtSize(label, 6.5);
      drawString(this.page, label, { x: left + i * barW + barW / 2 - w / 2, y: base - 9, size: 6.5, font: small, color: GREY });
    });
    this.y = base - 16;
  }

  /** The numbers of a chart, several "label: count" columns per line. */
  numbers(labelHead: string, countHead: string, rows: ReadonlyArray<{ label: string; count: number }>): void {
    if (!rows.length) return;
    this.text(`${labelHead} — ${countHead}`, { size: 7.5, color: GREY });
    const perLine = 6;
    for (let i = 0; i < rows.length; i += perLine) {
      this.text(
        rows
          .slice(i, i + perLine)
          .map((r) => `${r.label}: ${r.count}`)
          .join('   '),
        { size: 7.5, font: this.fonts.mono },
      );
    }
    this.space(6);
  }

  /** Draws a picture at its on-screen size (CSS pixels at 0.75 pt), shrunk to fit the page. */
  image(image: Picture, devicePixelRatio: number): void {
    const maxHeight = A4[1] - 2 * MARGIN - FOOTER - 20;
    const dpr = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
    let w = Math.min((image.width / dpr) * 0.75, this.width);
    let h = (image.height * w) / image.width;
    if (h > maxHeight) {
      h = maxHeight;
      w = (image.width * h) / image.height;
    }
    // Start a new page rather than shrink a picture into a sliver at the bottom.
    if (this.y - h < MARGIN + FOOTER) this.newPage();
    this.y -= h;
    image.draw(this.page, { x: MARGIN, y: this.y, width: w, height: h });
    drawBox(this.page, { x: MARGIN, y: this.y, width: w, height: h, stroke: 0.35, lineWidth: 0.5 });
    this.space(8);
  }
}

/**
 * Resource names. pdf-lib's own drawText and drawImage add a new, randomly named entry to the page's resources on every
 * call (thousands per report), and its PDFName.of keeps every name it ever made for the life of the page (the
 * extension page): a leak that grew with every export. Here each page names its three fonts and its pictures with
 * fixed names (F1–F3, Im1, Im2 …), the same on every page.
 */
const FONT_KEYS = new WeakMap<PDFPage, Map<PDFRef, PDFName>>();
const IMAGE_KEYS = new WeakMap<PDFPage, number>();

function fontKey(page: PDFPage, font: PDFFont): PDFName {
  let keys = FONT_KEYS.get(page);
  if (!keys) {
    keys = new Map();
    FONT_KEYS.set(page, keys);
  }
  let key = keys.get(font.ref);
  if (!key) {
    key = PDFName.of(`F${keys.size + 1}`);
    page.node.setFontDictionary(key, font.ref);
    keys.set(font.ref, key);
  }
  return key;
}

function imageKey(page: PDFPage, ref: PDFRef): PDFName {
  const n = (IMAGE_KEYS.get(page) ?? 0) + 1;
  IMAGE_KEYS.set(page, n);
  const key = PDFName.of(`Im${n}`);
  page.node.setXObject(key, ref);
  return key;
}

/**
 * Page content written as PDF operators in plain text, a page at a time (turned into one content stream when the page
 * is done, see freezePage). pdf-lib's own drawing made a dozen objects per line of text (operators, numbers, hex
 * strings): most of the memory the export of a large report used.
 */
const PAGE_OPS = new WeakMap<PDFPage, string[]>();

function ops(page: PDFPage): string[] {
  let list = PAGE_OPS.get(page);
  if (!list) {
    list = [];
    PAGE_OPS.set(page, list);
  }
  return list;
}

const n2 = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(2)).toString() : '0');

/** WinAnsiEncoding (the standard fonts' encoding) of U+0080–U+FFFF characters outside Latin-1's identical range. */
const WIN_ANSI = new Map<number, number>([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);
const HEX = '0123456789ABCDEF';

/** Hex string of text in WinAnsiEncoding; the text is already limited to the font's characters (makeSanitizer). */
export function winAnsiHex(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const code = cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) ? cp : (WIN_ANSI.get(cp) ?? 0x3f);
    out += HEX[code >> 4]! + HEX[code & 15]!;
  }
  return out;
}

/** One line of text (already encodable by the font) at a place. */
function drawString(
  page: PDFPage,
  text: string,
  options: { x: number; y: number; size: number; font: PDFFont; color?: ReturnType<typeof rgb> },
): void {
  const c = options.color ?? rgb(0, 0, 0);
  ops(page).push(
    `BT ${n2(c.red)} ${n2(c.green)} ${n2(c.blue)} rg /${fontKey(page, options.font).asString().slice(1)} ${n2(options.size)} Tf 1 0 0 1 ${n2(options.x)} ${n2(options.y)} Tm <${winAnsiHex(text)}> Tj ET`,
  );
}

/** A filled (`fill` grey level) and/or outlined (`stroke` grey level) rectangle. */
function drawBox(page: PDFPage, b: { x: number; y: number; width: number; height: number; fill?: number; stroke?: number; lineWidth?: number }): void {
  const rect = `${n2(b.x)} ${n2(b.y)} ${n2(b.width)} ${n2(b.height)} re`;
  if (b.fill !== undefined) ops(page).push(`q ${n2(b.fill)} g ${rect} f Q`);
  if (b.stroke !== undefined) ops(page).push(`q ${n2(b.stroke)} G ${n2(b.lineWidth ?? 1)} w ${rect} S Q`);
}

function drawRule(page: PDFPage, l: { x1: number; y1: number; x2: number; y2: number; width: number; gray: number }): void {
  ops(page).push(`q ${n2(l.gray)} G ${n2(l.width)} w ${n2(l.x1)} ${n2(l.y1)} m ${n2(l.x2)} ${n2(l.y2)} l S Q`);
}

function drawPicture(page: PDFPage, name: PDFName, box: { x: number; y: number; width: number; height: number }): void {
  ops(page).push(`q ${n2(box.width)} 0 0 ${n2(box.height)} ${n2(box.x)} ${n2(box.y)} cm /${name.asString().slice(1)} Do Q`);
}

/**
 * Adds an A4 page at the end, as `doc.addPage` does but in constant time: pdf-lib's addPage walks
 * every page already in the tree to find the end (quadratic: seconds for a 10,000-page report).
 * The report only ever appends, so the page goes straight to the end of the root's Kids. Relies on
 * pdf-lib 1.17's private `pageMap`/`pageCache`/`pageCount` (pinned); falls back to addPage.
 */
function appendPage(doc: PDFDocument): PDFPage {
  const internals = doc as unknown as {
    pageMap?: Map<unknown, PDFPage>;
    pageCache?: { invalidate(): void };
    pageCount?: number;
  };
  const pagesRef = doc.catalog.get(PDFName.of('Pages'));
  if (!(pagesRef instanceof PDFRef) || !(internals.pageMap instanceof Map) || typeof internals.pageCache?.invalidate !== 'function') {
    return doc.addPage(A4);
  }
  const count = doc.getPageCount();
  const page = PDFPage.create(doc);
  page.setSize(A4[0], A4[1]);
  doc.catalog.Pages().pushLeafNode(page.ref);
  page.node.setParent(pagesRef);
  internals.pageMap.set(page.node, page);
  internals.pageCache.invalidate();
  internals.pageCount = count + 1;
  return page;
}

/**
 * Turns a finished page's drawing operators into bytes now instead of at save: pdf-lib
 * keeps every operator as objects until then (about 100 KB per page), which made a 10,000-page
 * report take gigabytes. Later drawing on the page (the footer) goes into a new content stream.
 * Relies on pdf-lib 1.17's PDFPage fields `contentStream`/`contentStreamRef` (the version is pinned;
 * the report tests would show lost text if they changed).
 */
function freezePage(doc: PDFDocument, page: PDFPage): void {
  const list = PAGE_OPS.get(page);
  if (list?.length) {
    page.node.addContentStream(doc.context.register(doc.context.stream(list.join('\n'))));
    PAGE_OPS.delete(page);
  }
  const internals = page as unknown as { contentStream?: PDFContentStream; contentStreamRef?: PDFRef };
  const { contentStream, contentStreamRef } = internals;
  if (!contentStream || !contentStreamRef || typeof contentStream.getUnencodedContents !== 'function') return;
  // Not compressed here: pako's deflate allocated some 300 KB of buffers per page (gigabytes of garbage for a large
  // report); the bundle deflates the whole PDF file instead, to about the same size.
  doc.context.assign(contentStreamRef, doc.context.stream(contentStream.getUnencodedContents()));
  internals.contentStream = undefined;
  internals.contentStreamRef = undefined;
}

/**
 * Text widths without re-measuring whole lines: a string's width in a standard font is the sum of
 * its characters' widths plus a kerning adjustment for each adjacent pair, so each character's
 * width and each pair's adjustment are measured once (with pdf-lib, per font and size) and lines
 * are measured by adding up. Measuring `line + word` again for every word made wrapping quadratic
 * and was a large part of the PDF report's time.
 */
interface Measurer {
  /** Width of `s` alone. */
  width(s: string): number;
  /** What putting `a` (last character) before `b` (first character) adds beyond their widths. */
  join(a: string, b: string): number;
}

const measurers = new WeakMap<PDFFont, Map<number, Measurer>>();

function measurer(font: PDFFont, size: number): Measurer {
  let bySize = measurers.get(font);
  if (!bySize) {
    bySize = new Map();
    measurers.set(font, bySize);
  }
  let m = bySize.get(size);
  if (m) return m;
  const chars = new Map<string, number>();
  const pairs = new Map<string, number>();
  const char = (c: string) => {
    let w = chars.get(c);
    if (w === undefined) {
      w = font.widthOfTextAtSize(c, size);
      chars.set(c, w);
    }
    return w;
  };
  const join = (a: string, b: string) => {
    const key = a + b;
    let k = pairs.get(key);
    if (k === undefined) {
      k = font.widthOfTextAtSize(key, size) - char(a) - char(b);
      pairs.set(key, k);
    }
    return k;
  };
  m = {
    width(s) {
      let w = 0;
      let prev = '';
      for (const c of s) {
        w += char(c) + (prev ? join(prev, c) : 0);
        prev = c;
      }
      return w;
    },
    join: (a, b) => (a && b ? join(a, b) : 0),
  };
  bySize.set(size, m);
  return m;
}

function lastChar(s: string): string {
  const code = s.codePointAt(s.length - 1) ?? 0;
  // A low surrogate ends a two-unit character.
  return code >= 0xdc00 && code <= 0xdfff && s.length > 1 ? s.slice(-2) : s.slice(-1);
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0) ?? 0);
}

/** Breaks one paragraph into lines no wider than `maxWidth`. Text must already be encodable. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  if (text === '') return [''];
  const m = measurer(font, size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/(?<= )/)) {
    const wordWidth = m.width(word);
    const joined = line ? lineWidth + m.join(lastChar(line), firstChar(word)) + wordWidth : wordWidth;
    if (joined <= maxWidth) {
      line += word;
      lineWidth = joined;
      continue;
    }
    if (line) {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    }
    if (wordWidth <= maxWidth) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    // A word wider than the line (URL, hash, long token): break it by characters.
    let piece = '';
    let pieceWidth = 0;
    let prev = '';
    for (const ch of word) {
      const next = piece ? pieceWidth + m.join(prev, ch) + m.width(ch) : m.width(ch);
      if (next > maxWidth && piece) {
        lines.push(piece);
        piece = ch;
        pieceWidth = m.width(ch);
      } else {
        piece += ch;
        pieceWidth = next;
      }
      prev = ch;
    }
    line = piece;
    lineWidth = pieceWidth;
  }
  if (line || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Width × height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.byteLength < 24 || sig.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Reads a picture for the PDF: a reduced copy when one can be made, else the file itself; 'missing' when gone. */
export type PdfPictureLoader = (artifact: ManifestArtifact) => Promise<{ bytes: Uint8Array; mediaType: string } | 'missing' | undefined>;

export async function renderPdfReport(
  model: ReportModel,
  loadPicture: PdfPictureLoader,
  options: PdfReportOptions = DEFAULT_PDF_REPORT_OPTIONS,
  onRecord?: () => void,
  part: PdfPart = { part: 1, parts: 1, from: 0, to: model.exhibits.length },
): Promise<Uint8Array> {
  const m = model.manifest;
  const T = model.texts;
  const exhibits = model.exhibits.slice(part.from, part.to);
  const doc = await PDFDocument.create();
  doc.setTitle(T.titleExported(m.exportedAt));
  doc.setAuthor(m.exportedBy ?? 'Holdfast');
  doc.setSubject(`Holdfast evidence bundle ${m.exportId}`);
  doc.setCreator(`Holdfast ${m.tool.version}`);
  doc.setProducer('Holdfast (pdf-lib)');
  doc.setLanguage(T.lang);
  doc.setCreationDate(new Date(m.exportedAt));
  doc.setModificationDate(new Date(m.exportedAt));
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const L = new Layout(doc, fonts, T);

  // Cover
  L.newPage();
  L.text(T.reportTitle, { font: fonts.bold, size: 22 });
  L.space(10);
  if (part.parts > 1) {
    const range = exhibits.length ? `${exhibits[0]!.number}–${exhibits[exhibits.length - 1]!.number}` : '—';
    L.text(T.pdfPart(part.part, part.parts, range), { font: fonts.bold, size: 12 });
    L.space(8);
  }
  L.text(T.intro, { size: 10.5 });
  L.space(10);
  L.field(T.exportedBy, m.exportedBy ? describeName(m.exportedBy, ASCII) : T.noName);
  L.field(T.exportedAt, formatUtc(m.exportedAt));
  L.field(T.scope, model.scopeText);
  L.field(T.capturesExhibits, String(model.exhibits.length));
  if (m.counts.journalVersions !== undefined) L.field(T.journalEntries, `${m.counts.journalEntries ?? 0} (${T.versionOf(m.counts.journalVersions)})`);
  if (m.counts.addedFiles !== undefined) L.field(T.addedFiles, String(m.counts.addedFiles));
  if (m.counts.people !== undefined) L.field(T.people, String(m.counts.people));
  L.field(T.deletedRecords, String(model.deleted.length));
  L.field(T.files, `${m.counts.artifacts} (${formatBytes(m.counts.artifactBytes)})`);
  L.field(T.accounts, String(model.accounts.length));
  L.field(T.tool, `Holdfast ${m.tool.version}`);
  L.field(T.exportId, m.exportId, { mono: true });
  L.field(T.chainHead, `${T.recordNo(m.chain.head.seq)}: ${m.chain.head.hash}`, { mono: true });
  L.field(T.custodyHead, `${T.entryNo(m.custody.head.seq)}: ${m.custody.head.hash}`, { mono: true });
  if (m.signing) {
    L.field(T.keyFingerprint, m.signing.fingerprint, { mono: true });
    L.text(T.keyFingerprintNote, { size: 9 });
  }
  for (const w of m.warnings) L.text(w, { size: 9, color: DARK_RED });

  // Course of conduct
  if (part.part === 1 && model.conduct.length) {
    L.newPage();
    L.heading(T.conduct, 16);
    L.text(T.conductIntro, { size: 9, color: GREY });
    for (const section of model.conduct) writeConduct(L, model, section);
  }

  // Summary by account (captures)
  if (part.part === 1 && model.accounts.length) {
    L.newPage();
    L.heading(T.summaryByAccount);
    for (const a of model.accounts) {
      L.ensure(70);
      L.text(
        `${platformName(a.platform)} — ${a.handles.map((h) => describeHandle(h, ASCII)).join(', ') || T.noHandle}${a.names.length ? ` (${a.names.map((n) => describeName(n, ASCII)).join(', ')})` : ''}`,
        { font: fonts.bold, size: 10 },
      );
      L.text(`${T.accountIds}: ${a.accountIds.map((n) => describeName(n, ASCII)).join(', ') || T.noneShown}`, { size: 9, indent: 12 });
      L.text(`${T.captures}: ${a.captures}; ${T.exhibits} ${compact(a.exhibits)}`, { size: 9, indent: 12 });
      L.text(T.capturedFromTo(formatUtc(a.firstCapturedAt), formatUtc(a.lastCapturedAt)), { size: 9, indent: 12 });
      if (a.firstItemTime) L.text(T.itemTimesFromTo(formatUtc(a.firstItemTime), formatUtc(a.lastItemTime)), { size: 9, indent: 12 });
      L.space(6);
    }
  }
  // Reports to the platforms (issue #14)
  if (part.part === 1 && model.reports.length) {
    L.newPage();
    L.heading(T.platformReports);
    L.text(T.platformReportsNote, { size: 9, color: GREY });
    for (const r of model.reports) writePlatformReport(L, model, r);
  }
  if (L.replaced) {
    L.space(6);
    L.text(T.replacementNote, { size: 8, color: GREY });
  }

  // Exhibits
  let embedded = 0;
  for (const ex of exhibits) {
    L.currentExhibit = ex.number;
    L.resetReplaced();
    L.newPage();
    const notes: string[] = [];
    writeExhibitFacts(L, model, ex);
    for (const artifact of ex.artifacts) {
      if (artifact.role !== 'screenshot' && artifact.role !== 'added') continue;
      const type = artifact.mediaType.split(';')[0]!.trim().toLowerCase();
      if (type !== 'image/png' && type !== 'image/jpeg') {
        if (artifact.role === 'screenshot') notes.push(T.pictureNotPdf(artifact.path, type));
        continue;
      }
      const loaded = await loadPicture(artifact);
      if (loaded === 'missing') {
        notes.push(T.pictureMissing(artifact.path));
        continue;
      }
      const size = loaded?.bytes.byteLength ?? artifact.size;
      if (!loaded || size > options.maxImageBytes || embedded + size > options.maxTotalImageBytes) {
        notes.push(T.pictureTooBig(artifact.path, formatBytes(artifact.size)));
        continue;
      }
      const loadedType = loaded.mediaType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
      try {
        const picture = await embedPicture(doc, loaded.bytes, loadedType, options);
        if (typeof picture === 'string') {
          notes.push(T.pictureReason(artifact.path, picture));
          continue;
        }
        embedded += size;
        L.space(4);
        L.text(T.screenshotCaption(artifact.path), { size: 8.5, color: GREY });
        L.image(picture, loaded.bytes === undefined ? 1 : ex.record.screenshot?.devicePixelRatio ?? 1);
      } catch {
        notes.push(T.pictureUnreadable(artifact.path));
      }
    }
    for (const note of notes) L.text(note, { size: 9, color: DARK_RED });
    writeExhibitText(L, model, ex.record);
    writeExhibitFiles(L, ex);
    if (L.replaced) {
      L.space(6);
      L.text(T.replacementNote, { size: 8, color: GREY });
    }
    onRecord?.();
  }

  if (part.part === part.parts && model.deleted.length) {
    L.currentExhibit = 0;
    L.newPage();
    L.heading(T.deletedHeading);
    L.text(T.deletedNote, { size: 9, color: GREY });
    for (const r of model.deleted) {
      L.text(T.deletedLine(r.seq, `${r.platform} ${r.kind}`, formatUtc(r.capturedAt), formatUtc(r.deleted?.at), r.deleted?.reason), { size: 9 });
      L.text(`${T.recordHash} ${r.chain.recordHash}`, { size: 7.5, font: fonts.mono, indent: 12 });
    }
  }

  freezePage(doc, L.page);
  // Footers: "Page n of N", the exhibit each page belongs to.
  const pages = doc.getPages();
  const total = pages.length;
  const footerClean = makeSanitizer(fonts.regular).clean;
  pages.forEach((page, i) => {
    const label = footerClean(T.pageOf(i + 1, total));
    const size = 8.5;
    drawString(page, label, {
      x: A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, size),
      y: MARGIN - 10,
      size,
      font: fonts.regular,
      color: GREY,
    });
    const left = footerClean(T.footer(L.pageExhibit[i] ?? 0, m.exportedAt));
    drawString(page, left, { x: MARGIN, y: MARGIN - 10, size, font: fonts.regular, color: GREY });
    // The footer's operators would otherwise sit as objects on every page until save.
    freezePage(doc, page);
  });
  return doc.save({ useObjectStreams: false });
}

/** One report to a platform: when, where, about what, the reference, what came of it, the notes (all as text). */
function writePlatformReport(L: Layout, model: ReportModel, r: ExportedReport): void {
  const T = model.texts;
  const text = (v: string) => describeName(v, ASCII);
  L.ensure(90);
  L.space(4);
  L.text(`${formatUtc(r.reportedAt)} — ${r.platform === 'other' ? '—' : platformName(r.platform)} — ${T.statusName(r.status)}`, { font: L.fonts.bold, size: 10 });
  const route = [r.routeLabel ?? r.routeId, r.routeUrl].filter((x): x is string => !!x).map(text).join(' — ');
  if (route) L.field(T.reportRoute, route);
  if (r.abuse) L.field(T.reportAbuse, T.abuseName(r.abuse));
  const records = r.recordIds.map((id, i) => {
    const ex = model.exhibitOf.get(id);
    return ex ? `${T.exhibit} ${ex.number}` : T.deletedRecordRef(r.recordSeqs[i] ?? model.seqOf.get(id) ?? 0);
  });
  if (r.recordsOutside) records.push(T.recordsOutside(r.recordsOutside));
  L.field(T.reportRecords, records.join(', ') || '—');
  for (const link of r.permalinks) L.field(T.permalink, text(link), { mono: true });
  if (r.account) L.field(T.reportAccount, text(r.account));
  if (r.personName || r.personId) L.field(T.reportPerson, text(r.personName ?? r.personId ?? ''));
  if (r.reference) L.field(T.reportReference, text(r.reference), { mono: true });
  L.field(T.reportHistory, r.history.map((h) => `${T.statusName(h.status)} ${formatUtc(h.at)}`).join('; '));
  if (r.contentRemovedOn) L.field(T.reportStatus, T.contentRemovedOn(r.contentRemovedOn));
  if (r.notes) L.field(T.reportNotes, showText(r.notes, ASCII));
}

/** One person's (or nobody's) course of conduct: facts, three bar charts with their numbers, the timeline. */
function writeConduct(L: Layout, model: ReportModel, section: ConductSection): void {
  const T = model.texts;
  const person = section.person;
  const p = section.period;
  L.ensure(160);
  L.heading(person ? describeName(person.name, ASCII) : T.notAssigned, 13);
  if (!person) L.text(T.notAssignedIntro, { size: 9, color: GREY });
  if (person) {
    const accounts = person.identifiers.filter((i) => i.account).map((i) => `${platformName(i.account!.platform)} ${i.account!.handle ? describeHandle(`@${i.account!.handle}`, ASCII) : ''}${i.account!.accountId ? ` (id ${describeName(i.account!.accountId, ASCII)})` : ''}`.trim());
    const others = person.identifiers.filter((i) => !i.account).map((i) => `${i.type}: ${describeName(i.value ?? '', ASCII)}${i.where ? ` (${describeName(i.where, ASCII)})` : ''}`);
    if (accounts.length) L.field(T.personAccounts, accounts.join('; '));
    if (others.length) L.field(T.personIdentifiers, others.join('; '));
  }
  L.field(T.period, p.first && p.last ? T.periodText(p.first, p.last) : T.noDates);
  L.field(T.totals, T.totalsText(p.captures, p.journal));
  L.field(T.byPlatform, section.byPlatform.map((c) => `${platformName(c.key)}: ${c.count}`).join(', '));
  L.field(T.byKind, section.byKind.map((c) => `${T.kindName(c.key)}: ${c.count}`).join(', '));
  if (person) {
    const reports = reportsOfPerson(model.reports, person, new Set(section.events.map((e) => e.id)));
    if (reports.length) L.field(T.platformReports, T.reportsCount(reports.length, statusCounts(reports, T)));
  }
  const days = dayBars(section.byDay);
  L.chart(T.perDay, T.perDayNote, days.map((d) => ({ label: d.day, count: d.count })));
  L.numbers(T.day, T.count, days.filter((d) => d.count > 0).map((d) => ({ label: d.day, count: d.count })));
  const hours = section.byHour.map((count, hour) => ({ label: String(hour).padStart(2, '0'), count }));
  L.chart(T.byHour, T.byHourNote, hours);
  L.numbers(T.hour, T.count, hours);
  const weeks = section.byWeek.map((w) => ({ label: w.week, count: w.count }));
  L.chart(T.perWeek, T.perWeekNote, weeks);
  L.numbers(T.weekOf, T.count, weeks);
  L.heading(T.personTimeline, 11);
  L.text(T.personTimelineNote, { size: 8.5, color: GREY });
  for (const e of timelineOf(section.events, (id) => model.seqOf.get(id) ?? 0)) {
    const ex = model.exhibitOf.get(e.id);
    if (!ex) continue;
    const times = eventTimes(ex.record, e);
    L.text(`${times.local} | ${times.utc} | ${T.kindName(e.kind)}${e.source === 'journal' ? ` (${T.addedByPerson})` : ''} | ${T.exhibit} ${ex.number}`, {
      size: 8,
      font: L.fonts.bold,
    });
    const text = excerpt(ex.record.text ?? ex.record.content?.text, 140);
    if (text) L.text(text, { size: 8, indent: 12 });
  }
  L.space(8);
}

/**
 * Embeds a PNG or JPEG. PNGs take the fast path (png.ts) when they can; JPEGs are embedded as they
 * are. Returns a reason (string) when the picture is too large to embed.
 */
async function embedPicture(
  doc: PDFDocument,
  bytes: Uint8Array,
  type: 'image/png' | 'image/jpeg',
  options: PdfReportOptions,
): Promise<Picture | string> {
  if (type === 'image/jpeg') return fromPdfLib(await doc.embedJpg(bytes));
  const size = pngSize(bytes);
  if (!size) throw new Error('not a PNG');
  if (size.width * size.height > options.maxImagePixels) return `(${size.width}×${size.height} pixels) is too large to embed`;
  const fast = await pngForPdf(bytes);
  if (!fast) {
    if (size.width * size.height > options.maxSlowImagePixels) return `(${size.width}×${size.height} pixels, in a PNG variant that is slow to convert) is not embedded`;
    return fromPdfLib(await doc.embedPng(bytes));
  }
  const ctx = doc.context;
  const image = (data: Uint8Array, colors: 1 | 3, predictor: boolean, smask?: ReturnType<typeof ctx.register>) =>
    ctx.register(
      PDFRawStream.of(
        ctx.obj({
          Type: 'XObject',
          Subtype: 'Image',
          Width: fast.width,
          Height: fast.height,
          ColorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray',
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
          ...(predictor ? { DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: fast.width } } : {}),
          ...(smask ? { SMask: smask } : {}),
        }),
        data,
      ),
    );
  const ref = image(fast.data, fast.colors, fast.predictor, fast.alpha ? image(fast.alpha, 1, true) : undefined);
  return {
    width: fast.width,
    height: fast.height,
    draw(page, box) {
      drawPicture(page, imageKey(page, ref), box);
    },
  };
}

function fromPdfLib(image: Awaited<ReturnType<PDFDocument['embedPng']>>): Picture {
  return {
    width: image.width,
    height: image.height,
    draw(page, box) {
      drawPicture(page, imageKey(page, image.ref), box);
    },
  };
}

function writeExhibitFacts(L: Layout, model: ReportModel, ex: Exhibit): void {
  const r = ex.record;
  const T = model.texts;
  L.text(T.exhibitNo(ex.number), { font: L.fonts.bold, size: 18 });
  L.space(2);
  const title = r.journal
    ? T.journalTitle(T.kindName(r.journal.kind))
    : r.addedFile
      ? T.addedFileTitle(describeName(r.addedFile.name, ASCII))
      : T.exhibitTitle(kindTitle(r, T), describeAuthor(r.author, ASCII), platformName(r.platform));
  L.text(title, { font: L.fonts.bold, size: 11.5 });
  L.space(6);
  const seqs = (ids: readonly string[]) =>
    ids.map((id) => (model.seqOf.has(id) ? `#${model.seqOf.get(id)}${model.exhibitOf.has(id) ? ` (${T.exhibit} ${model.exhibitOf.get(id)!.number})` : ''}` : id)).join(', ');
  if (r.journal) {
    const j = r.journal;
    L.field(T.record, `#${r.seq}  ${r.id} — ${T.addedByPerson}`);
    L.field(T.entryId, j.entryId, { mono: true });
    L.field(T.version, String(j.version));
    if (j.supersedes) L.field(T.supersedes, seqs([j.supersedes]));
    L.field(T.whenHappened, eventTimes(r, { id: r.id, source: 'journal', platform: r.platform, kind: j.kind, personIds: [] }).local);
    if (j.when.utc) L.field(T.whenUtc, formatUtc(j.when.utc));
    L.field(T.precision, T.precisionName(j.when.precision));
    L.field(T.kind, T.kindName(j.kind));
    const person = j.personId ? model.people.find((p) => p.id === j.personId) : undefined;
    if (j.personName || person) L.field(T.person, describeName(person?.name ?? j.personName ?? '', ASCII));
    if (j.where) L.field(T.where, j.where);
    if (j.witnesses) L.field(T.witnesses, j.witnesses);
    if (j.reference) L.field(T.reference, j.reference);
    if (j.links?.length) L.field(T.linkedRecords, seqs(j.links));
    L.field(T.recordedAt, `${formatUtc(r.capturedAt)} ${T.offsetNote(r.capturedAtOffset)}`);
    return;
  }
  if (r.addedFile) {
    const f = r.addedFile;
    L.field(T.record, `#${r.seq}  ${r.id} — ${T.addedByPerson}`);
    L.field(T.originalName, describeName(f.name, ASCII));
    L.field(T.fileSize, formatBytes(f.size));
    L.field(T.fileType, f.type || T.unknownType);
    if (f.lastModified) L.field(T.fileModified, formatUtc(f.lastModified));
    L.field(T.addedAt, `${formatUtc(f.addedAt)} ${T.offsetNote(r.capturedAtOffset)}`);
    if (f.entryId) L.field(T.addedToEntry, f.entryId, { mono: true });
    L.text(T.addedFileNote, { size: 8.5, color: GREY });
    return;
  }
  L.field(T.record, `#${r.seq}  ${r.id}`);
  L.field(T.itemTimeUtc, `${formatUtc(r.itemTime)}${r.content?.itemTimeText ? ` ${T.shownOnPage(r.content.itemTimeText)}` : ''}`);
  L.field(T.capturedUtc, `${formatUtc(r.capturedAt)} ${T.offsetNote(r.capturedAtOffset)}`);
  L.field(T.permalink, r.permalink ?? T.none, { mono: true });
  L.field(T.pageUrl, r.pageUrl, { mono: true });
  L.field(T.author, describeAuthor(r.author, ASCII));
  if (r.author?.profileUrl) L.field(T.profileUrl, r.author.profileUrl, { mono: true });
  if (r.content?.itemId) L.field(T.itemId, r.content.itemId, { mono: true });
  if (r.content?.inReplyTo) L.field(T.inReplyTo, r.content.inReplyTo, { mono: true });
  if (r.content?.participants?.length) L.field(T.participants, r.content.participants.map((p) => describeAuthor(p, ASCII)).join('; '));
  L.field(T.howRead, `${r.extraction.method === 'adapter' ? T.siteReader(r.extraction.adapter ?? '') : T.genericReader}; ${T.screenshotLabel}: ${screenshotText(r, T)}`);
  L.field(T.capturedWith, `Holdfast ${r.tool.version}, ${r.tool.browser}`);
}

function writeExhibitText(L: Layout, model: ReportModel, r: EvidenceRecord): void {
  const T = model.texts;
  const c = r.content;
  if (r.journal) {
    if (r.text) {
      L.heading(T.whatHappened, 11);
      L.text(r.text, { size: 10 });
    }
    if (r.journal.effect) {
      L.heading(T.effect, 11);
      L.text(r.journal.effect, { size: 10 });
    }
  } else if (r.text && !r.addedFile) {
    L.heading(T.text, 11);
    L.text(r.text, { size: 10 });
  }
  if (c?.fields && Object.keys(c.fields).length) {
    L.heading(T.profileFields, 11);
    for (const [k, v] of Object.entries(c.fields)) L.text(`${k}: ${v}`, { size: 9.5 });
  }
  if (c?.quoted) {
    L.heading(T.quotedBy(describeAuthor(c.quoted.author, ASCII)), 10);
    if (c.quoted.permalink) L.text(c.quoted.permalink, { font: L.fonts.mono, size: 8 });
    if (c.quoted.text) L.text(c.quoted.text, { size: 9.5, indent: 12 });
  }
  if (c?.messages?.length) {
    L.heading(T.messagesVisible(c.messages.length), 11);
    for (const msg of c.messages) {
      L.text(`${formatUtc(msg.itemTime)} — ${describeAuthor(msg.author, ASCII)}${msg.direction ? ` (${msg.direction})` : ''}`, {
        size: 8.5,
        color: GREY,
      });
      L.text(msg.text ?? '', { size: 9.5, indent: 12 });
      L.space(2);
    }
  }
  if (c?.links?.length) {
    L.heading(T.linksInItem, 10);
    for (const l of c.links) L.text(`${l.text} — ${l.href}`, { size: 8.5, font: L.fonts.mono });
  }
  if (r.media?.length) {
    L.heading(T.mediaInItem, 10);
    for (const md of r.media) L.text(`${md.type}: ${md.url}${md.alt ? ` — "${md.alt}"` : ''}`, { size: 8.5, font: L.fonts.mono });
  }
  const warnings = [...new Set([...(r.extraction?.warnings ?? []), ...(c?.warnings ?? [])])];
  for (const w of warnings) L.text(`${T.noteLabel}: ${w}`, { size: 9, color: DARK_RED });
}

function writeExhibitFiles(L: Layout, ex: Exhibit): void {
  const r = ex.record;
  const T = L.T;
  L.heading(T.filesAndHashes, 11);
  for (const a of ex.artifacts) {
    L.ensure(40);
    L.text(`${a.role === 'added' ? `${a.role} (${T.addedByPerson})` : a.role}, ${a.mediaType}, ${a.size} bytes`, { size: 8.5, color: GREY });
    L.text(a.path, { size: 8, font: L.fonts.mono, indent: 12 });
    L.text(a.sha256, { size: 8, font: L.fonts.mono, indent: 12 });
    L.space(3);
  }
  L.field(T.recordHash, r.chain.recordHash, { mono: true });
  L.field(T.prevRecordHash, r.chain.prevHash, { mono: true });
  if (r.imported) L.text(T.importedNote(formatUtc(r.imported.at), r.imported.originalSeq, r.imported.originalRecordHash), { size: 8.5, color: GREY });
}

function compact(numbers: number[]): string {
  return numbers.length > 12 ? `${numbers.slice(0, 12).join(', ')} … (${numbers.length})` : numbers.join(', ');
}
