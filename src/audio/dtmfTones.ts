/**
 * DTMF tone pairs (ITU-T Q.23): a key sends one row (low group) and one column (high group) sine.
 */
import type { Ms, Hz } from '../core/units.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';

export const DTMF_ROW_HZ = [697, 770, 852, 941] as const;
export const DTMF_COLUMN_HZ = [1209, 1336, 1477, 1633] as const;
/** Keys row by row: KEYPAD[row * 4 + column]. */
export const DTMF_KEYPAD = '123A456B789C*0#D';

export interface DtmfPair {
  lowHz: Hz;
  highHz: Hz;
}

export function dtmfFrequencies(digit: string): DtmfPair {
  const index = DTMF_KEYPAD.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || index < 0) {
    throw new RangeError(
      `"${digit}" is not a DTMF key: use one of 0-9, A-D, * or # (in keypad order, use one of ${DTMF_KEYPAD.split('').join(' ')}).`,
    );
  }
  return { lowHz: DTMF_ROW_HZ[index >> 2]!, highHz: DTMF_COLUMN_HZ[index & 3]! };
}

export interface DtmfToneOptions {
  digit: string;
  durationMs: Ms;
  /** Level of the louder tone, dBFS (0 = full-scale sine). Default -10. */
  levelDbfs?: number;
  /**
   * Low tone minus high tone, dB. Positive is "normal" twist (row tone louder, as lines lose
   * more of the high tones); negative is reverse twist. Default 0.
   */
  twistDb?: number;
  /** Both tones shifted by this percentage of their nominal frequency. Default 0. */
  deviationPercent?: number;
  /** Starting phase of both tones, radians. Default 0. */
  phase?: number;
}

/** Renders one key press as 8 kHz PCM. */
export function renderDtmfTone(options: DtmfToneOptions): Float32Array {
  const {
    digit,
    durationMs,
    levelDbfs = -10,
    twistDb = 0,
    deviationPercent = 0,
    phase = 0,
  } = options;
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`renderDtmfTone: durationMs is ${durationMs}; pass a duration >= 0 ms.`);
  }
  if (!Number.isFinite(levelDbfs) || !Number.isFinite(twistDb)) {
    throw new RangeError(
      `renderDtmfTone: levelDbfs ${levelDbfs} and twistDb ${twistDb} must be finite numbers of dB.`,
    );
  }
  const { lowHz, highHz } = dtmfFrequencies(digit);
  const scale = 1 + deviationPercent / 100;
  const louder = dbfsToAmplitude(levelDbfs);
  const quieter = dbfsToAmplitude(levelDbfs - Math.abs(twistDb));
  const lowAmplitude = twistDb >= 0 ? louder : quieter;
  const highAmplitude = twistDb >= 0 ? quieter : louder;
  const lowStep = (2 * Math.PI * lowHz * scale) / SAMPLE_RATE_HZ;
  const highStep = (2 * Math.PI * highHz * scale) / SAMPLE_RATE_HZ;
  const out = new Float32Array(msToSamples(durationMs));
  for (let n = 0; n < out.length; n++) {
    out[n] =
      lowAmplitude * Math.sin(lowStep * n + phase) + highAmplitude * Math.sin(highStep * n + phase);
  }
  return out;
}
