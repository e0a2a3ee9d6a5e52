/**
 * How the bench drives the npm package dtmf-detection-stream, as its README does: one stream
 * per signal, format { sampleRate: 8000, bitDepth: 16, channels: 1 } (8 kHz is one of its
 * native rates: Goertzel blocks of 92 samples, no resampling), a 'dtmf' listener, and the
 * signal written as 16-bit PCM. The whole signal goes in one write, the cheapest way to feed
 * it. Its _write processes a chunk synchronously, so every digit it will ever report for a
 * signal has been reported when write() returns.
 *
 * What it does by design, and the bench leaves as it is: it reports a digit when the digit
 * ends, i.e. when a later block holds another digit or a noisy spectrum; silence does not end
 * one, and there is no flush, so a digit followed only by quiet line at the end of a stream is
 * never reported (counted here as "held at end").
 */
import DtmfDetectionStream, { type DtmfEvent } from 'dtmf-detection-stream';
import type { DtmfKeyPress } from '../../src/audio/index.ts';
import { SAMPLE_RATE_HZ } from '../../src/audio/index.ts';

const FORMAT = { sampleRate: SAMPLE_RATE_HZ, bitDepth: 16, channels: 1 } as const;

/**
 * Full-scale ±1 floats to 16-bit PCM, in a buffer of its own: the package reads
 * `chunk.buffer` from byte 0, so a Buffer that is a slice of a larger pool would be misread.
 */
export function toPcm16(samples: Float32Array): Buffer {
  const pcm = new Int16Array(samples.length);
  for (let n = 0; n < samples.length; n++) {
    pcm[n] = Math.max(-32768, Math.min(32767, Math.round(samples[n]! * 32767)));
  }
  return Buffer.from(pcm.buffer, 0, pcm.byteLength);
}

/** The package's digits for one signal, as its README gets them (the timed path). */
export function detectWithPackage(pcm: Buffer): DtmfEvent[] {
  const stream = new DtmfDetectionStream({ format: FORMAT });
  const events: DtmfEvent[] = [];
  stream.on('dtmf', (event) => events.push(event));
  stream.write(pcm);
  return events;
}

/**
 * The same detector, watched from outside to give each reported digit the span of blocks it
 * was timed over (it reports only the moment it noticed the digit had ended, possibly long
 * after, when the next key arrives). Nothing it decides is changed.
 */
class SpanObservingStream extends DtmfDetectionStream {
  readonly presses: DtmfKeyPress[] = [];
  #runStart = 0;
  #runEnd = 0;

  override postTesting(): unknown {
    const char = this.curChar;
    const count = this.count;
    const result = super.postTesting();
    if (this.curChar !== '' && this.curChar !== char) {
      this.#runStart = this.sampleIndex - this.GOERTZEL_N;
      this.#runEnd = this.sampleIndex;
    } else if (this.curChar !== '' && !Object.is(this.count, count)) {
      this.#runEnd = this.sampleIndex;
    }
    return result;
  }

  override emitDtmf(digit: string): void {
    this.presses.push({
      digit: digit.toUpperCase(),
      startMs: (this.#runStart * 1000) / SAMPLE_RATE_HZ,
      endMs: (this.#runEnd * 1000) / SAMPLE_RATE_HZ,
    });
    super.emitDtmf(digit);
  }

  /** A digit it had timed for its two blocks but not reported when the stream ended. */
  heldAtEnd(): boolean {
    return this.curChar !== '' && this.count >= 2;
  }
}

export interface PackageDetection {
  presses: DtmfKeyPress[];
  /** Digits timed but not reported because the stream ended (0 or 1). */
  heldAtEnd: number;
}

export function detectWithPackageSpans(pcm: Buffer): PackageDetection {
  const stream = new SpanObservingStream({ format: FORMAT });
  stream.write(pcm);
  if (stream.writableLength !== 0) {
    throw new Error('dtmf-detection-stream buffered a write: drive it asynchronously instead.');
  }
  return { presses: stream.presses, heldAtEnd: stream.heldAtEnd() ? 1 : 0 };
}
