import type { Ms } from '../../core/units.ts';
/** AMDSTATUS values app_amd sets (HANGUP is left out: the simulator ends calls itself). */
export type AmdVerdict = 'HUMAN' | 'MACHINE' | 'NOTSURE';

/** The rule that fired, as the leading word of app_amd's AMDCAUSE. */
export type AmdCause =
  'HUMAN' | 'INITIALSILENCE' | 'LONGGREETING' | 'MAXWORDS' | 'MAXWORDLENGTH' | 'TOOLONG';

export interface AmdResult {
  readonly verdict: AmdVerdict;
  readonly cause: AmdCause;
  /** Audio analysed when the verdict was reached, deciding frame included (app_amd's iTotalTime). */
  readonly decisionMs: Ms;
}

/** app_amd's currentState: inside a word, or in a silence long enough to separate words. */
export type AmdWordState = 'WORD' | 'SILENCE';

/** What a display needs to show how far the detector has got. */
export interface AmdSnapshot {
  readonly analysedMs: Ms;
  readonly wordState: AmdWordState;
  readonly inInitialSilence: boolean;
  readonly inGreeting: boolean;
  readonly wordCount: number;
  readonly voiceMs: Ms;
  readonly consecutiveVoiceMs: Ms;
  readonly silenceMs: Ms;
  readonly result: AmdResult | null;
}
