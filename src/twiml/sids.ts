import type { Rng } from '../core/rng.ts';

/** Twilio sids: a two-letter resource prefix and 32 lowercase hex digits. */
export type SidPrefix = 'VA' | 'VE' | 'VL' | 'AC' | 'CA' | 'SK';

export type SidGenerator = (prefix: SidPrefix) => string;

/** Sids drawn from a seeded stream, so a simulator run replays with the same sids. */
export function createSidGenerator(rng: Rng): SidGenerator {
  const bytes = new Uint8Array(16);
  return (prefix) => {
    rng.fill(bytes);
    let hex = '';
    for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
    return prefix + hex;
  };
}
