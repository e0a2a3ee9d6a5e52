/**
 * A replay at the signal level shows every key exactly where the DTMF receiver reported it: the
 * trace and the swim lanes read the engine's typed events, and re-derive no timing rule that
 * holds only at the event level (the receiver places each tone's start a few ms off through line
 * noise). `sim trial --json` prints the same events.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import type { CallEvent } from '../../src/sim/callEvents.ts';
import { callTrace } from '../../src/sim/callTrace.ts';
import { compileScenario } from '../../src/sim/compile.ts';
import { replayTrial } from '../../src/sim/replay.ts';
import { laneModel } from '../../src/ui/replay/laneModel.ts';
import { REPO_ROOT, sim } from './testing/simProcess.ts';

let dir: string;
let file: string;
let scenarioJson: Record<string, unknown>;

beforeAll(async () => {
  const text = await readFile(join(REPO_ROOT, 'scenarios/night-attack-dtmf-1.json'), 'utf8');
  scenarioJson = { ...(JSON.parse(text) as Record<string, unknown>), fidelity: 'signal' };
  delete scenarioJson.$schema;
  dir = await mkdtemp(join(tmpdir(), 'signal-replay-'));
  file = join(dir, 'night-attack-signal.json');
  await writeFile(file, JSON.stringify(scenarioJson));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type KeyReport = Extract<CallEvent, { type: 'key-reported' }>;
const reportsOf = (events: readonly CallEvent[]) =>
  events.filter((e): e is KeyReport => e.type === 'key-reported');

describe('night-attack-dtmf-1 at fidelity "signal", static-prompt, attack trial 0', () => {
  it('finds every key the receiver reported, at its reported time, in the trace and the lanes', () => {
    const compiled = compileScenario(loadScenario(scenarioJson));
    const replay = replayTrial(compiled, 'static-prompt', 'attack', 0);
    const reports = reportsOf(replay.events[0]!);
    // The greeting plays ten tones of key 1; the receiver hears each a few ms from where the
    // event level would (tone start + 40 ms), so an event-level rule would miss some of them.
    expect(reports).toHaveLength(10);
    expect(reports.slice(0, 4).map((r) => r.atMs)).toEqual([26_840, 27_038, 27_242, 27_440]);
    expect(reports.some((r) => r.atMs !== r.toneStartMs + 40 || r.toneStartMs % 200 !== 0)).toBe(
      true,
    );

    const trace = callTrace(replay, 0);
    const detected = trace.tones.filter((tone) => tone.reportedAtMs !== null);
    expect(detected.map((t) => [t.digit, t.reportedAtMs])).toEqual(
      reports.map((r) => [r.digit, r.atMs]),
    );
    expect(trace.tones.every((tone) => tone.reportedAtMs !== null)).toBe(true);

    const dtmfLane = laneModel(trace).find((lane) => lane.id === 'dtmf')!;
    expect(dtmfLane.items.map((item) => item.data?.reportedAtMs)).toEqual(
      reports.map((r) => String(r.atMs)),
    );
    expect(dtmfLane.items.every((item) => item.style === 'dtmf')).toBe(true);
  });

  it('prints the same typed events with `sim trial --json`', async () => {
    const { code, stdout } = await sim('trial', file, '--strategy', 'static-prompt', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { events: CallEvent[][] };
    const compiled = compileScenario(loadScenario(scenarioJson));
    const replay = replayTrial(compiled, 'static-prompt', 'attack', 0);
    expect(printed.events).toEqual(JSON.parse(JSON.stringify(replay.events)));
    expect(reportsOf(printed.events[0]!).map((r) => r.atMs)).toEqual(
      reportsOf(replay.events[0]!).map((r) => r.atMs),
    );
    expect(printed.events[0]!.every((e) => typeof e.type === 'string')).toBe(true);
  });
});
