import type { StrategyId } from '../../scenario/index.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';

/** Which trial the Replay view shows; kept across view switches (and set by Story mode). */
class ReplaySelection {
  strategy: StrategyId = $state('static-prompt');
  kind: TrialKind = $state('attack');
  trialIndex = $state(0);
  /** The campaign call to show first (0-based). */
  callIndex = $state(0);
}

export const replaySelection = new ReplaySelection();
