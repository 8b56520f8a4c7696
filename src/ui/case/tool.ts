/**
 * Who is adding a journal entry or a file: goes into the record's `tool`, as a capture's does. The same reading as
 * the background's (src/capture/background/main.ts), which src/ui may not import.
 */
import { browser } from 'wxt/browser';
import type { ToolInfo } from '../../vault/api';

/** "Firefox 128.0" / "Chromium 131.0.0.0" from a user agent string. */
export function browserName(ua: string): string {
  const firefox = /Firefox\/([\d.]+)/.exec(ua);
  if (firefox) return `Firefox ${firefox[1]}`;
  return `Chromium ${/Chrom(?:e|ium)\/([\d.]+)/.exec(ua)?.[1] ?? '?'}`;
}

let cached: ToolInfo | null = null;

export async function toolInfo(): Promise<ToolInfo> {
  if (cached) return cached;
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  let name = browserName(ua);
  const rt = browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  if (rt.getBrowserInfo) {
    try {
      const info = await rt.getBrowserInfo();
      name = `${info.name} ${info.version}`;
    } catch {
      /* keep the name read from the user agent */
    }
  }
  let version = '0';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    /* outside an extension (unit tests) */
  }
  cached = { version, browser: name, userAgent: ua };
  return cached;
}
