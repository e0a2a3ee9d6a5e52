import { reportJson, runReport } from '../../report/exports.ts';
import { formatComparison } from '../../report/textTable.ts';
import type { StrategyId } from '../../scenario/index.ts';
import { checkExpectations, describeCheck } from '../../sim/expectations.ts';
import { EXIT_EXPECTATION_FAILED } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';
import { runWithWorkers } from '../runWithWorkers.ts';
import { searchWorstCases } from '../searchSupport.ts';
import { defaultWorkerCount } from '../../node/workerPool.ts';
import { describeWorstCaseCheck } from '../../redteam/index.ts';

export interface RunOptions {
  trials?: number;
  seed?: number;
  strategies?: StrategyId[];
  workers?: number;
  json?: boolean;
}

export async function runCommand(file: string, options: RunOptions): Promise<void> {
  const { scenario, assets, documents } = await loadScenarioFile(file, options);
  const results = await runWithWorkers(file, scenario, options.workers, assets, documents);
  const checks = checkExpectations(scenario, results);
  const failed = checks.filter((c) => !c.passed);
  const worstCase = await searchWorstCases(
    file,
    scenario,
    options.workers ?? defaultWorkerCount(),
    assets,
    documents,
  );
  const worstFailed = worstCase.filter((c) => !c.passed);
  if (options.json) {
    process.stdout.write(reportJson(runReport(results, checks, worstCase)));
  } else {
    process.stdout.write(`${formatComparison(results, scenario.attacker.attempts)}\n`);
    if (checks.length > 0) {
      process.stdout.write(
        `\nexpectations: ${checks.length - failed.length} of ${checks.length} met\n`,
      );
    }
    if (worstCase.length > 0) {
      process.stdout.write(
        `worst case (greeting search): ${worstCase.length - worstFailed.length} of ${worstCase.length} met\n`,
      );
      for (const check of worstCase) process.stdout.write(`  ${describeWorstCaseCheck(check)}\n`);
    }
  }
  const failures = [
    ...failed.map((c) => `FAILED ${describeCheck(c)}`),
    ...worstFailed.map((c) => `FAILED ${describeWorstCaseCheck(c)}`),
  ];
  if (failures.length > 0) {
    process.stderr.write(`${failures.join('\n')}\n`);
    process.exitCode = EXIT_EXPECTATION_FAILED;
  }
}
