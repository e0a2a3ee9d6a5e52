import { describe, expect, it } from 'vitest';
import type { AmdVerdict } from '../phone/amd/index.ts';
import { cmd, driveFlow } from '../sim/testing/recordingPort.ts';
import { amdFlow } from './amd.ts';
import type { CallEvent, FlowSettings } from './events.ts';

const ANSWERED = { type: 'ANSWERED' } as const;
const DONE = { type: 'PLAYBACK_DONE' } as const;
const BEEP = { type: 'BEEP' } as const;
const HANGUP = { type: 'HANGUP' } as const;
const CAUSE = { HUMAN: 'HUMAN', MACHINE: 'LONGGREETING', NOTSURE: 'TOOLONG' } as const;
const verdict = (v: AmdVerdict): CallEvent => ({
  type: 'AMD_RESULT',
  result: { verdict: v, cause: CAUSE[v], decisionMs: 1700 },
});

const run = (events: CallEvent[], settings: Partial<FlowSettings> = {}) =>
  driveFlow(amdFlow, events, { settings });
const readouts = (n: number) => Array.from({ length: n }, () => cmd.readout);

describe('amd flow', () => {
  it('starts detection on answer and says nothing until the verdict', () => {
    const result = run([ANSWERED, DONE, { type: 'DTMF', digit: '1' }, { type: 'TIMEOUT' }]);
    expect(result.state).toBe('detecting');
    expect(result.commands).toEqual([cmd.startAmd]);
  });

  it('reads the code readoutRepeats times to a HUMAN, then hangs up as done', () => {
    const result = run([ANSWERED, verdict('HUMAN'), DONE, DONE, DONE]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, ...readouts(3), cmd.hangup('done')]);
  });

  it("hangs up on a MACHINE with 'machine-detected', without reading", () => {
    const result = run([ANSWERED, verdict('MACHINE')]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, cmd.hangup('machine-detected')]);
  });

  describe("with onMachine 'leave-code'", () => {
    const leaveCode = { onMachine: 'leave-code' } as const;

    it('waits for the beep after a MACHINE, then reads the code', () => {
      const waiting = run([ANSWERED, verdict('MACHINE')], leaveCode);
      expect(waiting.state).toBe('awaitingBeep');
      expect(waiting.commands).toEqual([cmd.startAmd]);
      const result = run([ANSWERED, verdict('MACHINE'), BEEP, DONE, DONE, DONE], leaveCode);
      expect(result.commands).toEqual([cmd.startAmd, ...readouts(3), cmd.hangup('done')]);
    });

    it('reads at once if the beep was already heard during detection', () => {
      const result = run([ANSWERED, BEEP, verdict('MACHINE')], leaveCode);
      expect(result.state).toBe('reading');
      expect(result.commands).toEqual([cmd.startAmd, cmd.readout]);
    });

    it('still reads to a HUMAN and hangs up on NOTSURE when told to', () => {
      expect(run([ANSWERED, verdict('HUMAN')], leaveCode).state).toBe('reading');
      expect(
        run([ANSWERED, verdict('NOTSURE')], { ...leaveCode, onNotSure: 'hangup' }).commands,
      ).toEqual([cmd.startAmd, cmd.hangup('not-sure')]);
    });
  });

  it("treats NOTSURE as a human with onNotSure 'human' (the default)", () => {
    const result = run([ANSWERED, verdict('NOTSURE'), DONE, DONE, DONE], { onNotSure: 'human' });
    expect(result.commands).toEqual([cmd.startAmd, ...readouts(3), cmd.hangup('done')]);
  });

  it("hangs up on NOTSURE with 'not-sure' when onNotSure is 'hangup'", () => {
    const result = run([ANSWERED, verdict('NOTSURE')], { onNotSure: 'hangup' });
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.startAmd, cmd.hangup('not-sure')]);
  });

  it('remembers a beep heard before the verdict', () => {
    expect(run([ANSWERED, BEEP]).snapshot.context.beepHeard).toBe(true);
    expect(run([ANSWERED]).snapshot.context.beepHeard).toBe(false);
  });

  it('ends without a word when nobody answers', () => {
    expect(run([{ type: 'NO_ANSWER' }]).commands).toEqual([]);
  });

  it.each<[string, CallEvent[], Partial<FlowSettings>]>([
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
