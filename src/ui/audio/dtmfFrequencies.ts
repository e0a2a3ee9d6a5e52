import { DTMF_COLUMN_HZ, DTMF_ROW_HZ, dtmfFrequencies as dtmfPair } from '../../audio/index.ts';
import type { Hz } from './units.ts';

/** ITU-T Q.23 group frequencies, from the signal-level model (src/audio). */
export const DTMF_ROWS_HZ: readonly Hz[] = DTMF_ROW_HZ;
export const DTMF_COLUMNS_HZ: readonly Hz[] = DTMF_COLUMN_HZ;

/** The [row, column] frequency pair a key sends, e.g. "1" → [697, 1209]. */
export function dtmfFrequencies(key: string): readonly [Hz, Hz] {
  const { lowHz, highHz } = dtmfPair(key);
  return [lowHz, highHz];
}
