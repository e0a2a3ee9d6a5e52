import { EXIT_INVALID, UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';

export async function validateCommand(files: string[]): Promise<void> {
  let invalid = 0;
  for (const file of files) {
    if (file.endsWith('.schema.json')) {
      process.stdout.write(
        `${file}: skipped (the JSON Schema of the scenario format, not a scenario)\n`,
      );
      continue;
    }
    try {
      const { scenario } = await loadScenarioFile(file);
      process.stdout.write(`${file}: valid ("${scenario.name}")\n`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      invalid++;
    }
  }
  if (invalid > 0) process.exitCode = EXIT_INVALID;
}
