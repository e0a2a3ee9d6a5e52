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
      cmd.prompt('7', 'no-input'),
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

  describe('with wrongKeyRetries', () => {
    const retries = (r: number) => ({ wrongKeyRetries: r });

    it('re-asks for the same key after a wrong key during the prompt, cutting the prompt off', () => {
      const result = run([ANSWERED, key('3')], retries(1));
      expect(result.state).toBe('reasking');
      expect(result.commands).toEqual([
        cmd.prompt('7'),
        cmd.stopPlayback,
        cmd.prompt('7', 'wrong-key'),
      ]);
    });

    it('re-asks after a wrong key while it waits for input, stopping the gather timer', () => {
      const result = run([ANSWERED, DONE, key('3')], retries(1));
      expect(result.state).toBe('reasking');
      expect(result.commands).toEqual([
        cmd.prompt('7'),
        cmd.startTimer(5000),
        cmd.cancelTimer,
        cmd.prompt('7', 'wrong-key'),
      ]);
    });

    it('re-asks r times, then hangs up as wrong-digit on the next wrong key', () => {
      const wrongKeys = ['0', '1', '2', '3'].map(key);
      const result = run([ANSWERED, ...wrongKeys], retries(3));
      expect(result.done).toBe(true);
      expect(result.commands).toEqual([
        cmd.prompt('7'),
        ...Array.from({ length: 3 }, () => [cmd.stopPlayback, cmd.prompt('7', 'wrong-key')]).flat(),
        cmd.stopPlayback,
        cmd.hangup('wrong-digit'),
      ]);
      expect(run([ANSWERED, ...wrongKeys.slice(0, 3)], retries(3)).state).toBe('reasking');
    });

    it('reads the code when the right key cuts a re-ask short (barge-in)', () => {
      const result = run([ANSWERED, key('3'), key('7'), DONE], retries(1));
      expect(result.commands).toEqual([
        cmd.prompt('7'),
        cmd.stopPlayback,
        cmd.prompt('7', 'wrong-key'),
        cmd.stopPlayback,
        cmd.readout(3),
        cmd.hangup('done'),
      ]);
    });

    it('waits for input after a re-ask plays out, and judges the key then', () => {
      const result = run([ANSWERED, key('3'), DONE, key('7')], retries(1));
      expect(result.state).toBe('reading');
      expect(result.commands.slice(2)).toEqual([
        cmd.prompt('7', 'wrong-key'),
        cmd.startTimer(5000),
        cmd.cancelTimer,
        cmd.readout(3),
      ]);
    });

    it('keeps the re-prompt after no input apart: re-asks do not use it up, nor it them', () => {
      // A wrong key, then silence: the no-input re-prompt still comes, and then a re-ask.
      const result = run([ANSWERED, key('3'), DONE, TIMEOUT, key('4')], retries(2));
      expect(result.state).toBe('reasking');
      expect(result.commands).toEqual([
        cmd.prompt('7'),
        cmd.stopPlayback,
        cmd.prompt('7', 'wrong-key'),
        cmd.startTimer(5000),
        cmd.cancelTimer,
        cmd.prompt('7', 'no-input'),
        cmd.stopPlayback,
        cmd.prompt('7', 'wrong-key'),
      ]);
      // Silence after the re-prompt still ends the call as no input.
      const silent = run([ANSWERED, DONE, TIMEOUT, key('4'), DONE, TIMEOUT], retries(2));
      expect(silent.commands.slice(-2)).toEqual([cmd.cancelTimer, cmd.hangup('no-input')]);
    });

    it('reads the code to a greeting that plays every key when the key asked for is among its first r + 1', () => {
      const everyKey = '0123456789'.split('').map(key);
      const readsFor = (r: number) =>
        '0123456789'
          .split('')
          .filter(
            (asked) =>
              driveFlow(randomDigitFlow, [ANSWERED, ...everyKey], {
                settings: retries(r),
                expectedDigit: asked,
              }).state === 'reading',
          )
          .join('');
      expect(readsFor(0)).toBe('0');
      expect(readsFor(2)).toBe('012');
      expect(readsFor(9)).toBe('0123456789');
    });

    it('never asks for another key: every re-ask is for the digit drawn for the call', () => {
      const result = run([ANSWERED, key('1'), DONE, key('2'), DONE, TIMEOUT, key('3')], retries(9));
      const asked = result.commands.flatMap((c) =>
        c.command === 'play' && c.playback.kind === 'prompt'
          ? [`${c.playback.digit} ${c.playback.reason}`]
          : [],
      );
      expect(asked).toEqual(['7 first', '7 wrong-key', '7 wrong-key', '7 no-input', '7 wrong-key']);
    });

    it('ends on a far-end HANGUP while it re-asks, without hanging up itself', () => {
      const result = run([ANSWERED, key('3'), HANGUP], retries(1));
      expect(result.done).toBe(true);
      expect(result.commands.filter((c) => c.command === 'hangup')).toEqual([]);
    });
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
