import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from './utf8.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeUtf8', () => {
  it('decodes UTF-8 text, keeping a byte order mark for the JSON reader to refuse', () => {
    expect(decodeUtf8(utf8('{"name": "café 😀"}'))).toEqual({
      ok: true,
      text: '{"name": "café 😀"}',
    });
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toEqual({ ok: true, text: '\ufeff{}' });
  });

  it('refuses bytes that are not UTF-8, saying where the first one is', () => {
    // "café" saved as Latin-1 on line 2.
    const latin1 = bytes(...utf8('{\n  "name": "caf'), 0xe9, ...utf8('"\n}'));
    expect(decodeUtf8(latin1)).toEqual({
      ok: false,
      issue: {
        path: '$',
        expected: 'UTF-8 text (RFC 3629)',
        found:
          'bytes that are not UTF-8 at line 2, column 15 (byte 16: 0xe9 0x22 0x0a 0x7d): save the file as UTF-8',
      },
    });
  });

  it('counts characters, not bytes, for the column', () => {
    const text = bytes(...utf8('["é😀", '), 0xc0, 0xaf, ...utf8(']'));
    const decoded = decodeUtf8(text);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok)
      expect(decoded.issue.found).toContain('at line 1, column 8 (byte 11: 0xc0 0xaf 0x5d)');
  });

  it('names UTF-16 for a file that starts with its byte order mark', () => {
    for (const bom of [bytes(0xff, 0xfe, 0x7b, 0x00), bytes(0xfe, 0xff, 0x00, 0x7b)]) {
      const decoded = decodeUtf8(bom);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) {
        expect(decoded.issue.found).toBe(
          'UTF-16 text (it starts with a UTF-16 byte order mark): save the file as UTF-8 without BOM',
        );
      }
    }
  });
});

describe('firstInvalidUtf8 (RFC 3629 §4)', () => {
  it.each([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf], 0],
    ['an overlong 3-byte form (E0 80 80)', [0xe0, 0x80, 0x80], 0],
    ['a surrogate (ED A0 80)', [0x20, 0xed, 0xa0, 0x80], 1],
    ['a code point past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short', [0x41, 0xe2, 0x82], 1],
    ['0xFF', [0xff], 0],
  ])('finds %s', (_, sequence, at) => {
    expect(firstInvalidUtf8(bytes(...sequence))).toBe(at);
  });

  it('accepts the largest forms of each length', () => {
    expect(firstInvalidUtf8(utf8('\u007f\u07ff\uffff\u{10ffff}\ud7ff\ue000'))).toBe(-1);
  });

  it("agrees with WHATWG Encoding's fatal UTF-8 decoder on any bytes", () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const nearUtf8 = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(
          0x80,
          0xbf,
          0xc2,
          0xdf,
          0xe0,
          0xed,
          0xef,
          0xf0,
          0xf4,
          0xa0,
          0x9f,
          0x90,
          0x8f,
        ),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(nearUtf8, (values) => {
        const input = bytes(...values);
        let valid = true;
        try {
          decoder.decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(input) === -1).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });
});
