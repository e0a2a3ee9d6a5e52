/**
 * A music-like signal: the kind of jingle or hold music a voicemail greeting may carry. A chord
 * progression in a random key and tempo, played by a pad, block chords or an arpeggio, a bass
 * line, a melody (often harmonised a third or a sixth above, as jingles are) and, in most
 * pieces, drums. Melody and harmony run through G4-G6 (392-1568 Hz), across every DTMF row and
 * most columns, in equal temperament with A4 tuned anywhere within ±0.5% of 440 Hz, so
 * intervals such as G5 + E6 come within 2% of a key's two tones: the talk-off case a DTMF
 * receiver has to survive.
 */
import type { Ms } from '../core/units.ts';
import type { Rng } from '../core/rng.ts';
import { standardNormal } from '../core/distributions.ts';
import type { Instrument, Note } from './musicInstruments.ts';
import { INSTRUMENTS, addNote } from './musicInstruments.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { normaliseRms } from './lineNoise.ts';

export interface MusicLikeOptions {
  durationMs: Ms;
  rng: Rng;
  /** RMS level over the whole signal, dBFS (a sine's convention, as speechLike). Default -20. */
  levelDbfs?: number;
  /** Leave the drums out. Default: drums in about two pieces out of three. */
  drums?: boolean;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11] as const;
const NATURAL_MINOR = [0, 2, 3, 5, 7, 8, 10] as const;
/** Common progressions, as scale degrees from 0 (I-V-vi-IV, I-vi-IV-V, ii-V-I-vi, ...). */
const PROGRESSIONS = [
  [0, 4, 5, 3],
  [0, 5, 3, 4],
  [1, 4, 0, 5],
  [0, 3, 4, 3],
  [5, 3, 0, 4],
] as const;
const MELODY_INSTRUMENTS = [
  INSTRUMENTS.flute,
  INSTRUMENTS.electricPiano,
  INSTRUMENTS.vibraphone,
  INSTRUMENTS.musicBox,
  INSTRUMENTS.strings,
] as const;
/** Melody range, MIDI: G4 to E6 (the harmony above it reaches G6). */
const MELODY_LOW = 67;
const MELODY_HIGH = 88;

export function musicLike(options: MusicLikeOptions): Float32Array {
  const { durationMs, rng, levelDbfs = -20 } = options;
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`musicLike: durationMs is ${durationMs}; pass a duration >= 0 ms.`);
  }
  if (!Number.isFinite(levelDbfs)) {
    throw new RangeError(`musicLike: levelDbfs is ${levelDbfs}; pass a finite number of dBFS.`);
  }
  const out = new Float32Array(msToSamples(durationMs));
  const a4Hz = 440 * (1 + (rng.next() - 0.5) * 0.01);
  const piece = composePiece(rng, options.drums ?? rng.next() < 0.65);
  const scale = rng.next() < 0.7 ? MAJOR : NATURAL_MINOR;
  const tonic = 55 + rng.int(12); // G3..F#4
  const pitch = (degree: number) =>
    tonic + 12 * Math.floor(degree / 7) + scale[((degree % 7) + 7) % 7]!;
  const beat = msToSamples(60_000 / piece.bpm);
  const chordBeats = piece.beatsPerChord;
  let melodyDegree = 7 + rng.int(5);
  for (let bar = 0; bar * chordBeats * beat < out.length; bar++) {
    const chordStart = bar * chordBeats * beat;
    const root = piece.progression[bar % piece.progression.length]!;
    const chord = [root, root + 2, root + 4, ...(rng.next() < 0.3 ? [root + 6] : [])];
    playAccompaniment(out, piece, chord.map(pitch), chordStart, chordBeats, beat, a4Hz, rng);
    const bass = pitch(root) - 12 * (pitch(root) >= 60 ? 2 : 1);
    for (let b = 0; b < chordBeats; b += 2) {
      addNote(out, note(INSTRUMENTS.pluckedBass, bass, chordStart + b * beat, 2 * beat, -4), a4Hz);
    }
    // The melody walks the scale in eighths to half notes, leaning on chord tones on the beat.
    for (let at = 0; at < chordBeats * 2;) {
      const eighths = [1, 2, 2, 3, 4][rng.int(5)]!;
      const start = chordStart + (at * beat) / 2;
      melodyDegree = nextMelodyDegree(melodyDegree, chord, at % 2 === 0, pitch, rng);
      if (rng.next() > 0.12) {
        const length = Math.round((eighths * beat) / 2);
        const midi = pitch(melodyDegree);
        addNote(out, note(piece.melody, midi, start, length, 0, rng), a4Hz);
        if (piece.harmonyInterval > 0) {
          const above = pitch(melodyDegree + piece.harmonyInterval);
          addNote(out, note(piece.melody, above, start, length, -3, rng), a4Hz);
        }
      }
      at += eighths;
    }
    if (piece.drums) playDrums(out, chordStart, chordBeats, beat, rng);
  }
  return normaliseRms(out, dbfsToAmplitude(levelDbfs) / Math.SQRT2);
}

interface Piece {
  bpm: number;
  beatsPerChord: number;
  progression: readonly number[];
  accompaniment: 'pad' | 'blockChords' | 'arpeggio';
  melody: Instrument;
  /** Scale steps above the melody for the harmony voice (2: a third, 5: a sixth); 0 for none. */
  harmonyInterval: number;
  drums: boolean;
}

function composePiece(rng: Rng, drums: boolean): Piece {
  return {
    bpm: 72 + rng.int(60),
    beatsPerChord: rng.next() < 0.7 ? 4 : 2,
    progression: PROGRESSIONS[rng.int(PROGRESSIONS.length)]!,
    accompaniment: (['pad', 'blockChords', 'arpeggio'] as const)[rng.int(3)]!,
    melody: MELODY_INSTRUMENTS[rng.int(MELODY_INSTRUMENTS.length)]!,
    harmonyInterval: [0, 2, 5][rng.int(3)]!,
    drums,
  };
}

function nextMelodyDegree(
  degree: number,
  chord: readonly number[],
  onBeat: boolean,
  pitch: (degree: number) => number,
  rng: Rng,
): number {
  let next = degree + [-2, -1, -1, 0, 1, 1, 2, 3, -3][rng.int(9)]!;
  if (onBeat) {
    // Snap to the nearest chord tone (in any octave) on strong beats.
    const isChordTone = (d: number) => chord.some((c) => (((d - c) % 7) + 7) % 7 === 0);
    if (!isChordTone(next)) next += isChordTone(next + 1) ? 1 : -1;
  }
  while (pitch(next) > MELODY_HIGH) next -= 7;
  while (pitch(next) < MELODY_LOW) next += 7;
  return next;
}

function playAccompaniment(
  out: Float32Array,
  piece: Piece,
  chord: readonly number[],
  start: number,
  beats: number,
  beat: number,
  a4Hz: number,
  rng: Rng,
): void {
  // Voiced around middle C (MIDI 55-71), under the melody.
  const voicing = chord.map((midi) => (midi >= 67 ? midi - 12 : midi < 55 ? midi + 12 : midi));
  if (piece.accompaniment === 'pad') {
    for (const midi of voicing) {
      addNote(out, note(INSTRUMENTS.strings, midi, start, beats * beat, -10, rng), a4Hz);
    }
  } else if (piece.accompaniment === 'blockChords') {
    for (let b = 0; b < beats; b++) {
      for (const midi of voicing) {
        const chordNote = note(INSTRUMENTS.electricPiano, midi, start + b * beat, beat, -10, rng);
        addNote(out, chordNote, a4Hz);
      }
    }
  } else {
    for (let e = 0; e < beats * 2; e++) {
      const midi = voicing[e % voicing.length]!;
      const at = start + (e * beat) / 2;
      addNote(out, note(INSTRUMENTS.organ, midi, Math.round(at), beat / 2, -9, rng), a4Hz);
    }
  }
}

/** Kick on 1 and 3, snare on 2 and 4, closed hi-hat on every eighth. */
function playDrums(out: Float32Array, start: number, beats: number, beat: number, rng: Rng): void {
  for (let b = 0; b < beats; b++) {
    const at = start + b * beat;
    if (b % 2 === 0) addKick(out, at, dbfsToAmplitude(-6));
    else addNoiseBurst(out, at, 120, dbfsToAmplitude(-14), 0.2, rng);
    for (const eighth of [0, 0.5]) {
      addNoiseBurst(out, Math.round(at + eighth * beat), 40, dbfsToAmplitude(-22), 0.95, rng);
    }
  }
}

/** A sine swept from 130 Hz down to 50 Hz over 120 ms. */
function addKick(out: Float32Array, at: number, amplitude: number): void {
  const length = Math.min(out.length - at, msToSamples(120));
  let phase = 0;
  for (let k = 0; k < length; k++) {
    const progress = k / msToSamples(120);
    phase += (2 * Math.PI * (130 - 80 * progress)) / SAMPLE_RATE_HZ;
    out[at + k]! += amplitude * (1 - progress) ** 2 * Math.sin(phase);
  }
}

/** Decaying noise; `brightness` near 1 keeps only the top of the band (first difference). */
function addNoiseBurst(
  out: Float32Array,
  at: number,
  durationMs: number,
  amplitude: number,
  brightness: number,
  rng: Rng,
): void {
  const length = Math.min(out.length - at, msToSamples(durationMs));
  let previous = 0;
  for (let k = 0; k < length; k++) {
    const white = standardNormal(rng);
    const shaped = white - brightness * previous;
    previous = white;
    out[at + k]! += amplitude * Math.exp((-5 * k) / length) * shaped;
  }
}

function note(
  instrument: Instrument,
  midi: number,
  startSample: number,
  lengthSamples: number,
  levelDb: number,
  rng?: Rng,
): Note {
  // Played, not sequenced: each note a little louder or softer.
  const humanise = rng === undefined ? 0 : (rng.next() - 0.5) * 3;
  return {
    instrument,
    midi,
    startSample: Math.round(startSample),
    lengthSamples: Math.round(lengthSamples),
    amplitude: dbfsToAmplitude(levelDb + humanise),
  };
}
