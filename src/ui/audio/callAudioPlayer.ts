import type { Ms } from '../../core/distributions.ts';
import { speechWithoutSynthesis, type SoundCue } from './callSoundCues.ts';
import { synthesizeMurmur } from './murmurSynthesis.ts';
import { synthesizeTone } from './toneSynthesis.ts';

/** Tones and murmur are rendered at this rate; the context resamples them on playback. */
const RENDER_RATE = 16_000;
/** Sounds already under way when playback starts mid-call are joined if this much is left. */
const MIN_REMAINING_MS = 30;

type SpeechCue = Extract<SoundCue, { kind: 'speech' }>;

interface Session {
  readonly output: GainNode;
  readonly sources: AudioScheduledSourceNode[];
  readonly timers: number[];
}

/**
 * Plays a call's sound cues in real time from a point in simulated time: tones and murmur on
 * the Web Audio clock, prompts and readouts through speech synthesis where the browser has a
 * voice (else murmur and pips). The AudioContext is created on the first start(), which must run
 * inside a user gesture (browsers keep audio off until the user asks for it).
 */
export class CallAudioPlayer {
  private context: AudioContext | null = null;
  private session: Session | null = null;
  private readonly buffers = new Map<string, AudioBuffer>();

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

  async start(cues: readonly SoundCue[], fromMs: Ms): Promise<void> {
    this.stop();
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') await this.context.resume();
    const context = this.context;
    const output = context.createGain();
    output.gain.value = 0.8;
    output.connect(context.destination);
    const session: Session = { output, sources: [], timers: [] };
    this.session = session;
    const speak = CallAudioPlayer.canSpeak();
    const t0 = context.currentTime + 0.05;
    for (const cue of cues) {
      if (cue.endMs - Math.max(cue.startMs, fromMs) < MIN_REMAINING_MS) continue;
      if (cue.kind === 'speech') {
        if (speak) this.scheduleSpeech(session, cue, fromMs);
        else
          for (const sound of speechWithoutSynthesis(cue))
            this.scheduleBuffer(session, sound, fromMs, t0);
      } else {
        this.scheduleBuffer(session, cue, fromMs, t0);
      }
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

  private scheduleBuffer(session: Session, cue: SoundCue, fromMs: Ms, t0: number): void {
    if (cue.kind === 'speech') return;
    const context = this.context!;
    const buffer = this.bufferFor(cue);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(session.output);
    const offsetS = Math.max(0, fromMs - cue.startMs) / 1000;
    const whenS = t0 + Math.max(0, cue.startMs - fromMs) / 1000;
    source.start(whenS, offsetS);
    session.sources.push(source);
  }

  private bufferFor(cue: Exclude<SoundCue, SpeechCue>): AudioBuffer {
    const durationMs = cue.endMs - cue.startMs;
    const key =
      cue.kind === 'murmur'
        ? `murmur:${durationMs}`
        : `${cue.frequenciesHz.join('+')}:${durationMs}`;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      const samples =
        cue.kind === 'murmur'
          ? synthesizeMurmur({ durationMs, sampleRate: RENDER_RATE })
          : synthesizeTone({
              frequenciesHz: cue.frequenciesHz,
              durationMs,
              sampleRate: RENDER_RATE,
              amplitude: cue.what === 'ringback' ? 0.15 : 0.3,
            });
      buffer = this.context!.createBuffer(1, Math.max(1, samples.length), RENDER_RATE);
      buffer.copyToChannel(samples, 0);
      this.buffers.set(key, buffer);
    }
    return buffer;
  }

  /** Speech runs on its own clock: start it on a timer, and cut it off where the call did. */
  private scheduleSpeech(session: Session, cue: SpeechCue, fromMs: Ms): void {
    if (cue.startMs < fromMs) return; // half an utterance cannot be spoken
    const utterance = new SpeechSynthesisUtterance(cue.text);
    utterance.rate = 1.05;
    session.timers.push(
      window.setTimeout(() => speechSynthesis.speak(utterance), cue.startMs - fromMs),
    );
    if (cue.cutShort) {
      session.timers.push(window.setTimeout(() => speechSynthesis.cancel(), cue.endMs - fromMs));
    }
  }
}
