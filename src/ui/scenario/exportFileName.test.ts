import { describe, expect, it } from 'vitest';
import { exportFileName } from './exportFileName.ts';

describe('exportFileName', () => {
  it('keeps a bundled scenario’s id', () => {
    expect(exportFileName('night-attack-dtmf-1', 'Night attack')).toBe('night-attack-dtmf-1.json');
  });

  it('makes the name lower-case words joined by hyphens', () => {
    expect(exportFileName(null, "Night attack: 'Hello?' then silence")).toBe(
      'night-attack-hello-then-silence.json',
    );
  });

  it('falls back to scenario.json for a name with no letter or digit, or none', () => {
    expect(exportFileName(null, '¿?')).toBe('scenario.json');
    expect(exportFileName(null, null)).toBe('scenario.json');
  });
});
