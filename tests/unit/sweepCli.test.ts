/**
 * `sim sweep` as CI sees it: a real process, its exit code (0 ok, 1 a sweep threshold failed, 2
 * invalid input, before anything runs) and what it prints where (README "Sweeps").
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REPO_ROOT, sim } from './testing/simProcess.ts';

const BASE = 'scenarios/amd-greeting-length-sweep.json';
const WORKERS = String(Math.min(2, availableParallelism()));

let workDir: string;
let base: Record<string, unknown>;

async function writeScenario(name: string, changes: Record<string, unknown>): Promise<string> {
  const path = join(workDir, name);
  await writeFile(
    path,
    `${JSON.stringify({ ...base, $schema: undefined, ...changes }, null, 2)}\n`,
  );
  return path;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-sweep-'));
  base = JSON.parse(await readFile(join(REPO_ROOT, BASE), 'utf8')) as Record<string, unknown>;
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('sim sweep', { timeout: 120_000, concurrent: true }, () => {
  it("gives at each point exactly what `run` gives for that point's scenario", async ({
    expect,
  }) => {
    const noThresholds = await writeScenario('no-thresholds.json', {
      sweep: { vary: (base.sweep as { vary: unknown }).vary },
    });
    const swept = await sim(
      'sweep',
      noThresholds,
      '--vary',
      'amd.greetingMs=500..700:200',
      '--trials',
      '150',
      '--workers',
      WORKERS,
      '--json',
    );
    expect(swept.code).toBe(0);
    const report = JSON.parse(swept.stdout);
    expect(report.points.map((p: any) => p.values)).toEqual([
      { 'amd.greetingMs': 500 },
      { 'amd.greetingMs': 700 },
    ]);
    const file = await writeScenario('point-700.json', {
      amd: { greetingMs: 700 },
      sweep: undefined,
    });
    const run = await sim('run', file, '--trials', '150', '--workers', '1', '--json');
    const alone = JSON.parse(run.stdout);
    for (const strategy of ['amd', 'random-digit']) {
      const { leakCi95, endToEndCi95, abandonCi95, legitMedianSecondsToCodeCi95, ...asRun } =
        report.points[1].strategies[strategy];
      expect(asRun).toEqual(alone.strategies[strategy]);
      expect([leakCi95, endToEndCi95, abandonCi95].every((ci) => ci.length === 2)).toBe(true);
      expect(legitMedianSecondsToCodeCi95).toHaveLength(2);
    }
    expect(report.frontier.security).toBe('interception');
    expect(report.expectations).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('takes the dimensions from the scenario\'s "sweep", and writes the CSV and the SVG plot', async ({
    expect,
  }) => {
    const plot = join(workDir, 'sweep.svg');
    const file = await writeScenario('vary-only.json', {
      sweep: { vary: (base.sweep as { vary: unknown }).vary },
    });
    const run = await sim(
      'sweep',
      file,
      '--trials',
      '40',
      '--workers',
      WORKERS,
      '--csv',
      '--plot',
      plot,
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^point,amd\.greetingMs,strategy,trials,interceptionRate,/);
    // 14 points × 2 strategies, the header and the final CRLF.
    expect(lines).toHaveLength(14 * 2 + 2);
    const svg = await readFile(plot, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<title id="sweep-title">Sweep: AMD\'s longest human greeting');
  });

  it('exits 1 when a sweep threshold fails, listing the closest points on stderr', async ({
    expect,
  }) => {
    const file = await writeScenario('unmet.json', {
      sweep: {
        vary: [{ path: 'amd.greetingMs', from: 500, to: 900, step: 200 }],
        expect: [
          {
            strategy: 'amd',
            some: { interceptionRate: { max: 0.05 }, legitSuccessRate: { min: 0.9 } },
          },
        ],
      },
    });
    const run = await sim('sweep', file, '--trials', '100', '--workers', WORKERS);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sweep expectations: 0 of 1 met');
    const stderr = run.stderr.split('\n');
    expect(stderr[0]).toBe(
      'FAILED some point of amd: interceptionRate ≤ 0.05 and legitSuccessRate ≥ 0.9; closest points:',
    );
    expect(stderr.slice(1, 4).every((l) => /^ {9}amd\.greetingMs = \d+: /.test(l))).toBe(true);
    const checked = await sim('check', file, '--trials', '100', '--workers', WORKERS);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`FAIL ${file}: 2/3 expectations met`);
    expect(checked.stdout).toContain(
      '       sweep: some point of amd: interceptionRate ≤ 0.05 and legitSuccessRate ≥ 0.9; closest points:',
    );
  });

  it('exits 2 before running for a path that names no number, saying where and what it found', async ({
    expect,
  }) => {
    const run = await sim('sweep', BASE, '--vary', 'amd.greetngMs=200..400:100');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `${BASE}: cannot sweep:\n  --vary amd.greetngMs=200..400:100, its path: expected a field of $.amd (did you mean "greetingMs"? fields here: initialSilenceMs, greetingMs, afterGreetingSilenceMs, totalAnalysisTimeMs, minimumWordLengthMs, betweenWordsSilenceMs, maximumNumberOfWords, silenceThreshold, maximumWordLengthMs, onMachine, onNotSure), found the string "greetngMs"\n`,
    );
  });

  it('exits 2 before running for a point that is not a valid scenario', async ({ expect }) => {
    const run = await sim('sweep', BASE, '--vary', 'amd.greetingMs=200..201:0.5');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${BASE}: a point of the sweep is not a valid scenario: Invalid scenario (1 problem):\n  $.amd.greetingMs: expected an integer, found the number 200.5 at the point amd.greetingMs = 200.5\n`,
    );
  });

  it('exits 2 for --vary not of the form path=from..to:step, for a third dimension and for nothing to sweep', async ({
    expect,
  }) => {
    const malformed = await sim('sweep', BASE, '--vary', 'amd.greetingMs=200-400');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(
      'expected <path>=<from>..<to>:<step> with decimal numbers (e.g. amd.afterGreetingSilenceMs=500..2500:100), found "amd.greetingMs=200-400"',
    );
    const three = await sim(
      'sweep',
      BASE,
      ...['amd.greetingMs', 'amd.afterGreetingSilenceMs', 'amd.initialSilenceMs'].flatMap((p) => [
        '--vary',
        `${p}=1000..2000:1000`,
      ]),
    );
    expect(three.code).toBe(2);
    expect(three.stderr).toContain('expected 1 or 2 fields to vary, found 3');
    const none = await writeScenario('no-sweep.json', { sweep: undefined });
    const nothing = await sim('sweep', none);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe(
      `${none}: nothing to sweep: give --vary <path>=<from>..<to>:<step> (once or twice), or a "sweep" with "vary" in the scenario.\n`,
    );
  });
});
