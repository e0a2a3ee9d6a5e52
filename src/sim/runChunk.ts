import type { StrategyId } from '../scenario/index.ts';
import type { CompiledScenario } from './compile.ts';
import { StrategyTally } from './strategyTally.ts';
import { runAttackTrial, runLegitTrial } from './trial.ts';

/** A slice of the trial indices of one strategy: [fromTrial, toTrial). */
export interface TrialChunk {
  readonly strategy: StrategyId;
  readonly fromTrial: number;
  readonly toTrial: number;
}

/** Runs attack and legit trials for each index of the chunk. Pure: same chunk, same tally. */
export function runChunk(compiled: CompiledScenario, chunk: TrialChunk): StrategyTally {
  const tally = new StrategyTally();
  for (let i = chunk.fromTrial; i < chunk.toTrial; i++) {
    tally.addAttack(runAttackTrial(compiled, chunk.strategy, i));
    tally.addLegit(runLegitTrial(compiled, chunk.strategy, i));
  }
  return tally;
}
