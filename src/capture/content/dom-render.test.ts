// @vitest-environment happy-dom
/**
 * The DOM-rendered fallback picture never fetches (issue #12 egress): modern-screenshot would fetch the file an SVG
 * `<use href="other.svg#icon">` points into; the clone points at the fragment in this document instead.
 */
import { describe, expect, it } from 'vitest';
import { keepUseLocal } from './dom-render';

describe('keepUseLocal', () => {
  it('points <use> references into other files at the local fragment, and leaves local ones alone', () => {
    const host = document.createElement('div');
    host.innerHTML =
      '<svg><use href="https://tracker.example/sprite.svg#bell"></use><use href="#local"></use><use xlink:href="/s.svg#x"></use><use href="https://tracker.example/whole.svg"></use></svg>';
    expect(keepUseLocal(host)).toBe(3);
    const uses = Array.from(host.querySelectorAll('use'));
    expect(uses.map((u) => u.getAttribute('href'))).toEqual(['#bell', '#local', null, null]);
    expect(uses[2]!.getAttribute('xlink:href')).toBe('#x');
    expect(host.innerHTML).not.toMatch(/tracker\.example|s\.svg/);
  });

  it('handles a clone that is itself a <use>, and non-elements', () => {
    const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
    use.setAttribute('href', 'https://tracker.example/a.svg#b');
    expect(keepUseLocal(use)).toBe(1);
    expect(use.getAttribute('href')).toBe('#b');
    expect(keepUseLocal(document.createTextNode('x'))).toBe(0);
  });
});
