import { describe, expect, it } from 'vitest';
import { PhoneNetwork } from '../../../api/phoneNetwork.ts';
import { PHONE_PRESETS, phonePreset } from './phonePresets.ts';

describe('phone presets', () => {
  it('are valid phone setups for the simulator', () => {
    const network = new PhoneNetwork();
    for (const preset of PHONE_PRESETS) {
      expect(() => network.configure('+15005550199', preset.setup), preset.id).not.toThrow();
    }
  });

  it('have distinct ids and names an unknown one with the allowed ids', () => {
    expect(new Set(PHONE_PRESETS.map((p) => p.id)).size).toBe(PHONE_PRESETS.length);
    expect(() => phonePreset('nope')).toThrow(/owner-answers/);
  });
});
