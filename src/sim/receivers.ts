/**
 * What the service's receivers make of the callee's side of a call: the DTMF receiver's keys and
 * app_amd's verdict. At event level they read symbolic timelines; at signal level the callee's
 * side is rendered to 8 kHz audio with line noise and the real detectors decide. The call
 * simulation asks the same questions of both, so the two levels differ only where a detector
 * hears differently from the symbols.
 */
import {
  NoiseTable,
  amdOnPcm,
  voicedSpansFromPcm,
  detectDtmf,
  lineNoiseRms,
  msToSamples,
  renderDtmfTone,
  renderTimeline,
  samplesToMs,
  speechLike,
} from '../audio/index.ts';
import { sampleMs, type Ms } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';
import { createRng, hashString } from '../core/rng.ts';
import { detectOnTimeline, type AmdResult } from '../phone/amd/index.ts';
import {
  twilioAmdOnTimeline,
  type TwilioAmdResult,
  type TwilioAmdSettings,
} from '../phone/twilioAmd/index.ts';
import type { GreetingTimeline, VoiceSpan } from '../phone/greetingTimeline.ts';
import { MAX_KEY_TONE_SECONDS, type Scenario } from '../scenario/index.ts';
import type { GreetingRecording } from './greetingSource.ts';

/** A key the DTMF receiver heard, from when its tone started (ms from the reference point). */
export interface HeardKey {
  readonly digit: string;
  readonly startMs: Ms;
}

/** The receivers on one call. */
export interface CalleeReceivers {
  /** Keys heard in the voicemail's greeting, from pickup. */
  greetingKeys(): readonly HeardKey[];
  /** app_amd on the voicemail: greeting, beep, then the recording's silence. */
  greetingAmd(): AmdResult;
  /** app_amd on a person whose voice spans `voiced` (ms from answer). */
  personAmd(voiced: readonly VoiceSpan[]): AmdResult;
  /** Twilio-style AMD (a TwiML flow's machineDetection) on the voicemail: greeting and beep. */
  greetingTwilioAmd(settings: TwilioAmdSettings): TwilioAmdResult;
  /** Twilio-style AMD on a person whose voice spans `voiced` (ms from answer). */
  personTwilioAmd(voiced: readonly VoiceSpan[], settings: TwilioAmdSettings): TwilioAmdResult;
  /** The person presses `digit`: how long the tone lasts, and the key heard (from the press). */
  personKey(digit: string): KeyPress;
}

/** A key the person pressed: the tone's length and what the receiver heard (null: nothing). */
export interface KeyPress {
  readonly toneMs: Ms;
  readonly heard: HeardKey | null;
}

/**
 * How long the person holds a key at the event level, where a tone's length is not modelled
 * (the receiver hears every press): a typical keypad tone, for views and the call's audio.
 */
export const NOMINAL_KEY_TONE_MS: Ms = 120;

/** Receivers for each call of a compiled scenario; `rng` is the trial's signal stream. */
export type ReceiversFactory = (rng: Rng) => CalleeReceivers;

interface VoicemailLine {
  readonly greeting: GreetingTimeline;
  /** What AMD hears from the box: greeting and beep as voice. */
  readonly voicedWithBeep: readonly VoiceSpan[];
  readonly beepMs: Ms;
  readonly recordings: readonly GreetingRecording[];
  /** app_amd on `voicedWithBeep`: the greeting is the same recording on every call. */
  readonly amdVerdict: AmdResult;
}

/** The voicemail's beep, from pickup, or null when it has none. */
function beepSpan(line: VoicemailLine): VoiceSpan | null {
  const { endMs } = line.greeting;
  return line.beepMs > 0 ? { startMs: endMs, endMs: endMs + line.beepMs } : null;
}

/** Event level: a tone is heard once it has lasted `dtmfDetectMs`; AMD reads voice spans. */
export function eventReceivers(
  scenario: Scenario,
  line: VoicemailLine,
  dtmfDetectMs: Ms,
): ReceiversFactory {
  const keys = line.greeting.tones
    .filter((tone) => tone.endMs - tone.startMs >= dtmfDetectMs)
    .map((tone) => ({ digit: tone.digit, startMs: tone.startMs }));
  const greetingTwilioVerdicts = new Map<TwilioAmdSettings, TwilioAmdResult>();
  const receivers: CalleeReceivers = {
    greetingKeys: () => keys,
    greetingAmd: () => line.amdVerdict,
    personAmd: (voiced) => detectOnTimeline(voiced, scenario.amd),
    // The greeting is the same on every call: each flow's settings give one verdict, made once.
    greetingTwilioAmd: (settings) => {
      let verdict = greetingTwilioVerdicts.get(settings);
      if (!verdict) {
        verdict = twilioAmdOnTimeline(
          { voiced: line.greeting.voiced, beep: beepSpan(line) },
          settings,
        );
        greetingTwilioVerdicts.set(settings, verdict);
      }
      return verdict;
    },
    personTwilioAmd: (voiced, settings) => twilioAmdOnTimeline({ voiced, beep: null }, settings),
    personKey: (digit) => ({ toneMs: NOMINAL_KEY_TONE_MS, heard: { digit, startMs: 0 } }),
  };
  return () => receivers;
}

/** Line noise around a person's key press, so the receiver hears its edges. */
const KEY_MARGIN_MS = 60;

/**
 * The longest key press rendered: the format's bound on `signal.keyToneSeconds`
 * (scenario/bounds.ts). A lognormal's draw has no ceiling, and each press is rendered and
 * decoded, so a draw past the bound is held to it.
 */
const MAX_KEY_TONE_MS: Ms = MAX_KEY_TONE_SECONDS * 1000;

/**
 * Signal level: the greeting is one recording (rendered once per scenario from its seed); each
 * call hears it through its own line noise, and hears the person's hello and keys as rendered.
 */
export function signalReceivers(scenario: Scenario, line: VoicemailLine): ReceiversFactory {
  const { signal, amd: amdParams } = scenario;
  const recording = renderTimeline(line.greeting, {
    rng: createRng(scenario.seed, hashString('greeting recording')),
    speechLevelDbfs: signal.speechLevelDbfs,
    toneLevelDbfs: signal.toneLevelDbfs,
    twistDb: signal.twistDb,
    snrDb: null,
    beepMs: line.beepMs,
    recordings: line.recordings,
  });
  const noise = new NoiseTable(createRng(scenario.seed, hashString('line noise')));
  const noiseRms = lineNoiseRms(signal.speechLevelDbfs, signal.snrDb);
  // app_amd listens up to its total analysis time, and the line is noisy all along.
  const amdSamples = msToSamples(amdParams.totalAnalysisTimeMs + 40);
  const margin = msToSamples(KEY_MARGIN_MS);

  return (rng) => {
    let heardGreeting: Float32Array | null = null;
    let keys: HeardKey[] | null = null;
    let amd: AmdResult | null = null;
    /** The box's side of the line: its greeting and beep through this call's noise. */
    const greetingOnLine = () => {
      if (!heardGreeting) {
        heardGreeting = new Float32Array(Math.max(recording.length, amdSamples));
        heardGreeting.set(recording);
        noise.addTo(heardGreeting, noiseRms, rng, 0, recording.length);
      }
      return heardGreeting;
    };
    return {
      greetingKeys() {
        keys ??= detectDtmf(greetingOnLine().subarray(0, recording.length)).map((key) => ({
          digit: key.digit,
          startMs: Math.max(0, Math.round(key.startMs)),
        }));
        return keys;
      },
      greetingAmd() {
        if (!amd) {
          const samples = greetingOnLine();
          // The recording's silence after the beep, on the same noisy line.
          noise.addTo(samples, noiseRms, rng, recording.length);
          amd = amdOnPcm(samples, amdParams);
        }
        return amd;
      },
      personAmd(voiced) {
        const samples = renderVoice(voiced, amdSamples, signal.speechLevelDbfs, rng);
        return amdOnPcm(noise.addTo(samples, noiseRms, rng), amdParams);
      },
      // Twilio-style AMD hears voice where a frame's level passes app_amd's silenceThreshold;
      // the beep is the box's own tone at a time the line knows.
      greetingTwilioAmd(settings) {
        const heard = greetingOnLine().subarray(0, recording.length);
        const voiced = voicedSpansFromPcm(heard, amdParams.silenceThreshold);
        return twilioAmdOnTimeline({ voiced, beep: beepSpan(line) }, settings);
      },
      personTwilioAmd(voiced, settings) {
        const length = msToSamples(settings.timeoutMs + 40);
        const samples = renderVoice(voiced, length, signal.speechLevelDbfs, rng);
        noise.addTo(samples, noiseRms, rng);
        const heard = voicedSpansFromPcm(samples, amdParams.silenceThreshold);
        return twilioAmdOnTimeline({ voiced: heard, beep: null }, settings);
      },
      personKey(digit) {
        const toneMs = Math.min(MAX_KEY_TONE_MS, Math.max(1, sampleMs(signal.keyToneSeconds, rng)));
        const tone = renderDtmfTone({
          digit,
          durationMs: toneMs,
          levelDbfs: signal.toneLevelDbfs,
          twistDb: signal.twistDb,
        });
        const samples = new Float32Array(tone.length + 2 * margin);
        samples.set(tone, margin);
        const heard = detectDtmf(noise.addTo(samples, noiseRms, rng))[0];
        if (!heard) return { toneMs, heard: null };
        return {
          toneMs,
          heard: {
            digit: heard.digit,
            startMs: Math.max(0, Math.round(heard.startMs) - KEY_MARGIN_MS),
          },
        };
      },
    };
  };
}

/**
 * A person's voice spans (ms from answer) as speech-like sound, `length` samples long. A span
 * that runs past the end is rendered only to a second past it: a lognormal hello has no
 * ceiling, and what app_amd never hears need not be made. A syllable lasts at most 350 ms
 * (audio/speechLike.ts), so the one under way at the end still finishes as it would have and
 * the samples heard are the same.
 */
function renderVoice(
  voiced: readonly VoiceSpan[],
  length: number,
  levelDbfs: number,
  rng: Rng,
): Float32Array {
  const out = new Float32Array(length);
  const renderedEndMs = samplesToMs(length) + 1000;
  for (const span of voiced) {
    const at = msToSamples(span.startMs);
    if (at >= length) continue;
    const durationMs = Math.min(span.endMs, renderedEndMs) - span.startMs;
    const speech = speechLike({ durationMs, rng, levelDbfs });
    out.set(speech.subarray(0, length - at), at);
  }
  return out;
}
