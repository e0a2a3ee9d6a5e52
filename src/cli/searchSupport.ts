/** What `attack`, `run` and `check` share to run greeting searches (src/redteam). */
import { createNodeWorkerPool } from '../node/workerPool.ts';
import {
  poolEvaluator,
  runWorstCaseSearches,
  worstCaseSearches,
  type SearchProgress,
  type WorstCaseCheck,
} from '../redteam/index.ts';
import { percent } from '../report/percent.ts';
import { isTwimlFlow, STRATEGY_IDS, type Scenario, type StrategyId } from '../scenario/index.ts';
import { compileScenario } from '../sim/compile.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
import { namingFile, UsageError } from './exitCodes.ts';

/**
 * A strategy the scenario runs, whose calls need no webhook: exit 2 otherwise, saying which
 * strategies it could be.
 */
export function checkSearchable(
  file: string,
  scenario: Scenario,
  strategy: StrategyId,
  assets: ScenarioAssets,
  documents: TwimlTexts,
): void {
  if (!scenario.strategies.includes(strategy)) {
    throw new UsageError(
      `${file}: --strategy ${strategy}: expected one of the scenario's strategies (${scenario.strategies.join(', ')}); built-in ones are ${STRATEGY_IDS.join(', ')}, others are flows it declares and lists in "strategies".`,
    );
  }
  const flow = scenario.flows[strategy];
  const live =
    (flow !== undefined && !isTwimlFlow(flow)) ||
    compiledOrUsageError(file, scenario, assets, documents).twimlFlows.get(strategy)?.live;
  if (live) {
    throw new UsageError(
      `${file}: --strategy ${strategy}: expected a built-in flow or a "twiml" flow whose documents link to no URL; this one sends requests to a webhook, and a search would send hundreds of thousands (README, "Red team").`,
    );
  }
}

function compiledOrUsageError(
  file: string,
  scenario: Scenario,
  assets: ScenarioAssets,
  documents: TwimlTexts,
) {
  try {
    return compileScenario({ ...scenario, fidelity: 'event' }, assets, documents);
  } catch (error) {
    throw namingFile(file, error);
  }
}

/** A progress line on stderr when it is a terminal: phase, candidates, trials, best so far. */
export function searchProgress(label: string): {
  listener: ((progress: SearchProgress) => void) | undefined;
  done(): void;
} {
  if (!process.stderr.isTTY) return { listener: undefined, done() {} };
  return {
    listener(p) {
      const best = p.best ? `, best ${percent(p.best.rate)}` : '';
      process.stderr.write(
        `\r\x1b[2K${label}: ${p.phase === 'screen' ? 'screening' : 'confirmed'}, ${p.candidatesTried} candidates, ${p.trialsSpent} trials${best}`,
      );
    },
    done() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}

/**
 * The scenario's `expectWorstCase` searches (src/redteam/worstCase.ts) on one worker pool, with
 * terminal progress; [] without bounds (no pool is started). Problems with the input (a flow
 * that calls a webhook) are a UsageError naming the file.
 */
export async function searchWorstCases(
  file: string,
  scenario: Scenario,
  workers: number,
  assets: ScenarioAssets,
  documents: TwimlTexts,
): Promise<WorstCaseCheck[]> {
  const searches = worstCaseSearches(scenario);
  if (searches.length === 0) return [];
  for (const strategy of new Set(searches.map((s) => s.strategy)))
    checkSearchable(file, scenario, strategy, assets, documents);
  const pool = createNodeWorkerPool(workers);
  let progress: ReturnType<typeof searchProgress> | null = null;
  try {
    return await runWorstCaseSearches(
      scenario,
      (search) =>
        poolEvaluator(pool, scenario, search.strategy, search.objective, assets, documents),
      (search, index, count) => {
        progress?.done();
        progress = searchProgress(
          `${scenario.name}: worst case ${index + 1}/${count}, ${search.strategy} ${search.objective}`,
        );
        return progress.listener ? { onProgress: progress.listener } : {};
      },
    );
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    (progress as ReturnType<typeof searchProgress> | null)?.done();
    await pool.close();
  }
}
