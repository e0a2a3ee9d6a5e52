/**
 * The tones a caller hears besides DTMF (src/audio/dtmfTones.ts): audible ringing while the
 * phone rings, and the voicemail box's beep before it records. One definition for every renderer
 * (a call's WAV, the greeting's recording, the Replay view's sound).
 */
import type { Ms } from '../core/units.ts';
import type { Hz } from '../core/units.ts';

/** Equal-level sines summed, each at `levelDbfs` (a sine's peak; 0 dBFS is full scale). */
export interface SteadyTone {
  readonly frequenciesHz: readonly Hz[];
  readonly levelDbfs: number;
}

/** A tone switched on for `onMs` at the start of every `periodMs`. */
export interface CadencedTone extends SteadyTone {
  readonly onMs: Ms;
  readonly periodMs: Ms;
}

/**
 * North American audible ringing ("ringback"): 440 + 480 Hz at -19 dBm0 each, 2 s on, 4 s off
 * (ANSI T1.401, the Precise Tone Plan; ITU-T E.180 Supplement 2, United States). Asterisk's
 * configs/samples/indications.conf.sample has the same tone: `[us] ring = 440+480/2000,0/4000`.
 * dBm0 is read as dBFS here, as everywhere in src/audio.
 */
export const RINGBACK: CadencedTone = {
  frequenciesHz: [440, 480],
  levelDbfs: -19,
  onMs: 2000,
  periodMs: 6000,
};

/** The voicemail beep: a plain 1 kHz tone, as the README's signal level describes it. */
export const VOICEMAIL_BEEP: SteadyTone = { frequenciesHz: [1000], levelDbfs: -10 };
