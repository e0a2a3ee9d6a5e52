export { ScenarioSchema, DurationSchema, GreetingSegmentSchema, durationUpTo } from './schema.ts';
export * from './bounds.ts';
export {
  runBoundIssues,
  runCost,
  MAX_RUN_CPU_SECONDS,
  CALL_COST_US,
  type RunCost,
} from './runBounds.ts';
/** Durations are core's (core/distributions.ts samples them); the schema validates them. */
export type { Duration } from '../core/distributions.ts';
export type {
  Scenario,
  ScenarioInput,
  GreetingSegment,
  AmdParameters,
  PinPolicy,
  CodePolicy,
} from './schema.ts';
export { STRATEGY_IDS, type StrategyId } from './strategyIds.ts';
export { COMMON_PIN_LENGTH } from './pinChoice.ts';
export { METRIC_NAMES, type MetricName } from './metricNames.ts';
export {
  validateScenario,
  parseScenarioText,
  parseScenarioBytes,
  loadScenario,
  formatIssue,
  formatIssues,
  MAX_LISTED_ISSUES,
  ScenarioError,
  type ScenarioIssue,
  type ValidationResult,
} from './validate.ts';
export {
  parseStrictJson,
  MAX_JSON_DEPTH,
  type JsonStop,
  type JsonValueVisitor,
  type ParsedJson,
  type TextRange,
} from './strictJson.ts';
export { decodeUtf8, type DecodedText } from './utf8.ts';
export {
  greetingBoundIssues,
  greetingTotals,
  MAX_GREETING_SECONDS,
  MAX_GREETING_SEGMENTS,
  MAX_GREETING_TONES,
  type RecordingMs,
} from './greetingBounds.ts';
export {
  audioInAppIssue,
  audioNotLoadedIssue,
  greetingAudioSegments,
  unreadableAudioIssue,
  type GreetingAudioSegment,
} from './greetingAudio.ts';
