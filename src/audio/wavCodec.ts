/**
 * WAV in and out with the wavefile library: any PCM or float WAV is read as 8 kHz mono, full
 * scale ±1 (channels averaged, other rates resampled); output is 16-bit PCM at 8 kHz.
 */
import type { Hz } from '../core/units.ts';
import * as wavefileModule from 'wavefile';
import { SAMPLE_RATE_HZ } from './sampleRate.ts';

export interface DecodedWav {
  /** 8 kHz mono, full scale ±1. */
  samples: Float32Array;
  /** The file's own rate, before resampling. */
  sourceSampleRateHz: Hz;
  sourceChannels: number;
}

type WaveFileClass = typeof wavefileModule.WaveFile;

/**
 * wavefile ships ESM (read by Vite, named export) and a UMD bundle (read by Node, which sees only
 * a default export): take the class from whichever shape arrived. Read through a parameter so the
 * bundler, which sees only the ESM shape, does not flag the `default` it will never find.
 */
function waveFileClass(module: object): WaveFileClass {
  const shape = module as { WaveFile?: WaveFileClass; default?: { WaveFile?: WaveFileClass } };
  const found = shape.WaveFile ?? shape.default?.WaveFile;
  if (!found) throw new Error('wavefile: the module has no WaveFile class');
  return found;
}
const WaveFile = waveFileClass(wavefileModule);

interface WavFormat {
  numChannels: number;
  sampleRate: number;
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (error) {
    throw new Error(
      `decodeWav: not a readable WAV file (${(error as Error).message}); pass RIFF/WAVE PCM or float audio.`,
      { cause: error },
    );
  }
  const { numChannels, sampleRate } = wav.fmt as WavFormat;
  wav.toBitDepth('32f');
  // wavefile's resampler low-pass filters before decimating, so nothing above 4 kHz folds back.
  if (sampleRate !== SAMPLE_RATE_HZ) wav.toSampleRate(SAMPLE_RATE_HZ);
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = numChannels > 1 ? (raw as Float32Array[]) : [raw as Float32Array];
  const length = channels[0]?.length ?? 0;
  const samples = new Float32Array(length);
  for (const channel of channels) {
    for (let n = 0; n < length; n++) samples[n]! += (channel[n] ?? 0) / channels.length;
  }
  return { samples, sourceSampleRateHz: sampleRate, sourceChannels: numChannels };
}

/** 16-bit PCM WAV at 8 kHz; samples beyond ±1 are clipped. */
export function encodeWav(samples: Float32Array): Uint8Array {
  const pcm = new Int16Array(samples.length);
  for (let n = 0; n < samples.length; n++) {
    pcm[n] = Math.max(-32768, Math.min(32767, Math.round(samples[n]! * 32767)));
  }
  const wav = new WaveFile();
  wav.fromScratch(1, SAMPLE_RATE_HZ, '16', pcm);
  return wav.toBuffer();
}
