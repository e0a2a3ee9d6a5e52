import type { Ms } from '../core/distributions.ts';
import type { StrategyId } from '../scenario/index.ts';
import type { CallObserver } from './call.ts';
import type { CompiledScenario } from './compile.ts';
import {
  runAttackTrial,
  runLegitTrial,
  type AttackTrialOutcome,
  type LegitTrialOutcome,
} from './trial.ts';
import type { TrialKind } from './trialKeys.ts';

export interface TimelineEntry {
  readonly atMs: Ms;
  readonly source: 'line' | 'person' | 'voicemail' | 'service' | 'flow';
  readonly label: string;
}

export interface TrialReplay {
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  readonly trialIndex: number;
  readonly outcome: AttackTrialOutcome | LegitTrialOutcome;
  /** One timeline per call, in ms from that call's placing. */
  readonly timelines: readonly TimelineEntry[][];
}

/** Replays one trial with its events and flow states: the same draws as in the Monte Carlo run. */
export function replayTrial(
  compiled: CompiledScenario,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
): TrialReplay {
  const timelines: TimelineEntry[][] = [];
  const observer = (callIndex: number): CallObserver => {
    const timeline: TimelineEntry[] = [];
    timelines[callIndex] = timeline;
    let lastState = '';
    return {
      onEvent: (atMs, source, label) => timeline.push({ atMs, source, label }),
      onFlowState: (atMs, state) => {
        if (state !== lastState) timeline.push({ atMs, source: 'flow', label: `state ${state}` });
        lastState = state;
      },
    };
  };
  const outcome =
    kind === 'attack'
      ? runAttackTrial(compiled, strategy, trialIndex, { observer })
      : runLegitTrial(compiled, strategy, trialIndex, { observer });
  return { strategy, kind, trialIndex, outcome, timelines };
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
