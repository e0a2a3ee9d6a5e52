/** Talk-off and AMD on real (synthesised) speech kept as small WAV fixtures; see fixtures/. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { analyzeAudio } from './analyzeAudio.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { ALIGNMENT_OFFSETS } from './dtmfTestSignals.ts';
import { decodeWav } from './wavCodec.ts';

const fixture = (name: string) =>
  decodeWav(new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))).samples;

describe('real speech (espeak-ng fixtures)', () => {
  it('gives no DTMF key at any level or alignment (talk-off)', () => {
    for (const name of ['espeak-greeting.wav', 'espeak-hello.wav']) {
      const speech = fixture(name);
      for (const gain of [0.1, 0.3, 1, 2]) {
        const scaled = speech.map((x) => Math.max(-1, Math.min(1, x * gain)));
        for (const offset of ALIGNMENT_OFFSETS) {
          expect(detectDtmf(scaled.subarray(offset)), `${name} ×${gain} +${offset}`).toEqual([]);
        }
      }
    }
  });

  it('reads a spoken voicemail greeting as MACHINE and "Hello? Yes, who is this?" as HUMAN', () => {
    expect(analyzeAudio(fixture('espeak-greeting.wav'), amdParameters()).amd).toMatchObject({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
    });
    expect(analyzeAudio(fixture('espeak-hello.wav'), amdParameters()).amd).toMatchObject({
      verdict: 'HUMAN',
      cause: 'HUMAN',
    });
  });
});
