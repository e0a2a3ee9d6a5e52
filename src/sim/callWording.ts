/**
 * What is said on a call, word for word: the service's prompt and readout, the person's hello.
 * Every renderer and view of a call takes its words from here.
 */
import type { PromptReason } from '../flows/index.ts';

/**
 * The gather prompt of the static-prompt and random-digit flows: "Press 1 to hear your code.";
 * a re-ask after a wrong key says so first.
 */
export function promptText(digit: string, reason: PromptReason): string {
  const ask = `Press ${digit} to hear your code.`;
  return reason === 'wrong-key' ? `${WRONG_KEY_TEXT} ${ask}` : ask;
}

/** What a re-ask after a wrong key says before the prompt. */
const WRONG_KEY_TEXT = 'That was not the right key.';

/**
 * One readout of the code, its digits apart so a voice says them one by one: "Your verification
 * code is: 1 2 3 4 5 6." Somleng's verification template without a service name
 * (somleng/somleng, config/locales/verification_templates/en.yml: "Your %{friendly_name}
 * verification code is: %{code}.").
 */
export function readoutText(code: string | null): string {
  return `Your verification code is: ${code === null ? WITHHELD : code.split('').join(' ')}.`;
}

/** Said in place of the code where it is not to be shown (the simulator's call log). */
const WITHHELD = '(the code, withheld here)';

/** The person's words on picking up. */
export const PERSON_HELLO_TEXT = 'Hello?';
