/** Per-strategy results that a scenario's `expect` may bound. */
export const METRIC_NAMES = [
  'interceptionRate',
  'leakRate',
  'campaignInterceptionRate',
  'endToEndRate',
  'legitSuccessRate',
  'legitMedianSecondsToCode',
  'abandonRate',
  'meanCallSeconds',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
