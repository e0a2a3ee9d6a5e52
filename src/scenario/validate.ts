import { parseTwiml } from '../twiml/index.ts';
import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.ts';
import { crossFieldIssues } from './crossFieldRules.ts';
import { IssueList, formatIssues, type ScenarioIssue } from './issueList.ts';
import { closestKey, knownKeysAt } from './knownKeys.ts';
import { describeValue, jsonPath, shortKey, valueAt, type PathKey } from './jsonPath.ts';
import { parseStrictJson } from './strictJson.ts';
import { decodeUtf8 } from './utf8.ts';
import { inlineDocumentIssues, type TwimlParser } from './flowDocuments.ts';
import { FLOW_PROPERTY_NAMES } from './flowSchema.ts';
import { strategyNamesIn, strategyReferenceIssues } from './flowRules.ts';

export { formatIssue, formatIssues, MAX_LISTED_ISSUES, type ScenarioIssue } from './issueList.ts';

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | {
      readonly ok: false;
      /** The problems, at most MAX_LISTED_ISSUES of them. */
      readonly issues: readonly ScenarioIssue[];
      /** How many more problems were found and not listed (absent when none were). */
      readonly moreIssues?: number;
    };

/** How to validate. */
export interface ValidateOptions {
  /**
   * Parses the flows' inline TwiML documents, whose problems are then reported at
   * `$.flows.<id>.twiml`; src/twiml's `parseTwiml` unless a test passes another.
   */
  readonly twimlParser?: TwimlParser;
}

/** Thrown where a valid scenario is required; carries the issues (and how many more there are). */
export class ScenarioError extends Error {
  constructor(
    readonly issues: readonly ScenarioIssue[],
    readonly moreIssues = 0,
  ) {
    super(formatIssues(issues, moreIssues));
    this.name = 'ScenarioError';
  }
}

/** Checks a parsed JSON value against the scenario format and fills in every default. */
export function validateScenario(input: unknown, options: ValidateOptions = {}): ValidationResult {
  return checkValue(input, new IssueList(), false, options);
}

/**
 * Parses scenario JSON text strictly (src/scenario/strictJson.ts: a byte order mark, duplicate
 * names, numbers past a double's range and nesting past 64 levels are refused, a syntax error is
 * given by line and column) and validates it; every problem is reported like any other issue,
 * at its JSON path.
 */
export function parseScenarioText(text: string, options: ValidateOptions = {}): ValidationResult {
  const parsed = parseStrictJson(text);
  if (parsed.stop) return { ok: false, issues: [parsed.stop.issue] };
  return checkValue(parsed.value, parsed.problems, parsed.nonFiniteNumbers, options);
}

/**
 * Decodes a scenario file's bytes as UTF-8 (RFC 3629; anything else, or a byte order mark, is
 * refused with where it is) and parses the text with parseScenarioText. What the command line
 * reads from a file.
 */
export function parseScenarioBytes(
  bytes: Uint8Array,
  options: ValidateOptions = {},
): ValidationResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  return parseScenarioText(decoded.text, options);
}

/** The scenario, or a ScenarioError listing every problem. */
export function loadScenario(input: unknown, options: ValidateOptions = {}): Scenario {
  const result = validateScenario(input, options);
  if (!result.ok) throw new ScenarioError(result.issues, result.moreIssues);
  return result.scenario;
}

/**
 * Validates `input` with the zod schema, then the rules across fields, adding to `issues` (which
 * may already hold what reading the text found). `nonFiniteReported`: reading the text already
 * reported every ±Infinity in `input` (a number past a double's range), so zod's complaint about
 * the same value is not repeated. With `options.twimlParser`, a valid scenario's inline TwiML
 * documents are parsed too.
 */
function checkValue(
  input: unknown,
  issues: IssueList,
  nonFiniteReported: boolean,
  options: ValidateOptions,
): ValidationResult {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of withoutCheckNoise(parsed.error.issues)) {
      addScenarioIssues(issue, [], input, issues, nonFiniteReported);
    }
    // The one rule across fields that does not wait for the rest: a strategy that does not exist
    // is as plain a mistake as a value of the wrong type.
    const names = strategyNamesIn(input);
    if (names) strategyReferenceIssues(names, (build) => issues.add(build));
  } else {
    for (const issue of crossFieldIssues(parsed.data)) issues.add(() => issue);
    const parser = options.twimlParser ?? parseTwiml;
    for (const issue of inlineDocumentIssues(parsed.data.flows, parser)) issues.add(() => issue);
  }
  if (issues.size > 0 || !parsed.success) return failure(issues);
  return { ok: true, scenario: parsed.data };
}

function failure(issues: IssueList): ValidationResult {
  return issues.more > 0
    ? { ok: false, issues: issues.listed, moreIssues: issues.more }
    : { ok: false, issues: issues.listed };
}

/**
 * Adds zod's issue in the format's own words, at its JSON path. Nothing is written for a problem
 * that will not be listed (IssueList), so a million unknown keys cost a count, not a million
 * messages.
 */
function addScenarioIssues(
  issue: z.core.$ZodIssue,
  prefix: PathKey[],
  root: unknown,
  issues: IssueList,
  nonFiniteReported: boolean,
): void {
  const pathKeys = [...prefix, ...(issue.path as PathKey[])];
  const found = valueAt(root, pathKeys);
  if (nonFiniteReported && typeof found === 'number' && !Number.isFinite(found)) return;
  const at = (expected: () => string, keys = pathKeys, value = found): void =>
    issues.add(() => ({ path: jsonPath(keys), expected: expected(), found: describeValue(value) }));
  switch (issue.code) {
    case 'invalid_type':
      return at(() =>
        found === undefined
          ? `a value (${typeName(issue.expected)}; this field is required)`
          : typeof found === 'number' && !Number.isFinite(found) && issue.expected === 'number'
            ? `a finite ${typeName(issue.expected)}`
            : article(typeName(issue.expected)),
      );
    case 'too_small':
      return at(() => bound(issue.origin, issue.inclusive ? '≥' : '>', issue.minimum));
    case 'too_big': {
      const expected = () => bound(issue.origin, issue.inclusive ? '≤' : '<', issue.maximum);
      // A long list shows only its first items; its length is what is wrong.
      if (Array.isArray(found)) {
        return issues.add(() => ({
          path: jsonPath(pathKeys),
          expected: expected(),
          found: `a list of ${found.length} items`,
        }));
      }
      return at(expected);
    }
    case 'invalid_format':
      return at(() => `a string of ${issue.message}`);
    case 'invalid_value':
      return at(() => `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'unrecognized_keys': {
      let known: string[] | null | undefined;
      for (let i = 0; i < issue.keys.length; i++) {
        if (issues.full) {
          issues.count(issue.keys.length - i);
          return;
        }
        const key = issue.keys[i]!;
        at(
          () =>
            unknownKeyExpectation(
              key,
              (known ??= isFlowPath(pathKeys) ? [...FLOW_PROPERTY_NAMES] : knownKeysAt(pathKeys)),
              pathKeys,
            ),
          [...pathKeys, key],
          (found as Record<string, unknown>)[key],
        );
      }
      return;
    }
    case 'invalid_union':
      return unionIssues(issue, pathKeys, root, found, issues, nonFiniteReported);
    case 'invalid_key':
      // A property name the record does not take (a flow id, an `expect` key): the messages of
      // the name's own checks are the expectation.
      return issues.add(() => ({
        path: jsonPath(pathKeys),
        expected: issue.issues.map((i) => i.message).join('; '),
        found: `the name ${JSON.stringify(shortKey(String(pathKeys[pathKeys.length - 1])))}`,
      }));
    case 'custom': {
      // A check of the format's own (schema.ts) may say what it found, e.g. a length.
      const shown = (issue.params as { found?: unknown } | undefined)?.found;
      if (typeof shown !== 'string') return at(() => issue.message);
      return issues.add(() => ({
        path: jsonPath(pathKeys),
        expected: issue.message,
        found: shown,
      }));
    }
    default:
      return at(() => issue.message);
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
  issues: IssueList,
  nonFiniteReported: boolean,
): void {
  if (issue.discriminator !== undefined) {
    // No branch has this discriminator value, so the branches' own errors say nothing useful.
    const options = 'options' in issue && issue.options ? issue.options : [];
    issues.add(() => ({
      path: jsonPath(pathKeys),
      expected: `one of ${options.map((v) => JSON.stringify(v)).join(', ')}`,
      found: describeValue(found),
    }));
    return;
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
    for (const e of best.errors) addScenarioIssues(e, pathKeys, root, issues, nonFiniteReported);
    return;
  }
  issues.add(() => ({
    path: jsonPath(pathKeys),
    expected: unionExpectation(pathKeys, found),
    found: describeValue(found),
  }));
}

function unionExpectation(pathKeys: PathKey[], found: unknown): string {
  const last = pathKeys[pathKeys.length - 1];
  if (isFlowPath(pathKeys)) {
    const object = typeof found === 'object' && found !== null ? found : {};
    return 'twiml' in object && 'url' in object
      ? 'a flow with "twiml" or "url", not both (documents, or a webhook that answers with them)'
      : 'a flow: { "twiml": a TwiML document or the path of a .xml file } or { "url": "https://…", "method" }, with the Calls API options';
  }
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

/** `$.flows.<id>`: one flow, where "twiml" and "url" choose between two sets of properties. */
function isFlowPath(pathKeys: readonly PathKey[]): boolean {
  return pathKeys.length === 2 && pathKeys[0] === 'flows';
}

function unknownKeyExpectation(
  key: string,
  known: readonly string[] | null,
  pathKeys: readonly PathKey[],
): string {
  if (isFlowPath(pathKeys) && key === 'method')
    return 'no property "method" in a "twiml" flow (only a "url" flow is requested with a method; a document\'s own requests use its verbs\' "method")';
  if (pathKeys[0] === 'expectWorstCase' && pathKeys.length === 3 && key === 'min')
    return 'no property "min" (a worst case takes only "max": the search finds the greeting that does best, so it can show a rate gets too high, never that it stays high enough)';
  const shown = shortKey(key);
  if (!known) return `no property "${shown}" (unknown here; check its spelling)`;
  const suggestion = closestKey(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
  return `no property "${shown}" (${hint}allowed here: ${known.join(', ')})`;
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
