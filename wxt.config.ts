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

/** One host permission per host where a content script runs, from the site descriptors (src/sites/registry.ts). */
const SITE_HOSTS = [...HOST_PERMISSIONS];

export default defineConfig({
  srcDir: 'src',
  outDir: process.env.HOLDFAST_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact()],
    build: { sourcemap: false, ...(process.env.HOLDFAST_NO_MINIFY === '1' ? { minify: false } : {}) },
    define: { 'import.meta.env.HOLDFAST_TEST': JSON.stringify(testBuild) },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus', 'scripting', 'tabs', 'alarms'],
    host_permissions: grantAllUrls ? [...SITE_HOSTS, '<all_urls>'] : SITE_HOSTS,
    optional_host_permissions: grantAllUrls ? [] : ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_commandCapturePage__',
      },
    },
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions: optional origins go in optional_permissions.
          optional_permissions: grantAllUrls ? [] : ['<all_urls>'],
          browser_specific_settings: {
            gecko: {
              id: 'holdfast@holdfast.invalid',
              strict_min_version: '128.0',
              // Firefox's built-in data-consent declaration: Holdfast collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
