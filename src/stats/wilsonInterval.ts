import { checkInteger } from './integers.ts';

/** A two-sided confidence interval for a proportion, both ends in [0, 1]. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` out of `n` trials (Wilson 1927): unlike the normal
 * approximation it stays inside [0, 1] and behaves at 0/n and n/n, which matter here (a good
 * defence intercepts 0 of 10,000 calls). With no trials nothing is known: { low: 0, high: 1 }.
 *
 * Written as (2s + z² ∓ z·√(z² + 4s(n − s)/n)) / (2(n + z²)), the usual closed form multiplied
 * through by n, so no rate is formed first.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  checkInteger(n, 'wilsonInterval: n');
  checkInteger(successes, 'wilsonInterval: successes');
  if (successes > n) {
    throw new Error(`wilsonInterval: successes (${successes}) cannot exceed n (${n}).`);
  }
  if (!(z > 0 && Number.isFinite(z))) {
    throw new Error(`wilsonInterval: z must be a positive finite number; got ${String(z)}.`);
  }
  if (n === 0) return { low: 0, high: 1 };

  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + (4 * successes * (n - successes)) / n);
  const denominator = 2 * (n + z2);
  // The ends are exactly 0 and 1 at s = 0 and s = n; pin them against rounding.
  return {
    low: successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    high: successes === n ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}
