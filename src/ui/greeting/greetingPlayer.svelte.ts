import { SAMPLE_RATE_HZ, samplesToMs } from '../../audio/index.ts';

/** Scheduling a little ahead keeps the first samples from being cut. */
const START_DELAY_S = 0.05;

/**
 * Plays a greeting's 8 kHz samples through Web Audio (the context resamples to the device) and
 * tracks the playhead. The AudioContext is created on the first play(), inside the click that
 * asked for sound (browsers keep audio off until then).
 */
export class GreetingPlayer {
  playing = $state(false);
  /** Where the sound is, in ms from the greeting's start; null when stopped. */
  positionMs: number | null = $state(null);
  #context: AudioContext | null = null;
  #source: AudioBufferSourceNode | null = null;
  #frame = 0;

  async play(samples: Float32Array): Promise<void> {
    this.stop();
    this.#context ??= new AudioContext();
    const context = this.#context;
    if (context.state === 'suspended') await context.resume();
    const buffer = context.createBuffer(1, Math.max(1, samples.length), SAMPLE_RATE_HZ);
    buffer.getChannelData(0).set(samples);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const startS = context.currentTime + START_DELAY_S;
    const durationMs = samplesToMs(samples.length);
    source.onended = () => {
      if (this.#source === source) this.stop();
    };
    source.start(startS);
    this.#source = source;
    this.playing = true;
    this.positionMs = 0;
    const follow = () => {
      if (this.#source !== source) return;
      this.positionMs = Math.min(durationMs, Math.max(0, (context.currentTime - startS) * 1000));
      this.#frame = requestAnimationFrame(follow);
    };
    this.#frame = requestAnimationFrame(follow);
  }

  stop(): void {
    const source = this.#source;
    this.#source = null;
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    this.positionMs = null;
    if (!source) return;
    source.onended = null;
    try {
      source.stop();
    } catch {
      // Already ended: nothing to silence.
    }
    source.disconnect();
  }

  async dispose(): Promise<void> {
    this.stop();
    await this.#context?.close();
    this.#context = null;
  }
}
