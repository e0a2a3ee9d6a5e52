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

/**
 * Runs the command line as CI does, a real `node --import tsx src/cli/main.ts` process; resolves
 * with its exit code (0 ok, 1 an `expect` threshold failed, 2 invalid input) and its output.
 */
export function sim(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
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
