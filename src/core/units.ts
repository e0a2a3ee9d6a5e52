/** Units kept visible in types: audio frequencies are not milliseconds. */
export type Hz = number;
