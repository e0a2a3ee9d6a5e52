/**
 * A VerificationCheck compares the submitted code with the issued one through
 * constantTimeEqual, once per counted check, and never for a check that is refused before it
 * counts.
 */
import { describe, expect, it, vi } from 'vitest';
import { postForm, useVerifySimulator } from './testing/verifyTestServer.ts';

const comparisons = vi.hoisted(() => [] as Array<[string, string]>);

vi.mock('../otp/constantTimeEqual.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../otp/constantTimeEqual.ts')>();
  return {
    constantTimeEqual: (a: string, b: string) => {
      comparisons.push([a, b]);
      return original.constantTimeEqual(a, b);
    },
  };
});

const TO = '+15005550100';

describe('the code check', () => {
  const model = useVerifySimulator();

  it('compares in constant time, and only checks that count', async () => {
    const sid = String((await postForm('/v2/Services', { FriendlyName: 'Bank' })).body.sid);
    await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    const code = /(\d{6})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    comparisons.length = 0;

    await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: '1' });
    expect(comparisons).toEqual([]);

    for (let i = 0; i < 5; i++) {
      await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: wrong });
    }
    expect(comparisons).toEqual(Array.from({ length: 5 }, () => [wrong, code]));

    const locked = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(locked.status).toBe(429);
    expect(comparisons).toHaveLength(5);
  });

  it('approves through the same comparison', async () => {
    const sid = String((await postForm('/v2/Services', { FriendlyName: 'Bank' })).body.sid);
    await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    const code = /(\d{6})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    comparisons.length = 0;
    const right = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(right.body).toMatchObject({ status: 'approved' });
    expect(comparisons).toEqual([[code, code]]);
  });
});
