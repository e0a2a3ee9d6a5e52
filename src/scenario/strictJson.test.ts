import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPath, type PathKey } from './jsonPath.ts';
import { MAX_JSON_DEPTH, parseStrictJson, type TextRange } from './strictJson.ts';

/** JSON.parse's verdict: the value, or 'error'. */
function jsonParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'error';
  }
}

describe('parseStrictJson: the grammar of RFC 8259, as JSON.parse reads it', () => {
  it('reads what JSON.stringify writes, to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseStrictJson(text);
        expect(parsed.stop).toBeNull();
        expect(parsed.problems.size).toBe(0);
        expect(parsed.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and refuses exactly the texts JSON.parse does (up to depth 64)', () => {
    const jsonish = fc
      .array(
        fc.oneof(
          fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '\n', '"', '\\', '"a"', '"b"'),
          fc.constantFrom('1', '-0', '0.5', '1e3', '01', '1.', '-', 'true', 'nul', 'null', 'x'),
          fc.constantFrom('\u0001', '\u00e9', '\ud83d\ude00', '/', "'", '\\u00e9', '\\x', '\t'),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ maxLength: 20 })), (text) => {
        const expected = jsonParse(text);
        const parsed = parseStrictJson(text);
        if (expected === 'error') {
          expect(parsed.stop?.syntax, text).toBe(true);
          expect(parsed.stop!.issue.found).toMatch(
            /^a syntax error \(.+ at line \d+, column \d+\)$/,
          );
        } else {
          expect(parsed.stop, text).toBeNull();
          expect(parsed.value).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', 'the text is empty: expected a JSON value at line 1, column 1'],
    [
      '{ "trials": 200, }',
      "expected a property name after ',', found '}' (JSON allows no comma before '}') at line 1, column 18",
    ],
    [
      '{\n  "a": 1\n  "b": 2\n}',
      "expected ',' or '}' after a property, found '\"' at line 3, column 3",
    ],
    [
      '[1,]',
      "expected a list item after ',', found ']' (JSON allows no comma before ']') at line 1, column 4",
    ],
    [
      'trials: 1',
      "expected a value (an object, list, string, number, true, false or null), found 'trials' at line 1, column 1",
    ],
    ['{"a": 01}', 'a number with a leading zero (JSON writes 7, not 07) at line 1, column 7'],
    [
      '{"a": 1} // note',
      "expected the end of the text after the JSON value, found '/' (JSON has no comments) at line 1, column 10",
    ],
    [
      "{'a': 1}",
      `expected a property name in double quotes or '}', found "'" (JSON strings and names take double quotes) at line 1, column 2`,
    ],
    [
      '"a\nb"',
      'a control character U+000A inside a string (write it escaped, as \\n or \\u000a) at line 1, column 3',
    ],
    ['{"a": "b', 'a string with no closing quote at line 1, column 7'],
    [
      '"\\\n"',
      'a backslash followed by the control character U+000A in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at line 1, column 2',
    ],
    [
      '"\\x"',
      "an invalid escape '\\x' in a string (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at line 1, column 2",
    ],
    [
      '"\\',
      'a backslash at the end of the text in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at line 1, column 2',
    ],
  ])('says what and where the syntax error in %j is', (text, message) => {
    const { stop, value } = parseStrictJson(text);
    expect(value).toBeUndefined();
    expect(stop?.issue).toEqual({
      path: '$',
      expected: 'valid JSON',
      found: `a syntax error (${message})`,
    });
  });

  it('counts lines at \\n and columns in UTF-16 units from 1', () => {
    const { stop } = parseStrictJson('{\r\n  "é": [1,\n\n    2 3]}');
    expect(stop?.issue.found).toContain('at line 4, column 7');
    expect(stop?.offset).toBe('{\r\n  "é": [1,\n\n    2 '.length);
  });

  it('keeps "__proto__" as an own property, as JSON.parse does', () => {
    const { value } = parseStrictJson('{"__proto__": {"polluted": true}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('parseStrictJson: what JSON.parse lets through', () => {
  it('refuses a name given twice, naming both places', () => {
    const { value, problems, stop } = parseStrictJson('{\n  "trials": "x",\n  "trials": 20\n}');
    expect(stop).toBeNull();
    // The value is still read (the last one wins, as in JSON.parse), so the rest can be checked.
    expect(value).toEqual({ trials: 20 });
    expect(problems.listed).toEqual([
      {
        path: '$.trials',
        expected: 'each property given once in an object',
        found: '"trials" given twice: first at line 2, column 3, then at line 3, column 3',
      },
    ]);
  });

  it('names every repeat, deep in the document too', () => {
    const text = '{"a": [{"b": 1, "b": 2, "b": 3}], "c": {"b": 1}}';
    expect(parseStrictJson(text).problems.listed.map((i) => [i.path, i.found])).toEqual([
      ['$.a[0].b', '"b" given twice: first at line 1, column 9, then at line 1, column 17'],
      ['$.a[0].b', '"b" given 3 times: first at line 1, column 9, again at line 1, column 25'],
    ]);
  });

  it('refuses a number past a 64-bit float, at its path', () => {
    const { value, problems, nonFiniteNumbers } = parseStrictJson('{"seed": 1e400, "x": [-2e308]}');
    expect(value).toEqual({ seed: Infinity, x: [-Infinity] });
    expect(nonFiniteNumbers).toBe(true);
    expect(problems.listed).toEqual([
      {
        path: '$.seed',
        expected:
          "a number within a 64-bit float's range (magnitude at most 1.7976931348623157e+308)",
        found: 'the number 1e400 at line 1, column 10, which overflows to Infinity',
      },
      expect.objectContaining({
        path: '$.x[0]',
        found: 'the number -2e308 at line 1, column 23, which overflows to -Infinity',
      }),
    ]);
    // Tiny numbers round to 0 and huge ones within range are kept: neither is a problem.
    expect(parseStrictJson('[1e-400, 1.7976931348623157e308]').problems.size).toBe(0);
  });

  it('shortens a number of a thousand digits in its message', () => {
    const { problems } = parseStrictJson(`[${'9'.repeat(1000)}]`);
    expect(problems.listed[0]!.found).toMatch(/^the number 9{20}… at line 1, column 2/);
  });

  it('refuses a byte order mark before the text', () => {
    expect(parseStrictJson('\ufeff{}').stop).toMatchObject({
      offset: 0,
      issue: {
        path: '$',
        expected: 'JSON text with no byte order mark',
        found: 'a byte order mark (U+FEFF) before it: save the file as UTF-8 without BOM',
      },
    });
  });
});

describe('parseStrictJson: nesting', () => {
  const nested = (depth: number, open = '[', close = ']') =>
    `${open.repeat(depth)}${close.repeat(depth)}`;

  it(`reads ${MAX_JSON_DEPTH} levels`, () => {
    expect(parseStrictJson(nested(MAX_JSON_DEPTH)).stop).toBeNull();
  });

  it(`stops at level ${MAX_JSON_DEPTH + 1}, naming its path and place`, () => {
    const { stop } = parseStrictJson(`{"a": ${nested(MAX_JSON_DEPTH)}}`);
    expect(stop).toMatchObject({ syntax: false, offset: 6 + MAX_JSON_DEPTH - 1 });
    expect(stop?.issue).toEqual({
      path: jsonPath(['a', ...Array<number>(MAX_JSON_DEPTH - 1).fill(0)]),
      expected: `at most ${MAX_JSON_DEPTH} levels of objects and lists inside each other`,
      found: `level ${MAX_JSON_DEPTH + 1} at line 1, column ${6 + MAX_JSON_DEPTH}`,
    });
  });

  it('reads 100,000 levels of lists or objects without exhausting the stack', () => {
    for (const text of [nested(100_000), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`]) {
      const { stop } = parseStrictJson(text);
      expect(stop?.syntax).toBe(false);
      expect(stop?.issue.found).toBe(
        `level ${MAX_JSON_DEPTH + 1} at line 1, column ${stop!.offset + 1}`,
      );
    }
    // Unclosed, too: the depth is met before the end.
    expect(parseStrictJson('['.repeat(100_000)).stop?.syntax).toBe(false);
  });
});

describe('parseStrictJson: bounded cost', () => {
  it('lists 50 duplicate names of a million and counts the rest', () => {
    const text = `{${Array.from({ length: 1_000_000 }, () => '"k":1').join(',')}}`;
    const { problems } = parseStrictJson(text);
    expect(problems.listed).toHaveLength(50);
    expect(problems.size).toBe(999_999);
  });

  it('reads a 2 MB document in well under a second', () => {
    const doc = {
      items: Array.from({ length: 15_000 }, (_, i) => ({
        id: i,
        text: `caf\u00e9 "${i}" \\ \n`,
        x: i * 1.5e-3,
        flags: [true, false, null],
      })),
    };
    const text = JSON.stringify(doc, null, 2);
    expect(text.length).toBeGreaterThan(2_000_000);
    const started = performance.now();
    const parsed = parseStrictJson(text);
    const elapsed = performance.now() - started;
    expect(parsed.value).toEqual(doc);
    // About 150 ms on a loaded 2-core machine; JSON.parse takes about 30.
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('parseStrictJson: where each value is', () => {
  it('tells the visitor every value with its path, key and range', () => {
    const text = '{"a": [1, {"b": "x"}], "c": {}}';
    const seen: [string, string, string | null, boolean][] = [];
    const slice = (r: TextRange | null) => (r ? text.slice(r.from, r.to) : null);
    parseStrictJson(text, (keys: readonly PathKey[], value, key, container) => {
      seen.push([jsonPath(keys), slice(value)!, slice(key), container]);
    });
    expect(seen).toEqual([
      ['$', '{', null, true],
      ['$.a', '[', '"a"', true],
      ['$.a[0]', '1', null, false],
      ['$.a[1]', '{', null, true],
      ['$.a[1].b', '"x"', '"b"', false],
      ['$.a[1]', '{"b": "x"}', null, true],
      ['$.a', '[1, {"b": "x"}]', '"a"', true],
      ['$.c', '{', '"c"', true],
      ['$.c', '{}', '"c"', true],
      ['$', text, null, true],
    ]);
  });
});
