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

const { stalledText } = await import('./run');

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
