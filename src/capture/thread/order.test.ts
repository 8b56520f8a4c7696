import { describe, expect, it } from 'vitest';
import { PageOrder } from './order';

const t = (k: string) => `2026-01-01T00:00:${k.padStart(2, '0')}.000Z`;

describe('PageOrder', () => {
  it('keeps page order while windows slide upwards (older rows appear above)', () => {
    const o = new PageOrder();
    o.merge(['7', '8', '9', '10'], t);
    o.merge(['4', '5', '6', '7', '8'], t);
    o.merge(['1', '2', '3', '4'], t);
    expect(o.keys()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(o.size).toBe(10);
  });

  it('keeps page order while windows slide downwards and rows are inserted in the middle (expanded replies)', () => {
    const o = new PageOrder();
    o.merge(['1', '2', '3'], t);
    o.merge(['2', '3', '4'], t);
    o.merge(['3', '3a', '3b', '4', '5'], t);
    expect(o.keys()).toEqual(['1', '2', '3', '3a', '3b', '4', '5']);
  });

  it('never duplicates a key seen in several windows or twice in one', () => {
    const o = new PageOrder();
    o.merge(['1', '2', '2', '3'], t);
    o.merge(['1', '2', '3'], t);
    expect(o.keys()).toEqual(['1', '2', '3']);
  });

  it('places a window that overlaps nothing by time', () => {
    const o = new PageOrder();
    o.merge(['10', '11'], t);
    o.merge(['01', '02'], t);
    o.merge(['20', '21'], t);
    o.merge(['15'], t);
    expect(o.keys()).toEqual(['01', '02', '10', '11', '15', '20', '21']);
  });

  it('places an untimed window that overlaps nothing above everything while going up, below while going down', () => {
    const o = new PageOrder();
    const none = () => undefined;
    o.merge(['m7', 'm8'], none, 'start');
    // Going up, a run not linked to what was seen (the rows between could not be keyed yet) is older: it goes first.
    o.merge(['m2', 'm3'], none, 'start');
    o.merge(['m1', 'm2'], none, 'start');
    // Coming back down, the rows between are keyed next to rows already known.
    o.merge(['m3', 'm4', 'm5', 'm6', 'm7'], none, 'end');
    o.merge(['x1'], none, 'end');
    expect(o.keys()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'x1']);
  });
});
