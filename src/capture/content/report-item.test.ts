// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// The message catalogue's lookups, spelled out: key and substitutions (what the toast is made of).
vi.mock('../../i18n/t', () => ({ t: (key: string, ...subs: unknown[]) => [key, ...subs].join(' ') }));
import type { CaptureResult, ReportOpenRequest, ReportOpenResult } from '../../messaging/protocol';
import { chooseAbuse, type ReportFlowDeps, runReportFlow } from './report-item';

function flow(capture: CaptureResult, open: ReportOpenResult, stored?: string) {
  const events: string[] = [];
  const toasts: { text: string; kind: string; code: string }[] = [];
  const requests: ReportOpenRequest[] = [];
  const deps: ReportFlowDeps = {
    async capture() {
      events.push('capture');
      await new Promise((r) => setTimeout(r, 5));
      events.push('stored');
      return capture;
    },
    storedId: () => stored,
    remember: (id) => events.push(`remember:${id}`),
    async open(req) {
      events.push('open');
      requests.push(req);
      return open;
    },
    toast: (text, kind, code) => toasts.push({ text, kind, code }),
  };
  return { deps, events, toasts, requests };
}

const ok: CaptureResult = { ok: true, recordId: 'rec-1', seq: 3, screenshot: 'pixel', extraction: 'adapter', warnings: [] };
const opened: ReportOpenResult = { ok: true, routeId: 'x-form-harassment', routeLabel: 'Harassment and threats form', url: 'https://help.x.com/f', paste: 'form', permalink: 'https://x.com/a/status/1', logged: true };
const input = { choice: { abuse: 'threats' as const }, permalink: 'https://x.com/a/status/1', copied: Promise.resolve(true), origin: 'item' as const, reasonOf: () => 'no space' };

describe('runReportFlow', () => {
  it('opens the route only after the record is stored, and names the copied link', async () => {
    const f = flow(ok, opened);
    expect(await runReportFlow(f.deps, input)).toBe('opened');
    expect(f.events).toEqual(['capture', 'stored', 'remember:rec-1', 'open']);
    expect(f.requests).toEqual([{ recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }]);
    expect(f.toasts.at(-1)).toMatchObject({ kind: 'ok', code: 'report:ok' });
    expect(f.toasts.at(-1)!.text).toContain('https://x.com/a/status/1');
    expect(f.toasts.at(-1)!.text).toContain('help.x.com');
  });

  it('names no record number in discreet mode', async () => {
    const f = flow(ok, opened);
    await runReportFlow(f.deps, { ...input, discreet: true });
    expect(f.toasts.at(-1)!.text).toContain('toastSavedDiscreet');
    expect(f.toasts.at(-1)!.text).not.toContain('repfSavedNew');
  });

  it('does not capture again what this view already saved', async () => {
    const f = flow(ok, opened, 'rec-0');
    await runReportFlow(f.deps, { ...input, choice: { abuse: 'intimate-images', minor: true } });
    expect(f.events).toEqual(['open']);
    expect(f.requests[0]).toEqual({ recordIds: ['rec-0'], abuse: 'intimate-images', minor: true, origin: 'item' });
  });

  it('captures again when the background no longer knows the stored record (its worker restarted)', async () => {
    const f = flow(ok, opened, 'rec-0');
    let calls = 0;
    const open = f.deps.open;
    f.deps.open = async (req) => {
      if (++calls > 1) return open(req);
      f.requests.push(req);
      return { ok: false, code: 'not-captured', message: 'forgotten' };
    };
    expect(await runReportFlow(f.deps, input)).toBe('opened');
    expect(f.requests.map((r) => r.recordIds)).toEqual([['rec-0'], ['rec-1']]);
    expect(f.events).toEqual(['capture', 'stored', 'remember:rec-1', 'open']);
  });

  it('opens nothing when the capture fails, and says so', async () => {
    const f = flow({ ok: false, code: 'quota', message: 'full' }, opened);
    expect(await runReportFlow(f.deps, input)).toBe('capture-failed');
    expect(f.events).toEqual(['capture', 'stored']);
    expect(f.toasts).toEqual([expect.objectContaining({ kind: 'error', code: 'report:error:quota' })]);
  });

  it('tells the person when the report could not be logged, or the route not opened', async () => {
    const a = flow(ok, { ...opened, logged: false });
    expect(await runReportFlow(a.deps, input)).toBe('opened-not-logged');
    expect(a.toasts.at(-1)!.code).toBe('report:not-logged');
    const b = flow(ok, { ok: false, code: 'no-route', message: 'none' });
    expect(await runReportFlow(b.deps, input)).toBe('route-failed');
    expect(b.toasts.at(-1)).toMatchObject({ kind: 'error', code: 'report:error:no-route' });
  });
});

describe('chooseAbuse', () => {
  it('starts on the first option, picks with a person’s click, and gives focus back', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    const picked: string[] = [];
    const choice = chooseAbuse({ returnFocus: opener, onPick: (c) => picked.push(c.abuse) });
    const dialog = document.querySelector('[data-testid="holdfast-report-chooser"]')!;
    const options = [...dialog.querySelectorAll('[data-testid="holdfast-report-abuse"]')].map((o) => o.getAttribute('data-abuse'));
    expect(options).toEqual(['harassment', 'threats', 'impersonation', 'private-information', 'intimate-images', 'intimate-images-minor']);
    expect(document.activeElement?.getAttribute('data-abuse')).toBe('harassment');
    // a page's synthetic Escape does nothing
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dialog.isConnected).toBe(true);
    (dialog as HTMLElement).remove();
    // happy-dom cannot make trusted events: the dialog is gone from the page, the promise stays pending
    expect(picked).toEqual([]);
    void choice;
  });
});
