import { describe, expect, it } from 'vitest';
import { frameIsVoiced } from './frameIsVoiced.ts';

const SAMPLES_PER_FRAME = 160;

function frameOf(level: number): Int16Array {
  return new Int16Array(SAMPLES_PER_FRAME).fill(level);
}

describe('frameIsVoiced', () => {
  it('hears a frame whose average absolute level reaches the threshold as voiced', () => {
    expect(frameIsVoiced(frameOf(256), 256)).toBe(true);
    expect(frameIsVoiced(frameOf(255), 256)).toBe(false);
  });

  it('averages absolute values, so a waveform swinging both ways counts', () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let i = 0; i < frame.length; i++) frame[i] = i % 2 === 0 ? 300 : -300;
    expect(frameIsVoiced(frame, 256)).toBe(true);
  });

  it('truncates the average as the DSP does: 255.9 is still silence', () => {
    const frame = frameOf(256);
    frame[0] = 240;
    expect(frameIsVoiced(frame, 256)).toBe(false);
  });

  it('hears a frame half filled with speech-level sound as voiced', () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    frame.fill(2000, 0, SAMPLES_PER_FRAME / 2);
    expect(frameIsVoiced(frame, 256)).toBe(true);
  });

  it('accepts float samples already on the 16-bit scale', () => {
    expect(frameIsVoiced(new Float32Array(SAMPLES_PER_FRAME).fill(-256.5), 256)).toBe(true);
    expect(frameIsVoiced(new Float32Array(SAMPLES_PER_FRAME).fill(0.9), 256)).toBe(false);
  });

  it('rejects an empty frame and a threshold off the 16-bit integer scale', () => {
    expect(() => frameIsVoiced(new Int16Array(0), 256)).toThrow(/no samples/);
    expect(() => frameIsVoiced(frameOf(300), -1)).toThrow(/threshold -1/);
    expect(() => frameIsVoiced(frameOf(300), 0.5)).toThrow(/threshold 0.5/);
  });
});
