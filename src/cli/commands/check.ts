import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkExpectations, describeCheck } from '../../sim/expectations.ts';
import { EXIT_EXPECTATION_FAILED, EXIT_INVALID, UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';
import { runWithWorkers } from '../runWithWorkers.ts';
import { searchWorstCases } from '../searchSupport.ts';
import { defaultWorkerCount } from '../../node/workerPool.ts';
import { describeWorstCaseCheck } from '../../redteam/index.ts';

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

/** Runs each scenario and checks its thresholds: the CI entry point for flow regressions. */
export async function checkCommand(
  paths: string[],
  options: { trials?: number; workers?: number },
): Promise<void> {
  let failedScenarios = 0;
  let invalidScenarios = 0;
  for (const file of await scenarioFiles(paths)) {
    let checks;
    let worstCase;
    try {
      const { scenario, assets, documents } = await loadScenarioFile(file, options);
      const results = await runWithWorkers(file, scenario, options.workers, assets, documents);
      checks = checkExpectations(scenario, results);
      worstCase = await searchWorstCases(
        file,
        scenario,
        options.workers ?? defaultWorkerCount(),
        assets,
        documents,
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      invalidScenarios++;
      continue;
    }
    const failed = [
      ...checks.filter((c) => !c.passed).map(describeCheck),
      ...worstCase.filter((c) => !c.passed).map(describeWorstCaseCheck),
    ];
    const total = checks.length + worstCase.length;
    const verdict = failed.length === 0 ? 'ok  ' : 'FAIL';
    const worst = worstCase.length > 0 ? ` (${worstCase.length} by greeting search)` : '';
    process.stdout.write(
      `${verdict} ${file}: ${total - failed.length}/${total} expectations met${worst}\n`,
    );
    for (const line of failed) process.stdout.write(`       ${line}\n`);
    if (failed.length > 0) failedScenarios++;
  }
  if (invalidScenarios > 0) process.exitCode = EXIT_INVALID;
  else if (failedScenarios > 0) process.exitCode = EXIT_EXPECTATION_FAILED;
}
