import type { StrategyId } from '../../scenario/index.ts';
import { compileScenario } from '../../sim/compile.ts';
import {
  findTrialSteps,
  replayTrialSteps,
  TRIAL_PREDICATES,
  type TrialPredicateName,
} from '../../sim/replay.ts';
import { runSteps, runStepsLive, type TrialSteps } from '../../sim/trial.ts';
import { nodeWebhookClient } from '../../node/webhookClient.ts';
import { isBuiltInStrategy, STRATEGY_IDS, type Scenario } from '../../scenario/index.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';
import { MAX_TRIAL_INDEX, MAX_TRIALS } from '../../scenario/trialLimits.ts';
import { namingFile, UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';
import { formatReplay } from '../../report/replayText.ts';
import { writeFile } from 'node:fs/promises';
import { encodeWav } from '../../audio/index.ts';
import { callRecords, callTrace } from '../../sim/callTrace.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import type { TrialReplay } from '../../sim/replay.ts';
import { renderCallAudio } from '../../sim/renderCallAudio.ts';

/** Trials `--find` tries at most, from `--index` on (and never past the last trial a run has). */
export const FIND_TRIALS = 100_000;

export interface TrialOptions {
  strategy: StrategyId;
  kind: TrialKind;
  index?: number;
  find?: TrialPredicateName;
  seed?: number;
  json?: boolean;
  wav?: string;
}

export async function trialCommand(file: string, options: TrialOptions): Promise<void> {
  const { scenario, assets, documents } = await loadScenarioFile(
    file,
    options.seed === undefined ? {} : { seed: options.seed },
  );
  if (!isBuiltInStrategy(options.strategy) && !(options.strategy in scenario.flows)) {
    const declared = Object.keys(scenario.flows);
    throw new UsageError(
      `${file}: --strategy ${options.strategy}: expected a built-in strategy (${STRATEGY_IDS.join(', ')}) or a flow the scenario declares (${declared.length ? declared.join(', ') : 'it declares none'}).`,
    );
  }
  let compiled: CompiledScenario;
  try {
    compiled = compileScenario(scenario, assets, documents);
  } catch (error) {
    throw namingFile(file, error);
  }
  const steps = stepRunner(scenario, compiled, options.strategy);
  try {
    await replayCommand(file, scenario, compiled, options, steps.run);
  } finally {
    await steps.close();
  }
}

/**
 * Runs trial steps: on this thread, or for a flow that calls a webhook, with a client that sends
 * its requests (closed when the command is done).
 */
function stepRunner(
  scenario: Scenario,
  compiled: CompiledScenario,
  strategy: StrategyId,
): { run: <T>(steps: TrialSteps<T>) => Promise<T>; close: () => Promise<void> } {
  if (!compiled.twimlFlows.get(strategy)?.live) {
    return {
      run: (steps) => Promise.resolve(runSteps(steps, strategy)),
      close: () => Promise.resolve(),
    };
  }
  const client = nodeWebhookClient({
    authToken: scenario.platform.authToken,
    timeoutMs: scenario.platform.webhookTimeoutSeconds * 1000,
  });
  return {
    run: (steps) => runStepsLive(steps, (request) => client.request(request)),
    close: () => client.close(),
  };
}

async function replayCommand(
  file: string,
  scenario: Scenario,
  compiled: CompiledScenario,
  options: TrialOptions,
  run: <T>(steps: TrialSteps<T>) => Promise<T>,
): Promise<void> {
  // main.ts holds --index to 0 … MAX_TRIAL_INDEX: the indices a run can reach.
  let index = options.index ?? 0;
  if (options.find) {
    const kind: TrialKind =
      options.find === 'intercepted' || options.find === 'leaked' ? 'attack' : 'legit';
    options.kind = kind;
    const limit = Math.min(FIND_TRIALS, MAX_TRIALS - index);
    const found = await run(
      findTrialSteps(
        compiled,
        options.strategy,
        kind,
        TRIAL_PREDICATES[options.find],
        index,
        limit,
      ),
    );
    if (found === null)
      throw new UsageError(
        `No ${options.find} ${kind} trial of ${options.strategy} in trials ${index} to ${index + limit - 1} ` +
          `(--find tries ${FIND_TRIALS} trials from --index, and none past ${MAX_TRIAL_INDEX}, the last trial a run can have).`,
      );
    index = found;
  }
  const replay = await run(replayTrialSteps(compiled, options.strategy, options.kind, index));
  if (options.wav) {
    for (const written of await writeCallAudio(compiled, replay, options.wav)) {
      process.stderr.write(`wrote ${written}\n`);
    }
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(replay, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatReplay(replay)}\n`);
  process.stdout.write(
    `\nreplay: npm run sim -- trial ${file} --strategy ${options.strategy} --kind ${options.kind} --index ${index} --seed ${scenario.seed}\n`,
  );
}

/** Each call of the replay rendered to audio; returns the files written. */
async function writeCallAudio(
  compiled: CompiledScenario,
  replay: TrialReplay,
  path: string,
): Promise<string[]> {
  const count = callRecords(replay).length;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = count === 1 ? path : path.replace(/(\.wav)?$/i, `-${i + 1}.wav`);
    const samples = renderCallAudio(callTrace(replay, i), compiled, {
      seed: replay.trialIndex,
    });
    try {
      await writeFile(file, encodeWav(samples));
    } catch (error) {
      throw new UsageError(`${file}: cannot write the recording (${(error as Error).message}).`, {
        cause: error,
      });
    }
    files.push(file);
  }
  return files;
}
