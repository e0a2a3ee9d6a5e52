import { describe, expect, it } from 'vitest';
import type { PromptReason } from '../flows/index.ts';
import { describeCallEvent } from './callEventText.ts';

describe('describeCallEvent', () => {
  const promptStarted = (reason: PromptReason) =>
    describeCallEvent({ type: 'prompt-started', atMs: 0, digit: '7', reason });

  it('says why a prompt plays again: no key came, or the key was wrong', () => {
    expect(promptStarted('first')).toBe('prompt "press 7" starts');
    expect(promptStarted('no-input')).toBe('prompt "press 7" starts again: no key came');
    expect(promptStarted('wrong-key')).toBe(
      'prompt "press 7" starts again: "That was not the right key."',
    );
  });

  it('says a wrong key hung up only when no re-ask was left', () => {
    expect(
      describeCallEvent({ type: 'hangup', atMs: 0, by: 'service', reason: 'wrong-digit' }),
    ).toBe('hangs up: wrong key, no re-ask left');
  });
});
