import { describe, expect, it } from 'vitest';
import { COMMON_PIN_LENGTH, COMMON_PINS } from './commonPins.ts';
import { TAIL_PIN_COUNT, TAIL_UNITS, TOP_PIN_UNITS, TOP_PIN_UNITS_SUM } from './pinShares.ts';

describe('COMMON_PINS', () => {
  it('lists 20 distinct 4-digit PINs', () => {
    const pins = COMMON_PINS.map(({ pin }) => pin);
    expect(pins).toHaveLength(20);
    expect(new Set(pins).size).toBe(20);
    for (const pin of pins) expect(pin).toMatch(/^[0-9]{4}$/);
    expect(COMMON_PIN_LENGTH).toBe(4);
  });

  it('is ordered from the most to the least popular PIN', () => {
    for (let i = 1; i < COMMON_PINS.length; i++) {
      expect(COMMON_PINS[i]!.percent).toBeLessThanOrEqual(COMMON_PINS[i - 1]!.percent);
    }
  });

  it('covers 26.83 % of all PINs (26.832 % unrounded), leaving the rest to the other 9,980', () => {
    expect(TOP_PIN_UNITS_SUM / 1000).toBeCloseTo(26.83, 2);
    expect(TOP_PIN_UNITS_SUM).toBe(26_832);
    expect(TAIL_UNITS).toBe(73_168);
    expect(TAIL_PIN_COUNT).toBe(9_980);
  });

  it('converts every published share to whole units of 0.001 %', () => {
    COMMON_PINS.forEach(({ percent }, i) => {
      expect(TOP_PIN_UNITS[i]! / 1000).toBe(percent);
    });
  });

  it('gives every listed PIN a larger share than any PIN outside the table', () => {
    const tailPercentEach = 73.168 / 9980;
    for (const { percent } of COMMON_PINS) expect(percent).toBeGreaterThan(tailPercentEach);
  });
});
