import { describe, expect, it } from 'vitest';
import { callTrace } from '../../sim/callTrace.ts';
import { replayTrial } from '../../sim/replay.ts';
import { compiledWith } from '../../sim/testing/scenarioWith.ts';
import { axisTicks } from './timeAxis.ts';
import {
  flowStateAt,
  formatSeconds,
  lastEventIndex,
  nextStepMs,
  previousStepMs,
  stepTimes,
} from './traceCursor.ts';

/** static-prompt to the owner: answers at 6 s, prompt 6-9 s, key reported 10.04 s, ends 22.04 s. */
const compiled = compiledWith({ attacker: { attempts: 1 } });
const trace = callTrace(replayTrial(compiled, 'static-prompt', 'legit', 0), 0);

describe('traceCursor', () => {
  it('finds the flow state at any instant, the newest one at a shared millisecond', () => {
    expect(flowStateAt(trace, 0)).toBe('ringing');
    expect(flowStateAt(trace, 5_999)).toBe('ringing');
    expect(flowStateAt(trace, 6_000)).toBe('prompting');
    expect(flowStateAt(trace, 9_500)).toBe('awaitingInput');
    expect(flowStateAt(trace, 10_040)).toBe('reading');
    expect(flowStateAt(trace, trace.spanMs)).toBe('ended');
  });

  it('steps from event to event, and stops at the start and the end', () => {
    const times = stepTimes(trace);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(trace.spanMs);
    expect(nextStepMs(trace, 0)).toBe(6_000);
    // The owner's "Hello?" at 6.3 s, then the prompt's end at 9 s.
    expect(nextStepMs(trace, 6_000)).toBe(6_300);
    expect(nextStepMs(trace, 6_300)).toBe(9_000);
    expect(previousStepMs(trace, 9_000)).toBe(6_300);
    expect(previousStepMs(trace, 0)).toBe(0);
    expect(nextStepMs(trace, trace.spanMs)).toBe(trace.spanMs);
  });

  it('points at the last event at or before the playhead', () => {
    expect(lastEventIndex(trace.events, -1)).toBe(-1);
    const i = lastEventIndex(trace.events, 6_000);
    expect(trace.events[i]!.atMs).toBe(6_000);
    expect(trace.events[i + 1]!.atMs).toBeGreaterThan(6_000);
  });

  it('formats milliseconds as seconds', () => {
    expect(formatSeconds(26_840)).toBe('26.84 s');
    expect(formatSeconds(1_500, 1)).toBe('1.5 s');
  });
});

describe('axisTicks', () => {
  it('chooses a step that keeps labels apart at the zoom level', () => {
    expect(axisTicks(10_000, 25).map((t) => t.label)).toEqual(['0 s', '5 s', '10 s']);
    expect(axisTicks(1_000, 200).map((t) => t.ms)).toEqual([0, 500, 1000]);
    expect(axisTicks(1_000, 600)[1]!.label).toBe('0.1 s');
  });
});
