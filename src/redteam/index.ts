/**
 * The red team: searching the voicemail greetings an attacker could record for the one that
 * beats a flow (README, "Red team"). Pure: the evaluation runs wherever the Evaluator sends it.
 */
export {
  searchGreeting,
  confirmationSeed,
  DEFAULT_BUDGET,
  DEFAULT_CONFIRM_TRIALS,
  type AttackReport,
  type CandidateRate,
  type Evaluator,
  type RatedGreeting,
  type SearchHooks,
  type SearchOptions,
  type SearchProgress,
} from './search.ts';
export {
  SEARCH_CONFIRMED as CONFIRMED,
  SEARCH_FIRST_RUNG_TRIALS as FIRST_RUNG_TRIALS,
  SEARCH_MAX_RUNG_TRIALS as MAX_RUNG_TRIALS,
  SEARCH_RUNG_FACTOR as RUNG_FACTOR,
  searchRungLadder as rungLadder,
} from '../scenario/searchSchedule.ts';
export { inProcessEvaluator, poolEvaluator, type GreetingEvaluationPool } from './evaluators.ts';
export {
  ALL_KEYS,
  KEY_SETS,
  ENUMERATED_WORDS,
  MAX_WORDS,
  MAX_REPEAT,
  centreParameters,
  enumeratedStructures,
  greetingOf,
  mutateDesign,
  parameterRanges,
  randomDesign,
  randomParameters,
  type GreetingDesign,
  type GreetingParameters,
  type GreetingStructure,
  type ParameterName,
  type ParameterRange,
} from './greetingSpace.ts';
export {
  evaluateTasks,
  OBJECTIVES,
  type EvaluationResult,
  type EvaluationTask,
  type Objective,
} from '../sim/greetingEvaluation.ts';
export {
  describeWorstCaseCheck,
  OBJECTIVE_OF_METRIC,
  runWorstCaseSearches,
  worstCaseSearches,
  type WorstCaseCheck,
  type WorstCaseSearch,
} from './worstCase.ts';
