import type { Ms } from '../core/distributions.ts';
import type { HeardKey } from './receivers.ts';

/**
 * How far before a tone's start the receiver may place it: at the signal level the detector
 * finds a tone's start to within a few of its ~13 ms analysis blocks, through line noise.
 */
const EARLY_START_MS = 60;

/**
 * For each key the receiver heard in a greeting, the greeting tone it came from (an index into
 * `tones`), or -1 for a key heard where no tone of that digit played (talk-off). At the event
 * level a heard key starts exactly where its tone does; at the signal level the detector places
 * the start a few ms off. Each tone accounts for one key at most; keys and tones are both in time
 * order, so one pass pairs them.
 */
export function matchKeysToTones(
  keys: readonly HeardKey[],
  tones: ReadonlyArray<{ readonly digit: string; readonly startMs: Ms; readonly endMs: Ms }>,
): number[] {
  const toneOfKey: number[] = [];
  let next = 0;
  for (const key of keys) {
    let found = -1;
    for (let i = next; i < tones.length; i++) {
      const tone = tones[i]!;
      if (tone.startMs - EARLY_START_MS > key.startMs) break;
      if (tone.digit === key.digit && key.startMs < tone.endMs) {
        found = i;
        break;
      }
    }
    toneOfKey.push(found);
    if (found >= 0) next = found + 1;
  }
  return toneOfKey;
}
