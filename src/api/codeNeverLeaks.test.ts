/**
 * The code reaches only the simulated phone's own channels. A session drives every endpoint
 * (with the twilio client and with fetch, successes and errors), msw reports every response it
 * gave, and each body and each console line is scanned for every code the service issued.
 */
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupVerifyServer } from './node/setupVerifyServer.ts';
import { findCodeLeaks, isPhoneChannel } from './testing/codeLeaks.ts';
import { getJson, postForm, send, sendJson } from './testing/verifyTestServer.ts';

const issuedCodes = vi.hoisted(() => new Set<string>());

vi.mock('../otp/index.ts', async (importOriginal) => {
  const otp = await importOriginal<typeof import('../otp/index.ts')>();
  return {
    ...otp,
    issueVerification: (...args: Parameters<typeof otp.issueVerification>) => {
      const issued = otp.issueVerification(...args);
      issuedCodes.add(issued.code);
      return issued;
    },
  };
});

const VICTIM = '+15005550199';
const OWNER = '+15005550100';

interface Answer {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly text: string;
}

describe('the code never leaks', () => {
  const { server, service } = setupVerifyServer({ seed: 11 });
  const answers: Array<Promise<Answer>> = [];
  const logged: string[] = [];
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('response:mocked', ({ request, response }) => {
      answers.push(
        response
          .clone()
          .text()
          .then((text) => ({
            method: request.method,
            url: request.url,
            status: response.status,
            text,
          })),
      );
    });
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterEach(() => service.reset());
  afterAll(() => {
    server.close();
    vi.restoreAllMocks();
  });

  it('appears in no API response and no log line, only in the phone channels', async () => {
    const client = twilio(`AC${'0'.repeat(32)}`, 'token');
    await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, {
      person: { answerProbability: 0 },
      voicemail: { greeting: [{ speech: 1 }, { silence: 0.5 }] },
    });
    const plain = await client.verify.v2.services.create({ friendlyName: 'Bank', codeLength: 4 });
    const dtmf = await client.verify.v2.services.create({
      friendlyName: 'Bank',
      dtmfInputRequired: true,
    });
    await client.verify.v2.services(plain.sid).fetch();

    // A naive call read into the victim's voicemail; an sms to the owner.
    const call = await client.verify.v2
      .services(plain.sid)
      .verifications.create({ to: VICTIM, channel: 'call' });
    const sms = await client.verify.v2
      .services(plain.sid)
      .verifications.create({ to: OWNER, channel: 'sms' });
    await client.verify.v2.services(dtmf.sid).verifications.create({ to: VICTIM, channel: 'call' });
    await client.verify.v2.services(plain.sid).verifications(call.sid).fetch();
    await getJson(`/sim/v1/Phones/${VICTIM}/Calls`);
    await getJson(`/sim/v1/Phones/${OWNER}/Calls`);
    const voicemail = await getJson(`/sim/v1/Phones/${VICTIM}/Voicemail`);
    const inbox = await getJson(`/sim/v1/Phones/${OWNER}/Messages`);

    const smsCode = /(\d{4})$/.exec(service.network.messages(OWNER)[0]!.body)![1]!;
    const wrong = smsCode === '0000' ? '1111' : '0000';
    await client.verify.v2
      .services(plain.sid)
      .verificationChecks.create({ to: OWNER, code: wrong });
    await client.verify.v2
      .services(plain.sid)
      .verificationChecks.create({ verificationSid: sms.sid, code: smsCode });
    await expect(
      client.verify.v2.services(plain.sid).verificationChecks.create({ to: OWNER, code: smsCode }),
    ).rejects.toMatchObject({ status: 404 });
    for (let i = 0; i < 6; i++) {
      await postForm(`/v2/Services/${plain.sid}/VerificationCheck`, { To: VICTIM, Code: '9999' });
    }
    for (let i = 0; i < 5; i++) {
      await postForm(`/v2/Services/${dtmf.sid}/Verifications`, { To: VICTIM, Channel: 'sms' });
    }
    await client.verify.v2
      .services(dtmf.sid)
      .verifications(VICTIM)
      .fetch()
      .catch(() => undefined);
    await postForm(`/v2/Services/${plain.sid}/Verifications/${call.sid}`, { Status: 'canceled' });
    await postForm(`/v2/Services/${plain.sid}/Verifications`, { To: 'nope', Channel: 'call' });
    await send('POST', `/v2/Services/${plain.sid}/VerificationCheck`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ To: OWNER, Code: smsCode }),
    });
    await sendJson('PUT', `/sim/v1/Services/${dtmf.sid}`, { strategy: 'static-prompt' });
    await sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 601 });

    const all = await Promise.all(answers);
    expect(all.length).toBeGreaterThan(25);
    expect(issuedCodes.size).toBeGreaterThanOrEqual(3);
    // The scan finds codes where they belong, so its silence elsewhere means something.
    expect(findCodeLeaks(voicemail.body, issuedCodes)).not.toEqual([]);
    expect(findCodeLeaks(inbox.body, issuedCodes)).not.toEqual([]);
    for (const answer of all.filter((a) => !isPhoneChannel(a.method, a.url))) {
      const leaks = findCodeLeaks(JSON.parse(answer.text), issuedCodes);
      expect(leaks, `${answer.method} ${answer.url} → ${answer.status}`).toEqual([]);
    }
    expect(findCodeLeaks(logged, issuedCodes)).toEqual([]);
  });
});
