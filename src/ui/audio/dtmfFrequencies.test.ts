import { describe, expect, it } from 'vitest';
import { dtmfFrequencies } from './dtmfFrequencies.ts';

describe('dtmfFrequencies', () => {
  it('gives each key its ITU-T Q.23 row and column frequencies', () => {
    expect(dtmfFrequencies('1')).toEqual([697, 1209]);
    expect(dtmfFrequencies('5')).toEqual([770, 1336]);
    expect(dtmfFrequencies('9')).toEqual([852, 1477]);
    expect(dtmfFrequencies('0')).toEqual([941, 1336]);
    expect(dtmfFrequencies('*')).toEqual([941, 1209]);
    expect(dtmfFrequencies('#')).toEqual([941, 1477]);
    expect(dtmfFrequencies('D')).toEqual([941, 1633]);
    expect(dtmfFrequencies('a')).toEqual([697, 1633]);
  });

  it('refuses a key that is not on a DTMF keypad, listing the keys', () => {
    expect(() => dtmfFrequencies('E')).toThrow('use one of 0-9, A-D, * or #');
    expect(() => dtmfFrequencies('12')).toThrow(/"12" is not a DTMF key/);
  });
});
