/**
 * X as its content script runs it: the adapter (the reader of posts, profiles and messages) with its whole-thread
 * and profile-with-posts support, which read through the adapter (so the adapter does not import them).
 */
import type { SiteAdapter } from '../types';
import { xAdapter } from './adapter';
import { xProfilePosts } from './profile-posts';
import { xThread } from './thread';

export const xSite: SiteAdapter = { ...xAdapter, thread: xThread, profilePosts: xProfilePosts };
