import { DEFAULT_BUDGET, DEFAULT_CONFIRM_TRIALS, type SearchOptions } from '../../redteam/index.ts';
import { isBuiltInStrategy, type Scenario, type StrategyId } from '../../scenario/index.ts';
import { MAX_SEED } from '../../scenario/trialLimits.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import type { Objective } from '../../sim/greetingEvaluation.ts';

/**
 * The most candidates the app screens. The search itself takes up to MAX_BUDGET (100,000, the
 * command line's limit), but it makes and ranks its candidates on this thread between rungs:
 * the first rung's half of the budget is made in one go, which in Chromium on this project's
 * machines took about 45 ms at 1,000 (and 75 ms at 3,000, a long task). A larger search belongs
 * on the command line.
 */
export const APP_MAX_BUDGET = 1000;

/**
 * The most confirmation trials the app runs. Stop ends the screening but still waits for the
 * confirmation (three greetings × these trials, on the workers): at 100,000 that is seconds.
 * The command line takes up to MAX_TRIALS.
 */
export const APP_MAX_TRIALS = 100_000;

/** The form's fields as typed. */
export interface SettingsText {
  readonly strategy: StrategyId | null;
  readonly objective: Objective;
  readonly budget: string;
  readonly trials: string;
  readonly seed: string;
}

export type SettingsField = 'strategy' | 'budget' | 'trials' | 'seed';

export type ParsedSettings =
  | { readonly ok: true; readonly options: SearchOptions }
  | { readonly ok: false; readonly problems: ReadonlyMap<SettingsField, string> };

/** The fields a scenario opens the form with: its first runnable flow, the defaults, its seed. */
export function defaultSettings(scenario: Scenario, flows: readonly FlowChoice[]): SettingsText {
  return {
    strategy: flows.find((flow) => flow.disabledReason === null)?.id ?? null,
    objective: 'interception',
    budget: String(DEFAULT_BUDGET),
    trials: String(DEFAULT_CONFIRM_TRIALS),
    seed: String(scenario.seed),
  };
}

/** A whole number from `min` to `max` written in digits (spaces around allowed), or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : null;
}

const range = (min: number, max: number) =>
  `Enter a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`;

/** The search's options from the form, or what is wrong with each field. */
export function parseSettings(text: SettingsText, flows: readonly FlowChoice[]): ParsedSettings {
  const problems = new Map<SettingsField, string>();
  const flow = flows.find((f) => f.id === text.strategy);
  if (!flow) problems.set('strategy', 'Pick a flow to attack.');
  else if (flow.disabledReason !== null) problems.set('strategy', flow.disabledReason);
  const budget = wholeNumber(text.budget, 1, APP_MAX_BUDGET);
  if (budget === null) problems.set('budget', range(1, APP_MAX_BUDGET));
  const trials = wholeNumber(text.trials, 1, APP_MAX_TRIALS);
  if (trials === null) problems.set('trials', range(1, APP_MAX_TRIALS));
  const seed = wholeNumber(text.seed, 0, MAX_SEED);
  if (seed === null) problems.set('seed', range(0, MAX_SEED));
  if (problems.size > 0) return { ok: false, problems };
  return {
    ok: true,
    options: {
      strategy: text.strategy!,
      objective: text.objective,
      budget: budget!,
      trials: trials!,
      seed: seed!,
    },
  };
}

/** A flow of the scenario as the picker offers it: disabled, with the reason, when unsearchable. */
export interface FlowChoice {
  readonly id: StrategyId;
  readonly label: string;
  /** Why the search cannot run this flow, or null when it can. */
  readonly disabledReason: string | null;
}

/**
 * The scenario's flows, in its order. A TwiML flow the engine runs live (a `url` flow, or any of
 * the scenario's documents linking to an absolute URL: src/sim/twimlFlows.ts) cannot be
 * searched: the search runs hundreds of thousands of calls, each a request (the command line
 * refuses it for the same reason).
 */
export function flowChoices(compiled: CompiledScenario, scenario: Scenario): FlowChoice[] {
  return scenario.strategies.map((id) => {
    const builtIn = isBuiltInStrategy(id);
    const live = !builtIn && compiled.twimlFlows.get(id)?.live === true;
    return {
      id,
      label: builtIn ? id : `${id} (TwiML)`,
      disabledReason: live
        ? `${id} asks a web server for its documents (a webhook, or a link to an absolute URL in the scenario's TwiML); a search would send hundreds of thousands of requests, so only flows whose documents are all in the scenario can be searched.`
        : null,
    };
  });
}

/** Each objective: its label and what it scores, for a campaign of `attempts` calls. */
export function objectiveChoices(
  attempts: number,
): readonly { readonly id: Objective; readonly label: string; readonly hint: string }[] {
  return [
    {
      id: 'interception',
      label: 'Interception',
      hint: 'the first call of the campaign lands in the voicemail with the code',
    },
    {
      id: 'campaign',
      label: 'Campaign',
      hint: `any of the attacker’s ${attempts} ${attempts === 1 ? 'call' : 'calls'} is intercepted`,
    },
    {
      id: 'end-to-end',
      label: 'End-to-end',
      hint: 'the campaign is intercepted and the voicemail PIN guessed (campaign × the exact compromise rate)',
    },
  ];
}

/**
 * The command line doing the same search (same scenario, options and so the same report):
 * `npm run sim -- attack <file> --strategy … --objective … --budget … --trials … --seed …`.
 */
export function attackCommandLine(file: string, options: SearchOptions): string {
  return [
    `npm run sim -- attack ${file}`,
    `--strategy ${options.strategy}`,
    `--objective ${options.objective}`,
    `--budget ${options.budget}`,
    `--trials ${options.trials}`,
    `--seed ${options.seed}`,
  ].join(' ');
}

/**
 * Whether two scenarios differ in their voicemail greeting at most: a search's report still
 * holds for a scenario that only took its greeting (or any other greeting).
 */
export function sameButGreeting(a: Scenario, b: Scenario): boolean {
  const without = (s: Scenario) =>
    JSON.stringify({ ...s, voicemail: { ...s.voicemail, greeting: [] } });
  return without(a) === without(b);
}
