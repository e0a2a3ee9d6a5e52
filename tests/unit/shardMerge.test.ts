/**
 * Splitting a run across machines (README "Splitting a run across machines"), through the command
 * line as CI runs it: `run --shard i/n --out part.json` on each machine, then `merge part*.json`
 * prints byte for byte what one `run` prints (stdout, stderr and exit code, text and --json),
 * and every way the parts can be wrong exits 2 naming the file and what is wrong.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim, REPO_ROOT, type CliRun } from './testing/simProcess.ts';
import { sha256 } from '../../src/cli/partFile.ts';
import { hashOf } from '../../src/sim/partialTallies.ts';

interface IdentityCase {
  readonly scenario: string;
  /** What the scenario shows about merging. */
  readonly why: string;
  readonly trials: number;
  /** What `run` exits with: 1 when a threshold fails. */
  readonly exitCode: number;
  readonly shardCounts: readonly number[];
}

const CASES: readonly IdentityCase[] = [
  {
    scenario: 'scenarios/amd-long-real-greeting.json',
    why: 'built-in flows; 100 trials split unevenly into 3 and 7; thresholds that fail at 100 trials, so exit code 1 and FAILED lines on stderr',
    trials: 100,
    exitCode: 1,
    shardCounts: [1, 3, 7],
  },
  {
    scenario: 'scenarios/twiml-press-pound.json',
    why: 'a TwiML flow read from files; 210 trials split evenly into 3 and 7',
    trials: 210,
    exitCode: 0,
    shardCounts: [1, 3, 7],
  },
];

let workDir: string;

/** Runs the commands at most `limit` at a time (each is a process with worker threads). */
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

/** Where shard `index` of `count` of case `c` is written. */
function partPath(c: IdentityCase, count: number, index: number): string {
  return join(workDir, `${c.scenario.replace(/\W+/g, '-')}-${index}-of-${count}.json`);
}

function shardFiles(c: IdentityCase, count: number): string[] {
  return Array.from({ length: count }, (_, i) => partPath(c, count, i + 1));
}

/** Each case's single run, text and --json, and its shards written. */
const single = new Map<IdentityCase, { text: CliRun; json: CliRun }>();

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-shards-'));
  const jobs: (() => Promise<unknown>)[] = [];
  for (const c of CASES) {
    const trials = String(c.trials);
    jobs.push(async () => {
      const [text, json] = await Promise.all([
        simOk(c.exitCode, 'run', c.scenario, '--trials', trials, '--workers', '1'),
        simOk(c.exitCode, 'run', c.scenario, '--trials', trials, '--workers', '1', '--json'),
      ]);
      single.set(c, { text, json });
    });
    for (const count of c.shardCounts) {
      for (const [i, out] of shardFiles(c, count).entries()) {
        jobs.push(() =>
          simOk(
            0,
            'run',
            c.scenario,
            '--trials',
            trials,
            '--workers',
            '1',
            '--shard',
            `${i + 1}/${count}`,
            '--out',
            out,
          ),
        );
      }
    }
  }
  await inTurn(jobs);
}, 600_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('merge gives what one run prints, byte for byte', { timeout: 120_000 }, () => {
  for (const c of CASES) {
    for (const count of c.shardCounts) {
      it(`${c.scenario}, ${count} shard(s) (${c.why})`, async () => {
        const files = shardFiles(c, count);
        // Given in any order: the merge sorts nothing out of the command line's order.
        const [text, json] = await Promise.all([
          sim('merge', ...[...files].reverse()),
          sim('merge', ...files, '--json'),
        ]);
        expect(text).toEqual(single.get(c)!.text);
        expect(json).toEqual(single.get(c)!.json);
      });
    }
  }

  it('run --out without --shard prints what run prints and writes the part --shard 1/1 writes', async () => {
    const c = CASES[0]!;
    const out = join(workDir, 'whole.json');
    const run = await sim('run', c.scenario, '--trials', String(c.trials), '--out', out);
    expect(run).toEqual(single.get(c)!.text);
    expect(await readFile(out, 'utf8')).toBe(await readFile(partPath(c, 1, 1), 'utf8'));
  });

  it('a shard says which trials it ran and where it wrote them', async () => {
    const c = CASES[0]!;
    const out = join(workDir, 'says.json');
    const run = await sim('run', c.scenario, '--trials', '100', '--shard', '3/7', '--out', out);
    expect(run).toEqual({
      code: 0,
      stdout: `shard 3/7 of "Night attack: the victim's own long greeting against AMD, and what AMD costs real users": trials 28 to 41 of 100 for each of 4 strategies, partial tallies written to ${out}\n`,
      stderr: '',
    });
  });
});

describe('run --shard refuses bad input with exit 2', { timeout: 60_000, concurrent: true }, () => {
  const EXAMPLE = CASES[0]!.scenario;

  it.each(['0/3', '4/3', 'a/b'])('--shard %s', async (shard) => {
    const run = await sim('run', EXAMPLE, '--shard', shard, '--out', join(workDir, 'x.json'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: option '--shard <i/n>' argument '${shard}' is invalid. expected i/n, shard i of n with 1 ≤ i ≤ n (e.g. 1/3, 2/3, 3/3), found "${shard}".`,
    );
  });

  it('more shards than trials', async () => {
    const run = await sim(
      'run',
      EXAMPLE,
      '--trials',
      '2',
      '--shard',
      '1/3',
      '--out',
      join(workDir, 'x.json'),
    );
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "--shard 1/3: expected at most 2 shards, the run's trials (each shard runs at least one trial), found 3.\n",
    });
  });

  it('--shard without --out', async () => {
    const run = await sim('run', EXAMPLE, '--shard', '1/3');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        '--shard 1/3 writes the shard\'s partial tallies to a file: add --out FILE (then merge the parts with "npm run sim -- merge").\n',
    });
  });

  it('--shard with --json', async () => {
    const run = await sim(
      'run',
      EXAMPLE,
      '--shard',
      '1/3',
      '--out',
      join(workDir, 'x.json'),
      '--json',
    );
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        '--json prints a whole run\'s results, and a shard\'s are partial: merge the parts ("npm run sim -- merge part*.json --json") to print them.\n',
    });
  });

  it('--out in a folder that does not exist, before any trial runs', async () => {
    const out = join(workDir, 'no-such-folder', 'part.json');
    const run = await sim('run', EXAMPLE, '--shard', '1/3', '--out', out);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${out}: cannot write the partial tallies (no such folder).\n`,
    });
  });
});

describe(
  'merge refuses parts that are not every shard of one run, with exit 2',
  { timeout: 120_000, concurrent: true },
  () => {
    const c = CASES[0]!;
    const parts = () => shardFiles(c, 3);
    const mergeOf = (...files: string[]) => sim('merge', ...files);
    /** A part of the 3-shard split with `edit` applied to its JSON, written to `name`. */
    async function editedPart(name: string, edit: (file: Record<string, any>) => void) {
      const file = JSON.parse(await readFile(parts()[0]!, 'utf8')) as Record<string, any>;
      edit(file);
      const path = join(workDir, name);
      await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
      return path;
    }
    const fails = (run: CliRun, stderr: string) => {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(stderr);
    };
    const header = 'cannot merge the parts: they are not every shard of one run, once each:\n';

    it('a shard missing', async () => {
      const [a, b] = parts();
      fails(await mergeOf(a!, b!), `${header}  shard 3/3 missing; given: 1/3 (${a}), 2/3 (${b})\n`);
    });

    it('a shard given twice', async () => {
      const [a, b, c3] = parts();
      fails(
        await mergeOf(a!, b!, b!, c3!),
        `${header}  ${b}: $.shard.index: shard 2/3 is given twice (also in ${b})\n`,
      );
    });

    it('a shard of a split into another number of shards', async () => {
      const [a, b] = parts();
      const seventh = partPath(c, 7, 3);
      fails(
        await mergeOf(a!, b!, seventh),
        `${header}  ${seventh}: $.shard.count differs from ${a}'s: the parts split the run into different numbers of shards\n`,
      );
    });

    it('a shard of a run with another seed', async () => {
      const [a, b] = parts();
      const other = join(workDir, 'seed-8.json');
      await simOk(
        0,
        'run',
        c.scenario,
        '--trials',
        String(c.trials),
        '--seed',
        '8',
        '--shard',
        '3/3',
        '--out',
        other,
      );
      fails(
        await mergeOf(a!, b!, other),
        header +
          `  ${other}: $.scenarioHash differs from ${a}'s: the parts ran different scenarios (or one with different command-line options)\n` +
          `  ${other}: $.seed differs from ${a}'s: the parts come from different runs\n`,
      );
    });

    it('a shard that read other flow documents', async () => {
      // The TwiML scenario copied with its flow folder; one document changed before shard 2 runs.
      const folder = join(workDir, 'twiml-copy');
      await cp(join(REPO_ROOT, 'scenarios/flows/press-pound'), join(folder, 'flows/press-pound'), {
        recursive: true,
      });
      const scenario = join(folder, 'twiml-press-pound.json');
      await cp(join(REPO_ROOT, 'scenarios/twiml-press-pound.json'), scenario);
      const run = (shard: string, out: string) =>
        simOk(
          0,
          'run',
          scenario,
          '--trials',
          '20',
          '--workers',
          '1',
          '--shard',
          shard,
          '--out',
          out,
        );
      const first = join(workDir, 'twiml-1.json');
      const second = join(workDir, 'twiml-2.json');
      await run('1/2', first);
      const start = join(folder, 'flows/press-pound/start.xml');
      await writeFile(start, `${await readFile(start, 'utf8')}\n<!-- changed -->\n`);
      await run('2/2', second);
      fails(
        await mergeOf(first, second),
        `${header}  ${second}: $.inputsHash differs from ${first}'s: the parts read different flow documents or greeting recordings (the scenario's files differ between the machines)\n`,
      );
    }, 120_000);

    it('files unreadable, not JSON, of another version, or changed by hand: each under its name, at its JSON path', async () => {
      const missing = join(workDir, 'no-such-part.json');
      const broken = join(workDir, 'broken.json');
      await writeFile(broken, '{ "format": "voice-otp-lab/partial-tallies", }');
      const version = await editedPart('version-2.json', (f) => (f.formatVersion = 2));
      const count = await editedPart(
        'count.json',
        (f) => (f.points[0].tallies.amd.legitSuccess.n = 1000),
      );
      // One fewer interception of naive: every count still agrees with the others.
      let changed: Record<string, any> = {};
      const checksum = await editedPart('checksum.json', (f) => {
        f.points[0].tallies.naive.interception.successes -= 1;
        changed = f;
      });
      const { checksum: stored, ...body } = changed;
      const scenario = await editedPart('scenario.json', (f) => (f.scenario.seed = 8));
      const scenarioHash = hashOf(
        { ...(JSON.parse(await readFile(scenario, 'utf8')) as Record<string, any>).scenario },
        sha256,
      );
      const good = parts()[1]!;
      fails(
        await mergeOf(missing, broken, good, version, count, checksum, scenario),
        [
          `${missing}: not a part this merge can use (1 problem):`,
          '  $: expected a readable file, found no such file',
          `${broken}: not a part this merge can use (1 problem):`,
          "  $: expected valid JSON, found a syntax error (expected a property name after ',', found '}' (JSON allows no comma before '}') at line 1, column 46)",
          `${version}: not a part this merge can use (1 problem):`,
          '  $.formatVersion: expected 1 (the version of the format this voice-otp-lab reads), found the number 2',
          `${count}: not a part this merge can use (1 problem):`,
          '  $.points[0].tallies.amd.legitSuccess.n: expected 33 (one per trial of the shard), found the number 1000',
          `${checksum}: not a part this merge can use (1 problem):`,
          `  $.checksum: expected ${hashOf(body, sha256)}, the checksum of the rest of the file, found ${stored}: the file was changed after it was written`,
          `${scenario}: not a part this merge can use (2 problems):`,
          `  $.scenarioHash: expected ${scenarioHash}, the hash of $.scenario, found ${(JSON.parse(await readFile(parts()[0]!, 'utf8')) as { scenarioHash: string }).scenarioHash}`,
          '  $.seed: expected 8, as in $.scenario.seed, found the number 106',
          '',
        ].join('\n'),
      );
    });
  },
);
