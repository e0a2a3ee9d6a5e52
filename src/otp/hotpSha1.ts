/**
 * RFC 4226 HOTP with HMAC-SHA-1 (RFC 2104 over FIPS 180-4's SHA-1), written for the Monte Carlo
 * loop: one code per simulated call, so it allocates nothing per value and works on 32-bit words
 * in scratch arrays made once. It gives otplib's values bit for bit (hotpSha1.test.ts, and the
 * RFC 4226 Appendix D vectors in rfcVectors.test.ts); otplib computes the TOTP codes.
 */

/** HMAC's block size for SHA-1 (RFC 2104 §2: B = 64 bytes). */
const BLOCK_BYTES = 64;
const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;
const TWO_TO_32 = 4294967296;

// Scratch, reused by every call (the engine is single-threaded and nothing here re-enters).
const keyWords = new Int32Array(BLOCK_BYTES / 4);
const block = new Int32Array(16);
const schedule = new Int32Array(80);
const state = new Int32Array(5);
const inner = new Int32Array(5);

function resetState(): void {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  state[4] = 0xc3d2e1f0 | 0;
}

/** SHA-1's compression function (FIPS 180-4 §6.1.2) on `block`, into `state`. */
function compress(): void {
  const w = schedule;
  for (let t = 0; t < 16; t++) w[t] = block[t]!;
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  for (let t = 0; t < 80; t++) {
    let f: number;
    let k: number;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc | 0;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6 | 0;
    }
    const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
}

/** The key as big-endian words, zero-padded to a block (RFC 2104 §2, keys of at most B bytes). */
function loadKey(secret: Uint8Array): void {
  keyWords.fill(0);
  for (let i = 0; i < secret.length; i++) keyWords[i >> 2]! |= secret[i]! << (24 - 8 * (i & 3));
}

/** Starts a hash with the key block XOR `pad`. */
function hashKeyBlock(pad: number): void {
  resetState();
  for (let i = 0; i < 16; i++) block[i] = keyWords[i]! ^ pad;
  compress();
}

/**
 * The RFC 4226 HOTP value (HMAC-SHA-1 of the 8-byte big-endian counter, dynamic truncation,
 * §5.3) of a key of 1 to 64 bytes: an integer in [0, 2^31).
 */
export function hotpSha1(secret: Uint8Array, counter: number): number {
  if (secret.length === 0 || secret.length > BLOCK_BYTES) {
    throw new RangeError(`HOTP key is ${secret.length} bytes; pass 1 to ${BLOCK_BYTES}`);
  }
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`HOTP counter is ${counter}; pass an integer from 0 to 2^53 - 1`);
  }
  loadKey(secret);
  // Inner hash: (K ^ ipad) || counter, padded: 0x80, zeros, the length in bits (64 + 8 bytes).
  hashKeyBlock(IPAD);
  block.fill(0);
  block[0] = Math.floor(counter / TWO_TO_32);
  block[1] = counter >>> 0;
  block[2] = 0x80000000 | 0;
  block[15] = (BLOCK_BYTES + 8) * 8;
  compress();
  inner.set(state);
  // Outer hash: (K ^ opad) || inner digest, padded the same way (64 + 20 bytes).
  hashKeyBlock(OPAD);
  block.fill(0);
  block.set(inner);
  block[5] = 0x80000000 | 0;
  block[15] = (BLOCK_BYTES + 20) * 8;
  compress();
  return truncate();
}

/** Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset the digest's last nibble gives. */
function truncate(): number {
  const offset = digestByte(19) & 0xf;
  return (
    ((digestByte(offset) & 0x7f) << 24) |
    (digestByte(offset + 1) << 16) |
    (digestByte(offset + 2) << 8) |
    digestByte(offset + 3)
  );
}

function digestByte(i: number): number {
  return (state[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
}
