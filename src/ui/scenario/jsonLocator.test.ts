import { describe, expect, it } from 'vitest';
import { jsonPath } from '../../scenario/jsonPath.ts';
import { parseScenarioText } from '../../scenario/index.ts';
import { locatePath, outlineJson, parseJsonPath } from './jsonLocator.ts';

const slice = (text: string, range: { from: number; to: number }) =>
  text.slice(range.from, range.to);

describe('parseJsonPath', () => {
  it('reads back every key the validator writes, including odd property names', () => {
    const keys = ['voicemail', 'greeting', 2, 'toneMs', 'odd key', 'quote"d', '$ok'];
    expect(parseJsonPath(jsonPath(keys))).toEqual(keys);
  });

  it('returns null for text that is not a JSONPath', () => {
    expect(parseJsonPath('voicemail.pin')).toBeNull();
    expect(parseJsonPath('$..pin')).toBeNull();
  });
});

describe('locatePath', () => {
  const text = `{
  "trials": "many",
  "voicemail": { "greeting": [ { "speech": 1 }, { "dtmf": "1", "toneMs": -5 } ] },
  "attacker": {}
}`;
  const outline = outlineJson(text);

  it('underlines a property with a scalar value as a whole, and a scalar list item itself', () => {
    expect(slice(text, locatePath(outline, '$.trials'))).toBe('"trials": "many"');
    expect(slice(text, locatePath(outline, '$.voicemail.greeting[1].toneMs'))).toBe('"toneMs": -5');
    expect(slice('[1, true]', locatePath(outlineJson('[1, true]'), '$[1]'))).toBe('true');
  });

  it('underlines an object by its key rather than its whole body', () => {
    expect(slice(text, locatePath(outline, '$.voicemail'))).toBe('"voicemail"');
  });

  it('underlines a list element that is an object by its opening brace', () => {
    expect(slice(text, locatePath(outline, '$.voicemail.greeting[0]'))).toBe('{');
  });

  it('falls back to the nearest present parent for a missing field', () => {
    expect(slice(text, locatePath(outline, '$.attacker.attempts'))).toBe('"attacker"');
    expect(slice(text, locatePath(outline, '$.nothing.here'))).toBe('{');
  });

  it('points at the place where reading stopped in text that is not JSON', () => {
    const broken = '{ "trials": many }';
    const range = locatePath(outlineJson(broken), '$');
    expect(slice(broken, range)).toBe('m');
    expect(outlineJson('{ "a": 1').syntaxErrorAt).toBe(8);
    expect(locatePath(outlineJson(''), '$')).toEqual({ from: 0, to: 0 });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    for (const sample of ['{"a":01}', '[1,]', '{"a":1,}', '"\\x"', '{"a" 1}', ' [true, null] x']) {
      expect(outlineJson(sample).syntaxErrorAt, sample).not.toBeNull();
      expect(() => JSON.parse(sample)).toThrow();
    }
    for (const sample of ['{"a":[1,-2.5e3,"\\u00e9"],"b":{}}', ' [] ', '"x"', '0']) {
      expect(outlineJson(sample).syntaxErrorAt, sample).toBeNull();
    }
  });

  it('finds every issue the validator reports in a real scenario', () => {
    const scenario = `{
  "name": "",
  "trials": "many",
  "voicemail": { "greeting": [ { "dtmf": "x" } ], "pin": { "lenght": 4 } },
  "code": { "kind": "hotp" }
}`;
    const result = parseScenarioText(scenario);
    expect(result.ok).toBe(false);
    const located = outlineJson(scenario);
    const underlined = result.ok
      ? []
      : result.issues.map((issue) => slice(scenario, locatePath(located, issue.path)));
    expect(underlined).toEqual(
      expect.arrayContaining([
        '"name": ""',
        '"trials": "many"',
        '"dtmf": "x"',
        '"lenght": 4',
        '"kind": "hotp"',
      ]),
    );
    expect(underlined.every((part) => part.length > 0)).toBe(true);
  });
});

describe('outlineJson on what the validator refuses', () => {
  it('outlines a document nested 100,000 deep and finds where the validator stopped', () => {
    const text = `{"trials": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = parseScenarioText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const outline = outlineJson(text);
    expect(outline.syntaxErrorAt).toBeNull();
    // The 65th level is not read; its parent, the 64th, is underlined by its bracket.
    const range = locatePath(outline, result.issues[0]!.path);
    expect(range).toEqual({ from: 11 + 62, to: 11 + 63 });
  });

  it('underlines the second of two members with one name', () => {
    const text = '{\n  "trials": "x",\n  "trials": 20\n}';
    const result = parseScenarioText(text);
    if (result.ok) throw new Error('expected the duplicate to be refused');
    expect(slice(text, locatePath(outlineJson(text), result.issues[0]!.path))).toBe('"trials": 20');
  });

  it('points at a byte order mark', () => {
    expect(locatePath(outlineJson('\ufeff{}'), '$')).toEqual({ from: 0, to: 1 });
  });
});
