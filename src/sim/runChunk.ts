import type { StrategyId } from '../scenario/index.ts';
import type { CompiledScenario } from './compile.ts';
import { StrategyTally } from './strategyTally.ts';
import type { WebhookClient } from '../twiml/index.ts';
import {
  attackTrialSteps,
  legitTrialSteps,
  runAttackTrial,
  runLegitTrial,
  runStepsLive,
} from './trial.ts';

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

/**
 * Trials of a chunk a webhook takes part in run this many at a time, so the server's latency
 * overlaps; each trial is still a pure function of its index and the server's answers, and
 * tallies merge by integer addition, so the order they finish in changes nothing.
 */
export const LIVE_TRIALS_IN_FLIGHT = 16;

/** runChunk for a flow whose requests go to a webhook: the same tally, given the same answers. */
export async function runChunkLive(
  compiled: CompiledScenario,
  chunk: TrialChunk,
  client: WebhookClient,
  inFlight = LIVE_TRIALS_IN_FLIGHT,
): Promise<StrategyTally> {
  const tally = new StrategyTally();
  const send = (request: Parameters<WebhookClient['request']>[0]) => client.request(request);
  let next = chunk.fromTrial;
  const lane = async () => {
    while (next < chunk.toTrial) {
      const i = next++;
      tally.addAttack(await runStepsLive(attackTrialSteps(compiled, chunk.strategy, i), send));
      tally.addLegit(await runStepsLive(legitTrialSteps(compiled, chunk.strategy, i), send));
    }
  };
  const lanes = Math.max(1, Math.min(inFlight, chunk.toTrial - chunk.fromTrial));
  await Promise.all(Array.from({ length: lanes }, lane));
  return tally;
}

/** Whether a chunk's strategy sends requests to a webhook (a `url` flow, or one that links out). */
export function chunkIsLive(compiled: CompiledScenario, chunk: TrialChunk): boolean {
  return compiled.twimlFlows.get(chunk.strategy)?.live ?? false;
}
