import type { Ms, Seconds } from '../core/units.ts';
const MS_PER_SECOND = 1000;

/**
 * Whole Unix seconds at a time given in milliseconds: the `epoch` otplib expects. Flooring keeps
 * a time late in a second inside that second (and its TOTP step); rounding would move
 * 59.6 s into the step starting at 60 s.
 */
export function epochSecondsFromMs(epochMs: Ms): Seconds {
  return Math.floor(epochMs / MS_PER_SECOND);
}

export function msFromSeconds(seconds: Seconds): Ms {
  return seconds * MS_PER_SECOND;
}
