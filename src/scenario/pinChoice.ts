/**
 * PIN length the "common" PIN choice needs: the PIN frequency table (attacker/commonPins.ts,
 * DataGenetics 2012) covers 4-digit PINs only. The scenario rules check it, so it lives with the
 * format; the attacker model imports it from here.
 */
export const COMMON_PIN_LENGTH = 4;
