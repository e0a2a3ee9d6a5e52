import { CommanderError } from 'commander';
import { describeError, WorkerFailure } from '../node/workerFailure.ts';
import { ScenarioError } from '../scenario/index.ts';
import { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, UsageError } from './exitCodes.ts';

/** How a command that threw ends: its exit code and what goes on stderr. */
export interface Failure {
  readonly exitCode: number;
  /** Ends with a newline; empty when commander has already written the message. */
  readonly stderr: string;
}

export interface FailureContext {
  /** The arguments after `node main.ts`: the command line that reproduces the failure. */
  readonly args: readonly string[];
  /** SIM_DEBUG is set: add the stack trace (README, "Command line"). */
  readonly debug: boolean;
}

/**
 * The exit codes of README "Command line": 2 for what the user can fix (a bad option, which
 * commander has reported; a UsageError; a ScenarioError with its JSON paths, wherever it was
 * thrown, a worker included), 3 for anything else: an internal error, reported on one line with
 * the command line that reproduces it, and its stack trace only under SIM_DEBUG.
 */
export function describeFailure(error: unknown, context: FailureContext): Failure {
  if (error instanceof CommanderError) {
    return { exitCode: error.exitCode === 0 ? EXIT_OK : EXIT_INVALID, stderr: '' };
  }
  const trace = context.debug ? `${stackTrace(error)}\n` : '';
  if (error instanceof UsageError || error instanceof ScenarioError) {
    return { exitCode: EXIT_INVALID, stderr: `${error.message}\n${trace}` };
  }
  const what = oneLine(error instanceof WorkerFailure ? error.message : describeError(error));
  const line =
    `sim: internal error: ${what.replace(/\.$/, '')}. This is not a problem with your input; ` +
    `please report it with the command line that reproduces it: ${reproduction(context.args)}` +
    (context.debug ? '' : ' (SIM_DEBUG=1 adds the stack trace)');
  return { exitCode: EXIT_INTERNAL, stderr: `${line}\n${trace}` };
}

/** Whether SIM_DEBUG asks for stack traces: set to anything but "" or "0". */
export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  const value = env.SIM_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

/** `npm run sim -- <args>`, each argument quoted for a POSIX shell when it needs it. */
export function reproduction(args: readonly string[]): string {
  return ['npm run sim --', ...args.map(shellWord)].join(' ');
}

function shellWord(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  // POSIX single quotes keep every character but the quote itself (POSIX.1-2017, Shell Command
  // Language, 2.2.2 Single-Quotes).
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The error's stack and those of its causes (a worker's own stack is its cause's). */
function stackTrace(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const stack = (current instanceof Error ? current.stack : undefined) ?? describeError(current);
    lines.push(depth === 0 ? stack : `Caused by: ${stack}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
