/** Samples per second of a rendered buffer. */
export type SampleRate = number;
