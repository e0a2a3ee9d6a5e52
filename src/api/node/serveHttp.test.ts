import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { serveVerifyHttp, type VerifyHttpServer } from './serveHttp.ts';

const AUTH = `Basic ${btoa(`AC${'0'.repeat(32)}:voice-otp-lab-test-token`)}`;

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

/** Sends `head` to the server, then `drip` one byte every 20 ms until the server closes. */
function slowClient(url: string, head: string, drip: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let timer: ReturnType<typeof setInterval> | undefined;
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => {
      socket.write(head);
      timer = setInterval(() => socket.write(drip), 20);
    });
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Buffer.concat(chunks).toString());
    });
  });
}

/** Writes `raw` and half-closes; resolves with everything the server wrote back. */
function rawRequest(url: string, raw: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.end(raw));
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}

/** The status and the JSON body of a raw HTTP/1.1 answer. */
function parseAnswer(raw: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  return { status, body: JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as unknown };
}

describe('the HTTP layer of sim serve', () => {
  let served: VerifyHttpServer;
  beforeAll(async () => {
    served = await serveVerifyHttp({ port: 0, timeouts: { headersMs: 200, requestMs: 400 } });
  });
  afterAll(async () => {
    await served.close();
  });

  it('answers a request line it cannot read with 400 in Twilio’s error shape', async () => {
    const answer = parseAnswer(
      await rawRequest(served.url, 'GET //%/x HTTP/1.1\r\nHost: [\r\n\r\n'),
    );
    expect(answer.status).toBe(404);
    const garbage = parseAnswer(await rawRequest(served.url, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage).toEqual({
      status: 400,
      body: {
        code: 60200,
        message:
          'Invalid parameter: request: not HTTP/1.1 the server can read (HPE_INVALID_METHOD)',
        more_info: 'https://www.twilio.com/docs/errors/60200',
        status: 400,
      },
    });
    const target = parseAnswer(await rawRequest(served.url, 'GET * HTTP/1.1\r\nHost: a\r\n\r\n'));
    expect(target.status).toBe(400);
    expect(target.body).toMatchObject({ code: 60200, status: 400 });
  });

  it('answers headers over 16 KiB with 431', async () => {
    const raw = `GET /v2/Services HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`;
    const answer = parseAnswer(await rawRequest(served.url, raw));
    expect(answer).toMatchObject({ status: 431, body: { code: 60200, status: 431 } });
  });

  it('closes slow clients with 408 while answering everyone else', async () => {
    const slowHeaders = Array.from({ length: 20 }, () =>
      slowClient(served.url, 'POST /v2/Services HTTP/1.1\r\nHost: a\r\nX-Slow: ', 'x'),
    );
    const slowBody = slowClient(
      served.url,
      'POST /sim/v1/Clock HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      ' ',
    );
    const meanwhile = await fetch(`${served.url}/v2/Services`, {
      headers: { authorization: AUTH },
    });
    expect(meanwhile.status).toBe(200);
    for (const answer of [...(await Promise.all(slowHeaders)), await slowBody]) {
      expect(parseAnswer(answer)).toMatchObject({
        status: 408,
        body: { code: 60200, status: 408 },
      });
    }
  });
});
