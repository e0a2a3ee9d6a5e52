/**
 * A greeting recorded the way many are: phrases of speech with short pauses, over a music bed,
 * with mains hum (a 50 or 60 Hz buzz whose harmonics land near every DTMF frequency) and
 * white line noise at a poor signal-to-noise ratio. Talk-off material for the DTMF receiver;
 * to app_amd it is one long stretch of voice.
 */
import type { Ms } from '../core/units.ts';
import type { Rng } from '../core/rng.ts';
import { addWhiteNoise, noiseRmsForSnr } from './lineNoise.ts';
import { musicLike } from './musicLike.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { speechLike } from './speechLike.ts';

export interface NoisyGreetingOptions {
  durationMs: Ms;
  rng: Rng;
  /** RMS level of the speech, dBFS. Default -20. */
  speechLevelDbfs?: number;
  /** Music bed level relative to the speech, dB; null for none. Default -12. */
  musicBedDb?: number | null;
  /** Mains frequency of the hum; null for none. Default 50. */
  humHz?: 50 | 60 | null;
  /** Hum level relative to the speech, dB. Default -25. */
  humDb?: number;
  /** Speech power over white-noise power, dB. Default 15. */
  snrDb?: number;
}

/** Harmonics of the buzz, each at 1/n: a rectifier's hum reaches well into the voice band. */
const HUM_HARMONICS = 40;

export function noisyGreeting(options: NoisyGreetingOptions): Float32Array {
  const {
    durationMs,
    rng,
    speechLevelDbfs = -20,
    musicBedDb = -12,
    humHz = 50,
    humDb = -25,
    snrDb = 15,
  } = options;
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`noisyGreeting: durationMs is ${durationMs}; pass a duration >= 0 ms.`);
  }
  for (const [name, value] of Object.entries({ speechLevelDbfs, humDb, snrDb })) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`noisyGreeting: ${name} is ${value}; pass a finite number of dB.`);
    }
  }
  const out =
    musicBedDb === null
      ? new Float32Array(msToSamples(durationMs))
      : musicLike({ durationMs, rng, levelDbfs: speechLevelDbfs + musicBedDb });
  // Phrases of 0.4-2.5 s between pauses of 0.15-0.7 s, as a greeting is read.
  for (let at = msToSamples(200 + rng.next() * 300); at < out.length;) {
    const phrase = speechLike({
      durationMs: 400 + rng.next() * 2100,
      rng,
      levelDbfs: speechLevelDbfs,
    });
    const length = Math.min(phrase.length, out.length - at);
    for (let k = 0; k < length; k++) out[at + k]! += phrase[k]!;
    at += length + msToSamples(150 + rng.next() * 550);
  }
  if (humHz !== null) addHum(out, humHz, dbfsToAmplitude(speechLevelDbfs + humDb), rng);
  const speechPower = dbfsToAmplitude(speechLevelDbfs) ** 2 / 2;
  return addWhiteNoise(out, noiseRmsForSnr(speechPower, snrDb), rng);
}

function addHum(out: Float32Array, hz: number, amplitude: number, rng: Rng): void {
  const phases = Array.from({ length: HUM_HARMONICS }, () => 2 * Math.PI * rng.next());
  // Normalised so the buzz as a whole has the RMS of a sine of `amplitude`.
  let power = 0;
  for (let h = 1; h <= HUM_HARMONICS; h++) power += 1 / (h * h);
  const scale = amplitude / Math.sqrt(power);
  const step = (2 * Math.PI * hz) / SAMPLE_RATE_HZ;
  // The buzz repeats exactly every SAMPLE_RATE_HZ / gcd(hz, SAMPLE_RATE_HZ) samples (160 at
  // 50 Hz, 400 at 60 Hz): render one repeat and tile it.
  const period = SAMPLE_RATE_HZ / greatestCommonDivisor(hz, SAMPLE_RATE_HZ);
  const cycle = new Float32Array(period);
  for (let n = 0; n < period; n++) {
    let buzz = 0;
    for (let h = 1; h <= HUM_HARMONICS && h * hz < 3800; h++) {
      buzz += Math.sin(h * step * n + phases[h - 1]!) / h;
    }
    cycle[n] = scale * buzz;
  }
  for (let n = 0; n < out.length; n++) out[n]! += cycle[n % period]!;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
