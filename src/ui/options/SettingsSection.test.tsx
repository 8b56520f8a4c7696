// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSettings, writeSettings } from '../../lock/settings';
import { BlurredMedia, useBlurSetting } from '../vault/Blur';
import { SettingsSection } from './SettingsSection';

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function waitFor<T>(check: () => T | undefined | null | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = check();
    if (v) return v;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  throw new Error('waitFor timed out');
}

describe('blur setting', () => {
  it('is on by default in the options page and saved off when unticked', async () => {
    render(<SettingsSection />, root);
    const box = await waitFor(() => root.querySelector<HTMLInputElement>('[data-testid="settings-blur"]'));
    expect(box.checked).toBe(true);
    await act(async () => {
      box.click();
    });
    await act(async () => {
      root.querySelector<HTMLButtonElement>('[data-testid="settings-save"]')!.click();
    });
    await waitFor(() => root.querySelector('[data-testid="settings-saved"]'));
    expect((await readSettings()).blurMedia).toBe(false);
  });

  it('the vault page follows it: blurred with a warning and a Show button, or shown plainly', async () => {
    function Probe() {
      const blur = useBlurSetting();
      return (
        <BlurredMedia blur={blur} warning="may show abuse" testid="box">
          <img alt="shot" src="blob:x" />
        </BlurredMedia>
      );
    }
    render(<Probe />, root);
    const box = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="box"]'));
    expect(box.getAttribute('data-blurred')).toBe('true');
    expect(box.textContent).toContain('may show abuse');
    expect(box.querySelector('.media-box')!.getAttribute('aria-hidden')).toBe('true');
    await act(async () => {
      box.querySelector<HTMLButtonElement>('[data-testid="media-toggle"]')!.click();
    });
    expect(box.getAttribute('data-blurred')).toBe('false');
    await act(async () => {
      await writeSettings({ blurMedia: false });
    });
    await waitFor(() => !root.querySelector('[data-testid="media-toggle"]'));
    expect(root.querySelector('[data-testid="box"]')!.getAttribute('data-blurred')).toBe('false');
  });
});
