/**
 * Messenger as its content script runs it: the adapter (the reader of messages and conversations) with its
 * whole-thread support, which reads through the adapter (so the adapter does not import it).
 */
import type { SiteAdapter } from '../types';
import { messengerAdapter } from './adapter';
import { messengerThread } from './thread';

export const messengerSite: SiteAdapter = { ...messengerAdapter, thread: messengerThread };
