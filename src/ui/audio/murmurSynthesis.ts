import type { Hz } from '../../core/units.ts';
import type { SampleRate } from './units.ts';

/**
 * A speech-like murmur for the greeting's speech segments: the timing of talk without words.
 * Syllables of a buzzing voice (harmonics of a 120 Hz pitch) shaped by two vowel formants, with
 * short pauses between them. Deterministic: the same span always sounds the same.
 */

/** Peterson & Barney (1952) average adult male F1/F2 for the vowels of "father, bed, see, law, boot". */
const VOWELS: ReadonlyArray<readonly [Hz, Hz]> = [
  [730, 1090],
  [530, 1840],
  [270, 2290],
  [570, 840],
  [300, 870],
];
const PITCH_HZ = 120;
const SYLLABLE_MS = 180;
const PAUSE_MS = 50;
const FORMANT_BANDWIDTH_HZ = 110;
const TOP_HZ = 3500;

export interface MurmurSpec {
  readonly durationMs: number;
  readonly sampleRate: SampleRate;
  readonly amplitude?: number;
}

export function synthesizeMurmur(spec: MurmurSpec): Float32Array<ArrayBuffer> {
  const { durationMs, sampleRate } = spec;
  const amplitude = spec.amplitude ?? 0.25;
  const length = Math.max(0, Math.round((durationMs * sampleRate) / 1000));
  const samples = new Float32Array(length);
  const syllableLength = Math.round(((SYLLABLE_MS + PAUSE_MS) * sampleRate) / 1000);
  const voicedLength = Math.round((SYLLABLE_MS * sampleRate) / 1000);
  const harmonics = Math.floor(TOP_HZ / PITCH_HZ);
  for (let start = 0, syllable = 0; start < length; start += syllableLength, syllable++) {
    const [f1, f2] = VOWELS[(syllable * 3) % VOWELS.length]!;
    const weights = Array.from({ length: harmonics }, (_, k) => {
      const f = (k + 1) * PITCH_HZ;
      return resonance(f, f1) + 0.6 * resonance(f, f2);
    });
    const norm = weights.reduce((a, b) => a + b, 0);
    const end = Math.min(start + voicedLength, length);
    let phase = 0;
    for (let n = start; n < end; n++) {
      // The pitch falls a little through each syllable, as it does at the end of a word.
      const pitch = PITCH_HZ * (1.08 - (0.12 * (n - start)) / voicedLength);
      phase += (2 * Math.PI * pitch) / sampleRate;
      let value = 0;
      for (let k = 0; k < harmonics; k++) value += weights[k]! * Math.sin((k + 1) * phase);
      const envelope = Math.sin((Math.PI * (n - start)) / voicedLength);
      samples[n] = (amplitude * envelope * value) / norm;
    }
  }
  return samples;
}

/** A formant's gain at frequency f: a resonance peak of width FORMANT_BANDWIDTH_HZ. */
function resonance(f: Hz, formant: Hz): number {
  const x = (f - formant) / FORMANT_BANDWIDTH_HZ;
  return 1 / (1 + x * x);
}
