import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../sim/partialTallies.ts';
import { inputsHash, sha256 } from './partFile.ts';

describe('inputsHash', () => {
  it('is the SHA-256 of the documents and each recording’s little-endian float samples', () => {
    // 1.0 as an IEEE 754 single is 0x3f800000: bytes 00 00 80 3f little-endian.
    const recording = createHash('sha256')
      .update(Uint8Array.of(0, 0, 0x80, 0x3f, 0, 0, 0, 0))
      .digest('hex');
    const expected = createHash('sha256')
      .update(
        canonicalJson({
          documents: { 'flows/start.xml': '<Response/>' },
          recordings: { 'hello.wav': recording },
        }),
      )
      .digest('hex');
    expect(
      inputsHash({ 'hello.wav': Float32Array.of(1, 0) }, { 'flows/start.xml': '<Response/>' }),
    ).toBe(`sha256:${expected}`);
  });

  it('changes with one sample of a recording or one character of a document', () => {
    const base = inputsHash({ 'a.wav': Float32Array.of(0.5, 0.25) }, { 'a.xml': '<Response/>' });
    expect(inputsHash({ 'a.wav': Float32Array.of(0.5, 0.5) }, { 'a.xml': '<Response/>' })).not.toBe(
      base,
    );
    expect(
      inputsHash({ 'a.wav': Float32Array.of(0.5, 0.25) }, { 'a.xml': '<Response />' }),
    ).not.toBe(base);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
