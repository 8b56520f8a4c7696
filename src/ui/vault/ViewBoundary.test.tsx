// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewBoundary } from './ViewBoundary';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'slice')");
}

describe('a view that fails to draw', () => {
  it('says so in words with the reason instead of leaving the page blank, and keeps what is around it', async () => {
    await act(() => {
      render(
        <main>
          <nav>views</nav>
          <ViewBoundary>
            <Broken />
          </ViewBoundary>
        </main>,
        root,
      );
    });
    const alert = root.querySelector('[data-testid="view-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('viewFailed');
    expect(root.querySelector('nav')?.textContent).toBe('views');
  });

  it('shows the view as usual when it draws', async () => {
    await act(() => {
      render(<ViewBoundary><p>fine</p></ViewBoundary>, root);
    });
    expect(root.textContent).toBe('fine');
    expect(root.querySelector('[data-testid="view-error"]')).toBeNull();
  });
});
