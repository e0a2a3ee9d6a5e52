/**
 * `sim serve` over real HTTP with the official twilio client: credentials checked (accounts and
 * API keys), every URL it hands out on its own address, services updated and deleted, the
 * channels and lines it cannot deliver answered as Verify answers, memory bounded.
 */
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCOUNT,
  serveVerifyHttp,
  type VerifyHttpServer,
} from '../../src/api/node/index.ts';
import { DEFAULT_SETTINGS, VerifyService } from '../../src/api/verifyService.ts';

const OTHER = { sid: `AC${'1'.repeat(32)}`, authToken: 'other-token' };
const KEY = { sid: `SK${'2'.repeat(32)}`, secret: 'key-secret', accountSid: DEFAULT_ACCOUNT.sid };

/** A twilio client aimed at `served`, recording the URL of every request it makes. */
function localClient(served: VerifyHttpServer, user: string, secret: string, accountSid?: string) {
  const fetched: string[] = [];
  const httpClient = new twilio.RequestClient();
  const request = httpClient.request.bind(httpClient);
  httpClient.request = (opts) => {
    fetched.push(opts.uri);
    return request(opts);
  };
  const client = twilio(user, secret, { httpClient, ...(accountSid ? { accountSid } : {}) });
  client.verify.baseUrl = served.url;
  return { client, fetched };
}

describe('sim serve with accounts', () => {
  let served: VerifyHttpServer;
  beforeAll(async () => {
    served = await serveVerifyHttp({
      port: 0,
      auth: { mode: 'registered', accounts: [DEFAULT_ACCOUNT, OTHER], keys: [KEY] },
    });
  });
  afterAll(async () => {
    await served.close();
  });

  it("pages through list, each and nextPage without leaving the server's address", async () => {
    const { client, fetched } = localClient(served, DEFAULT_ACCOUNT.sid, DEFAULT_ACCOUNT.authToken);
    const created = [];
    for (const name of ['A', 'B', 'C']) {
      created.push((await client.verify.v2.services.create({ friendlyName: name })).sid);
    }
    const listed = await client.verify.v2.services.list({ pageSize: 1 });
    expect(listed.map((s) => s.sid)).toEqual(created);
    const each: string[] = [];
    await new Promise<void>((done) => {
      client.verify.v2.services.each({
        pageSize: 1,
        callback: (s) => {
          each.push(s.sid);
        },
        done: () => done(),
      });
    });
    expect(each).toEqual(created);
    const first = await client.verify.v2.services.page({ pageSize: 1 });
    const second = await first.nextPage();
    expect(second?.instances.map((s) => s.sid)).toEqual([created[1]]);
    expect(first.instances[0]!.url).toBe(`${served.url}/v2/Services/${created[0]}`);
    expect(fetched.length).toBe(3 + 3 + 3 + 2);
    expect(fetched.filter((url) => !url.startsWith(`${served.url}/`))).toEqual([]);
  });

  it('refuses a wrong token, an unknown account and a wrong key secret with 401 / 20003', async () => {
    for (const [user, secret] of [
      [DEFAULT_ACCOUNT.sid, 'wrong-token'],
      [`AC${'9'.repeat(32)}`, DEFAULT_ACCOUNT.authToken],
      [KEY.sid, 'wrong-secret'],
      [OTHER.sid, DEFAULT_ACCOUNT.authToken],
    ]) {
      const accountSid = user!.startsWith('SK') ? DEFAULT_ACCOUNT.sid : undefined;
      const { client } = localClient(served, user!, secret!, accountSid);
      await expect(client.verify.v2.services.list()).rejects.toMatchObject({
        status: 401,
        code: 20003,
        message: 'Authenticate',
      });
    }
  });

  it("lets an API key see its account's services, and no other account's", async () => {
    const owner = localClient(served, DEFAULT_ACCOUNT.sid, DEFAULT_ACCOUNT.authToken).client;
    const sid = (await owner.verify.v2.services.create({ friendlyName: 'Keyed' })).sid;
    const key = localClient(served, KEY.sid, KEY.secret, DEFAULT_ACCOUNT.sid).client;
    expect((await key.verify.v2.services(sid).fetch()).accountSid).toBe(DEFAULT_ACCOUNT.sid);
    const other = localClient(served, OTHER.sid, OTHER.authToken).client;
    await expect(other.verify.v2.services(sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('adds accounts and keys through the control plane', async () => {
    const post = async (path: string, body: unknown) =>
      (await fetch(`${served.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, string>;
    const account = await post('/sim/v1/Accounts', {});
    expect(account.sid).toMatch(/^AC[0-9a-f]{32}$/);
    const key = await post(`/sim/v1/Accounts/${account.sid}/Keys`, {});
    expect(key).toMatchObject({ sid: expect.stringMatching(/^SK[0-9a-f]{32}$/) as unknown });
    const client = localClient(served, key.sid!, key.secret!, account.sid).client;
    expect(await client.verify.v2.services.list()).toEqual([]);
  });

  it('updates and deletes a service with Verify’s answers', async () => {
    const { client } = localClient(served, OTHER.sid, OTHER.authToken);
    const service = await client.verify.v2.services.create({ friendlyName: 'x'.repeat(32) });
    const updated = await client.verify.v2
      .services(service.sid)
      .update({ friendlyName: 'Bank', codeLength: 8, psd2Enabled: true });
    expect(updated).toMatchObject({ friendlyName: 'Bank', codeLength: 8, psd2Enabled: true });
    await expect(
      client.verify.v2.services.create({ friendlyName: 'x'.repeat(33) }),
    ).rejects.toMatchObject({ status: 400, code: 60200 });
    expect(await client.verify.v2.services(service.sid).remove()).toBe(true);
    await expect(client.verify.v2.services(service.sid).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it('answers the channels and lines it cannot deliver as Verify does', async () => {
    const { client } = localClient(served, OTHER.sid, OTHER.authToken);
    const sid = (await client.verify.v2.services.create({ friendlyName: 'Bank' })).sid;
    const start = (to: string, channel: string) =>
      client.verify.v2.services(sid).verifications.create({ to, channel });
    await expect(start('a@example.com', 'email')).rejects.toMatchObject({ code: 60217 });
    await expect(start('+15005550101', 'whatsapp')).rejects.toMatchObject({ code: 68008 });
    await expect(start('+15005550101', 'sna')).rejects.toMatchObject({ code: 60223 });
    const line = (number: string, type: string) =>
      fetch(`${served.url}/sim/v1/Phones/${number}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ line: type }),
      });
    await line('+15005550102', 'invalid');
    await expect(start('+15005550102', 'sms')).rejects.toMatchObject({ status: 400, code: 60200 });
    await line('+15005550103', 'blocked');
    await expect(start('+15005550103', 'call')).rejects.toMatchObject({ status: 403, code: 60605 });
    await line('+15005550104', 'landline');
    expect((await start('+15005550104', 'sms')).status).toBe('pending');
    const messages = (await (
      await fetch(`${served.url}/sim/v1/Phones/+15005550104/Messages`)
    ).json()) as { messages: unknown[] };
    expect(messages.messages).toEqual([]);
    await client.verify.v2.services(sid).update({ lookupEnabled: true, skipSmsToLandlines: true });
    await expect(start('+15005550104', 'sms')).rejects.toMatchObject({ status: 403, code: 60205 });
  });

  it('takes texts on a busy line, and its calls never arrive', async () => {
    const { client } = localClient(served, OTHER.sid, OTHER.authToken);
    const sid = (await client.verify.v2.services.create({ friendlyName: 'Bank' })).sid;
    const busy = '+15005550105';
    await fetch(`${served.url}/sim/v1/Phones/${busy}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ line: 'busy' }),
    });
    const start = (channel: string) =>
      client.verify.v2.services(sid).verifications.create({ to: busy, channel });
    expect((await start('call')).status).toBe('pending');
    const phone = (what: string) =>
      fetch(`${served.url}/sim/v1/Phones/${busy}/${what}`).then((r) => r.json());
    expect((await phone('Calls')).calls).toEqual([]);
    expect((await start('sms')).status).toBe('pending');
    expect((await phone('Messages')).messages).toHaveLength(1);
  });
});

describe('memory after 100,000 verifications', () => {
  it('holds only the verifications of the last 10 minutes (their lifetime)', () => {
    const model = new VerifyService();
    const service = model.createService('ACx', { ...DEFAULT_SETTINGS, friendlyName: 'Bank' });
    let most = { verifications: 0, codes: 0, sendWindows: 0, phones: 0 };
    for (let i = 0; i < 100_000; i++) {
      // A new number every 100 ms of simulated time: 6,000 in any 10 minutes.
      model.startVerification(service.sid, `+1500${String(i).padStart(7, '0')}`, 'sms');
      model.clock.advance(100);
      const sizes = model.storeSizes();
      most = {
        verifications: Math.max(most.verifications, sizes.verifications),
        codes: Math.max(most.codes, sizes.codes),
        sendWindows: Math.max(most.sendWindows, sizes.sendWindows),
        phones: Math.max(most.phones, sizes.phones),
      };
    }
    expect(most).toEqual({ verifications: 6000, codes: 6000, sendWindows: 6000, phones: 6000 });
  });
});

describe('sim serve control plane over HTTP: clock mode and the press-a-number flow', () => {
  let served: VerifyHttpServer;
  beforeAll(async () => {
    served = await serveVerifyHttp({ port: 0 });
  });
  afterAll(async () => {
    await served.close();
  });

  const control = (method: string, path: string, body: unknown) =>
    fetch(`${served.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('switches the clock to real time and back, never going backwards', async () => {
    const simulated = await (await control('POST', '/sim/v1/Clock', { advanceSeconds: 0 })).json();
    expect(Date.parse(simulated.now)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    const before = Date.now();
    const real = await control('POST', '/sim/v1/Clock', { mode: 'real' });
    expect(real.status).toBe(200);
    const realBody = await real.json();
    expect(realBody.mode).toBe('real');
    // The real clock is ahead of the simulated start, so it is followed as it is.
    expect(Date.parse(realBody.now)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(realBody.now)).toBeLessThanOrEqual(Date.now() + 1000);
    const back = await (await control('POST', '/sim/v1/Clock', { mode: 'simulated' })).json();
    expect(back.mode).toBe('simulated');
    expect(Date.parse(back.now)).toBeGreaterThanOrEqual(Date.parse(realBody.now));
  });

  it('refuses a clock mode it does not know, naming the field', async () => {
    const refused = await control('POST', '/sim/v1/Clock', { mode: 'fast' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toContain('mode');
  });

  it("sets a service's press-a-number flow and refuses a flow it does not know", async () => {
    const { client } = localClient(served, DEFAULT_ACCOUNT.sid, DEFAULT_ACCOUNT.authToken);
    const service = await client.verify.v2.services.create({
      friendlyName: 'Bank',
      dtmfInputRequired: true,
    });
    const set = await control('PUT', `/sim/v1/Services/${service.sid}`, {
      dtmfStrategy: 'static-prompt',
    });
    expect(set.status).toBe(200);
    expect((await set.json()).dtmfStrategy).toBe('static-prompt');
    const refused = await control('PUT', `/sim/v1/Services/${service.sid}`, {
      dtmfStrategy: 'press-anything',
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toContain('dtmfStrategy');
  });
});
