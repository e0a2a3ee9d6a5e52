/**
 * Asterisk's answering-machine detector (apps/app_amd.c, isAnsweringMachine) as a per-frame
 * state machine. It is fed one classification per audio frame (voiced or silent) and keeps
 * app_amd's counters; the checks run in app_amd's order, so ties resolve as they do there:
 *
 * 1. analysed time >= totalAnalysisTime: NOTSURE (TOOLONG), before the frame is looked at.
 * 2. Silent frame (the DSP's run of consecutive silent ms grows):
 *    run >= betweenWordsSilence: state SILENCE, consecutive voice back to 0;
 *    still in initial silence and run >= initialSilence: MACHINE (INITIALSILENCE);
 *    in the greeting and run >= afterGreetingSilence: HUMAN.
 * 3. Voiced frame (the DSP's silent run drops to 0; consecutive and total voice grow):
 *    consecutive >= minimumWordLength after state SILENCE: one more word, state WORD;
 *    consecutive >= maximumWordLength: MACHINE (MAXWORDLENGTH);
 *    words > maximumNumberOfWords: MACHINE (MAXWORDS);
 *    in the greeting and total voice >= greeting: MACHINE (LONGGREETING);
 *    consecutive >= minimumWordLength: initial silence is over, the greeting has begun.
 *
 * Quirks kept on purpose: the state starts as WORD, so a word already under way at answer is
 * never counted; the greeting starts on the frame that completes the first word but is only
 * tested from the next voiced frame on. app_amd's silenceDuration is only ever read straight
 * after being set from the DSP's run, so the run stands in for it. Frames that carry no audio
 * (NULL/CNG, the maxWaitTimeForFrame path) are not modelled: every frame here is audio.
 * MAXWORDS uses `>`, as current Asterisk does with its default maximumNumberOfWords of 2;
 * older releases used `>=` with a default of 3.
 */
import type { Ms } from '../../core/units.ts';
import { MAX_AMD_ANALYSIS_MS, type AmdParameters } from '../../scenario/index.ts';
import { AMD_FRAME_MS } from './amdFrame.ts';
import type { AmdCause, AmdResult, AmdSnapshot, AmdVerdict, AmdWordState } from './amdResult.ts';

/** The parameters app_amd's algorithm reads (silenceThreshold is the classifier's business). */
export type AmdTimingParameters = Pick<
  AmdParameters,
  | 'initialSilenceMs'
  | 'greetingMs'
  | 'afterGreetingSilenceMs'
  | 'totalAnalysisTimeMs'
  | 'minimumWordLengthMs'
  | 'betweenWordsSilenceMs'
  | 'maximumNumberOfWords'
  | 'maximumWordLengthMs'
>;

const TIMING_PARAMETER_NAMES = [
  'initialSilenceMs',
  'greetingMs',
  'afterGreetingSilenceMs',
  'totalAnalysisTimeMs',
  'minimumWordLengthMs',
  'betweenWordsSilenceMs',
  'maximumNumberOfWords',
  'maximumWordLengthMs',
] as const satisfies ReadonlyArray<keyof AmdTimingParameters>;

export class AmdDetector {
  readonly #params: AmdTimingParameters;
  #analysedMs = 0;
  #silenceMs = 0;
  #consecutiveVoiceMs = 0;
  #voiceMs = 0;
  #wordCount = 0;
  #wordState: AmdWordState = 'WORD';
  #inInitialSilence = true;
  #inGreeting = false;
  #result: AmdResult | null = null;

  constructor(params: AmdTimingParameters) {
    for (const name of TIMING_PARAMETER_NAMES) {
      const value = params[name];
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`AmdDetector: ${name} is ${value}; it must be a finite number >= 0.`);
      }
    }
    if (params.totalAnalysisTimeMs <= 0) {
      throw new RangeError(
        'AmdDetector: totalAnalysisTimeMs is 0; it must be above 0 ms (default 5000).',
      );
    }
    // The scenario format's bound (scenario/bounds.ts), kept here as defence: the detector runs
    // until this much audio, so a huge total on a silent line would never end.
    if (params.totalAnalysisTimeMs > MAX_AMD_ANALYSIS_MS) {
      throw new RangeError(
        `AmdDetector: totalAnalysisTimeMs is ${params.totalAnalysisTimeMs}; it must be at most ${MAX_AMD_ANALYSIS_MS} ms (a minute).`,
      );
    }
    this.#params = params;
  }

  /**
   * Feeds one audio frame. Returns the verdict on the frame that reaches it, null before; once
   * decided, further frames change nothing and get the same verdict back.
   */
  feed(frameVoiced: boolean, frameMs: Ms = AMD_FRAME_MS): AmdResult | null {
    if (this.#result !== null) return this.#result;
    if (!Number.isInteger(frameMs) || frameMs <= 0) {
      throw new RangeError(
        `AmdDetector.feed: frameMs is ${frameMs}; it must be a positive integer (20 for 160 samples at 8 kHz).`,
      );
    }
    const p = this.#params;
    this.#analysedMs += frameMs;
    if (this.#analysedMs >= p.totalAnalysisTimeMs) return this.#decide('NOTSURE', 'TOOLONG');

    if (!frameVoiced) {
      this.#silenceMs += frameMs;
      if (this.#silenceMs >= p.betweenWordsSilenceMs) {
        this.#wordState = 'SILENCE';
        this.#consecutiveVoiceMs = 0;
      }
      if (this.#inInitialSilence && this.#silenceMs >= p.initialSilenceMs) {
        return this.#decide('MACHINE', 'INITIALSILENCE');
      }
      if (this.#inGreeting && this.#silenceMs >= p.afterGreetingSilenceMs) {
        return this.#decide('HUMAN', 'HUMAN');
      }
      return null;
    }

    this.#silenceMs = 0;
    this.#consecutiveVoiceMs += frameMs;
    this.#voiceMs += frameMs;
    const completesWord = this.#consecutiveVoiceMs >= p.minimumWordLengthMs;
    if (completesWord && this.#wordState === 'SILENCE') {
      this.#wordCount++;
      this.#wordState = 'WORD';
    }
    if (this.#consecutiveVoiceMs >= p.maximumWordLengthMs) {
      return this.#decide('MACHINE', 'MAXWORDLENGTH');
    }
    if (this.#wordCount > p.maximumNumberOfWords) return this.#decide('MACHINE', 'MAXWORDS');
    if (this.#inGreeting && this.#voiceMs >= p.greetingMs) {
      return this.#decide('MACHINE', 'LONGGREETING');
    }
    if (completesWord && !this.#inGreeting) {
      this.#inInitialSilence = false;
      this.#inGreeting = true;
    }
    return null;
  }

  get result(): AmdResult | null {
    return this.#result;
  }
  get analysedMs(): number {
    return this.#analysedMs;
  }
  get wordState(): AmdWordState {
    return this.#wordState;
  }
  get inInitialSilence(): boolean {
    return this.#inInitialSilence;
  }
  get inGreeting(): boolean {
    return this.#inGreeting;
  }
  get wordCount(): number {
    return this.#wordCount;
  }
  get voiceMs(): number {
    return this.#voiceMs;
  }
  get consecutiveVoiceMs(): number {
    return this.#consecutiveVoiceMs;
  }
  /** The DSP's run of consecutive silent ms, 0 after a voiced frame. */
  get silenceMs(): number {
    return this.#silenceMs;
  }

  /** A copy of the counters for display; allocates, so keep it out of trial loops. */
  snapshot(): AmdSnapshot {
    return {
      analysedMs: this.#analysedMs,
      wordState: this.#wordState,
      inInitialSilence: this.#inInitialSilence,
      inGreeting: this.#inGreeting,
      wordCount: this.#wordCount,
      voiceMs: this.#voiceMs,
      consecutiveVoiceMs: this.#consecutiveVoiceMs,
      silenceMs: this.#silenceMs,
      result: this.#result,
    };
  }

  #decide(verdict: AmdVerdict, cause: AmdCause): AmdResult {
    this.#result = { verdict, cause, decisionMs: this.#analysedMs };
    return this.#result;
  }
}
