import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntegerMean } from './integerMean.ts';

function meanOf(values: readonly number[]): IntegerMean {
  const mean = new IntegerMean();
  for (const value of values) mean.add(value);
  return mean;
}

const milliseconds = fc.array(fc.integer({ min: -1_000_000, max: 10_000_000 }));

describe('IntegerMean', () => {
  it('averages whole milliseconds', () => {
    const mean = meanOf([1000, 2000, 4500]);
    expect(mean.toJSON()).toEqual({ count: 3, sum: 7500 });
    expect(mean.mean()).toBe(2500);
  });

  it('has no mean (null) before any value', () => {
    expect(new IntegerMean().mean()).toBeNull();
  });

  it('takes integers only, so sums stay exact', () => {
    expect(() => new IntegerMean().add(1.5)).toThrow(/integers only.*got 1\.5/);
    expect(() => new IntegerMean().add(NaN)).toThrow(/got NaN/);
  });

  it('refuses to overflow past 2^53 − 1 rather than lose exactness', () => {
    const mean = meanOf([Number.MAX_SAFE_INTEGER]);
    expect(() => mean.add(1)).toThrow(/IntegerMean sum overflowed/);
  });

  it('merges to the same bits in either order as adding everything to one accumulator', () => {
    fc.assert(
      fc.property(milliseconds, milliseconds, (a, b) => {
        const ab = IntegerMean.fromJSON(meanOf(a).toJSON()).merge(meanOf(b));
        const ba = IntegerMean.fromJSON(meanOf(b).toJSON()).merge(meanOf(a));
        const all = meanOf([...a, ...b]);
        expect(ab.toJSON()).toEqual(all.toJSON());
        expect(ba.toJSON()).toEqual(all.toJSON());
        expect(Object.is(ab.mean(), all.mean())).toBe(true);
        expect(Object.is(ba.mean(), all.mean())).toBe(true);
      }),
    );
  });

  it('survives structured clone and JSON as plain data', () => {
    const mean = meanOf([3, 4]);
    expect(IntegerMean.fromJSON(structuredClone(mean.toJSON())).mean()).toBe(3.5);
    expect(IntegerMean.fromJSON(JSON.parse(JSON.stringify(mean))).mean()).toBe(3.5);
  });

  it('rejects inconsistent data', () => {
    expect(() => IntegerMean.fromJSON({ count: 0, sum: 5 })).toThrow(/sum must be 0/);
    expect(() => IntegerMean.fromJSON({ count: -1, sum: 0 })).toThrow(/count.*got -1/);
  });
});
