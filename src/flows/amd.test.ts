import { describe, expect, it } from 'vitest';
import type { AmdVerdict } from '../phone/amd/index.ts';
import { cmd, driveFlow } from './testing/recordingPort.ts';
import { amdFlow } from './amd.ts';
import type { BuiltInFlowEvent, FlowSettings } from './events.ts';

const ANSWERED = { type: 'ANSWERED' } as const;
const DONE = { type: 'PLAYBACK_DONE' } as const;
const BEEP = { type: 'BEEP' } as const;
const HANGUP = { type: 'HANGUP' } as const;
const CAUSE = { HUMAN: 'HUMAN', MACHINE: 'LONGGREETING', NOTSURE: 'TOOLONG' } as const;
const verdict = (v: AmdVerdict): BuiltInFlowEvent => ({
  type: 'AMD_RESULT',
  result: { verdict: v, cause: CAUSE[v], decisionMs: 1700 },
});

const run = (events: BuiltInFlowEvent[], settings: Partial<FlowSettings> = {}) =>
  driveFlow(amdFlow, events, { settings });

describe('amd flow', () => {
  it('starts detection on answer and says nothing until the verdict', () => {
    const result = run([ANSWERED, DONE, { type: 'DTMF', digit: '1' }, { type: 'TIMEOUT' }, BEEP]);
    expect(result.state).toBe('detecting');
    expect(result.commands).toEqual([cmd.startAmd]);
  });

  it('reads the code readoutRepeats times to a HUMAN, then hangs up as done', () => {
    const reading = run([ANSWERED, verdict('HUMAN')]);
    expect(reading.state).toBe('reading');
    expect(reading.commands).toEqual([cmd.startAmd, cmd.readout(3)]);
    const result = run([ANSWERED, verdict('HUMAN'), DONE]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, cmd.readout(3), cmd.hangup('done')]);
    expect(run([ANSWERED, verdict('HUMAN'), DONE], { readoutRepeats: 1 }).commands).toEqual([
      cmd.startAmd,
      cmd.readout(1),
      cmd.hangup('done'),
    ]);
  });

  it("hangs up on a MACHINE with 'machine-detected', without reading", () => {
    const result = run([ANSWERED, verdict('MACHINE')]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, cmd.hangup('machine-detected')]);
  });

  describe("with onMachine 'leave-code'", () => {
    const leaveCode = { onMachine: 'leave-code' } as const;

    it('asks the line for the beep after a MACHINE, then reads the code when it comes', () => {
      const waiting = run([ANSWERED, verdict('MACHINE')], leaveCode);
      expect(waiting.state).toBe('awaitingBeep');
      expect(waiting.commands).toEqual([cmd.startAmd, cmd.awaitBeep]);
      const reading = run([ANSWERED, verdict('MACHINE'), BEEP], leaveCode);
      expect(reading.state).toBe('reading');
      expect(reading.commands).toEqual([cmd.startAmd, cmd.awaitBeep, cmd.readout(3)]);
      const result = run([ANSWERED, verdict('MACHINE'), BEEP, DONE], leaveCode);
      expect(result.done).toBe(true);
      expect(result.commands).toEqual([
        cmd.startAmd,
        cmd.awaitBeep,
        cmd.readout(3),
        cmd.hangup('done'),
      ]);
    });

    it('says nothing while it waits for the beep: playback ends, keys and timeouts change nothing', () => {
      const noise: BuiltInFlowEvent[] = [DONE, { type: 'DTMF', digit: '1' }, { type: 'TIMEOUT' }];
      const result = run([ANSWERED, verdict('MACHINE'), ...noise], leaveCode);
      expect(result.state).toBe('awaitingBeep');
      expect(result.commands).toEqual([cmd.startAmd, cmd.awaitBeep]);
    });

    // A beep before the verdict is the line's to remember (awaitBeep answers at once then);
    // the flow neither remembers it nor reads early.
    it('ignores a BEEP before the verdict and still asks for the beep after a MACHINE', () => {
      const early = run([ANSWERED, BEEP], leaveCode);
      expect(early.state).toBe('detecting');
      expect(early.commands).toEqual([cmd.startAmd]);
      const result = run([ANSWERED, BEEP, verdict('MACHINE')], leaveCode);
      expect(result.state).toBe('awaitingBeep');
      expect(result.commands).toEqual([cmd.startAmd, cmd.awaitBeep]);
    });

    it('reads to a HUMAN (and to NOTSURE taken as one) without asking for the beep', () => {
      for (const v of ['HUMAN', 'NOTSURE'] as const) {
        const result = run([ANSWERED, verdict(v), DONE], leaveCode);
        expect(result.commands).toEqual([cmd.startAmd, cmd.readout(3), cmd.hangup('done')]);
      }
    });

    it('still reads to a HUMAN and hangs up on NOTSURE when told to', () => {
      expect(run([ANSWERED, verdict('HUMAN')], leaveCode).state).toBe('reading');
      expect(
        run([ANSWERED, verdict('NOTSURE')], { ...leaveCode, onNotSure: 'hangup' }).commands,
      ).toEqual([cmd.startAmd, cmd.hangup('not-sure')]);
    });
  });

  it("treats NOTSURE as a human with onNotSure 'human' (the default)", () => {
    const result = run([ANSWERED, verdict('NOTSURE'), DONE], { onNotSure: 'human' });
    expect(result.commands).toEqual([cmd.startAmd, cmd.readout(3), cmd.hangup('done')]);
  });

  it("hangs up on NOTSURE with 'not-sure' when onNotSure is 'hangup'", () => {
    const result = run([ANSWERED, verdict('NOTSURE')], { onNotSure: 'hangup' });
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, cmd.hangup('not-sure')]);
  });

  it("never asks for the beep with onMachine 'hangup', and a BEEP changes nothing", () => {
    for (const v of ['HUMAN', 'MACHINE', 'NOTSURE'] as const) {
      const result = run([BEEP, ANSWERED, BEEP, verdict(v), BEEP, DONE]);
      expect(result.done).toBe(true);
      expect(result.commands).not.toContainEqual(cmd.awaitBeep);
    }
    expect(run([ANSWERED, BEEP, verdict('HUMAN'), BEEP, DONE]).commands).toEqual([
      cmd.startAmd,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('ends without a word when nobody answers', () => {
    expect(run([{ type: 'NO_ANSWER' }]).commands).toEqual([]);
  });

  it.each<[string, BuiltInFlowEvent[], Partial<FlowSettings>]>([
    ['ringing', [], {}],
    ['detecting', [ANSWERED], {}],
    ['awaitingBeep', [ANSWERED, verdict('MACHINE')], { onMachine: 'leave-code' }],
    ['reading', [ANSWERED, verdict('HUMAN')], {}],
  ])('ends on a far-end HANGUP in %s, without hanging up itself', (state, reach, settings) => {
    expect(run(reach, settings).state).toBe(state);
    const result = run([...reach, HANGUP], settings);
    expect(result.done).toBe(true);
    expect(result.commands.filter((c) => c.command === 'hangup')).toEqual([]);
  });
});
