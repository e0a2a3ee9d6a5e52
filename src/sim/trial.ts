import type { Ms } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';
import type { FlowEngine } from '../flows/index.ts';
import { issueVerification, type Verification } from '../otp/index.ts';
import type { StrategyId } from '../scenario/index.ts';
import type { TwimlRequest, TwimlResponse } from '../twiml/index.ts';
import { callSteps, simulateCall, type CallOutcome, type CallSetup } from './call.ts';
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
  /**
   * When the attacker (attack) or owner (legit) typed the code, in ms from the trial's start: the
   * owner's last try if they retyped it.
   */
  readonly submittedAtMs: Ms | null;
  readonly accepted: boolean;
  /** Checks made with this call's code: the attacker's one, or the owner's tries. */
  readonly checks: number;
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
  /** Runs the built-in flows' machines (CallSetup.flowEngine); the stepper by default. */
  readonly flowEngine?: FlowEngine;
}

function trialStart(compiled: CompiledScenario, rng: Rng): number {
  return compiled.startEpochMs + rng.int(compiled.startSpreadMs + 1);
}

/**
 * A trial step by step: each yield is a request of a `url` flow to its webhook, resumed with the
 * answer. Flows that need no webhook never yield (runSteps).
 */
export type TrialSteps<T> = Generator<TwimlRequest, T, TwimlResponse>;

/** Runs steps that make no webhook request; a request is a programming error here. */
export function runSteps<T>(steps: TrialSteps<T>, strategy: StrategyId): T {
  const first = steps.next();
  if (!first.done) {
    throw new Error(
      `Call flow '${strategy}' requests ${first.value.url}: run it with a webhook client.`,
    );
  }
  return first.value;
}

/** Runs steps, sending each webhook request with `send` and resuming with its answer. */
export async function runStepsLive<T>(
  steps: TrialSteps<T>,
  send: (request: TwimlRequest) => Promise<TwimlResponse>,
): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await send(step.value));
  return step.value;
}

/** The key the call will ask for: drawn per call, fixed, or none (naive and amd ask for no key). */
export function expectedDigitFor(
  compiled: CompiledScenario,
  strategy: StrategyId,
  rng: Rng,
): string | null {
  const { promptDigits, staticDigit } = compiled;
  if (strategy === 'random-digit') return promptDigits[rng.int(promptDigits.length)]!;
  // A TwiML flow's key is its own (its server's, or written in its documents).
  return strategy === 'static-prompt' ? staticDigit : null;
}

function newSecret(rng: Rng): Uint8Array {
  return rng.fill(new Uint8Array(20));
}

/**
 * A call's setup: the key it will ask for, the verification whose code it carries, and for a
 * TwiML flow its plan (request parameters drawn from the trial's stream). `live`: it asks a
 * webhook for documents, so it must run step by step.
 */
function prepareCall(
  compiled: CompiledScenario,
  strategy: StrategyId,
  rng: Rng,
  signalRng: Rng,
  trialEpochMs: number,
  placedAtMs: Ms,
  secret: Uint8Array,
  answerProbability: number,
  recorder: CallRecorder | undefined,
  flowEngine: FlowEngine | undefined,
): { setup: CallSetup; verification: Verification; live: boolean } {
  const expectedDigit = expectedDigitFor(compiled, strategy, rng);
  const verification = issueVerification(
    compiled.code,
    secret,
    trialEpochMs + placedAtMs,
    compiled.maxCheckAttempts,
  );
  const twimlFlow = compiled.twimlFlows.get(strategy);
  const setup: CallSetup = {
    compiled,
    strategy,
    rng,
    signalRng,
    answerProbability,
    expectedDigit,
    twiml: twimlFlow?.planCall(rng, verification.code),
    recorder,
    flowEngine,
  };
  return { setup, verification, live: twimlFlow?.live ?? false };
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
  return runSteps(attackTrialSteps(compiled, strategy, trialIndex, options), strategy);
}

/** runAttackTrial, step by step (TrialSteps). */
export function* attackTrialSteps(
  compiled: CompiledScenario,
  strategy: StrategyId,
  trialIndex: number,
  options: TrialOptions = {},
): TrialSteps<AttackTrialOutcome> {
  const rng = trialRng(compiled.seed, strategy, 'attack', trialIndex);
  const signalRng = trialSignalRng(compiled.seed, strategy, 'attack', trialIndex);
  const trialEpochMs = trialStart(compiled, rng);
  // A TOTP secret belongs to the account; a ttl code is fresh on every send.
  const accountSecret = compiled.code.kind === 'totp' ? newSecret(rng) : null;
  const calls: CallRecord[] = [];
  // The attacker learns that a code worked only when they type it; until then the campaign's
  // calls go out as scheduled, so calls placed before that moment are placed (and may leak too).
  let interceptedAtMs = Infinity;
  for (const placedAtMs of compiled.campaignScheduleMs) {
    if (placedAtMs >= interceptedAtMs) break;
    const secret = accountSecret ?? newSecret(rng);
    const recorder = options.recorder?.(calls.length);
    const prepared = prepareCall(
      compiled,
      strategy,
      rng,
      signalRng,
      trialEpochMs,
      placedAtMs,
      secret,
      compiled.attacker.victimAnswerProbability,
      recorder,
      options.flowEngine,
    );
    const { verification } = prepared;
    const call = prepared.live ? yield* callSteps(prepared.setup) : simulateCall(prepared.setup);
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
      checks: submittedAtMs === null ? 0 : 1,
    });
    if (accepted) interceptedAtMs = Math.min(interceptedAtMs, submittedAtMs!);
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
  return runSteps(legitTrialSteps(compiled, strategy, trialIndex, options), strategy);
}

/** runLegitTrial, step by step (TrialSteps). */
export function* legitTrialSteps(
  compiled: CompiledScenario,
  strategy: StrategyId,
  trialIndex: number,
  options: TrialOptions = {},
): TrialSteps<LegitTrialOutcome> {
  const rng = trialRng(compiled.seed, strategy, 'legit', trialIndex);
  const signalRng = trialSignalRng(compiled.seed, strategy, 'legit', trialIndex);
  const trialEpochMs = trialStart(compiled, rng);
  const recorder = options.recorder?.(0);
  const prepared = prepareCall(
    compiled,
    strategy,
    rng,
    signalRng,
    trialEpochMs,
    0,
    newSecret(rng),
    compiled.person.answerProbability,
    recorder,
    options.flowEngine,
  );
  const { verification } = prepared;
  const call = prepared.live ? yield* callSteps(prepared.setup) : simulateCall(prepared.setup);
  const entry =
    call.firstReadoutHeardMs === null
      ? { submittedAtMs: null, accepted: false, checks: 0 }
      : ownerEntersCode(
          compiled,
          verification,
          rng,
          trialEpochMs,
          call.firstReadoutHeardMs,
          recorder,
        );
  const { accepted } = entry;
  return {
    kind: 'legit',
    call: { placedAtMs: 0, trialEpochMs, call, code: verification.code, ...entry },
    success: accepted,
    abandoned: call.answeredBy === 'person' && call.firstReadoutHeardMs === null,
  };
}

/**
 * The owner types the code `entry` after the first readout they heard in full. With
 * `codeEntryErrorRate` a try has one digit wrong; the service answers "wrong" and the owner types
 * it again (another `entry`) for as long as the verification takes checks: Verify locks it after
 * `maxCheckAttempts` failed checks and at expiry. A correct code the service refuses (expired)
 * ends the attempt. With the rate at 0 nothing extra is drawn.
 */
function ownerEntersCode(
  compiled: CompiledScenario,
  verification: Verification,
  rng: Rng,
  trialEpochMs: Ms,
  firstReadoutHeardMs: Ms,
  recorder: CallRecorder | undefined,
): { submittedAtMs: Ms; accepted: boolean; checks: number } {
  const { person } = compiled;
  let atMs = firstReadoutHeardMs + person.entry(rng);
  for (let checks = 1; ; checks++) {
    const typed = typedCode(verification.code, person.codeEntryErrorRate, rng);
    const outcome = verification.check(typed, trialEpochMs + atMs);
    const accepted = outcome === 'approved';
    recorder?.record({ type: 'code-submitted', atMs, by: 'owner', code: typed, accepted });
    const retypes = outcome === 'wrong' && typed !== verification.code;
    if (!retypes || verification.status !== 'pending') {
      return { submittedAtMs: atMs, accepted, checks };
    }
    atMs += person.entry(rng);
  }
}

/** The code as typed: right, or with probability `errorRate` one digit replaced by another. */
function typedCode(code: string, errorRate: number, rng: Rng): string {
  if (errorRate === 0 || rng.next() >= errorRate) return code;
  const position = rng.int(code.length);
  const digit = (Number(code[position]) + 1 + rng.int(9)) % 10;
  return code.slice(0, position) + String(digit) + code.slice(position + 1);
}
