import type { Ms } from '../core/distributions.ts';
import { secondsToMs } from '../core/distributions.ts';
import { msSampler, type MsSampler } from '../core/msSampler.ts';
import type { FlowSettings } from '../flows/index.ts';
import { detectOnTimeline, type AmdResult } from '../phone/amd/index.ts';
import {
  greetingTimeline,
  type GreetingTimeline,
  type VoiceSpan,
} from '../phone/greetingTimeline.ts';
import type { CodePolicy, GreetingSegment, Scenario } from '../scenario/index.ts';
import { expandGreeting, type GreetingRecording, type ScenarioAssets } from './greetingSource.ts';
import { eventReceivers, signalReceivers, type ReceiversFactory } from './receivers.ts';
import { compileTwimlFlows, type CompiledTwimlFlow, type TwimlTexts } from './twimlFlows.ts';

const TEN_MINUTES_MS = 600_000;

/**
 * A validated scenario turned into engine units (integer ms, ms samplers, probabilities) and the
 * parts every trial shares. Nothing in it refers back to the scenario as written: seconds become
 * ms here, once.
 */
export interface CompiledScenario {
  readonly seed: number;
  readonly flowSettings: FlowSettings;
  /** The code policy, in otplib's own units (RFC 6238 counts time steps in seconds). */
  readonly code: CodePolicy;
  readonly maxCheckAttempts: number;
  /** Digits `random-digit` draws from; the key `static-prompt` asks for. */
  readonly promptDigits: string;
  readonly staticDigit: string;
  readonly person: {
    readonly answerProbability: number;
    readonly answerDelay: MsSampler;
    readonly greetingDelay: MsSampler;
    readonly greetingLength: MsSampler;
    readonly patience: MsSampler;
    readonly reaction: MsSampler;
    readonly keypressErrorRate: number;
    /** The owner mistypes the code (one digit wrong) and retypes it. */
    readonly codeEntryErrorRate: number;
    readonly entry: MsSampler;
  };
  readonly attacker: {
    readonly victimAnswerProbability: number;
    readonly retrieval: MsSampler;
  };
  /** How calls sound at the signal level (dBFS and dB), for rendering a call's audio. */
  readonly signalLevels: {
    readonly speechLevelDbfs: number;
    readonly snrDb: number;
    readonly toneLevelDbfs: number;
    readonly twistDb: number;
  };
  readonly ringTimeoutMs: Ms;
  readonly promptMs: Ms;
  readonly readoutMs: Ms;
  readonly dtmfDetectMs: Ms;
  readonly voicemail: {
    readonly enabled: boolean;
    readonly pickupMs: Ms;
    readonly beepMs: Ms;
    readonly maxRecordMs: Ms;
    readonly greeting: GreetingTimeline;
    /** Recorded greeting pieces (`{ "audio" }` segments) and where they play. */
    readonly recordings: readonly GreetingRecording[];
    /** app_amd's verdict on the greeting at event level (the same recording on every call). */
    readonly amdVerdict: AmdResult;
  };
  /** The DTMF receiver and app_amd for each call, at the scenario's fidelity. */
  readonly receivers: ReceiversFactory;
  /** When each call of an attack campaign is placed, in ms from the campaign's start. */
  readonly campaignScheduleMs: readonly Ms[];
  readonly startEpochMs: Ms;
  readonly startSpreadMs: Ms;
  /** The scenario's TwiML flows by id, their static documents parsed once. */
  readonly twimlFlows: ReadonlyMap<string, CompiledTwimlFlow>;
}

/**
 * `assets`: the audio files the greeting's `{ "audio" }` segments name. Throws ScenarioError if
 * one is missing. `documents`: the static TwiML files the flows may request, by path relative to
 * the scenario's folder.
 */
export function compileScenario(
  scenario: Scenario,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): CompiledScenario {
  const { service, attacker, person, signal } = scenario;
  const { voicemail, receivers } = compileGreeting(scenario, scenario.voicemail.greeting, assets);
  return {
    seed: scenario.seed,
    code: scenario.code,
    maxCheckAttempts: service.maxCheckAttempts,
    promptDigits: service.promptDigits,
    staticDigit: service.staticDigit,
    person: {
      answerProbability: person.answerProbability,
      answerDelay: msSampler(person.answerDelaySeconds),
      greetingDelay: msSampler(person.greetingDelaySeconds),
      greetingLength: msSampler(person.greetingSeconds),
      patience: msSampler(person.patienceSeconds),
      reaction: msSampler(person.reactionSeconds),
      keypressErrorRate: person.keypressErrorRate,
      codeEntryErrorRate: person.codeEntryErrorRate,
      entry: msSampler(person.entrySeconds),
    },
    attacker: {
      victimAnswerProbability: attacker.victimAnswerProbability,
      retrieval: msSampler(attacker.retrievalSeconds),
    },
    signalLevels: {
      speechLevelDbfs: signal.speechLevelDbfs,
      snrDb: signal.snrDb,
      toneLevelDbfs: signal.toneLevelDbfs,
      twistDb: signal.twistDb,
    },
    flowSettings: {
      readoutRepeats: service.readoutRepeats,
      gatherTimeoutMs: secondsToMs(service.gatherTimeoutSeconds),
      maxPrompts: 2,
      wrongKeyRetries: service.wrongKeyRetries,
      onMachine: scenario.amd.onMachine,
      onNotSure: scenario.amd.onNotSure,
    },
    ringTimeoutMs: secondsToMs(service.ringTimeoutSeconds),
    promptMs: secondsToMs(service.promptSeconds),
    readoutMs: secondsToMs(service.readoutSeconds),
    dtmfDetectMs: service.dtmfDetectMs,
    voicemail,
    receivers,
    campaignScheduleMs: campaignSchedule(
      attacker.attempts,
      secondsToMs(attacker.retrySeconds),
      service.maxSendsPer10Minutes,
    ),
    startEpochMs: scenario.startEpochSeconds * 1000,
    startSpreadMs: scenario.startSpreadSeconds * 1000,
    twimlFlows: compileTwimlFlows(scenario, documents),
  };
}

/**
 * The parts of a compiled scenario that depend on the voicemail greeting: the box (its
 * timeline, recordings and app_amd's verdict on it) and the receivers at the scenario's
 * fidelity. compileScenario uses it for the scenario's own greeting; compiledWithGreeting puts
 * another greeting into a compiled scenario without compiling the rest again.
 */
export function compileGreeting(
  scenario: Scenario,
  greetingSegments: readonly GreetingSegment[],
  assets: ScenarioAssets = {},
): Pick<CompiledScenario, 'voicemail' | 'receivers'> {
  const { voicemail, amd } = scenario;
  const expanded = expandGreeting(greetingSegments, assets, amd.silenceThreshold);
  const greeting = greetingTimeline(expanded.segments);
  const beepMs = secondsToMs(voicemail.beepSeconds);
  const heardFromBox = voicedWithBeep(greeting, beepMs);
  const line = {
    greeting,
    voicedWithBeep: heardFromBox,
    beepMs,
    recordings: expanded.recordings,
    amdVerdict: detectOnTimeline(heardFromBox, amd),
  };
  return {
    voicemail: {
      enabled: voicemail.enabled,
      pickupMs: secondsToMs(voicemail.pickupAfterSeconds),
      beepMs,
      maxRecordMs: secondsToMs(voicemail.maxRecordSeconds),
      greeting,
      recordings: expanded.recordings,
      amdVerdict: line.amdVerdict,
    },
    receivers:
      scenario.fidelity === 'signal'
        ? signalReceivers(scenario, line)
        : eventReceivers(scenario, line, scenario.service.dtmfDetectMs),
  };
}

/**
 * `compiled` (compiled from `scenario`) with another voicemail greeting, at the scenario's
 * fidelity: what compileScenario gives for the scenario with that greeting, without parsing its
 * flows' documents or building its samplers again.
 */
export function compiledWithGreeting(
  compiled: CompiledScenario,
  scenario: Scenario,
  greeting: readonly GreetingSegment[],
  assets: ScenarioAssets = {},
): CompiledScenario {
  return { ...compiled, ...compileGreeting(scenario, greeting, assets) };
}

/** What AMD hears from a voicemail box: the greeting, then the beep (a tone: voice to AMD). */
function voicedWithBeep(greeting: GreetingTimeline, beepMs: Ms): VoiceSpan[] {
  const voiced = greeting.voiced.map((span) => ({ ...span }));
  if (beepMs > 0) {
    const beep = { startMs: greeting.endMs, endMs: greeting.endMs + beepMs };
    const last = voiced[voiced.length - 1];
    if (last && last.endMs >= beep.startMs) last.endMs = beep.endMs;
    else voiced.push(beep);
  }
  return voiced;
}

/**
 * Calls `retryMs` apart, delayed where needed so that no 10-minute window holds more than
 * `maxSendsPer10Minutes` of them (the service's send limit, Verify error 60203).
 */
export function campaignSchedule(
  attempts: number,
  retryMs: Ms,
  maxSendsPer10Minutes: number,
): Ms[] {
  const times: Ms[] = [];
  for (let j = 0; j < attempts; j++) {
    let t = j === 0 ? 0 : times[j - 1]! + retryMs;
    if (j >= maxSendsPer10Minutes)
      t = Math.max(t, times[j - maxSendsPer10Minutes]! + TEN_MINUTES_MS);
    times.push(t);
  }
  return times;
}
