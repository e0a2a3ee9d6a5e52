import { interval, percent, seconds } from '../../report/percent.ts';
import type { RunResults } from '../../sim/results.ts';

/** The chart's numbers in words, one sentence per strategy: its text alternative. */
export function chartSummary(results: RunResults): string[] {
  return Object.keys(results.strategies).map((id) => {
    const r = results.strategies[id]!;
    const median =
      r.legitMedianSecondsToCode === null
        ? 'no owner got the code'
        : `median ${seconds(r.legitMedianSecondsToCode)} s to code`;
    return (
      `${id}: interception ${percent(r.interceptionRate)} ${interval(r.interceptionCi95)}, ` +
      `legit success ${percent(r.legitSuccessRate)} ${interval(r.legitSuccessCi95)}, ` +
      `abandon ${percent(r.abandonRate)}, ${median}.`
    );
  });
}
