/**
 * A greeting file decoded by the browser (WAV, MP3, OGG: whatever its decoders read) into the
 * signal layer's input, 8 kHz mono full scale ±1.
 */
import { SAMPLE_RATE_HZ } from '../../audio/index.ts';
import { mixToMono, resamplePcm } from './monoPcm.ts';

/** Analysis runs on the main thread at thousands of times real time; this keeps it well under a second. */
export const MAX_GREETING_SECONDS = 600;
/** Above this a file is not a voicemail greeting (ten minutes of 48 kHz stereo WAV is 115 MB). */
const MAX_FILE_BYTES = 150 * 1024 * 1024;
/** Any rate every browser's OfflineAudioContext accepts, for the fallback path. */
const FALLBACK_RATE_HZ = 48_000;

/** Why a file cannot be used, in words for the person who chose it. */
export class GreetingDecodeError extends Error {
  override name = 'GreetingDecodeError';
}

export async function decodeGreetingAudio(bytes: ArrayBuffer): Promise<Float32Array> {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new GreetingDecodeError(
      `it is ${Math.round(bytes.byteLength / 1024 / 1024)} MB; a greeting file should be a few MB at most`,
    );
  }
  let buffer: AudioBuffer;
  try {
    buffer = await decodeWithBrowser(bytes);
  } catch (error) {
    const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
    throw new GreetingDecodeError(`this browser cannot decode it as audio${reason}`);
  }
  if (buffer.duration > MAX_GREETING_SECONDS) {
    throw new GreetingDecodeError(
      `it lasts ${Math.round(buffer.duration)} s; load a greeting of at most ${MAX_GREETING_SECONDS / 60} minutes`,
    );
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) =>
    buffer.getChannelData(c),
  );
  const mono = mixToMono(channels);
  if (mono.length === 0) throw new GreetingDecodeError('it holds no audio');
  return buffer.sampleRate === SAMPLE_RATE_HZ
    ? mono
    : resamplePcm(mono, buffer.sampleRate, SAMPLE_RATE_HZ);
}

/**
 * Decoding into an 8 kHz context makes the browser resample with its own band-limited resampler
 * as it decodes; a browser that refuses an 8 kHz context decodes at 48 kHz and we resample.
 */
function decodeWithBrowser(bytes: ArrayBuffer): Promise<AudioBuffer> {
  let context: OfflineAudioContext;
  try {
    context = new OfflineAudioContext(1, 1, SAMPLE_RATE_HZ);
  } catch {
    context = new OfflineAudioContext(1, 1, FALLBACK_RATE_HZ);
  }
  return context.decodeAudioData(bytes);
}
