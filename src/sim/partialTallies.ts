import { validateScenario, type Scenario, type StrategyId } from '../scenario/index.ts';
import type { ScenarioIssue } from '../scenario/index.ts';
import type { PathKey } from '../scenario/jsonPath.ts';
import { RunTotals, type TrialRange } from './runPlan.ts';
import type { StrategyTallyData } from './strategyTally.ts';
import { IssueCollector, tallyDataIssues } from './tallyDataIssues.ts';

/** The `format` of every partial-tallies file: what `run --out` and `sweep --out` write. */
export const PARTIAL_TALLIES_FORMAT = 'voice-otp-lab/partial-tallies';

/**
 * The version of the format this code writes and reads; a file of another version is refused.
 * Raise it with any change a reader of version 1 would misread.
 */
export const PARTIAL_TALLIES_VERSION = 1;

/** One of `count` parts of a run, numbered from 1: `--shard index/count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Where a sweep point sits: the value of each field varied, by its path
 * (`{ "service.gatherTimeoutSeconds": 5 }`); `{}` for a `run`, which varies nothing and so has
 * one point.
 */
export type PointKey = Readonly<Record<string, number>>;

/** One point's tallies, one per strategy, in the scenario's strategy order. */
export interface PointTallies {
  readonly point: PointKey;
  readonly tallies: Readonly<Record<StrategyId, StrategyTallyData>>;
}

/**
 * A partial-tallies file (format version 1): one shard's integer tallies keyed by (point,
 * strategy), and everything `merge` needs to check that the parts belong together and to print
 * what a single run prints. Written as JSON by `run --shard i/n --out FILE` (and `sweep`'s, whose
 * `plan` is sweepPart.ts's SweepPartPlan); `--out` alone writes the whole run as shard 1/1.
 *
 * - `format`, `formatVersion`: PARTIAL_TALLIES_FORMAT and PARTIAL_TALLIES_VERSION.
 * - `tool`: `{ name, version }` of the package that ran the trials (package.json); parts of one
 *   merge must come from one version.
 * - `command`: what wrote it and how `merge` prints it: `"run"` (or `"sweep"`).
 * - `plan`: what the command needs beyond the scenario, as JSON (`run`: null; `sweep`: its
 *   dimensions and frontier objectives, sweepPart.ts SweepPartPlan); equal in every part.
 * - `scenarioHash`: `sha256:<hex>` of the canonical JSON (canonicalJson) of `scenario`.
 * - `inputsHash`: `sha256:<hex>` of what else the trials read: the flows' TwiML documents and the
 *   greeting's recordings; parts run on machines whose files differ do not merge.
 * - `scenario`: the scenario as run, command-line overrides applied and defaults filled in.
 * - `seed`, `trials`: the scenario's, repeated for a reader.
 * - `shard`: `{ index, count }`, index from 1 to count, count at most `trials`.
 * - `trialRange`: `{ fromTrial, toTrial }`, the trial indices this shard ran for every point and
 *   strategy: shardTrialRange(trials, shard).
 * - `points`: the tallies by point, then by strategy (PointTallies; StrategyTally.toJSON's data),
 *   the same points in the same order in every part.
 * - `checksum`: `sha256:<hex>` of the canonical JSON of every other field: a file edited after it
 *   was written is refused.
 */
export interface PartialTallies {
  readonly format: typeof PARTIAL_TALLIES_FORMAT;
  readonly formatVersion: typeof PARTIAL_TALLIES_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly command: string;
  readonly plan: unknown;
  readonly scenarioHash: string;
  readonly inputsHash: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly trials: number;
  readonly shard: Shard;
  readonly trialRange: TrialRange;
  readonly points: readonly PointTallies[];
  readonly checksum: string;
}

/** The properties of a file, in the order they are written. */
const FILE_KEYS = [
  'format',
  'formatVersion',
  'tool',
  'command',
  'plan',
  'scenarioHash',
  'inputsHash',
  'scenario',
  'seed',
  'trials',
  'shard',
  'trialRange',
  'points',
  'checksum',
] as const satisfies readonly (keyof PartialTallies)[];

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex: node:crypto in the CLI. */
export type Sha256 = (text: string) => string;

/**
 * The trial indices shard `index` of `count` runs, for each point and strategy: the run's
 * indices 0 … trials − 1 cut into `count` consecutive ranges whose sizes differ by at most one,
 * [⌊(index − 1)·trials/count⌋, ⌊index·trials/count⌋). Together the shards cover each index once.
 */
export function shardTrialRange(trials: number, shard: Shard): TrialRange {
  return {
    fromTrial: Math.floor(((shard.index - 1) * trials) / shard.count),
    toTrial: Math.floor((shard.index * trials) / shard.count),
  };
}

/** What is wrong with a shard: which of its two numbers, what it should be. */
export interface ShardProblem {
  readonly field: keyof Shard;
  readonly expected: string;
}

/**
 * What is wrong with cutting a run of `trials` trials into `shard.count` shards and running
 * `shard.index`, or null: the index runs from 1 to the count, and every shard must run at least
 * one trial, so the count is at most the trials.
 */
export function shardProblem(shard: Shard, trials: number): ShardProblem | null {
  if (shard.index < 1 || shard.index > shard.count) {
    return { field: 'index', expected: `a shard index from 1 to the count, ${shard.count}` };
  }
  if (shard.count > trials) {
    return {
      field: 'count',
      expected: `at most ${trials} shards, the run's trials (each shard runs at least one trial)`,
    };
  }
  return null;
}

/**
 * JSON with every object's keys in code-point order and no spaces: equal values, however their
 * keys were ordered or spaced, give equal text (what the hashes are taken of). Keys whose value
 * is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the value's canonical JSON. */
export function hashOf(value: unknown, sha256: Sha256): string {
  return `sha256:${sha256(canonicalJson(value))}`;
}

/** A file's content before its hashes: what the writing command knows. */
export type UnsealedPartialTallies = Omit<
  PartialTallies,
  'format' | 'formatVersion' | 'scenarioHash' | 'checksum'
>;

/** The file to write: the content with its format, scenario hash and checksum. */
export function sealPartialTallies(
  content: UnsealedPartialTallies,
  sha256: Sha256,
): PartialTallies {
  const body = {
    format: PARTIAL_TALLIES_FORMAT,
    formatVersion: PARTIAL_TALLIES_VERSION,
    tool: content.tool,
    command: content.command,
    plan: content.plan,
    scenarioHash: hashOf(content.scenario, sha256),
    inputsHash: content.inputsHash,
    scenario: content.scenario,
    seed: content.seed,
    trials: content.trials,
    shard: content.shard,
    trialRange: content.trialRange,
    points: content.points,
  } as const;
  return { ...body, checksum: hashOf(body, sha256) };
}

/** `"bins": ` and a list of lists of integers, as JSON.stringify indents it. */
const INDENTED_BINS = /"bins": (\[[\s\d,\-[\]]*\])/g;

/**
 * The file's text: JSON indented by two spaces, but each median sketch's bins on one line (a
 * sketch may hold a thousand [bin, count] pairs, and a line for each number would make the file
 * seven times larger), and a final newline. The values are those of JSON.stringify.
 */
export function partialTalliesJson(file: PartialTallies): string {
  const text = JSON.stringify(file, null, 2).replace(
    INDENTED_BINS,
    (_, bins: string) => `"bins": ${JSON.stringify(JSON.parse(bins))}`,
  );
  return `${text}\n`;
}

/**
 * Every problem with a value read from a partial-tallies file, at its JSON path; empty when it is
 * a PartialTallies a merge can use. Checked in this order, each step only when the ones before
 * found nothing: the format and its version; the shape of every field; the scenario (valid, as
 * `scenarioHash` says, with the `seed` and `trials` written beside it); the shard and its trial
 * range; the points and their tallies, each count consistent with the shard's trials
 * (tallyDataIssues); last the checksum, which catches an edit the other checks cannot see.
 */
export function partialTalliesIssues(value: unknown, sha256: Sha256): ScenarioIssue[] {
  const check = new IssueCollector();
  const file = check.object(value, [], `an object written by "run --out" or "sweep --out"`);
  if (!file) return check.issues;
  if (file.format !== PARTIAL_TALLIES_FORMAT) {
    check.add(
      ['format'],
      `"${PARTIAL_TALLIES_FORMAT}" (a file "run --out" or "sweep --out" writes)`,
      file.format,
    );
    return check.issues;
  }
  if (file.formatVersion !== PARTIAL_TALLIES_VERSION) {
    check.add(
      ['formatVersion'],
      `${PARTIAL_TALLIES_VERSION} (the version of the format this voice-otp-lab reads)`,
      file.formatVersion,
    );
    return check.issues;
  }
  if (!check.exactKeys(file, FILE_KEYS, [])) return check.issues;
  const steps = [fieldShapes, scenarioAgreement, shardAgreement, pointTallies, checksumAgreement];
  for (const step of steps) {
    step(check, file, sha256);
    if (check.issues.length > 0) break;
  }
  return check.issues;
}

type FileCheck = (check: IssueCollector, file: Record<string, unknown>, sha256: Sha256) => void;

const HASH = /^sha256:[0-9a-f]{64}$/;

const fieldShapes: FileCheck = (check, file) => {
  const tool = check.object(file.tool, ['tool'], 'an object { name, version }');
  if (tool && check.exactKeys(tool, ['name', 'version'], ['tool'])) {
    for (const key of ['name', 'version']) {
      if (typeof tool[key] !== 'string') check.add(['tool', key], 'a string', tool[key]);
    }
  }
  if (typeof file.command !== 'string') check.add(['command'], 'a string', file.command);
  for (const key of ['scenarioHash', 'inputsHash', 'checksum']) {
    const hash = file[key];
    if (typeof hash !== 'string' || !HASH.test(hash)) {
      check.add([key], 'a string "sha256:" and 64 lowercase hex digits', hash);
    }
  }
  check.object(file.scenario, ['scenario'], 'the scenario object');
  check.integer(file.seed, ['seed']);
  check.integer(file.trials, ['trials'], 1);
  const shard = check.object(file.shard, ['shard'], 'an object { index, count }');
  if (shard && check.exactKeys(shard, ['index', 'count'], ['shard'])) {
    check.integer(shard.index, ['shard', 'index'], 1);
    check.integer(shard.count, ['shard', 'count'], 1);
  }
  const range = check.object(file.trialRange, ['trialRange'], 'an object { fromTrial, toTrial }');
  if (range && check.exactKeys(range, ['fromTrial', 'toTrial'], ['trialRange'])) {
    check.integer(range.fromTrial, ['trialRange', 'fromTrial']);
    check.integer(range.toTrial, ['trialRange', 'toTrial']);
  }
  if (!Array.isArray(file.points) || file.points.length === 0) {
    check.add(['points'], 'a non-empty list of { point, tallies }', file.points);
  }
};

const scenarioAgreement: FileCheck = (check, file, sha256) => {
  const result = validateScenario(file.scenario);
  if (!result.ok) {
    for (const issue of result.issues) {
      check.issues.push({ ...issue, path: issue.path.replace(/^\$/, '$.scenario') });
    }
    return;
  }
  const expected = hashOf(file.scenario, sha256);
  if (file.scenarioHash !== expected) {
    check.addText(
      ['scenarioHash'],
      `${expected}, the hash of $.scenario`,
      `${file.scenarioHash as string}`,
    );
  }
  for (const key of ['seed', 'trials'] as const) {
    if (file[key] !== result.scenario[key]) {
      check.add([key], `${result.scenario[key]}, as in $.scenario.${key}`, file[key]);
    }
  }
};

const shardAgreement: FileCheck = (check, file) => {
  const shard = file.shard as Shard;
  const trials = file.trials as number;
  const problem = shardProblem(shard, trials);
  if (problem) {
    check.add(['shard', problem.field], problem.expected, shard[problem.field]);
    return;
  }
  const expected = shardTrialRange(trials, shard);
  const found = file.trialRange as TrialRange;
  if (found.fromTrial !== expected.fromTrial || found.toTrial !== expected.toTrial) {
    check.add(
      ['trialRange'],
      `{"fromTrial":${expected.fromTrial},"toTrial":${expected.toTrial}} for shard ${shard.index}/${shard.count} of ${trials} trials`,
      found,
    );
  }
};

const pointTallies: FileCheck = (check, file) => {
  const strategies = (file.scenario as Scenario).strategies;
  const { fromTrial, toTrial } = file.trialRange as TrialRange;
  const seen = new Set<string>();
  for (const [i, entry] of (file.points as unknown[]).entries()) {
    const keys: PathKey[] = ['points', i];
    const record = check.object(entry, keys, 'an object { point, tallies }');
    if (!record || !check.exactKeys(record, ['point', 'tallies'], keys)) continue;
    const point = pointKeyIssues(check, record.point, [...keys, 'point']);
    if (point !== null) {
      if (seen.has(point)) check.add([...keys, 'point'], 'a point not listed before', record.point);
      seen.add(point);
    }
    const tallies = check.object(record.tallies, [...keys, 'tallies'], 'tallies by strategy');
    if (!tallies || !strategiesInOrder(check, tallies, strategies, [...keys, 'tallies'])) continue;
    for (const strategy of strategies) {
      const at = [...keys, 'tallies', strategy];
      check.issues.push(...tallyDataIssues(tallies[strategy], toTrial - fromTrial, at));
    }
  }
};

/** The point's canonical JSON if it is an object of finite numbers, else a problem and null. */
function pointKeyIssues(check: IssueCollector, value: unknown, keys: PathKey[]): string | null {
  const point = check.object(value, keys, 'an object of field paths and numbers ({} for a run)');
  if (!point) return null;
  const before = check.issues.length;
  for (const [path, n] of Object.entries(point)) {
    if (typeof n !== 'number' || !Number.isFinite(n)) check.add([...keys, path], 'a number', n);
  }
  return check.issues.length === before ? canonicalJson(point) : null;
}

/** True if `tallies` has one entry per strategy of the scenario, in its order; else problems. */
function strategiesInOrder(
  check: IssueCollector,
  tallies: Record<string, unknown>,
  strategies: readonly StrategyId[],
  keys: PathKey[],
): boolean {
  if (!check.exactKeys(tallies, strategies, keys)) return false;
  const order = Object.keys(tallies);
  if (order.join(',') === strategies.join(',')) return true;
  check.addText(
    keys,
    `the strategies in the scenario's order (${strategies.join(', ')})`,
    `them in the order ${order.join(', ')}`,
  );
  return false;
}

const checksumAgreement: FileCheck = (check, file, sha256) => {
  const { checksum, ...body } = file;
  const expected = hashOf(body, sha256);
  if (checksum !== expected) {
    check.addText(
      ['checksum'],
      `${expected}, the checksum of the rest of the file`,
      `${checksum as string}: the file was changed after it was written`,
    );
  }
};

/** A part read from a file, with the file's name for messages. */
export interface NamedPart {
  readonly file: string;
  readonly part: PartialTallies;
}

/** The parts added up: one RunTotals per point, in the parts' point order; `scenario` is the files'. */
export interface MergedTallies {
  readonly scenario: Scenario;
  readonly command: string;
  readonly plan: unknown;
  readonly points: readonly { readonly point: PointKey; readonly totals: RunTotals }[];
}

/** A merge's result: the totals, or every reason the parts do not make one run. */
export type MergeOutcome =
  | { readonly ok: true; readonly merged: MergedTallies }
  | { readonly ok: false; readonly problems: readonly string[] };

/** What every part of one run must share, by the JSON path that holds it. */
const SHARED: readonly { path: string; of: (p: PartialTallies) => unknown }[] = [
  { path: '$.tool.version', of: (p) => p.tool.version },
  { path: '$.command', of: (p) => p.command },
  { path: '$.plan', of: (p) => canonicalJson(p.plan) },
  { path: '$.scenarioHash', of: (p) => p.scenarioHash },
  { path: '$.inputsHash', of: (p) => p.inputsHash },
  { path: '$.seed', of: (p) => p.seed },
  { path: '$.trials', of: (p) => p.trials },
  { path: '$.shard.count', of: (p) => p.shard.count },
  { path: '$.points', of: (p) => canonicalJson(p.points.map((entry) => entry.point)) },
];

/**
 * Adds up parts that each passed partialTalliesIssues, after checking that they are the shards of
 * one run: every part agrees with the first on SHARED (tool version, command, plan, scenario and
 * inputs hashes, seed, trials, shard count, points), and each shard from 1 to the count is there
 * exactly once. Each problem names its file(s) and JSON path. Tallies add by integer addition,
 * so the totals are those a single run keeps, bit for bit. Each point's totals summarise with
 * `scenarioAt(scenario, point)`: the file's scenario for a run; a sweep passes the scenario with
 * the point's values applied, which its compromise figures depend on.
 */
export function mergePartialTallies(
  parts: readonly NamedPart[],
  scenarioAt: (scenario: Scenario, point: PointKey) => Scenario = (scenario) => scenario,
): MergeOutcome {
  const first = parts[0];
  if (!first) return { ok: false, problems: ['no parts to merge'] };
  const problems: string[] = [];
  for (const { file, part } of parts.slice(1)) {
    for (const { path, of } of SHARED) {
      if (of(part) !== of(first.part)) {
        problems.push(`${file}: ${path} differs from ${first.file}'s: ${sharedDifference(path)}`);
      }
    }
  }
  if (problems.length === 0) problems.push(...shardProblems(parts));
  if (problems.length > 0) return { ok: false, problems };
  const { scenario } = first.part;
  const points = first.part.points.map(({ point }) => ({
    point,
    totals: new RunTotals(scenarioAt(scenario, point)),
  }));
  for (const { part } of parts) {
    for (const [i, { tallies }] of part.points.entries()) {
      for (const strategy of scenario.strategies) {
        points[i]!.totals.add({ strategy, ...part.trialRange }, tallies[strategy]!);
      }
    }
  }
  return {
    ok: true,
    merged: { scenario, command: first.part.command, plan: first.part.plan, points },
  };
}

/** Why parts that differ at `path` cannot be merged. */
function sharedDifference(path: string): string {
  switch (path) {
    case '$.tool.version':
      return 'the parts were run by different versions of voice-otp-lab';
    case '$.scenarioHash':
      return 'the parts ran different scenarios (or one with different command-line options)';
    case '$.inputsHash':
      return "the parts read different flow documents or greeting recordings (the scenario's files differ between the machines)";
    case '$.command':
      return "the parts were written by different commands (a run's and a sweep's parts do not mix)";
    case '$.plan':
      return 'the parts come from different sweeps (their --vary, --objective or --usability differ)';
    case '$.shard.count':
      return 'the parts split the run into different numbers of shards';
    default:
      return 'the parts come from different runs';
  }
}

/** Each shard 1 … count once: the duplicates and the missing. */
function shardProblems(parts: readonly NamedPart[]): string[] {
  const problems: string[] = [];
  const count = parts[0]!.part.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, part } of parts) {
    const earlier = byIndex.get(part.shard.index);
    if (earlier !== undefined) {
      problems.push(
        `${file}: $.shard.index: shard ${part.shard.index}/${count} is given twice (also in ${earlier})`,
      );
    } else {
      byIndex.set(part.shard.index, file);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((i) => `${i}/${count}`);
    const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
    const given = [...byIndex].sort(([a], [b]) => a - b).slice(0, 10);
    const givenText = given.map(([i, file]) => `${i}/${count} (${file})`).join(', ');
    problems.push(
      `shard${missing.length === 1 ? '' : 's'} ${shown.join(', ')}${more} missing; given: ` +
        `${givenText}${byIndex.size > given.length ? ` and ${byIndex.size - given.length} more` : ''}`,
    );
  }
  return problems;
}
