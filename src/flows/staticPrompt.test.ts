import { describe, expect, it } from 'vitest';
import { cmd, driveFlow } from './testing/recordingPort.ts';
import type { BuiltInFlowEvent } from './events.ts';
import { staticPromptFlow } from './staticPrompt.ts';

const ANSWERED = { type: 'ANSWERED' } as const;
const DONE = { type: 'PLAYBACK_DONE' } as const;
const TIMEOUT = { type: 'TIMEOUT' } as const;
const HANGUP = { type: 'HANGUP' } as const;
const key = (digit: string): BuiltInFlowEvent => ({ type: 'DTMF', digit });

/** "Press 1 to hear your code". */
const run = (events: BuiltInFlowEvent[], settings = {}) =>
  driveFlow(staticPromptFlow, events, { settings, expectedDigit: '1' });

describe('static-prompt flow', () => {
  it('asks for its key when the call is answered', () => {
    const result = run([ANSWERED]);
    expect(result.state).toBe('prompting');
    expect(result.commands).toEqual([cmd.prompt('1')]);
  });

  it('listens for gatherTimeout after the prompt ends', () => {
    const result = run([ANSWERED, DONE], { gatherTimeoutMs: 5000 });
    expect(result.state).toBe('awaitingInput');
    expect(result.commands).toEqual([cmd.prompt('1'), cmd.startTimer(5000)]);
  });

  it('reads the code readoutRepeats times after the expected key, then hangs up as done', () => {
    const result = run([ANSWERED, DONE, key('1'), DONE]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([
      cmd.prompt('1'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('honours readoutRepeats', () => {
    const result = run([ANSWERED, key('1'), DONE], { readoutRepeats: 1 });
    expect(result.commands).toEqual([
      cmd.prompt('1'),
      cmd.stopPlayback,
      cmd.readout(1),
      cmd.hangup('done'),
    ]);
  });

  it('stops the prompt when a key arrives during it (barge-in)', () => {
    const result = run([ANSWERED, key('1')]);
    expect(result.state).toBe('reading');
    expect(result.commands).toEqual([cmd.prompt('1'), cmd.stopPlayback, cmd.readout(3)]);
  });

  it('ignores wrong keys and keeps listening', () => {
    const result = run([ANSWERED, key('2'), key('9'), DONE, key('0'), key('#')]);
    expect(result.state).toBe('awaitingInput');
    expect(result.commands).toEqual([cmd.prompt('1'), cmd.startTimer(5000)]);
    const afterRightKey = run([ANSWERED, key('2'), DONE, key('0'), key('1')]);
    expect(afterRightKey.state).toBe('reading');
    expect(afterRightKey.commands.filter((c) => c.command === 'hangup')).toEqual([]);
  });

  it('has no wrong-key budget: wrongKeyRetries changes nothing, as wrong keys are ignored', () => {
    const sequences: BuiltInFlowEvent[][] = [
      [ANSWERED, key('2'), key('3'), DONE, key('4'), TIMEOUT, key('5'), DONE, key('1'), DONE],
      [ANSWERED, DONE, key('9'), TIMEOUT, DONE, key('0'), TIMEOUT],
    ];
    const seen = (events: BuiltInFlowEvent[], wrongKeyRetries: number) => {
      const { state, done, commands } = run(events, { wrongKeyRetries });
      return { state, done, commands };
    };
    for (const events of sequences) expect(seen(events, 9)).toEqual(seen(events, 0));
  });

  it('passes a greeting that plays every key, as soon as the expected one comes', () => {
    const everyKey = '0123456789'.split('').map(key);
    const result = run([ANSWERED, ...everyKey]);
    expect(result.state).toBe('reading');
    expect(result.commands).toEqual([cmd.prompt('1'), cmd.stopPlayback, cmd.readout(3)]);
  });

  it('re-prompts once on no input, then hangs up', () => {
    const result = run([ANSWERED, DONE, TIMEOUT, DONE, TIMEOUT]);
    expect(result.done).toBe(true);
    expect(result.commands).toEqual([
      cmd.prompt('1'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.prompt('1', 'no-input'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.hangup('no-input'),
    ]);
  });

  it('reads the code when the key comes during the re-prompt', () => {
    const result = run([ANSWERED, DONE, TIMEOUT, key('1'), DONE]);
    expect(result.commands.slice(3)).toEqual([
      cmd.prompt('1', 'no-input'),
      cmd.stopPlayback,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('hangs up after the first silence when maxPrompts is 1', () => {
    const result = run([ANSWERED, DONE, TIMEOUT], { maxPrompts: 1 });
    expect(result.commands).toEqual([
      cmd.prompt('1'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
      cmd.hangup('no-input'),
    ]);
  });

  it('ignores keys, timeouts and beeps once it is reading', () => {
    const noise: BuiltInFlowEvent[] = [key('1'), key('5'), TIMEOUT, { type: 'BEEP' }];
    const reading = run([ANSWERED, key('1'), ...noise]);
    expect(reading.state).toBe('reading');
    expect(reading.commands).toEqual([cmd.prompt('1'), cmd.stopPlayback, cmd.readout(3)]);
    const result = run([ANSWERED, key('1'), ...noise, DONE, ...noise]);
    expect(result.commands).toEqual([
      cmd.prompt('1'),
      cmd.stopPlayback,
      cmd.readout(3),
      cmd.hangup('done'),
    ]);
  });

  it('asks for whichever key it is configured with', () => {
    const result = driveFlow(
      staticPromptFlow,
      [ANSWERED, { type: 'DTMF', digit: '1' }, DONE, { type: 'DTMF', digit: '#' }],
      {
        expectedDigit: '#',
      },
    );
    expect(result.state).toBe('reading');
    expect(result.commands[0]).toEqual(cmd.prompt('#'));
  });

  it('ends without a word when nobody answers', () => {
    expect(run([{ type: 'NO_ANSWER' }]).commands).toEqual([]);
  });

  it.each<[string, BuiltInFlowEvent[]]>([
    ['ringing', []],
    ['prompting', [ANSWERED]],
    ['awaitingInput', [ANSWERED, DONE]],
    ['reading', [ANSWERED, key('1')]],
  ])('ends on a far-end HANGUP in %s, without hanging up itself', (state, reach) => {
    expect(run(reach).state).toBe(state);
    const result = run([...reach, HANGUP]);
    expect(result.done).toBe(true);
    expect(result.commands.filter((c) => c.command === 'hangup')).toEqual([]);
  });

  it('cancels the gather timer when the far end hangs up while it listens', () => {
    expect(run([ANSWERED, DONE, HANGUP]).commands).toEqual([
      cmd.prompt('1'),
      cmd.startTimer(5000),
      cmd.cancelTimer,
    ]);
  });
});
