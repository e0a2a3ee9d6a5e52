import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root: where `npm run sim` runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What a `sim` process did: its exit code and what it printed where. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SimProcessOptions {
  /** Added to the environment (the rest is this process's). */
  readonly env?: Readonly<Record<string, string>>;
  /** Modules node loads with `--import` before the command line (and in its worker threads). */
  readonly preload?: readonly string[];
}

/**
 * Runs the command line as CI does, a real `node --import tsx src/cli/main.ts` process; resolves
 * with its exit code (0 ok, 1 an `expect` threshold failed, 2 invalid input, 3 an internal
 * error: README, "Command line") and its output.
 */
export function sim(...args: string[]): Promise<CliRun> {
  return simProcess(args);
}

/** `sim` with extra environment variables or preloaded modules. */
export function simProcess(
  args: readonly string[],
  options: SimProcessOptions = {},
): Promise<CliRun> {
  const preload = (options.preload ?? []).flatMap((module) => ['--import', module]);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...preload, 'src/cli/main.ts', ...args],
      {
        cwd: REPO_ROOT,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(
            new Error(`sim ${args.join(' ')} did not run: ${error.message}`, { cause: error }),
          );
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}
