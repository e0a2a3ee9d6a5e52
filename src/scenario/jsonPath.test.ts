import { describe, expect, it } from 'vitest';
import { describeValue, jsonPath, valueAt } from './jsonPath.ts';

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
