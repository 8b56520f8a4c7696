/**
 * Every focus ring Holdfast draws (extension pages and in-page controls, dialogs, menus) must be seen on any
 * background: WCAG 1.4.11 asks 3:1 against what is next to it. A single yellow ring (#ffbf47) is 1.6:1 on white; the
 * rings are two-tone (a dark outline with a yellow halo), so one of the two tones always stands out, on a light site
 * or a dark one. Rings drawn inside an element (a negative offset, menu entries on a light background) are dark only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(css|ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

function luminance(hex: string): number {
  const v = hex.replace('#', '');
  const full = v.length === 3 ? [...v].map((c) => c + c).join('') : v;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

/** The focus rules: a `:focus-visible` selector and its declarations. */
function focusRules(): { file: string; rule: string }[] {
  const out: { file: string; rule: string }[] = [];
  for (const file of files(join(__dirname, '..'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/[^{}\n]*:focus-visible[^{]*\{([^}]*)\}/g)) out.push({ file, rule: m[0].trim() });
  }
  return out;
}

describe('focus rings', () => {
  it('exist (the scan finds the rules)', () => {
    expect(focusRules().length).toBeGreaterThan(10);
  });

  it('stand out 3:1 on white and on black: a dark outline with a yellow halo, or a dark ring drawn inside', () => {
    const bad: string[] = [];
    for (const { file, rule } of focusRules()) {
      // (Rules that only change colour or background, or take a ring off a heading focused by script.)
      if (!/outline:/.test(rule) || /outline:\s*none/.test(rule)) continue;
      const colours = [...rule.matchAll(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi)].map((m) => m[0]);
      const inside = /outline-offset:\s*-/.test(rule);
      const onWhite = Math.max(...colours.map((c) => contrast(c, '#ffffff')));
      const onBlack = Math.max(...colours.map((c) => contrast(c, '#000000')));
      if (onWhite < 3 || (!inside && onBlack < 3)) bad.push(`${file}: ${rule}`);
    }
    expect(bad).toEqual([]);
  });

  it('the two tones are apart from each other too (3:1), so the ring reads as a ring', () => {
    expect(contrast('#14202e', '#ffbf47')).toBeGreaterThan(3);
    expect(contrast('#ffbf47', '#ffffff')).toBeLessThan(3); // why the dark tone is needed
  });
});
