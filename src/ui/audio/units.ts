/** Units kept visible in types: audio frequencies and sample rates are not milliseconds. */
export type Hz = number;
/** Samples per second of a rendered buffer. */
export type SampleRate = number;
