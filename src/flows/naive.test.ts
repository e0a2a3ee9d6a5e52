import { describe, expect, it } from 'vitest';
import { cmd, driveFlow } from './testing/recordingPort.ts';
import type { BuiltInFlowEvent } from './events.ts';
import { naiveFlow } from './naive.ts';

const ANSWERED = { type: 'ANSWERED' } as const;
const DONE = { type: 'PLAYBACK_DONE' } as const;
const HANGUP = { type: 'HANGUP' } as const;

describe('naive flow', () => {
  it('reads the code as soon as the call is answered', () => {
    const run = driveFlow(naiveFlow, [ANSWERED]);
    expect(run.state).toBe('reading');
    expect(run.commands).toEqual([cmd.readout(3)]);
  });

  it('reads the code readoutRepeats times in one playback, then hangs up as done', () => {
    const run = driveFlow(naiveFlow, [ANSWERED, DONE]);
    expect(run.done).toBe(true);
    expect(run.commands).toEqual([cmd.readout(3), cmd.hangup('done')]);
  });

  it('honours readoutRepeats of 1', () => {
    const run = driveFlow(naiveFlow, [ANSWERED, DONE], { settings: { readoutRepeats: 1 } });
    expect(run.commands).toEqual([cmd.readout(1), cmd.hangup('done')]);
  });

  it('reads to whatever answers: keys, beeps and AMD verdicts change nothing', () => {
    const noise: BuiltInFlowEvent[] = [
      { type: 'DTMF', digit: '3' },
      { type: 'BEEP' },
      {
        type: 'AMD_RESULT',
        result: { verdict: 'MACHINE', cause: 'LONGGREETING', decisionMs: 1500 },
      },
      { type: 'TIMEOUT' },
    ];
    const reading = driveFlow(naiveFlow, [ANSWERED, ...noise]);
    expect(reading.state).toBe('reading');
    expect(reading.commands).toEqual([cmd.readout(3)]);
    const run = driveFlow(naiveFlow, [ANSWERED, ...noise, DONE, ...noise]);
    expect(run.commands).toEqual([cmd.readout(3), cmd.hangup('done')]);
  });

  it('never asks the line for the beep', () => {
    const run = driveFlow(naiveFlow, [{ type: 'BEEP' }, ANSWERED, { type: 'BEEP' }, DONE]);
    expect(run.commands).toEqual([cmd.readout(3), cmd.hangup('done')]);
  });

  it('ends without a word when nobody answers', () => {
    const run = driveFlow(naiveFlow, [{ type: 'NO_ANSWER' }]);
    expect(run.done).toBe(true);
    expect(run.commands).toEqual([]);
  });

  it('stops mid-readout when the far end hangs up, without hanging up itself', () => {
    const run = driveFlow(naiveFlow, [ANSWERED, HANGUP]);
    expect(run.done).toBe(true);
    expect(run.commands).toEqual([cmd.readout(3)]);
  });

  it.each<[string, BuiltInFlowEvent[]]>([
    ['ringing', []],
    ['reading', [ANSWERED]],
  ])('ends on a far-end HANGUP in %s', (state, reach) => {
    expect(driveFlow(naiveFlow, reach).state).toBe(state);
    const run = driveFlow(naiveFlow, [...reach, HANGUP]);
    expect(run.done).toBe(true);
    expect(run.commands.filter((c) => c.command === 'hangup')).toEqual([]);
  });
});
