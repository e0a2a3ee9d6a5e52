import type { RunResults } from '../sim/results.ts';
import { interval, percent, seconds } from './percent.ts';

/** Headers of the comparison table, one per cell of `comparisonRows`. */
export const COMPARISON_HEADERS = [
  'strategy',
  'interception [95% CI]',
  'leak',
  'campaign',
  'end-to-end',
  'legit success [95% CI]',
  'median s to code',
  'abandon',
  'mean call s',
] as const;

/** One row of cells per strategy, in the scenario's strategy order. */
export function comparisonRows(results: RunResults): string[][] {
  return Object.keys(results.strategies).map((id) => {
    const r = results.strategies[id]!;
    return [
      id,
      `${percent(r.interceptionRate)} ${interval(r.interceptionCi95)}`,
      percent(r.leakRate),
      percent(r.campaignInterceptionRate),
      percent(r.endToEndRate),
      `${percent(r.legitSuccessRate)} ${interval(r.legitSuccessCi95)}`,
      seconds(r.legitMedianSecondsToCode),
      percent(r.abandonRate),
      seconds(r.meanCallSeconds),
    ];
  });
}

/** A readable comparison for a terminal. */
export function formatComparison(results: RunResults, attempts: number): string {
  const rows = [[...COMPARISON_HEADERS], ...comparisonRows(results)];
  const widths = COMPARISON_HEADERS.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const { compromise } = results;
  return [
    `${results.scenario}`,
    `seed ${results.seed}, ${results.trials} attack and ${results.trials} legit trials per strategy`,
    `voicemail compromise (exact): ${percent(results.compromiseRate)} — ${compromise.guessesAllowed} PIN guesses over ${compromise.callsNeeded} calls, limited by ${compromise.limitedBy}`,
    '',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `interception: first attack call, code recorded and accepted; campaign: any of ${attempts} calls; end-to-end = compromise × campaign.`,
    ...applicationErrorLines(results),
  ].join('\n');
}

/**
 * The calls a TwiML flow's failed request ended (Twilio's "application error"): a line per
 * strategy that had any, so a webhook that was down is not mistaken for a safe flow.
 */
function applicationErrorLines(results: RunResults): string[] {
  return Object.entries(results.strategies)
    .filter(([, r]) => r.applicationErrorCalls > 0)
    .map(
      ([id, r]) =>
        `application errors: ${id}: ${r.applicationErrorCalls} calls ended because a request for TwiML failed (see \`sim trial\`).`,
    );
}
