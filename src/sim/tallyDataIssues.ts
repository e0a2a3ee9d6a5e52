import { MEDIAN_BIN_MS } from '../stats/index.ts';
import { describeValue, jsonPath, type PathKey } from '../scenario/jsonPath.ts';
import type { ScenarioIssue } from '../scenario/index.ts';
import type { StrategyTallyData } from './strategyTally.ts';

/** The counters of a StrategyTallyData and the kind of each. */
const TALLY_COUNTERS = {
  interception: 'proportion',
  leak: 'proportion',
  campaign: 'proportion',
  legitSuccess: 'proportion',
  abandon: 'proportion',
  legitTimeToCode: 'median',
  legitCallMs: 'mean',
  attackCallsPlaced: 'mean',
  applicationError: 'proportion',
} as const satisfies Record<keyof StrategyTallyData, 'proportion' | 'mean' | 'median'>;

type CounterKind = (typeof TALLY_COUNTERS)[keyof typeof TALLY_COUNTERS];

/** The properties each kind of counter's toJSON writes, in its order. */
const COUNTER_KEYS: Record<CounterKind, readonly string[]> = {
  proportion: ['successes', 'n'],
  mean: ['count', 'sum'],
  median: ['binMs', 'bins'],
};

/** Collects problems at JSON paths below a root path. */
export class IssueCollector {
  readonly issues: ScenarioIssue[] = [];

  add(keys: readonly PathKey[], expected: string, found: unknown): void {
    this.addText(keys, expected, describeValue(found));
  }

  /** A problem whose `found` is already words, not a value to describe. */
  addText(keys: readonly PathKey[], expected: string, found: string): void {
    this.issues.push({ path: jsonPath(keys), expected, found });
  }

  /** The value as a plain object, or a problem and null. */
  object(value: unknown, keys: readonly PathKey[], what: string): Record<string, unknown> | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    this.add(keys, what, value);
    return null;
  }

  /**
   * Problems for each of `names` missing from `record` and each property not among them; true
   * when it has exactly those properties.
   */
  exactKeys(record: Record<string, unknown>, names: readonly string[], keys: readonly PathKey[]) {
    const before = this.issues.length;
    for (const name of names) {
      if (!Object.hasOwn(record, name)) this.add([...keys, name], 'a value (required)', undefined);
    }
    for (const name of Object.keys(record)) {
      if (!names.includes(name)) {
        this.add(
          [...keys, name],
          `no property "${name}" (one of ${names.join(', ')})`,
          record[name],
        );
      }
    }
    return this.issues.length === before;
  }

  /** The value if it is a safe integer ≥ `min`, else a problem and null. */
  integer(value: unknown, keys: readonly PathKey[], min = 0): number | null {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
    const range = min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer ≥ ${min}`;
    this.add(keys, range, value);
    return null;
  }
}

/**
 * Problems with a StrategyTallyData read from a file, at JSON paths below `keys`: its shape as
 * StrategyTally.toJSON writes it (median bins strictly increasing, each count ≥ 1), then the
 * counts StrategyTally.addAttack and addLegit keep equal, for `trials` attack and `trials` legit
 * trials: every proportion and mean of the attack side and of the legit side counts `trials`, the
 * time-to-code sketch holds one value per legit success, and application errors are counted over
 * every call (the attack calls placed plus one legit call a trial); last, no proportion has more
 * successes than trials. A count changed by hand breaks one of these, or else the file's
 * checksum; empty when the data could have come from `trials` trials (`trials` ≥ 1).
 */
export function tallyDataIssues(data: unknown, trials: number, keys: readonly PathKey[]) {
  const check = new IssueCollector();
  const tally = check.object(data, keys, 'a strategy tally object');
  if (!tally || !check.exactKeys(tally, Object.keys(TALLY_COUNTERS), keys)) return check.issues;
  const counts = new Map<string, { first: number; second: number }>();
  for (const [name, kind] of Object.entries(TALLY_COUNTERS)) {
    const pair = counterPair(check, tally[name], kind, [...keys, name]);
    if (pair) counts.set(name, pair);
  }
  if (check.issues.length > 0) return check.issues;
  const at = (name: keyof StrategyTallyData, field: 0 | 1) => ({
    keys: [...keys, name, COUNTER_KEYS[TALLY_COUNTERS[name]][field]!],
    value: field === 0 ? counts.get(name)!.first : counts.get(name)!.second,
  });
  const expectEqual = (
    where: { keys: PathKey[]; value: number },
    value: number,
    why: string,
  ): void => {
    if (where.value !== value) check.add(where.keys, `${value} (${why})`, where.value);
  };
  for (const name of ['interception', 'leak', 'campaign', 'legitSuccess', 'abandon'] as const) {
    expectEqual(at(name, 1), trials, 'one per trial of the shard');
  }
  for (const name of ['legitCallMs', 'attackCallsPlaced'] as const) {
    expectEqual(at(name, 0), trials, 'one per trial of the shard');
  }
  const legitSuccesses = at('legitSuccess', 0).value;
  const timesToCode = counts.get('legitTimeToCode')!.second;
  if (timesToCode !== legitSuccesses) {
    check.addText(
      [...keys, 'legitTimeToCode', 'bins'],
      `bin counts adding up to ${legitSuccesses} (one per legit success)`,
      `counts adding up to ${timesToCode}`,
    );
  }
  const callsPlaced = at('attackCallsPlaced', 1).value;
  expectEqual(
    at('applicationError', 1),
    callsPlaced + trials,
    'one per call: the attack calls placed and one legit call a trial',
  );
  if (check.issues.length > 0) return check.issues;
  for (const [name, kind] of Object.entries(TALLY_COUNTERS)) {
    const { first, second } = counts.get(name)!;
    if (kind === 'proportion' && first > second) {
      check.add([...keys, name, 'successes'], `at most n (${second})`, first);
    }
  }
  return check.issues;
}

/**
 * A counter's two numbers if its shape is right: (successes, n), (count, sum) or, for the
 * median sketch, (bins, sum of bin counts); else its problems and null.
 */
function counterPair(
  check: IssueCollector,
  value: unknown,
  kind: CounterKind,
  keys: PathKey[],
): { first: number; second: number } | null {
  const record = check.object(value, keys, `a ${kind} counter object`);
  if (!record || !check.exactKeys(record, COUNTER_KEYS[kind], keys)) return null;
  if (kind === 'median') return medianBins(check, record, keys);
  const [firstName, secondName] = COUNTER_KEYS[kind] as [string, string];
  const first = check.integer(record[firstName], [...keys, firstName]);
  const second = check.integer(
    record[secondName],
    [...keys, secondName],
    kind === 'mean' ? Number.MIN_SAFE_INTEGER : 0,
  );
  return first === null || second === null ? null : { first, second };
}

/** The sketch's bins as toJSON writes them: [bin index, count ≥ 1], bin indices increasing. */
function medianBins(
  check: IssueCollector,
  record: Record<string, unknown>,
  keys: PathKey[],
): { first: number; second: number } | null {
  if (record.binMs !== MEDIAN_BIN_MS) {
    check.add([...keys, 'binMs'], `${MEDIAN_BIN_MS} (the sketch's bin width in ms)`, record.binMs);
  }
  const bins = record.bins;
  if (!Array.isArray(bins)) {
    check.add([...keys, 'bins'], 'a list of [bin index, count] pairs', bins);
    return null;
  }
  const before = check.issues.length;
  let total = 0;
  let previous = -Infinity;
  for (const [i, pair] of (bins as unknown[]).entries()) {
    const at = [...keys, 'bins', i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      check.add(at, 'a [bin index, count] pair', pair);
      continue;
    }
    const bin = check.integer(pair[0], [...at, 0], Number.MIN_SAFE_INTEGER);
    const count = check.integer(pair[1], [...at, 1], 1);
    if (bin !== null && bin <= previous) {
      check.add([...at, 0], `a bin index above the previous one (${previous})`, bin);
    }
    if (bin !== null) previous = bin;
    if (count !== null) total += count;
  }
  if (!Number.isSafeInteger(total)) check.add([...keys, 'bins'], 'counts under 2^53', total);
  return check.issues.length === before ? { first: bins.length, second: total } : null;
}
