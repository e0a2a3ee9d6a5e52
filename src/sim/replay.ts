import type { StrategyId } from '../scenario/index.ts';
import { CallEventLog, type CallEvent } from './callEvents.ts';
import type { CompiledScenario } from './compile.ts';
import {
  runAttackTrial,
  runLegitTrial,
  type AttackTrialOutcome,
  type LegitTrialOutcome,
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
  const logs: CallEventLog[] = [];
  const recorder = (callIndex: number) => (logs[callIndex] = new CallEventLog());
  const outcome =
    kind === 'attack'
      ? runAttackTrial(compiled, strategy, trialIndex, { recorder })
      : runLegitTrial(compiled, strategy, trialIndex, { recorder });
  return { strategy, kind, trialIndex, outcome, events: logs.map((log) => log.events()) };
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
  for (let i = from; i < from + limit; i++) {
    const outcome =
      kind === 'attack'
        ? runAttackTrial(compiled, strategy, i)
        : runLegitTrial(compiled, strategy, i);
    if (matches(outcome)) return i;
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
