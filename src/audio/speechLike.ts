/**
 * A speech-like signal: a voiced source (a pulse train at a drifting pitch, tilted like a
 * glottal pulse, plus a little breath noise) through three formant resonators that change vowel
 * every syllable, under a syllable-rate envelope (about 4 per second). It has speech's energy
 * pattern and its harmonic spectrum, which is what a DTMF receiver must not mistake for keys.
 *
 * The envelope dips between syllables but never to silence: a greeting's "speech" segment is
 * continuous voice at event level, and app_amd hears it as one long stretch of voice here too.
 */
import type { Ms } from '../core/units.ts';
import type { Rng } from '../core/rng.ts';
import { standardNormal } from '../core/distributions.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { normaliseRms } from './lineNoise.ts';

export interface SpeechLikeOptions {
  durationMs: Ms;
  rng: Rng;
  /** RMS level over the whole signal, dBFS. Default -20. */
  levelDbfs?: number;
}

/** F1, F2, F3 (Hz) of a few vowels (Peterson & Barney averages, rounded). */
const VOWEL_FORMANTS_HZ: ReadonlyArray<readonly [number, number, number]> = [
  [730, 1090, 2440], // a
  [270, 2290, 3010], // i
  [300, 870, 2240], // u
  [530, 1840, 2480], // e
  [570, 840, 2410], // o
  [660, 1720, 2410], // ae
  [520, 1190, 2390], // schwa-like
];
const FORMANT_BANDWIDTHS_HZ = [90, 110, 160] as const;
const FORMANT_GAINS = [1, 0.5, 0.25] as const;
/** Envelope floor between syllables, relative to a syllable's peak. */
const ENVELOPE_FLOOR = 0.3;

export function speechLike(options: SpeechLikeOptions): Float32Array {
  const { durationMs, rng, levelDbfs = -20 } = options;
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`speechLike: durationMs is ${durationMs}; pass a duration >= 0 ms.`);
  }
  const out = new Float32Array(msToSamples(durationMs));
  const basePitchHz = 95 + rng.next() * 130;
  const resonators = FORMANT_BANDWIDTHS_HZ.map(() => ({ y1: 0, y2: 0, a1: 0, a2: 0, gain: 0 }));
  let glottal = 0;
  let pitchPhase = 1; // voice from the first sample
  let n = 0;
  while (n < out.length) {
    const syllable = Math.min(out.length - n, msToSamples(150 + rng.next() * 200));
    const vowel = VOWEL_FORMANTS_HZ[rng.int(VOWEL_FORMANTS_HZ.length)]!;
    vowel.forEach((formantHz, i) => {
      const r = Math.exp((-Math.PI * FORMANT_BANDWIDTHS_HZ[i]!) / SAMPLE_RATE_HZ);
      const resonator = resonators[i]!;
      resonator.a1 = 2 * r * Math.cos((2 * Math.PI * formantHz) / SAMPLE_RATE_HZ);
      resonator.a2 = -r * r;
      resonator.gain = FORMANT_GAINS[i]! * (1 - r);
    });
    // Intonation: each syllable's pitch starts somewhere around the speaker's and glides.
    const startPitch = basePitchHz * (0.85 + rng.next() * 0.3);
    const endPitch = startPitch * (0.9 + rng.next() * 0.2);
    for (let k = 0; k < syllable; k++, n++) {
      const pitchHz = startPitch + ((endPitch - startPitch) * k) / syllable;
      pitchPhase += pitchHz / SAMPLE_RATE_HZ;
      let pulse = 0;
      if (pitchPhase >= 1) {
        pitchPhase -= 1;
        pulse = 1;
      }
      // A one-pole low-pass tilts the pulse train's spectrum down, as the glottal pulse does.
      glottal = 0.9 * glottal + pulse + 0.02 * standardNormal(rng);
      let voiced = 0;
      for (const resonator of resonators) {
        const y =
          resonator.gain * glottal + resonator.a1 * resonator.y1 + resonator.a2 * resonator.y2;
        resonator.y2 = resonator.y1;
        resonator.y1 = y;
        voiced += y;
      }
      out[n] = voiced;
    }
    // Each syllable at the same loudness, whatever its vowel, then shaped by the envelope.
    const syllableSamples = out.subarray(n - syllable, n);
    normaliseRms(syllableSamples, 1);
    for (let k = 0; k < syllable; k++) {
      const progress = k / syllable;
      syllableSamples[k]! *=
        ENVELOPE_FLOOR + (1 - ENVELOPE_FLOOR) * Math.sin(Math.PI * progress) ** 2;
    }
  }
  return normaliseRms(out, dbfsToAmplitude(levelDbfs) / Math.SQRT2);
}
