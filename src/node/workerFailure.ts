import { transferHandlers } from 'comlink';
import { ScenarioError, type ScenarioIssue } from '../scenario/index.ts';

/**
 * A simulation worker failed: its call threw something other than a ScenarioError, it crashed
 * (an uncaught exception, out of memory) or it exited. An internal error, not the input's
 * (README, "Command line": exit code 3).
 */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/** The shape comlink's `throw` transfer handler puts on the wire. */
interface SerializedThrow {
  readonly isError: boolean;
  readonly value: unknown;
}

/**
 * Worker side. comlink's own `throw` transfer handler sends an Error's name, message and stack
 * only (throwTransferHandler in node_modules/comlink/dist/esm/comlink.mjs); this one sends a
 * ScenarioError's issues too, so the pool can rebuild it with its JSON paths
 * (scenarioErrorFromWorker). comlink's deserializer, in the calling thread, copies every field
 * of `value` onto the Error it throws, so it needs no change there.
 */
export function sendScenarioIssues(): void {
  const comlinkThrow = transferHandlers.get('throw')!;
  transferHandlers.set('throw', {
    canHandle: (value): value is unknown => comlinkThrow.canHandle(value),
    serialize(thrown) {
      const error = (thrown as { value: unknown }).value;
      if (!(error instanceof ScenarioError)) return comlinkThrow.serialize(thrown);
      const wire: SerializedThrow = {
        isError: true,
        value: {
          name: error.name,
          message: error.message,
          stack: error.stack,
          issues: error.issues,
        },
      };
      return [wire, []];
    },
    deserialize: (wire) => comlinkThrow.deserialize(wire),
  });
}

/** The ScenarioError a worker threw (sent by sendScenarioIssues), rebuilt; null for any other. */
export function scenarioErrorFromWorker(error: unknown): ScenarioError | null {
  if (error instanceof ScenarioError) return error;
  if (!(error instanceof Error) || error.name !== 'ScenarioError') return null;
  const issues = (error as { issues?: unknown }).issues;
  return Array.isArray(issues) ? new ScenarioError(issues as ScenarioIssue[]) : null;
}

/** "TypeError: x is undefined"; just the message for a plain Error. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}
