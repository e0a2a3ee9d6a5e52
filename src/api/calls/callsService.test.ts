import { describe, expect, it } from 'vitest';
import { VerifyService } from '../verifyService.ts';
import type { AppWebhooks } from './fetchWebhooks.ts';
import { readCreateCall } from './callParameters.ts';
import { CallsService, MAX_ENDED_CALLS_PER_ACCOUNT } from './callsService.ts';

/** An app that is never asked anything: the calls run inline Twiml and send no callbacks. */
const silentApp = (): AppWebhooks => ({
  request: () => Promise.reject(new Error('no TwiML request expected')),
  callback: () => Promise.reject(new Error('no callback expected')),
});

const input = readCreateCall(
  new URLSearchParams({
    To: '+15005550101',
    From: '+15005550006',
    Twiml: '<Response><Hangup/></Response>',
  }),
);

describe('call records are retired like verifications', () => {
  it('keeps the last 10,000 ended calls of an account by default', async () => {
    const calls = new CallsService(new VerifyService(), { webhooks: silentApp });
    const first = calls.create('ACx', 'token', input).sid;
    await calls.settled(first);
    let last = first;
    for (let i = 1; i <= MAX_ENDED_CALLS_PER_ACCOUNT; i++) {
      last = calls.create('ACx', 'token', input).sid;
      await calls.settled(last);
    }
    expect(calls.size).toBe(10_000);
    expect(() => calls.call('ACx', first)).toThrow(/was not found/);
    expect(calls.list('ACx', {})[0]!.sid).toBe(last);
  });

  it('keeps at most the limit of ended calls per account, forgetting the oldest first', async () => {
    const calls = new CallsService(new VerifyService(), {
      webhooks: silentApp,
      maxEndedCallsPerAccount: 100,
    });
    const sids: string[] = [];
    let most = 0;
    for (let i = 0; i < 1000; i++) {
      const account = i % 2 === 0 ? 'ACeven' : 'ACodd';
      const { sid } = calls.create(account, 'token', input);
      sids.push(sid);
      await calls.settled(sid);
      most = Math.max(most, calls.size);
    }
    expect(most).toBe(200);
    expect(calls.size).toBe(200);
    expect(calls.list('ACeven', {}).map((call) => call.sid)).toEqual(
      sids
        .filter((_, i) => i % 2 === 0)
        .slice(-100)
        .reverse(),
    );
    expect(() => calls.call('ACeven', sids[0]!)).toThrow(/was not found/);
    expect(calls.call('ACodd', sids[999]!).status).toBe('completed');
  });
});
