/**
 * Adds two integers and refuses a result above 2^53 − 1, where doubles stop being exact.
 * Aggregates rely on integer addition being associative and commutative so that merging worker
 * results in any order gives bit-identical numbers; past this limit that would silently break.
 */
export function exactSum(a: number, b: number, what: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new Error(
      `${what} overflowed: ${a} + ${b} is past Number.MAX_SAFE_INTEGER (2^53 − 1), where ` +
        `sums are no longer exact. Aggregate fewer values per counter or use coarser units.`,
    );
  }
  return sum;
}

/** Throws unless `value` is a safe integer at least `min`, naming the bad value. */
export function checkInteger(value: unknown, what: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${what} must be an integer ≥ ${min}; got ${String(value)}.`);
  }
  return value;
}

/** Throws unless `value` is a non-null object, e.g. data arriving from another worker. */
export function checkRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`${what} must be an object as produced by toJSON(); got ${String(value)}.`);
  }
  return value as Record<string, unknown>;
}
