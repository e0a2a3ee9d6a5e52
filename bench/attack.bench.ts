/**
 * npm run bench, red-team part: each known-answer search of README "Red team" (the default
 * budget of 300 and 2,000 confirmation trials) on this thread and on 2 worker threads (one per
 * core at most), the pool started once and warmed up, so the figures are the searches' own; a
 * `sim attack` command adds the workers' start (about 1 to 3 s). Prints the best greeting, its
 * confirmed rate, the trials spent, seconds and attack trials a second, best of ROUNDS. No
 * thresholds.
 */
import { availableParallelism } from 'node:os';
import { loadScenarioFile } from '../src/cli/loadScenarioFile.ts';
import { createNodeWorkerPool, type NodeWorkerPool } from '../src/node/workerPool.ts';
import {
  DEFAULT_BUDGET,
  DEFAULT_CONFIRM_TRIALS,
  inProcessEvaluator,
  poolEvaluator,
  searchGreeting,
  type AttackReport,
  type Evaluator,
  type Objective,
} from '../src/redteam/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKERS = Math.min(2, availableParallelism());

/** The known answers: scenario file, flow and objective. */
const SEARCHES: readonly { file: string; strategy: string; objective: Objective }[] = [
  {
    file: 'scenarios/redteam/static-prompt.json',
    strategy: 'static-prompt',
    objective: 'interception',
  },
  { file: 'scenarios/twiml-press-pound.json', strategy: 'press-pound', objective: 'interception' },
  {
    file: 'scenarios/redteam/random-digit.json',
    strategy: 'random-digit',
    objective: 'interception',
  },
  { file: 'scenarios/redteam/random-digit.json', strategy: 'random-digit', objective: 'campaign' },
  {
    file: 'scenarios/redteam/random-digit-reask.json',
    strategy: 'random-digit',
    objective: 'interception',
  },
  { file: 'scenarios/redteam/amd.json', strategy: 'amd', objective: 'interception' },
];

/** The fastest of ROUNDS searches, in seconds, and the report (the same every round). */
async function timed(
  run: () => Promise<AttackReport>,
): Promise<{ seconds: number; report: AttackReport }> {
  let seconds = Infinity;
  let report: AttackReport | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    report = await run();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return { seconds, report: report! };
}

async function searchOn(
  search: (typeof SEARCHES)[number],
  evaluatorFor: (loaded: Awaited<ReturnType<typeof loadScenarioFile>>) => Evaluator,
) {
  const loaded = await loadScenarioFile(search.file);
  const evaluate = evaluatorFor(loaded);
  return timed(() =>
    searchGreeting(
      loaded.scenario,
      {
        strategy: search.strategy,
        objective: search.objective,
        budget: DEFAULT_BUDGET,
        trials: DEFAULT_CONFIRM_TRIALS,
        seed: loaded.scenario.seed,
      },
      evaluate,
    ),
  );
}

function line(label: string, seconds: number, report: AttackReport): string {
  return `  ${label.padEnd(12)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(
    report.trials / seconds,
  )
    .toLocaleString('en-US')
    .padStart(9)} trials/s`;
}

async function main(): Promise<void> {
  console.log(
    `red team: known-answer searches, budget ${DEFAULT_BUDGET}, ${DEFAULT_CONFIRM_TRIALS} confirmation trials, best of ${ROUNDS}`,
  );
  const pool: NodeWorkerPool = createNodeWorkerPool(WORKERS);
  try {
    for (const search of SEARCHES) {
      const { strategy, objective } = search;
      // Warm the workers up on this scenario (they compile it once per scenario and flow).
      const loaded = await loadScenarioFile(search.file);
      await pool.evaluateGreetings(
        loaded.scenario,
        strategy,
        objective,
        [{ greeting: loaded.scenario.voicemail.greeting, seed: 1, fromTrial: 0, toTrial: 200 }],
        loaded.assets,
        loaded.documents,
      );
      const here = await searchOn(search, (l) =>
        inProcessEvaluator(l.scenario, strategy, objective, l.assets, l.documents),
      );
      const workers = await searchOn(search, (l) =>
        poolEvaluator(pool, l.scenario, strategy, objective, l.assets, l.documents),
      );
      const { report } = here;
      console.log(`${search.file} --strategy ${strategy} --objective ${objective}`);
      console.log(
        `  best ${JSON.stringify(report.best.greeting)}: ${(report.best.rate * 100).toFixed(2)}% [${(report.best.ci95[0] * 100).toFixed(2)}, ${(report.best.ci95[1] * 100).toFixed(2)}], ${report.evaluations} candidates, ${report.trials} attack trials`,
      );
      console.log(line('this thread', here.seconds, report));
      console.log(line(`${WORKERS} workers`, workers.seconds, workers.report));
    }
  } finally {
    await pool.close();
  }
}

await main();
