import type { Hz } from '../../core/units.ts';

/** Samples per second of a rendered buffer. */
export type SampleRate = Hz;
