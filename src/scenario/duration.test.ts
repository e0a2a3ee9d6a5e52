import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Duration } from '../core/distributions.ts';
import type { DurationSchema } from './schema.ts';

describe('Duration', () => {
  it('is exactly what the scenario schema validates (checked by the type check)', () => {
    expectTypeOf<z.output<typeof DurationSchema>>().toEqualTypeOf<Duration>();
  });
});
