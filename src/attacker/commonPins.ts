/**
 * The 20 most common 4-digit PINs and their share of all PINs, most popular first.
 *
 * Source: DataGenetics, "PIN number analysis" (Nick Berry, September 2012,
 * https://www.datagenetics.com/blog/september32012/), 3.4 million PINs from released/leaked
 * data sets: its table of the 20 most common PINs.
 * Shares are percentages with three decimals, exactly as published. They add up to 26.832 %
 * (the "26.83 %" quoted for the top 20 is that sum rounded), so the share left for the other
 * 9,980 PINs is 100 − 26.832 = 73.168 %, not 73.17 %.
 */
import { COMMON_PIN_LENGTH } from '../scenario/index.ts';

export interface CommonPin {
  readonly pin: string;
  /** Share of all 4-digit PINs, in percent. */
  readonly percent: number;
}

export const COMMON_PINS: readonly CommonPin[] = [
  { pin: '1234', percent: 10.713 },
  { pin: '1111', percent: 6.016 },
  { pin: '0000', percent: 1.881 },
  { pin: '1212', percent: 1.197 },
  { pin: '7777', percent: 0.745 },
  { pin: '1004', percent: 0.616 },
  { pin: '2000', percent: 0.613 },
  { pin: '4444', percent: 0.526 },
  { pin: '2222', percent: 0.516 },
  { pin: '6969', percent: 0.512 },
  { pin: '9999', percent: 0.451 },
  { pin: '3333', percent: 0.419 },
  { pin: '5555', percent: 0.395 },
  { pin: '6666', percent: 0.391 },
  { pin: '1122', percent: 0.366 },
  { pin: '1313', percent: 0.304 },
  { pin: '8888', percent: 0.303 },
  { pin: '4321', percent: 0.293 },
  { pin: '2001', percent: 0.29 },
  { pin: '1010', percent: 0.285 },
];

/** The table covers 4-digit PINs only (the scenario format's rule for the "common" choice). */
export { COMMON_PIN_LENGTH };
