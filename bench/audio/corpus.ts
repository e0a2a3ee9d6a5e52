/**
 * The bench's test signals, all 8 kHz and seeded (createRng), so every run scores the same
 * audio. Each category is rendered once per shift: the whole signal moved by 0-100 samples of
 * line, so that a receiver's block alignment falls everywhere on every key.
 *
 * Key sequences hold all 16 keys (in a seeded random order) with random start phases, at a
 * level of -6 to -26 dBFS (the louder tone; Q.24's range is about 26 dB) and white line noise
 * 15-40 dB below the tones. The "must reject" sequences hold keys Q.24 says a receiver must
 * not accept: every digit reported there is false. Talk-off signals hold no key at all.
 */
import { readFileSync } from 'node:fs';
import type { Rng } from '../../src/core/rng.ts';
import { createRng } from '../../src/core/rng.ts';
import {
  DTMF_KEYPAD,
  addWhiteNoise,
  dbfsToAmplitude,
  decodeWav,
  msToSamples,
  musicLike,
  noisyGreeting,
  noiseRmsForSnr,
  renderDtmfTone,
  samplesToMs,
  speechLike,
} from '../../src/audio/index.ts';
import type { ExpectedKey } from './scoring.ts';

export interface CorpusSignal {
  category: string;
  samples: Float32Array;
  expected: ExpectedKey[];
}

const BENCH_SEED = 2024;
const LEAD_IN_MS = 100;
const TAIL_MS = 200;

interface KeySpec {
  digit: string;
  durationMs: number;
  /** Line after the key before the next one. */
  gapMs: number;
  twistDb: number;
  deviationPercent: number;
}

interface SequenceCategory {
  name: string;
  mustReject: boolean;
  snrDb: (rng: Rng) => number;
  keys: (rng: Rng) => KeySpec[];
}

const uniform = (rng: Rng, low: number, high: number) => low + (high - low) * rng.next();
const sign = (rng: Rng) => (rng.next() < 0.5 ? -1 : 1);

function shuffledKeys(rng: Rng): string[] {
  const keys = DTMF_KEYPAD.split('');
  for (let i = keys.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return keys;
}

/** Every key once, with per-key draws of the other parameters. */
const allKeys =
  (spec: (rng: Rng, index: number) => Omit<KeySpec, 'digit'>) =>
  (rng: Rng): KeySpec[] =>
    shuffledKeys(rng).map((digit, index) => ({ digit, ...spec(rng, index) }));

/** Small impairments every realistic line has. */
const mild = (rng: Rng) => ({
  twistDb: uniform(rng, -2, 4),
  deviationPercent: uniform(rng, -0.5, 0.5),
});
/** Q.24's limits: 8 dB normal or 4 dB reverse twist, alternately. */
const twistLimit = (index: number) => (index % 2 === 0 ? 8 : -4);
const snrFrom = (low: number, high: number) => (rng: Rng) => uniform(rng, low, high);

export const SEQUENCE_CATEGORIES: readonly SequenceCategory[] = [
  {
    name: 'keys 50-120 ms, gaps 45-200 ms',
    mustReject: false,
    snrDb: snrFrom(20, 40),
    keys: allKeys((rng) => ({
      durationMs: uniform(rng, 50, 120),
      gapMs: uniform(rng, 45, 200),
      ...mild(rng),
    })),
  },
  {
    name: '40 ms keys, 40 ms gaps',
    mustReject: false,
    snrDb: snrFrom(15, 40),
    keys: allKeys((rng) => ({ durationMs: 40, gapMs: 40, ...mild(rng) })),
  },
  {
    name: 'twist 8 dB normal / 4 dB reverse',
    mustReject: false,
    snrDb: snrFrom(15, 40),
    keys: allKeys((rng, i) => ({
      durationMs: 50,
      gapMs: 50,
      twistDb: twistLimit(i),
      deviationPercent: 0,
    })),
  },
  {
    name: 'deviation ±1.5%',
    mustReject: false,
    snrDb: snrFrom(15, 40),
    keys: allKeys((rng) => ({
      durationMs: 50,
      gapMs: 50,
      twistDb: 0,
      deviationPercent: 1.5 * sign(rng),
    })),
  },
  {
    name: '15 dB SNR',
    mustReject: false,
    snrDb: () => 15,
    keys: allKeys((rng) => ({ durationMs: 50, gapMs: 50, ...mild(rng) })),
  },
  {
    name: 'stacked: 40 ms, twist, ±1.5%, 15 dB',
    mustReject: false,
    snrDb: () => 15,
    keys: allKeys((rng, i) => ({
      durationMs: 40,
      gapMs: 40,
      twistDb: twistLimit(i),
      deviationPercent: 1.5 * sign(rng),
    })),
  },
  {
    name: 'each key twice, 60 ms apart',
    mustReject: false,
    snrDb: snrFrom(15, 40),
    keys: (rng) =>
      shuffledKeys(rng).flatMap((digit) => {
        const press = () => ({ digit, durationMs: uniform(rng, 45, 80), ...mild(rng) });
        return [
          { ...press(), gapMs: 60 },
          { ...press(), gapMs: uniform(rng, 80, 200) },
        ];
      }),
  },
  {
    name: 'must reject: 23 ms keys',
    mustReject: true,
    snrDb: snrFrom(15, 40),
    keys: allKeys((rng) => ({ durationMs: 23, gapMs: 50, ...mild(rng) })),
  },
  {
    name: 'must reject: deviation ±3.5%',
    mustReject: true,
    snrDb: snrFrom(15, 40),
    keys: allKeys((rng) => ({
      durationMs: 50,
      gapMs: 50,
      twistDb: 0,
      deviationPercent: 3.5 * sign(rng),
    })),
  },
];

/** One category's sequence moved by `shift` samples; its own seeded stream per shift. */
function renderSequence(category: SequenceCategory, index: number, shift: number): CorpusSignal {
  const rng = createRng(BENCH_SEED, index, shift);
  const keys = category.keys(rng);
  const levelDbfs = uniform(rng, -26, -6);
  const snrDb = category.snrDb(rng);
  const tones = keys.map((key) =>
    renderDtmfTone({ ...key, levelDbfs, phase: 2 * Math.PI * rng.next() }),
  );
  const gaps = keys.map((key) => msToSamples(key.gapMs));
  const length =
    shift +
    msToSamples(LEAD_IN_MS) +
    tones.reduce((sum, tone, i) => sum + tone.length + gaps[i]!, 0) +
    msToSamples(TAIL_MS);
  const samples = new Float32Array(length);
  const expected: ExpectedKey[] = [];
  let toneEnergy = 0;
  let toneSamples = 0;
  let at = shift + msToSamples(LEAD_IN_MS);
  tones.forEach((tone, i) => {
    samples.set(tone, at);
    for (const x of tone) toneEnergy += x * x;
    toneSamples += tone.length;
    expected.push({
      digit: keys[i]!.digit,
      startMs: samplesToMs(at),
      endMs: samplesToMs(at + tone.length),
    });
    at += tone.length + gaps[i]!;
  });
  addWhiteNoise(samples, noiseRmsForSnr(toneEnergy / toneSamples, snrDb), rng);
  return { category: category.name, samples, expected: category.mustReject ? [] : expected };
}

/** Talk-off material, made once and reused across shifts (it is the costly part to render). */
interface TalkOffPool {
  name: string;
  pieces: Float32Array[];
}

const FIXTURES = new URL('../../src/audio/fixtures/', import.meta.url);

function fixture(name: string): Float32Array {
  return decodeWav(new Uint8Array(readFileSync(new URL(name, FIXTURES)))).samples;
}

export function talkOffPools(): TalkOffPool[] {
  const levels = [-10, -16, -22, -28];
  const speech = Array.from({ length: 8 }, (_, i) => {
    const piece = speechLike({
      durationMs: 6000,
      rng: createRng(BENCH_SEED, 100, i),
      levelDbfs: levels[i % 4],
    });
    return addWhiteNoise(piece, dbfsToAmplitude(-60), createRng(BENCH_SEED, 101, i));
  });
  const espeak = ['espeak-greeting.wav', 'espeak-hello.wav'].flatMap((name) =>
    [0.3, 1, 2].map((gain) => fixture(name).map((x) => Math.max(-1, Math.min(1, x * gain)))),
  );
  const music = Array.from({ length: 16 }, (_, i) => {
    const piece = musicLike({
      durationMs: 10_000,
      rng: createRng(BENCH_SEED, 200, i),
      levelDbfs: levels[i % 4],
    });
    return addWhiteNoise(piece, dbfsToAmplitude(-60), createRng(BENCH_SEED, 201, i));
  });
  const greetings = Array.from({ length: 8 }, (_, i) =>
    noisyGreeting({
      durationMs: 8000,
      rng: createRng(BENCH_SEED, 300, i),
      humHz: ([50, 60, null] as const)[i % 3]!,
      musicBedDb: i % 4 === 3 ? null : -14 + (i % 4) * 2,
      snrDb: 10 + (i % 5) * 2.5,
    }),
  );
  return [
    { name: 'talk-off: speech-like', pieces: speech },
    { name: 'talk-off: espeak-ng speech', pieces: espeak },
    { name: 'talk-off: music-like', pieces: music },
    { name: 'talk-off: noisy greetings', pieces: greetings },
  ];
}

/** Every category at one shift: the key sequences, then one piece of each talk-off pool. */
export function corpusAtShift(shift: number, pools: readonly TalkOffPool[]): CorpusSignal[] {
  const sequences = SEQUENCE_CATEGORIES.map((category, i) => renderSequence(category, i, shift));
  const talkOff = pools.map((pool) => {
    const piece = pool.pieces[shift % pool.pieces.length]!;
    const samples = new Float32Array(shift + piece.length);
    samples.set(piece, shift);
    return { category: pool.name, samples, expected: [] };
  });
  return [...sequences, ...talkOff];
}
