/**
 * Issue #14: the toolbar button has an icon in both browsers, with light/dark variants for Firefox's themes and a
 * neutral set for discreet mode, all made from the SVG sources in icons/ by scripts/make-icons.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconDetails, ICONS } from '../src/lock/background';
import { iconPlan, renderIcon } from './make-icons.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/** Width, height and colour type of a PNG, from its IHDR chunk. */
function pngHeader(bytes: Buffer): { width: number; height: number; colorType: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25] as number };
}

type IconSet = Record<string, string>;
interface Manifest {
  icons: IconSet;
  action?: { default_icon: IconSet; theme_icons?: unknown };
  browser_action?: { default_icon: IconSet; theme_icons?: { light: string; dark: string; size: number }[] };
}
async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  delete process.env.HOLDFAST_TEST_GRANT_ALL_URLS;
  const config = (await import('../wxt.config')).default as unknown as { manifest: (env: object) => Manifest };
  return config.manifest({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
}

describe('icons', () => {
  it('the committed PNGs are exactly what the SVG sources make (run node scripts/make-icons.mjs after changing one)', () => {
    const plan = iconPlan();
    expect(plan.length).toBeGreaterThanOrEqual(13);
    for (const item of plan) {
      const path = join(ROOT, item.out);
      expect(existsSync(path), item.out).toBe(true);
      const committed = readFileSync(path);
      expect(pngHeader(committed), item.out).toMatchObject({ width: item.size, height: item.size, colorType: 6 });
      expect(committed.equals(renderIcon(item)), `${item.out} is out of date`).toBe(true);
    }
  });

  it('the store icon keeps a transparent margin around 96 px of art; the toolbar icons use the whole square', () => {
    const store = iconPlan().find((i) => i.out === 'icons/store-128.png');
    expect(store).toMatchObject({ size: 128, art: 96 });
    const full = iconPlan().find((i) => i.out === 'public/icon/128.png');
    expect(full?.art).toBeUndefined();
  });

  it.each(['chrome', 'firefox'] as const)('the %s manifest gives the toolbar button and the extension icons that exist', async (browser) => {
    const m = await manifestFor(browser);
    const button = browser === 'firefox' ? m.browser_action : m.action;
    if (!button) throw new Error('no toolbar button in the manifest');
    for (const set of [m.icons, button.default_icon]) {
      expect(Object.keys(set)).toEqual(['16', '32', '48', '128']);
      for (const [size, file] of Object.entries(set as Record<string, string>)) {
        expect(pngHeader(readFileSync(join(ROOT, 'public', file)))).toMatchObject({ width: Number(size), height: Number(size) });
      }
    }
    if (browser === 'firefox') {
      // "dark" is the dark icon for light toolbars, "light" the light one for dark toolbars.
      expect(button.theme_icons).toEqual([
        { light: 'icon/light-16.png', dark: 'icon/dark-16.png', size: 16 },
        { light: 'icon/light-32.png', dark: 'icon/dark-32.png', size: 32 },
      ]);
      for (const t of m.browser_action?.theme_icons ?? []) for (const f of [t.light, t.dark]) expect(existsSync(join(ROOT, 'public', f)), f).toBe(true);
    } else {
      expect(button.theme_icons).toBeUndefined();
    }
  });

  it('discreet mode switches the toolbar icon to the neutral set, and back (Firefox: back to the manifest icon with its theme variants)', () => {
    expect(iconDetails(true, false)).toEqual({ path: ICONS.neutral });
    expect(iconDetails(true, true)).toEqual({ path: ICONS.neutral });
    expect(iconDetails(false, false)).toEqual({ path: ICONS.normal });
    expect(iconDetails(false, true)).toEqual({});
    for (const file of [...Object.values(ICONS.neutral), ...Object.values(ICONS.normal)]) expect(existsSync(join(ROOT, 'public', file)), file).toBe(true);
  });
});
