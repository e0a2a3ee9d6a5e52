/**
 * The instruments of the music-like signal: each a set of partials (frequency ratio, amplitude)
 * under an attack / decay / release envelope, some with vibrato. Their timbres are the part
 * that matters to a DTMF receiver: a note's fundamental can sit within 2% of a DTMF frequency
 * (equal-tempered G5 is 784 Hz, 1.8% above 770; E6 is 1318.5 Hz, 1.3% below 1336), so what
 * tells a chord from a key press is mostly the energy the instruments put elsewhere.
 */
import { SAMPLE_RATE_HZ, msToSamples } from './sampleRate.ts';

export interface Instrument {
  /** [frequency ratio to the fundamental, amplitude] per partial. */
  partials: ReadonlyArray<readonly [number, number]>;
  attackMs: number;
  /** Time constant of the exponential decay after the attack; Infinity sustains. */
  decayMs: number;
  releaseMs: number;
  /** Vibrato depth, cents either side, at about 5 Hz; 0 for none. */
  vibratoCents: number;
}

const harmonics = (amplitudes: readonly number[]) =>
  amplitudes.map((amplitude, i) => [i + 1, amplitude] as const);

/** Sawtooth-like: every harmonic at 1/n. */
const bright = (count: number) => harmonics(Array.from({ length: count }, (_, i) => 1 / (i + 1)));

export const INSTRUMENTS = {
  flute: {
    partials: harmonics([1, 0.35, 0.12, 0.06]),
    attackMs: 50,
    decayMs: Infinity,
    releaseMs: 60,
    vibratoCents: 12,
  },
  electricPiano: {
    partials: harmonics([1, 0.45, 0.15, 0.2, 0.06, 0.04]),
    attackMs: 4,
    decayMs: 700,
    releaseMs: 80,
    vibratoCents: 0,
  },
  // A struck bar: its overtones are not harmonics (about 4 and 10 times the fundamental).
  vibraphone: {
    partials: [
      [1, 1],
      [3.93, 0.25],
      [9.7, 0.08],
    ],
    attackMs: 2,
    decayMs: 900,
    releaseMs: 120,
    vibratoCents: 0,
  },
  musicBox: {
    partials: [
      [1, 1],
      [2, 0.3],
      [3.01, 0.15],
      [4.2, 0.1],
      [5.4, 0.06],
    ],
    attackMs: 1,
    decayMs: 450,
    releaseMs: 100,
    vibratoCents: 0,
  },
  organ: {
    partials: harmonics([1, 0.8, 0.5, 0.4, 0, 0.3, 0, 0.2]),
    attackMs: 15,
    decayMs: Infinity,
    releaseMs: 40,
    vibratoCents: 0,
  },
  strings: {
    partials: bright(10),
    attackMs: 180,
    decayMs: Infinity,
    releaseMs: 200,
    vibratoCents: 8,
  },
  pluckedBass: {
    partials: bright(8),
    attackMs: 3,
    decayMs: 350,
    releaseMs: 60,
    vibratoCents: 0,
  },
} as const satisfies Record<string, Instrument>;

export type InstrumentName = keyof typeof INSTRUMENTS;

export interface Note {
  instrument: Instrument;
  /** MIDI note number: 69 is A4. */
  midi: number;
  startSample: number;
  lengthSamples: number;
  /** Peak amplitude of the fundamental. */
  amplitude: number;
}

/** Partials above this are left out: the 8 kHz line passes nothing above 3.4-4 kHz. */
const TOP_PARTIAL_HZ = 3800;
const VIBRATO_HZ = 5.2;

export function midiToHz(midi: number, a4Hz: number): number {
  return a4Hz * 2 ** ((midi - 69) / 12);
}

/** Adds `note` into `out` (release included, clipped to the buffer). */
export function addNote(out: Float32Array, note: Note, a4Hz: number): void {
  const { instrument, startSample, lengthSamples, amplitude } = note;
  const hz = midiToHz(note.midi, a4Hz);
  const attack = Math.max(1, msToSamples(instrument.attackMs));
  const release = Math.max(1, msToSamples(instrument.releaseMs));
  const end = Math.min(out.length, startSample + lengthSamples + release);
  const decayPerSample =
    instrument.decayMs === Infinity ? 1 : Math.exp(-1 / msToSamples(instrument.decayMs));
  const vibratoDepth = 2 ** (instrument.vibratoCents / 1200) - 1;
  const vibratoStep = (2 * Math.PI * VIBRATO_HZ) / SAMPLE_RATE_HZ;
  const audible = instrument.partials.filter(([ratio]) => ratio * hz < TOP_PARTIAL_HZ);
  const ratios = Float64Array.from(audible, ([ratio]) => ratio);
  const amplitudes = Float64Array.from(audible, ([, partialAmplitude]) => partialAmplitude);
  const count = ratios.length;
  // Whole-number partials come from one sine and cosine by the recurrence
  // sin(kθ) = 2 cos θ sin((k-1)θ) - sin((k-2)θ): two trig calls a sample, not one per partial.
  const harmonic = ratios.every((ratio) => Number.isInteger(ratio));
  let phase = 0;
  let decay = 1;
  let releaseFrom = 1;
  for (let n = startSample; n < end; n++) {
    const k = n - startSample;
    let envelope = k < attack ? k / attack : decay;
    if (k >= attack) decay *= decayPerSample;
    if (k === lengthSamples) releaseFrom = envelope;
    if (k >= lengthSamples) envelope = releaseFrom * (1 - (k - lengthSamples) / release);
    phase += (2 * Math.PI * hz * (1 + vibratoDepth * Math.sin(vibratoStep * k))) / SAMPLE_RATE_HZ;
    if (n < 0) continue;
    let sample = 0;
    if (harmonic) {
      const twoCos = 2 * Math.cos(phase);
      let previous = 0;
      let current = Math.sin(phase);
      let k = 1;
      for (let p = 0; p < count; p++) {
        for (; k < ratios[p]!; k++) [previous, current] = [current, twoCos * current - previous];
        sample += amplitudes[p]! * current;
      }
    } else {
      for (let p = 0; p < count; p++) sample += amplitudes[p]! * Math.sin(ratios[p]! * phase);
    }
    out[n]! += amplitude * envelope * sample;
  }
}
