import { MAX_FLOWS } from './bounds.ts';

/** The built-in call flows (README, "The model": the four flows). */
export const BUILT_IN_STRATEGY_IDS = ['naive', 'static-prompt', 'amd', 'random-digit'] as const;

/** One of the four built-in flows. */
export type BuiltInStrategyId = (typeof BUILT_IN_STRATEGY_IDS)[number];

/** The most strategies a scenario lists: the built-in ones and every flow it may declare. */
export const MAX_STRATEGIES = BUILT_IN_STRATEGY_IDS.length + MAX_FLOWS;

/** The built-in flows: the name the code used before scenarios could declare their own flows. */
export const STRATEGY_IDS = BUILT_IN_STRATEGY_IDS;

/**
 * A strategy a run compares: a built-in flow, or a TwiML flow the scenario declares in `flows`
 * (its id; schema.ts FLOW_ID). Only a validated scenario says which flow ids exist.
 */
export type StrategyId = string;

/** True for the four built-in flows; false for a flow id a scenario declares. */
export function isBuiltInStrategy(id: string): id is BuiltInStrategyId {
  return (BUILT_IN_STRATEGY_IDS as readonly string[]).includes(id);
}
