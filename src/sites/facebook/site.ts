/**
 * Facebook as its content script runs it: the adapter (the reader of posts, comments and profiles) with its
 * whole-thread and profile-with-posts support, which read through the adapter (so the adapter does not import them).
 */
import type { SiteAdapter } from '../types';
import { facebookAdapter } from './adapter';
import { facebookProfilePosts } from './profile-posts';
import { facebookThread } from './thread';

export const facebookSite: SiteAdapter = { ...facebookAdapter, thread: facebookThread, profilePosts: facebookProfilePosts };
