/**
 * Turns a finished whole-thread capture (issue #4) into ONE vault record and its artifacts. Pure: no extension
 * API, unit-tested directly.
 *
 * - kind 'dm-thread' for a conversation, 'post' for a post with its replies (the post is the record's content),
 *   'profile' for a profile with its posts (the profile is the record's content).
 * - A bounded capture (back to a date, the latest N) keeps only the rows inside the range; fields `bound…` and
 *   `coverage` say exactly what it covers (bounds.ts).
 * - The ordered transcript is a JSON artifact (role 'transcript') and a readable HTML transcript (role
 *   'transcript', text/html: escaped text only, no scripts, no live links, a CSP that forbids loading anything).
 * - content.participants lists every account seen (the conversation's two, or every reply author);
 *   content.fields carries counts, the oldest/newest times and, when the capture did not reach both ends,
 *   partial = "true" with the reason.
 * - The stitched screenshot: 'segment' PNGs (each hashed by the vault) and the 'screenshot' composite when it fits.
 *
 * The transcript is built as a stream (TranscriptBuilder): entries are added one at a time, in page order, and
 * each is turned into its JSON and HTML text at once, so a caller reading entries a chunk at a time from the
 * vault's staging area never holds them all as objects; buildThreadCapture (everything in memory) produces the
 * same bytes through the same builder.
 */
import type { Author, ExtractedContent, ScreenshotInfo } from '../../model/evidence';
import { RECORD_FORMAT_VERSION } from '../../model/evidence';
import type { ThreadBeginPayload, ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import type { NewArtifact, NewRecord, StagedArtifact } from '../../vault/api';
import { boundFields, restrictTo } from '../thread/bounds';
import { artifactBaseName, type ToolInfo } from './record';

export interface StitchedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** A picture of the stitched screenshot: its bytes in hand, or a file part already in the vault's staging area. */
export type ImagePart = { width: number; height: number } & ({ bytes: Uint8Array; staged?: undefined } | { staged: number; bytes?: undefined });

export interface ThreadCaptureInput {
  begin: ThreadBeginPayload;
  finish: ThreadFinishPayload;
  /** Every collected entry by key (the background de-duplicates on arrival). */
  entries: ReadonlyMap<string, ThreadEntryPayload>;
  segments: StitchedImage[];
  composite?: StitchedImage;
  screens: number;
  screenshotNote?: string;
  devicePixelRatio: number;
  viewport?: { width: number; height: number };
  pictureMethod?: 'pixel' | 'dom-render';
  renderNote?: string;
}

/** What the record needs besides the transcript; `finish.stats` may be missing (a capture recovered after a crash). */
export interface ThreadRecordInput {
  begin: ThreadBeginPayload;
  finish: Omit<ThreadFinishPayload, 'stats' | 'order'> & { stats?: ThreadFinishPayload['stats'] };
  segments: ImagePart[];
  composite?: ImagePart;
  screens: number;
  screenshotNote?: string;
  devicePixelRatio: number;
  viewport?: { width: number; height: number };
  /** Issue #14: the screens were redrawn from the page's DOM (exact screenshots not enabled); the renderer's note. */
  pictureMethod?: 'pixel' | 'dom-render';
  renderNote?: string;
  /** Extra fields for content.fields (e.g. when a capture was recovered). */
  fields?: Record<string, string>;
}

/** Said in the record when the picture was redrawn from the page (the same words as a single item's, service.ts). */
export const REDRAWN_WARNING = 'Exact screenshots are not enabled, so the picture was redrawn from the page content; it may differ from what was on screen.';

/** The stored transcript: the thread's entries in page order, oldest first. */
export function orderedEntries(order: readonly string[], entries: ReadonlyMap<string, ThreadEntryPayload>): ThreadEntryPayload[] {
  const out: ThreadEntryPayload[] = [];
  const used = new Set<string>();
  for (const key of order) {
    const e = entries.get(key);
    if (e && !used.has(key)) {
      out.push(e);
      used.add(key);
    }
  }
  // Entries the page order does not know (should not happen): by time, after the rest.
  const rest = [...entries.values()].filter((e) => !used.has(e.key));
  rest.sort((a, b) => (a.content.itemTime ?? '').localeCompare(b.content.itemTime ?? ''));
  return out.concat(rest);
}

const authorKey = (a: Author): string => (a.handle ? `@${a.handle.toLowerCase()}` : (a.accountId ?? a.displayName ?? ''));

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function who(c: ExtractedContent): string {
  const a = c.author;
  if (!a) return 'unknown sender';
  const name = a.displayName ? `${a.displayName} ` : '';
  return `${name}${a.handle ? `@${a.handle}` : ''}${c.direction === 'sent' ? ' (you)' : ''}`.trim() || 'unknown sender';
}

/** One transcript row (n counts from 1). */
function transcriptRow(e: ThreadEntryPayload, n: number): string {
  const c = e.content;
  const media = c.media.map((m) => `<div class="media">[${escapeHtml(m.type)}${m.alt ? `: ${escapeHtml(m.alt)}` : ''}] ${escapeHtml(m.url)}</div>`).join('');
  const links = c.links.length ? `<div class="links">${c.links.map((l) => `${escapeHtml(l.text)} → ${escapeHtml(l.href)}`).join('<br>')}</div>` : '';
  const warn = c.warnings.length ? `<div class="warn">${c.warnings.map(escapeHtml).join('<br>')}</div>` : '';
  // A time the page did not show (an Instagram grid post's, derived from its id) is labelled as such, never passed off as shown.
  const derived = c.fields?.timeFromId ? `${c.fields.timeFromId} (derived from the post id, not shown on the page)` : undefined;
  // A profile's posts: pinned, reposts (X), shares and posts by others on the timeline (Facebook), as marked by the adapter.
  const f = c.fields;
  const mark = [
    f?.pinned === 'true' ? '[pinned]' : '',
    f?.repost === 'true' ? `[repost${f.repostedBy ? ` by @${f.repostedBy}` : ''}]` : '',
    f?.share === 'true' ? `[shares a post${f.sharedFromName ? ` by ${f.sharedFromName}` : ''}]` : '',
    f?.wallPost === 'true' ? `[posted on the timeline of ${f.wallOf ?? 'the profile'}]` : '',
  ]
    .filter(Boolean)
    .map((m) => ` <span class="mark">${escapeHtml(m)}</span>`)
    .join('');
  const shared = f?.share === 'true' && (f.sharedText || f.sharedPermalink) ? `<div class="links">Shared post: ${escapeHtml(f.sharedText ?? '').replace(/\n/g, '<br>')}${f.sharedPermalink ? ` (${escapeHtml(f.sharedPermalink)})` : ''}</div>` : '';
  return `<li class="${c.direction === 'sent' ? 'sent' : 'received'}" id="m${n}"><div class="head"><span class="n">${n}</span>${mark} <b>${escapeHtml(who(c))}</b> <time datetime="${escapeHtml(c.itemTime ?? '')}">${escapeHtml(c.itemTime ?? c.itemTimeText ?? derived ?? 'no time')}</time>${c.permalink && c.kind !== 'dm-message' ? ` <span class="link">${escapeHtml(c.permalink)}</span>` : ''}</div><div class="text">${escapeHtml(c.text ?? '').replace(/\n/g, '<br>')}</div>${shared}${media}${links}${warn}</li>`;
}

function transcriptHead(title: string, meta: [string, string][]): string {
  const metaRows = meta.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:820px;margin:24px auto;padding:0 16px;color:#111}table{border-collapse:collapse;margin-bottom:16px}th{text-align:left;padding:2px 12px 2px 0;color:#555;font-weight:600}ol{list-style:none;padding:0}li{border-top:1px solid #ddd;padding:8px 0}li.sent{padding-left:48px}.n{color:#888;font-size:12px}time,.link,.media,.links{color:#555;font-size:12px}.text{white-space:normal;overflow-wrap:anywhere}.warn{color:#8a4b00;font-size:12px}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<table>${metaRows}</table>
<ol>
`;
}

const TRANSCRIPT_TAIL = `
</ol>
</body></html>
`;

/** A readable transcript: static HTML, every captured string escaped, nothing loaded, nothing clickable. */
export function transcriptHtml(title: string, meta: [string, string][], list: readonly ThreadEntryPayload[]): string {
  return `${transcriptHead(title, meta)}${list.map((e, i) => transcriptRow(e, i + 1)).join('\n')}${TRANSCRIPT_TAIL}`;
}

/** Text pieces kept as UTF-8 bytes in chunks of about this size (bytes are about half a JS string's size). */
const CHUNK_CHARS = 1 << 18;

class TextChunks {
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly enc = new TextEncoder();

  push(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) this.seal();
  }

  private seal(): void {
    if (this.pending.length) this.chunks.push(this.enc.encode(this.pending.join('')));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** `before` + every piece + `after`, as one byte array. */
  bytes(before: string, after: string): Uint8Array {
    this.seal();
    const head = this.enc.encode(before);
    const tail = this.enc.encode(after);
    const size = head.byteLength + tail.byteLength + this.chunks.reduce((n, c) => n + c.byteLength, 0);
    const out = new Uint8Array(size);
    out.set(head, 0);
    let at = head.byteLength;
    // Each chunk is let go once copied, so the text is not held twice over.
    for (let c = this.chunks.shift(); c; c = this.chunks.shift()) {
      out.set(c, at);
      at += c.byteLength;
    }
    out.set(tail, at);
    return out;
  }
}

/**
 * The transcript, built one entry at a time in page order: what the record says about the entries (count,
 * participants, oldest and newest times, how many the adapter could not read) and the text of both transcript
 * files, kept as bytes. Entries are not kept.
 */
export class TranscriptBuilder {
  private n = 0;
  private readonly seen = new Map<string, Author>();
  private oldestTime: string | undefined;
  private newestTime: string | undefined;
  private genericCount = 0;
  private readonly json = new TextChunks();
  private readonly html = new TextChunks();

  constructor(head: ExtractedContent) {
    for (const a of head.participants ?? []) if (authorKey(a)) this.seen.set(authorKey(a), a);
    if (head.author && authorKey(head.author) && !this.seen.has(authorKey(head.author))) this.seen.set(authorKey(head.author), head.author);
  }

  add(e: ThreadEntryPayload): void {
    this.n++;
    const c = e.content;
    const a = c.author;
    if (a && authorKey(a) && !this.seen.has(authorKey(a))) this.seen.set(authorKey(a), a);
    const t = c.itemTime;
    if (t) {
      if (this.oldestTime === undefined || t < this.oldestTime) this.oldestTime = t;
      if (this.newestTime === undefined || t > this.newestTime) this.newestTime = t;
    }
    if (c.method === 'generic') this.genericCount++;
    const { participants: _p, ...rest } = c;
    this.json.push(`${this.n > 1 ? ',' : ''}${JSON.stringify({ n: this.n, key: e.key, ...rest })}`);
    this.html.push(`${this.n > 1 ? '\n' : ''}${transcriptRow(e, this.n)}`);
  }

  get count(): number {
    return this.n;
  }

  get participants(): Author[] {
    return [...this.seen.values()];
  }

  get oldest(): string | undefined {
    return this.oldestTime;
  }

  get newest(): string | undefined {
    return this.newestTime;
  }

  get generic(): number {
    return this.genericCount;
  }

  /** The JSON transcript: `header`'s members, then `"entries": [...]`. */
  jsonBytes(header: Record<string, unknown>): Uint8Array {
    const open = JSON.stringify(header);
    return this.json.bytes(`${open.slice(0, -1)}${open.length > 2 ? ',' : ''}"entries":[`, ']}\n');
  }

  htmlBytes(title: string, meta: [string, string][]): Uint8Array {
    return this.html.bytes(transcriptHead(title, meta), TRANSCRIPT_TAIL);
  }
}

/** One record and its artifacts from a finished (or recovered) capture whose transcript was built entry by entry. */
export function buildThreadRecord(input: ThreadRecordInput, transcript: TranscriptBuilder, tool: ToolInfo, capturedAt: string): { record: NewRecord; artifacts: Array<NewArtifact | StagedArtifact> } {
  const { begin, finish } = input;
  const head = finish.head;
  const count = transcript.count;
  const noun = begin.kind === 'post' ? 'replies' : begin.kind === 'profile' ? 'posts' : 'messages';
  const participants = transcript.participants;
  const fields: Record<string, string> = { ...(head.fields ?? {}), [noun]: String(count), participants: String(participants.length) };
  if (transcript.oldest) fields.oldest = transcript.oldest;
  if (transcript.newest) fields.newest = transcript.newest;
  if (finish.partial) {
    fields.partial = 'true';
    fields.partialReason = finish.partial.reason;
    fields.partialMessage = finish.partial.message;
  }
  if (finish.bound) Object.assign(fields, boundFields(finish.bound, begin.kind, count, !!finish.partial));
  Object.assign(fields, input.fields ?? {});
  const generic = transcript.generic;
  const warnings = [...(head.warnings ?? [])];
  if (finish.partial) warnings.push(`PARTIAL CAPTURE: ${finish.partial.message}`);
  if (generic) warnings.push(`${generic} of the ${noun} could not be read by the site adapter; their visible text was kept.`);
  warnings.push(...finish.notes);
  if (input.screenshotNote) warnings.push(input.screenshotNote);
  const redrawn = input.pictureMethod === 'dom-render' && input.segments.length > 0;
  if (redrawn) warnings.push(REDRAWN_WARNING);

  const summary = `${count} ${noun}${transcript.oldest ? ` from ${transcript.oldest} to ${transcript.newest}` : ''}${finish.partial ? ' (partial capture)' : ''}`;
  const content: ExtractedContent = {
    ...head,
    kind: begin.kind,
    ...(begin.kind === 'dm-thread' ? { text: summary } : {}),
    participants,
    fields,
  };
  delete content.messages;
  const segments = input.segments;
  const stitched = `stitched from ${input.screens} screens taken while scrolling (${segments.length} segment${segments.length > 1 ? 's' : ''}${input.composite ? ', plus the composite' : ''})`;
  const shotInfo: ScreenshotInfo = {
    method: segments.length ? (redrawn ? 'dom-render' : 'pixel') : 'none',
    devicePixelRatio: input.devicePixelRatio,
    ...(input.viewport ? { viewport: input.viewport } : {}),
    note: segments.length ? (redrawn ? `${input.renderNote ?? 'redrawn from the page DOM'}; ${stitched}` : stitched) : (input.screenshotNote ?? 'no screenshot was taken'),
  };
  const record: NewRecord = {
    formatVersion: RECORD_FORMAT_VERSION,
    kind: begin.kind,
    platform: head.platform,
    pageUrl: begin.pageUrl,
    ...(begin.pageTitle ? { pageTitle: begin.pageTitle } : {}),
    ...(head.permalink ? { permalink: head.permalink } : {}),
    capturedAt,
    capturedAtOffset: begin.localOffset,
    ...(head.itemTime ? { itemTime: head.itemTime } : {}),
    ...(head.author ? { author: head.author } : {}),
    ...(content.text !== undefined ? { text: content.text } : {}),
    media: head.media ?? [],
    content,
    extraction: { method: head.method, ...(finish.adapter ? { adapter: `${finish.adapter}@${finish.adapterVersion ?? '?'}` } : {}), warnings },
    screenshot: shotInfo,
    tool: { name: 'Holdfast', version: tool.version, browser: tool.browser, userAgent: tool.userAgent },
    reportRoutes: finish.reportRoutes ?? [],
  };

  const base = `${artifactBaseName(capturedAt, { content })}_whole`;
  const enc = new TextEncoder();
  const artifacts: Array<NewArtifact | StagedArtifact> = [];
  const transcriptHeader = {
    format: 'holdfast-thread-transcript',
    version: 1,
    kind: begin.kind,
    pageUrl: begin.pageUrl,
    capturedAt,
    count,
    ...(finish.partial ? { partial: finish.partial } : {}),
    ...(finish.bound ? { bound: finish.bound } : {}),
    participants,
    head,
  };
  const one = noun === 'replies' ? 'reply' : noun.slice(0, -1);
  artifacts.push({ role: 'transcript', mediaType: 'application/json', filename: `${base}_transcript.json`, bytes: transcript.jsonBytes(transcriptHeader), note: `every ${one} in page order, ${begin.kind === 'profile' ? 'newest first as the timeline shows them' : 'oldest first'}` });
  const title =
    begin.kind === 'profile'
      ? `Profile ${head.author?.handle ? `@${head.author.handle}` : 'unknown'} and ${count} posts`
      : begin.kind === 'post'
        ? `Post by ${head.author?.handle ? `@${head.author.handle}` : 'unknown'} and ${count} replies`
        : `Conversation ${participants.map((p) => (p.handle ? `@${p.handle}` : (p.displayName ?? '?'))).join(', ')}`;
  const meta: [string, string][] = [
    ['Page', begin.pageUrl],
    ['Captured (UTC)', capturedAt],
    [noun.charAt(0).toUpperCase() + noun.slice(1), String(count)],
    ...(fields.coverage ? ([['Covers', fields.coverage]] as [string, string][]) : []),
    ['Participants', participants.map((p) => [p.displayName, p.handle && `@${p.handle}`, p.accountId && `id ${p.accountId}`].filter(Boolean).join(' ')).join('; ')],
    ...(finish.partial ? ([['PARTIAL CAPTURE', finish.partial.message]] as [string, string][]) : []),
    ...(begin.kind === 'post' ? ([['Post', `${who(head)}: ${head.text ?? ''}`]] as [string, string][]) : []),
  ];
  artifacts.push({ role: 'transcript', mediaType: 'text/html;charset=utf-8', filename: `${base}_transcript.html`, bytes: transcript.htmlBytes(title, meta), note: 'readable transcript (escaped text only)' });
  const picture = (part: ImagePart, role: 'screenshot' | 'segment', filename: string, note: string): NewArtifact | StagedArtifact =>
    part.staged !== undefined ? { role, mediaType: 'image/png', filename, staged: part.staged, note } : { role, mediaType: 'image/png', filename, bytes: part.bytes, note };
  const what = redrawn ? 'stitched picture redrawn from the page DOM (not a pixel screenshot)' : 'stitched screenshot';
  if (input.composite) {
    artifacts.push(picture(input.composite, 'screenshot', `${base}_screenshot.png`, `${what}, ${input.composite.width}×${input.composite.height} px`));
  }
  if (!(input.composite && segments.length === 1)) {
    segments.forEach((s, i) => {
      artifacts.push(picture(s, 'segment', `${base}_segment-${String(i + 1).padStart(3, '0')}.png`, `part ${i + 1} of ${segments.length} of the ${what}, ${s.width}×${s.height} px, top to bottom`));
    });
  }
  if (finish.html) {
    artifacts.push({ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `${base}.html`, bytes: enc.encode(finish.html), note: 'HTML of the thread as it was in the page at the end (only the rows then on screen); never rendered by Holdfast' });
  }
  const structured = { capturedAt, capturedAtOffset: begin.localOffset, pageUrl: begin.pageUrl, pageTitle: begin.pageTitle, stats: finish.stats, content };
  artifacts.push({ role: 'structured', mediaType: 'application/json', filename: `${base}.json`, bytes: enc.encode(`${JSON.stringify(structured, null, 2)}\n`) });
  return { record, artifacts };
}

/** Everything in memory (tests, small threads): the same record and bytes as the streamed path. */
export function buildThreadCapture(input: ThreadCaptureInput, tool: ToolInfo, capturedAt: string): { record: NewRecord; artifacts: NewArtifact[] } {
  const transcript = new TranscriptBuilder(input.finish.head);
  // Rows collected past a bound were streamed too: only the rows inside the range belong in the record.
  const bounded = input.finish.bound && input.finish.bound.kind !== 'all';
  for (const e of orderedEntries(input.finish.order, bounded ? restrictTo(input.entries, input.finish.order) : input.entries)) transcript.add(e);
  const { entries: _e, ...rest } = input;
  return buildThreadRecord(rest, transcript, tool, capturedAt) as { record: NewRecord; artifacts: NewArtifact[] };
}

/** Stitching: which part of a new screen is not yet in the picture (src/capture/stitch-geometry.ts). */
export { newPart } from '../stitch-geometry';
