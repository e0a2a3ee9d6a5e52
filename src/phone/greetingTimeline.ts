import type { GreetingSegment } from '../scenario/index.ts';
import type { Ms } from '../core/distributions.ts';
import { secondsToMs } from '../core/distributions.ts';

export interface VoiceSpan {
  startMs: Ms;
  endMs: Ms;
}

/** One key of a greeting's DTMF, as played. */
export interface GreetingTone extends VoiceSpan {
  digit: string;
  /** Signal level overrides of the segment, if it sets them. */
  levelDbfs?: number;
  twistDb?: number;
}

/** A segment that is a symbol (not a recording): what the event level lays out. */
export type SymbolicGreetingSegment = Exclude<GreetingSegment, { audio: string }>;

/** What a voicemail greeting sends down the line, in ms from pickup. */
export interface GreetingTimeline {
  /** Speech and DTMF tones (tones have energy: AMD hears them as voice), sorted, merged. */
  voiced: VoiceSpan[];
  tones: GreetingTone[];
  /** Each segment with its span, for replay views. */
  segments: Array<VoiceSpan & { kind: 'speech' | 'silence' | 'dtmf' }>;
  /** When the greeting ends and the beep starts. */
  endMs: Ms;
}

/** Lays a greeting's segments end to end. Silence is the absence of voice. */
export function greetingTimeline(greeting: readonly SymbolicGreetingSegment[]): GreetingTimeline {
  const voiced: VoiceSpan[] = [];
  const tones: GreetingTone[] = [];
  const segments: GreetingTimeline['segments'] = [];
  let t = 0;
  const addVoice = (startMs: Ms, endMs: Ms) => {
    if (endMs <= startMs) return;
    const last = voiced[voiced.length - 1];
    if (last && last.endMs >= startMs) last.endMs = Math.max(last.endMs, endMs);
    else voiced.push({ startMs, endMs });
  };
  for (const segment of greeting) {
    const start = t;
    if ('speech' in segment) {
      t += secondsToMs(segment.speech);
      addVoice(start, t);
      segments.push({ kind: 'speech', startMs: start, endMs: t });
    } else if ('silence' in segment) {
      t += secondsToMs(segment.silence);
      segments.push({ kind: 'silence', startMs: start, endMs: t });
    } else {
      for (let r = 0; r < segment.repeat; r++) {
        for (const digit of segment.dtmf) {
          tones.push({
            digit,
            startMs: t,
            endMs: t + segment.toneMs,
            ...(segment.levelDbfs !== undefined ? { levelDbfs: segment.levelDbfs } : {}),
            ...(segment.twistDb !== undefined ? { twistDb: segment.twistDb } : {}),
          });
          addVoice(t, t + segment.toneMs);
          t += segment.toneMs + segment.gapMs;
        }
      }
      segments.push({ kind: 'dtmf', startMs: start, endMs: t });
    }
  }
  return { voiced, tones, segments, endMs: t };
}
