import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS } from './bundled.ts';

describe('BUNDLED_SCENARIOS', () => {
  it('marks as command line only the scenarios whose flows are .xml files', () => {
    expect(BUNDLED_SCENARIOS.filter((s) => s.commandLineOnly).map((s) => s.id)).toEqual([
      'twiml-amd-gates',
      'twiml-press-any-key',
      'twiml-press-pound',
      'twiml-press-pound-hash-greeting',
      'twiml-read-immediately',
    ]);
    expect(BUNDLED_SCENARIOS.find((s) => s.id === 'night-attack-dtmf-1')?.commandLineOnly).toBe(
      false,
    );
  });
});
