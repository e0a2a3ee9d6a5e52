/**
 * Seeded random streams. A trial's stream is a pure function of its keys (seed, strategy, kind,
 * trial index), so any trial can be replayed alone, in any runtime, on any worker.
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter), 32-bit integer arithmetic only,
 * so every JavaScript engine produces the same numbers.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fills `bytes` with random bytes. */
  fill(bytes: Uint8Array): Uint8Array;
}

const TWO_TO_32 = 4294967296;

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, for turning ids such as strategy names into stream keys. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs: sfc32 needs a few rounds to decorrelate similar seeds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_TO_32;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  fill(bytes: Uint8Array): Uint8Array {
    for (let i = 0; i < bytes.length; i += 4) {
      let word = this.nextUint32();
      for (let j = i; j < i + 4 && j < bytes.length; j++) {
        bytes[j] = word & 0xff;
        word >>>= 8;
      }
    }
    return bytes;
  }
}

/** A stream keyed by any number of 32-bit integers (seed first). */
export function createRng(...keys: number[]): Rng {
  let h = 0x9e3779b9;
  let h2 = 0x6a09e667;
  for (const key of keys) {
    h = mix32(h ^ (key >>> 0));
    h2 = mix32((h2 + Math.imul(key >>> 0, 0x27d4eb2d)) ^ h);
  }
  return new Sfc32(h, h2, mix32(h ^ 0xdeadbeef), keys.length);
}
