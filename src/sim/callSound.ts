/**
 * One call's sound as a score: every tone, utterance and recording the line carries, in the
 * call's simulated time, with its frequencies, level and words. The call's WAV
 * (src/sim/renderCallAudio.ts) and the Replay view's "Play with sound" (src/ui/audio/) both play
 * this list; neither decides what is heard, how loud, or what is said.
 */
import { RINGBACK, VOICEMAIL_BEEP, dtmfFrequencies, samplesToMs } from '../audio/index.ts';
import type { SteadyTone } from '../audio/index.ts';
import type { Ms } from '../core/distributions.ts';
import type { Hz } from '../core/units.ts';
import type { CallTrace, SoundSpan } from './callTrace.ts';
import { PERSON_HELLO_TEXT, promptText, readoutText } from './callWording.ts';
import type { CompiledScenario } from './compile.ts';
import type { GreetingRecording } from './greetingSource.ts';
import { playDigitsPlan } from '../twiml/index.ts';

/** The service's recorded voice sits a little above the callee's side. */
export const SERVICE_GAIN_DB = 3;

/** One sine of a tone: its frequency and peak level, dBFS (0 dBFS is a full-scale sine). */
export interface Sine {
  readonly hz: Hz;
  readonly levelDbfs: number;
}

interface CueSpan {
  readonly startMs: Ms;
  readonly endMs: Ms;
}

export interface ToneCue extends CueSpan {
  readonly kind: 'tone';
  readonly what: 'ringback' | 'dtmf' | 'beep';
  /** The key a DTMF tone sends, else null. */
  readonly key: string | null;
  readonly sines: readonly Sine[];
}

export interface SpeechCue extends CueSpan {
  readonly kind: 'speech';
  readonly speaker: 'greeting' | 'person' | 'service';
  /** The words, or null where only talk's timing is modelled (a greeting's speech segment). */
  readonly text: string | null;
  /** RMS level over the utterance, dBFS (in the convention of a sine's peak: RMS × √2). */
  readonly levelDbfs: number;
  /** Stopped before its end (barge-in, hang-up): a voice is cut off at `endMs`. */
  readonly cutShort: boolean;
}

/** A recorded piece of the greeting (an `{ "audio" }` segment), played as itself from its start. */
export interface RecordingCue extends CueSpan {
  readonly kind: 'recording';
  readonly path: string;
  /** 8 kHz mono, full scale ±1; the call may end before they do (`endMs`). */
  readonly samples: Float32Array;
}

export type CallSoundCue = ToneCue | SpeechCue | RecordingCue;

/** How loud each side is on the line: the scenario's `signal` settings (src/scenario/schema.ts). */
export interface LineLevels {
  /** RMS level of the greeting's and the person's speech, dBFS (service: SERVICE_GAIN_DB up). */
  readonly speechLevelDbfs: number;
  /** Level of each DTMF tone, dBFS (the louder of the pair). */
  readonly toneLevelDbfs: number;
  /** DTMF twist, dB: low tone minus high tone. */
  readonly twistDb: number;
  /** Speech power over line-noise power, dB (the WAV's noise; nothing here plays it). */
  readonly snrDb: number;
}

export interface CallSoundSettings {
  readonly levels: LineLevels;
  /** The greeting's recorded pieces and where each starts, in ms from the box's pickup. */
  readonly recordings: readonly GreetingRecording[];
}

/** What the cues need from a compiled scenario: its line levels and the greeting's recordings. */
export function callSoundSettings(compiled: CompiledScenario): CallSoundSettings {
  const { speechLevelDbfs, toneLevelDbfs, twistDb, snrDb } = compiled.signalLevels;
  return {
    levels: { speechLevelDbfs, toneLevelDbfs, twistDb, snrDb },
    recordings: compiled.voicemail.recordings,
  };
}

/**
 * Every sound of the call, sorted by start: ringback, the greeting (recordings as themselves,
 * the rest as speech and DTMF), the beep, the person's hello and keys, the service's prompts and
 * readouts. Cues of no length are left out.
 */
export function callSoundCues(trace: CallTrace, settings: CallSoundSettings): CallSoundCue[] {
  const { levels } = settings;
  const cues: CallSoundCue[] = [];
  for (const span of trace.line) {
    if (span.phase !== 'ringing') continue;
    for (let t = span.startMs; t < span.endMs; t += RINGBACK.periodMs) {
      cues.push(tone('ringback', t, Math.min(t + RINGBACK.onMs, span.endMs), RINGBACK));
    }
  }
  const recordings = recordingCues(trace, settings.recordings);
  cues.push(...recordings);
  const recorded = (atMs: Ms) => recordings.some((r) => atMs >= r.startMs && atMs < r.endMs);
  for (const span of trace.greeting) {
    if (span.kind !== 'speech' || recorded(span.startMs)) continue;
    cues.push(speech('greeting', span, null, levels.speechLevelDbfs, span.cutShort));
  }
  for (const key of trace.tones) {
    if (key.from === 'voicemail' && recorded(key.startMs)) continue;
    cues.push({
      kind: 'tone',
      what: 'dtmf',
      key: key.digit,
      startMs: key.startMs,
      endMs: key.endMs,
      sines: dtmfSines(key.digit, levels),
    });
  }
  if (trace.beep) cues.push(tone('beep', trace.beep.startMs, trace.beep.endMs, VOICEMAIL_BEEP));
  const hello = trace.personHello;
  if (hello) {
    const cut = hello.endMs >= trace.endMs;
    cues.push(speech('person', hello, PERSON_HELLO_TEXT, levels.speechLevelDbfs, cut));
  }
  const serviceLevelDbfs = levels.speechLevelDbfs + SERVICE_GAIN_DB;
  for (const prompt of trace.prompts) {
    const text = promptText(prompt.digit, prompt.reason);
    cues.push(speech('service', prompt, text, serviceLevelDbfs, prompt.cutShort));
  }
  // A TwiML flow's readouts lie inside its <Say>s, which are voiced whole below.
  const twiml = trace.sounds.length > 0;
  for (const readout of twiml ? [] : trace.readouts) {
    const text = readoutText(trace.code);
    cues.push(speech('service', readout, text, serviceLevelDbfs, !readout.completed));
  }
  for (const sound of trace.sounds) cues.push(...soundCues(sound, serviceLevelDbfs, levels));
  return cues.filter((cue) => cue.endMs > cue.startMs).sort((a, b) => a.startMs - b.startMs);
}

/**
 * A TwiML flow's sound: a `<Say>` as its words; keys it plays as their tones (laid out as
 * `<Play digits>` plays them, cut at the sound's end); a media file (whose audio the simulator
 * never fetches) as talk of its length; a pause as nothing.
 */
function soundCues(sound: SoundSpan, levelDbfs: number, levels: LineLevels): CallSoundCue[] {
  switch (sound.sound) {
    case 'say':
      return [speech('service', sound, sound.text, levelDbfs, sound.cutShort)];
    case 'media':
      return [speech('service', sound, null, levelDbfs, sound.cutShort)];
    case 'pause':
      return [];
    case 'tones': {
      const plan = playDigitsPlan(sound.text);
      const cues: ToneCue[] = [];
      for (let loopStart = sound.startMs; loopStart < sound.endMs; loopStart += plan.durationMs) {
        for (const key of plan.tones) {
          const startMs = loopStart + key.startMs;
          if (startMs >= sound.endMs) break;
          cues.push({
            kind: 'tone',
            what: 'dtmf',
            key: key.digit,
            startMs,
            endMs: Math.min(loopStart + key.endMs, sound.endMs),
            sines: dtmfSines(key.digit, levels),
          });
        }
        if (plan.durationMs === 0) break;
      }
      return cues;
    }
  }
}

function tone(what: ToneCue['what'], startMs: Ms, endMs: Ms, definition: SteadyTone): ToneCue {
  const sines = definition.frequenciesHz.map((hz) => ({ hz, levelDbfs: definition.levelDbfs }));
  return { kind: 'tone', what, key: null, startMs, endMs, sines };
}

function speech(
  speaker: SpeechCue['speaker'],
  span: { readonly startMs: Ms; readonly endMs: Ms },
  text: string | null,
  levelDbfs: number,
  cutShort: boolean,
): SpeechCue {
  return {
    kind: 'speech',
    speaker,
    startMs: span.startMs,
    endMs: span.endMs,
    text,
    levelDbfs,
    cutShort,
  };
}

/** A key's ITU-T Q.23 pair; positive twist: the low (row) tone louder, as in renderDtmfTone. */
function dtmfSines(digit: string, levels: LineLevels): Sine[] {
  const { lowHz, highHz } = dtmfFrequencies(digit);
  const louder = levels.toneLevelDbfs;
  const quieter = louder - Math.abs(levels.twistDb);
  const lowFirst = levels.twistDb >= 0;
  return [
    { hz: lowHz, levelDbfs: lowFirst ? louder : quieter },
    { hz: highHz, levelDbfs: lowFirst ? quieter : louder },
  ];
}

/** The greeting's recordings as the box plays them from its pickup, cut where the call ended. */
function recordingCues(trace: CallTrace, recordings: readonly GreetingRecording[]): RecordingCue[] {
  const pickupMs = trace.answeredBy === 'voicemail' ? trace.answeredAtMs : null;
  if (pickupMs === null) return [];
  return recordings.map((recording) => {
    const startMs = pickupMs + recording.startMs;
    const fullEndMs = startMs + Math.ceil(samplesToMs(recording.samples.length));
    return {
      kind: 'recording',
      path: recording.path,
      samples: recording.samples,
      startMs,
      endMs: Math.min(fullEndMs, trace.endMs),
    };
  });
}
