// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CaptureControls } from './controls';
import { VEIL_ATTR } from './ui-elements';

/** The veil (controls.ts): an item's control that waits clipped away where nothing in view is free, shown while the
 * person's pointer or focus is on the item. Its listeners sit on the site's own elements, which outlive Holdfast's. */
describe('a veiled control', () => {
  const setUp = () => {
    document.body.innerHTML = '<article id="item"><p>a post</p></article>';
    const root = document.getElementById('item')!;
    const host = document.createElement('holdfast-capture');
    document.body.append(host);
    const controls = new CaptureControls({} as never, {} as never);
    const veil = (on: boolean) => (controls as unknown as { veil(h: HTMLElement, r: Element, on: boolean): void }).veil(host, root, on);
    return { root, host, controls, veil };
  };

  it('is clipped at rest, shown while the pointer is on its item, and unclipped for good once lifted', () => {
    const { root, host, veil } = setUp();
    veil(true);
    expect(host.hasAttribute(VEIL_ATTR)).toBe(true);
    expect(host.style.clipPath).toBe('inset(50%)');
    root.dispatchEvent(new Event('pointerenter'));
    expect(host.style.clipPath).toBe('');
    veil(false);
    expect(host.hasAttribute(VEIL_ATTR)).toBe(false);
    expect(host.style.clipPath).toBe('');
  });

  it('leaves no listener on the site once Holdfast stops: the item no longer unveils anything', () => {
    const { root, host, controls, veil } = setUp();
    veil(true);
    controls.stop();
    // (stop() removes Holdfast's own elements; one kept by the page, veiled, must stay as it is.)
    host.style.clipPath = 'inset(50%)';
    root.dispatchEvent(new Event('pointerenter'));
    root.dispatchEvent(new Event('focusin'));
    expect(host.style.clipPath).toBe('inset(50%)');
  });
});
