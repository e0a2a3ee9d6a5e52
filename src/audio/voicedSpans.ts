/**
 * Rendered audio as the spans Twilio's AMD model reads (phone/twilioAmd): where the line carries
 * sound, by the same energy test app_amd's frames use (phone/amd's frameIsVoiced), and where the
 * voicemail's beep sounds, by a Goertzel filter at its frequency. With both, the signal level
 * runs twilioAmdOnTimeline on what was rendered, as the event level runs it on the symbols.
 */
import type { Hz, Ms } from '../core/units.ts';
import { AMD_FRAME_MS, frameIsVoiced } from '../phone/amd/index.ts';
import type { VoiceSpan } from '../phone/greetingTimeline.ts';
import { VOICEMAIL_BEEP } from './callProgressTones.ts';
import { GoertzelBank } from './goertzel.ts';
import { msToSamples } from './sampleRate.ts';

/** frameIsVoiced reads the 16-bit scale; PCM here is full scale ±1. */
const SIXTEEN_BIT_SCALE = 32768;

/** app_amd's default silence threshold (configs/samples/amd.conf.sample `silence_threshold`). */
const DEFAULT_SILENCE_THRESHOLD = 256;

/**
 * The spans of `samples` (8 kHz, from the answer) that carry sound: the audio cut into frames of
 * `frameMs`, each voiced when frameIsVoiced says so at `silenceThreshold` (16-bit scale, as
 * app_amd's `silence_threshold`), consecutive voiced frames joined. Spans are whole frames,
 * sorted and merged; a trailing part-frame is not classified, as a detector reads whole frames.
 */
export function voicedSpansFromPcm(
  samples: Float32Array,
  silenceThreshold: number,
  frameMs: Ms = AMD_FRAME_MS,
): VoiceSpan[] {
  const frameSamples = frameSamplesFor('voicedSpansFromPcm', frameMs);
  const frame = new Float32Array(frameSamples);
  const spans: VoiceSpan[] = [];
  let runStart = -1;
  let k = 0;
  for (; (k + 1) * frameSamples <= samples.length; k++) {
    const at = k * frameSamples;
    for (let n = 0; n < frameSamples; n++) frame[n] = samples[at + n]! * SIXTEEN_BIT_SCALE;
    const voiced = frameIsVoiced(frame, silenceThreshold);
    if (voiced && runStart < 0) runStart = k;
    if (!voiced && runStart >= 0) {
      spans.push({ startMs: runStart * frameMs, endMs: k * frameMs });
      runStart = -1;
    }
  }
  if (runStart >= 0) spans.push({ startMs: runStart * frameMs, endMs: k * frameMs });
  return spans;
}

export interface BeepDetectOptions {
  /** The beep's frequency. Default: VOICEMAIL_BEEP's (1 kHz). */
  frequencyHz?: Hz;
  /** Analysis block; the span's ends fall on block edges. Default 20 ms (a 50 Hz bin). */
  blockMs?: Ms;
  /** A block must be voiced at this level (16-bit scale) to hold a beep. Default 256. */
  silenceThreshold?: number;
  /** Share of a block's energy at the frequency for it to be the beep (a pure tone is 1). Default 0.8. */
  minToneShare?: number;
  /** The shortest run of beep blocks taken for a beep. Default 40 ms (two blocks). */
  minDurationMs?: Ms;
}

/**
 * Where the voicemail's beep sounds in `samples` (8 kHz), or null: the first run, at least
 * `minDurationMs` long, of blocks that are voiced and hold at least `minToneShare` of their
 * energy at the beep's frequency. The beep is a pure tone (callProgressTones.ts), so its blocks
 * hold nearly all their energy there; speech spreads its energy over harmonics and formants, and
 * DTMF puts it at two frequencies none of which is 1 kHz. A block the beep only partly fills
 * holds that fraction of tone energy, so the span's ends are those of the blocks the beep fills.
 *
 * The sim knows when it renders the beep; this is for audio it did not lay out itself (a
 * recording) and to check the event level's beep against the signal.
 */
export function beepSpanFromPcm(
  samples: Float32Array,
  options: BeepDetectOptions = {},
): VoiceSpan | null {
  const {
    frequencyHz = VOICEMAIL_BEEP.frequenciesHz[0]!,
    blockMs = 20,
    silenceThreshold = DEFAULT_SILENCE_THRESHOLD,
    minToneShare = 0.8,
    minDurationMs = 40,
  } = options;
  const blockSamples = frameSamplesFor('beepSpanFromPcm', blockMs);
  if (!(minToneShare > 0 && minToneShare <= 1)) {
    throw new RangeError(
      `beepSpanFromPcm: minToneShare is ${minToneShare}; expected a share in (0, 1].`,
    );
  }
  const bank = new GoertzelBank([frequencyHz], blockSamples);
  const re = new Float64Array(1);
  const im = new Float64Array(1);
  const block = new Float32Array(blockSamples);
  let runStart = -1;
  let k = 0;
  for (; (k + 1) * blockSamples <= samples.length; k++) {
    const at = k * blockSamples;
    let energy = 0;
    for (let n = 0; n < blockSamples; n++) {
      const x = samples[at + n]!;
      energy += x * x;
      block[n] = x * SIXTEEN_BIT_SCALE;
    }
    bank.analyse(samples, at, re, im);
    // A sine of amplitude A filling the block: |X|² = (A N / 2)², energy = A² N / 2.
    const toneShare = energy > 0 ? (2 * (re[0]! ** 2 + im[0]! ** 2)) / (blockSamples * energy) : 0;
    const beep = toneShare >= minToneShare && frameIsVoiced(block, silenceThreshold);
    if (beep && runStart < 0) runStart = k;
    if (!beep && runStart >= 0) {
      if ((k - runStart) * blockMs >= minDurationMs) return blockSpan(runStart, k, blockMs);
      runStart = -1;
    }
  }
  if (runStart >= 0 && (k - runStart) * blockMs >= minDurationMs) {
    return blockSpan(runStart, k, blockMs);
  }
  return null;
}

function blockSpan(first: number, end: number, blockMs: Ms): VoiceSpan {
  return { startMs: first * blockMs, endMs: end * blockMs };
}

/** Samples in a frame of `frameMs`, which must be a positive whole number of ms. */
function frameSamplesFor(caller: string, frameMs: Ms): number {
  if (!Number.isInteger(frameMs) || frameMs <= 0) {
    throw new RangeError(
      `${caller}: frame length is ${frameMs} ms; expected a positive whole number of ms (20 for app_amd's frames).`,
    );
  }
  return msToSamples(frameMs);
}
