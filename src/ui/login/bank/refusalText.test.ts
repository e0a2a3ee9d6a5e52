import { describe, expect, it } from 'vitest';
import { ApiError } from '../apiResponse.ts';
import { refusalText } from './refusalText.ts';

const apiError = (status: number, code: number | null, message: string) =>
  new ApiError(status, code, message);

describe('refusalText', () => {
  it('explains a bad phone number and shows the example format', () => {
    const text = refusalText(
      apiError(400, 60200, 'Invalid parameter: To: pass a phone number in E.164 format'),
    );
    expect(text).toMatch(/not in international \(E\.164\) format/);
    expect(text).toContain('+15005550199');
    expect(text).toContain('(error 60200, HTTP 400)');
  });

  it('explains the send limit, the check limit and a missing verification', () => {
    expect(refusalText(apiError(429, 60203, 'Max send attempts reached'))).toMatch(
      /^Too many codes sent to this number: the limit is 5 in 10 minutes/,
    );
    expect(refusalText(apiError(429, 60202, 'Max check attempts reached'))).toMatch(
      /^Too many wrong codes/,
    );
    expect(refusalText(apiError(404, 20404, 'not found'))).toMatch(/^No code is waiting/);
  });

  it("falls back to the service's own message, and to the status without a code", () => {
    expect(refusalText(apiError(400, 60299, 'Something new'))).toBe(
      'The verification service refused the request: Something new (error 60299, HTTP 400)',
    );
    expect(refusalText(apiError(502, null, 'HTTP 502 Bad Gateway'))).toBe(
      'The verification service refused the request: HTTP 502 Bad Gateway (HTTP 502)',
    );
  });

  it('says the service did not answer when fetch itself failed', () => {
    expect(refusalText(new TypeError('Failed to fetch'))).toMatch(/did not answer/);
  });
});
