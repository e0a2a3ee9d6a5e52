import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { getJson, sendJson, useVerifySimulator } from './testing/verifyTestServer.ts';

const ACCOUNT_SID = 'AC' + '0'.repeat(32);
const VICTIM = '+15005550199';
const NIGHT_ATTACK = {
  person: { answerProbability: 0 },
  voicemail: {
    greeting: [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ],
  },
};

/** The attacker's move: trigger a call, then read the code out of the victim's voicemail. */
async function attack(client: twilio.Twilio, serviceSid: string): Promise<'approved' | 'refused'> {
  const before = await voicemailCount();
  await client.verify.v2.services(serviceSid).verifications.create({ to: VICTIM, channel: 'call' });
  const { body } = await getJson(`/sim/v1/Phones/${VICTIM}/Voicemail`);
  const messages = body.messages as Array<{ transcript: string }>;
  const heard = /code is: ([\d ]+)\./.exec(
    messages
      .slice(before)
      .map((m) => m.transcript)
      .join(' '),
  );
  const code = heard ? heard[1]!.replaceAll(' ', '') : '000000';
  const check = await client.verify.v2
    .services(serviceSid)
    .verificationChecks.create({ to: VICTIM, code });
  return check.status === 'approved' ? 'approved' : 'refused';
}

async function voicemailCount(): Promise<number> {
  const { body } = await getJson(`/sim/v1/Phones/${VICTIM}/Voicemail`);
  return (body.messages as unknown[]).length;
}

describe('the official twilio client against the simulator', () => {
  useVerifySimulator();
  const client = twilio(ACCOUNT_SID, 'auth-token');

  async function serviceWithStrategy(strategy: string): Promise<string> {
    await sendJson('PUT', `/sim/v1/Phones/${VICTIM}`, NIGHT_ATTACK);
    const service = await client.verify.v2.services.create({
      friendlyName: 'Bank',
      dtmfInputRequired: strategy === 'random-digit',
    });
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/);
    expect(service.dtmfInputRequired).toBe(strategy === 'random-digit');
    await sendJson('PUT', `/sim/v1/Services/${service.sid}`, { strategy });
    return service.sid;
  }

  it('lets a DTMF "1" greeting intercept the code under static-prompt', async () => {
    const sid = await serviceWithStrategy('static-prompt');
    expect(await attack(client, sid)).toBe('approved');
  });

  it('refuses the same attack under random-digit in most of 20 tries', async () => {
    const sid = await serviceWithStrategy('random-digit');
    let approved = 0;
    for (let i = 0; i < 20; i++) {
      if ((await attack(client, sid)) === 'approved') approved++;
      // Past the code lifetime and the send window, so each try starts afresh.
      await sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 601 });
    }
    expect(approved).toBeLessThanOrEqual(6);
  });

  it('surfaces Verify errors as the client library expects', async () => {
    const sid = await serviceWithStrategy('naive');
    await expect(
      client.verify.v2.services(sid).verificationChecks.create({ to: VICTIM, code: '123456' }),
    ).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("lists the account's services page by page, and hides them from other accounts", async () => {
    const created = [];
    for (const name of ['A', 'B', 'C']) {
      created.push((await client.verify.v2.services.create({ friendlyName: name })).sid);
    }
    const listed = await client.verify.v2.services.list({ pageSize: 2 });
    expect(listed.map((service) => service.sid)).toEqual(created);
    const other = twilio(`AC${'1'.repeat(32)}`, 'other-token');
    expect(await other.verify.v2.services.list()).toEqual([]);
    await expect(other.verify.v2.services(created[0]!).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });
});
