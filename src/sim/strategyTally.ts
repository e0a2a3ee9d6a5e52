import { IntegerMean, MedianSketch, Proportion } from '../stats/index.ts';
import type { IntegerMeanData, MedianSketchData, ProportionData } from '../stats/index.ts';
import type { AttackTrialOutcome, LegitTrialOutcome } from './trial.ts';

export interface StrategyTallyData {
  readonly interception: ProportionData;
  readonly leak: ProportionData;
  readonly campaign: ProportionData;
  readonly legitSuccess: ProportionData;
  readonly abandon: ProportionData;
  readonly legitTimeToCode: MedianSketchData;
  readonly legitCallMs: IntegerMeanData;
  readonly attackCallsPlaced: IntegerMeanData;
  readonly applicationError: ProportionData;
}

/**
 * Streaming counts for one strategy. Integer counts and sums only, so tallies from any split of
 * the trials merge to exactly the same numbers; memory does not grow with the trial count.
 */
export class StrategyTally {
  /** First call of each campaign: the attacker typed the recorded code and it was accepted. */
  readonly interception = new Proportion();
  /** First call of each campaign: a readout was recorded. */
  readonly leak = new Proportion();
  /** Any call of the campaign intercepted. */
  readonly campaign = new Proportion();
  readonly legitSuccess = new Proportion();
  /**
   * Legit calls the person answered without hearing a whole readout: they hung up on dead air, or
   * the flow hung up on them (a wrong first key, a person taken for a machine, no input).
   */
  readonly abandon = new Proportion();
  /** From placing the call to the owner's accepted code. */
  readonly legitTimeToCode = new MedianSketch();
  /** Legit call length, placing to hang-up. */
  readonly legitCallMs = new IntegerMean();
  readonly attackCallsPlaced = new IntegerMean();
  /** Every call, attack and legit: a TwiML flow's failed request ended it (an application error). */
  readonly applicationError = new Proportion();

  addAttack(outcome: AttackTrialOutcome): void {
    const first = outcome.calls[0]!;
    this.interception.add(first.accepted);
    this.leak.add(first.call.leaked);
    this.campaign.add(outcome.campaignIntercepted);
    this.attackCallsPlaced.add(outcome.calls.length);
    for (const { call } of outcome.calls) {
      this.applicationError.add(call.hangupReason === 'application-error');
    }
  }

  addLegit(outcome: LegitTrialOutcome): void {
    this.legitSuccess.add(outcome.success);
    this.abandon.add(outcome.abandoned);
    this.legitCallMs.add(outcome.call.call.endMs);
    if (outcome.success) this.legitTimeToCode.add(outcome.call.submittedAtMs!);
    this.applicationError.add(outcome.call.call.hangupReason === 'application-error');
  }

  merge(other: StrategyTally): this {
    this.interception.merge(other.interception);
    this.leak.merge(other.leak);
    this.campaign.merge(other.campaign);
    this.legitSuccess.merge(other.legitSuccess);
    this.abandon.merge(other.abandon);
    this.legitTimeToCode.merge(other.legitTimeToCode);
    this.legitCallMs.merge(other.legitCallMs);
    this.attackCallsPlaced.merge(other.attackCallsPlaced);
    this.applicationError.merge(other.applicationError);
    return this;
  }

  toJSON(): StrategyTallyData {
    return {
      interception: this.interception.toJSON(),
      leak: this.leak.toJSON(),
      campaign: this.campaign.toJSON(),
      legitSuccess: this.legitSuccess.toJSON(),
      abandon: this.abandon.toJSON(),
      legitTimeToCode: this.legitTimeToCode.toJSON(),
      legitCallMs: this.legitCallMs.toJSON(),
      attackCallsPlaced: this.attackCallsPlaced.toJSON(),
      applicationError: this.applicationError.toJSON(),
    };
  }

  static fromJSON(data: StrategyTallyData): StrategyTally {
    const tally = new StrategyTally();
    tally.interception.merge(Proportion.fromJSON(data.interception));
    tally.leak.merge(Proportion.fromJSON(data.leak));
    tally.campaign.merge(Proportion.fromJSON(data.campaign));
    tally.legitSuccess.merge(Proportion.fromJSON(data.legitSuccess));
    tally.abandon.merge(Proportion.fromJSON(data.abandon));
    tally.legitTimeToCode.merge(MedianSketch.fromJSON(data.legitTimeToCode));
    tally.legitCallMs.merge(IntegerMean.fromJSON(data.legitCallMs));
    tally.attackCallsPlaced.merge(IntegerMean.fromJSON(data.attackCallsPlaced));
    tally.applicationError.merge(Proportion.fromJSON(data.applicationError));
    return tally;
  }
}
