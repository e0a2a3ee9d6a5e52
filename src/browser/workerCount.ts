/**
 * One worker per logical core, as the browser reports it, and at least one. Browsers may round
 * hardwareConcurrency down for privacy or leave it undefined; both are fine here.
 */
export function browserWorkerCount(
  cores: number | undefined = globalThis.navigator?.hardwareConcurrency,
): number {
  return Number.isInteger(cores) && cores > 0 ? cores : 1;
}
