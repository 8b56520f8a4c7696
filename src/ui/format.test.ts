import { describe, expect, it } from 'vitest';
import { authorLabel, safeHref, utc } from './format';

describe('format', () => {
  it('shows times in UTC', () => {
    expect(utc('2026-11-20T15:03:11+01:00')).toBe('2026-11-20 14:03:11 UTC');
    expect(utc('not a date')).toBe('not a date');
    expect(utc(undefined)).toBe('—');
  });
  it('never turns captured javascript: or data: URLs into links', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(safeHref('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
  });
  it('labels authors with what is known', () => {
    expect(authorLabel({ handle: 'alice', displayName: 'Alice' })).toBe('Alice @alice');
    expect(authorLabel({ accountId: '42' })).toBe('42');
    expect(authorLabel(undefined)).toBe('—');
  });
});
