/**
 * Every query the X adapter makes, in one table. adapter.ts takes all its CSS from here.
 *
 * | name                  | css                                                              | stability | proving fixtures (test/replicas/x.com/)        |
 * |-----------------------|------------------------------------------------------------------|-----------|-----------------------------------------------|
 * | cell                  | [data-testid="cellInnerDiv"]                                     | high      | home, status, profile, profile-es, dm-legacy   |
 * | post                  | article[data-testid="tweet"]                                     | high      | home, status, profile, profile-es              |
 * | videoPlayer           | [data-testid="videoPlayer"]                                      | high      | profile                                        |
 * | userName              | [data-testid="User-Name"]                                        | high      | home, status, profile, profile-es              |
 * | postText              | [data-testid="tweetText"]                                        | high      | home, status, profile, profile-es, dm-legacy   |
 * | time                  | time[datetime]                                                   | high      | all                                            |
 * | link                  | a[href]                                                          | high      | all                                            |
 * | quotedBlock           | div[role="link"]                                                 | medium    | home                                           |
 * | photo                 | [data-testid="tweetPhoto"] img                                   | high      | home, status, profile-es                       |
 * | articleTitle          | [data-testid="twitter-article-title"]                            | medium    | article                                        |
 * | articleBody           | [data-testid="longformRichTextComponent"], [data-testid="twitterArticleRichTextView"] | medium | article                   |
 * | articleBlock          | [data-block="true"]                                              | medium    | article                                        |
 * | articleCode           | [data-testid="markdown-code-block"] pre                          | medium    | real x-article-en-2026                         |
 * | video                 | [data-testid="videoPlayer"] video                                | high      | profile                                        |
 * | image                 | img                                                              | high      | dm-legacy, dm-chat                             |
 * | avatarContainer       | [data-testid^="UserAvatar-Container-"]                           | high      | all                                            |
 * | profileName           | [data-testid="UserName"]                                         | high      | profile, profile-es                            |
 * | profileBio            | [data-testid="UserDescription"]                                  | high      | profile, profile-es                            |
 * | profileLocation       | [data-testid="UserLocation"]                                     | high      | profile, profile-es                            |
 * | profileUrl            | [data-testid="UserUrl"]                                          | high      | profile, profile-es                            |
 * | profileJoinDate       | [data-testid="UserJoinDate"]                                     | high      | profile, profile-es                            |
 * | profileSchema         | script[type="application/ld+json"][data-testid="UserProfileSchema-test"] | high | profile, profile-es                    |
 * | profileBanner         | img[src*="/profile_banners/"]                                    | high      | profile, profile-es                            |
 * | followingLink         | a[href$="/following"]                                            | high      | profile, profile-es                            |
 * | followersLink         | a[href$="/followers"], a[href$="/verified_followers"]            | high      | profile, profile-es                            |
 * | followButton          | [data-testid$="-follow"], [data-testid$="-unfollow"]             | high      | home, profile, profile-es                      |
 * | userCell              | [data-testid="UserCell"]                                         | high      | home, status, profile, profile-es              |
 * | primaryColumn         | [data-testid="primaryColumn"]                                    | high      | home, status, profile, profile-es, dm-legacy   |
 * | viewerProfileLink     | a[data-testid="AppTabBar_Profile_Link"]                          | high      | all                                            |
 * | viewerAccountSwitcher | [data-testid="SideNav_AccountSwitcher_Button"]                   | high      | all                                            |
 * | inlineScript          | script:not([src])                                                | medium    | all                                            |
 * | dmLegacyThread        | [data-testid="DmActivityContainer"]                              | medium    | dm-legacy                                      |
 * | dmLegacyMessage       | [data-testid="messageEntry"]                                     | medium    | dm-legacy                                      |
 * | dmLegacyInboxRow      | [data-testid="conversation"]                                     | medium    | dm-legacy                                      |
 * | dmChatContainer       | [data-testid="dm-container"]                                     | medium    | dm-chat                                        |
 * | dmChatHeader          | [data-testid="dm-conversation-header"]                           | medium    | dm-chat                                        |
 * | dmChatList            | [data-testid="dm-message-list"]                                  | medium    | dm-chat                                        |
 * | dmChatMessage         | [data-testid="dm-message-list"] [data-testid^="message-"]        | medium    | dm-chat                                        |
 * | dmChatMessageText     | [data-testid^="message-text-"]                                   | medium    | dm-chat                                        |
 * | dmChatInboxRow        | [data-testid^="dm-conversation-item-"]                           | medium    | dm-chat                                        |
 * | dmLegacyScroller      | [data-testid="DmScrollerContainer"]                              | medium    | dm-legacy, thread/dm-legacy-long               |
 * | progressbar           | [role="progressbar"]                                             | high      | thread/post-replies                            |
 * | cellButton            | [data-testid="cellInnerDiv"] button, [data-testid="cellInnerDiv"] [role="button"] | medium | thread/post-replies          |
 * | socialContext         | [data-testid="socialContext"]                                    | high      | profile, thread/profile-long                   |
 *
 * The fixtures lists below also name the structure replicas of real saved pages (test/real/x.com/, `real(…)`) in which
 * each query matches; src/sites/real-pages.test.ts scores the adapter on them field by field.
 *
 * Notes
 * - Stable hooks only: data-testid, role, element + attribute shapes, URL shapes. Generated classes (`css-175oi2r`,
 *   `r-18u37iz`) and Tailwind utilities (`justify-end`) are never queried; DM alignment is read from the computed
 *   style of the message row, not from class names.
 * - In the newer Chat layout `dm-conversation-item-<a>:<b>` are the rows of the inbox list (one per conversation),
 *   not messages; a message is `[data-testid="message-<uuid>"]` (with `data-dm-message-row`) and its text is in
 *   `[data-testid="message-text-<uuid>"]`. `dmChatMessage` also matches `message-text-…`; the adapter filters those out.
 * - X Articles (long-form posts): the post page shows no tweetText; the text is the title plus the body's blocks,
 *   one paragraph per block. `article.html` is written from the hooks public X-Article extractors read (no saved
 *   X Article page was found, issue #11).
 * - Ads: an article with no `time[datetime]` of its own (X shows "Ad" there, no permalink); see promoted.ts.
 *   `[data-testid="placementTracking"]` is not an ad marker: on real pages it wraps every video/GIF player.
 * - `quotedBlock`: X draws a quoted post as a `div[role=link]` inside the article; the adapter also finds it
 *   structurally (the block holding the article's second User-Name) when the role is missing.
 * - Whole-thread capture (thread.ts): `dmLegacyScroller` hints at the older layout's scrolling list; `progressbar` is
 *   X's loading spinner while older messages or more replies load; `cellButton` finds "Show more replies"-type
 *   cells, which thread.ts only lets the engine click after checking structure (own cell, outside any post, no
 *   data-testid, no menu, not a link) and wording (the whole label is one of a few known phrases).
 * - Profile with posts (profile-posts.ts): `socialContext` is the line above a post on a timeline ("Pinned",
 *   "K. Grimshaw reposted"; localised). It is read by structure, not wording: inside or around a link to the
 *   profile's own account, or above a post by someone else, it marks a repost; above the owner's own post with no
 *   link, it marks the pinned post.
 * - `inlineScript`: the page's initial state carries `session.user_id`, the signed-in viewer's numeric id, used only
 *   to tell the viewer apart (DM direction, conversation id) and never as the id of anyone else.
 */
import type { SelectorRegistry } from '../types';

/** A structure replica of a real saved page (test/real/x.com/, see test/real/PROVENANCE.md). */
const real = (name: string): string => `../../real/x.com/${name}.html`;

const ALL = ['home.html', 'status.html', 'profile.html', 'profile-es.html', 'dm-legacy.html', 'dm-chat.html'];
const TIMELINES = ['home.html', 'status.html', 'profile.html', 'profile-es.html'];
const PROFILES = ['profile.html', 'profile-es.html'];

export const selectors = {
  cell: {
    css: '[data-testid="cellInnerDiv"]',
    purpose: 'one row of a virtualised list (timeline cell, DM message cell)',
    stability: 'high',
    fixtures: [...TIMELINES, 'dm-legacy.html', real('x-profile-zh-2025')],
  },
  post: {
    css: 'article[data-testid="tweet"]',
    purpose: 'a post (tweet) in a timeline or conversation',
    stability: 'high',
    fixtures: [...TIMELINES, real('x-profile-en-2024-logged-out')],
  },
  videoPlayer: {
    css: '[data-testid="videoPlayer"]',
    purpose: 'a video or GIF player; its still frame (an img inside tweetPhoto) is not a separate photo',
    stability: 'high',
    fixtures: ['profile.html', real('x-home-en-2025')],
  },
  userName: {
    css: '[data-testid="User-Name"]',
    purpose: 'author block of a post or quoted post: display name, then @handle (and the time)',
    stability: 'high',
    fixtures: [...TIMELINES, real('x-profile-zh-2025')],
  },
  postText: {
    css: '[data-testid="tweetText"]',
    purpose: 'text of a post, quoted post or legacy DM message (emoji as <img alt>, links inline)',
    stability: 'high',
    fixtures: [...TIMELINES, 'dm-legacy.html', real('x-profile-zh-2025')],
  },
  time: {
    css: 'time[datetime]',
    purpose: 'the item’s own time; in a post its parent link is the permalink',
    stability: 'high',
    fixtures: [...ALL, real('x-profile-zh-2025')],
  },
  link: {
    css: 'a[href]',
    purpose: 'links: permalinks (/<handle>/status/<id>), profile links (/<handle>), t.co links, mentions',
    stability: 'high',
    fixtures: [...ALL, real('x-home-en-2024')],
  },
  quotedBlock: {
    css: 'div[role="link"]',
    purpose: 'the quoted post block nested inside a quote post',
    stability: 'medium',
    fixtures: ['home.html', real('x-home-en-2024b')],
  },
  photo: {
    css: '[data-testid="tweetPhoto"] img',
    purpose: 'photos attached to a post (pbs.twimg.com/media/…), alt text in alt',
    stability: 'high',
    fixtures: ['home.html', 'status.html', 'profile-es.html', real('x-profile-zh-2025')],
  },
  articleTitle: {
    css: '[data-testid="twitter-article-title"]',
    purpose: 'an X Article (long-form post): its title, inside the post (twitterArticleReadView)',
    stability: 'medium',
    fixtures: ['article.html', real('x-article-en-2026')],
  },
  articleBody: {
    css: '[data-testid="longformRichTextComponent"], [data-testid="twitterArticleRichTextView"]',
    purpose: 'an X Article: its body (a Draft.js editor in read mode); the post has no tweetText',
    stability: 'medium',
    fixtures: ['article.html', real('x-article-en-2026')],
  },
  articleBlock: {
    css: '[data-block="true"]',
    purpose: 'an X Article: one paragraph, heading, list item or embedded block of the body (Draft.js)',
    stability: 'medium',
    fixtures: ['article.html', real('x-article-en-2026')],
  },
  articleCode: {
    css: '[data-testid="markdown-code-block"] pre',
    purpose: 'an X Article: the code of a code block, without the language label and copy button above it',
    stability: 'medium',
    fixtures: [real('x-article-en-2026')],
  },
  video: {
    css: '[data-testid="videoPlayer"] video',
    purpose: 'video attached to a post (poster image URL kept)',
    stability: 'high',
    fixtures: ['profile.html', real('x-home-en-2025')],
  },
  image: {
    css: 'img',
    purpose: 'images inside a DM message (avatars and emoji are filtered out by position)',
    stability: 'high',
    fixtures: ['dm-legacy.html', 'dm-chat.html'],
  },
  avatarContainer: {
    css: '[data-testid^="UserAvatar-Container-"]',
    purpose: 'an account’s avatar; inside a profile header it is the profile photo',
    stability: 'high',
    fixtures: [...ALL, real('x-home-en-2024')],
  },
  profileName: {
    css: '[data-testid="UserName"]',
    purpose: 'profile header: display name and @handle',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2024-logged-out')],
  },
  profileBio: {
    css: '[data-testid="UserDescription"]',
    purpose: 'profile header: bio',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2024-logged-out')],
  },
  profileLocation: {
    css: '[data-testid="UserLocation"]',
    purpose: 'profile header: location',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2024-logged-out')],
  },
  profileUrl: {
    css: '[data-testid="UserUrl"]',
    purpose: 'profile header: website (display text, t.co href)',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2025-dark')],
  },
  profileJoinDate: {
    css: '[data-testid="UserJoinDate"]',
    purpose: 'profile header: join date as shown (localised)',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2025-dark')],
  },
  profileSchema: {
    css: 'script[type="application/ld+json"][data-testid="UserProfileSchema-test"]',
    purpose: 'profile JSON-LD: mainEntity.identifier (numeric id), additionalName (handle), dateCreated',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2024-logged-out')],
  },
  profileBanner: {
    css: 'img[src*="/profile_banners/"]',
    purpose: 'profile header photo; its URL carries the numeric account id',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-en-2025-dark')],
  },
  followingLink: {
    css: 'a[href$="/following"]',
    purpose: 'profile header: following count as shown',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-zh-2025')],
  },
  followersLink: {
    css: 'a[href$="/followers"], a[href$="/verified_followers"]',
    purpose: 'profile header: followers count as shown',
    stability: 'high',
    fixtures: [...PROFILES, real('x-profile-zh-2025')],
  },
  followButton: {
    css: '[data-testid$="-follow"], [data-testid$="-unfollow"]',
    purpose: 'follow button; its data-testid is "<numeric id>-follow" of the account it belongs to',
    stability: 'high',
    fixtures: ['home.html', ...PROFILES, real('x-profile-zh-2025')],
  },
  userCell: {
    css: '[data-testid="UserCell"]',
    purpose: 'an account row (who to follow); pairs a handle with its follow button’s numeric id',
    stability: 'high',
    fixtures: [...TIMELINES, real('x-home-en-2024')],
  },
  primaryColumn: {
    css: '[data-testid="primaryColumn"]',
    purpose: 'the main column (bounds the profile header)',
    stability: 'high',
    fixtures: [...TIMELINES, 'dm-legacy.html', real('x-profile-zh-2025')],
  },
  viewerProfileLink: {
    css: 'a[data-testid="AppTabBar_Profile_Link"]',
    purpose: 'navigation link to the signed-in viewer’s own profile (the viewer’s handle)',
    stability: 'high',
    fixtures: [...ALL, real('x-home-en-2024')],
  },
  viewerAccountSwitcher: {
    css: '[data-testid="SideNav_AccountSwitcher_Button"]',
    purpose: 'account menu: the viewer’s display name and @handle',
    stability: 'high',
    fixtures: [...ALL, real('x-home-en-2024')],
  },
  inlineScript: {
    css: 'script:not([src])',
    purpose: 'inline scripts; the initial state’s session.user_id is the viewer’s numeric id',
    stability: 'medium',
    fixtures: ALL,
  },
  dmLegacyThread: {
    css: '[data-testid="DmActivityContainer"]',
    purpose: 'older DM layout: the open conversation (header, messages, composer)',
    stability: 'medium',
    fixtures: ['dm-legacy.html'],
  },
  dmLegacyMessage: {
    css: '[data-testid="messageEntry"]',
    purpose: 'older DM layout: one message (text in tweetText)',
    stability: 'medium',
    fixtures: ['dm-legacy.html'],
  },
  dmLegacyInboxRow: {
    css: '[data-testid="conversation"]',
    purpose: 'older DM layout: an inbox row (fallback for the other participant)',
    stability: 'medium',
    fixtures: ['dm-legacy.html'],
  },
  dmChatContainer: {
    css: '[data-testid="dm-container"]',
    purpose: 'newer Chat layout: the whole chat area (inbox + conversation)',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmChatHeader: {
    css: '[data-testid="dm-conversation-header"]',
    purpose: 'newer Chat layout: the conversation header (other participant)',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmChatList: {
    css: '[data-testid="dm-message-list"]',
    purpose: 'newer Chat layout: the scrolling message list',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmChatMessage: {
    css: '[data-testid="dm-message-list"] [data-testid^="message-"]',
    purpose: 'newer Chat layout: message rows "message-<id>" (message-text-<id> filtered out in code)',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmChatMessageText: {
    css: '[data-testid^="message-text-"]',
    purpose: 'newer Chat layout: the text of a message',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmChatInboxRow: {
    css: '[data-testid^="dm-conversation-item-"]',
    purpose: 'newer Chat layout: inbox rows "dm-conversation-item-<a>:<b>" (conversation id fallback)',
    stability: 'medium',
    fixtures: ['dm-chat.html'],
  },
  dmLegacyScroller: {
    css: '[data-testid="DmScrollerContainer"]',
    purpose: 'older DM layout: the scrolling message list (whole-thread capture)',
    stability: 'medium',
    fixtures: ['dm-legacy.html', 'thread/dm-legacy-long.html'],
  },
  progressbar: {
    css: '[role="progressbar"]',
    purpose: 'X’s loading spinner while older messages or more replies load (whole-thread capture waits on it)',
    stability: 'high',
    fixtures: ['thread/post-replies.html'],
  },
  cellButton: {
    css: '[data-testid="cellInnerDiv"] button, [data-testid="cellInnerDiv"] [role="button"]',
    purpose: 'button-like elements in list cells: “Show more replies” candidates, filtered by thread.ts’s allow-list',
    stability: 'medium',
    fixtures: ['thread/post-replies.html'],
  },
  socialContext: {
    css: '[data-testid="socialContext"]',
    purpose: 'the line above a timeline post: “Pinned”, “<name> reposted” (profile with posts marks pinned posts and reposts)',
    stability: 'high',
    fixtures: ['profile.html', 'thread/profile-long.html', real('x-home-en-2024')],
  },
} satisfies SelectorRegistry;

export type XSelectorName = keyof typeof selectors;
