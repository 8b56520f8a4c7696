import { describe, expect, it } from 'vitest';
import { doubleEscape } from './double-escape';

const key = (timeStamp: number, extra: Partial<{ key: string; repeat: boolean; isTrusted: boolean }> = {}) => ({ key: 'Escape', timeStamp, isTrusted: true, ...extra });

describe('double Escape', () => {
  it('fires on two presses within 600 ms, once', () => {
    let n = 0;
    const on = doubleEscape(() => n++);
    expect(on(key(1000))).toBe(false);
    expect(on(key(1500))).toBe(true);
    expect(n).toBe(1);
    // a third press starts a new pair
    expect(on(key(1700))).toBe(false);
    expect(n).toBe(1);
  });

  it('does not fire when the presses are too far apart, for other keys, held keys or synthetic events', () => {
    let n = 0;
    const on = doubleEscape(() => n++);
    on(key(1000));
    on(key(1700));
    on(key(1800, { key: "Enter" }));
    on(key(1900, { repeat: true }));
    on(key(1950, { isTrusted: false }));
    expect(n).toBe(0);
    on(key(2100));
    expect(n).toBe(1);
  });
});
