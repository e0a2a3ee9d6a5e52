/**
 * Greetings to try without a file: two real speech recordings (espeak-ng, the detector's talk-off
 * fixtures) and the attacker's trick rendered by the signal layer.
 */
import greetingWavUrl from '../../audio/fixtures/espeak-greeting.wav?url';
import helloWavUrl from '../../audio/fixtures/espeak-hello.wav?url';
import { renderTimeline } from '../../audio/index.ts';
import { createRng } from '../../core/rng.ts';
import { greetingTimeline, type SymbolicGreetingSegment } from '../../phone/greetingTimeline.ts';
import { decodeGreetingAudio } from './decodeGreetingAudio.ts';

export interface ExampleGreeting {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  load(): Promise<Float32Array>;
}

/** The night attack's greeting: a short "Hello?", a pause, then the key 1 ten times. */
const ATTACKER_GREETING: SymbolicGreetingSegment[] = [
  { speech: 0.6 },
  { silence: 1.0 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
];
const ATTACKER_SEED = 4;

async function fetchAndDecode(url: string): Promise<Float32Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the example could not be fetched (HTTP ${response.status})`);
  return decodeGreetingAudio(await response.arrayBuffer());
}

export const EXAMPLE_GREETINGS: readonly ExampleGreeting[] = [
  {
    id: 'attacker',
    label: 'Attacker: “Hello?”, silence, key 1 ×10',
    description: 'rendered: 0.6 s of speech, 1 s of silence, ten 120 ms tones of 1',
    load: () =>
      // No beep: the box plays its own after the greeting.
      Promise.resolve(
        renderTimeline(greetingTimeline(ATTACKER_GREETING), {
          rng: createRng(ATTACKER_SEED),
          beepMs: 0,
        }),
      ),
  },
  {
    id: 'espeak-greeting',
    label: 'Recorded greeting (8 s of speech)',
    description: 'espeak-ng: “Hi, you have reached the voicemail of Sam Taylor…”',
    load: () => fetchAndDecode(greetingWavUrl),
  },
  {
    id: 'espeak-hello',
    label: 'Spoken “Hello? Yes, who is this?”',
    description: 'espeak-ng, 2.6 s',
    load: () => fetchAndDecode(helloWavUrl),
  },
];
