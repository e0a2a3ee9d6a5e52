import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual.ts';

describe('constantTimeEqual', () => {
  it('says equal strings are equal', () => {
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('123456', '123456')).toBe(true);
    expect(constantTimeEqual('😀a', '😀a')).toBe(true);
  });

  it('finds a difference at the first, a middle or the last character', () => {
    expect(constantTimeEqual('023456', '123456')).toBe(false);
    expect(constantTimeEqual('124456', '123456')).toBe(false);
    expect(constantTimeEqual('123457', '123456')).toBe(false);
  });

  it('says strings of different lengths differ, whichever is longer', () => {
    expect(constantTimeEqual('12345', '123456')).toBe(false);
    expect(constantTimeEqual('123456', '12345')).toBe(false);
    expect(constantTimeEqual('', '0')).toBe(false);
    // Past the end of 'a' charCodeAt is NaN, read as 0 like U+0000: only the length differs.
    expect(constantTimeEqual('a\u0000', 'a')).toBe(false);
  });
});
