/**
 * The results a scenario's `expectWorstCase` may bound: the attack rates a greeting search
 * maximises (src/sim/greetingEvaluation.ts names its objectives after them). Only a maximum
 * makes sense: the search finds the greeting that does best, so it can show a rate can get
 * too high, never that it stays high enough.
 */
export const WORST_CASE_METRICS = [
  'interceptionRate',
  'campaignInterceptionRate',
  'endToEndRate',
] as const;
export type WorstCaseMetric = (typeof WORST_CASE_METRICS)[number];
