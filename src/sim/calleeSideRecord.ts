import type { Ms } from '../core/units.ts';
import type { GreetingTimeline, VoiceSpan } from '../phone/greetingTimeline.ts';
import type { Callee, CallRecorder } from './callEvents.ts';

/** A DTMF tone on the callee's side, and when the receiver reported it (null: never). */
export interface PlayedTone {
  readonly startMs: Ms;
  readonly endMs: Ms;
  readonly digit: string;
  reportedAtMs: Ms | null;
}

/** What the callee's side played during a call, in ms from its placing. */
export interface CalleeSide {
  readonly answeredBy: Callee | 'nobody';
  readonly answeredAtMs: Ms | null;
  readonly greeting: GreetingTimeline;
  readonly beepMs: Ms;
  /** The end of the beep, if the call got that far. */
  readonly recordingStartMs: Ms | null;
  readonly greetingTones: readonly PlayedTone[];
  readonly personHello: VoiceSpan | null;
  readonly personPresses: readonly PlayedTone[];
}

/**
 * Once a call is over at `endMs`, what its callee's side played, each part cut at the call's
 * end: the greeting's segments and tones, the beep if the call ended inside it (a whole beep is
 * recorded as it ends), the recording window, the person's hello and keys.
 */
export function recordCalleeSide(recorder: CallRecorder, side: CalleeSide, endMs: Ms): void {
  const cut = (ms: Ms) => Math.min(ms, endMs);
  const pickupMs = side.answeredAtMs;
  if (side.answeredBy === 'voicemail' && pickupMs !== null) {
    for (const segment of side.greeting.segments) {
      const atMs = pickupMs + segment.startMs;
      const segmentEndMs = pickupMs + segment.endMs;
      if (atMs >= endMs || segmentEndMs <= atMs) continue;
      recorder.record({
        type: 'greeting-segment',
        atMs,
        endMs: cut(segmentEndMs),
        kind: segment.kind,
        cutShort: segmentEndMs > endMs,
      });
    }
    const beepStartMs = pickupMs + side.greeting.endMs;
    if (side.recordingStartMs === null && side.beepMs > 0 && beepStartMs < endMs) {
      recorder.record({ type: 'beep', atMs: beepStartMs, endMs: cut(beepStartMs + side.beepMs) });
    }
  }
  const recordTones = (tones: readonly PlayedTone[], from: Callee) => {
    for (const tone of tones) {
      if (tone.startMs >= endMs) continue;
      recorder.record({
        type: 'key-tone',
        atMs: tone.startMs,
        endMs: cut(tone.endMs),
        digit: tone.digit,
        from,
        reportedAtMs: tone.reportedAtMs,
      });
    }
  };
  recordTones(side.greetingTones, 'voicemail');
  if (side.recordingStartMs !== null) {
    recorder.record({ type: 'recording', atMs: side.recordingStartMs, endMs });
  }
  const hello = side.personHello;
  if (hello && hello.startMs < endMs) {
    recorder.record({ type: 'person-hello', atMs: hello.startMs, endMs: cut(hello.endMs) });
  }
  recordTones(side.personPresses, 'person');
}
