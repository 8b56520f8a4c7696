/**
 * An inert copy of captured HTML for the export bundle. Captured HTML is hostile: opened from an
 * unzipped bundle it would run the site's scripts and call the site (or an attacker's server). The
 * bundle keeps the captured bytes byte-exact under a name that no browser renders as a page
 * (`page-captured.txt`, hashed like every artifact) and writes this copy as `page.html`:
 *
 *  - a Content-Security-Policy meta is the very first thing in the document (`default-src 'none'`, no
 *    script source at all, images only from data:/blob:, inline styles only, no base, no form target),
 *    so even markup this rewriter misses cannot run or load anything;
 *  - scripts, frames, objects, embeds, <base>, <link>, <meta refresh>, <noscript> and SVG animation
 *    elements are removed; inline event handlers (on…) are removed;
 *  - every URL-bearing attribute (href, src, srcset, action, formaction, poster, background, data,
 *    xlink:href, ping, …) is renamed to `data-holdfast-<name>` (the value kept as inert text), except
 *    in-page "#…" links and data: pictures;
 *  - CSS (style elements and attributes): url(), image-set(), @import, expression() and escapes are
 *    disabled.
 *
 * A small string tokenizer, not a DOM: it runs in extension pages and in Node alike. Pure.
 */

export const INERT_CSP =
  "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; font-src data:; media-src data: blob:; base-uri 'none'; form-action 'none'";

const PREFIX = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${INERT_CSP.replace(/'/g, '&#39;')}"><meta charset="utf-8"><meta name="referrer" content="no-referrer">`;

/** Elements removed with everything inside them. */
const DROP_WITH_CONTENT = new Set(['script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'applet', 'noembed', 'noframes', 'portal', 'template']);
/** Elements whose tags are removed (their content, if any, kept). */
const DROP_TAG = new Set(['base', 'link', 'embed', 'set', 'animate', 'animatemotion', 'animatetransform', 'discard', 'handler', 'listener', 'param']);
/** Raw-text elements whose content is kept as text. */
const RAW_TEXT = new Set(['style', 'textarea', 'title', 'xmp']);
/** Attributes that hold URLs or URL lists. */
const URL_ATTRS = new Set([
  'href', 'src', 'srcset', 'imagesrcset', 'action', 'formaction', 'poster', 'background', 'data', 'cite', 'longdesc',
  'lowsrc', 'dynsrc', 'ping', 'manifest', 'codebase', 'classid', 'archive', 'profile', 'usemap', 'icon', 'xlink:href',
  'xml:base', 'xmlns:xlink', 'attributename', 'values', 'from', 'to', 'by', 'filter', 'mask', 'clip-path', 'marker-start',
  'marker-mid', 'marker-end', 'fill', 'stroke', 'itemtype', 'itemid', 'srcdoc', 'content', 'http-equiv',
]);
/** Of those, the ones that are plain values on most elements (only neutralised when they look like a URL). */
const ONLY_IF_URL = new Set(['fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end', 'values', 'from', 'to', 'by', 'content', 'http-equiv']);
const SAFE_DATA_IMAGE = /^\s*data:image\/(png|jpe?g|gif|webp|avif|bmp);/i;

const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/y;

/** The inert copy of `html` (captured bytes decoded as UTF-8). */
export function inertHtml(html: string): string {
  const out: string[] = [PREFIX];
  let i = 0;
  const n = html.length;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) out.push(html.slice(textStart, end));
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      flushText(lt);
      // Comments are dropped (conditional comments and hidden markup go with them).
      const close = findCommentEnd(html, lt + 4);
      i = textStart = close;
      continue;
    }
    if (next === '!' || next === '?') {
      flushText(lt);
      const gt = html.indexOf('>', lt);
      i = textStart = gt < 0 ? n : gt + 1;
      continue;
    }
    if (next === '/') {
      const m = /^<\/([A-Za-z][^\s/>]*)[^>]*>?/.exec(html.slice(lt, lt + 1024));
      flushText(lt);
      if (!m) {
        // "</ " or "</>": a bogus comment to the browser.
        const gt = html.indexOf('>', lt);
        i = textStart = gt < 0 ? n : gt + 1;
        continue;
      }
      const name = m[1]!.toLowerCase();
      let end = lt + m[0].length;
      if (!m[0].endsWith('>')) {
        const gt = html.indexOf('>', lt);
        end = gt < 0 ? n : gt + 1;
      }
      if (!DROP_TAG.has(name) && !DROP_WITH_CONTENT.has(name)) out.push(`</${safeName(name)}>`);
      i = textStart = end;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const tag = readTag(html, lt);
    i = textStart = tag.end;
    const name = tag.name;
    if (DROP_WITH_CONTENT.has(name)) {
      if (!tag.selfClosing || name === 'script') i = textStart = skipElement(html, tag.end, name);
      continue;
    }
    if (name === 'plaintext') {
      out.push('<pre>', escapeText(html.slice(tag.end)), '</pre>');
      i = textStart = n;
      break;
    }
    if (name === 'meta' && !keepMeta(tag.attrs)) continue;
    if (DROP_TAG.has(name)) continue;
    out.push(serialiseTag(name, tag.attrs, tag.selfClosing));
    if (RAW_TEXT.has(name)) {
      const end = findRawEnd(html, tag.end, name);
      const body = html.slice(tag.end, end.contentEnd);
      out.push(name === 'style' ? inertCss(body).replace(/</g, '\\3C ') : escapeText(body));
      out.push(`</${name}>`);
      i = textStart = end.after;
    }
  }
  flushText(n);
  return out.join('');
}

function findCommentEnd(html: string, from: number): number {
  // "<!-->" and "<!--->" end at once; otherwise at "-->" or "--!>".
  if (html.startsWith('>', from)) return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  const a = html.indexOf('-->', from);
  const b = html.indexOf('--!>', from);
  if (a < 0 && b < 0) return html.length;
  if (b >= 0 && (a < 0 || b < a)) return b + 4;
  return a + 3;
}

interface Tag {
  name: string;
  attrs: [string, string | undefined][];
  selfClosing: boolean;
  end: number;
}

function readTag(html: string, lt: number): Tag {
  let i = lt + 1;
  const nameMatch = /[^\s/>]+/y;
  nameMatch.lastIndex = i;
  const name = (nameMatch.exec(html)?.[0] ?? '').toLowerCase();
  i = nameMatch.lastIndex;
  const attrs: [string, string | undefined][] = [];
  let selfClosing = false;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '>') {
      i += 1;
      return { name, attrs, selfClosing, end: i };
    }
    if (c === '/' ) {
      selfClosing = html[i + 1] === '>';
      i += 1;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    ATTR.lastIndex = i;
    const m = ATTR.exec(html);
    if (!m || m[0].length === 0) {
      i += 1;
      continue;
    }
    selfClosing = false;
    attrs.push([m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4]]);
    i = ATTR.lastIndex;
  }
  return { name, attrs, selfClosing, end: html.length };
}

/** Index after the end tag of a dropped element (raw text for script-like elements, nesting ignored). */
function skipElement(html: string, from: number, name: string): number {
  return findRawEnd(html, from, name).after;
}

function findRawEnd(html: string, from: number, name: string): { contentEnd: number; after: number } {
  const re = new RegExp(`</${name}(?=[\\s/>])[^>]*>?`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m) return { contentEnd: html.length, after: html.length };
  return { contentEnd: m.index, after: m.index + m[0].length };
}

function keepMeta(attrs: [string, string | undefined][]): boolean {
  const equiv = attrs.find(([k]) => k === 'http-equiv')?.[1]?.trim().toLowerCase();
  // Only a page's own stricter CSP is kept; refresh, set-cookie, default-style, link headers are not.
  if (equiv !== undefined) return false;
  return !attrs.some(([k]) => k === 'charset');
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9:_-]/g, '') || 'span';
}

function serialiseTag(name: string, attrs: [string, string | undefined][], selfClosing: boolean): string {
  let out = `<${safeName(name)}`;
  const seen = new Set<string>();
  for (const [key, value] of attrs) {
    if (!/^[a-z_:][a-z0-9_.:-]*$/.test(key) || seen.has(key)) continue;
    seen.add(key);
    if (key.startsWith('on')) continue;
    let outKey = key;
    let outValue = value;
    if (URL_ATTRS.has(key) && value !== undefined) {
      const fragment = (key === 'href' || key === 'xlink:href') && /^\s*#/.test(value) && !/[()]/.test(value);
      const picture = (key === 'src' || key === 'srcset') && SAFE_DATA_IMAGE.test(value);
      const plain = ONLY_IF_URL.has(key) && !/(url\s*\(|:|\/\/)/i.test(value);
      if (!fragment && !picture && !plain) outKey = `data-holdfast-${key.replace(/:/g, '-')}`;
    }
    if (key === 'style' && value !== undefined) outValue = inertCss(value);
    out += outValue === undefined ? ` ${outKey}` : ` ${outKey}="${escapeAttr(outValue)}"`;
  }
  return `${out}${selfClosing ? ' /' : ''}>`;
}

/** CSS that can load nothing: url(), image-set(), @import, expression(), behaviours and escapes disabled. */
export function inertCss(css: string): string {
  return css
    .replace(/\\[0-9a-fA-F]{1,6}\s?|\\[^\n]/g, '_')
    .replace(/@import/gi, '@holdfast-blocked-import')
    .replace(/\b(url|image-set|image|cross-fade|element|expression|paint)\s*\(/gi, 'holdfast-blocked-$1-(')
    .replace(/(-moz-binding|behavior)\s*:/gi, 'holdfast-blocked-$1:');
}

function escapeAttr(value: string): string {
  return value.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&(?![a-zA-Z#][a-zA-Z0-9]*;)/g, '&amp;').replace(/</g, '&lt;');
}
