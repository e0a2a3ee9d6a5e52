import type { StrategyId } from '../scenario/index.ts';
import { CallEventLog, type CallEvent } from './callEvents.ts';
import type { CompiledScenario } from './compile.ts';
import {
  attackTrialSteps,
  legitTrialSteps,
  runSteps,
  type AttackTrialOutcome,
  type LegitTrialOutcome,
  type TrialOptions,
  type TrialSteps,
} from './trial.ts';
import type { TrialKind } from './trialKeys.ts';

export interface TrialReplay {
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  readonly trialIndex: number;
  readonly outcome: AttackTrialOutcome | LegitTrialOutcome;
  /** Each call's typed events in time order, in ms from that call's placing. */
  readonly events: readonly (readonly CallEvent[])[];
}

/** Replays one trial with its calls' events: the same draws as in the Monte Carlo run. */
export function replayTrial(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
): TrialReplay {
  return runSteps(replayTrialSteps(compiled, strategy, kind, trialIndex), strategy);
}

/** replayTrial step by step: a `url` flow yields its webhook requests (runStepsLive). */
export function* replayTrialSteps(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
): TrialSteps<TrialReplay> {
  const logs: CallEventLog[] = [];
  const recorder = (callIndex: number) => (logs[callIndex] = new CallEventLog());
  const outcome = yield* trialSteps(compiled, strategy, kind, trialIndex, { recorder });
  return { strategy, kind, trialIndex, outcome, events: logs.map((log) => log.events()) };
}

function trialSteps(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
  options: TrialOptions = {},
): TrialSteps<AttackTrialOutcome | LegitTrialOutcome> {
  return kind === 'attack'
    ? attackTrialSteps(compiled, strategy, trialIndex, options)
    : legitTrialSteps(compiled, strategy, trialIndex, options);
}

/** The first trial index from `from` whose outcome matches, or null within `limit` trials. */
export function findTrial(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  matches: (outcome: AttackTrialOutcome | LegitTrialOutcome) => boolean,
  from = 0,
  limit = 100_000,
): number | null {
  return runSteps(findTrialSteps(compiled, strategy, kind, matches, from, limit), strategy);
}

/** findTrial step by step (TrialSteps). */
export function* findTrialSteps(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  matches: (outcome: AttackTrialOutcome | LegitTrialOutcome) => boolean,
  from = 0,
  limit = 100_000,
): TrialSteps<number | null> {
  for (let i = from; i < from + limit; i++) {
    if (matches(yield* trialSteps(compiled, strategy, kind, i))) return i;
  }
  return null;
}

export const TRIAL_PREDICATES = {
  intercepted: (o: AttackTrialOutcome | LegitTrialOutcome) =>
    o.kind === 'attack' && o.calls[0]!.accepted,
  leaked: (o: AttackTrialOutcome | LegitTrialOutcome) =>
    o.kind === 'attack' && o.calls[0]!.call.leaked,
  'legit-failed': (o: AttackTrialOutcome | LegitTrialOutcome) => o.kind === 'legit' && !o.success,
  abandoned: (o: AttackTrialOutcome | LegitTrialOutcome) => o.kind === 'legit' && o.abandoned,
} as const;
export type TrialPredicateName = keyof typeof TRIAL_PREDICATES;
