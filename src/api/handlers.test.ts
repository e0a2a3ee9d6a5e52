import { describe, expect, it } from 'vitest';
import {
  AUTH,
  BASE,
  getJson,
  postForm,
  sendJson,
  useVerifySimulator,
} from './testing/verifyTestServer.ts';

const TO = '+15005550100';

async function createService(fields: Record<string, string> = {}): Promise<string> {
  const { status, body } = await postForm('/v2/Services', { FriendlyName: 'Bank', ...fields });
  expect(status).toBe(201);
  return String(body.sid);
}

describe('Verify v2 handlers', () => {
  const model = useVerifySimulator();

  it('creates and fetches a service shaped like Verify', async () => {
    const sid = await createService({ CodeLength: '8', DtmfInputRequired: 'true' });
    const { status, body } = await getJson(`/v2/Services/${sid}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      sid,
      account_sid: 'ACtest0000000000000000000000000000',
      friendly_name: 'Bank',
      code_length: 8,
      dtmf_input_required: true,
      url: `${BASE}/v2/Services/${sid}`,
    });
  });

  it('answers 401 without Basic auth', async () => {
    const { status, body } = await postForm('/v2/Services', { FriendlyName: 'Bank' }, null);
    expect(status).toBe(401);
    expect(body).toMatchObject({ code: 20003, status: 401 });
  });

  it('answers 400 60200 naming the bad parameter, and creates nothing', async () => {
    const { status, body } = await postForm('/v2/Services', {
      FriendlyName: 'Bank',
      CodeLength: '11',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 60200,
      status: 400,
      more_info: 'https://www.twilio.com/docs/errors/60200',
    });
    expect(String(body.message)).toContain('CodeLength');
    const sid = await createService();
    const bad = await postForm(`/v2/Services/${sid}/Verifications`, {
      To: '5550100',
      Channel: 'sms',
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('To');
    expect(model.network.messages('5550100')).toEqual([]);
  });

  it('starts a verification, answers a wrong code with 200 pending, approves the right one', async () => {
    const sid = await createService();
    const started = await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'pending', valid: false, to: TO, channel: 'sms' });
    expect(started.body.send_code_attempts).toHaveLength(1);
    const code = /(\d{6})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    expect(JSON.stringify(started.body)).not.toContain(code);

    const wrong = await postForm(`/v2/Services/${sid}/VerificationCheck`, {
      To: TO,
      Code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong).toMatchObject({ status: 200, body: { status: 'pending', valid: false } });
    const right = await postForm(`/v2/Services/${sid}/VerificationCheck`, {
      VerificationSid: String(started.body.sid),
      Code: code,
    });
    expect(right).toMatchObject({ status: 200, body: { status: 'approved', valid: true } });
    expect(JSON.stringify(right.body)).not.toContain(code);
    const again = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(again).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('answers 429 60202 after 5 wrong checks and 429 60203 on the 6th send', async () => {
    const sid = await createService({ CodeLength: '4' });
    for (let i = 0; i < 5; i++) {
      const sent = await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
      expect(sent.status).toBe(201);
    }
    const sixth = await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    expect(sixth).toMatchObject({ status: 429, body: { code: 60203 } });
    const code = /(\d{4})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    const wrong = code === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++)
      await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: wrong });
    const locked = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(locked).toMatchObject({ status: 429, body: { code: 60202, status: 429 } });
  });

  it('cancels a verification, after which it is gone', async () => {
    const sid = await createService();
    const started = await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    const path = `/v2/Services/${sid}/Verifications/${String(started.body.sid)}`;
    expect((await getJson(path)).body).toMatchObject({ status: 'pending' });
    expect((await postForm(path, { Status: 'canceled' })).body).toMatchObject({
      status: 'canceled',
    });
    expect((await getJson(path)).status).toBe(404);
  });

  it('expires a code once the simulated clock passes 10 minutes', async () => {
    const sid = await createService();
    await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    const code = /(\d{6})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    expect((await sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 600 })).status).toBe(200);
    const late = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(late).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('answers at any origin, such as a local base URL', async () => {
    const sid = await createService();
    const response = await fetch(`http://localhost:4010/v2/Services/${sid}`, {
      headers: { authorization: AUTH },
    });
    expect(response.status).toBe(200);
  });

  it('does not count a malformed check against the attempt limit', async () => {
    const sid = await createService();
    await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' });
    for (let i = 0; i < 10; i++) {
      const bad = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: '1' });
      expect(bad).toMatchObject({ status: 400, body: { code: 60200 } });
    }
    const code = /(\d{6})$/.exec(model.network.messages(TO)[0]!.body)![1]!;
    const right = await postForm(`/v2/Services/${sid}/VerificationCheck`, { To: TO, Code: code });
    expect(right.body).toMatchObject({ status: 'approved' });
  });
});
