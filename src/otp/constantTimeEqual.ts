/**
 * String equality whose running time depends only on the lengths, never on where the strings
 * first differ, so a guesser learns nothing from how long a check took. Lengths are not secret
 * (a code's length is part of the policy).
 *
 * JavaScript engines promise nothing about timing; this follows the rule the modelled service
 * must follow rather than claiming hardware-level constant time.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = a.length > b.length ? a.length : b.length;
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    // Past the end charCodeAt gives NaN, which `|` and `^` read as 0; the length term above
    // already records the mismatch.
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}
