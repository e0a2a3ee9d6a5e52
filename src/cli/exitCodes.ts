/** All expectations met. */
export const EXIT_OK = 0;
/** The run completed but an `expect` threshold failed. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Invalid input: a bad scenario, file or option. */
export const EXIT_INVALID = 2;

/** An input problem to report on stderr with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
