import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { HOST_PERMISSIONS } from './src/sites/registry';

/**
 * Permission model (see README "Permissions"):
 * - host permissions for the supported sites (src/sites/registry.ts) are required: the content scripts run there.
 * - `activeTab` is granted by the toolbar button, the context-menu item and the keyboard shortcut; it lets
 *   those gestures take a pixel screenshot of any page.
 * - `<all_urls>` is optional and asked for once, with an explanation, from the options page. Only with it can the
 *   in-page capture control take a pixel screenshot; without it the record carries a DOM-rendered image, labelled so.
 *
 * HOLDFAST_TEST_GRANT_ALL_URLS=1 (used only by the test/bench build, never for a release) makes `<all_urls>`
 * a required permission so that headless browsers, which cannot click a permission prompt, exercise the pixel path.
 */
const grantAllUrls = process.env.HOLDFAST_TEST_GRANT_ALL_URLS === '1';
/** Test/bench builds only: compiles in the background's test hooks (simulated quota, stalled write). */
const testBuild = process.env.HOLDFAST_TEST === '1';

/**
 * Content Security Policy of every extension page and the background (issue #12): only Holdfast's own packaged
 * scripts, styles, fonts and workers; nothing remote, no inline script, no eval, no plugins, no <base>.
 * - img-src/media-src blob: data: — screenshots and stored images are shown from the vault as blob: URLs, small
 *   icons are data: URLs. connect-src 'self' blob: data: — reading the vault's own blobs and data: URLs (a
 *   captureVisibleTab image) — and http: https: for trusted time only (issue #15, opt-in): the background POSTs a
 *   chain head's hash to the time-stamping authority the person chose, listed or typed, so no fixed list of hosts can
 *   be written here. What may reach the network is held in the code instead: one fetch in src/ (tsa-post.ts,
 *   scripts/check-architecture.mjs rule 3) and in the built bundles (scripts/check-bundle-egress.mjs), called only
 *   while trusted time is on, to a host the person granted from the options page (without that grant the browser's
 *   CORS check stops the POST); the no-egress browser tests watch every request.
 *   Why a scheme and not a list of hosts (measured 2026-12-07 on the test builds, connect-src edited in the built
 *   manifests, test/e2e/trusted-time.e2e.test.ts): both browsers apply connect-src to the background — Chromium's MV3
 *   service worker and Firefox's MV2 background page — and a granted host permission does not lift it. With
 *   "connect-src 'self' blob: data:" the POST never left (no token, in Chromium and Firefox ESR); with the authority's
 *   exact origin added (https://tsa.holdfast.test) the test passed in both. A manifest's CSP is fixed at install and no
 *   API widens it at run time, so the only narrower choice is to drop typed addresses and list the three authorities
 *   of src/model/tsa-authorities.ts (https://freetsa.org http://timestamp.digicert.com http://timestamp.sectigo.com);
 *   that would lose the authority a court or an organisation may require, so the scheme stays.
 * - style-src 'self' with no 'unsafe-inline': the pages load the bundled CSS file; Preact sets style objects through
 *   the CSSOM, which CSP does not govern.
 * - frame-ancestors is left out on purpose: no extension page is web-accessible (a web page cannot frame one), and
 *   the browsers embed the options page in their own add-ons pages, which 'none' would break.
 * test/e2e/page-hostility.e2e.test.ts checks this policy on both built manifests.
 */
export const EXTENSION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: data:",
  "connect-src 'self' blob: data: https: http:",
  "worker-src 'self'",
  "frame-src 'self' blob:",
  "form-action 'none'",
].join('; ');

/**
 * Icons (issue #14), made by scripts/make-icons.mjs from icons/*.svg. The default set is mid-tone and reads on light
 * and dark toolbars (Chromium has no theme variants); Firefox also gets `theme_icons` for the toolbar button: the
 * "dark" icon on light toolbars, the "light" one on dark toolbars. Discreet mode swaps in public/neutral/ at run time
 * (src/lock/background.ts).
 */
export const ICON_SET = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
const THEME_ICONS = [16, 32].map((size) => ({ light: `icon/light-${size}.png`, dark: `icon/dark-${size}.png`, size }));

/**
 * The permissions, fewest that work (README "Permissions and why" lists each; src/permissions.test.ts holds the
 * table to this list). No `tabs`: no call reads a tab's address or title beyond what activeTab and the site host
 * permissions already show (quick exit finds Holdfast's own tabs through runtime.getContexts).
 */
export const PERMISSIONS = ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus', 'scripting', 'alarms', 'notifications'];

/** One host permission per host where a content script runs, from the site descriptors (src/sites/registry.ts). */
const SITE_HOSTS = [...HOST_PERMISSIONS];

export default defineConfig({
  hooks: {
    // Portuguese (Portugal) is given the Brazilian catalogue until it has one of its own: without a pt_PT folder both
    // browsers fall back from pt_PT to the default locale, English.
    'build:publicAssets': (_wxt, files) => {
      const brazil = files.find((f) => f.relativeDest.replace(/\\/g, '/') === '_locales/pt_BR/messages.json');
      if (brazil && 'absoluteSrc' in brazil && !files.some((f) => f.relativeDest.replace(/\\/g, '/').startsWith('_locales/pt_PT/')))
        files.push({ absoluteSrc: brazil.absoluteSrc, relativeDest: '_locales/pt_PT/messages.json' });
    },
  },
  srcDir: 'src',
  outDir: process.env.HOLDFAST_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact()],
    // WXT's own content-script context announces each start to the page (a window message and a document event named
    // after the extension id) and dispatches a window event at each in-page navigation: a page could learn Holdfast is
    // installed. Its entry point gets Holdfast's quiet context instead (src/capture/content/quiet-context.ts).
    resolve: {
      alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./src/capture/content/quiet-context.ts', import.meta.url)) }],
    },
    build: { sourcemap: false, ...(process.env.HOLDFAST_NO_MINIFY === '1' ? { minify: false } : {}) },
    define: { 'import.meta.env.HOLDFAST_TEST': JSON.stringify(testBuild) },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: ICON_SET,
    permissions: PERMISSIONS,
    host_permissions: grantAllUrls ? [...SITE_HOSTS, '<all_urls>'] : SITE_HOSTS,
    optional_host_permissions: grantAllUrls ? [] : ['<all_urls>'],
    // Firefox MV2 is given `browser_action` itself: WXT builds it from the popup entrypoint and would drop the
    // icons of an `action` key.
    ...(browser === 'firefox'
      ? { browser_action: { default_title: '__MSG_actionTitle__', default_icon: ICON_SET, theme_icons: THEME_ICONS } }
      : { action: { default_title: '__MSG_actionTitle__', default_icon: ICON_SET } }),
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_commandCapturePage__',
      },
    },
    // MV3 (Chromium) form; WXT writes it as MV2's single string for Firefox (`wxt dev` alone adds its dev server).
    content_security_policy: { extension_pages: EXTENSION_CSP },
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions: optional origins go in optional_permissions.
          optional_permissions: grantAllUrls ? [] : ['<all_urls>'],
          browser_specific_settings: {
            gecko: {
              id: 'holdfast@holdfast.invalid',
              strict_min_version: '128.0',
              // Firefox's built-in data consent (extensionworkshop.com "Firefox built-in consent for data collection and
              // transmission"; the add-on policies count as transmission any data "handled outside of the add-on or the
              // local browser"). Nothing is required. Trusted time (issue #15, opt-in) sends a SHA-256 hash of the
              // chain head, which is computed from captured posts: of the taxonomy's categories, website content is
              // what it is made from (a hash of data counts as that data), so it is declared optional and asked for,
              // with the authority's host, from the click that turns trusted time on (src/lock/trusted-time.ts); the
              // background sends nothing while it is not granted. The test builds that grant everything at install
              // leave it out: a headless browser cannot answer the consent prompt.
              data_collection_permissions: grantAllUrls ? { required: ['none'] } : { required: ['none'], optional: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
