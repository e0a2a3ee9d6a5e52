import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveVerifyHttp, type VerifyHttpServer } from './serveHttp.ts';

const AUTH = `Basic ${btoa('ACtest:secret')}`;

describe('the Verify simulator over real HTTP on loopback', () => {
  let served: VerifyHttpServer;
  beforeAll(async () => {
    served = await serveVerifyHttp({ port: 0 });
  });
  afterAll(async () => {
    await served.close();
  });

  it('creates a service and answers errors with the Verify error body', async () => {
    const created = await fetch(`${served.url}/v2/Services`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ FriendlyName: 'Bank', CodeLength: '6' }),
    });
    expect(created.status).toBe(201);
    const service = (await created.json()) as { sid: string; friendly_name: string };
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/);
    expect(service.friendly_name).toBe('Bank');

    const badSend = await fetch(`${served.url}/v2/Services/${service.sid}/Verifications`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: '12345', Channel: 'call' }),
    });
    expect(badSend.status).toBe(400);
    const error = (await badSend.json()) as { code: number; message: string; status: number };
    expect(error).toMatchObject({ code: 60200, status: 400 });
    expect(error.message).toContain('To');
  });

  it('refuses requests without Basic auth', async () => {
    const response = await fetch(`${served.url}/v2/Services`, { method: 'POST' });
    expect(response.status).toBe(401);
  });

  it('answers a 1 MB body with 413 as soon as 16 KiB have arrived', async () => {
    const response = await fetch(`${served.url}/v2/Services`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: `FriendlyName=Bank&TtsName=${'x'.repeat(1_000_000)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 60200, status: 413 });
  });

  it('answers every other path with the Verify error body', async () => {
    const unknown = await fetch(`${served.url}/favicon.ico`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 20404, status: 404 });
    const wrongMethod = await fetch(`${served.url}/sim/v1/Clock`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ code: 20004, status: 405 });
  });
});
