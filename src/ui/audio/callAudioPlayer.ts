import { SAMPLE_RATE_HZ, normaliseRms } from '../../audio/index.ts';
import type { Ms } from '../../core/distributions.ts';
import type { CallSoundCue } from '../../sim/callSound.ts';
import { synthesizeMurmur } from './murmurSynthesis.ts';
import { playbackPlan, type BufferedSound, type Utterance } from './playbackPlan.ts';
import { synthesizeTone } from './toneSynthesis.ts';

/** Tones and murmur are rendered at this rate; the context resamples them on playback. */
const RENDER_RATE = 16_000;
/** Sounds already under way when playback starts mid-call are joined if this much is left. */
const MIN_REMAINING_MS = 30;
/**
 * The cues carry the WAV's levels (a DTMF pair peaks at 0.63 of full scale); the room hears
 * them 8 dB down, so nothing clips where sounds overlap.
 */
const OUTPUT_GAIN = 0.4;

interface Session {
  readonly output: GainNode;
  readonly sources: AudioScheduledSourceNode[];
  readonly timers: number[];
}

/**
 * Plays a call's sound cues (src/sim/callSound.ts, the list its WAV is rendered from) in real
 * time from a point in simulated time: tones, murmur and recordings on the Web Audio clock, the
 * hello, prompts and readouts through speech synthesis where the browser has a voice (else
 * murmur and pips; see playbackPlan.ts). The AudioContext is created on the first start(),
 * which must run inside a user gesture (browsers keep audio off until the user asks for it).
 */
export class CallAudioPlayer {
  private context: AudioContext | null = null;
  private session: Session | null = null;
  private readonly buffers = new Map<string, AudioBuffer>();
  private readonly recordings = new WeakMap<Float32Array, AudioBuffer>();

  /**
   * Chrome lists its voices only after a first getVoices() call and a voiceschanged event: ask
   * early (this makes no sound) so the first "Play with sound" already has them.
   */
  static prepareVoices(): void {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
  }

  /** Whether prompts and readouts will be spoken (a voice is installed) rather than sounded as pips. */
  static canSpeak(): boolean {
    return typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0;
  }

  async start(cues: readonly CallSoundCue[], fromMs: Ms): Promise<void> {
    this.stop();
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') await this.context.resume();
    const context = this.context;
    const output = context.createGain();
    output.gain.value = OUTPUT_GAIN;
    output.connect(context.destination);
    const session: Session = { output, sources: [], timers: [] };
    this.session = session;
    const plan = playbackPlan(cues, CallAudioPlayer.canSpeak());
    const t0 = context.currentTime + 0.05;
    const heard = (span: { startMs: Ms; endMs: Ms }) =>
      span.endMs - Math.max(span.startMs, fromMs) >= MIN_REMAINING_MS;
    for (const sound of plan.sounds) {
      if (heard(sound)) this.scheduleBuffer(session, sound, fromMs, t0);
    }
    for (const utterance of plan.utterances) {
      if (heard(utterance)) this.scheduleSpeech(session, utterance, fromMs);
    }
  }

  stop(): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    for (const timer of session.timers) clearTimeout(timer);
    for (const source of session.sources) {
      try {
        source.stop();
      } catch {
        // Never started (scheduled in the future and already stopped): nothing to silence.
      }
    }
    session.output.disconnect();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  async dispose(): Promise<void> {
    this.stop();
    await this.context?.close();
    this.context = null;
  }

  private scheduleBuffer(session: Session, sound: BufferedSound, fromMs: Ms, t0: number): void {
    const context = this.context!;
    const source = context.createBufferSource();
    source.buffer = this.bufferFor(sound);
    source.connect(session.output);
    const offsetS = Math.max(0, fromMs - sound.startMs) / 1000;
    const whenS = t0 + Math.max(0, sound.startMs - fromMs) / 1000;
    const durationS = (sound.endMs - Math.max(sound.startMs, fromMs)) / 1000;
    source.start(whenS, offsetS, durationS);
    session.sources.push(source);
  }

  private bufferFor(sound: BufferedSound): AudioBuffer {
    if (sound.kind === 'recording') {
      let buffer = this.recordings.get(sound.samples);
      if (!buffer) {
        buffer = this.bufferOf(sound.samples, SAMPLE_RATE_HZ);
        this.recordings.set(sound.samples, buffer);
      }
      return buffer;
    }
    const durationMs = sound.endMs - sound.startMs;
    const key =
      sound.kind === 'murmur'
        ? `murmur:${sound.rms}:${durationMs}`
        : `${sound.frequenciesHz.join('+')}:${sound.amplitude}:${durationMs}`;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      const samples =
        sound.kind === 'murmur'
          ? normaliseRms(synthesizeMurmur({ durationMs, sampleRate: RENDER_RATE }), sound.rms)
          : synthesizeTone({
              frequenciesHz: sound.frequenciesHz,
              durationMs,
              sampleRate: RENDER_RATE,
              amplitude: sound.amplitude,
            });
      buffer = this.bufferOf(samples, RENDER_RATE);
      this.buffers.set(key, buffer);
    }
    return buffer;
  }

  private bufferOf(samples: Float32Array, sampleRate: number): AudioBuffer {
    const buffer = this.context!.createBuffer(1, Math.max(1, samples.length), sampleRate);
    buffer.copyToChannel(Float32Array.from(samples), 0);
    return buffer;
  }

  /** Speech runs on its own clock: start it on a timer, and cut it off where the call did. */
  private scheduleSpeech(session: Session, spoken: Utterance, fromMs: Ms): void {
    if (spoken.startMs < fromMs) return; // half an utterance cannot be spoken
    const utterance = new SpeechSynthesisUtterance(spoken.text);
    utterance.rate = 1.05;
    // The person answering sounds unlike the service's recorded voice.
    if (spoken.speaker === 'person') utterance.pitch = 1.4;
    session.timers.push(
      window.setTimeout(() => speechSynthesis.speak(utterance), spoken.startMs - fromMs),
    );
    if (spoken.cutShort) {
      session.timers.push(window.setTimeout(() => speechSynthesis.cancel(), spoken.endMs - fromMs));
    }
  }
}
