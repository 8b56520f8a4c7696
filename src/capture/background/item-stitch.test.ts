/** Issue #14: the background side of a tall item's stitched picture refuses bad requests and keeps nothing on failure. */
import { describe, expect, it, vi } from 'vitest';

class PermissionMissing extends Error {}
const captureVisible = vi.fn();
vi.mock('./screenshot', () => ({ captureVisible: (...a: unknown[]) => captureVisible(...a), PermissionMissing }));

const { itemScreen, itemStitchCount, takeItemStitch } = await import('./item-stitch');

const sender = (active = true) => ({ tab: { id: 7, windowId: 1, active } }) as never;
const req = { token: 't1', rect: { x: 0, y: 0, width: 600, height: 800 }, offset: 0, viewport: { width: 1280, height: 900 }, devicePixelRatio: 1 };

describe('item-stitch (a tall item, screen by screen)', () => {
  it('refuses incomplete or malformed requests without taking a screenshot', async () => {
    for (const bad of [{}, { ...req, token: '' }, { ...req, offset: Number.NaN }, { ...req, rect: undefined }, null]) {
      expect(await itemScreen(bad as never, sender())).toMatchObject({ ok: false, permission: false });
    }
    expect(await itemScreen(req, { tab: undefined } as never)).toMatchObject({ ok: false, permission: false });
    expect(await itemScreen(req, sender(false))).toMatchObject({ ok: false, permission: false, message: expect.stringMatching(/not in front/) });
    expect(captureVisible).not.toHaveBeenCalled();
    expect(itemStitchCount()).toBe(0);
  });

  it('says when exact screenshots are not enabled, and keeps no stitch (the item is then redrawn whole)', async () => {
    captureVisible.mockRejectedValueOnce(new PermissionMissing('Either the <all_urls> or activeTab permission is required.'));
    expect(await itemScreen(req, sender())).toMatchObject({ ok: false, permission: true });
    captureVisible.mockRejectedValueOnce(new Error('SecurityError: The operation is insecure.'));
    expect(await itemScreen(req, sender())).toMatchObject({ ok: false, permission: false, message: expect.stringMatching(/insecure/) });
    expect(itemStitchCount()).toBe(0);
    expect(await takeItemStitch(7, 't1')).toBeUndefined();
    expect(await takeItemStitch(7, '')).toBeUndefined();
  });
});
