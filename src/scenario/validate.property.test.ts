/**
 * Property tests of scenario validation, driven by the published JSON Schema: every leaf of a
 * valid scenario is broken (wrong type, out of range) or varied within its documented range, and
 * the zod validator must agree with what the schema says. A failure prints fast-check's seed and
 * path; pass them to `fc.assert(..., { seed, path })` to replay that one case.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  formatIssues,
  loadScenario,
  runCost,
  STRATEGY_IDS,
  validateScenario,
  type ScenarioIssue,
} from './index.ts';
import { describeValue, jsonPath, valueAt, type PathKey } from './jsonPath.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';
import { MAX_GREETING_SECONDS, MAX_GREETING_TONES } from './greetingBounds.ts';

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** The subset of JSON Schema 2020-12 that z.toJSONSchema writes for the scenario format. */
interface SchemaNode {
  readonly type?: JsonType;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly prefixItems?: readonly SchemaNode[];
  readonly items?: SchemaNode | false;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ROOT_SCHEMA = scenarioJsonSchema() as SchemaNode;
const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../scenarios/night-attack-dtmf-1.json', import.meta.url), 'utf8'),
) as Json;

/** Valid documents to mutate: the issue's example as written, and with every default filled in. */
const BASE_DOCUMENTS: readonly { readonly label: string; readonly doc: Json }[] = [
  { label: 'the example as written', doc: EXAMPLE },
  {
    label: 'the example with defaults',
    doc: loadScenario(structuredClone(EXAMPLE)),
  },
  {
    label: 'a TOTP variant with defaults',
    doc: loadScenario({
      ...(EXAMPLE as object),
      code: { kind: 'totp', algorithm: 'sha256' },
    }),
  },
];

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasType(schema: SchemaNode, value: unknown): boolean {
  switch (schema.type) {
    case undefined:
      return true;
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

function branches(schema: SchemaNode): readonly SchemaNode[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** Whether a primitive value meets one branch's type and bounds. Containers only by type. */
function branchAccepts(schema: SchemaNode, value: unknown): boolean {
  if (!hasType(schema, value)) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return false;
    if (schema.minLength !== undefined && value.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  }
  return true;
}

function accepts(schema: SchemaNode, value: unknown): boolean {
  return branches(schema).some((branch) => branchAccepts(branch, value));
}

/** The one union branch that describes a valid value (by type, keys and `const` discriminators). */
function branchFor(schema: SchemaNode, value: Json): SchemaNode {
  const fitting = branches(schema).filter((branch) => {
    if (!hasType(branch, value)) return false;
    if (!isObject(value)) return true;
    return Object.entries(value).every(([key, child]) => {
      const property = branch.properties?.[key];
      if (property) return !('const' in property) || property.const === child;
      return branch.additionalProperties !== undefined && branch.additionalProperties !== false;
    });
  });
  if (fitting.length !== 1)
    throw new Error(`${fitting.length} schema branches fit ${JSON.stringify(value)}`);
  return fitting[0]!;
}

function childSchema(schema: SchemaNode, key: PathKey): SchemaNode {
  const child =
    typeof key === 'number'
      ? (schema.prefixItems?.[key] ?? schema.items)
      : (schema.properties?.[key] ?? schema.additionalProperties);
  if (child === undefined || typeof child === 'boolean')
    throw new Error(`the schema has nothing at ${String(key)}`);
  return child;
}

/** The schema of the value at `keys` in a valid document, before any union branch is chosen. */
function schemaAt(doc: Json, keys: readonly PathKey[]): SchemaNode {
  let schema = ROOT_SCHEMA;
  let value = doc;
  for (const key of keys) {
    schema = childSchema(branchFor(schema, value), key);
    value = (value as Record<PathKey, Json>)[key]!;
  }
  return schema;
}

/** Paths of every object and list in a document, the root excluded. */
function containerPaths(value: Json, keys: PathKey[] = []): PathKey[][] {
  const children: [PathKey, Json][] = Array.isArray(value)
    ? value.map((child, i) => [i, child])
    : isObject(value)
      ? Object.entries(value)
      : [];
  const here = keys.length > 0 && (Array.isArray(value) || isObject(value)) ? [keys] : [];
  return [...here, ...children.flatMap(([key, child]) => containerPaths(child, [...keys, key]))];
}

function expectOneIssueAt(issues: readonly ScenarioIssue[], path: string, value: unknown): void {
  expect(issues).toHaveLength(1);
  const issue = issues[0]!;
  expect(issue.path).toBe(path);
  expect(issue.found).toBe(describeValue(value));
  // Our own words, never zod's generic English.
  expect(issue.expected).not.toMatch(/^Invalid|received/);
  expect(formatIssue(issue)).toMatch(/^\$\S*: expected .+, found .+$/s);
  expect(formatIssues(issues)).toContain(
    `  ${path}: expected ${issue.expected}, found ${issue.found}`,
  );
}

/** Paths of every primitive in a document (null included). */
function leafPaths(value: Json, keys: PathKey[] = []): PathKey[][] {
  if (Array.isArray(value)) return value.flatMap((child, i) => leafPaths(child, [...keys, i]));
  if (isObject(value))
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...keys, key]));
  return [keys];
}

function withValueAt(doc: Json, keys: readonly PathKey[], value: unknown): Json {
  const copy = structuredClone(doc);
  if (keys.length === 0) return value as Json;
  const parent = valueAt(copy, keys.slice(0, -1)) as Record<PathKey, unknown>;
  parent[keys[keys.length - 1]!] = value;
  return copy;
}

/** Values that no branch of the schema accepts: other JSON types, and just past every bound. */
function invalidValues(schema: SchemaNode): unknown[] {
  const candidates: unknown[] = ['', 'x', 'not-a-value', true, null, [], {}, 0.5, -1];
  for (const branch of branches(schema)) {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = branch;
    if (minimum !== undefined) candidates.push(minimum - 1, minimum - 0.5);
    if (maximum !== undefined) candidates.push(maximum + 1, maximum + 0.5);
    if (exclusiveMinimum !== undefined) candidates.push(exclusiveMinimum, exclusiveMinimum - 1);
    if (exclusiveMaximum !== undefined) candidates.push(exclusiveMaximum, exclusiveMaximum + 1);
    if (branch.type === 'integer') candidates.push((minimum ?? 0) + 0.5);
  }
  return candidates.filter((value) => !accepts(schema, value));
}

/** One leaf of a base document set to a value its schema rejects (small, so failures print well). */
interface BrokenLeaf {
  readonly base: number;
  readonly path: string;
  readonly keys: readonly PathKey[];
  readonly value: unknown;
}

const brokenLeaf: fc.Arbitrary<BrokenLeaf> = fc.oneof(
  ...BASE_DOCUMENTS.flatMap(({ doc }, base) =>
    leafPaths(doc).map((keys) => {
      const values = invalidValues(schemaAt(doc, keys));
      if (values.length === 0) throw new Error(`no invalid value found for ${jsonPath(keys)}`);
      return fc
        .constantFrom(...values)
        .map((value): BrokenLeaf => ({ base, path: jsonPath(keys), keys, value }));
    }),
  ),
);

describe('property: breaking one leaf of a valid scenario', () => {
  it('fails with exactly one issue, at exactly that leaf, naming the value found', () => {
    fc.assert(
      fc.property(brokenLeaf, ({ base, keys, value }) => {
        const { doc } = BASE_DOCUMENTS[base]!;
        const result = validateScenario(withValueAt(doc, keys, value));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        // Even inside a union (a duration, a greeting segment, the code policy) the validator
        // finds the branch that was meant, so the path is never just the union's.
        expectOneIssueAt(result.issues, jsonPath(keys), value);
      }),
      { numRuns: 1000 },
    );
  });

  it('replacing a section or list with another type fails with one issue at that section', () => {
    const brokenContainer = fc.oneof(
      ...BASE_DOCUMENTS.flatMap(({ doc }, base) =>
        containerPaths(doc).map((keys) => {
          // A duration may be a number instead of an object, so only the types the schema rejects.
          const schema = schemaAt(doc, keys);
          const values = ['x', 5, true, null, {}, []].filter(
            (value) => !branches(schema).some((branch) => hasType(branch, value)),
          );
          return fc
            .constantFrom(...values)
            .map((value) => ({ base, path: jsonPath(keys), keys, value }));
        }),
      ),
    );
    fc.assert(
      fc.property(brokenContainer, ({ base, keys, value }) => {
        const result = validateScenario(withValueAt(BASE_DOCUMENTS[base]!.doc, keys, value));
        expect(result.ok).toBe(false);
        if (!result.ok) expectOneIssueAt(result.issues, jsonPath(keys), value);
      }),
      { numRuns: 500 },
    );
  });

  it('has an invalid value for every leaf of every base document', () => {
    // Guards the generator above: a leaf with no invalid candidates would silently go untested.
    for (const { doc } of BASE_DOCUMENTS) {
      for (const keys of leafPaths(doc))
        expect(invalidValues(schemaAt(doc, keys)).length, jsonPath(keys)).toBeGreaterThan(0);
    }
  });
});

/** A value valid for one schema branch (primitives only). */
function validValue(schema: SchemaNode): fc.Arbitrary<unknown> | null {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min =
        schema.exclusiveMinimum !== undefined
          ? schema.exclusiveMinimum + 1
          : (schema.minimum ?? Number.MIN_SAFE_INTEGER);
      const max =
        schema.exclusiveMaximum !== undefined
          ? schema.exclusiveMaximum - 1
          : (schema.maximum ?? Number.MAX_SAFE_INTEGER);
      return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
    }
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
        ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
        ...(schema.exclusiveMinimum !== undefined
          ? { min: schema.exclusiveMinimum, minExcluded: true }
          : {}),
        ...(schema.exclusiveMaximum !== undefined
          ? { max: schema.exclusiveMaximum, maxExcluded: true }
          : {}),
      });
    case 'string':
      return schema.pattern !== undefined
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({
            minLength: schema.minLength ?? 0,
            ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
          });
    default:
      return null;
  }
}

interface Edit {
  readonly keys: readonly PathKey[];
  readonly value: unknown;
}

/**
 * Where fields are tied by a cross-field rule, the valid variations are made together: a
 * uniform pair stays ordered, prompt digits stay distinct, strategies stay distinct and keep
 * every strategy with an expectation, a PIN is 4 digits when chosen from the common table, an
 * expectation's min stays at or below its max, and a greeting stays within its length and tone
 * bounds.
 */
function coupledEdits(
  doc: Json,
  keys: readonly PathKey[],
): { unit: string; edits: fc.Arbitrary<Edit[]> } | null {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const uniformAt = keys.indexOf('uniform');
  if (uniformAt >= 0) {
    const unit = keys.slice(0, uniformAt + 1);
    // Each duration field has its own bound (scenario/bounds.ts), the same for both ends.
    const max = schemaAt(doc, [...unit, 0]).maximum;
    const nonNegative = fc.double({ min: 0, max, noNaN: true });
    return {
      unit: jsonPath(unit),
      edits: fc
        .tuple(nonNegative, nonNegative)
        .map(([a, b]) => [{ keys: unit, value: [Math.min(a, b), Math.max(a, b)] }]),
    };
  }
  if (keys[0] === 'strategies') {
    const expected = Object.keys(
      (isObject(doc) && isObject(doc.expect) ? doc.expect : {}) as object,
    ).filter((id) => id !== 'all');
    return {
      unit: '$.strategies',
      edits: fc
        .shuffledSubarray([...STRATEGY_IDS], { minLength: 1 })
        .map((picked) => [{ keys: ['strategies'], value: [...new Set([...expected, ...picked])] }]),
    };
  }
  if (keys.length === 2 && keys[0] === 'service' && keys[1] === 'promptDigits') {
    const digit = fc.constantFrom(...'0123456789');
    return {
      unit: '$.service.promptDigits',
      edits: fc
        .uniqueArray(digit, { minLength: 1, maxLength: 10 })
        .map((digits) => [{ keys, value: digits.join('') }]),
    };
  }
  if (
    keys[0] === 'voicemail' &&
    keys[1] === 'pin' &&
    (keys[2] === 'length' || keys[2] === 'choice')
  ) {
    const pin = fc.oneof(
      fc.constant({ choice: 'common', length: 4 }),
      fc.record({
        choice: fc.constantFrom('uniform', 'default'),
        length: fc.integer({ min: 4, max: 10 }),
      }),
    );
    return {
      unit: '$.voicemail.pin.length+choice',
      edits: pin.map(({ choice, length }) => [
        { keys: ['voicemail', 'pin', 'choice'], value: choice },
        { keys: ['voicemail', 'pin', 'length'], value: length },
      ]),
    };
  }
  if (keys[0] === 'voicemail' && keys[1] === 'greeting') {
    const greeting = valueAt(doc, ['voicemail', 'greeting']) as Json[];
    return {
      unit: '$.voicemail.greeting',
      edits: greetingWithinBounds(greeting).map((value) => [
        { keys: ['voicemail', 'greeting'], value },
      ]),
    };
  }
  if (keys.length === 1 && keys[0] === 'trials') {
    return { unit: '$.trials', edits: trialsForAnyRun.map((value) => [{ keys, value }]) };
  }
  if (keys[0] === 'expect' && keys.length === 4) {
    const bound = keys.slice(0, 3);
    return {
      unit: jsonPath(bound),
      edits: fc
        .tuple(finite, finite)
        .map(([a, b]) => [{ keys: bound, value: { min: Math.min(a, b), max: Math.max(a, b) } }]),
    };
  }
  return null;
}

/**
 * The greeting's segments, each varied within its documented ranges and an equal share of the
 * whole greeting's bounds (scenario/greetingBounds.ts), so the greeting stays within them.
 */
function greetingWithinBounds(greeting: readonly Json[]): fc.Arbitrary<Json[]> {
  const shareMs = Math.floor((MAX_GREETING_SECONDS * 1000) / greeting.length);
  const shareTones = Math.floor(MAX_GREETING_TONES / greeting.length);
  const seconds = fc.double({ min: 0, max: shareMs / 1000, noNaN: true });
  const segments = greeting.map((segment): fc.Arbitrary<Json> => {
    if (isObject(segment) && 'speech' in segment) return seconds.map((speech) => ({ speech }));
    if (isObject(segment) && 'silence' in segment) return seconds.map((silence) => ({ silence }));
    if (!isObject(segment) || !('dtmf' in segment))
      throw new Error(`no generator for the greeting segment ${JSON.stringify(segment)}`);
    return fc
      .tuple(fc.stringMatching(/^[0-9A-D*#]{1,100}$/), fc.integer({ min: 1, max: 10_000 }))
      .chain(([dtmf, toneMs]) =>
        fc
          .integer({ min: 0, max: Math.min(10_000, Math.floor(shareMs / dtmf.length) - toneMs) })
          .chain((gapMs) => {
            const fits = Math.floor(shareMs / (dtmf.length * (toneMs + gapMs)));
            const max = Math.min(1000, Math.floor(shareTones / dtmf.length), fits);
            return fc
              .integer({ min: 1, max })
              .map((repeat): Json => ({ ...segment, dtmf, toneMs, gapMs, repeat }));
          }),
      );
  });
  return fc.tuple(...segments);
}

/**
 * The run's size is bounded across fields (scenario/runBounds.ts): trials × strategies ×
 * (attempts + 1) calls at a cost per call set by the fidelity, the greeting and app_amd's
 * analysis time. `trials` is drawn from what fits the costliest run of all, and so is drawn
 * again whenever a field the cost depends on is varied.
 */
const trialsForAnyRun = fc.integer({
  min: 1,
  max: runCost(
    loadScenario({
      trials: 1,
      fidelity: 'signal',
      attacker: { attempts: 100 },
      amd: { totalAnalysisTimeMs: 60_000 },
      voicemail: {
        beepSeconds: 60,
        // An hour and 10,000 tones: the greeting's bounds.
        greeting: [
          ...Array.from({ length: 199 }, () => ({ speech: 10 })),
          { dtmf: '1234567890'.repeat(10), toneMs: 80, gapMs: 81, repeat: 100 },
        ],
      },
    }),
  ).maxTrials,
});

const RUN_COST_UNITS = new Set([
  '$.strategies',
  '$.fidelity',
  '$.attacker.attempts',
  '$.voicemail.greeting',
  '$.voicemail.beepSeconds',
  '$.amd.totalAnalysisTimeMs',
]);

/** Every way to vary one leaf (or one coupled unit) of a document within its documented range. */
function variations(doc: Json): fc.Arbitrary<Edit[]>[] {
  const byUnit = new Map<string, fc.Arbitrary<Edit[]>>();
  for (const keys of leafPaths(doc)) {
    const coupled = coupledEdits(doc, keys);
    if (coupled) {
      byUnit.set(coupled.unit, coupled.edits);
      continue;
    }
    const options = branches(schemaAt(doc, keys))
      .map(validValue)
      .filter((arbitrary): arbitrary is fc.Arbitrary<unknown> => arbitrary !== null);
    if (options.length === 0) throw new Error(`no valid value generator for ${jsonPath(keys)}`);
    byUnit.set(
      jsonPath(keys),
      fc.oneof(...options).map((value) => [{ keys, value }]),
    );
  }
  return [...byUnit].map(([unit, edits]) =>
    RUN_COST_UNITS.has(unit)
      ? fc
          .tuple(edits, trialsForAnyRun)
          .map(([unitEdits, trials]) => [...unitEdits, { keys: ['trials'], value: trials }])
      : edits,
  );
}

describe('property: varying a valid scenario within documented ranges', () => {
  for (const { label, doc } of BASE_DOCUMENTS) {
    it(`keeps ${label} valid, and keeps every value given`, () => {
      const editLists = fc
        .array(fc.oneof(...variations(doc)), { minLength: 1, maxLength: 6 })
        .map((lists) => lists.flat());
      fc.assert(
        fc.property(editLists, (edits) => {
          const mutated = edits.reduce(
            (current, edit) => withValueAt(current, edit.keys, edit.value),
            doc,
          );
          const result = validateScenario(mutated);
          expect(result.ok, result.ok ? '' : formatIssues(result.issues)).toBe(true);
          if (!result.ok) return;
          for (const { keys } of edits)
            expect(valueAt(result.scenario, keys)).toEqual(valueAt(mutated, keys));
        }),
        { numRuns: 300 },
      );
    });
  }
});
