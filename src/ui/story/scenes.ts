import { parseScenarioText, type Scenario, type StrategyId } from '../../scenario/index.ts';
import { callRecords, callTrace, type CallTrace } from '../../sim/callTrace.ts';
import { compileScenario, type CompiledScenario } from '../../sim/compile.ts';
import { findTrial, replayTrial, type TrialReplay } from '../../sim/replay.ts';
import type { AttackTrialOutcome, CallRecord, LegitTrialOutcome } from '../../sim/trial.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';
import { bundledScenario } from '../scenario/bundled.ts';

type Outcome = AttackTrialOutcome | LegitTrialOutcome;

/** A scene's scenario and trial, replayed, with the call the scene opens on. */
export interface PreparedScene {
  readonly scenario: Scenario;
  readonly compiled: CompiledScenario;
  readonly replay: TrialReplay;
  readonly scenarioName: string;
  /** The campaign call the scene is about (0-based); 0 for an owner's call. */
  readonly shownCallIndex: number;
  /** Every call of the trial as swim-lane intervals. */
  readonly traces: readonly CallTrace[];
}

/** One scene of the training story: a bundled scenario, a flow, and the kind of call to show. */
export interface StoryScene {
  readonly title: string;
  /** A bundled scenario id (a file in scenarios/). */
  readonly scenarioId: string;
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  /**
   * What the shown trial must be, so the narration is true of it: the first trial from 0 that
   * matches (deterministic for the scenario's seed) is the scene's call.
   */
  readonly representative: (outcome: Outcome) => boolean;
  /** The campaign call the scene opens on (0-based); the first call when absent. */
  readonly shownCall?: (outcome: Outcome) => number;
  /** One or two sentences; every figure in them is the engine's (scenes.test.ts pins them). */
  readonly sentence: string;
  /** A figure computed from the shown trial and its scenario, shown under the sentence. */
  readonly figure?: (prepared: PreparedScene) => string;
  /** A source the scene cites. */
  readonly citation?: { readonly text: string; readonly url: string };
}

const calls = (o: Outcome): readonly CallRecord[] => (o.kind === 'attack' ? o.calls : [o.call]);

/** A call the service hung up on at the key prompt, the code never said, nothing recorded. */
const hungUpOnWrongKey = (c: CallRecord) =>
  c.call.answeredBy === 'voicemail' && c.call.hangupReason === 'wrong-digit' && !c.call.leaked;

const acceptedCallIndex = (o: Outcome) => calls(o).findIndex((c) => c.accepted);

/** "41.0%": one decimal, as Compare shows rates. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Simulated ms as "m:ss" from the trial's start. */
export function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Simulated ms as seconds with one decimal: "0.8 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The attacker's chance on one random-digit call when the greeting plays one key: the service
 * asks for a key drawn uniformly from `promptDigits`, and only that key lets the code be read.
 */
export function perCallKeyChance(scenario: Scenario): number {
  return 1 / scenario.service.promptDigits.length;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** An exponent as superscript digits: 10 → "¹⁰". */
export function superscript(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('');
}

/** 1 − (1 − p)^n: the chance that at least one of n independent calls succeeds. */
export function campaignChance(perCall: number, calls: number): number {
  return 1 - (1 - perCall) ** calls;
}

/**
 * The first call of a campaign that the send limit held back: placed later than its retry, in
 * the engine's own schedule (`campaignScheduleMs`).
 */
export function firstHeldCallIndex(scenario: Scenario): number | null {
  const times = compileScenario(scenario).campaignScheduleMs;
  const retryMs = scenario.attacker.retrySeconds * 1000;
  const held = times.findIndex((t, j) => j > 0 && t > times[j - 1]! + retryMs);
  return held < 0 ? null : held;
}

/** Silence between the owner's "Hello?" and the first word the service says. */
export function deadAirAfterHelloMs(trace: CallTrace): number | null {
  const firstWord = trace.readouts[0]?.startMs ?? trace.prompts[0]?.startMs;
  if (trace.personHello === null || firstWord === undefined) return null;
  return firstWord - trace.personHello.endMs;
}

/** NIST SP 800-63B §5.1.3.3 (rev. 3): the PSTN for out-of-band verification is RESTRICTED. */
export const NIST_PSTN_RESTRICTED = {
  text: 'NIST SP 800-63B §5.1.3.3, "Authentication using the Public Switched Telephone Network"',
  // "Use of the PSTN for out-of-band verification is RESTRICTED as described in this section and
  // in Section 5.2.10." (usnistgov/800-63-3, sp800-63b/sec5_authenticators.md)
  url: 'https://pages.nist.gov/800-63-3/sp800-63b.html',
} as const;

export const STORY_SCENES: readonly StoryScene[] = [
  {
    title: 'The normal flow: the owner answers',
    scenarioId: 'owner-answers-baseline',
    strategy: 'naive',
    kind: 'legit',
    representative: (o) => o.kind === 'legit' && o.success && o.call.call.answeredBy === 'person',
    sentence:
      'The owner is waiting for the call: the phone rings, they pick up, the service reads the code three times and they type it in within seconds — this is what every defence must keep working.',
    figure: ({ traces }) =>
      `This call: answered at ${seconds(traces[0]!.answeredAtMs!)}, code typed at ${seconds(traces[0]!.submission!.atMs)}.`,
  },
  {
    title: 'The unanswered call lands in voicemail',
    scenarioId: 'carrier-default-greeting',
    strategy: 'naive',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'At night nobody answers, so after 25 seconds the voicemail box picks up and the call reads the code anyway: the readout that starts after the beep is recorded, and the attacker who guessed the voicemail PIN plays it back and types it in.',
    figure: ({ traces }) => {
      const recorded = traces[0]!.readouts.filter((r) => r.recorded).map((r) => r.number);
      return `This call: readout ${recorded.join(' and ')} of ${traces[0]!.readouts.length} recorded; the attacker typed the code at ${clock(traces[0]!.submission!.atMs)}.`;
    },
  },
  {
    title: '"Press 1" beaten by a recorded tone',
    scenarioId: 'night-attack-dtmf-1',
    strategy: 'static-prompt',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'Asking the listener to press 1 should stop a machine, but the attacker re-recorded the greeting to play the tone for 1: the box "presses" it for them and the code is read into the recording.',
    figure: ({ traces }) => {
      const t = traces[0]!;
      const heard = t.tones.find(
        (tone) => tone.from === 'voicemail' && tone.reportedAtMs !== null,
      )!;
      return `This call: the greeting's tone for 1 heard at ${seconds(heard.reportedAtMs!)}; the attacker typed the recorded code at ${clock(t.submission!.atMs)}.`;
    },
  },
  {
    title: "AMD's delay, and a short greeting that fools it",
    scenarioId: 'amd-hello-then-silence',
    strategy: 'amd',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls[0]!.accepted,
    sentence:
      'Answering-machine detection makes everyone who answers wait in silence while it listens, and a greeting of just "Hello?" and silence sounds like a person to it, so it reads the code straight into the recording.',
    figure: ({ traces }) => {
      const t = traces[0]!;
      return `This call: AMD listened for ${seconds(t.amd!.endMs - t.amd!.startMs)} and said ${t.amd!.verdict}; the attacker typed the recorded code at ${clock(t.submission!.atMs)}.`;
    },
  },
  {
    title: 'The random digit',
    scenarioId: 'night-attack-dtmf-1',
    strategy: 'random-digit',
    kind: 'attack',
    representative: (o) => o.kind === 'attack' && o.calls.every(hungUpOnWrongKey),
    sentence:
      'Asking for a fresh random key on every call means a recording cannot know the answer: the greeting plays 1, the service asked for another key, so it hangs up before the code is ever said — on every call of this night.',
    figure: ({ traces }) =>
      `This night: ${traces.length} calls asked for ${traces.map((t) => t.expectedDigit).join(', ')}; the greeting played 1; no code was read.`,
  },
  {
    title: 'The attacker calls again: campaigns and the send limit',
    scenarioId: 'random-digit-campaign-send-limit',
    strategy: 'random-digit',
    kind: 'attack',
    // Calls up to the send limit all fail, and a call the limit held back is intercepted.
    representative: (o) => {
      const won = acceptedCallIndex(o);
      return o.kind === 'attack' && won >= 5 && o.calls.slice(0, won).every(hungUpOnWrongKey);
    },
    shownCall: acceptedCallIndex,
    sentence: `A failed attacker simply calls again, each call a 1-in-10 chance. The send limit of 5 codes per 10 minutes held this attacker's sixth call until 10:00, but the held calls still came, and one asked for 1 — the key the greeting plays.`,
    figure: ({ scenario, traces, shownCallIndex }) => {
      const p = perCallKeyChance(scenario);
      const limit = scenario.service.maxSendsPer10Minutes;
      const { attempts } = scenario.attacker;
      const won = traces[shownCallIndex]!;
      const q = (1 - p).toFixed(1);
      return `1 − ${q}${superscript(limit)} = ${percent(campaignChance(p, limit))} in 10 minutes, 1 − ${q}${superscript(attempts)} = ${percent(campaignChance(p, attempts))} over ${attempts} calls. This night: calls at ${traces.map((t) => clock(t.placedAtMs)).join(', ')}; call ${won.callNumber} intercepted.`;
    },
  },
  {
    title: 'What AMD costs owners: dead air',
    scenarioId: 'owner-answers-baseline',
    strategy: 'amd',
    kind: 'legit',
    representative: (o) =>
      o.kind === 'legit' && o.success && o.call.call.answeredBy === 'person' && !o.abandoned,
    sentence: `Answering-machine detection costs every owner: after their "Hello?" the line stays silent until the detector is sure it heard a person, and only then is the code read. Over this scenario's 6,000 owner calls the median time to a typed code is 20.2 s with AMD against 18.5 s when the code is read at once.`,
    figure: ({ traces }) => {
      const t = traces[0]!;
      return `This call: ${seconds(deadAirAfterHelloMs(t)!)} of silence after the owner's "Hello?", ${seconds(t.readouts[0]!.startMs - t.answeredAtMs!)} from picking up to the first word.`;
    },
  },
  {
    title: 'What a key costs owners: wrong keys',
    scenarioId: 'owner-answers-baseline',
    strategy: 'random-digit',
    kind: 'legit',
    representative: (o) =>
      o.kind === 'legit' && o.abandoned && o.call.call.hangupReason === 'wrong-digit',
    sentence:
      'Asking for a key costs owners too: about 1 in 50 presses the wrong one, and the random digit hangs up on them before the code is said. In this scenario 1.9% of owners never got their code that way.',
    figure: ({ traces }) => {
      const t = traces[0]!;
      const pressed = t.tones.find((tone) => tone.from === 'person')!;
      return `This call: asked for ${t.expectedDigit}, the owner pressed ${pressed.digit}; the service hung up at ${seconds(t.endMs)}.`;
    },
  },
  {
    title: 'What to deploy, and why',
    scenarioId: 'owner-answers-baseline',
    strategy: 'random-digit',
    kind: 'legit',
    representative: (o) =>
      o.kind === 'legit' && o.success && o.call.call.answeredBy === 'person' && !o.abandoned,
    sentence:
      'If a code must go by phone, ask for a random key before saying it and keep the send limit tight: it cuts the attacker to a 1-in-10 chance a call, not to zero. NIST restricts the telephone channel for this reason, so offer every owner an authenticator app or a security key and move them off the phone.',
    figure: ({ traces }) => {
      const t = traces[0]!;
      return `This call: asked for ${t.expectedDigit}, the owner pressed it and typed the code at ${seconds(t.submission!.atMs)}.`;
    },
    citation: NIST_PSTN_RESTRICTED,
  },
];

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
  const trialIndex = findTrial(
    compiled,
    scene.strategy,
    scene.kind,
    scene.representative,
    0,
    SEARCH_LIMIT,
  );
  if (trialIndex === null) {
    throw new Error(
      `Story scene "${scene.title}": no trial in the first ${SEARCH_LIMIT} shows what it says.`,
    );
  }
  const replay = replayTrial(compiled, scene.strategy, scene.kind, trialIndex);
  return {
    scenario: validation.scenario,
    compiled,
    replay,
    scenarioName: validation.scenario.name,
    shownCallIndex: scene.shownCall?.(replay.outcome) ?? 0,
    traces: callRecords(replay).map((_, i) => callTrace(replay, i)),
  };
}
