// @vitest-environment happy-dom
/**
 * When the engine may call a conversation complete (issue #11): only once its start was seen — the site's marker
 * (ThreadSupport.startMarker), start-of-conversation wording outside the messages, or a top that stays still after
 * repeated loads — and otherwise a partial record that says how far back it got and why. The progress reports what
 * the capture is waiting for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineDeps, type ThreadProgress, ThreadEngine } from './engine';
import { conversation, FakeThreadSite, type Layout } from './layouts';

const BASE: Layout = {
  direction: 'older-at-top',
  scroll: 'div',
  virtual: 'both',
  ids: true,
  loader: 'prepend',
  reversed: false,
  page: 50,
  indicator: 'spinner',
  marker: 'none',
  ending: 'full',
  delay: 300,
  size: 400,
  quirk: 'none',
};

async function capture(layout: Layout, edit?: (all: ReturnType<typeof conversation>) => void, hook?: () => boolean | null) {
  const all = conversation(layout.size, 5);
  edit?.(all);
  const site = new FakeThreadSite(layout, all, 5);
  const support = site.support();
  if (hook) support.startMarker = hook;
  let now = 0;
  const progress: ThreadProgress[] = [];
  const deps: EngineDeps = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      site.tick(now);
    },
    frame: async () => {
      now += 16;
      site.tick(now);
    },
    send: async () => ({ shot: 'none' }),
    onProgress: (p) => progress.push(p),
  };
  try {
    const result = await new ThreadEngine(support, site.container(), () => ({ url: new URL('https://example.test/m/1'), document }), deps, {
      screenshots: false,
    }).run();
    return { result, progress, truth: site.truthKeys(), ms: now };
  } finally {
    site.dispose();
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ThreadEngine: the start of a conversation', () => {
  it('the site’s own marker (adapter hook) ends the way up at once and makes the capture complete', async () => {
    const withMarker = await capture({ ...BASE, marker: 'hook' });
    expect(withMarker.result.partial).toBeUndefined();
    expect(withMarker.result.start).toBe('marker');
    expect(withMarker.result.order).toEqual(withMarker.truth);
    // Without a marker the top is checked again before it counts: the marker saves those waits.
    const without = await capture({ ...BASE });
    expect(without.result.start).toBe('still');
    expect(without.result.notes.join(' ')).toMatch(/top stayed still after 3 loads/);
    expect(withMarker.result.stats.loadWaitMs).toBeLessThan(without.result.stats.loadWaitMs);
  });

  it('start-of-conversation wording counts outside the messages, never inside one', async () => {
    const text = await capture({ ...BASE, marker: 'text' });
    expect(text.result.start).toBe('marker');
    expect(text.result.order).toEqual(text.truth);
    // A message that says it is the beginning, at the top of a loaded page, does not stop the capture.
    const said = await capture({ ...BASE, page: 40 }, (all) => {
      for (const i of [160, 161, 162]) all[i]!.text = 'This is the beginning of your conversation, ha';
    });
    expect(said.result.order).toEqual(said.truth);
    expect(said.result.start).toBe('still');
  });

  it('start-of-conversation wording counts even when the adapter does not see its own marker; an adapter that sees none and no wording ends partial', async () => {
    const text = await capture({ ...BASE, marker: 'text' }, undefined, () => false);
    expect(text.result.partial).toBeUndefined();
    expect(text.result.start).toBe('marker');
    expect(text.result.order).toEqual(text.truth);
    const none = await capture({ ...BASE }, undefined, () => false);
    expect(none.result.partial?.reason).toBe('stalled');
    expect(none.result.partial?.message).toMatch(/the start of the conversation was not seen/);
    expect(none.result.order).toEqual(none.truth);
  });

  it('a site that marks its start but stops short of it ends partial: how far back it got, and why', async () => {
    const r = await capture({ ...BASE, marker: 'hook', ending: 'stall-silent', indicator: 'none' });
    expect(r.result.partial?.reason).toBe('stalled');
    expect(r.result.partial?.end).toBe('older');
    expect(r.result.partial?.message).toMatch(/^The site stopped loading messages on \d{4}-\d\d-\d\d \(the oldest kept is from .* UTC\): no older messages came after 3 tries, and the start of the conversation was not seen\. \d+ messages were kept; older ones may be missing\.$/);
    expect(r.result.start).toBeUndefined();
    expect(r.result.order).toEqual(r.truth);
    expect(r.result.partial?.message).toContain(r.result.oldest!.slice(0, 10));
  });

  it('a loading indicator that never goes away, or blinks forever, ends partial within the stall time plus the checks', async () => {
    for (const quirk of ['none', 'blink'] as const) {
      const r = await capture({ ...BASE, ending: 'stall-spinner', quirk });
      expect(r.result.partial?.reason, quirk).toBe('stalled');
      expect(r.result.partial?.message, quirk).toMatch(/still showing that it was loading|nothing new appeared/);
      expect(r.result.order, quirk).toEqual(r.truth);
      expect(r.ms, quirk).toBeLessThan(120_000);
    }
  });

  it('reports what it is waiting for: older rows at the top, the checks of a quiet top, newer rows at the bottom', async () => {
    const r = await capture({ ...BASE });
    const waits = new Set(r.progress.map((p) => p.waiting).filter(Boolean));
    expect(waits).toEqual(new Set(['older', 'check', 'newer']));
    expect(r.progress[r.progress.length - 1]?.waiting).toBeUndefined();
  });
});
