/**
 * The plain words a partial whole-thread capture ends with (issue #11): how far it got and at which end, from the
 * English catalogue as the browser would fill it in.
 */
import { describe, expect, it, vi } from 'vitest';
import en from '../../../public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

vi.mock('wxt/browser', () => ({
  browser: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => {
        const entry = (en as Record<string, Entry>)[key];
        if (!entry) return '';
        return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => subs[Number(entry.placeholders?.[name.toLowerCase()]?.content.slice(1)) - 1] ?? '');
      },
    },
  },
}));

const { savedEnd, stalledText } = await import('./run');

describe('stalledText', () => {
  it('says the site stopped loading older ones on the date of the oldest kept', () => {
    expect(stalledText('older', { oldest: '2025-03-04T10:00:00.000Z', newest: '2025-06-01T00:00:00.000Z' })).toBe(
      'The site stopped loading older ones on 2025-03-04, before the beginning: earlier ones may be missing.',
    );
    expect(stalledText(undefined, { oldest: '2025-03-04T10:00:00.000Z' })).toMatch(/older ones on 2025-03-04/);
  });

  it('says it stopped loading newer ones after the newest kept, at the newest end', () => {
    expect(stalledText('newer', { oldest: '2025-03-04T10:00:00.000Z', newest: '2025-06-01T08:00:00.000Z' })).toBe(
      'The site stopped loading newer ones after 2025-06-01: later ones may be missing.',
    );
  });

  it('without any time read, the plain message', () => {
    expect(stalledText('older', {})).toBe(en.threadPartialStalled.message);
  });
});

describe('savedEnd: the words a saved whole-thread capture ends with', () => {
  const ok = { ok: true as const, recordId: 'r', seq: 7, screenshot: 'pixel' as const, extraction: 'adapter' as const, warnings: [] };
  const all = { kind: 'all' as const, reached: false, excluded: 0, extra: 0 };

  it('complete: the count and the record number', () => {
    expect(savedEnd('dm-thread', { bound: all, count: 40 }, ok)).toEqual({ state: 'ok', text: 'Saved the whole conversation to your vault: 40 messages, record #7.', code: 'ok' });
  });

  it('written while the vault was locked, complete or partial: it says so first (issue #12)', () => {
    expect(savedEnd('post', { bound: all, count: 3 }, { ...ok, locked: true })).toEqual({
      state: 'ok',
      text: 'Saved (vault locked). Saved the post with its 3 replies to your vault as record #7.',
      code: 'ok:locked',
    });
    const partial = savedEnd('dm-thread', { bound: all, count: 12, partial: { reason: 'stopped', message: '' } }, { ...ok, locked: true });
    expect(partial.state).toBe('partial');
    expect(partial.code).toBe('ok:partial:locked');
    expect(partial.text.startsWith('Saved (vault locked). ')).toBe(true);
    expect(partial.text).toContain(en.threadPartialStopped.message);
    expect(savedEnd('dm-thread', { bound: all, count: 12, partial: { reason: 'stopped', message: '' } }, ok).code).toBe('ok:partial');
  });

  it('a picture redrawn from the page (exact screenshots not enabled): the words say so, complete or partial (issue #14)', () => {
    const redrawn = { ...ok, screenshot: 'dom-render' as const };
    expect(savedEnd('dm-thread', { bound: all, count: 40 }, redrawn)).toEqual({
      state: 'ok',
      text: `Saved the whole conversation to your vault: 40 messages, record #7. ${en.picsThreadRedrawn.message}`,
      code: 'ok',
    });
    expect(savedEnd('profile', { bound: all, count: 5, partial: { reason: 'stopped', message: '' } }, redrawn).text.endsWith(` ${en.picsThreadRedrawn.message}`)).toBe(true);
    expect(savedEnd('post', { bound: all, count: 3 }, ok).text).not.toContain(en.picsThreadRedrawn.message);
  });
});
