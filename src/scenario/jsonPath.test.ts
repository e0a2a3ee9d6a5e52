import { describe, expect, it } from 'vitest';
import { describeValue, jsonPath, shortKey, valueAt } from './jsonPath.ts';

describe('jsonPath', () => {
  it('writes the root as $', () => {
    expect(jsonPath([])).toBe('$');
  });

  it('uses dots for identifiers and brackets for indices', () => {
    expect(jsonPath(['voicemail', 'greeting', 2, 'toneMs'])).toBe('$.voicemail.greeting[2].toneMs');
  });

  it('quotes keys that are not identifiers', () => {
    expect(jsonPath(['expect', 'random-digit', 'interceptionRate'])).toBe(
      '$.expect["random-digit"].interceptionRate',
    );
    expect(jsonPath(['a b', '"q"'])).toBe('$["a b"]["\\"q\\""]');
  });

  it('writes $schema as a plain member', () => {
    expect(jsonPath(['$schema'])).toBe('$.$schema');
  });
});

describe('valueAt', () => {
  const root = { voicemail: { greeting: [{ speech: 1 }, { silence: 2 }] } };

  it('follows keys and indices', () => {
    expect(valueAt(root, ['voicemail', 'greeting', 1, 'silence'])).toBe(2);
  });

  it('gives undefined past a missing or primitive value', () => {
    expect(valueAt(root, ['voicemail', 'pin', 'length'])).toBeUndefined();
    expect(valueAt(root, ['voicemail', 'greeting', 0, 'speech', 'x'])).toBeUndefined();
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    [true, 'true'],
    [3, 'the number 3'],
    ['many', 'the string "many"'],
    [[5, 2], 'a list [5,2]'],
    [{ normal: 3 }, 'an object {"normal":3}'],
  ])('describes %j as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('shortens long values to 60 characters of JSON', () => {
    const text = describeValue('x'.repeat(200));
    expect(text).toBe(`the string "${'x'.repeat(56)}...`);
  });
});

describe('describeValue on what JSON cannot hold, and on huge values', () => {
  it.each([
    [Infinity, 'the number Infinity'],
    [-Infinity, 'the number -Infinity'],
    [NaN, 'NaN (not a number)'],
    [[1, Infinity, NaN], 'a list [1,Infinity,NaN]'],
    [{ a: -Infinity, b: undefined }, 'an object {"a":-Infinity}'],
    [[undefined], 'a list [null]'],
  ])('describes %s as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('agrees with JSON.stringify on JSON values, to 60 characters', () => {
    const values: unknown[] = [
      { a: [1, 2, { b: 'c"d\\e\n' }], e: null, f: true, 'g h': 1.5e-7 },
      Array.from({ length: 100 }, (_, i) => i),
      { long: 'é😀'.repeat(40) },
    ];
    for (const value of values) {
      const json = JSON.stringify(value);
      const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json;
      expect(describeValue(value)).toBe(
        `${Array.isArray(value) ? 'a list' : 'an object'} ${shown}`,
      );
    }
  });

  it('describes a value nested 100,000 deep or a million items long at once', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(describeValue(deep)).toBe(`a list ${'['.repeat(57)}...`);
    const wide = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, i]));
    expect(describeValue(wide)).toBe(`an object ${JSON.stringify(wide).slice(0, 57)}...`);
  });
});

describe('shortKey and long keys in paths', () => {
  it('keeps a key of up to 64 characters whole', () => {
    const key = 'k'.repeat(64);
    expect(shortKey(key)).toBe(key);
    expect(jsonPath([key])).toBe(`$.${key}`);
  });

  it('shortens a longer key to 60 characters and "…", never halving a surrogate pair', () => {
    expect(shortKey('k'.repeat(65))).toBe(`${'k'.repeat(60)}…`);
    expect(jsonPath(['k'.repeat(1000)])).toBe(`$["${'k'.repeat(60)}…"]`);
    expect(shortKey(`${'k'.repeat(59)}😀${'k'.repeat(10)}`)).toBe(`${'k'.repeat(59)}…`);
  });
});
