/**
 * The red-team search's known answers (issue 14), through the command line as a user runs it:
 * `sim attack <scenario> --strategy <id> --json`. Each flow has a greeting whose rate has a
 * closed form, and the search must find it (or, for random-digit, find nothing better); none of
 * them is the carrier's 6-second default greeting the scenarios start from.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim } from './testing/simProcess.ts';
import {
  AMD_FRAME_MS,
  AMD_VOICED_COVERAGE_MS,
  detectOnTimeline,
} from '../../src/phone/amd/index.ts';
import { greetingTimeline } from '../../src/phone/greetingTimeline.ts';
import { loadScenario, type GreetingSegment } from '../../src/scenario/index.ts';

const WORKERS = String(Math.min(2, availableParallelism()));
const CARRIER_DEFAULT: GreetingSegment[] = [{ speech: 6 }, { silence: 0.5 }];

interface Rated {
  greeting: GreetingSegment[];
  rate: number;
  ci95: [number, number];
  hits: number;
  trials: number;
}
interface AttackJson {
  best: Rated;
  runnersUp: Rated[];
  evaluations: number;
  trials: number;
  confirmSeed: number;
  seed: number;
  replay: { trialIndex: number } | null;
  replayCommand: string | null;
  out: string;
}

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-redteam-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function attack(file: string, strategy: string, ...extra: string[]): Promise<AttackJson> {
  const out = join(workDir, `${strategy}.best.json`);
  const run = await sim(
    'attack',
    file,
    '--strategy',
    strategy,
    '--json',
    '--workers',
    WORKERS,
    '--out',
    out,
    ...extra,
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as AttackJson;
  expect(report.out).toBe(out);
  return report;
}

/** The keys the service's receiver reports from a greeting at event level, in order. */
function heardKeys(greeting: GreetingSegment[], dtmfDetectMs = 40): string {
  const timeline = greetingTimeline(greeting as Parameters<typeof greetingTimeline>[0]);
  return timeline.tones
    .filter((tone) => tone.endMs - tone.startMs >= dtmfDetectMs)
    .map((tone) => tone.digit)
    .join('');
}

const contains = (ci: [number, number], rate: number) => ci[0] <= rate && rate <= ci[1];

function expectNotTheDefault(report: AttackJson): void {
  for (const rated of [report.best, ...report.runnersUp])
    expect(rated.greeting).not.toEqual(CARRIER_DEFAULT);
}

describe('sim attack finds the known answers', { timeout: 180_000, concurrent: true }, () => {
  it('static-prompt (key 1): a greeting whose first heard key is 1, 98% = 1 − the victim answering', async () => {
    const report = await attack('scenarios/redteam/static-prompt.json', 'static-prompt');
    expect(heardKeys(report.best.greeting)[0]).toBe('1');
    expect(report.best.trials).toBe(2000);
    expect(contains(report.best.ci95, 0.98)).toBe(true);
    expectNotTheDefault(report);
  });

  it('a TwiML "press the pound key" flow: a greeting whose first heard key is #, ≈ 98%', async () => {
    const report = await attack('scenarios/twiml-press-pound.json', 'press-pound');
    expect(heardKeys(report.best.greeting)[0]).toBe('#');
    // 1 − 0.02 × P(the owner's lognormal answer delay, median 6 s, σ 0.4, comes before 25 s).
    expect(contains(report.best.ci95, 0.98)).toBe(true);
    expectNotTheDefault(report);
  });

  it('random-digit (first key decides): about 9.8%, and no reported greeting significantly above 10%', async () => {
    const report = await attack('scenarios/redteam/random-digit.json', 'random-digit');
    expect(heardKeys(report.best.greeting)).toMatch(/^[0-9]/);
    // 0.98 (the victim does not answer) × 0.1 (the digit asked for is the greeting's first key).
    expect(contains(report.best.ci95, 0.098)).toBe(true);
    for (const rated of [report.best, ...report.runnersUp])
      expect(rated.ci95[0]).toBeLessThanOrEqual(0.1);
    expectNotTheDefault(report);
  });

  it('random-digit re-asking the same digit after a wrong key: a greeting of every digit, 98%', async () => {
    const report = await attack('scenarios/redteam/random-digit-reask.json', 'random-digit');
    // Nine re-asks: the flow judges the greeting's first ten keys, which must hold every digit.
    const firstTen = heardKeys(report.best.greeting).slice(0, 10);
    expect([...firstTen].sort().join('')).toBe('0123456789');
    expect(contains(report.best.ci95, 0.98)).toBe(true);
    expectNotTheDefault(report);
  });

  it("amd (app_amd's defaults, hang up on a machine): a short voiced part, then 0.8 s of silence, ≈ 98%", async () => {
    const report = await attack('scenarios/redteam/amd.json', 'amd');
    expect(contains(report.best.ci95, 0.98)).toBe(true);
    // What app_amd hears from the box: the greeting, then the beep (voice too), then silence.
    const { amd } = loadScenario({});
    const timeline = greetingTimeline(
      report.best.greeting as Parameters<typeof greetingTimeline>[0],
    );
    const beep = { startMs: timeline.endMs, endMs: timeline.endMs + 500 };
    const voiced = [...timeline.voiced];
    const last = voiced[voiced.length - 1];
    if (last && last.endMs >= beep.startMs)
      voiced[voiced.length - 1] = { ...last, endMs: beep.endMs };
    else voiced.push(beep);
    const verdict = detectOnTimeline(voiced, amd);
    expect(verdict.verdict).toBe('HUMAN');
    // Before the verdict: at most two words (voiced spans of 100 ms or more), under 1.5 s of
    // voice in all, and the last 0.8 s silent in app_amd's 20 ms frames (a frame is voice when
    // voice covers half of it).
    const before = voiced
      .map((s) => ({ startMs: s.startMs, endMs: Math.min(s.endMs, verdict.decisionMs) }))
      .filter((s) => s.endMs > s.startMs);
    expect(before.filter((s) => s.endMs - s.startMs >= 100).length).toBeLessThanOrEqual(2);
    expect(before.reduce((ms, s) => ms + s.endMs - s.startMs, 0)).toBeLessThan(1500);
    const frameIsVoice = (start: number) =>
      before.reduce(
        (ms, s) =>
          ms + Math.max(0, Math.min(s.endMs, start + AMD_FRAME_MS) - Math.max(s.startMs, start)),
        0,
      ) >= AMD_VOICED_COVERAGE_MS;
    let silentMs = 0;
    for (
      let start = verdict.decisionMs - AMD_FRAME_MS;
      start >= 0 && !frameIsVoice(start);
      start -= AMD_FRAME_MS
    )
      silentMs += AMD_FRAME_MS;
    expect(silentMs).toBeGreaterThanOrEqual(800);
    expectNotTheDefault(report);
  });
});

describe('sim attack prints a replay command that works as printed', { timeout: 180_000 }, () => {
  it('replays a call the best greeting won on the confirmation seed', async () => {
    const out = join(workDir, 'replayed.json');
    const run = await sim(
      'attack',
      'scenarios/redteam/static-prompt.json',
      '--strategy',
      'static-prompt',
      '--budget',
      '60',
      '--trials',
      '300',
      '--workers',
      WORKERS,
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('replay a won call: '))!;
    const command = line.slice('replay a won call: '.length);
    expect(command).toMatch(
      new RegExp(
        `^npm run sim -- trial ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --strategy static-prompt --kind attack --index \\d+ --seed \\d+$`,
      ),
    );
    const replay = await sim(...command.slice('npm run sim -- '.length).split(' '));
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/call 1: .*\n[\s\S]*: ACCEPTED\n/);
  });
});
