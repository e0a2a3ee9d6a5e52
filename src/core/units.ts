/**
 * Units in types, where values cross modules. Scenario files speak seconds (as people do), the
 * engine whole milliseconds (so sums are exact), otplib seconds (RFC 6238 counts time steps in
 * seconds), audio hertz. A stray unit silently gives a wrong answer: a TOTP step of 30 ms, a
 * 4000-second readout.
 *
 * Each unit is a *flavour* of number: a tag that two units cannot share. A `Seconds` value is not
 * accepted where `Ms` is expected (nor `Ms` where `Hz` is), so a value that crosses a module in
 * the wrong unit fails to compile; a plain number is accepted by any of them, so arithmetic
 * inside a module needs no casts. The tag is optional and exists only in the type checker: the
 * values are plain numbers at run time, with no cost on the engine's hot path.
 * `src/core/units.test.ts` shows which mixes the compiler refuses.
 */

declare const unit: unique symbol;

/** A number tagged with its unit. */
type Flavour<U extends string> = number & { readonly [unit]?: U };

/** Milliseconds of simulated time (whole ms in the engine). */
export type Ms = Flavour<'ms'>;
/** Seconds: the unit of scenario files, reports and otplib. */
export type Seconds = Flavour<'s'>;
/** Frequency: DTMF and call-progress tones, sample rates. */
export type Hz = Flavour<'Hz'>;

/** Seconds to whole milliseconds (the engine's unit). */
export function secondsToMs(seconds: Seconds): Ms {
  return Math.round(seconds * 1000);
}

/** Milliseconds to seconds, for reports (exact for whole ms up to 2^53 / 1000). */
export function msToSeconds(ms: Ms): Seconds {
  return ms / 1000;
}
