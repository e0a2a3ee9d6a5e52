import type { Ms } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';
import { issueVerification, type Verification } from '../otp/index.ts';
import type { StrategyId } from '../scenario/index.ts';
import { simulateCall, type CallOutcome } from './call.ts';
import type { CallRecorder } from './callEvents.ts';
import type { CompiledScenario } from './compile.ts';
import { trialRng, trialSignalRng } from './trialKeys.ts';

/** One call of a trial together with what became of its code. */
export interface CallRecord {
  /** When the call was placed, in ms from the trial's start. */
  readonly placedAtMs: Ms;
  /** Unix time (ms) of the trial's start; otplib sees placedAtMs + this. */
  readonly trialEpochMs: number;
  readonly call: CallOutcome;
  readonly code: string;
  /** When the attacker (attack) or owner (legit) typed the code, in ms from the trial's start. */
  readonly submittedAtMs: Ms | null;
  readonly accepted: boolean;
}

export interface AttackTrialOutcome {
  readonly kind: 'attack';
  /** Calls in the campaign, stopping at the first interception. */
  readonly calls: readonly CallRecord[];
  readonly campaignIntercepted: boolean;
}

export interface LegitTrialOutcome {
  readonly kind: 'legit';
  readonly call: CallRecord;
  readonly success: boolean;
  /** Answered by the person, who never heard a whole readout. */
  readonly abandoned: boolean;
}

export interface TrialOptions {
  /** Receives the typed events of each call of the trial (replays). */
  readonly recorder?: (callIndex: number) => CallRecorder;
}

function trialStart(compiled: CompiledScenario, rng: Rng): number {
  return compiled.startEpochMs + rng.int(compiled.startSpreadMs + 1);
}

/** The key the call will ask for: drawn per call, fixed, or none (naive and amd ask for no key). */
export function expectedDigitFor(
  compiled: CompiledScenario,
  strategy: StrategyId,
  rng: Rng,
): string | null {
  const { promptDigits, staticDigit } = compiled;
  if (strategy === 'random-digit') return promptDigits[rng.int(promptDigits.length)]!;
  return strategy === 'static-prompt' ? staticDigit : null;
}

function newSecret(rng: Rng): Uint8Array {
  return rng.fill(new Uint8Array(20));
}

function placeCall(
  compiled: CompiledScenario,
  strategy: StrategyId,
  rng: Rng,
  signalRng: Rng,
  trialEpochMs: number,
  placedAtMs: Ms,
  secret: Uint8Array,
  answerProbability: number,
  recorder: CallRecorder | undefined,
): { call: CallOutcome; verification: Verification } {
  const expectedDigit = expectedDigitFor(compiled, strategy, rng);
  const verification = issueVerification(
    compiled.code,
    secret,
    trialEpochMs + placedAtMs,
    compiled.maxCheckAttempts,
  );
  const call = simulateCall({
    compiled,
    strategy,
    rng,
    signalRng,
    answerProbability,
    expectedDigit,
    ...(recorder ? { recorder } : {}),
  });
  return { call, verification };
}

/**
 * The attacker triggers calls while the victim is unlikely to answer, then listens to the
 * voicemail `retrievalSeconds` after each call and types the recorded code.
 */
export function runAttackTrial(
  compiled: CompiledScenario,
  strategy: StrategyId,
  trialIndex: number,
  options: TrialOptions = {},
): AttackTrialOutcome {
  const rng = trialRng(compiled.seed, strategy, 'attack', trialIndex);
  const signalRng = trialSignalRng(compiled.seed, strategy, 'attack', trialIndex);
  const trialEpochMs = trialStart(compiled, rng);
  // A TOTP secret belongs to the account; a ttl code is fresh on every send.
  const accountSecret = compiled.code.kind === 'totp' ? newSecret(rng) : null;
  const calls: CallRecord[] = [];
  for (const placedAtMs of compiled.campaignScheduleMs) {
    const secret = accountSecret ?? newSecret(rng);
    const recorder = options.recorder?.(calls.length);
    const { call, verification } = placeCall(
      compiled,
      strategy,
      rng,
      signalRng,
      trialEpochMs,
      placedAtMs,
      secret,
      compiled.attacker.victimAnswerProbability,
      recorder,
    );
    let submittedAtMs: Ms | null = null;
    let accepted = false;
    if (call.leaked) {
      submittedAtMs = placedAtMs + call.endMs + compiled.attacker.retrieval(rng);
      accepted = verification.check(verification.code, trialEpochMs + submittedAtMs) === 'approved';
      recorder?.record({
        type: 'code-submitted',
        atMs: submittedAtMs - placedAtMs,
        by: 'attacker',
        code: verification.code,
        accepted,
      });
    }
    calls.push({
      placedAtMs,
      trialEpochMs,
      call,
      code: verification.code,
      submittedAtMs,
      accepted,
    });
    if (accepted) break;
  }
  return { kind: 'attack', calls, campaignIntercepted: calls.some((c) => c.accepted) };
}

/** The owner is logging in and waits for the call; they type the first readout they hear. */
export function runLegitTrial(
  compiled: CompiledScenario,
  strategy: StrategyId,
  trialIndex: number,
  options: TrialOptions = {},
): LegitTrialOutcome {
  const rng = trialRng(compiled.seed, strategy, 'legit', trialIndex);
  const signalRng = trialSignalRng(compiled.seed, strategy, 'legit', trialIndex);
  const trialEpochMs = trialStart(compiled, rng);
  const recorder = options.recorder?.(0);
  const { call, verification } = placeCall(
    compiled,
    strategy,
    rng,
    signalRng,
    trialEpochMs,
    0,
    newSecret(rng),
    compiled.person.answerProbability,
    recorder,
  );
  let submittedAtMs: Ms | null = null;
  let accepted = false;
  if (call.firstReadoutHeardMs !== null) {
    submittedAtMs = call.firstReadoutHeardMs + compiled.person.entry(rng);
    accepted = verification.check(verification.code, trialEpochMs + submittedAtMs) === 'approved';
    recorder?.record({
      type: 'code-submitted',
      atMs: submittedAtMs,
      by: 'owner',
      code: verification.code,
      accepted,
    });
  }
  return {
    kind: 'legit',
    call: { placedAtMs: 0, trialEpochMs, call, code: verification.code, submittedAtMs, accepted },
    success: accepted,
    abandoned: call.answeredBy === 'person' && call.firstReadoutHeardMs === null,
  };
}
