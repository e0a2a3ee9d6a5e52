/** The call flows compared (README, "The model": the four flows). */
export const STRATEGY_IDS = ['naive', 'static-prompt', 'amd', 'random-digit'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];
