/** Thrown by a run that was cancelled before it finished; its partial tallies are discarded. */
export class RunCancelledError extends Error {
  constructor() {
    super('The run was cancelled; no results were kept.');
    this.name = 'RunCancelledError';
  }
}

export function isRunCancelled(error: unknown): error is RunCancelledError {
  return error instanceof RunCancelledError;
}
