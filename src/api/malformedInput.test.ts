/**
 * Malformed requests get the documented error and change nothing: every test takes the
 * simulator's snapshot before and after the rejected request and compares them.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './requestBody.ts';
import {
  expectVerifyError,
  postForm,
  send,
  sendJson,
  useVerifySimulator,
  type SimResponse,
} from './testing/verifyTestServer.ts';

const TO = '+15005550100';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

describe('malformed input', () => {
  const model = useVerifySimulator();

  /** A service with one pending sms verification, so there is state to corrupt. */
  async function busyService(): Promise<string> {
    const created = await postForm('/v2/Services', { FriendlyName: 'Bank' });
    const sid = String(created.body.sid);
    expect(
      (await postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms' })).status,
    ).toBe(201);
    return sid;
  }

  async function rejected(
    request: () => Promise<SimResponse>,
    status: number,
    code: number,
    messageContains?: string,
  ): Promise<void> {
    const before = JSON.stringify(model.snapshot());
    expectVerifyError(await request(), status, code, messageContains);
    expect(JSON.stringify(model.snapshot())).toBe(before);
  }

  it.each([
    ['no plus', '15005550100'],
    ['a leading zero', '+05005550100'],
    ['16 digits', '+1500555010012345'],
    ['letters', '+1500555CALL'],
    ['spaces', '+1 500 555 0100'],
    ['full-width digits', '+１５００５５５０１００'],
    ['an empty value', ''],
  ])('refuses a To with %s, naming To', async (_, to) => {
    const sid = await busyService();
    await rejected(
      () => postForm(`/v2/Services/${sid}/Verifications`, { To: to, Channel: 'call' }),
      400,
      60200,
      'To',
    );
    await rejected(
      () => postForm(`/v2/Services/${sid}/VerificationCheck`, { To: to, Code: '123456' }),
      400,
      60200,
      'To',
    );
  });

  it('refuses a bad phone number in a control plane path', async () => {
    await rejected(() => sendJson('PUT', '/sim/v1/Phones/5550100', {}), 400, 60200, 'number');
    await rejected(() => send('GET', '/sim/v1/Phones/%2B1%20500/Calls'), 400, 60200, 'number');
  });

  it(`answers 413 to a body over ${MAX_BODY_BYTES / 1024} KiB, before parsing it`, async () => {
    const sid = await busyService();
    const huge = `To=${encodeURIComponent(TO)}&Channel=sms&Locale=${'x'.repeat(MAX_BODY_BYTES)}`;
    await rejected(
      () => send('POST', `/v2/Services/${sid}/Verifications`, { headers: FORM, body: huge }),
      413,
      60200,
      'body',
    );
    // Too large for any route, even one whose parameters would all be wrong anyway.
    await rejected(
      () => send('POST', '/v2/Services', { headers: FORM, body: 'é'.repeat(MAX_BODY_BYTES) }),
      413,
      60200,
    );
    await rejected(
      () =>
        send('PUT', `/sim/v1/Phones/${TO}`, {
          headers: JSON_TYPE,
          body: `{"person":{}, "x":"${'y'.repeat(MAX_BODY_BYTES)}"}`,
        }),
      413,
      60200,
    );
    expect(model.network.messages(TO)).toHaveLength(1);
  });

  it('accepts a body just under the limit', async () => {
    const friendly = `FriendlyName=Bank&Totp.Issuer=${'x'.repeat(MAX_BODY_BYTES - 100)}`;
    expect((await send('POST', '/v2/Services', { headers: FORM, body: friendly })).status).toBe(
      201,
    );
  });

  it('refuses a body that is not UTF-8', async () => {
    await rejected(
      () =>
        send('POST', '/v2/Services', {
          headers: FORM,
          body: new Uint8Array([0x46, 0x3d, 0xff, 0xfe]),
        }),
      400,
      60200,
      'UTF-8',
    );
  });

  it('refuses a JSON body on the Verify API, saying it takes form encoding', async () => {
    const sid = await busyService();
    await rejected(
      () =>
        send('POST', `/v2/Services/${sid}/Verifications`, {
          headers: JSON_TYPE,
          body: JSON.stringify({ To: TO, Channel: 'sms' }),
        }),
      400,
      60200,
      'application/x-www-form-urlencoded',
    );
    const asText = await send('POST', '/v2/Services', {
      headers: { 'content-type': 'text/plain' },
      body: 'FriendlyName=Bank',
    });
    expectVerifyError(asText, 400, 60200, 'text/plain');
    const multipart = new FormData();
    multipart.set('FriendlyName', 'Bank');
    await rejected(
      () => send('POST', '/v2/Services', { body: multipart }),
      400,
      60200,
      'multipart/form-data',
    );
  });

  it('accepts form encoding with a charset', async () => {
    const created = await send('POST', '/v2/Services', {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'FriendlyName=Banque%20%C3%A9',
    });
    expect(created).toMatchObject({ status: 201, body: { friendly_name: 'Banque é' } });
  });

  it('refuses a form body on the control plane, saying it takes JSON', async () => {
    await rejected(
      () => send('PUT', `/sim/v1/Phones/${TO}`, { headers: FORM, body: 'person=x' }),
      400,
      60200,
      'application/json',
    );
    await rejected(
      () => send('POST', '/sim/v1/Clock', { headers: JSON_TYPE, body: '{"advanceSeconds":' }),
      400,
      60200,
      'JSON object',
    );
    await rejected(() => sendJson('POST', '/sim/v1/Clock', [600]), 400, 60200, 'JSON object');
  });

  describe('control plane JSON, read as `sim validate` reads a scenario file', () => {
    const put = (body: string | Uint8Array<ArrayBuffer>) => () =>
      send('PUT', `/sim/v1/Phones/${TO}`, { headers: JSON_TYPE, body });

    it('refuses a name given twice, naming both places', async () => {
      await busyService();
      await rejected(
        put('{"voicemail": {"enabled": true}, "voicemail": {"enabled": false}}'),
        400,
        60200,
        '$.voicemail: expected each property given once in an object, found "voicemail" given twice: first at line 1, column 2, then at line 1, column 34',
      );
    });

    it('refuses a byte order mark and bytes that are not UTF-8', async () => {
      await busyService();
      const json = new TextEncoder().encode('{"person": {}}');
      await rejected(put(new Uint8Array([0xef, 0xbb, 0xbf, ...json])), 400, 60200, 'without BOM');
      await rejected(
        put(new Uint8Array([...json.slice(0, -2), 0xc0, 0xaf, 0x7d, 0x7d])),
        400,
        60200,
        'bytes that are not UTF-8 at line 1, column 13',
      );
    });

    it('refuses nesting thousands deep and numbers past a double, at their paths', async () => {
      await busyService();
      const deep = `{"person": ${'['.repeat(8000)}${']'.repeat(8000)}}`;
      await rejected(put(deep), 400, 60200, 'at most 64 levels');
      await rejected(
        put('{"person": {"answerProbability": 1e400}}'),
        400,
        60200,
        '$.person.answerProbability: expected a number within',
      );
    });

    it('keeps the error body bounded for a body of a thousand unknown fields', async () => {
      await busyService();
      const fields = Array.from({ length: 1000 }, (_, i) => `"f${i}":0`).join(',');
      const response = await put(`{"person": {${fields}}}`)();
      expectVerifyError(response, 400, 60200, '$.person.f0: expected no property "f0"');
      const message = String(response.body.message);
      expect(message).toContain('Invalid scenario (1000 problems)');
      expect(message).toContain('… and 950 more problems');
      expect(message.length).toBeLessThan(20_000);
    });
  });

  describe('unknown fields', () => {
    it('refuses a name Verify does not define, naming it and what is read', async () => {
      const sid = await busyService();
      await rejected(
        () =>
          postForm(`/v2/Services/${sid}/Verifications`, { To: TO, Channel: 'sms', Chanel: 'call' }),
        400,
        60200,
        'Chanel: not a Create Verification parameter; the simulator reads To, Channel',
      );
      await rejected(
        () => postForm('/v2/Services', { FriendlyName: 'Bank', friendlyName: 'x' }),
        400,
        60200,
        'friendlyName',
      );
    });

    it('refuses CustomCode, Amount and Payee on a service without the feature (403 / 60204)', async () => {
      const sid = await busyService();
      await rejected(
        () =>
          postForm(`/v2/Services/${sid}/Verifications`, {
            To: TO,
            Channel: 'sms',
            CustomCode: '123456',
          }),
        403,
        60204,
        'CustomCode',
      );
      await rejected(
        () =>
          postForm(`/v2/Services/${sid}/Verifications`, {
            To: TO,
            Channel: 'sms',
            Amount: '10',
            Payee: 'Shop',
          }),
        403,
        60204,
        'Psd2Enabled',
      );
    });

    it('accepts and ignores Verify parameters that change nothing simulated', async () => {
      const sid = (
        await postForm('/v2/Services', {
          FriendlyName: 'Bank',
          TtsName: 'alice',
          LookupEnabled: 'true',
        })
      ).body.sid;
      const started = await postForm(`/v2/Services/${String(sid)}/Verifications`, {
        To: TO,
        Channel: 'sms',
        Locale: 'fr',
        CustomFriendlyName: 'Banque',
        'ChannelConfiguration[from]': 'x',
      });
      expect(started.status).toBe(201);
      expect(model.network.messages(TO)[0]!.body).toMatch(/^Your Bank verification code/);
    });

    it('refuses a parameter passed twice', async () => {
      const sid = await busyService();
      const twice = new URLSearchParams([
        ['To', TO],
        ['To', '+15005550101'],
        ['Channel', 'sms'],
      ]);
      await rejected(
        () => postForm(`/v2/Services/${sid}/Verifications`, twice),
        400,
        60200,
        'To: pass it once',
      );
    });

    it('refuses unknown control plane fields', async () => {
      const sid = await busyService();
      await rejected(
        () => sendJson('PUT', `/sim/v1/Phones/${TO}`, { person: {}, attacker: {} }),
        400,
        60200,
        'attacker',
      );
      await rejected(
        () => sendJson('PUT', `/sim/v1/Services/${sid}`, { strategy: 'amd', digit: 1 }),
        400,
        60200,
        'digit',
      );
      await rejected(
        () => sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 1, seconds: 1 }),
        400,
        60200,
        'seconds',
      );
      await rejected(
        () => sendJson('POST', '/sim/v1/Reset', { everything: true }),
        400,
        60200,
        'everything',
      );
    });
  });

  describe('Basic auth', () => {
    it.each([
      ['no header', null],
      ['another scheme', 'Bearer abc'],
      ['not base64', 'Basic !!!!'],
      ['no colon', `Basic ${btoa('ACtest')}`],
      ['an empty secret', `Basic ${btoa('ACtest:')}`],
      ['an empty user', `Basic ${btoa(':token')}`],
    ])('answers 401 20003 to %s, before reading the body', async (_, auth) => {
      const sid = await busyService();
      await rejected(
        () => postForm('/v2/Services', { FriendlyName: 'Bank' }, auth),
        401,
        20003,
        'Authenticate',
      );
      await rejected(
        () =>
          send('POST', `/v2/Services/${sid}/Verifications`, {
            auth,
            headers: JSON_TYPE,
            body: '{}',
          }),
        401,
        20003,
      );
      await rejected(() => send('GET', `/v2/Services/${sid}`, { auth }), 401, 20003);
      await rejected(() => send('DELETE', `/v2/Services/${sid}`, { auth }), 401, 20003);
    });

    it('takes the scheme in any case and a secret containing colons', async () => {
      const auth = `basic ${btoa('ACtest:to:ken')}`;
      expect((await postForm('/v2/Services', { FriendlyName: 'Bank' }, auth)).body).toMatchObject({
        account_sid: 'ACtest',
      });
    });
  });

  describe('unknown routes', () => {
    it('answers 405 20004 to a method a route does not take', async () => {
      const sid = await busyService();
      await rejected(
        () => send('PUT', `/v2/Services/${sid}`, { headers: FORM, body: 'FriendlyName=x' }),
        405,
        20004,
        'GET, POST, DELETE',
      );
      await rejected(
        () => send('PUT', '/v2/Services', { headers: FORM, body: 'FriendlyName=x' }),
        405,
        20004,
        'POST',
      );
      await rejected(() => send('GET', '/sim/v1/Clock', { auth: null }), 405, 20004, 'POST');
    });

    it('answers 404 20404 to paths it does not serve, however they are encoded', async () => {
      await busyService();
      await rejected(() => send('GET', '/v2/Services/VA1/Nope'), 404, 20404);
      await rejected(() => send('GET', '/v2/Services/%E0%A4%A'), 404, 20404);
      await rejected(() => send('GET', '/sim/v1/Phones/%ZZ/Calls'), 404, 20404);
      await rejected(() => send('GET', '/sim/v1/Nope', { auth: null }), 404, 20404);
      await rejected(() => send('GET', '/v3/Anything'), 404, 20404);
      await rejected(() => send('GET', '/v2/Services/'), 404, 20404);
    });
  });

  describe('the clock', () => {
    it.each([
      ['a negative number', -1],
      ['a string', '600'],
      ['more than a year', 366 * 86_400 + 1],
      ['a huge number', 1e300],
      ['nothing', undefined],
    ])('refuses %s of seconds', async (_, advanceSeconds) => {
      await busyService();
      await rejected(
        () => sendJson('POST', '/sim/v1/Clock', { advanceSeconds }),
        400,
        60200,
        'advanceSeconds',
      );
    });

    it('moves in whole milliseconds', async () => {
      await sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 0.0004 });
      expect(model.clock.nowMs).toBe(model.clock.startEpochMs);
      await sendJson('POST', '/sim/v1/Clock', { advanceSeconds: 1.2345 });
      expect(model.clock.nowMs).toBe(model.clock.startEpochMs + 1235);
    });
  });

  describe('phone setups the engine cannot run', () => {
    it.each([
      ['an endless hello', { person: { greetingSeconds: 1.7e308 } }, 'person.greetingSeconds'],
      [
        'an endless uniform delay',
        { person: { answerDelaySeconds: { uniform: [0, 1e9] } } },
        'person.answerDelaySeconds.uniform',
      ],
      [
        'a wild lognormal',
        { person: { reactionSeconds: { lognormal: { median: 1, sigma: 50 } } } },
        'sigma',
      ],
      ['a day-long beep', { voicemail: { beepSeconds: 86_400 } }, 'voicemail.beepSeconds'],
      [
        'an endless greeting',
        { voicemail: { greeting: [{ speech: 1e12 }] } },
        'voicemail.greeting[0].speech',
      ],
      [
        '15 million tones',
        { voicemail: { greeting: [{ dtmf: '1'.repeat(15_000), repeat: 1000 }] } },
        'voicemail.greeting[0].dtmf',
      ],
    ])('refuses %s, naming it', async (_, setup, named) => {
      await busyService();
      await rejected(() => sendJson('PUT', `/sim/v1/Phones/${TO}`, setup), 400, 60200, named);
    });
  });
});
