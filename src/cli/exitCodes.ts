import { formatIssues, ScenarioError } from '../scenario/index.ts';

/** All expectations met. */
export const EXIT_OK = 0;
/** The run completed but an `expect` threshold failed. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Invalid input: a bad scenario, file or option. */
export const EXIT_INVALID = 2;
/**
 * An internal error: a bug, or a worker thread that crashed, not a problem with the input. CI
 * reads 1 as "a threshold failed", so an internal error must never exit 1.
 */
export const EXIT_INTERNAL = 3;

/** An input problem to report on stderr with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A ScenarioError found after the file was read (compiling the scenario, here or in a worker)
 * as a UsageError naming the file, like the problems loadScenarioFile finds; any other error as
 * it is.
 */
export function namingFile(file: string, error: unknown): unknown {
  return error instanceof ScenarioError
    ? new UsageError(`${file}: ${formatIssues(error.issues)}`, { cause: error })
    : error;
}
