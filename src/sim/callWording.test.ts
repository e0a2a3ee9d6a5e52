import { describe, expect, it } from 'vitest';
import { promptText } from './callWording.ts';

describe('promptText', () => {
  it('asks for the key, the same words for the first prompt and the re-prompt after no input', () => {
    expect(promptText('7', 'first')).toBe('Press 7 to hear your code.');
    expect(promptText('7', 'no-input')).toBe('Press 7 to hear your code.');
  });

  it('says the key was wrong before a re-ask, and asks for the same key', () => {
    expect(promptText('7', 'wrong-key')).toBe(
      'That was not the right key. Press 7 to hear your code.',
    );
  });
});
