/**
 * The background's capture service: screenshot (pixel, else DOM-rendered, else none — always labelled),
 * record assembly, and one all-or-nothing vault write per capture. Errors come back as plain results.
 */
import { browser, type Browser } from 'wxt/browser';
import type { CaptureResult, ItemCapturePayload } from '../../messaging/protocol';
import { sendToTab } from '../../messaging/client';
import type { Vault } from '../../vault/api';
import { VaultError } from '../../vault/api';
import { platformForHost } from '../generic';
import { buildCapture, type ScreenshotResult, type ToolInfo } from './record';
import { ITEM_MAX_PX, takeItemStitch } from './item-stitch';
import { captureVisible, cropPng, dataUrlToBytes, PermissionMissing } from './screenshot';
import { REDRAWN_WARNING } from './thread-record';

type Sender = Browser.runtime.MessageSender;

export interface CaptureServiceDeps {
  vault(): Promise<Vault>;
  tool(): Promise<ToolInfo>;
  /** Test builds only: lets the real-browser tests make the next write fail or stall. */
  beforeWrite?(): Promise<void>;
}

async function domRender(tabId: number, frameId: number, payload: ItemCapturePayload): Promise<ScreenshotResult> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/dom-render.js'] });
  const res = await sendToTab(tabId, { type: 'render:dom', token: payload.renderToken, rect: payload.rect }, frameId);
  if (!res.ok) throw new Error(res.message);
  return {
    png: dataUrlToBytes(res.dataUrl).bytes,
    info: {
      method: 'dom-render',
      devicePixelRatio: payload.devicePixelRatio,
      crop: payload.rect,
      viewport: payload.viewport,
      // The renderer draws the whole element, parts outside the window included (issue #14).
      clipped: false,
      note: payload.clipped ? `${res.note}; the whole item, including the parts outside the window` : res.note,
    },
    warning: REDRAWN_WARNING,
  };
}

export async function takeScreenshot(payload: ItemCapturePayload, sender: Sender): Promise<ScreenshotResult> {
  const tab = sender.tab;
  const base = { devicePixelRatio: payload.devicePixelRatio, crop: payload.rect, viewport: payload.viewport, clipped: payload.clipped };
  let pixelError = '';
  // An item taller than the window whose screens were stitched while the content script scrolled it (issue #14).
  const stitched = tab?.id !== undefined ? await takeItemStitch(tab.id, payload.renderToken).catch(() => undefined) : undefined;
  if (stitched) {
    return {
      png: stitched.png,
      info: {
        method: 'pixel',
        ...base,
        devicePixelRatio: stitched.scale,
        clipped: stitched.capped,
        note: `stitched from ${stitched.screens} screens taken while scrolling, ${stitched.width}×${stitched.height} px${stitched.capped ? ` (the item is taller than ${ITEM_MAX_PX} px: only its top is pictured)` : ''}`,
      },
    };
  }
  if (tab?.active) {
    try {
      const full = await captureVisible(tab.windowId);
      const { bytes, scale } = await cropPng(full, payload.rect, payload.viewport, payload.devicePixelRatio);
      return { png: bytes, info: { method: 'pixel', ...base, devicePixelRatio: scale } };
    } catch (err) {
      pixelError = err instanceof PermissionMissing ? '' : String(err);
    }
  }
  if (tab?.id !== undefined) {
    try {
      return await domRender(tab.id, sender.frameId ?? 0, payload);
    } catch (err) {
      pixelError = `${pixelError} ${String(err)}`.trim();
    }
  }
  return {
    info: { method: 'none', ...base, note: pixelError || 'no tab to capture' },
    warning: `No picture could be taken (${pixelError || 'no tab'}); the HTML and structured content were kept.`,
  };
}

export async function captureItem(deps: CaptureServiceDeps, payload: ItemCapturePayload, sender: Sender): Promise<CaptureResult> {
  const capturedAt = new Date().toISOString();
  try {
    if (!payload?.content || typeof payload.html !== 'string' || !payload.pageUrl) {
      return { ok: false, code: 'invalid', message: 'The capture request was incomplete.' };
    }
    const shot = await takeScreenshot(payload, sender);
    const { record, artifacts } = buildCapture(payload, shot, await deps.tool(), capturedAt);
    await deps.beforeWrite?.();
    const vault = await deps.vault();
    const stored = await vault.addRecord(record, artifacts);
    return {
      ok: true,
      recordId: stored.id,
      seq: stored.seq,
      screenshot: shot.info.method,
      extraction: stored.extraction.method,
      warnings: stored.extraction.warnings,
    };
  } catch (err) {
    if (err instanceof VaultError && err.code === 'quota') return { ok: false, code: 'quota', message: err.message };
    return { ok: false, code: 'unknown', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Page-level capture of any tab (toolbar, shortcut, context menu on unsupported sites): needs activeTab or <all_urls>. */
export async function collectPagePayload(tabId: number, via: ItemCapturePayload['via']): Promise<ItemCapturePayload> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: (viaArg: string) => {
      const vp = { width: document.documentElement.clientWidth || innerWidth, height: document.documentElement.clientHeight || innerHeight };
      const minutes = -new Date().getTimezoneOffset();
      const abs = Math.abs(minutes);
      const offset = `${minutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      const clone = document.documentElement.cloneNode(true) as Element;
      for (const own of Array.from(clone.querySelectorAll('[data-holdfast-capture],[data-holdfast-toast]'))) own.remove();
      const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : '';
      const text = (document.body?.innerText ?? '').slice(0, 20000);
      return {
        url: location.href,
        title: document.title,
        html: doctype + clone.outerHTML,
        text,
        viewport: vp,
        dpr: devicePixelRatio || 1,
        offset,
        via: viaArg,
      };
    },
    args: [via],
  });
  const r = injection?.result as
    | { url: string; title: string; html: string; text: string; viewport: { width: number; height: number }; dpr: number; offset: string }
    | undefined;
  if (!r) throw new Error('The page could not be read.');
  let host = '';
  try {
    host = new URL(r.url).hostname;
  } catch {
    /* keep empty */
  }
  return {
    content: { kind: 'page', platform: platformForHost(host), permalink: r.url, text: r.text, links: [], media: [], method: 'generic', warnings: [] },
    html: r.html,
    pageUrl: r.url,
    pageTitle: r.title,
    rect: { x: 0, y: 0, ...r.viewport },
    viewport: r.viewport,
    devicePixelRatio: r.dpr,
    clipped: false,
    renderToken: '',
    reportRoutes: [],
    via,
    localOffset: r.offset,
  };
}
