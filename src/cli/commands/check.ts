import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkExpectations, describeCheck } from '../../sim/expectations.ts';
import { EXIT_EXPECTATION_FAILED, EXIT_INVALID, UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';
import { runWithWorkers } from '../runWithWorkers.ts';

async function scenarioFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new UsageError(`${path}: no such file or folder.`);
    if (info.isDirectory()) {
      const names = (await readdir(path))
        .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
        .sort();
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
    let loaded;
    try {
      loaded = await loadScenarioFile(file, options);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      invalidScenarios++;
      continue;
    }
    const { scenario, assets } = loaded;
    const results = await runWithWorkers(scenario, options.workers, assets);
    const checks = checkExpectations(scenario, results);
    const failed = checks.filter((c) => !c.passed);
    const verdict = failed.length === 0 ? 'ok  ' : 'FAIL';
    process.stdout.write(
      `${verdict} ${file}: ${checks.length - failed.length}/${checks.length} expectations met\n`,
    );
    for (const check of failed) process.stdout.write(`       ${describeCheck(check)}\n`);
    if (failed.length > 0) failedScenarios++;
  }
  if (invalidScenarios > 0) process.exitCode = EXIT_INVALID;
  else if (failedScenarios > 0) process.exitCode = EXIT_EXPECTATION_FAILED;
}
