import type { Ms } from '../../core/distributions.ts';
import type { CallTrace } from '../../sim/callTrace.ts';
import { dtmfFrequencies } from './dtmfFrequencies.ts';
import type { Hz } from './units.ts';

/** What the room hears of one call, in the call's simulated time: a score for the audio player. */
export type SoundCue =
  | {
      readonly kind: 'tone';
      readonly startMs: Ms;
      readonly endMs: Ms;
      readonly frequenciesHz: readonly Hz[];
      readonly what: 'ringback' | 'dtmf' | 'beep' | 'digit';
    }
  | { readonly kind: 'murmur'; readonly startMs: Ms; readonly endMs: Ms }
  | {
      readonly kind: 'speech';
      readonly startMs: Ms;
      readonly endMs: Ms;
      readonly text: string;
      /** Stopped before its end (barge-in, hang-up): the player cuts the voice off there. */
      readonly cutShort: boolean;
    };

/** North American ringback (ANSI T1.401): 440 + 480 Hz, 2 s on, 4 s off. */
export const RINGBACK_HZ: readonly Hz[] = [440, 480];
const RINGBACK_ON_MS = 2_000;
const RINGBACK_PERIOD_MS = 6_000;
/** The voicemail beep: a plain 1 kHz tone, as most boxes use. */
export const BEEP_HZ: Hz = 1_000;

export const promptText = (digit: string) => `Press ${digit} to hear your code.`;
export const readoutText = (code: string) => `Your code is ${code.split('').join(' ')}.`;

/** Every sound of the call, sorted by start: ringback, greeting, tones, beep, prompts, readouts. */
export function callSoundCues(trace: CallTrace): SoundCue[] {
  const cues: SoundCue[] = [];
  for (const span of trace.line) {
    if (span.phase !== 'ringing') continue;
    for (let t = span.startMs; t < span.endMs; t += RINGBACK_PERIOD_MS) {
      const endMs = Math.min(t + RINGBACK_ON_MS, span.endMs);
      cues.push({ kind: 'tone', startMs: t, endMs, frequenciesHz: RINGBACK_HZ, what: 'ringback' });
    }
  }
  for (const segment of trace.greeting) {
    if (segment.kind === 'speech')
      cues.push({ kind: 'murmur', startMs: segment.startMs, endMs: segment.endMs });
  }
  for (const tone of trace.tones) {
    cues.push({
      kind: 'tone',
      startMs: tone.startMs,
      endMs: tone.endMs,
      frequenciesHz: dtmfFrequencies(tone.digit),
      what: 'dtmf',
    });
  }
  if (trace.beep)
    cues.push({ kind: 'tone', ...trace.beep, frequenciesHz: [BEEP_HZ], what: 'beep' });
  for (const prompt of trace.prompts) {
    cues.push({
      kind: 'speech',
      startMs: prompt.startMs,
      endMs: prompt.endMs,
      text: promptText(prompt.digit),
      cutShort: prompt.cutShort,
    });
  }
  for (const readout of trace.readouts) {
    cues.push({
      kind: 'speech',
      startMs: readout.startMs,
      endMs: readout.endMs,
      text: readoutText(trace.code ?? 'withheld'),
      cutShort: !readout.completed,
    });
  }
  return cues.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Without speech synthesis a spoken cue becomes a murmur with a pip per digit in its text, spread
 * evenly through it, each pitched by the digit (0 lowest): the room still hears the code arrive.
 */
export function speechWithoutSynthesis(cue: Extract<SoundCue, { kind: 'speech' }>): SoundCue[] {
  const digits = [...cue.text].filter((c) => c >= '0' && c <= '9');
  const spanMs = cue.endMs - cue.startMs;
  const slotMs = spanMs / (digits.length + 1);
  const pips: SoundCue[] = digits.map((digit, i) => {
    const startMs = Math.round(cue.startMs + slotMs * (i + 1) - 60);
    return {
      kind: 'tone',
      startMs,
      endMs: startMs + 120,
      frequenciesHz: [500 + 50 * Number(digit)],
      what: 'digit',
    };
  });
  const inside = pips.filter((pip) => pip.startMs >= cue.startMs && pip.endMs <= cue.endMs);
  const murmurEnd = digits.length ? Math.min(cue.endMs, cue.startMs + slotMs) : cue.endMs;
  return [{ kind: 'murmur', startMs: cue.startMs, endMs: Math.round(murmurEnd) }, ...inside];
}
