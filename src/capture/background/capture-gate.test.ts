import { describe, expect, it } from 'vitest';
import { CaptureGate } from './capture-gate';

describe('the background capture gate (issue #12: a page cannot flood the vault)', () => {
  it('lets a burst a person can click through, then about one capture a second per tab', () => {
    let now = 0;
    const gate = new CaptureGate({ burst: 5, perSecond: 1, now: () => now });
    for (let i = 0; i < 5; i++) expect(gate.check(7, 'control')).toBeNull();
    expect(gate.check(7, 'control')).toMatch(/Too many captures/);
    expect(gate.check(8, 'control'), 'another tab has its own allowance').toBeNull();
    now += 999;
    expect(gate.check(7, 'control')).toMatch(/Too many/);
    now += 2;
    expect(gate.check(7, 'control')).toBeNull();
    expect(gate.check(7, 'thread')).toMatch(/Too many/);
  });

  it('refuses a capture that claims a browser gesture the background did not ask that tab for', () => {
    const gate = new CaptureGate({ burst: 5, perSecond: 1 });
    expect(gate.check(3, 'context-menu')).toMatch(/not started from the browser/);
    expect(gate.check(3, 'shortcut')).toMatch(/not started from the browser/);
    const done = gate.expectBrowserGesture(3);
    expect(gate.check(3, 'context-menu')).toBeNull();
    expect(gate.check(4, 'toolbar'), 'only the tab that was asked').toMatch(/not started/);
    done();
    done();
    expect(gate.check(3, 'context-menu')).toMatch(/not started from the browser/);
  });

  it('does not limit extension pages (no tab)', () => {
    const gate = new CaptureGate({ burst: 1, perSecond: 0 });
    expect(gate.check(undefined, 'toolbar')).toBeNull();
    expect(gate.check(undefined, 'toolbar')).toBeNull();
  });
});
