export { ScenarioSchema, DurationSchema, GreetingSegmentSchema, durationUpTo } from './schema.ts';
export * from './bounds.ts';
export {
  runBoundIssues,
  runCost,
  worstCaseSearchBoundIssues,
  worstCaseSearchCost,
  type WorstCaseSearchCost,
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
  Flow,
  TwimlFlow,
  UrlFlow,
  PlatformSettings,
} from './schema.ts';
export {
  BUILT_IN_STRATEGY_IDS,
  MAX_STRATEGIES,
  STRATEGY_IDS,
  isBuiltInStrategy,
  type BuiltInStrategyId,
  type StrategyId,
} from './strategyIds.ts';
export { COMMON_PIN_LENGTH } from './pinChoice.ts';
export { METRIC_NAMES, type MetricName } from './metricNames.ts';
export { WORST_CASE_METRICS, type WorstCaseMetric } from './worstCaseMetrics.ts';
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
  type ValidateOptions,
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
export {
  DEFAULT_ACCOUNT_SID,
  DEFAULT_AUTH_TOKEN,
  DEFAULT_FROM,
  DEFAULT_TO,
  FLOW_ID_PATTERN,
  STRATEGY_ID_PATTERN,
  isInlineTwiml,
} from './flowSchema.ts';
export {
  documentIssues,
  firstDocumentKey,
  isTwimlFlow,
  flowInAppIssues,
  inlineDocumentIssues,
  inlineDocumentKey,
  inlineFlowDocuments,
  normalizeFlowPath,
  twimlFileFlows,
  twimlIssueText,
  unreadableDocumentIssue,
  type FlowDocuments,
  type TwimlFileFlow,
  type TwimlParser,
} from './flowDocuments.ts';
export {
  MAX_SWEEP_DIMENSIONS,
  MAX_SWEEP_EXPECTATIONS,
  MAX_SWEEP_POINTS,
  type SweepAxisSpec,
  type SweepExpectation,
  type SweepSettings,
} from './sweepSchema.ts';
export {
  MAX_SWEEP_DECIMALS,
  parseVary,
  resolveSweepAxes,
  resolveSweepPath,
  VARY_SYNTAX,
  type SweepAxis,
  type SweepAxisProblem,
} from './sweepAxes.ts';
export type { MetricBounds } from './metricBounds.ts';
