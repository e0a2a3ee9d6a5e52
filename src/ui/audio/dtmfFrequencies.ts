import type { Hz } from './units.ts';

/** ITU-T Q.23: the low (row) and high (column) group frequencies of the 16 push-button keys. */
export const DTMF_ROWS_HZ: readonly Hz[] = [697, 770, 852, 941];
export const DTMF_COLUMNS_HZ: readonly Hz[] = [1209, 1336, 1477, 1633];
const KEYPAD = ['123A', '456B', '789C', '*0#D'];

/** The [row, column] frequency pair a key sends, e.g. "1" → [697, 1209]. */
export function dtmfFrequencies(key: string): readonly [Hz, Hz] {
  const row = KEYPAD.findIndex((keys) => keys.includes(key.toUpperCase()));
  if (key.length !== 1 || row < 0) {
    throw new Error(`"${key}" is not a DTMF key: use one of 0-9, A-D, * or #.`);
  }
  return [DTMF_ROWS_HZ[row]!, DTMF_COLUMNS_HZ[KEYPAD[row]!.indexOf(key.toUpperCase())]!];
}
