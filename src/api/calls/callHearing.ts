/**
 * What a Calls API call said that reached the callee: the simulator knows no code here (the
 * app's TwiML says what it says), so it keeps the words of each `<Say>` the person heard, or the
 * voicemail box recorded, in full. A word is heard when the `<Say>` reached its end (the person
 * is on the line from the answer to the hang-up), recorded when it lies wholly inside the box's
 * recording window; both read from the call's typed events (src/sim/callEvents.ts).
 */
import type { CallEvent } from '../../sim/callEvents.ts';
import { speechPlan } from '../../twiml/index.ts';

interface SaySpan {
  readonly text: string;
  readonly loops: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** The `<Say>`s of the call, each from its start to where it stopped. */
function saySpans(events: readonly CallEvent[]): SaySpan[] {
  const spans: SaySpan[] = [];
  let open: Omit<SaySpan, 'endMs'> | null = null;
  for (const event of events) {
    if (event.type === 'sound-started' && event.sound === 'say') {
      open = { text: event.text, loops: event.loops, startMs: event.atMs };
    } else if (event.type === 'sound-ended' && event.sound === 'say' && open) {
      spans.push({ ...open, endMs: event.atMs });
      open = null;
    }
  }
  return spans;
}

/** The words of each `<Say>` (every loop) spoken wholly within [fromMs, toMs], one text per Say. */
function wordsWithin(events: readonly CallEvent[], fromMs: number, toMs: number): string[] {
  const texts: string[] = [];
  for (const say of saySpans(events)) {
    const plan = speechPlan(say.text);
    const words: string[] = [];
    for (let loop = 0; loop < say.loops; loop++) {
      const loopStartMs = say.startMs + loop * plan.durationMs;
      for (const token of plan.tokens) {
        const startMs = loopStartMs + token.startMs;
        const endMs = loopStartMs + token.endMs;
        if (startMs >= fromMs && endMs <= Math.min(toMs, say.endMs)) words.push(token.text);
      }
    }
    if (words.length > 0) texts.push(words.join(' '));
  }
  return texts;
}

/** What the person heard, one text per `<Say>`; empty unless the person answered. */
export function heardByPerson(events: readonly CallEvent[]): string[] {
  const answered = events.find((event) => event.type === 'answered');
  if (answered?.type !== 'answered' || answered.by !== 'person') return [];
  return wordsWithin(events, answered.atMs, Infinity);
}

/** What the voicemail box recorded, or null when it recorded nothing (no recording window). */
export function recordedByVoicemail(
  events: readonly CallEvent[],
): { startMs: number; endMs: number; transcript: string } | null {
  const recording = events.find((event) => event.type === 'recording');
  if (recording?.type !== 'recording') return null;
  const { atMs, endMs } = recording;
  return { startMs: atMs, endMs, transcript: wordsWithin(events, atMs, endMs).join(' ') };
}
