import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkExpectations, describeCheck } from '../../sim/expectations.ts';
import { EXIT_EXPECTATION_FAILED, EXIT_INVALID, UsageError } from '../exitCodes.ts';
import { loadScenarioFile, type LoadedScenario } from '../loadScenarioFile.ts';
import { sweepCheckLines } from '../../report/sweepReport.ts';
import { checkSweepExpectations } from '../../sim/sweepExpectations.ts';
import { sweepOf } from './sweep.ts';
import { searchWorstCases } from '../searchSupport.ts';
import { defaultWorkerCount } from '../../node/workerPool.ts';
import { describeWorstCaseCheck } from '../../redteam/index.ts';
import { runWithWorkers } from '../runWithWorkers.ts';

/** What a folder contributes: its scenario files, not the published JSON Schema. */
const SCENARIO_PATTERN = '*.json files other than *.schema.json';

/**
 * The scenario files the paths name, a folder standing for its `*.json` files. A path that does
 * not exist, or a folder with no scenario in it, is a usage error saying where it looked: a
 * check that checks nothing must not pass in CI.
 */
async function scenarioFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) {
      throw new UsageError(
        `${path}: no such file or folder (looked for ${resolve(path)}); nothing to check.`,
      );
    }
    if (info.isDirectory()) {
      const names = (await readdir(path))
        .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
        .sort();
      if (names.length === 0) {
        throw new UsageError(
          `${path}: no scenario to check in this folder (looked for ${SCENARIO_PATTERN} in ${resolve(path)}).`,
        );
      }
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/** A threshold checked: whether it held, and the lines that say why when it did not. */
interface Verdict {
  readonly passed: boolean;
  readonly lines: readonly string[];
}

/**
 * The scenario's sweep thresholds (`sweep.expect`), checked on its own sweep (`sweep.vary`): a
 * scenario with none runs no sweep.
 */
async function sweepVerdicts(
  file: string,
  loaded: LoadedScenario,
  workers: number | undefined,
): Promise<Verdict[]> {
  const rules = loaded.scenario.sweep?.expect ?? [];
  if (rules.length === 0) return [];
  const results = await sweepOf(file, loaded, undefined, workers);
  return checkSweepExpectations(rules, results).map((c) => ({
    passed: c.passed,
    lines: sweepCheckLines(results, c).map((line) => line.replace(/^(ok {4}|FAILED) /, 'sweep: ')),
  }));
}

/**
 * Runs each scenario and checks its thresholds, its sweep's and its worst cases' (the greeting
 * searches of `expectWorstCase`) too: the CI entry point for flow regressions.
 */
export async function checkCommand(
  paths: string[],
  options: { trials?: number; workers?: number },
): Promise<void> {
  let failedScenarios = 0;
  let invalidScenarios = 0;
  for (const file of await scenarioFiles(paths)) {
    let verdicts: Verdict[];
    let searched: number;
    try {
      const loaded = await loadScenarioFile(file, options);
      const { scenario, assets, documents } = loaded;
      const results = await runWithWorkers(file, scenario, options.workers, assets, documents);
      verdicts = [
        ...checkExpectations(scenario, results).map((c) => ({
          passed: c.passed,
          lines: [describeCheck(c)],
        })),
        ...(await sweepVerdicts(file, loaded, options.workers)),
      ];
      const worstCase = await searchWorstCases(
        file,
        scenario,
        options.workers ?? defaultWorkerCount(),
        assets,
        documents,
      );
      searched = worstCase.length;
      verdicts.push(
        ...worstCase.map((c) => ({ passed: c.passed, lines: [describeWorstCaseCheck(c)] })),
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      invalidScenarios++;
      continue;
    }
    const failed = verdicts.filter((v) => !v.passed);
    const verdict = failed.length === 0 ? 'ok  ' : 'FAIL';
    const bySearch = searched > 0 ? ` (${searched} by greeting search)` : '';
    process.stdout.write(
      `${verdict} ${file}: ${verdicts.length - failed.length}/${verdicts.length} expectations met${bySearch}\n`,
    );
    for (const line of failed.flatMap((v) => v.lines)) process.stdout.write(`       ${line}\n`);
    if (failed.length > 0) failedScenarios++;
  }
  if (invalidScenarios > 0) process.exitCode = EXIT_INVALID;
  else if (failedScenarios > 0) process.exitCode = EXIT_EXPECTATION_FAILED;
}
