/**
 * The command line as CI sees it: a real `node --import tsx src/cli/main.ts` process, its exit
 * code (0 ok, 1 an `expect` threshold failed, 2 invalid input) and what it prints where.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sim } from './testing/simProcess.ts';
import { encodeWav, renderTimeline } from '../../src/audio/index.ts';
import { createRng } from '../../src/core/rng.ts';
import { greetingTimeline } from '../../src/phone/greetingTimeline.ts';

const EXAMPLE = 'scenarios/night-attack-dtmf-1.json';
/** Enough trials to exercise every path, few enough to keep each run to seconds. */
const FEW_TRIALS = '200';
/** `--workers` may not exceed the cores (README, "Command line"). */
const CORES = availableParallelism();
const TWO_WORKERS = String(Math.min(2, CORES));

let workDir: string;
let exampleScenario: Record<string, unknown>;

/** Writes a variant of the example into the temp folder and returns its path. */
async function writeScenario(
  name: string,
  changes: Record<string, unknown>,
  folder = workDir,
): Promise<string> {
  const path = join(folder, name);
  await writeFile(
    path,
    `${JSON.stringify({ ...exampleScenario, $schema: undefined, ...changes }, null, 2)}\n`,
  );
  return path;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-cli-'));
  exampleScenario = JSON.parse(await readFile(join(REPO_ROOT, EXAMPLE), 'utf8')) as Record<
    string,
    unknown
  >;
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

// Each test spawns its own process on its own files, so the cheap ones may run side by side.
describe('sim validate', { timeout: 60_000, concurrent: true }, () => {
  it('exits 0 and names the scenario when the file is valid', async ({ expect }) => {
    const run = await sim('validate', EXAMPLE);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${EXAMPLE}: valid ("Night attack: DTMF 1 recorded in the greeting")\n`,
    );
    expect(run.stderr).toBe('');
  });

  it('exits 2 naming the file, the JSON path and the value found when the file is invalid', async ({
    expect,
  }) => {
    const file = await writeScenario('typo.json', {
      voicemail: { greeting: [{ speech: 0.8 }, { silence: 1, tones: 3 }] },
    });
    const run = await sim('validate', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain(
      '$.voicemail.greeting[1].tones: expected no property "tones" (unknown here; check its spelling), found the number 3',
    );
  });

  it('lists every problem in the file', async ({ expect }) => {
    const file = await writeScenario('two-problems.json', {
      trials: 'many',
      strategies: ['naive', 'press-1'],
    });
    const run = await sim('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(2 problems)');
    expect(run.stderr).toContain('$.trials: expected a number, found the string "many"');
    expect(run.stderr).toContain(
      '$.strategies[1]: expected a built-in id (naive, static-prompt, amd, random-digit) or a flow declared in "flows", and none is, found the string "press-1"',
    );
  });

  it('reports a JSON syntax error at $', async ({ expect }) => {
    const file = join(workDir, 'broken.json');
    await writeFile(file, '{ "trials": 200, }');
    const run = await sim('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('$: expected valid JSON, found a syntax error');
  });

  it('checks every file given and exits 2 if any is invalid', async ({ expect }) => {
    const bad = await writeScenario('bad-seed.json', { seed: -1 });
    const run = await sim('validate', EXAMPLE, bad);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${EXAMPLE}: valid`);
    expect(run.stderr).toContain(`${bad}: Invalid scenario (1 problem)`);
    expect(run.stderr).toContain('$.seed: expected a number ≥ 0, found the number -1');
  });

  it('skips the JSON Schema file, so `validate scenarios/*.json` checks the scenarios only', async ({
    expect,
  }) => {
    const run = await sim('validate', 'scenarios/scenario.schema.json', EXAMPLE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scenario.schema.json: skipped');
  });

  it('exits 2 when the file does not exist', async ({ expect }) => {
    const missing = join(workDir, 'no-such-scenario.json');
    const run = await sim('validate', missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${missing}: cannot read the scenario (no such file).\n`);
  });
});

describe('sim run', { timeout: 60_000 }, () => {
  it('prints the results as JSON under strategies.<id>', async () => {
    const run = await sim('run', EXAMPLE, '--trials', FEW_TRIALS, '--json');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as {
      seed: number;
      trials: number;
      compromiseRate: number;
      passed: boolean;
      expectations: unknown[];
      strategies: Record<string, Record<string, unknown>>;
    };
    expect(results).toMatchObject({ seed: 7, trials: 200, passed: true });
    expect(results.expectations).toHaveLength(1);
    expect(results.compromiseRate).toBeGreaterThan(0);
    expect(results.compromiseRate).toBeLessThanOrEqual(1);
    expect(Object.keys(results.strategies)).toEqual([
      'naive',
      'static-prompt',
      'amd',
      'random-digit',
    ]);
    for (const [id, result] of Object.entries(results.strategies)) {
      expect(result, id).toMatchObject({
        trials: 200,
        interceptionRate: expect.any(Number),
        leakRate: expect.any(Number),
        campaignInterceptionRate: expect.any(Number),
        endToEndRate: expect.any(Number),
        legitSuccessRate: expect.any(Number),
        abandonRate: expect.any(Number),
        meanCallSeconds: expect.any(Number),
      });
      const [low, high] = result.interceptionCi95 as [number, number];
      expect(low).toBeLessThanOrEqual(result.interceptionRate as number);
      expect(high).toBeGreaterThanOrEqual(result.interceptionRate as number);
      const [legitLow, legitHigh] = result.legitSuccessCi95 as [number, number];
      expect(legitLow).toBeLessThanOrEqual(result.legitSuccessRate as number);
      expect(legitHigh).toBeGreaterThanOrEqual(result.legitSuccessRate as number);
      expect(result.endToEndRate).toBeCloseTo(
        results.compromiseRate * (result.campaignInterceptionRate as number),
        12,
      );
    }
    // The DTMF "1" greeting answers "press 1" for the attacker; a random digit is right 1 time in 10.
    expect(results.strategies['static-prompt']!.interceptionRate).toBeGreaterThan(0.8);
    expect(results.strategies['random-digit']!.interceptionRate).toBeLessThan(0.2);
  });

  it('prints a readable comparison table by default', async () => {
    const run = await sim(
      'run',
      EXAMPLE,
      '--trials',
      FEW_TRIALS,
      '--strategies',
      'naive,random-digit',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Night attack: DTMF 1 recorded in the greeting');
    expect(run.stdout).toMatch(/^naive\s+\d/m);
    expect(run.stdout).toMatch(/^random-digit\s+\d/m);
    expect(run.stdout).not.toMatch(/^amd\s/m);
    expect(run.stdout).toContain('expectations: 1 of 1 met');
  });

  it('runs only the strategies asked for and applies --seed', async () => {
    const run = await sim(
      'run',
      EXAMPLE,
      '--trials',
      FEW_TRIALS,
      '--strategies',
      'naive,amd',
      '--seed',
      '11',
      '--json',
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as {
      seed: number;
      strategies: Record<string, unknown>;
      expectations: unknown[];
    };
    expect(results.seed).toBe(11);
    expect(Object.keys(results.strategies)).toEqual(['naive', 'amd']);
    // The file's only threshold is for random-digit, which was not run: nothing to check.
    expect(results.expectations).toEqual([]);
  });

  it.skipIf(CORES < 2)('gives byte-identical results on one worker and on two', async () => {
    const args = ['run', EXAMPLE, '--trials', '500', '--json'];
    const [one, two] = [await sim(...args, '--workers', '1'), await sim(...args, '--workers', '2')];
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('exits 1 and prints the failing threshold on stderr when an expectation fails', async () => {
    const file = await writeScenario('naive-fails.json', {
      strategies: ['naive', 'random-digit'],
      expect: {
        naive: { interceptionRate: { max: 0.01 } },
        'random-digit': { interceptionRate: { max: 0.5 } },
      },
    });
    const run = await sim('run', file, '--trials', FEW_TRIALS);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('expectations: 1 of 2 met');
    const failing = run.stderr.trim().split('\n');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/^FAILED naive\.interceptionRate = 0\.\d+, expected ≤ 0\.01$/);
  });

  it('reports the failed expectation in --json output too', async () => {
    const file = await writeScenario('naive-fails-json.json', {
      strategies: ['naive'],
      expect: { naive: { interceptionRate: { max: 0.01 } } },
    });
    const run = await sim('run', file, '--trials', FEW_TRIALS, '--json');
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as {
      passed: boolean;
      expectations: { passed: boolean; metric: string }[];
    };
    expect(results.passed).toBe(false);
    expect(results.expectations).toMatchObject([{ metric: 'interceptionRate', passed: false }]);
    expect(run.stderr).toMatch(/^FAILED naive\.interceptionRate/);
  });

  it('exits 2 on an invalid scenario without running it', async () => {
    const file = await writeScenario('bad-probability.json', {
      person: { answerProbability: 1.5 },
    });
    const run = await sim('run', file, '--trials', FEW_TRIALS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '$.person.answerProbability: expected a number ≤ 1, found the number 1.5',
    );
  });

  it('exits 2 when the scenario file does not exist', async () => {
    const run = await sim('run', 'scenarios/no-such-scenario.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'scenarios/no-such-scenario.json: cannot read the scenario (no such file).',
    );
  });
});

describe('sim run: bad options', { timeout: 60_000, concurrent: true }, () => {
  const TRIALS = 'expected an integer from 1 to 10000000 (the most trials a scenario may have)';
  const SEED =
    'expected an integer from 0 to 4294967295 (seeds are 32-bit: a larger one would repeat a smaller)';
  const WORKERS = `expected an integer from 1 to ${CORES} (one per core at most: os.availableParallelism() is ${CORES} here)`;
  const badFlags: { flags: string[]; message: string }[] = [
    { flags: ['--trials', '-3'], message: `${TRIALS}, found "-3"` },
    { flags: ['--trials', '1.5'], message: `${TRIALS}, found "1.5"` },
    { flags: ['--trials', 'many'], message: `${TRIALS}, found "many"` },
    { flags: ['--trials', '0'], message: `${TRIALS}, found "0"` },
    // The scenario format's cap on trials (scenario/trialLimits.ts).
    { flags: ['--trials', '10000001'], message: `${TRIALS}, found "10000001"` },
    { flags: ['--seed', '-1'], message: `${SEED}, found "-1"` },
    // Seed 2^32 would replay seed 0's trials.
    { flags: ['--seed', '4294967296'], message: `${SEED}, found "4294967296"` },
    {
      flags: ['--strategies', 'foo'],
      message:
        '$.strategies[0]: expected a built-in id (naive, static-prompt, amd, random-digit) or a flow declared in "flows", and none is, found the string "foo"',
    },
    {
      flags: ['--strategies', 'naive,press 1'],
      message:
        'expected a comma-separated list of strategy ids (naive, static-prompt, amd, random-digit or the scenario\'s flows); found "naive,press 1"',
    },
    { flags: ['--workers', '0'], message: `${WORKERS}, found "0"` },
    { flags: ['--workers', String(CORES + 1)], message: `${WORKERS}, found "${CORES + 1}"` },
    { flags: ['--frobnicate'], message: "unknown option '--frobnicate'" },
    // Flags are held to the scenario format's limits, like the file.
    {
      flags: ['--strategies', 'naive,naive'],
      message: '$.strategies[1]: expected each strategy at most once, found the string "naive"',
    },
  ];
  for (const { flags, message } of badFlags) {
    it(`exits 2 on ${flags.join(' ')} and says what was expected`, async ({ expect }) => {
      const run = await sim('run', EXAMPLE, ...flags);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    });
  }
});

describe('sim trial', { timeout: 60_000 }, () => {
  it('finds an intercepted static-prompt trial and prints its timeline and a replay command', async () => {
    const run = await sim('trial', EXAMPLE, '--find', 'intercepted', '--strategy', 'static-prompt');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^attack trial \d+ of static-prompt$/m);
    expect(run.stdout).toContain('answered by voicemail');
    expect(run.stdout).toContain('ACCEPTED');
    const replay = run.stdout.match(/^replay: npm run sim -- (trial .+)$/m);
    expect(replay, 'a replay command line').not.toBeNull();
    expect(replay![1]).toMatch(
      /^trial \S+ --strategy static-prompt --kind attack --index \d+ --seed 7$/,
    );

    // The printed command replays the very same trial.
    const again = await sim(...replay![1]!.split(' '));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(run.stdout);
  });

  it('replays up to the last trial a run can have, and refuses --index beyond it', async () => {
    const last = await sim('trial', EXAMPLE, '--strategy', 'amd', '--index', '9999999', '--json');
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ trialIndex: 9999999 });
    // 2^32 would replay trial 0 (the keys are 32-bit); any index past the last trial is refused.
    for (const index of ['10000000', '4294967296']) {
      const beyond = await sim('trial', EXAMPLE, '--strategy', 'amd', '--index', index);
      expect(beyond.code).toBe(2);
      expect(beyond.stdout).toBe('');
      expect(beyond.stderr).toContain(
        `expected an integer from 0 to 9999999 (a run's trials are numbered from 0 to trials − 1, and it has at most 10000000), found "${index}"`,
      );
    }
  });

  it('--find stops at the last trial a run can have', async () => {
    // The carrier's greeting ends before static-prompt's prompt: no trial is ever intercepted.
    const run = await sim(
      'trial',
      'scenarios/carrier-default-greeting.json',
      '--strategy',
      'static-prompt',
      '--find',
      'intercepted',
      '--index',
      '9999990',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'No intercepted attack trial of static-prompt in trials 9999990 to 9999999 (--find tries 100000 trials from --index, and none past 9999999, the last trial a run can have).\n',
    );
  });

  it('exits 2 when --strategy is missing or unknown', async () => {
    const missing = await sim('trial', EXAMPLE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--strategy <id>' not specified");
    const unknown = await sim('trial', EXAMPLE, '--strategy', 'press-1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--strategy press-1: expected a built-in strategy (naive, static-prompt, amd, random-digit) or a flow the scenario declares (it declares none).',
    );
  });
});

describe('sim check', { timeout: 60_000 }, () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(workDir, 'check-'));
    await writeScenario(
      'a-passes.json',
      { trials: 200, strategies: ['naive'], expect: { naive: { interceptionRate: { min: 0.5 } } } },
      folder,
    );
    await writeScenario(
      'b-fails.json',
      {
        trials: 200,
        strategies: ['naive'],
        expect: { naive: { interceptionRate: { max: 0.01 } } },
      },
      folder,
    );
  });

  it('runs every scenario in a folder and exits 1 when one misses a threshold', async () => {
    const run = await sim('check', folder);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`ok   ${join(folder, 'a-passes.json')}: 1/1 expectations met`);
    expect(lines[1]).toBe(`FAIL ${join(folder, 'b-fails.json')}: 0/1 expectations met`);
    expect(lines[2]).toMatch(/^\s+naive\.interceptionRate = 0\.\d+, expected ≤ 0\.01$/);
  });

  it('exits 0 when every scenario meets its thresholds', async () => {
    const run = await sim('check', join(folder, 'a-passes.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok   ');
  });

  it('exits 2 when a scenario in the folder is invalid, and still checks the others', async () => {
    const mixed = await mkdtemp(join(workDir, 'check-invalid-'));
    await writeScenario(
      'a-passes.json',
      { trials: 200, strategies: ['naive'], expect: { naive: { interceptionRate: { min: 0.5 } } } },
      mixed,
    );
    const invalid = await writeScenario('b-invalid.json', { trials: 0 }, mixed);
    const run = await sim('check', mixed);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('ok   ');
    expect(run.stderr).toContain(invalid);
    expect(run.stderr).toContain('$.trials: expected a number ≥ 1, found the number 0');
  });

  it('exits 2 when the folder does not exist', async () => {
    const run = await sim('check', join(workDir, 'no-such-folder'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or folder');
  });
});

describe('sim analyze', { timeout: 60_000 }, () => {
  it('prints the keys of a rendered DTMF greeting with their times, and the AMD verdict, as JSON', async () => {
    const timeline = greetingTimeline([
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '123', toneMs: 120, gapMs: 80, repeat: 1 },
    ]);
    const path = join(workDir, 'dtmf-greeting.wav');
    await writeFile(path, encodeWav(renderTimeline(timeline, { rng: createRng(5), beepMs: 0 })));
    const run = await sim('analyze', path, '--json');
    expect(run.code).toBe(0);
    const analysis = JSON.parse(run.stdout) as {
      durationMs: number;
      dtmf: { digit: string; startMs: number; endMs: number }[];
      amd: { verdict: string; cause: string; decisionMs: number };
    };
    expect(analysis.dtmf.map((k) => k.digit).join('')).toBe('123');
    analysis.dtmf.forEach((key, i) => {
      expect(Math.abs(key.startMs - timeline.tones[i]!.startMs)).toBeLessThanOrEqual(30);
    });
    // "Hi", then 1 s of silence: app_amd says HUMAN before the tones start.
    expect(analysis.amd).toMatchObject({ verdict: 'HUMAN', cause: 'HUMAN' });
  });

  it('exits 2 on a file that is not a WAV recording', async () => {
    const path = join(workDir, 'not-audio.wav');
    await writeFile(path, 'hello');
    const run = await sim('analyze', path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a readable WAV file');
  });
});

describe('signal level from the command line', { timeout: 120_000 }, () => {
  it('runs a scenario whose greeting is a WAV file next to it, at signal level', async () => {
    const timeline = greetingTimeline([
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ]);
    await writeFile(
      join(workDir, 'attacker-greeting.wav'),
      encodeWav(renderTimeline(timeline, { rng: createRng(8), beepMs: 0 })),
    );
    const path = await writeScenario('recorded.json', {
      fidelity: 'signal',
      trials: 60,
      strategies: ['static-prompt'],
      expect: {},
      voicemail: { greeting: [{ audio: 'attacker-greeting.wav' }] },
    });
    const run = await sim('run', path, '--json', '--workers', TWO_WORKERS);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      strategies: Record<string, { interceptionRate: number }>;
    };
    expect(report.strategies['static-prompt']!.interceptionRate).toBeGreaterThan(0.8);
  });

  it('exits 2 naming the greeting segment whose file is missing', async () => {
    const path = await writeScenario('missing-audio.json', {
      voicemail: { greeting: [{ speech: 1 }, { audio: 'nowhere.wav' }] },
    });
    const run = await sim('validate', path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('$.voicemail.greeting[1].audio: expected a readable WAV file');
    expect(run.stderr).toContain('"nowhere.wav" (no such file');
  });

  it('writes the audio of a replayed call with trial --wav', async () => {
    const wav = join(workDir, 'call.wav');
    const run = await sim(
      'trial',
      EXAMPLE,
      '--strategy',
      'static-prompt',
      '--index',
      '0',
      '--kind',
      'legit',
      '--wav',
      wav,
    );
    expect(run.code, run.stderr).toBe(0);
    const analysis = await sim('analyze', wav, '--json');
    expect(JSON.parse(analysis.stdout).dtmf.map((k: { digit: string }) => k.digit)).toEqual(['1']);
  });
});
