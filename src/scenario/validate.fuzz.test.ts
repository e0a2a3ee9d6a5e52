/**
 * Fuzzing the validator with malformed documents built from a valid scenario: cut short, nested
 * thousands deep, names given twice, numbers past a double, wrong types at every leaf, random
 * unicode, thousands of unknown keys, then as bytes with invalid UTF-8 sequences and byte order
 * marks spliced in. Whatever comes in, the validator answers with a result (never a throw other
 * than a ScenarioError from loadScenario), every problem has a JSON path, and the report is
 * bounded. A failure prints fast-check's seed and path; pass them to `fc.assert(..., { seed,
 * path })` to replay that case.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatIssues,
  loadScenario,
  MAX_LISTED_ISSUES,
  parseScenarioBytes,
  parseScenarioText,
  ScenarioError,
  validateScenario,
  type ValidationResult,
} from './index.ts';
import { MAX_SHOWN_KEY_CHARS, type PathKey } from './jsonPath.ts';
import { MAX_JSON_DEPTH } from './strictJson.ts';

const EXAMPLE_TEXT = readFileSync(
  new URL('../../scenarios/night-attack-dtmf-1.json', import.meta.url),
  'utf8',
);
const EXAMPLE = JSON.parse(EXAMPLE_TEXT) as unknown;

/** A JSONPath as the validator writes it: `$`, `.name`, `[3]`, `["any name"]`. */
const JSON_PATH = /^\$(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

/**
 * The longest one problem can be: a path of at most MAX_JSON_DEPTH + 1 steps, each name shortened
 * to MAX_SHOWN_KEY_CHARS characters (at most 6 each once escaped), and the words around it.
 */
const MAX_ISSUE_CHARS = (MAX_JSON_DEPTH + 1) * (6 * MAX_SHOWN_KEY_CHARS + 8) + 2_000;
const MAX_REPORT_CHARS = 100 + (MAX_LISTED_ISSUES + 1) * (MAX_ISSUE_CHARS + 4);

function expectWellFormed(result: ValidationResult): void {
  if (result.ok) {
    expect(typeof result.scenario).toBe('object');
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.issues.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES);
  expect(result.moreIssues ?? 0).toBeGreaterThanOrEqual(0);
  for (const issue of result.issues) {
    expect(issue.path).toMatch(JSON_PATH);
    expect(issue.expected.length).toBeGreaterThan(0);
    expect(issue.found.length).toBeGreaterThan(0);
    expect(issue.path.length + issue.expected.length + issue.found.length).toBeLessThan(
      MAX_ISSUE_CHARS,
    );
  }
  const report = formatIssues(result.issues, result.moreIssues);
  expect(report.length).toBeLessThan(MAX_REPORT_CHARS);
  expect(report).not.toMatch(/the number null|\n\s+at /);
}

/** Every path to a leaf (or empty container) of a JSON value. */
function leafPaths(value: unknown, keys: PathKey[] = []): PathKey[][] {
  if (Array.isArray(value) && value.length > 0) {
    return value.flatMap((child, i) => leafPaths(child, [...keys, i]));
  }
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...keys, key]));
  }
  return [keys];
}
const LEAVES = leafPaths(EXAMPLE);

function withValueAt(keys: readonly PathKey[], value: unknown): unknown {
  const copy = structuredClone(EXAMPLE) as Record<PathKey, unknown>;
  let parent = copy;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<PathKey, unknown>;
  parent[keys[keys.length - 1]!] = value;
  return copy;
}

/** Values a leaf can be given: JSON of every type, the numbers JSON cannot hold, huge strings. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(Infinity, -Infinity, NaN, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constant('x'.repeat(100_000)),
);

/** Splices `insert` into `text` at a position given as a fraction of its length. */
const splice = (text: string, at: number, insert: string, remove = 0) => {
  const i = Math.floor(at * text.length);
  return text.slice(0, i) + insert + text.slice(i + remove);
};
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const pretty = fc.constantFrom(
  EXAMPLE_TEXT,
  JSON.stringify(EXAMPLE),
  JSON.stringify(loadScenario(EXAMPLE), null, 2),
);
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\\u',
  'null',
  'true',
  'fals',
  '1e400',
  '-1e999',
  '01',
  '-',
  '.5',
  '//',
  '/*',
  "'",
  '\t',
  '\n',
  '\u0000',
  '\ufeff',
  '\u2028',
  '\ud800',
  '😀',
  'NaN',
  'Infinity',
  '"trials": 3,',
  '"voicemail": {},',
];

/** Malformed documents as text. */
const malformedText: fc.Arbitrary<string> = fc.oneof(
  // Cut short anywhere.
  fc.tuple(pretty, position).map(([text, at]) => text.slice(0, Math.floor(at * text.length))),
  // Tokens spliced in, or over what was there.
  fc
    .tuple(
      pretty,
      fc.array(fc.tuple(position, fc.constantFrom(...TOKENS), fc.nat(3)), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, token, remove]) => splice(t, at, token, remove), text),
    ),
  // A leaf nested deep inside lists or objects, up to 5,000 levels.
  fc
    .tuple(fc.constantFrom(...LEAVES), fc.integer({ min: 1, max: 5_000 }), fc.boolean())
    .map(([keys, depth, lists]) => {
      const marker = '"@@nested@@"';
      const text = JSON.stringify(withValueAt(keys, '@@nested@@'));
      const nested = lists
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      return text.replace(marker, nested);
    }),
  // A member given twice (or three times), anywhere.
  fc
    .tuple(
      fc.constantFrom(...LEAVES.filter((k) => k.length > 0)),
      fc.integer({ min: 2, max: 3 }),
      anyValue,
    )
    .map(([keys, times, value]) => {
      const text = JSON.stringify(withValueAt(keys, '@@dup@@'));
      const name = JSON.stringify(String(keys[keys.length - 1]));
      const repeated =
        typeof keys[keys.length - 1] === 'number'
          ? `"@@dup@@"`
          : `"@@dup@@"${`, ${name}: ${JSON.stringify(value) ?? 'null'}`.repeat(times - 1)}`;
      return text.replace('"@@dup@@"', repeated);
    }),
  // A number past a double, or of hundreds of digits, in place of any leaf.
  fc
    .tuple(
      fc.constantFrom(...LEAVES),
      fc.constantFrom('1e400', '-1e400', '1e-400', '9'.repeat(400), `0.${'1'.repeat(400)}`, '-0'),
    )
    .map(([keys, literal]) =>
      JSON.stringify(withValueAt(keys, '@@num@@')).replace('"@@num@@"', literal),
    ),
  // Random unicode, in a string or anywhere.
  fc
    .tuple(pretty, position, fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }))
    .map(([text, at, inserted]) => splice(text, at, inserted)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // Thousands of unknown keys, at the top or in a section.
  fc
    .tuple(
      fc.integer({ min: 1, max: 3_000 }),
      fc.constantFrom([], ['voicemail'], ['person', 'answerDelaySeconds']),
    )
    .map(([count, at]) => {
      const doc = structuredClone(EXAMPLE) as Record<string, unknown>;
      let target = doc;
      for (const key of at) target = (target[key] ??= {}) as Record<string, unknown>;
      for (let i = 0; i < count; i++) target[`unknown${i}`] = i;
      return JSON.stringify(doc);
    }),
);

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The same as bytes, with byte order marks and byte sequences that are not UTF-8 spliced in. */
const malformedBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    malformedText,
    fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
    fc.array(
      fc.tuple(
        position,
        fc.oneof(
          fc.constantFrom(
            [0x80],
            [0xc0, 0xaf],
            [0xed, 0xa0, 0x80],
            [0xf4, 0x90, 0x80, 0x80],
            [0xe2, 0x82],
            [0xff],
          ),
          fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
        ),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([text, bom, inserts]) => {
    let bytes = [...bom, ...utf8(text)];
    for (const [at, sequence] of inserts) {
      const i = Math.floor(at * bytes.length);
      bytes = [...bytes.slice(0, i), ...sequence, ...bytes.slice(i)];
    }
    return new Uint8Array(bytes);
  });

describe('fuzz: the validator on malformed documents', () => {
  it('answers every malformed text with a result whose problems have paths, bounded', () => {
    fc.assert(
      fc.property(malformedText, (text) => {
        expectWellFormed(parseScenarioText(text));
      }),
      { numRuns: 600 },
    );
  });

  it('answers every malformed byte sequence the same way', () => {
    fc.assert(
      fc.property(malformedBytes, (bytes) => {
        const result = parseScenarioBytes(bytes);
        expectWellFormed(result);
        const decodes = (() => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes);
            return true;
          } catch {
            return false;
          }
        })();
        const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (!decodes || hasBom) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['$']);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('answers wrong values at every leaf of a valid scenario, built in code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEAVES), anyValue, (keys, value) => {
        const input = withValueAt(keys, value);
        expectWellFormed(validateScenario(input));
        try {
          loadScenario(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('answers any value at all, shared and deep structures included', () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 6,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
          withBoxedValues: true,
        }),
        (value) => {
          expectWellFormed(validateScenario(value));
          expectWellFormed(validateScenario({ ...(EXAMPLE as object), voicemail: value }));
        },
      ),
      { numRuns: 400 },
    );
  });
});
