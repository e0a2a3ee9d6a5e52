import type { Evaluator } from '../../redteam/index.ts';
import type { EvaluationResult, EvaluationTask } from '../../sim/greetingEvaluation.ts';

/** Slices a batch is cut into, so progress moves within a rung. */
export const SLICES_PER_BATCH = 8;

/** `tasks` cut into at most `count` runs of consecutive tasks, as even in length as can be. */
export function sliceTasks(tasks: readonly EvaluationTask[], count: number): EvaluationTask[][] {
  const slices = Math.max(1, Math.min(count, tasks.length));
  const size = Math.ceil(tasks.length / slices);
  const cut: EvaluationTask[][] = [];
  for (let from = 0; from < tasks.length; from += size) cut.push(tasks.slice(from, from + size));
  return cut;
}

/**
 * `evaluate` with each batch sent as SLICES_PER_BATCH slices at once, `onTrials` told the trials
 * of each slice as it comes back: a rung's progress while it runs. The results are the same as
 * one call's, in the same order (a task's result does not depend on its neighbours).
 */
export function slicedEvaluator(
  evaluate: Evaluator,
  onTrials: (trials: number) => void,
): Evaluator {
  return async (tasks) => {
    const slices = sliceTasks(tasks, SLICES_PER_BATCH);
    const results = await Promise.all(
      slices.map(async (slice): Promise<EvaluationResult[]> => {
        const done = await evaluate(slice);
        onTrials(done.reduce((sum, result) => sum + result.trials, 0));
        return done;
      }),
    );
    return results.flat();
  };
}
