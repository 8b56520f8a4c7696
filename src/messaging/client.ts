/** Typed senders. The only place that calls runtime.sendMessage / tabs.sendMessage. */
import { browser } from 'wxt/browser';
import type { BackgroundMessages, ContentMessages, MessageOf, ResponseOf } from './protocol';

export async function sendToBackground<K extends keyof BackgroundMessages>(
  message: MessageOf<BackgroundMessages, K>,
): Promise<ResponseOf<BackgroundMessages, K>> {
  return (await browser.runtime.sendMessage(message)) as ResponseOf<BackgroundMessages, K>;
}

export async function sendToTab<K extends keyof ContentMessages>(
  tabId: number,
  message: MessageOf<ContentMessages, K>,
  frameId = 0,
): Promise<ResponseOf<ContentMessages, K>> {
  return (await browser.tabs.sendMessage(tabId, message, { frameId })) as ResponseOf<ContentMessages, K>;
}
