import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.ts';
import { crossFieldIssues } from './crossFieldRules.ts';
import { closestKey, knownKeysAt } from './knownKeys.ts';
import { describeValue, jsonPath, valueAt, type PathKey } from './jsonPath.ts';

/** One problem in a scenario: where, what was expected, what was found. */
export interface ScenarioIssue {
  /** JSONPath of the offending value, e.g. `$.voicemail.greeting[2].toneMs`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Thrown where a valid scenario is required; carries every issue. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(formatIssues(issues));
    this.name = 'ScenarioError';
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: expected ${issue.expected}, found ${issue.found}`;
}

export function formatIssues(issues: readonly ScenarioIssue[]): string {
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return `Invalid scenario (${issues.length} ${noun}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`;
}

/** Checks a parsed JSON value against the scenario format and fills in every default. */
export function validateScenario(input: unknown): ValidationResult {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issues = withoutCheckNoise(parsed.error.issues).flatMap((issue) =>
      toScenarioIssues(issue, [], input),
    );
    return { ok: false, issues: dedupe(issues) };
  }
  const crossField = crossFieldIssues(parsed.data);
  if (crossField.length > 0) return { ok: false, issues: crossField };
  return { ok: true, scenario: parsed.data };
}

/** Parses scenario JSON text; a syntax error is reported like any other issue. */
export function parseScenarioText(text: string): ValidationResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ path: '$', expected: 'valid JSON', found: `a syntax error (${message})` }],
    };
  }
  return validateScenario(input);
}

/** The scenario, or a ScenarioError listing every problem. */
export function loadScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}

function toScenarioIssues(
  issue: z.core.$ZodIssue,
  prefix: PathKey[],
  root: unknown,
): ScenarioIssue[] {
  const pathKeys = [...prefix, ...(issue.path as PathKey[])];
  const found = valueAt(root, pathKeys);
  const at = (expected: string, keys = pathKeys, value = found): ScenarioIssue => ({
    path: jsonPath(keys),
    expected,
    found: describeValue(value),
  });
  switch (issue.code) {
    case 'invalid_type':
      return [
        at(
          found === undefined
            ? `a value (${typeName(issue.expected)}; this field is required)`
            : article(typeName(issue.expected)),
        ),
      ];
    case 'too_small':
      return [at(bound(issue.origin, issue.inclusive ? '≥' : '>', issue.minimum))];
    case 'too_big': {
      const expected = bound(issue.origin, issue.inclusive ? '≤' : '<', issue.maximum);
      // A long list shows only its first items; its length is what is wrong.
      return Array.isArray(found)
        ? [{ ...at(expected), found: `a list of ${found.length} items` }]
        : [at(expected)];
    }
    case 'invalid_format':
      return [at(`a string of ${issue.message}`)];
    case 'invalid_value':
      return [at(`one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`)];
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        at(
          unknownKeyExpectation(key, pathKeys),
          [...pathKeys, key],
          (found as Record<string, unknown>)[key],
        ),
      );
    case 'invalid_union':
      return unionIssues(issue, pathKeys, root, found);
    default:
      return [at(issue.message)];
  }
}

/**
 * A union failed every branch. Report the branch the author evidently meant (the one whose
 * errors are fewest and not about unknown keys), or, when the value fits none, the choices.
 */
function unionIssues(
  issue: z.core.$ZodIssueInvalidUnion,
  pathKeys: PathKey[],
  root: unknown,
  found: unknown,
): ScenarioIssue[] {
  if (issue.discriminator !== undefined) {
    // No branch has this discriminator value, so the branches' own errors say nothing useful.
    const options = 'options' in issue && issue.options ? issue.options : [];
    const choices = options.map((v) => JSON.stringify(v)).join(', ');
    return [
      { path: jsonPath(pathKeys), expected: `one of ${choices}`, found: describeValue(found) },
    ];
  }
  const branches = issue.errors
    .map(withoutCheckNoise)
    .map((errors) => ({
      errors,
      score: errors.reduce(
        (s, e) =>
          s +
          (e.code === 'unrecognized_keys' || (e.code === 'invalid_type' && e.path.length === 0)
            ? 100
            : 1),
        0,
      ),
    }))
    .sort((a, b) => a.score - b.score);
  const best = branches[0];
  // A tie (e.g. `{}` as a greeting segment) means no branch is evidently meant: list the choices.
  const tied = branches.length > 1 && branches[1]!.score === best?.score;
  if (best && best.score < 100 && best.errors.length > 0 && !tied) {
    return best.errors.flatMap((e) => toScenarioIssues(e, pathKeys, root));
  }
  return [
    {
      path: jsonPath(pathKeys),
      expected: unionExpectation(pathKeys, found),
      found: describeValue(found),
    },
  ];
}

function unionExpectation(pathKeys: PathKey[], found: unknown): string {
  const last = pathKeys[pathKeys.length - 1];
  if (
    pathKeys[pathKeys.length - 2] === 'greeting' ||
    (typeof last === 'number' && pathKeys.includes('greeting'))
  ) {
    return 'a greeting segment: { "speech": seconds }, { "silence": seconds }, { "dtmf": "keys", "toneMs", "gapMs", "repeat" } or { "audio": "file.wav" }';
  }
  if (last === 'code')
    return 'a code policy: { "kind": "ttl", "digits", "ttlSeconds" } or { "kind": "totp", "digits", "periodSeconds", "window", "algorithm" }';
  if (typeof found === 'object' && found !== null && 'kind' in found)
    return '"kind": "ttl" or "totp"';
  return 'a duration in seconds: a number ≥ 0, { "uniform": [low, high] } or { "lognormal": { "median": m, "sigma": s } }';
}

function unknownKeyExpectation(key: string, objectPath: PathKey[]): string {
  const known = knownKeysAt(objectPath);
  if (!known) return `no property "${key}" (unknown here; check its spelling)`;
  const suggestion = closestKey(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
  return `no property "${key}" (${hint}allowed here: ${known.join(', ')})`;
}

function bound(origin: string, op: string, limit: unknown): string {
  const n = String(limit);
  if (origin === 'array') return `a list with ${op} ${n} items`;
  if (origin === 'string') return `a string with ${op} ${n} characters`;
  return `a number ${op} ${n}`;
}

/** zod's type names in the words the rest of the messages use. */
function typeName(type: string): string {
  if (type === 'int') return 'integer';
  if (type === 'array') return 'list';
  return type;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * zod keeps running a field's checks after its type is wrong (`z.string().min(1)` given `[]` also
 * reports "array too small"). Only the type error says what is wrong, so drop the rest at that path.
 */
function withoutCheckNoise(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const wrongType = new Set(
    issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path)),
  );
  return issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(JSON.stringify(i.path)));
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = formatIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
