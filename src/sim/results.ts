import type { Ms } from '../core/units.ts';
import type { VoicemailCompromise } from '../attacker/index.ts';
import { msToSeconds, type Seconds } from '../core/units.ts';
import type { StrategyId } from '../scenario/index.ts';
import type { StrategyTally } from './strategyTally.ts';

/** What a run reports for one strategy; rates are fractions in [0, 1]. */
export interface StrategyResult {
  /** Attack trials (campaigns) and legit trials run. */
  readonly trials: number;
  /** First call of a campaign: the attacker typed the recorded code and it was accepted. */
  readonly interceptionRate: number;
  /** Wilson 95% interval of interceptionRate. */
  readonly interceptionCi95: readonly [number, number];
  /** First call of a campaign: the code was recorded (whether or not it still worked). */
  readonly leakRate: number;
  /** Any call of a campaign of `attacker.attempts` calls intercepted. */
  readonly campaignInterceptionRate: number;
  readonly campaignInterceptionCi95: readonly [number, number];
  /** compromiseRate × campaignInterceptionRate. */
  readonly endToEndRate: number;
  /** The owner heard the code live and it was accepted. */
  readonly legitSuccessRate: number;
  readonly legitSuccessCi95: readonly [number, number];
  /** Median seconds from placing the call to the owner's accepted code (10 ms bins); null if none. */
  readonly legitMedianSecondsToCode: Seconds | null;
  /**
   * Legit calls the person answered without hearing a whole readout: they hung up on dead air, or
   * the flow hung up on them (a wrong first key, a person taken for a machine, no input).
   */
  readonly abandonRate: number;
  /** Mean legit call length in seconds, placing to hang-up, ringing included. */
  readonly meanCallSeconds: Seconds;
  /** Mean calls an attack campaign placed (it stops at the first interception). */
  readonly meanCampaignCalls: number;
  /**
   * Calls (attack and legit) a TwiML flow's failed request ended with Twilio's "application
   * error" message: a webhook refused, timed out, answered non-2xx or not TwiML; 0 for the
   * built-in flows.
   */
  readonly applicationErrorCalls: number;
}

export interface RunResults {
  readonly scenario: string;
  readonly seed: number;
  readonly trials: number;
  /** Exact chance the attacker gets into the voicemail box at all. */
  readonly compromiseRate: number;
  readonly compromise: VoicemailCompromise;
  readonly strategies: Record<StrategyId, StrategyResult>;
}

const pair = (i: { low: number; high: number }): readonly [number, number] => [i.low, i.high];

export function summarizeTally(tally: StrategyTally, compromiseRate: number): StrategyResult {
  const campaignRate = tally.campaign.rate() ?? 0;
  return {
    trials: tally.interception.n,
    interceptionRate: tally.interception.rate() ?? 0,
    interceptionCi95: pair(tally.interception.interval()),
    leakRate: tally.leak.rate() ?? 0,
    campaignInterceptionRate: campaignRate,
    campaignInterceptionCi95: pair(tally.campaign.interval()),
    endToEndRate: compromiseRate * campaignRate,
    legitSuccessRate: tally.legitSuccess.rate() ?? 0,
    legitSuccessCi95: pair(tally.legitSuccess.interval()),
    legitMedianSecondsToCode: medianSeconds(tally.legitTimeToCode.median()),
    abandonRate: tally.abandon.rate() ?? 0,
    meanCallSeconds: msToSeconds(tally.legitCallMs.mean() ?? 0),
    meanCampaignCalls: tally.attackCallsPlaced.mean() ?? 0,
    applicationErrorCalls: tally.applicationError.successes,
  };
}

/** The sketch keeps milliseconds; the report speaks seconds. */
function medianSeconds(medianMs: Ms | null): Seconds | null {
  return medianMs === null ? null : msToSeconds(medianMs);
}
