/**
 * Test helper: a replayable stream of random secrets (mulberry32), so tests that need many
 * secrets draw the same ones on every run.
 */
export function seededSecrets(seed: number, byteLength = 20): () => Uint8Array {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => {
    const secret = new Uint8Array(byteLength);
    for (let i = 0; i < byteLength; i += 4) {
      const word = nextUint32();
      for (let j = 0; j < 4 && i + j < byteLength; j++) secret[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return secret;
  };
}

export function asciiBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
