/**
 * Partial tallies (README "Splitting a run across machines"): the shards of a run cover each
 * trial index once, their tallies add up to the single run's bit for bit, and a file that was
 * changed, or parts that do not belong together, are refused at a JSON path.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadScenario, type Scenario } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import {
  canonicalJson,
  mergePartialTallies,
  partialTalliesIssues,
  partialTalliesJson,
  sealPartialTallies,
  shardProblem,
  shardTrialRange,
  type NamedPart,
  type PartialTallies,
  type PointKey,
  type Shard,
} from './partialTallies.ts';
import { planChunks, RunTotals, runScenarioSync } from './runPlan.ts';
import { runChunk } from './runChunk.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Random legit timings (the default person), so the median sketch fills many bins.
const scenario = loadScenario({
  seed: 31,
  trials: 100,
  strategies: ['naive', 'random-digit'],
  voicemail: { greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '1', repeat: 10 }] },
  attacker: { attempts: 3 },
});
const INPUTS_HASH = `sha256:${'0'.repeat(64)}`;

/** Shard `shard` of the run, on this thread, as `run --shard --out` writes it, read back. */
function runPart(s: Scenario, shard: Shard): PartialTallies {
  const compiled = compileScenario(s);
  const range = shardTrialRange(s.trials, shard);
  const totals = new RunTotals(s);
  for (const chunk of planChunks(s, 7, range)) totals.add(chunk, runChunk(compiled, chunk));
  const part = sealPartialTallies(
    {
      tool: { name: 'voice-otp-lab', version: '0.1.0' },
      command: 'run',
      plan: null,
      inputsHash: INPUTS_HASH,
      scenario: s,
      seed: s.seed,
      trials: s.trials,
      shard,
      trialRange: range,
      points: [{ point: {}, tallies: totals.tallies() }],
    },
    sha256,
  );
  return JSON.parse(partialTalliesJson(part)) as PartialTallies;
}

function shardsOf(s: Scenario, count: number): NamedPart[] {
  return Array.from({ length: count }, (_, i) => ({
    file: `part-${i + 1}.json`,
    part: runPart(s, { index: i + 1, count }),
  }));
}

/** A copy of the part's JSON with `edit` applied, checksum left as it was. */
function edited(part: PartialTallies, edit: (file: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(part)) as Record<string, any>;
  edit(copy);
  return copy;
}

/** A copy with `edit` applied and then sealed again: a file a run could have written. */
function resealed(part: PartialTallies, edit: (file: Record<string, any>) => void): PartialTallies {
  const copy = edited(part, edit) as PartialTallies;
  return JSON.parse(partialTalliesJson(sealPartialTallies(copy, sha256))) as PartialTallies;
}

const [part1, part2, part3] = shardsOf(scenario, 3).map((p) => p.part) as [
  PartialTallies,
  PartialTallies,
  PartialTallies,
];

describe('shardTrialRange', () => {
  it('cuts 10 trials into 3 shards of 3, 3 and 4', () => {
    expect([1, 2, 3].map((index) => shardTrialRange(10, { index, count: 3 }))).toEqual([
      { fromTrial: 0, toTrial: 3 },
      { fromTrial: 3, toTrial: 6 },
      { fromTrial: 6, toTrial: 10 },
    ]);
  });

  it('covers every trial index once, in consecutive ranges whose sizes differ by at most one', () => {
    for (const trials of [1, 2, 7, 10, 99, 100, 1001, 10_000_000]) {
      for (const count of [1, 2, 3, 7, 64].filter((n) => n <= trials)) {
        let next = 0;
        const sizes: number[] = [];
        for (let index = 1; index <= count; index++) {
          const range = shardTrialRange(trials, { index, count });
          expect(range.fromTrial, `${trials} trials, shard ${index}/${count}`).toBe(next);
          sizes.push(range.toTrial - range.fromTrial);
          next = range.toTrial;
        }
        expect(next).toBe(trials);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBe(Math.floor(trials / count));
      }
    }
  });
});

describe('shardProblem', () => {
  it('takes shards 1 to n of at most as many shards as trials', () => {
    expect(shardProblem({ index: 1, count: 1 }, 1)).toBeNull();
    expect(shardProblem({ index: 7, count: 7 }, 7)).toBeNull();
    expect(shardProblem({ index: 0, count: 3 }, 100)).toEqual({
      field: 'index',
      expected: 'a shard index from 1 to the count, 3',
    });
    expect(shardProblem({ index: 4, count: 3 }, 100)).toEqual({
      field: 'index',
      expected: 'a shard index from 1 to the count, 3',
    });
    expect(shardProblem({ index: 1, count: 8 }, 7)).toEqual({
      field: 'count',
      expected: "at most 7 shards, the run's trials (each shard runs at least one trial)",
    });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps list order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }, 2], u: undefined })).toBe(
      '{"a":[{"c":"x","d":null},2],"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('partialTalliesJson', () => {
  it('indents the file but writes each median sketch’s bins on one line, and reads back equal', () => {
    const part = runPart(scenario, { index: 1, count: 1 });
    const text = partialTalliesJson(part);
    const bins = part.points[0]!.tallies.naive!.legitTimeToCode.bins;
    expect(text).toContain(`\n            "bins": ${JSON.stringify(bins)}\n`);
    expect(
      text.startsWith('{\n  "format": "voice-otp-lab/partial-tallies",\n  "formatVersion": 1,\n'),
    ).toBe(true);
    expect(JSON.parse(text)).toEqual(part);
  });
});

describe('merging the shards of a run', () => {
  const whole = new RunTotals(scenario);
  const compiled = compileScenario(scenario);
  for (const chunk of planChunks(scenario)) whole.add(chunk, runChunk(compiled, chunk));
  const wholeResults = JSON.stringify(runScenarioSync(scenario));

  it.each([1, 3, 7])(
    'gives the single run’s tallies and results bit for bit from %i shards (100 trials: uneven for 3 and 7)',
    (count) => {
      const parts = shardsOf(scenario, count);
      for (const { part } of parts) expect(partialTalliesIssues(part, sha256)).toEqual([]);
      const outcome = mergePartialTallies([...parts].reverse());
      if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
      const [only] = outcome.merged.points;
      expect(outcome.merged.points).toHaveLength(1);
      // The median sketch too: its bins add by integer addition, so the merged sketch is the
      // single run's, bin for bin.
      expect(only!.totals.tallies()).toEqual(whole.tallies());
      expect(JSON.stringify(only!.totals.results())).toBe(wholeResults);
    },
  );

  it('refuses parts with a shard missing, naming the shards given', () => {
    const outcome = mergePartialTallies([
      { file: 'a.json', part: part1 },
      { file: 'c.json', part: part3 },
    ]);
    expect(outcome).toEqual({
      ok: false,
      problems: ['shard 2/3 missing; given: 1/3 (a.json), 3/3 (c.json)'],
    });
  });

  it('refuses a shard given twice, naming both files', () => {
    const outcome = mergePartialTallies([
      { file: 'a.json', part: part1 },
      { file: 'b.json', part: part2 },
      { file: 'b-again.json', part: part2 },
      { file: 'c.json', part: part3 },
    ]);
    expect(outcome).toEqual({
      ok: false,
      problems: ['b-again.json: $.shard.index: shard 2/3 is given twice (also in b.json)'],
    });
  });

  it('refuses parts of runs with another seed, other trials or another shard count', () => {
    const otherSeed = runPart(loadScenario({ ...scenario, seed: 32 }), { index: 2, count: 3 });
    const otherCount = runPart(scenario, { index: 2, count: 4 });
    const outcome = mergePartialTallies([
      { file: 'a.json', part: part1 },
      { file: 'seed.json', part: otherSeed },
      { file: 'count.json', part: otherCount },
    ]);
    expect(outcome).toEqual({
      ok: false,
      problems: [
        "seed.json: $.scenarioHash differs from a.json's: the parts ran different scenarios (or one with different command-line options)",
        "seed.json: $.seed differs from a.json's: the parts come from different runs",
        "count.json: $.shard.count differs from a.json's: the parts split the run into different numbers of shards",
      ],
    });
  });

  it('refuses parts whose flow documents or recordings differ, or that another version ran', () => {
    const otherInputs = resealed(part2, (f) => (f.inputsHash = `sha256:${'1'.repeat(64)}`));
    const otherTool = resealed(part3, (f) => (f.tool.version = '0.2.0'));
    const outcome = mergePartialTallies([
      { file: 'a.json', part: part1 },
      { file: 'b.json', part: otherInputs },
      { file: 'c.json', part: otherTool },
    ]);
    expect(outcome).toEqual({
      ok: false,
      problems: [
        "b.json: $.inputsHash differs from a.json's: the parts read different flow documents or greeting recordings (the scenario's files differ between the machines)",
        "c.json: $.tool.version differs from a.json's: the parts were run by different versions of voice-otp-lab",
      ],
    });
  });
});

describe('a part with several points (how a sweep shards)', () => {
  // Two settings of the attacker's PIN guesses: the compromise figures differ by point.
  const budgets = [3, 300];
  const atPoint = (base: Scenario, point: PointKey) =>
    loadScenario({
      ...base,
      attacker: { ...base.attacker, guessBudget: point['attacker.guessBudget'] },
    });

  function sweepPart(shard: Shard): PartialTallies {
    const range = shardTrialRange(scenario.trials, shard);
    const points = budgets.map((budget) => {
      const point = { 'attacker.guessBudget': budget };
      const at = atPoint(scenario, point);
      const compiled = compileScenario(at);
      const totals = new RunTotals(at);
      for (const chunk of planChunks(at, 7, range)) totals.add(chunk, runChunk(compiled, chunk));
      return { point, tallies: totals.tallies() };
    });
    const part = sealPartialTallies(
      {
        ...runPart(scenario, shard),
        command: 'sweep',
        plan: { vary: ['attacker.guessBudget'] },
        points,
      },
      sha256,
    );
    return JSON.parse(partialTalliesJson(part)) as PartialTallies;
  }

  it('merges each point to its own single run, bit for bit', () => {
    const parts = [1, 2, 3].map((index) => ({
      file: `sweep-${index}.json`,
      part: sweepPart({ index, count: 3 }),
    }));
    for (const { part } of parts) expect(partialTalliesIssues(part, sha256)).toEqual([]);
    const outcome = mergePartialTallies(parts, atPoint);
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    expect(outcome.merged.points.map((p) => p.point)).toEqual([
      { 'attacker.guessBudget': 3 },
      { 'attacker.guessBudget': 300 },
    ]);
    for (const [i, { point, totals }] of outcome.merged.points.entries()) {
      expect(JSON.stringify(totals.results()), `point ${i}`).toBe(
        JSON.stringify(runScenarioSync(atPoint(scenario, point))),
      );
    }
    const [low, high] = outcome.merged.points.map((p) => p.totals.results().compromiseRate);
    expect(low).toBeLessThan(high!);
  });

  it('refuses a point listed twice, and parts whose points differ', () => {
    const part = sweepPart({ index: 1, count: 2 });
    const twice = edited(part, (f) => (f.points[1].point = f.points[0].point));
    expect(partialTalliesIssues(twice, sha256).map((i) => `${i.path}: ${i.expected}`)).toEqual([
      '$.points[1].point: a point not listed before',
    ]);
    const other = resealed(sweepPart({ index: 2, count: 2 }), (f) => f.points.reverse() as unknown);
    expect(
      mergePartialTallies([
        { file: 'a.json', part },
        { file: 'b.json', part: other },
      ]),
    ).toEqual({
      ok: false,
      problems: ["b.json: $.points differs from a.json's: the parts come from different runs"],
    });
  });
});

describe('partialTalliesIssues', () => {
  const issues = (value: unknown) =>
    partialTalliesIssues(value, sha256).map(
      (i) => `${i.path}: expected ${i.expected}, found ${i.found}`,
    );
  const naive = (f: Record<string, any>) => f.points[0].tallies.naive;

  it('accepts a part as written', () => {
    expect(issues(part2)).toEqual([]);
  });

  it('refuses another format, or another version of this one, first', () => {
    expect(issues([])).toEqual([
      '$: expected an object written by "run --out" or "sweep --out", found a list []',
    ]);
    expect(issues(edited(part1, (f) => (f.format = 'x')))).toEqual([
      '$.format: expected "voice-otp-lab/partial-tallies" (a file "run --out" or "sweep --out" writes), found the string "x"',
    ]);
    expect(issues(edited(part1, (f) => (f.formatVersion = 2)))).toEqual([
      '$.formatVersion: expected 1 (the version of the format this voice-otp-lab reads), found the number 2',
    ]);
  });

  it('names a property missing and one it does not know', () => {
    expect(
      issues(
        edited(part1, (f) => {
          delete f.seed;
          f.sede = 31;
        }),
      ),
    ).toEqual([
      '$.seed: expected a value (required), found nothing',
      '$.sede: expected no property "sede" (one of format, formatVersion, tool, command, plan, scenarioHash, inputsHash, scenario, seed, trials, shard, trialRange, points, checksum), found the number 31',
    ]);
  });

  it('refuses a scenario that is not valid, at its path under $.scenario', () => {
    expect(issues(edited(part1, (f) => (f.scenario.trials = 0)))).toEqual([
      '$.scenario.trials: expected a number ≥ 1, found the number 0',
    ]);
  });

  it('refuses a scenario changed after it was hashed, and a seed that is not the scenario’s', () => {
    const hash = part1.scenarioHash;
    const changed = edited(part1, (f) => (f.scenario.attacker.attempts = 4));
    const rehashed = `sha256:${sha256(canonicalJson((changed as PartialTallies).scenario))}`;
    expect(issues(changed)).toEqual([
      `$.scenarioHash: expected ${rehashed}, the hash of $.scenario, found ${hash}`,
    ]);
    expect(issues(edited(part1, (f) => (f.seed = 30)))).toEqual([
      '$.seed: expected 31, as in $.scenario.seed, found the number 30',
    ]);
  });

  it('refuses a shard outside its count, and a trial range that is not the shard’s', () => {
    expect(issues(edited(part1, (f) => (f.shard.index = 4)))).toEqual([
      '$.shard.index: expected a shard index from 1 to the count, 3, found the number 4',
    ]);
    expect(issues(edited(part1, (f) => (f.trialRange.toTrial = 34)))).toEqual([
      '$.trialRange: expected {"fromTrial":0,"toTrial":33} for shard 1/3 of 100 trials, found an object {"fromTrial":0,"toTrial":34}',
    ]);
  });

  it('refuses a count that no run of the shard’s trials could give, at its path', () => {
    expect(issues(edited(part1, (f) => (naive(f).interception.n = 5)))).toEqual([
      '$.points[0].tallies.naive.interception.n: expected 33 (one per trial of the shard), found the number 5',
    ]);
    expect(issues(edited(part1, (f) => (naive(f).attackCallsPlaced.sum += 1)))).toEqual([
      '$.points[0].tallies.naive.applicationError.n: expected ' +
        `${part1.points[0]!.tallies.naive!.applicationError.n + 1}` +
        ' (one per call: the attack calls placed and one legit call a trial), found the number ' +
        `${part1.points[0]!.tallies.naive!.applicationError.n}`,
    ]);
    expect(issues(edited(part1, (f) => (naive(f).legitTimeToCode.bins[0][1] += 1)))).toEqual([
      '$.points[0].tallies.naive.legitTimeToCode.bins: expected bin counts adding up to ' +
        `${part1.points[0]!.tallies.naive!.legitSuccess.successes} (one per legit success), found ` +
        `counts adding up to ${part1.points[0]!.tallies.naive!.legitSuccess.successes + 1}`,
    ]);
    expect(issues(edited(part1, (f) => (naive(f).leak.successes = 34)))).toEqual([
      '$.points[0].tallies.naive.leak.successes: expected at most n (33), found the number 34',
    ]);
  });

  it('refuses median bins out of order and tallies out of the scenario’s strategy order', () => {
    const bins = part1.points[0]!.tallies.naive!.legitTimeToCode.bins;
    expect(bins.length).toBeGreaterThan(2);
    expect(
      issues(edited(part1, (f) => naive(f).legitTimeToCode.bins.reverse() as unknown)),
    ).toContain(
      `$.points[0].tallies.naive.legitTimeToCode.bins[1][0]: expected a bin index above the previous one (${bins.at(-1)![0]}), found the number ${bins.at(-2)![0]}`,
    );
    const swapped = edited(part1, (f) => {
      const { naive: n, 'random-digit': r } = f.points[0].tallies;
      f.points[0].tallies = { 'random-digit': r, naive: n };
    });
    expect(issues(swapped)).toEqual([
      "$.points[0].tallies: expected the strategies in the scenario's order (naive, random-digit), found them in the order random-digit, naive",
    ]);
  });

  it('refuses a count changed consistently through the checksum', () => {
    const changed = edited(part1, (f) => (naive(f).interception.successes -= 1));
    const { checksum, ...body } = changed as PartialTallies;
    expect(issues(changed)).toEqual([
      `$.checksum: expected sha256:${sha256(canonicalJson(body))}, the checksum of the rest of the file, found ${checksum}: the file was changed after it was written`,
    ]);
  });
});
