import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import type { ScenarioInput, StrategyId } from '../scenario/index.ts';
import { callWithKeypad, type KeyAnswer, type KeyRequest, type CallOutcome } from './call.ts';
import { compiledWith } from './testing/scenarioWith.ts';

/**
 * Keypad calls on the fixed timeline of scenarioWith: the person answers at 6 s, prompts last
 * 3 s, readouts 4 s, the gather listens 5 s, a key is detected 40 ms into its tone, and the
 * person reacts 1 s after a prompt ends.
 */
function keypadCall(
  strategy: StrategyId,
  keys: readonly (string | null)[],
  options: { expectedDigit?: string; personAnswers?: boolean; overrides?: ScenarioInput } = {},
): { requests: KeyRequest[]; outcome: CallOutcome } {
  const compiled = compiledWith(options.overrides ?? {});
  const steps = callWithKeypad({
    compiled,
    strategy,
    rng: createRng(1),
    answerProbability: options.personAnswers === false ? 0 : 1,
    expectedDigit: options.expectedDigit ?? compiled.staticDigit,
  });
  const requests: KeyRequest[] = [];
  let step = steps.next();
  for (let i = 0; !step.done; i++) {
    requests.push(step.value);
    const key = keys[i];
    const answer: KeyAnswer = key ? { digit: key } : null;
    step = steps.next(answer);
  }
  return { requests, outcome: step.value };
}

describe('callWithKeypad: the person presses the keys given from outside', () => {
  it('asks for the prompted key when the prompt ends, and reads the code after the key given', () => {
    const { requests, outcome } = keypadCall('random-digit', ['7'], { expectedDigit: '7' });
    expect(requests).toEqual([{ requestedDigit: '7', atMs: 9000 }]);
    // Key at 9 s + 1 s reaction, detected 40 ms in: readouts from 10.04 s.
    expect(outcome.readouts.map((r) => [r.startMs, r.endMs, r.heardByPerson])).toEqual([
      [10040, 14040, true],
      [14040, 18040, true],
      [18040, 22040, true],
    ]);
    expect(outcome.hangupReason).toBe('done');
  });

  it('hangs up random-digit on a wrong key given, whatever the error rate says', () => {
    const { outcome } = keypadCall('random-digit', ['3'], { expectedDigit: '7' });
    expect(outcome).toMatchObject({ hangupReason: 'wrong-digit', endMs: 10040, readouts: [] });
  });

  it('lets static-prompt ignore a wrong key and ask again after the gather times out', () => {
    const { requests, outcome } = keypadCall('static-prompt', ['5', '1']);
    // Prompt 6-9 s, gather until 14 s, re-prompt 14-17 s; the right key at 18.04 s.
    expect(requests).toEqual([
      { requestedDigit: '1', atMs: 9000 },
      { requestedDigit: '1', atMs: 17000 },
    ]);
    expect(outcome.readouts[0]?.startMs).toBe(18040);
    expect(outcome.hangupReason).toBe('done');
  });

  it('hangs up as no-input when no key is given to either of the two prompts', () => {
    const { requests, outcome } = keypadCall('static-prompt', []);
    expect(requests.map((r) => r.atMs)).toEqual([9000, 17000]);
    // The second gather listens until 22 s.
    expect(outcome).toMatchObject({ hangupReason: 'no-input', endMs: 22000, readouts: [] });
  });

  it('asks for nothing on a flow without a prompt, or when the voicemail box answers', () => {
    expect(keypadCall('naive', []).requests).toEqual([]);
    const boxed = keypadCall('static-prompt', [], { personAnswers: false });
    expect(boxed.requests).toEqual([]);
    expect(boxed.outcome.answeredBy).toBe('voicemail');
  });
});
