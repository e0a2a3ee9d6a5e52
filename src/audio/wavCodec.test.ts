import { describe, expect, it } from 'vitest';
import { WaveFile } from 'wavefile';
import { detectDtmf } from './dtmfDetector.ts';
import { signalOf } from './dtmfTestSignals.ts';
import { decodeWav, encodeWav } from './wavCodec.ts';

function sineWav(sampleRate: number, channels: number, hzList: number[], seconds: number) {
  const length = Math.round(sampleRate * seconds);
  const channel = new Int16Array(length);
  for (let n = 0; n < length; n++) {
    let x = 0;
    for (const hz of hzList) x += 0.3 * Math.sin((2 * Math.PI * hz * n) / sampleRate);
    channel[n] = Math.round(x * 32767);
  }
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, '16', channels === 1 ? channel : [channel, channel]);
  return wav.toBuffer();
}

describe('wav codec', () => {
  it('round-trips 8 kHz PCM within 16-bit resolution', () => {
    const signal = signalOf(13, [{ digit: '4', durationMs: 60 }]);
    const decoded = decodeWav(encodeWav(signal));
    expect(decoded.sourceSampleRateHz).toBe(8000);
    expect(decoded.samples).toHaveLength(signal.length);
    decoded.samples.forEach((x, n) => expect(Math.abs(x - signal[n]!)).toBeLessThan(1e-4));
  });

  it('resamples a 16 kHz stereo file to 8 kHz mono that the DTMF detector reads', () => {
    const bytes = sineWav(16000, 2, [770, 1336], 0.1);
    const decoded = decodeWav(bytes);
    expect(decoded).toMatchObject({ sourceSampleRateHz: 16000, sourceChannels: 2 });
    expect(Math.abs(decoded.samples.length - 800)).toBeLessThanOrEqual(1);
    expect(detectDtmf(decoded.samples).map((press) => press.digit)).toEqual(['5']);
  });

  it('filters out what lies above 4 kHz instead of folding it back into the band', () => {
    const decoded = decodeWav(sineWav(44100, 1, [5000], 0.5)).samples;
    let sum = 0;
    for (let n = 400; n < decoded.length - 400; n++) sum += decoded[n]! ** 2;
    const rms = Math.sqrt(sum / (decoded.length - 800));
    // The 5 kHz tone went in at 0.3 / √2 RMS; 20 dB down is the least a telephone band needs.
    expect(rms).toBeLessThan(0.3 / Math.SQRT2 / 10);
  });

  it('says what it expected when the bytes are not a WAV file', () => {
    expect(() => decodeWav(new Uint8Array([1, 2, 3, 4]))).toThrow(/not a readable WAV/);
  });
});
