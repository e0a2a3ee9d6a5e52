import type { z } from 'zod';
import { ScenarioSchema } from './schema.ts';
import type { PathKey } from './jsonPath.ts';

type AnySchema = z.core.$ZodType;

/** Strips wrappers (default, optional, ...) to reach the schema that describes the value. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if (
      def.innerType &&
      ['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(def.type)
    ) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

/**
 * The property names the scenario format allows at `path`, or null where that is not one object
 * with known names. A record (`expect`, `flows`) is walked into by any key; one keyed by a list
 * of names (an `expect` entry's metrics) allows those names.
 */
export function knownKeysAt(path: readonly PathKey[]): string[] | null {
  let schema = unwrap(ScenarioSchema);
  for (const key of path) {
    const def = schema._zod.def as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
      valueType?: AnySchema;
    };
    if (def.type === 'object' && def.shape && typeof key === 'string' && key in def.shape)
      schema = unwrap(def.shape[key]!);
    else if (def.type === 'array' && def.element && typeof key === 'number')
      schema = unwrap(def.element);
    else if (def.type === 'record' && def.valueType && typeof key === 'string')
      schema = unwrap(def.valueType);
    else return null;
  }
  const def = schema._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    keyType?: AnySchema;
  };
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  const keys =
    def.type === 'record' && def.keyType
      ? (def.keyType._zod.def as { type: string; entries?: Record<string, string> })
      : null;
  return keys?.type === 'enum' && keys.entries ? Object.values(keys.entries) : null;
}

/** The known key closest to a misspelt one (edit distance ≤ 2, or one contains the other). */
export function closestKey(key: string, known: readonly string[]): string | null {
  const limit = Math.max(2, Math.floor(key.length / 4));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // The distance is at least the difference in length: a long key is not compared at all, so
    // the cost stays small whatever the key's length.
    if (Math.abs(key.length - candidate.length) > limit) continue;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
