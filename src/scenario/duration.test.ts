import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Duration } from '../core/distributions.ts';
import type { DurationSchema } from './schema.ts';

describe('Duration', () => {
  it('is what the scenario schema validates, in seconds (checked by the type check)', () => {
    // Each way round: the schema's output is a Duration, and a Duration (its numbers tagged as
    // seconds, core/units.ts) is what the schema gives.
    expectTypeOf<z.output<typeof DurationSchema>>().toExtend<Duration>();
    expectTypeOf<Duration>().toExtend<z.output<typeof DurationSchema>>();
  });
});
