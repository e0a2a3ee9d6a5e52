/**
 * Twilio's answering machine detection (AMD) on what the callee's side sends, as Twilio
 * documents it for the Calls API. Twilio's engine is not published ("an algorithm that isolates
 * human speech audio and measures periods between speech and silence in the greeting"); what is
 * published is the meaning of its four timing settings and of its AnsweredBy values, and this
 * module applies exactly those, on voice spans in ms from the answer. Sources:
 *
 * - [AMD] https://www.twilio.com/docs/voice/answering-machine-detection
 * - [FAQ] https://www.twilio.com/docs/voice/answering-machine-detection-faq-best-practices
 * - [API] the Calls API's parameter descriptions (twilio/twilio-oai; twilio/twilio-node
 *   src/rest/api/v2010/account/call.ts)
 *
 * The rules, t in ms from the answer (settings in twilioAmdSettings.ts):
 *
 * 1. Speech and tones. The voiced spans are sound. The beep, when given, is heard by Twilio's
 *    tone detection, not as speech ([FAQ]: AMD analyses "tone detection … machine beeps … in-band
 *    DTMF" and "voice activity detection" apart): its span is taken out of the voiced spans
 *    (which may or may not include it), and what is left is speech.
 * 2. Initial silence. When nothing (speech or beep) starts before `silenceTimeoutMs`, the result is
 *    `unknown` at `silenceTimeoutMs` ([API]: "The number of milliseconds of initial silence after
 *    which an `unknown` AnsweredBy result will be returned"). Sound starting exactly at
 *    `silenceTimeoutMs` is too late: the silence has lasted the whole timeout by then.
 * 3. Speech activity. The first speech span starts an activity; a later span joins it when the
 *    silence before it is shorter than `speechEndThresholdMs`, and a silence of at least that
 *    long ends it ([API]: "The number of milliseconds of silence after speech activity at which
 *    point the speech activity is considered complete"; [AMD]: raising the threshold to ~2500 ms
 *    "will treat the 1200-2400ms of silence as a gap in the greeting but not the end of the
 *    greeting"). The activity's length runs from its first span's start to its last span's end,
 *    gaps included.
 * 4. Machine. An activity longer than `speechThresholdMs` is a machine ([API]: "durations lower
 *    than this value will be interpreted as a human and longer than this value as a machine"),
 *    detected at the first instant the activity is sounding past its start + threshold:
 *    start + threshold when speech is under way then, else the start of the next span of the
 *    activity. An activity of exactly the threshold is not longer: human.
 * 5. Human. An activity that ends no longer than the threshold is a human, decided when the
 *    silence after it reaches `speechEndThresholdMs`: its end + speechEndThreshold. Both modes
 *    return a human at once ([FAQ]: DetectMessageEnd "will return AnsweredBy as soon as a
 *    determination of human, fax or unknown is made").
 * 6. The beep. A beep that ends before the first activity's verdict is a machine, detected at
 *    the beep's end (a voicemail's beep is a machine tone, [FAQ]); a beep starting inside the
 *    silence that would make a human breaks that silence, so the beep decides instead. Twilio does
 *    not say this outright; it follows from rule 1.
 * 7. Enable: a machine is `machine_start` at detection ([AMD]: "return an AnsweredBy value as
 *    soon as it identifies the called party").
 * 8. DetectMessageEnd: a machine is reported when its greeting ends ([AMD]: "AnsweredBy is
 *    returned only once the end of the greeting is reached, usually indicated by a beep"; [FAQ]:
 *    "will wait until the greeting ends with a beep, silence or other"):
 *    - `machine_end_beep` at the beep's end, when the beep starts before the greeting's silence
 *      reaches `speechEndThresholdMs` (or itself gave the detection). Twilio does not say whether
 *      it reports at the beep's start or end; the end is when a message can be left.
 *    - `machine_end_silence` when the greeting's activity ends first (the same
 *      speechEndThreshold as rule 3, [AMD]: the threshold separates "a gap in the greeting"
 *      from "the end of the greeting"), at its end + speechEndThreshold.
 *    - `machine_end_other` at `timeoutMs` when neither comes by then: Twilio names `other`
 *      without saying when; the timeout is the one other way a detected greeting can end here.
 * 9. Timeout. No verdict by `timeoutMs` is `unknown` at `timeoutMs` ([API]: "before timing out
 *    and sending a voice request with `AnsweredBy` of `unknown`"); a verdict due exactly at
 *    `timeoutMs` stands.
 *
 * Everything after the last span is silence. `fax` is not modelled (no fax tone reaches the
 * simulator's lines). A hang-up is the caller's to compare with `decisionMs`: a verdict after
 * the line went dead was never reached.
 */
import type { Ms } from '../../core/units.ts';
import type { VoiceSpan } from '../greetingTimeline.ts';
import { assertTwilioAmdSettings, type TwilioAmdSettings } from './twilioAmdSettings.ts';

/** What the callee's side sends, ms from the answer. */
export interface TwilioAmdInput {
  /** Speech and tones as voice: sorted, non-overlapping (touching is fine), from 0 on. */
  readonly voiced: readonly VoiceSpan[];
  /** The voicemail's beep, or null; it may also be among `voiced`. */
  readonly beep: VoiceSpan | null;
}

/** Twilio's AnsweredBy values for a call with AMD (`fax` aside). */
export type TwilioAnsweredBy =
  | 'human'
  | 'machine_start'
  | 'machine_end_beep'
  | 'machine_end_silence'
  | 'machine_end_other'
  | 'unknown';

export interface TwilioAmdResult {
  readonly answeredBy: TwilioAnsweredBy;
  /** When Twilio returns AnsweredBy (ms from the answer). */
  readonly decisionMs: Ms;
  /** For a machine: when it was detected (equal to decisionMs with Enable). */
  readonly machineDetectedMs?: Ms;
}

/** How the first speech activity ends, before the beep and the timeout are weighed. */
type ActivityVerdict =
  | { readonly kind: 'machine'; readonly atMs: Ms; readonly spanIndex: number }
  | { readonly kind: 'human'; readonly atMs: Ms };

/** Runs Twilio's AMD rules (see the module comment) over `input` with `settings`. */
export function twilioAmdOnTimeline(
  input: TwilioAmdInput,
  settings: TwilioAmdSettings,
): TwilioAmdResult {
  assertTwilioAmdSettings(settings);
  assertVoiced(input.voiced);
  if (input.beep !== null) assertBeep(input.beep);
  // An empty beep is no beep.
  const beep = input.beep !== null && input.beep.endMs > input.beep.startMs ? input.beep : null;
  const speech = speechSpans(input.voiced, beep);
  const { timeoutMs, silenceTimeoutMs } = settings;
  const beepStartMs = beep?.startMs ?? Infinity;
  const beepEndMs = beep?.endMs ?? Infinity;

  const firstSoundMs = Math.min(speech[0]?.startMs ?? Infinity, beepStartMs);
  if (firstSoundMs >= silenceTimeoutMs) return unknownAt(Math.min(silenceTimeoutMs, timeoutMs));

  const activity = speech.length > 0 ? firstActivity(speech, settings) : null;
  if (activity !== null && activity.kind === 'human' && activity.atMs <= beepStartMs) {
    return activity.atMs <= timeoutMs
      ? { answeredBy: 'human', decisionMs: activity.atMs }
      : unknownAt(timeoutMs);
  }
  const byBeep = activity === null || activity.kind === 'human' || beepEndMs <= activity.atMs;
  const detectedMs = byBeep ? beepEndMs : activity.atMs;
  if (detectedMs > timeoutMs) return unknownAt(timeoutMs);
  if (settings.mode === 'Enable') {
    return { answeredBy: 'machine_start', decisionMs: detectedMs, machineDetectedMs: detectedMs };
  }
  if (byBeep) {
    return {
      answeredBy: 'machine_end_beep',
      decisionMs: detectedMs,
      machineDetectedMs: detectedMs,
    };
  }
  const greetingEndMs = activityEndMs(speech, activity.spanIndex, settings.speechEndThresholdMs);
  const beepEnds = beepStartMs < greetingEndMs;
  const endMs = beepEnds ? beepEndMs : greetingEndMs;
  if (endMs > timeoutMs) {
    return {
      answeredBy: 'machine_end_other',
      decisionMs: timeoutMs,
      machineDetectedMs: detectedMs,
    };
  }
  return {
    answeredBy: beepEnds ? 'machine_end_beep' : 'machine_end_silence',
    decisionMs: endMs,
    machineDetectedMs: detectedMs,
  };
}

function unknownAt(decisionMs: Ms): TwilioAmdResult {
  return { answeredBy: 'unknown', decisionMs };
}

/** Rules 3–5 on the activity that starts with speech[0]. */
function firstActivity(speech: readonly VoiceSpan[], settings: TwilioAmdSettings): ActivityVerdict {
  const limitMs = speech[0]!.startMs + settings.speechThresholdMs;
  let i = 0;
  for (;;) {
    const span = speech[i]!;
    if (span.endMs > limitMs) {
      return { kind: 'machine', atMs: Math.max(limitMs, span.startMs), spanIndex: i };
    }
    const next = speech[i + 1];
    if (next === undefined || next.startMs - span.endMs >= settings.speechEndThresholdMs) {
      return { kind: 'human', atMs: span.endMs + settings.speechEndThresholdMs };
    }
    i++;
  }
}

/** When the silence after the activity holding speech[from] reaches speechEndThresholdMs. */
function activityEndMs(speech: readonly VoiceSpan[], from: number, speechEndThresholdMs: Ms): Ms {
  let i = from;
  while (
    i + 1 < speech.length &&
    speech[i + 1]!.startMs - speech[i]!.endMs < speechEndThresholdMs
  ) {
    i++;
  }
  return speech[i]!.endMs + speechEndThresholdMs;
}

/** The voiced spans without the beep's span, empty pieces dropped (rule 1). */
function speechSpans(voiced: readonly VoiceSpan[], beep: VoiceSpan | null): VoiceSpan[] {
  const speech: VoiceSpan[] = [];
  const keep = (startMs: Ms, endMs: Ms) => {
    if (endMs > startMs) speech.push({ startMs, endMs });
  };
  for (const span of voiced) {
    if (beep === null || span.endMs <= beep.startMs || span.startMs >= beep.endMs) {
      keep(span.startMs, span.endMs);
    } else {
      keep(span.startMs, beep.startMs);
      keep(beep.endMs, span.endMs);
    }
  }
  return speech;
}

function assertVoiced(voiced: readonly VoiceSpan[]): void {
  let previousEndMs = 0;
  for (let i = 0; i < voiced.length; i++) {
    const { startMs, endMs } = voiced[i]!;
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs < 0 || endMs < startMs) {
      throw new RangeError(
        `twilioAmdOnTimeline: voiced[${i}] is [${startMs}, ${endMs}); expected finite 0 <= startMs <= endMs (ms from the answer).`,
      );
    }
    if (startMs < previousEndMs) {
      throw new RangeError(
        `twilioAmdOnTimeline: voiced[${i}] starts at ${startMs} ms, before voiced[${i - 1}] ends at ${previousEndMs} ms; pass sorted, non-overlapping spans (merge overlapping ones first).`,
      );
    }
    previousEndMs = endMs;
  }
}

function assertBeep(beep: VoiceSpan): void {
  const { startMs, endMs } = beep;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs < 0 || endMs < startMs) {
    throw new RangeError(
      `twilioAmdOnTimeline: beep is [${startMs}, ${endMs}); expected finite 0 <= startMs <= endMs (ms from the answer), or null.`,
    );
  }
}
