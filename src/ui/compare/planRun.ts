import { formatIssues, MAX_TRIALS, ScenarioError, type Scenario } from '../../scenario/index.ts';
import { MAX_SEED } from '../../scenario/trialLimits.ts';
import { applyOverrides, type RunOverrides } from '../../sim/runPlan.ts';

/** The limit the scenario format puts on `seed`, repeated for a readable message. */

export type RunPlan =
  | { readonly ok: true; readonly scenario: Scenario; readonly overridden: boolean }
  | { readonly ok: false; readonly blockedBy: 'scenario' | 'settings'; readonly reason: string };

function wholeNumber(text: string, name: string, min: number, max: number): number | string {
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= min && value <= max) return value;
  return `${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}; got “${text}”.`;
}

/**
 * The scenario a Run would simulate: the workbench's valid scenario with the trials and seed
 * fields applied (empty means the scenario's own), or why Run is refused.
 */
export function planRun(scenario: Scenario | null, trialsText: string, seedText: string): RunPlan {
  if (!scenario) {
    return {
      ok: false,
      blockedBy: 'scenario',
      reason:
        'The scenario has errors, so there is nothing valid to run. Fix them in the Scenario view.',
    };
  }
  const overrides: { -readonly [K in keyof RunOverrides]: RunOverrides[K] } = {};
  const problems: string[] = [];
  if (trialsText.trim() !== '') {
    const trials = wholeNumber(trialsText.trim(), 'Trials per strategy', 1, MAX_TRIALS);
    if (typeof trials === 'string') problems.push(trials);
    else if (trials !== scenario.trials) overrides.trials = trials;
  }
  if (seedText.trim() !== '') {
    const seed = wholeNumber(seedText.trim(), 'Seed', 0, MAX_SEED);
    if (typeof seed === 'string') problems.push(seed);
    else if (seed !== scenario.seed) overrides.seed = seed;
  }
  if (problems.length > 0) return { ok: false, blockedBy: 'settings', reason: problems.join(' ') };
  if (Object.keys(overrides).length === 0) return { ok: true, scenario, overridden: false };
  try {
    return { ok: true, scenario: applyOverrides(scenario, overrides), overridden: true };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ok: false,
      blockedBy: 'settings',
      reason: formatIssues(error.issues, error.moreIssues),
    };
  }
}
