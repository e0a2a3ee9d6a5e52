/**
 * The size of a run, bounded by the CPU time it needs. For each strategy a run simulates
 * `trials` legit calls and up to `trials × attacker.attempts` attack calls (a campaign stops at
 * its first interception, so that is the most), and what a call costs depends on the fidelity,
 * the voicemail greeting and app_amd's analysis time. Each field is bounded in the schema; their
 * product is bounded here, at `$.trials`, with the number of trials that fits.
 */
import type { Scenario } from './schema.ts';
import type { ScenarioIssue } from './validate.ts';
import { describeValue, jsonPath } from './jsonPath.ts';
import { greetingTotals, type RecordingMs } from './greetingBounds.ts';
import { isTwimlFlow } from './flowDocuments.ts';
import { SEARCH_MAX_TONES, searchRungLadder, searchTrialsAtMost } from './searchSchedule.ts';
import { WORST_CASE_METRICS } from './worstCaseMetrics.ts';

/**
 * A run is bounded to an hour of one core's CPU (half an hour on the 2-core development
 * machine's two workers; README: Performance): time for 3 × 10^8 event-level calls, yet short
 * enough that a run, a `check` in CI or the app's Compare view finishes.
 */
export const MAX_RUN_CPU_SECONDS = 3600;

/**
 * Estimated CPU of one call, in µs, measured on the development machine (README: Performance).
 * Upper estimates: a campaign may stop early, and a call may end before its greeting does.
 */
export const CALL_COST_US = {
  /**
   * An event-level call at app_amd's default analysis time (the flow's stepper, the line and
   * the code's HMAC): 12 µs, about twice what `BENCH_TRIALS=10000 npx tsx bench/engine.bench.ts`
   * measures on the quiet 2-core development machine (6.3 µs a call, 159,112 calls/s over the
   * four flows; amd, the slowest, 7.1 µs). The margin covers a busy machine and a worker's
   * first, unoptimised trials: with load average 13 to 16, `process.cpuUsage` around `runChunk`
   * gave 6.3 to 10.4 µs of CPU a call over the four flows, and up to 11.9 µs for one of them.
   */
  event: 12,
  /** Each DTMF tone of the greeting is an event on every call the box answers (10,000: 1.5 ms). */
  perGreetingTone: 0.2,
  /** app_amd at event level, per second of analysis beyond its default 5 s (60 s: 0.9 ms). */
  perExtraAnalysisSecond: 15,
  /** A signal-level call adds its rendering and decoding: 0.6 to 2 ms with short greetings. */
  signal: 1000,
  /**
   * At signal level, per second of greeting and beep (decoded through each call's own noise)
   * and of analysis beyond 5 s: the receivers run at about 8000× real time, noise and copying
   * included (an hour's greeting: 0.4 to 0.55 s a call).
   */
  perSignalSecond: 150,
  /**
   * A call of a `url` flow adds its requests to the webhook: a few over loopback, about 2 ms of
   * a core each call (the bundled example server answers about 1,000 calls a second to 2
   * workers, README: Performance). A remote server is slower still, but waits cost no CPU.
   */
  webhookCall: 2000,
} as const;

/** app_amd's default total analysis time (amd.conf.sample), included in CALL_COST_US.event. */
const DEFAULT_ANALYSIS_MS = 5000;

/** What a run of `scenario` costs, by the estimate above. */
export interface RunCost {
  /** Calls per trial index: strategies × (attempts + 1). */
  readonly callsPerTrial: number;
  /** A call of a built-in or static TwiML flow; a `url` flow's adds CALL_COST_US.webhookCall. */
  readonly callUs: number;
  /** One trial index: every strategy's attack campaign and legit call, webhooks included. */
  readonly trialUs: number;
  readonly cpuSeconds: number;
  /** The most trials that fit in MAX_RUN_CPU_SECONDS (at least 0). */
  readonly maxTrials: number;
}

/** `recordingMs`: the length of each `{ "audio" }` recording once read (0 until then). */
export function runCost(scenario: Scenario, recordingMs?: RecordingMs): RunCost {
  const greeting = greetingTotals(scenario.voicemail.greeting, recordingMs);
  const extraAnalysisSeconds =
    Math.max(0, scenario.amd.totalAnalysisTimeMs - DEFAULT_ANALYSIS_MS) / 1000;
  let callUs =
    CALL_COST_US.event +
    CALL_COST_US.perGreetingTone * greeting.tones +
    CALL_COST_US.perExtraAnalysisSecond * extraAnalysisSeconds;
  if (scenario.fidelity === 'signal') {
    const audioSeconds = greeting.ms / 1000 + scenario.voicemail.beepSeconds + extraAnalysisSeconds;
    callUs += CALL_COST_US.signal + CALL_COST_US.perSignalSecond * audioSeconds;
  }
  const callsPerStrategy = scenario.attacker.attempts + 1;
  const callsPerTrial = scenario.strategies.length * callsPerStrategy;
  const webhookStrategies = webhookStrategyIds(scenario).length;
  const trialUs =
    callsPerTrial * callUs + webhookStrategies * callsPerStrategy * CALL_COST_US.webhookCall;
  return {
    callsPerTrial,
    callUs,
    trialUs,
    cpuSeconds: (scenario.trials * trialUs) / 1e6,
    maxTrials: Math.floor((MAX_RUN_CPU_SECONDS * 1e6) / trialUs),
  };
}

/** The run's size past its bound, at `$.trials`, saying how many trials fit. */
export function runBoundIssues(scenario: Scenario, recordingMs?: RecordingMs): ScenarioIssue[] {
  const cost = runCost(scenario, recordingMs);
  if (cost.cpuSeconds <= MAX_RUN_CPU_SECONDS) return [];
  const strategies = scenario.strategies.length;
  const { attempts } = scenario.attacker;
  return [
    {
      path: jsonPath(['trials']),
      expected: `at most ${cost.maxTrials} trials here (a run is bounded to ${MAX_RUN_CPU_SECONDS / 3600} hour of CPU: trials × ${strategies} ${strategies === 1 ? 'strategy' : 'strategies'} × (${attempts} attacker.attempts + 1) calls, about ${formatUs(cost.callUs)} a call at fidelity "${scenario.fidelity}" with this greeting and AMD${webhookNote(scenario)})`,
      found: `${describeValue(scenario.trials)} (${scenario.trials * cost.callsPerTrial} calls, about ${formatHours(cost.cpuSeconds)} of CPU)`,
    },
  ];
}

/** What the `expectWorstCase` searches cost, by the same estimate as a run. */
export interface WorstCaseSearchCost {
  /** Searches: one per strategy and bounded rate (interception, campaign, end-to-end). */
  readonly searches: number;
  /** Calls a trial makes, summed over the searches: 1 for interception, attempts otherwise. */
  readonly callsPerTrial: number;
  /** An event-level call with a candidate greeting of up to SEARCH_MAX_TONES tones. */
  readonly callUs: number;
  readonly cpuSeconds: number;
  /** The largest `worstCaseSearch.budget` that fits in MAX_RUN_CPU_SECONDS (at least 0). */
  readonly maxBudget: number;
}

/**
 * The worst-case searches, at most: each runs searchTrialsAtMost attack trials at event level
 * (whatever the scenario's fidelity), the first call of each for interception, the campaign's
 * calls otherwise.
 */
export function worstCaseSearchCost(scenario: Scenario): WorstCaseSearchCost {
  let searches = 0;
  let callsPerTrial = 0;
  for (const strategy of scenario.strategies) {
    const bounded = new Set<string>();
    for (const bounds of [scenario.expectWorstCase[strategy], scenario.expectWorstCase.all]) {
      for (const metric of WORST_CASE_METRICS)
        if (bounds?.[metric]?.max !== undefined) bounded.add(metric);
    }
    searches += bounded.size;
    for (const metric of bounded)
      callsPerTrial += metric === 'interceptionRate' ? 1 : scenario.attacker.attempts;
  }
  const extraAnalysisSeconds =
    Math.max(0, scenario.amd.totalAnalysisTimeMs - DEFAULT_ANALYSIS_MS) / 1000;
  const callUs =
    CALL_COST_US.event +
    CALL_COST_US.perGreetingTone * SEARCH_MAX_TONES +
    CALL_COST_US.perExtraAnalysisSecond * extraAnalysisSeconds;
  const { budget, trials } = scenario.worstCaseSearch;
  const cpuSeconds = (searchTrialsAtMost(budget, trials) * callsPerTrial * callUs) / 1e6;
  const ladder = searchRungLadder(trials);
  const perCandidateUs = ladder[ladder.length - 1]! * callsPerTrial * callUs;
  const confirmUs = searchTrialsAtMost(0, trials) * callsPerTrial * callUs;
  return {
    searches,
    callsPerTrial,
    callUs,
    cpuSeconds,
    maxBudget:
      callsPerTrial === 0
        ? Infinity
        : Math.max(0, Math.floor((MAX_RUN_CPU_SECONDS * 1e6 - confirmUs) / perCandidateUs)),
  };
}

/**
 * The worst-case searches past an hour of CPU (bounded apart from the run, which they follow),
 * at `$.worstCaseSearch.budget`, saying how many candidates fit.
 */
export function worstCaseSearchBoundIssues(scenario: Scenario): ScenarioIssue[] {
  const cost = worstCaseSearchCost(scenario);
  if (cost.cpuSeconds <= MAX_RUN_CPU_SECONDS) return [];
  const { budget, trials } = scenario.worstCaseSearch;
  const fits =
    cost.maxBudget > 0
      ? `at most ${cost.maxBudget} candidates here`
      : `fewer worstCaseSearch.trials (${trials} confirmation trials alone pass the hour)`;
  return [
    {
      path: jsonPath(['worstCaseSearch', 'budget']),
      expected: `${fits} (the expectWorstCase searches are bounded to ${MAX_RUN_CPU_SECONDS / 3600} hour of CPU: ${cost.searches} ${cost.searches === 1 ? 'search' : 'searches'} of up to ${searchTrialsAtMost(budget, trials)} attack trials each, ${cost.callsPerTrial} calls a trial in all, about ${formatUs(cost.callUs)} a call)`,
      found: `${describeValue(budget)} (about ${formatHours(cost.cpuSeconds)} of CPU)`,
    },
  ];
}

/** The strategies that are `url` flows: their calls go to a webhook. */
function webhookStrategyIds(scenario: Scenario): string[] {
  return scenario.strategies.filter((id) => {
    const flow = scenario.flows[id];
    return flow !== undefined && !isTwimlFlow(flow);
  });
}

function webhookNote(scenario: Scenario): string {
  const webhooks = webhookStrategyIds(scenario);
  return webhooks.length === 0
    ? ''
    : `, ${formatUs(CALL_COST_US.webhookCall)} more for each call of a url flow (${webhooks.join(', ')})`;
}

function formatUs(us: number): string {
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1e6) return `${(us / 1000).toPrecision(3)} ms`;
  return `${(us / 1e6).toPrecision(3)} s`;
}

function formatHours(seconds: number): string {
  return `${(seconds / 3600).toPrecision(3)} hours`;
}
