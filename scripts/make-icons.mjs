// Makes Holdfast's icons from the SVG sources in icons/ (issue #14):
//   public/icon/{16,32,48,128}.png         the default set: manifest `icons`, the toolbar button (Chromium, and
//                                          Firefox where theme icons do not apply), the add-ons/extensions pages
//   public/icon/{dark,light}-{16,32}.png   Firefox `theme_icons` for the toolbar button: "dark" on light toolbars,
//                                          "light" on dark toolbars
//   public/neutral/{16,32,48,128}.png      discreet mode's plain icon (src/lock/background.ts sets it)
//   icons/store-128.png                    the store icon: 96 px of art centred in 128 px, as the stores ask
// Usage: node scripts/make-icons.mjs          write the files
//        node scripts/make-icons.mjs --check  exit 1 if a committed file differs from what the sources make
// Rendering: @resvg/resvg-js (a dev dependency; its prebuilt renderer is an ordinary npm package, nothing is
// downloaded at install time). Deterministic: the same sources and version give the same bytes.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every icon file: where it goes, which source, its size, and how much of it the art fills. */
export function iconPlan() {
  const plan = [];
  for (const size of [16, 32, 48, 128]) {
    plan.push({ out: `public/icon/${size}.png`, src: 'icons/holdfast.svg', size });
    plan.push({ out: `public/neutral/${size}.png`, src: 'icons/neutral.svg', size });
  }
  for (const size of [16, 32]) {
    plan.push({ out: `public/icon/dark-${size}.png`, src: 'icons/holdfast-dark.svg', size });
    plan.push({ out: `public/icon/light-${size}.png`, src: 'icons/holdfast-light.svg', size });
  }
  plan.push({ out: 'icons/store-128.png', src: 'icons/holdfast.svg', size: 128, art: 96 });
  return plan;
}

/** Renders one planned icon to PNG bytes. `art` smaller than `size` centres the art with a transparent margin. */
export function renderIcon({ src, size, art = size }) {
  const svg = readFileSync(join(root, src), 'utf8');
  const margin = (size - art) / 2;
  // The art is drawn at `art` px, centred: the source SVG nested in a larger transparent canvas.
  const source = margin
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${svg.replace('<svg ', `<svg x="${margin}" y="${margin}" width="${art}" height="${art}" `)}</svg>`
    : svg;
  const png = new Resvg(source, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
  return Buffer.from(png);
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const item of iconPlan()) {
    const bytes = renderIcon(item);
    const path = join(root, item.out);
    if (check) {
      if (!existsSync(path) || !readFileSync(path).equals(bytes)) stale.push(item.out);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    console.log(`${item.out}  ${item.size}px  ${bytes.length} bytes`);
  }
  if (check && stale.length) {
    console.error(`Icons out of date (run node scripts/make-icons.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
