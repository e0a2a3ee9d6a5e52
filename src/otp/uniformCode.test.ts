import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { hotpValue } from './hotpValue.ts';
import { asciiBytes, seededSecrets } from './testSecrets.ts';
import { uniformCode } from './uniformCode.ts';

const SAMPLE_SIZE = 20_000;
/**
 * Chi-square bound for one digit position (10 values, 9 degrees of freedom): mean 9, and
 * P(X > 40) is about 8e-6, so a fair generator passes every position (the seeds are fixed, so
 * the run is replayable anyway). At this sample size a position where one digit is 15% more
 * likely than the others scores about 48 on average.
 */
const MAX_CHI_SQUARE_PER_POSITION = 40;

/** Chi-square statistic of each digit position against "all ten digits equally likely". */
function chiSquarePerPosition(codes: readonly string[], digits: number): number[] {
  const counts = Array.from({ length: digits }, () => new Array<number>(10).fill(0));
  for (const code of codes) {
    for (let position = 0; position < digits; position++) {
      counts[position]![code.charCodeAt(position) - 48]!++;
    }
  }
  const expected = codes.length / 10;
  return counts.map((row) => row.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0));
}

function sampleCodes(digits: number, makeCode: (secret: Uint8Array) => string): string[] {
  const nextSecret = seededSecrets(0xc0de + digits);
  return Array.from({ length: SAMPLE_SIZE }, () => makeCode(nextSecret()));
}

describe('uniformCode', () => {
  for (const digits of [4, 6, 10]) {
    it(`spreads ${digits}-digit codes evenly over every digit position`, () => {
      const codes = sampleCodes(digits, (secret) => uniformCode(secret, digits));
      for (const code of codes) expect(code).toMatch(new RegExp(`^[0-9]{${digits}}$`));
      for (const chiSquare of chiSquarePerPosition(codes, digits)) {
        expect(chiSquare).toBeLessThan(MAX_CHI_SQUARE_PER_POSITION);
      }
    });
  }

  it('spreads 4-digit codes evenly over all 10,000 codes', () => {
    const nextSecret = seededSecrets(4444);
    const sampleSize = 50_000;
    const counts = new Array<number>(10_000).fill(0);
    for (let i = 0; i < sampleSize; i++) counts[Number(uniformCode(nextSecret(), 4))]!++;
    const expected = sampleSize / counts.length;
    const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 9,999 degrees of freedom: mean 9,999, standard deviation about 141.
    expect(Math.abs(chiSquare - 9_999)).toBeLessThan(6 * 141);
  });

  it('is strict enough to reject plain HOTP stretched to 10 digits (never above 2^31)', () => {
    const codes = sampleCodes(10, (secret) => String(hotpValue(secret, 0)).padStart(10, '0'));
    expect(chiSquarePerPosition(codes, 10)[0]).toBeGreaterThan(MAX_CHI_SQUARE_PER_POSITION);
  });

  for (const digits of [6, 7, 8]) {
    it(`is otplib's ${digits}-digit HOTP code at counter 0 when that value is not skipped`, () => {
      const nextSecret = seededSecrets(digits);
      const acceptBelow = 2 ** 31 - (2 ** 31 % 10 ** digits);
      for (let i = 0; i < 200; i++) {
        const secret = nextSecret();
        if (hotpValue(secret, 0) >= acceptBelow) continue;
        expect(uniformCode(secret, digits)).toBe(
          generateSync({ strategy: 'hotp', secret, counter: 0, digits }),
        );
      }
    });
  }

  it('skips a HOTP value in the uneven top slice and uses the next counter', () => {
    // 9 digits: values from 2,000,000,000 up would make low codes 1.5 times as likely.
    const nextSecret = seededSecrets(9);
    let secret = nextSecret();
    while (!(hotpValue(secret, 0) >= 2e9 && hotpValue(secret, 1) < 2e9)) secret = nextSecret();
    expect(uniformCode(secret, 9)).toBe(
      generateSync({ strategy: 'hotp', secret, counter: 1, digits: 9 }),
    );
  });

  it('builds 10 digits from two 5-digit halves of consecutive HOTP values', () => {
    // RFC 4226 test key: values 1284755224 and 1094287082 at counters 0 and 1.
    expect(uniformCode(asciiBytes('12345678901234567890'), 10)).toBe('5522487082');
  });
});
