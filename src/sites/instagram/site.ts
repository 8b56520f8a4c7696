/**
 * Instagram as its content script runs it: the adapter (the reader of posts, comments, profiles and messages) with
 * its whole-thread and profile-with-posts support, which read through the adapter (so the adapter does not import them).
 */
import type { SiteAdapter } from '../types';
import { instagramAdapter } from './adapter';
import { instagramProfilePosts } from './profile-posts';
import { instagramThread } from './thread';

export const instagramSite: SiteAdapter = { ...instagramAdapter, thread: instagramThread, profilePosts: instagramProfilePosts };
