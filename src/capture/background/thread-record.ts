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
 */
import type { Author, ExtractedContent, ScreenshotInfo } from '../../model/evidence';
import { RECORD_FORMAT_VERSION } from '../../model/evidence';
import type { ThreadBeginPayload, ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import type { NewArtifact, NewRecord } from '../../vault/api';
import { boundFields, restrictTo } from '../thread/bounds';
import { artifactBaseName, type ToolInfo } from './record';

export interface StitchedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

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
}

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

function participantsOf(head: ExtractedContent, list: readonly ThreadEntryPayload[]): Author[] {
  const seen = new Map<string, Author>();
  for (const a of head.participants ?? []) if (authorKey(a)) seen.set(authorKey(a), a);
  if (head.author && authorKey(head.author) && !seen.has(authorKey(head.author))) seen.set(authorKey(head.author), head.author);
  for (const e of list) {
    const a = e.content.author;
    if (a && authorKey(a) && !seen.has(authorKey(a))) seen.set(authorKey(a), a);
  }
  return [...seen.values()];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function who(c: ExtractedContent): string {
  const a = c.author;
  if (!a) return 'unknown sender';
  const name = a.displayName ? `${a.displayName} ` : '';
  return `${name}${a.handle ? `@${a.handle}` : ''}${c.direction === 'sent' ? ' (you)' : ''}`.trim() || 'unknown sender';
}

/** A readable transcript: static HTML, every captured string escaped, nothing loaded, nothing clickable. */
export function transcriptHtml(title: string, meta: [string, string][], list: readonly ThreadEntryPayload[]): string {
  const rows = list
    .map((e, i) => {
      const c = e.content;
      const media = c.media.map((m) => `<div class="media">[${escapeHtml(m.type)}${m.alt ? `: ${escapeHtml(m.alt)}` : ''}] ${escapeHtml(m.url)}</div>`).join('');
      const links = c.links.length ? `<div class="links">${c.links.map((l) => `${escapeHtml(l.text)} → ${escapeHtml(l.href)}`).join('<br>')}</div>` : '';
      const warn = c.warnings.length ? `<div class="warn">${c.warnings.map(escapeHtml).join('<br>')}</div>` : '';
      const mark = c.fields?.pinned === 'true' ? ' <span class="mark">[pinned]</span>' : c.fields?.repost === 'true' ? ` <span class="mark">[repost${c.fields.repostedBy ? ` by @${escapeHtml(c.fields.repostedBy)}` : ''}]</span>` : '';
      return `<li class="${c.direction === 'sent' ? 'sent' : 'received'}" id="m${i + 1}"><div class="head"><span class="n">${i + 1}</span>${mark} <b>${escapeHtml(who(c))}</b> <time datetime="${escapeHtml(c.itemTime ?? '')}">${escapeHtml(c.itemTime ?? c.itemTimeText ?? 'no time')}</time>${c.permalink && c.kind !== 'dm-message' ? ` <span class="link">${escapeHtml(c.permalink)}</span>` : ''}</div><div class="text">${escapeHtml(c.text ?? '').replace(/\n/g, '<br>')}</div>${media}${links}${warn}</li>`;
    })
    .join('\n');
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
${rows}
</ol>
</body></html>
`;
}

export function buildThreadCapture(input: ThreadCaptureInput, tool: ToolInfo, capturedAt: string): { record: NewRecord; artifacts: NewArtifact[] } {
  const { begin, finish } = input;
  const head = finish.head;
  // Rows collected past a bound were streamed too: only the rows inside the range belong in the record.
  const list = orderedEntries(finish.order, finish.bound && finish.bound.kind !== 'all' ? restrictTo(input.entries, finish.order) : input.entries);
  const noun = begin.kind === 'post' ? 'replies' : begin.kind === 'profile' ? 'posts' : 'messages';
  const times = list.map((e) => e.content.itemTime).filter((t): t is string => !!t).sort();
  const participants = participantsOf(head, list);
  const fields: Record<string, string> = { ...(head.fields ?? {}), [noun]: String(list.length), participants: String(participants.length) };
  if (times[0]) fields.oldest = times[0];
  if (times.length) fields.newest = times[times.length - 1]!;
  if (finish.partial) {
    fields.partial = 'true';
    fields.partialReason = finish.partial.reason;
    fields.partialMessage = finish.partial.message;
  }
  if (finish.bound) Object.assign(fields, boundFields(finish.bound, begin.kind, list.length, !!finish.partial));
  const generic = list.filter((e) => e.content.method === 'generic').length;
  const warnings = [...(head.warnings ?? [])];
  if (finish.partial) warnings.push(`PARTIAL CAPTURE: ${finish.partial.message}`);
  if (generic) warnings.push(`${generic} of the ${noun} could not be read by the site adapter; their visible text was kept.`);
  warnings.push(...finish.notes);
  if (input.screenshotNote) warnings.push(input.screenshotNote);

  const summary = `${list.length} ${noun}${times.length ? ` from ${times[0]} to ${times[times.length - 1]}` : ''}${finish.partial ? ' (partial capture)' : ''}`;
  const content: ExtractedContent = {
    ...head,
    kind: begin.kind,
    ...(begin.kind === 'dm-thread' ? { text: summary } : {}),
    participants,
    fields,
  };
  delete content.messages;
  const shotInfo: ScreenshotInfo = {
    method: input.segments.length ? 'pixel' : 'none',
    devicePixelRatio: input.devicePixelRatio,
    ...(input.viewport ? { viewport: input.viewport } : {}),
    note: input.segments.length
      ? `stitched from ${input.screens} screens taken while scrolling (${input.segments.length} segment${input.segments.length > 1 ? 's' : ''}${input.composite ? ', plus the composite' : ''})`
      : (input.screenshotNote ?? 'no screenshot was taken'),
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
  const artifacts: NewArtifact[] = [];
  const transcript = {
    format: 'holdfast-thread-transcript',
    version: 1,
    kind: begin.kind,
    pageUrl: begin.pageUrl,
    capturedAt,
    count: list.length,
    ...(finish.partial ? { partial: finish.partial } : {}),
    ...(finish.bound ? { bound: finish.bound } : {}),
    participants,
    head,
    entries: list.map((e, i) => {
      const { participants: _p, ...rest } = e.content;
      return { n: i + 1, key: e.key, ...rest };
    }),
  };
  const one = noun === 'replies' ? 'reply' : noun.slice(0, -1);
  artifacts.push({ role: 'transcript', mediaType: 'application/json', filename: `${base}_transcript.json`, bytes: enc.encode(`${JSON.stringify(transcript)}\n`), note: `every ${one} in page order, ${begin.kind === 'profile' ? 'newest first as the timeline shows them' : 'oldest first'}` });
  const title =
    begin.kind === 'profile'
      ? `Profile ${head.author?.handle ? `@${head.author.handle}` : 'unknown'} and ${list.length} posts`
      : begin.kind === 'post'
        ? `Post by ${head.author?.handle ? `@${head.author.handle}` : 'unknown'} and ${list.length} replies`
        : `Conversation ${participants.map((p) => (p.handle ? `@${p.handle}` : (p.displayName ?? '?'))).join(', ')}`;
  const meta: [string, string][] = [
    ['Page', begin.pageUrl],
    ['Captured (UTC)', capturedAt],
    [noun.charAt(0).toUpperCase() + noun.slice(1), String(list.length)],
    ...(fields.coverage ? ([['Covers', fields.coverage]] as [string, string][]) : []),
    ['Participants', participants.map((p) => [p.displayName, p.handle && `@${p.handle}`, p.accountId && `id ${p.accountId}`].filter(Boolean).join(' ')).join('; ')],
    ...(finish.partial ? ([['PARTIAL CAPTURE', finish.partial.message]] as [string, string][]) : []),
    ...(begin.kind === 'post' ? ([['Post', `${who(head)}: ${head.text ?? ''}`]] as [string, string][]) : []),
  ];
  artifacts.push({ role: 'transcript', mediaType: 'text/html;charset=utf-8', filename: `${base}_transcript.html`, bytes: enc.encode(transcriptHtml(title, meta, list)), note: 'readable transcript (escaped text only)' });
  if (input.composite) {
    artifacts.push({ role: 'screenshot', mediaType: 'image/png', filename: `${base}_screenshot.png`, bytes: input.composite.bytes, note: `stitched screenshot, ${input.composite.width}×${input.composite.height} px` });
  }
  if (!(input.composite && input.segments.length === 1)) {
    input.segments.forEach((s, i) => {
      artifacts.push({ role: 'segment', mediaType: 'image/png', filename: `${base}_segment-${String(i + 1).padStart(3, '0')}.png`, bytes: s.bytes, note: `part ${i + 1} of ${input.segments.length} of the stitched screenshot, ${s.width}×${s.height} px, top to bottom` });
    });
  }
  artifacts.push({ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `${base}.html`, bytes: enc.encode(finish.html), note: 'HTML of the thread as it was in the page at the end (only the rows then on screen); never rendered by Holdfast' });
  const structured = { capturedAt, capturedAtOffset: begin.localOffset, pageUrl: begin.pageUrl, pageTitle: begin.pageTitle, stats: finish.stats, content };
  artifacts.push({ role: 'structured', mediaType: 'application/json', filename: `${base}.json`, bytes: enc.encode(`${JSON.stringify(structured, null, 2)}\n`) });
  return { record, artifacts };
}

/**
 * Stitching: which part of a new screen is not yet in the picture. `covered` is how far down (scroller CSS px) the
 * picture already reaches; the screen shows [scrollTop, scrollTop + height). Returns the rows to skip at the top of
 * the screen and how many to take (0: nothing new).
 */
export function newPart(covered: number, scrollTop: number, height: number): { skip: number; take: number } {
  const skip = Math.max(0, Math.min(height, covered - scrollTop));
  return { skip, take: Math.max(0, height - skip) };
}
