import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createNodeWorkerPool, defaultWorkerCount } from '../../node/workerPool.ts';
import {
  DEFAULT_BUDGET,
  DEFAULT_CONFIRM_TRIALS,
  poolEvaluator,
  searchGreeting,
  type AttackReport,
} from '../../redteam/index.ts';
import { formatAttackReport } from '../../report/attackText.ts';
import { isInlineTwiml, type Scenario, type StrategyId } from '../../scenario/index.ts';
import type { Objective } from '../../sim/greetingEvaluation.ts';
import type { ScenarioAssets } from '../../sim/greetingSource.ts';
import type { TwimlTexts } from '../../sim/twimlFlows.ts';
import { namingFile, UsageError } from '../exitCodes.ts';
import { checkSearchable, searchProgress } from '../searchSupport.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';

export interface AttackOptions {
  strategy: StrategyId;
  objective?: Objective;
  budget?: number;
  trials?: number;
  seed?: number;
  workers?: number;
  json?: boolean;
  out?: string;
}

/**
 * `sim attack`: searches the greetings a voicemail box could play for the one that does best
 * against one flow (src/redteam), writes the scenario with that greeting and the confirmation
 * seed, and prints the report and the `trial` command that replays one of its won calls.
 */
export async function attackCommand(file: string, options: AttackOptions): Promise<void> {
  const { scenario, assets, documents } = await loadScenarioFile(file);
  const { strategy } = options;
  checkSearchable(file, scenario, strategy, assets, documents);
  const started = performance.now();
  const workers = options.workers ?? defaultWorkerCount();
  const report = await runSearch(file, scenario, options, workers, assets, documents);
  const seconds = (performance.now() - started) / 1000;
  const out = options.out ?? defaultOutPath(file, strategy);
  await writeBestScenario(file, out, report);
  const replayCommand =
    report.replay === null
      ? null
      : `npm run sim -- trial ${shellWord(out)} --strategy ${strategy} --kind attack --index ${report.replay.trialIndex} --seed ${report.confirmSeed}`;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...report, seconds, workers, out, replayCommand }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(`${formatAttackReport(report, { seconds, workers })}\n`);
  const atEventLevel =
    report.scenarioFidelity === 'signal' ? ' (at fidelity "event", where it was evaluated)' : '';
  process.stdout.write(
    `scenario with this greeting and the confirmation seed${atEventLevel}: ${out}\n`,
  );
  process.stdout.write(
    replayCommand === null
      ? 'no confirmation trial was won, so there is no call to replay\n'
      : `replay a won call: ${replayCommand}\n`,
  );
}

async function runSearch(
  file: string,
  scenario: Scenario,
  options: AttackOptions,
  workers: number,
  assets: ScenarioAssets,
  documents: TwimlTexts,
): Promise<AttackReport> {
  const objective = options.objective ?? 'interception';
  const pool = createNodeWorkerPool(workers);
  const progress = searchProgress(`attack ${options.strategy}`);
  try {
    return await searchGreeting(
      scenario,
      {
        strategy: options.strategy,
        objective,
        budget: options.budget ?? DEFAULT_BUDGET,
        trials: options.trials ?? DEFAULT_CONFIRM_TRIALS,
        seed: options.seed ?? scenario.seed,
      },
      poolEvaluator(pool, scenario, options.strategy, objective, assets, documents),
      { onProgress: progress.listener },
    );
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    progress.done();
    await pool.close();
  }
}

/** Where the best scenario goes without --out: the system's temporary folder, not the repository. */
function defaultOutPath(file: string, strategy: StrategyId): string {
  return join(tmpdir(), 'voice-otp-lab-attack', `${basename(file, '.json')}.${strategy}.best.json`);
}

/**
 * Writes the scenario file as written, with the best greeting, the confirmation seed (so the
 * replay's trial is the confirmation's) and, at fidelity "signal", fidelity "event" (where the
 * greeting was evaluated). Paths in it (the flows' documents, recordings, $schema) are rewritten
 * relative to the new file, so it runs from wherever it is written.
 */
async function writeBestScenario(file: string, out: string, report: AttackReport): Promise<void> {
  const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const from = dirname(resolve(file));
  const to = dirname(resolve(out));
  const moved = (path: string) => relative(to, resolve(from, path)).split(sep).join('/');
  if (typeof written.$schema === 'string' && !/^[a-z]+:/i.test(written.$schema))
    written.$schema = moved(written.$schema);
  for (const flow of Object.values((written.flows ?? {}) as Record<string, { twiml?: string }>)) {
    if (typeof flow.twiml === 'string' && !isInlineTwiml(flow.twiml))
      flow.twiml = moved(flow.twiml);
  }
  const voicemail = (written.voicemail ?? {}) as Record<string, unknown>;
  written.voicemail = { ...voicemail, greeting: report.best.greeting };
  written.seed = report.confirmSeed;
  if (report.scenarioFidelity === 'signal') written.fidelity = 'event';
  try {
    await mkdir(to, { recursive: true });
    await writeFile(out, `${JSON.stringify(written, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(
      `${out}: cannot write the scenario with the best greeting (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

/** A path as one shell word: as it is when it holds only safe characters, else single-quoted. */
function shellWord(path: string): string {
  return /^[\w./+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
