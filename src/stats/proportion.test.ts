import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Proportion } from './proportion.ts';

function proportionOf(outcomes: readonly boolean[]): Proportion {
  const proportion = new Proportion();
  for (const outcome of outcomes) proportion.add(outcome);
  return proportion;
}

function copy(proportion: Proportion): Proportion {
  return Proportion.fromJSON(proportion.toJSON());
}

describe('Proportion', () => {
  it('counts successes out of trials', () => {
    const proportion = proportionOf([true, false, false, true]);
    expect(proportion.toJSON()).toEqual({ successes: 2, n: 4 });
    expect(proportion.rate()).toBe(0.5);
  });

  it('has no rate (null) before any trial, and the widest interval', () => {
    const empty = new Proportion();
    expect(empty.rate()).toBeNull();
    expect(empty.interval()).toEqual({ low: 0, high: 1 });
  });

  it('gives the Wilson interval of its counts', () => {
    const proportion = Proportion.fromJSON({ successes: 81, n: 263 });
    expect(proportion.interval().low).toBeCloseTo(0.2553, 4);
    expect(proportion.interval().high).toBeCloseTo(0.3662, 4);
  });

  it('merges to the same counts in either order as adding everything to one counter', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean()), fc.array(fc.boolean()), (a, b) => {
        const ab = copy(proportionOf(a)).merge(proportionOf(b));
        const ba = copy(proportionOf(b)).merge(proportionOf(a));
        const all = proportionOf([...a, ...b]);
        expect(ab.toJSON()).toEqual(all.toJSON());
        expect(ba.toJSON()).toEqual(all.toJSON());
        expect(Object.is(ab.rate(), ba.rate())).toBe(true);
      }),
    );
  });

  it('survives structured clone and JSON as plain data', () => {
    const proportion = proportionOf([true, false, true]);
    const cloned = Proportion.fromJSON(structuredClone(proportion.toJSON()));
    const parsed = Proportion.fromJSON(JSON.parse(JSON.stringify(proportion)));
    expect(cloned.toJSON()).toEqual({ successes: 2, n: 3 });
    expect(parsed.toJSON()).toEqual({ successes: 2, n: 3 });
  });

  it('rejects data that cannot be counts', () => {
    expect(() => Proportion.fromJSON({ successes: 3, n: 2 })).toThrow(/cannot exceed n/);
    expect(() => Proportion.fromJSON({ successes: 0.5, n: 2 })).toThrow(/successes.*got 0\.5/);
    expect(() => Proportion.fromJSON(null as never)).toThrow(/Proportion data must be an object/);
  });
});
