/**
 * Words for a flow machine's transitions, so the diagram says "wrong key → hang up" instead of
 * `DTMF` and `[isExpectedDigit]`. Keyed by the machines' own event, guard and state names: a new
 * event, guard or state without words here fails edgeWords.test.ts, which walks every built-in
 * machine.
 */

/** What a transition's event means when it has no guard (and is not another's fallback). */
export const EVENT_WORDS: Readonly<Record<string, string>> = {
  ANSWERED: 'answered',
  NO_ANSWER: 'no answer',
  PLAYBACK_DONE: 'done',
  DTMF: 'a key',
  TIMEOUT: 'timeout',
  AMD_RESULT: 'AMD verdict',
  BEEP: 'beep',
  HANGUP: 'the other end hangs up',
};

/** What a guard means, said as the condition on the arrow. */
export const GUARD_WORDS: Readonly<Record<string, string>> = {
  isExpectedDigit: 'right key',
  canReprompt: 'timeout',
  canReaskAfterWrongKey: 'wrong key, tries left',
  isHuman: 'human',
  isMachine: 'machine',
  leavesCodeForMachines: 'leave code',
  treatsNotSureAsHuman: 'not sure (as human)',
};

/** An event's unguarded transition after guarded ones: what is left when no guard held. */
export const OTHERWISE_WORDS: Readonly<Record<string, string>> = {
  DTMF: 'wrong key',
  TIMEOUT: 'timeout again',
  AMD_RESULT: 'not sure',
};

/** What the service does on entering a state; `again` when it goes back to it. */
export const STATE_WORDS: Readonly<
  Record<string, { readonly enter: string; readonly again?: string }>
> = {
  ringing: { enter: 'ring' },
  prompting: { enter: 'ask for the key', again: 're-ask' },
  reasking: { enter: 're-ask (wrong key)' },
  awaitingInput: { enter: 'wait for a key' },
  detecting: { enter: 'listen (AMD)' },
  awaitingBeep: { enter: 'wait for the beep' },
  reading: { enter: 'read the code' },
  ended: { enter: 'hang up' },
};

/** One transition as the machine declares it. */
export interface TransitionName {
  readonly event: string;
  /** Guard names, several for xstate's and(); empty when unguarded. */
  readonly guards: readonly string[];
  /** Unguarded, after guarded transitions on the same event: taken when none of them held. */
  readonly fallback: boolean;
}

/** The condition in words ("human", "wrong key"), or null when a name has no words. */
export function conditionWords({ event, guards, fallback }: TransitionName): string | null {
  if (guards.length > 0) {
    const words = guards.map((g) => GUARD_WORDS[g]);
    return words.every((w) => w !== undefined) ? words.join(', ') : null;
  }
  return (fallback ? OTHERWISE_WORDS[event] : EVENT_WORDS[event]) ?? null;
}

/** What entering `to` does, "re-ask" for a way back; null when the state has no words. */
export function consequenceWords(to: string, back: boolean): string | null {
  const words = STATE_WORDS[to];
  if (!words) return null;
  return back ? (words.again ?? words.enter) : words.enter;
}

/** The identifier form, shown when words are missing and in technical details. */
export function transitionIdentifier({ event, guards, fallback }: TransitionName): string {
  if (guards.length > 0) return `${event} [${guards.join(' and ')}]`;
  return fallback ? `${event} [otherwise]` : event;
}
