import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, frontierFlags, type Tradeoff, type UsabilityDirection } from './frontier.ts';

const t = (security: number, usability: number | null): Tradeoff => ({ security, usability });
const onFrontier = (items: Tradeoff[], direction: UsabilityDirection = 'higher') =>
  frontierFlags(items, direction).flatMap((on, i) => (on ? [i] : []));

describe('dominates', () => {
  it('needs at least as good on both figures and better on one', () => {
    expect(dominates(t(0.1, 0.9), t(0.2, 0.9), 'higher')).toBe(true);
    expect(dominates(t(0.1, 0.9), t(0.1, 0.8), 'higher')).toBe(true);
    expect(dominates(t(0.1, 0.9), t(0.1, 0.9), 'higher')).toBe(false);
    expect(dominates(t(0.1, 0.8), t(0.2, 0.9), 'higher')).toBe(false);
  });

  it('reads lower as better for time to the code, and no time as worse than any', () => {
    expect(dominates(t(0.1, 18), t(0.1, 20), 'lower')).toBe(true);
    expect(dominates(t(0.1, 20), t(0.1, 18), 'lower')).toBe(false);
    expect(dominates(t(0.1, 60), t(0.1, null), 'lower')).toBe(true);
    expect(dominates(t(0.1, null), t(0.1, null), 'lower')).toBe(false);
  });
});

describe('frontierFlags', () => {
  it('keeps the settings no other beats on both interception and owner success', () => {
    // (interception, success): 1 beats 0 on both; 2 and 3 trade one for the other; 4 is beaten by 3.
    const items = [t(0.3, 0.8), t(0.2, 0.9), t(0.05, 0.85), t(0.01, 0.7), t(0.05, 0.6)];
    expect(onFrontier(items)).toEqual([1, 2, 3]);
  });

  it('keeps every copy of a tie on it, and none of a tie beaten', () => {
    expect(onFrontier([t(0.1, 0.9), t(0.1, 0.9), t(0.2, 0.95)])).toEqual([0, 1, 2]);
    expect(onFrontier([t(0.1, 0.9), t(0.1, 0.9), t(0.05, 0.9)])).toEqual([2]);
  });

  it('keeps, of equal security, only the best usability; of equal usability, the lowest security', () => {
    expect(onFrontier([t(0.1, 0.8), t(0.1, 0.9), t(0.1, 0.7)])).toEqual([1]);
    expect(onFrontier([t(0.3, 0.9), t(0.1, 0.9), t(0.2, 0.9)])).toEqual([1]);
  });

  it('puts a setting with no time to the code on it only when its security is the lowest', () => {
    expect(onFrontier([t(0, null), t(0.1, 20), t(0.2, 18)], 'lower')).toEqual([0, 1, 2]);
    expect(onFrontier([t(0.1, null), t(0.1, 20), t(0, null)], 'lower')).toEqual([1, 2]);
    expect(onFrontier([t(0, null), t(0, null), t(0.1, null)], 'lower')).toEqual([0, 1]);
  });

  it('is empty only when there is nothing', () => {
    expect(onFrontier([])).toEqual([]);
    expect(onFrontier([t(0.5, 0.5)])).toEqual([0]);
  });

  it('holds no dominated point, and every point off it is dominated (property)', () => {
    const figure = fc.integer({ min: 0, max: 6 }).map((k) => k / 6);
    const tradeoff = fc.record({
      security: figure,
      usability: fc.option(figure, { freq: 6 }),
    });
    fc.assert(
      fc.property(
        fc.array(tradeoff, { maxLength: 40 }),
        fc.constantFrom<UsabilityDirection>('higher', 'lower'),
        (items, direction) => {
          const flags = frontierFlags(items, direction);
          items.forEach((item, i) => {
            const beaten = items.some((other) => dominates(other, item, direction));
            expect(flags[i], JSON.stringify({ item, items, direction })).toBe(!beaten);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
