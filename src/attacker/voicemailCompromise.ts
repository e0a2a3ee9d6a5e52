import type { PinPolicy } from '../scenario/index.ts';
import { COMMON_PIN_LENGTH } from './commonPins.ts';
import { commonPinHitRate } from './pinShares.ts';

/** What stopped the attacker from guessing further. */
export type GuessLimit = 'budget' | 'lockout' | 'pin-space';

/** The exact outcome of a PIN-guessing attack on a voicemail box. */
export interface VoicemailCompromise {
  /** Probability (0..1) that one of the allowed guesses is the box's PIN. */
  readonly rate: number;
  /** PIN guesses the attacker gets to make: min(budget, lockout, number of PINs). */
  readonly guessesAllowed: number;
  /** Calls to the box needed to make those guesses: ceil(guessesAllowed / guessesPerCall). */
  readonly callsNeeded: number;
  /**
   * The tightest limit. On a tie: 'pin-space' (nothing left to guess whatever the other limits),
   * then 'lockout' (a defence the attacker cannot raise), then 'budget'.
   */
  readonly limitedBy: GuessLimit;
}

/**
 * Exact (not sampled) chance that an attacker guessing PINs in order of popularity, never
 * repeating one, gets into the voicemail box protected by `pin`.
 *
 * `guessBudget` is the total number of guesses the attacker is willing to make (a non-negative
 * integer, or Infinity for "as many as it takes").
 *
 * PIN models (README, "The model"; the attack as Martin Vigo showed it at DEF CON 26, 2018,
 * "Compromising online accounts by cracking voicemail systems"):
 * - uniform: every PIN equally likely, so rate = guesses / 10^length.
 * - common: 4-digit PINs as people choose them (DataGenetics 2012 top 20, the rest even).
 * - default: the owner kept the carrier default (the first guess) with keptDefaultProbability,
 *   otherwise the PIN is uniform over the other 10^length − 1 PINs.
 */
export function voicemailCompromise(pin: PinPolicy, guessBudget: number): VoicemailCompromise {
  checkPolicy(pin);
  if (!(Number.isSafeInteger(guessBudget) || guessBudget === Infinity) || guessBudget < 0) {
    throw new Error(
      `guessBudget must be a non-negative integer or Infinity; got ${String(guessBudget)}.`,
    );
  }

  const pinSpace = 10 ** pin.length;
  const lockout = pin.lockoutAfter ?? Infinity;
  const guessesAllowed = Math.min(guessBudget, lockout, pinSpace);
  const limitedBy: GuessLimit =
    guessesAllowed === pinSpace ? 'pin-space' : guessesAllowed === lockout ? 'lockout' : 'budget';

  return {
    rate: hitRate(pin, guessesAllowed, pinSpace),
    guessesAllowed,
    callsNeeded: Math.ceil(guessesAllowed / pin.guessesPerCall),
    limitedBy,
  };
}

function hitRate(pin: PinPolicy, guesses: number, pinSpace: number): number {
  switch (pin.choice) {
    case 'uniform':
      return guesses / pinSpace;
    case 'common':
      return commonPinHitRate(guesses);
    case 'default': {
      if (guesses === 0) return 0;
      // k + (1 − k)·1 need not round to exactly 1; a box whose every PIN was tried is open.
      if (guesses >= pinSpace) return 1;
      const kept = pin.keptDefaultProbability;
      return kept + ((1 - kept) * (guesses - 1)) / (pinSpace - 1);
    }
  }
}

function checkPolicy(pin: PinPolicy): void {
  const { length, choice, lockoutAfter, keptDefaultProbability, guessesPerCall } = pin;
  if (!Number.isInteger(length) || length < 4 || length > 10) {
    throw new Error(`PIN length must be an integer from 4 to 10; got ${String(length)}.`);
  }
  if (choice !== 'uniform' && choice !== 'common' && choice !== 'default') {
    throw new Error(
      `PIN choice must be 'uniform', 'common' or 'default'; got ${JSON.stringify(choice)}.`,
    );
  }
  if (choice === 'common' && length !== COMMON_PIN_LENGTH) {
    throw new Error(
      `PIN choice 'common' needs length ${COMMON_PIN_LENGTH}: the DataGenetics 2012 table ` +
        `covers 4-digit PINs only; got length ${length}. Use choice 'uniform' or 'default' ` +
        `for other lengths.`,
    );
  }
  if (lockoutAfter !== null && (!Number.isSafeInteger(lockoutAfter) || lockoutAfter < 1)) {
    throw new Error(
      `PIN lockoutAfter must be a positive integer or null (no lockout); got ${String(lockoutAfter)}.`,
    );
  }
  if (!(keptDefaultProbability >= 0 && keptDefaultProbability <= 1)) {
    throw new Error(
      `PIN keptDefaultProbability must be between 0 and 1; got ${String(keptDefaultProbability)}.`,
    );
  }
  if (!Number.isSafeInteger(guessesPerCall) || guessesPerCall < 1) {
    throw new Error(
      `PIN guessesPerCall must be a positive integer; got ${String(guessesPerCall)}.`,
    );
  }
}
