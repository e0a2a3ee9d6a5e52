import { dbfsToAmplitude } from '../../audio/index.ts';
import type { Ms } from '../../core/distributions.ts';
import type { Hz } from '../../core/units.ts';
import type { CallSoundCue, SpeechCue } from '../../sim/callSound.ts';

/**
 * How a browser sounds a call's cues (src/sim/callSound.ts): tones, murmur and recordings as
 * buffers on the Web Audio clock, words through speech synthesis where the browser has a voice.
 * Frequencies and levels are the cues' own, the ones the call's WAV is rendered at.
 */

interface Span {
  readonly startMs: Ms;
  readonly endMs: Ms;
}

/** A buffer the player renders and schedules; amplitudes of full scale, before the output gain. */
export type BufferedSound =
  | (Span & {
      readonly kind: 'tone';
      readonly frequenciesHz: readonly Hz[];
      /** Peak of the sum of the sines. */
      readonly amplitude: number;
    })
  | (Span & { readonly kind: 'murmur'; readonly rms: number })
  | (Span & { readonly kind: 'recording'; readonly samples: Float32Array });

export interface Utterance extends Span {
  readonly speaker: SpeechCue['speaker'];
  readonly text: string;
  readonly cutShort: boolean;
}

export interface PlaybackPlan {
  readonly sounds: readonly BufferedSound[];
  readonly utterances: readonly Utterance[];
}

/** Without a voice, each digit said is a pip this long, pitched by the digit (0 lowest). */
const PIP_MS = 120;
const PIP_BASE_HZ = 500;
const PIP_STEP_HZ = 50;

/** Every cue as a buffer or an utterance; `canSpeak`: the browser has a speech-synthesis voice. */
export function playbackPlan(cues: readonly CallSoundCue[], canSpeak: boolean): PlaybackPlan {
  const sounds: BufferedSound[] = [];
  const utterances: Utterance[] = [];
  for (const cue of cues) {
    const span = { startMs: cue.startMs, endMs: cue.endMs };
    if (cue.kind === 'tone') {
      const amplitude = cue.sines.reduce((sum, sine) => sum + dbfsToAmplitude(sine.levelDbfs), 0);
      // The player's tones are equal-level sines: a DTMF pair's twist is not sounded.
      sounds.push({ kind: 'tone', ...span, frequenciesHz: cue.sines.map((s) => s.hz), amplitude });
    } else if (cue.kind === 'recording') {
      sounds.push({ kind: 'recording', ...span, samples: cue.samples });
    } else if (cue.text !== null && canSpeak) {
      utterances.push({ ...span, speaker: cue.speaker, text: cue.text, cutShort: cue.cutShort });
    } else {
      sounds.push(...speechWithoutSynthesis(cue));
    }
  }
  return { sounds, utterances };
}

/**
 * Speech as sound alone: a murmur at the speech's level; with words, the murmur takes the first
 * slot and each digit in them a pip, spread evenly through the span, so the code is still heard.
 */
export function speechWithoutSynthesis(cue: SpeechCue): BufferedSound[] {
  const rms = dbfsToAmplitude(cue.levelDbfs) / Math.SQRT2;
  const digits = [...(cue.text ?? '')].filter((c) => c >= '0' && c <= '9');
  const slotMs = (cue.endMs - cue.startMs) / (digits.length + 1);
  const pips: BufferedSound[] = digits.map((digit, i) => {
    const startMs = Math.round(cue.startMs + slotMs * (i + 1) - PIP_MS / 2);
    return {
      kind: 'tone',
      startMs,
      endMs: startMs + PIP_MS,
      frequenciesHz: [PIP_BASE_HZ + PIP_STEP_HZ * Number(digit)],
      amplitude: dbfsToAmplitude(cue.levelDbfs),
    };
  });
  const inside = pips.filter((pip) => pip.startMs >= cue.startMs && pip.endMs <= cue.endMs);
  const murmurEndMs = digits.length ? Math.round(cue.startMs + slotMs) : cue.endMs;
  return [{ kind: 'murmur', startMs: cue.startMs, endMs: murmurEndMs, rms }, ...inside];
}
