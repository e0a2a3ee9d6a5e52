import { interval, percent, seconds } from '../../report/percent.ts';
import type { StrategyResult } from '../../sim/results.ts';

type Metric = Exclude<keyof StrategyResult, 'trials'>;

/** One column of the results table: the figure it shows and how a person reads it. */
export interface ResultColumn {
  readonly metric: Metric;
  readonly header: string;
  /** Longer wording for the header's title and the table's notes. */
  readonly meaning: string;
  readonly format: (result: StrategyResult) => string;
}

const rate =
  (metric: Metric) =>
  (r: StrategyResult): string =>
    percent(r[metric] as number);
const ci =
  (metric: Metric) =>
  (r: StrategyResult): string =>
    interval(r[metric] as readonly [number, number]);

/**
 * The command line's table, column for column, with each interval in a column of its own. The
 * campaign interval and calls per campaign are left to the exports, so the table fits 1280 px.
 */
export const RESULT_COLUMNS: readonly ResultColumn[] = [
  {
    metric: 'interceptionRate',
    header: 'Interception',
    meaning: 'first attack call: the code was recorded and the attacker’s replay was accepted',
    format: rate('interceptionRate'),
  },
  {
    metric: 'interceptionCi95',
    header: 'Interception 95% CI',
    meaning: 'Wilson 95% interval of the interception rate',
    format: ci('interceptionCi95'),
  },
  {
    metric: 'leakRate',
    header: 'Leak',
    meaning: 'first attack call: the code was recorded, whether or not it still worked',
    format: rate('leakRate'),
  },
  {
    metric: 'campaignInterceptionRate',
    header: 'Campaign',
    meaning: 'any call of the attack campaign intercepted',
    format: rate('campaignInterceptionRate'),
  },
  {
    metric: 'endToEndRate',
    header: 'End-to-end',
    meaning: 'voicemail compromise × campaign interception',
    format: rate('endToEndRate'),
  },
  {
    metric: 'legitSuccessRate',
    header: 'Legit success',
    meaning: 'the owner heard the code live and it was accepted',
    format: rate('legitSuccessRate'),
  },
  {
    metric: 'legitSuccessCi95',
    header: 'Legit success 95% CI',
    meaning: 'Wilson 95% interval of the legit success rate',
    format: ci('legitSuccessCi95'),
  },
  {
    metric: 'legitMedianSecondsToCode',
    header: 'Median s to code',
    meaning: 'median seconds from placing the call to the owner’s accepted code',
    format: (r) => seconds(r.legitMedianSecondsToCode),
  },
  {
    metric: 'abandonRate',
    header: 'Abandon',
    meaning: 'owner answered but never heard a whole readout (hung up, or was hung up on)',
    format: rate('abandonRate'),
  },
  {
    metric: 'meanCallSeconds',
    header: 'Mean call s',
    meaning: 'mean legit call length in seconds, ringing included',
    format: (r) => seconds(r.meanCallSeconds),
  },
];
