import type { StrategyId } from '../../scenario/index.ts';
import { compileScenario } from '../../sim/compile.ts';
import {
  findTrial,
  replayTrial,
  TRIAL_PREDICATES,
  type TrialPredicateName,
} from '../../sim/replay.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';
import { UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';
import { formatReplay } from '../../report/replayText.ts';
import { writeFile } from 'node:fs/promises';
import { encodeWav } from '../../audio/index.ts';
import { callRecords, callTrace } from '../../sim/callTrace.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import type { TrialReplay } from '../../sim/replay.ts';
import { renderCallAudio } from '../../sim/renderCallAudio.ts';

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
  const { scenario, assets } = await loadScenarioFile(
    file,
    options.seed === undefined ? {} : { seed: options.seed },
  );
  const compiled = compileScenario(scenario, assets);
  let index = options.index ?? 0;
  if (options.find) {
    const kind: TrialKind =
      options.find === 'intercepted' || options.find === 'leaked' ? 'attack' : 'legit';
    options.kind = kind;
    const found = findTrial(
      compiled,
      options.strategy,
      kind,
      TRIAL_PREDICATES[options.find],
      index,
    );
    if (found === null)
      throw new UsageError(
        `No ${options.find} ${kind} trial of ${options.strategy} in 100000 trials from ${index}.`,
      );
    index = found;
  }
  const replay = replayTrial(compiled, options.strategy, options.kind, index);
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
    await writeFile(file, encodeWav(samples));
    files.push(file);
  }
  return files;
}
