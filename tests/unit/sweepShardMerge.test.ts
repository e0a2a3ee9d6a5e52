/**
 * Splitting a sweep across machines (README "Splitting a run across machines"), through the
 * command line: `sweep --shard i/n --out part.json` on each machine runs shard i's trials of every
 * point, then `merge part*.json` prints byte for byte what one `sweep` prints (stdout, stderr and
 * exit code; text, --json, --csv and the --plot file), and parts that are not the shards of one
 * sweep exit 2 naming the file and the JSON path.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/cli/partFile.ts';
import { hashOf } from '../../src/sim/partialTallies.ts';
import { sim, type CliRun } from './testing/simProcess.ts';

interface SweepCase {
  readonly name: string;
  /** What the case shows about merging. */
  readonly why: string;
  /** The scenario and `--vary` options: the sweep as run on every machine. */
  readonly sweep: readonly string[];
  readonly trials: number;
  /** What `sweep` exits with: 1 when a `sweep.expect` threshold fails. */
  readonly exitCode: number;
}

const ONE_D: SweepCase = {
  name: '1-D',
  why: "3 points of amd.greetingMs, 2 strategies, 20 trials cut unevenly; the scenario's sweep.expect fails at 20 trials, so exit 1 and FAILED lines on stderr",
  sweep: ['scenarios/amd-greeting-length-sweep.json', '--vary', 'amd.greetingMs=200..800:300'],
  trials: 20,
  exitCode: 1,
};

const TWO_D: SweepCase = {
  name: '2-D',
  why: 'a 2 × 2 heat map over the PIN guesses (the compromise figures differ by point) and amd.greetingMs, 4 strategies, 14 trials: 2 each in 7 shards',
  sweep: [
    'scenarios/night-attack-dtmf-1.json',
    '--vary',
    'attacker.guessBudget=3..303:300',
    '--vary',
    'amd.greetingMs=400..1200:800',
  ],
  trials: 14,
  exitCode: 0,
};

const CASES = [ONE_D, TWO_D];
const SHARD_COUNTS = [1, 3, 7];
const OUTPUTS = [[], ['--json'], ['--csv']] as const;

let workDir: string;

/** Runs the commands at most `limit` at a time (each is a process with a worker thread). */
async function inTurn<T>(jobs: readonly (() => Promise<T>)[], limit = 3): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

/** Runs `sim` and fails with its stderr unless it exits with `code`. */
async function simOk(code: number, ...args: string[]): Promise<CliRun> {
  const run = await sim(...args);
  if (run.code !== code) {
    throw new Error(`sim ${args.join(' ')} exited ${run.code}, not ${code}:\n${run.stderr}`);
  }
  return run;
}

/** `sweep` of the case on one worker, with more options. */
function sweepOf(c: SweepCase, code: number, ...more: string[]): Promise<CliRun> {
  return simOk(code, 'sweep', ...c.sweep, '--trials', String(c.trials), '--workers', '1', ...more);
}

/** Where shard `index` of `count` of case `c` is written. */
function partPath(c: SweepCase, count: number, index: number): string {
  return join(workDir, `sweep-${c.name}-${index}-of-${count}.json`);
}

function shardFiles(c: SweepCase, count: number): string[] {
  return Array.from({ length: count }, (_, i) => partPath(c, count, i + 1));
}

/** Each case's single sweep in each output mode (the text one with --out and --plot). */
const single = new Map<SweepCase, CliRun[]>();

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-sweep-shards-'));
  const jobs: (() => Promise<unknown>)[] = [];
  for (const c of CASES) {
    single.set(c, []);
    for (const [mode, output] of OUTPUTS.entries()) {
      // The text sweep also writes the whole sweep's part (--out alone) and the plot.
      const whole =
        mode === 0 ? ['--out', partPath(c, 1, 1), '--plot', join(workDir, `${c.name}.svg`)] : [];
      jobs.push(async () => {
        single.get(c)![mode] = await sweepOf(c, c.exitCode, ...output, ...whole);
      });
    }
    for (const count of SHARD_COUNTS.filter((n) => n > 1)) {
      for (const [i, out] of shardFiles(c, count).entries()) {
        jobs.push(() => sweepOf(c, 0, '--shard', `${i + 1}/${count}`, '--out', out));
      }
    }
  }
  await inTurn(jobs);
}, 600_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe(
  'merge of a sweep gives what one sweep prints, byte for byte',
  { timeout: 120_000 },
  () => {
    for (const c of CASES) {
      for (const count of SHARD_COUNTS) {
        it(`${c.name}, ${count} shard(s) (${c.why}): text, --json and --csv`, async () => {
          const files = shardFiles(c, count);
          // Given in any order: the merge sorts nothing out of the command line's order.
          const merged = await inTurn(
            OUTPUTS.map((output) => () => sim('merge', ...[...files].reverse(), ...output)),
          );
          expect(merged).toEqual(single.get(c));
        });
      }
    }

    it('merge --plot draws the plot one sweep draws', async () => {
      const plot = join(workDir, 'merged.svg');
      const merged = await sim('merge', ...shardFiles(ONE_D, 3), '--plot', plot);
      expect(merged).toEqual(single.get(ONE_D)![0]);
      expect(await readFile(plot, 'utf8')).toBe(await readFile(join(workDir, '1-D.svg'), 'utf8'));
    });

    it('a shard says which trials of how many points it ran and where it wrote them', async () => {
      const out = join(workDir, 'says.json');
      const run = await sweepOf(TWO_D, 0, '--shard', '3/7', '--out', out);
      expect(run).toEqual({
        code: 0,
        stdout: `shard 3/7 of "Night attack: DTMF 1 recorded in the greeting": trials 4 to 5 of 14 at each of 4 points for each of 4 strategies, partial tallies written to ${out}\n`,
        stderr: '',
      });
    });
  },
);

describe(
  'sweep --shard refuses bad input with exit 2',
  { timeout: 60_000, concurrent: true },
  () => {
    const refused = (run: CliRun, stderr: string) => {
      expect(run).toEqual({ code: 2, stdout: '', stderr });
    };

    it('--shard without --out', async () => {
      refused(
        await sim('sweep', ...ONE_D.sweep, '--shard', '1/3'),
        '--shard 1/3 writes the shard\'s partial tallies to a file: add --out FILE (then merge the parts with "npm run sim -- merge").\n',
      );
    });

    it('--shard with --csv', async () => {
      refused(
        await sim(
          'sweep',
          ...ONE_D.sweep,
          '--shard',
          '1/3',
          '--out',
          join(workDir, 'x.json'),
          '--csv',
        ),
        '--csv prints a whole sweep\'s results, and a shard\'s are partial: merge the parts ("npm run sim -- merge part*.json --csv") to print them.\n',
      );
    });

    it('more shards than trials', async () => {
      refused(
        await sim(
          'sweep',
          ...ONE_D.sweep,
          '--trials',
          '2',
          '--shard',
          '1/3',
          '--out',
          join(workDir, 'x.json'),
        ),
        "--shard 1/3: expected at most 2 shards, the run's trials (each shard runs at least one trial), found 3.\n",
      );
    });
  },
);

describe(
  'merge refuses parts that are not every shard of one sweep, with exit 2',
  { timeout: 180_000, concurrent: true },
  () => {
    const header = 'cannot merge the parts: they are not every shard of one run, once each:\n';
    const refused = (run: CliRun, stderr: string) => {
      expect(run).toEqual({ code: 2, stdout: '', stderr });
    };

    it("a run's part among a sweep's", async () => {
      const [a, b] = shardFiles(ONE_D, 3);
      const run = join(workDir, 'run-3-of-3.json');
      await simOk(0, 'run', ONE_D.sweep[0]!, '--trials', '20', '--shard', '3/3', '--out', run);
      refused(
        await sim('merge', a!, b!, run),
        header +
          `  ${run}: $.command differs from ${a}'s: the parts were written by different commands (a run's and a sweep's parts do not mix)\n` +
          `  ${run}: $.plan differs from ${a}'s: the parts come from different sweeps (their --vary, --objective or --usability differ)\n` +
          `  ${run}: $.points differs from ${a}'s: the parts come from different runs\n`,
      );
    });

    it('a shard of a sweep with other objectives', async () => {
      const [a, b] = shardFiles(ONE_D, 3);
      const other = join(workDir, 'objective-3-of-3.json');
      await sweepOf(ONE_D, 0, '--objective', 'campaign', '--shard', '3/3', '--out', other);
      refused(
        await sim('merge', a!, b!, other),
        `${header}  ${other}: $.plan differs from ${a}'s: the parts come from different sweeps (their --vary, --objective or --usability differ)\n`,
      );
    });

    it('a shard of a sweep over other values', async () => {
      const [a, b] = shardFiles(ONE_D, 3);
      const other = join(workDir, 'values-3-of-3.json');
      const args = ['sweep', ONE_D.sweep[0]!, '--vary', 'amd.greetingMs=200..500:300'];
      await simOk(0, ...args, '--trials', '20', '--shard', '3/3', '--out', other);
      refused(
        await sim('merge', a!, b!, other),
        header +
          `  ${other}: $.plan differs from ${a}'s: the parts come from different sweeps (their --vary, --objective or --usability differ)\n` +
          `  ${other}: $.points differs from ${a}'s: the parts come from different runs\n`,
      );
    });

    it("--csv of a run's parts", async () => {
      const run = join(workDir, 'run-whole.json');
      await simOk(0, 'run', TWO_D.sweep[0]!, '--trials', '5', '--out', run);
      refused(
        await sim('merge', run, '--csv'),
        `--csv prints a sweep, and ${run} is a part of a run ($.command "run"): merge it with or without --json.\n`,
      );
    });

    /** The whole 1-D sweep's part with `edit` applied and its checksum made again. */
    async function resealedPart(name: string, edit: (file: Record<string, any>) => void) {
      const file = JSON.parse(await readFile(partPath(ONE_D, 1, 1), 'utf8')) as Record<string, any>;
      edit(file);
      delete file.checksum;
      const path = join(workDir, name);
      await writeFile(path, JSON.stringify({ ...file, checksum: hashOf(file, sha256) }));
      return path;
    }

    it('a plan edited (and the file resealed): the file and the JSON path', async () => {
      const objective = await resealedPart('objective.json', (f) => (f.plan.objective = 'speed'));
      refused(
        await sim('merge', objective),
        `${objective}: not the parts of a sweep this merge can print:\n` +
          '  $.plan.objective: expected one of "interception", "campaign", "end-to-end", found the string "speed"\n',
      );
      const path = await resealedPart('path.json', (f) => (f.plan.vary[0].path = 'amd.greetngMs'));
      refused(
        await sim('merge', path),
        `${path}: not the parts of a sweep this merge can print:\n` +
          '  $.plan.vary[0].path: expected a field of $.amd (did you mean "greetingMs"? fields here: initialSilenceMs, greetingMs, afterGreetingSilenceMs, totalAnalysisTimeMs, minimumWordLengthMs, betweenWordsSilenceMs, maximumNumberOfWords, silenceThreshold, maximumWordLengthMs, onMachine, onNotSure), found the string "greetngMs"\n',
      );
    });
  },
);
