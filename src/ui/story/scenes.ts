import { parseScenarioText, type StrategyId } from '../../scenario/index.ts';
import { compileScenario, type CompiledScenario } from '../../sim/compile.ts';
import { findTrial, replayTrial, type TrialReplay } from '../../sim/replay.ts';
import type { AttackTrialOutcome, LegitTrialOutcome } from '../../sim/trial.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';
import { bundledScenario } from '../scenario/bundled.ts';

type Outcome = AttackTrialOutcome | LegitTrialOutcome;

/** One scene of the training story: a bundled scenario, a flow, and the kind of call to show. */
export interface StoryScene {
  readonly title: string;
  /** A bundled scenario id (a file in scenarios/). */
  readonly scenarioId: string;
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  /** What the shown trial must be: the first trial from 0 that matches is the scene's call. */
  readonly representative: (outcome: Outcome) => boolean;
  readonly sentence: string;
}

const firstCall = (o: Outcome) => (o.kind === 'attack' ? o.calls[0]! : o.call);

export const STORY_SCENES: readonly StoryScene[] = [
  {
    title: 'The normal flow: the owner answers',
    scenarioId: 'owner-answers-baseline',
    strategy: 'naive',
    kind: 'legit',
    representative: (o) => o.kind === 'legit' && o.success && o.call.call.answeredBy === 'person',
    sentence:
      'The owner is waiting for the call: the phone rings, they pick up, the service reads the code three times and they type it in within seconds — this is what every defence must keep working.',
  },
  {
    title: 'The unanswered call lands in voicemail',
    scenarioId: 'carrier-default-greeting',
    strategy: 'naive',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'At night nobody answers, so after 25 seconds the voicemail box picks up and the call reads the code anyway: the readout that starts after the beep is recorded, and the attacker who guessed the voicemail PIN plays it back and types it in.',
  },
  {
    title: '"Press 1" beaten by a recorded tone',
    scenarioId: 'night-attack-dtmf-1',
    strategy: 'static-prompt',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'Asking the listener to press 1 should stop a machine, but the attacker re-recorded the greeting to play the tone for 1: the box "presses" it for them and the code is read into the recording.',
  },
  {
    title: "AMD's delay, and a short greeting that fools it",
    scenarioId: 'amd-hello-then-silence',
    strategy: 'amd',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'Answering-machine detection makes everyone who answers wait in silence while it listens, and a greeting of just "Hello?" and silence sounds like a person to it, so it reads the code straight into the recording.',
  },
  {
    title: 'The random digit',
    scenarioId: 'night-attack-dtmf-1',
    strategy: 'random-digit',
    kind: 'attack',
    representative: (o) =>
      o.kind === 'attack' &&
      firstCall(o).call.hangupReason === 'wrong-digit' &&
      !firstCall(o).call.leaked,
    sentence:
      'Asking for a fresh random key on every call means a recording cannot know the answer: the greeting plays 1, the service asked for another key, so the first key it hears is wrong and it hangs up before the code is ever said.',
  },
];

export interface PreparedScene {
  readonly compiled: CompiledScenario;
  readonly replay: TrialReplay;
  readonly scenarioName: string;
}

/** How far a scene looks for its representative trial; every bundled scene finds one early. */
const SEARCH_LIMIT = 2_000;

/** A scene's scenario, compiled, and the replay of its first representative trial. */
export function prepareScene(scene: StoryScene): PreparedScene {
  const bundled = bundledScenario(scene.scenarioId);
  if (!bundled)
    throw new Error(`Story scene "${scene.title}": no bundled scenario "${scene.scenarioId}".`);
  const validation = parseScenarioText(bundled.text);
  if (!validation.ok) {
    throw new Error(
      `Story scene "${scene.title}": scenarios/${scene.scenarioId}.json does not validate.`,
    );
  }
  const compiled = compileScenario(validation.scenario);
  const trialIndex =
    findTrial(compiled, scene.strategy, scene.kind, scene.representative, 0, SEARCH_LIMIT) ?? 0;
  return {
    compiled,
    replay: replayTrial(compiled, scene.strategy, scene.kind, trialIndex),
    scenarioName: validation.scenario.name,
  };
}
