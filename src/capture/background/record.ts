/**
 * Turns what the content script sent plus the screenshot into a vault record and its artifacts.
 * Pure: no extension API, so it is unit-tested directly.
 */
import type { EvidenceRecord, ScreenshotInfo } from '../../model/evidence';
import { RECORD_FORMAT_VERSION } from '../../model/evidence';
import type { ItemCapturePayload } from '../../messaging/protocol';
import type { NewArtifact, NewRecord } from '../../vault/api';

export interface ToolInfo {
  version: string;
  browser: string;
  userAgent: string;
}

export interface ScreenshotResult {
  info: ScreenshotInfo;
  png?: Uint8Array;
  warning?: string;
}

/** ASCII-safe, short, no separators: usable in any file system and in a ZIP. */
export function safeNamePart(value: string | undefined, fallback: string): string {
  const cleaned = (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned || fallback;
}

export function artifactBaseName(capturedAt: string, payload: Pick<ItemCapturePayload, 'content'>): string {
  const date = capturedAt.slice(0, 19).replace(/[:T]/g, '-');
  const c = payload.content;
  const who = safeNamePart(c.author?.handle ?? c.author?.displayName, 'unknown');
  return `${date}_${c.platform}_${who}_${c.kind}`;
}

export function buildCapture(
  payload: ItemCapturePayload,
  shot: ScreenshotResult,
  tool: ToolInfo,
  capturedAt: string,
): { record: NewRecord; artifacts: NewArtifact[] } {
  const c = payload.content;
  const warnings = [...(c.warnings ?? [])];
  if (shot.warning) warnings.push(shot.warning);
  if (shot.info.clipped && shot.info.method !== 'none') warnings.push('The item was larger than the window; the screenshot shows only the part that was visible.');
  const base = artifactBaseName(capturedAt, payload);
  const record: NewRecord = {
    formatVersion: RECORD_FORMAT_VERSION,
    kind: c.kind,
    platform: c.platform,
    pageUrl: payload.pageUrl,
    ...(payload.pageTitle ? { pageTitle: payload.pageTitle } : {}),
    ...(c.permalink ? { permalink: c.permalink } : {}),
    capturedAt,
    capturedAtOffset: payload.localOffset,
    ...(c.itemTime ? { itemTime: c.itemTime } : {}),
    ...(c.author ? { author: c.author } : {}),
    ...(c.text !== undefined ? { text: c.text } : {}),
    media: c.media ?? [],
    // `content` stays exactly what the adapter read; capture-level notes go to `extraction.warnings`.
    content: c,
    extraction: { method: c.method, ...(payload.adapter ? { adapter: `${payload.adapter}@${payload.adapterVersion ?? '?'}` } : {}), warnings },
    screenshot: shot.info,
    tool: { name: 'Holdfast', version: tool.version, browser: tool.browser, userAgent: tool.userAgent },
    reportRoutes: payload.reportRoutes ?? [],
  };
  const enc = new TextEncoder();
  const artifacts: NewArtifact[] = [];
  if (shot.png) {
    artifacts.push({
      role: 'screenshot',
      mediaType: 'image/png',
      filename: `${base}_screenshot.png`,
      bytes: shot.png,
      note:
        shot.info.method === 'pixel'
          ? shot.info.note?.startsWith('stitched')
            ? `browser screenshots of the tab, ${shot.info.note}, cropped to the item`
            : 'browser screenshot of the visible tab, cropped to the item'
          : 'redrawn from the page DOM (not a pixel screenshot)',
    });
  }
  artifacts.push({ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `${base}.html`, bytes: enc.encode(payload.html), note: 'HTML of the item as it was in the page; never rendered by Holdfast' });
  const structured = {
    capturedAt,
    capturedAtOffset: payload.localOffset,
    pageUrl: payload.pageUrl,
    pageTitle: payload.pageTitle,
    viewport: payload.viewport,
    devicePixelRatio: payload.devicePixelRatio,
    content: record.content,
  };
  artifacts.push({ role: 'structured', mediaType: 'application/json', filename: `${base}.json`, bytes: enc.encode(`${JSON.stringify(structured, null, 2)}\n`) });
  return { record, artifacts };
}

export type { EvidenceRecord };
