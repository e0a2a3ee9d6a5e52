import { describe, expect, it } from 'vitest';
import { cmd, driveFlow } from './testing/recordingPort.ts';
import type { BuiltInFlowEvent } from './events.ts';
import { randomDigitFlow } from './randomDigit.ts';

const ANSWERED = { type: 'ANSWERED' } as const;
const DONE = { type: 'PLAYBACK_DONE' } as const;
const TIMEOUT = { type: 'TIMEOUT' } as const;
const HANGUP = { type: 'HANGUP' } as const;
const key = (digit: string): BuiltInFlowEvent => ({ type: 'DTMF', digit });

/** This call drew 7: "Press 7 to hear your code". */
const run = (events: BuiltInFlowEvent[], settings = {}) =>
  driveFlow(randomDigitFlow, events, { settings, expectedDigit: '7' });

describe('random-digit flow', () => {
  it('asks for the digit drawn for this call', () => {
    expect(run([ANSWERED]).commands).toEqual([cmd.prompt('7')]);
    expect(driveFlow(randomDigitFlow, [ANSWERED], { expectedDigit: '0' }).commands).toEqual([
      cmd.prompt('0'),
    ]);
  });

  it('reads the code readoutRepeats times after the expected key, then hangs up as done', () => {
    const result = run([ANSWERED, DONE, key('7'), DONE]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([
      cmd.prompt('7'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('honours readoutRepeats', () => {
    const result = run([ANSWERED, key('7'), DONE], { readoutRepeats: 2 });
    expect(result.commands).toEqual([
      cmd.prompt('7'),
      cmd.stopPlayback,
      cmd.readout(2),
      cmd.hangup('done'),
    ]);
  });

  it('stops the prompt when a key arrives during it (barge-in)', () => {
    const result = run([ANSWERED, key('7')]);
    expect(result.state).toBe('reading');
    expect(result.commands).toEqual([cmd.prompt('7'), cmd.stopPlayback, cmd.readout(3)]);
  });

  it('hangs up on the first wrong key while it waits for input', () => {
    const result = run([ANSWERED, DONE, key('3')]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([
      cmd.prompt('7'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.hangup('wrong-digit'),
    ]);
  });

  it('hangs up on the first wrong key during the prompt, cutting the prompt off', () => {
    const result = run([ANSWERED, key('3')]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([cmd.prompt('7'), cmd.stopPlayback, cmd.hangup('wrong-digit')]);
  });

  it('lets only the first key decide: the right key after a wrong one is too late', () => {
    const result = run([ANSWERED, key('0'), key('7'), DONE]);
    expect(result.done).toBe(true);
    expect(
      result.commands.filter((c) => c.command === 'play' && c.playback.kind === 'readout'),
    ).toEqual([]);
  });

  it('beats a greeting that plays every key only when its first key is the one asked for', () => {
    const everyKey = '0123456789'.split('').map(key);
    expect(run([ANSWERED, ...everyKey]).commands).toEqual([
      cmd.prompt('7'),
      cmd.stopPlayback,
      cmd.hangup('wrong-digit'),
    ]);
    const startsWithSeven = driveFlow(randomDigitFlow, [ANSWERED, ...everyKey], {
      expectedDigit: '0',
    });
    expect(startsWithSeven.state).toBe('reading');
  });

  it('re-prompts once on no input with the same digit, then hangs up', () => {
    const result = run([ANSWERED, DONE, TIMEOUT, DONE, TIMEOUT]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([
      cmd.prompt('7'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.prompt('7'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.hangup('no-input'),
    ]);
  });

  it('judges a key pressed during the re-prompt like any first key', () => {
    expect(run([ANSWERED, DONE, TIMEOUT, key('7')]).state).toBe('reading');
    const wrong = run([ANSWERED, DONE, TIMEOUT, key('2')]);
    expect(wrong.commands.slice(-2)).toEqual([cmd.stopPlayback, cmd.hangup('wrong-digit')]);
  });

  it('ignores keys, timeouts and beeps once it is reading', () => {
    const noise: BuiltInFlowEvent[] = [key('3'), key('7'), TIMEOUT, { type: 'BEEP' }];
    const reading = run([ANSWERED, key('7'), ...noise]);
    expect(reading.state).toBe('reading');
    expect(reading.commands).toEqual([cmd.prompt('7'), cmd.stopPlayback, cmd.readout(3)]);
    const result = run([ANSWERED, key('7'), ...noise, DONE, ...noise]);
    expect(result.commands).toEqual([
      cmd.prompt('7'),
      cmd.stopPlayback,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('ends without a word when nobody answers', () => {
    expect(run([{ type: 'NO_ANSWER' }]).commands).toEqual([]);
  });

  it.each<[string, BuiltInFlowEvent[]]>([
    ['ringing', []],
    ['prompting', [ANSWERED]],
    ['awaitingInput', [ANSWERED, DONE]],
    ['reading', [ANSWERED, key('7')]],
  ])('ends on a far-end HANGUP in %s, without hanging up itself', (state, reach) => {
    expect(run(reach).state).toBe(state);
    const result = run([...reach, HANGUP]);
    expect(result.done).toBe(true);
    expect(result.commands.filter((c) => c.command === 'hangup')).toEqual([]);
  });
});
