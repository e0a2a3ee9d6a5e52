/**
 * Types for the untyped npm package dtmf-detection-stream (1.18, index.js): a Node Writable of
 * 16-bit PCM that runs Goertzel filters on blocks of 92 samples at 8 kHz. Only what the bench
 * uses is declared, internals included (the span observer in packageReceiver.ts reads them).
 */
declare module 'dtmf-detection-stream' {
  export interface DtmfDetectionStreamFormat {
    sampleRate: 8000 | 16000 | 32000 | 44100 | 48000;
    bitDepth: 16;
    channels: number;
  }

  export interface DtmfEvent {
    digit: string;
    /** Seconds from the start of the stream to the moment the digit was reported. */
    timestamp: number;
  }

  export default class DtmfDetectionStream {
    constructor(args: { format: DtmfDetectionStreamFormat });
    on(event: 'dtmf', listener: (event: DtmfEvent) => void): void;
    on(event: 'speech', listener: (event: { transcript: string; timestamp: number }) => void): void;
    write(chunk: Uint8Array): boolean;
    readonly writableLength: number;
    /** Internals: block length, samples seen, the digit being timed and its block count. */
    GOERTZEL_N: number;
    sampleIndex: number;
    curChar: string;
    count: number;
    postTesting(): unknown;
    emitDtmf(digit: string): void;
  }
}
