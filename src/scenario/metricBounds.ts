/** Bounds on a run's results: what `expect` and `sweep.expect` write. */
import { z } from 'zod';
import { METRIC_NAMES } from './metricNames.ts';

const BoundSchema = z
  .strictObject({
    min: z.number().optional().describe('Fail if the result is below this.'),
    max: z.number().optional().describe('Fail if the result is above this.'),
  })
  .describe('A bound on one result.');

/** Each metric's `{ "min", "max" }` (inclusive), any of the metrics `expect` may bound. */
export const MetricBoundsSchema = z.partialRecord(z.enum(METRIC_NAMES), BoundSchema);

export type MetricBounds = z.output<typeof MetricBoundsSchema>;
