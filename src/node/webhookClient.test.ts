import http from 'node:http';
import net from 'node:net';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import type { TwimlRequest, TwimlResponse } from '../twiml/webhook.ts';
import {
  nodeWebhookClient,
  requestUrl,
  twilioSignature,
  type NodeWebhookClient,
} from './webhookClient.ts';

const AUTH_TOKEN = 'webhook-client-test-token';
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>';

/** Parameters as the engine builds them, with an empty value and text outside ASCII. */
const PARAMS = {
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  AccountSid: `AC${'0'.repeat(32)}`,
  From: '+15005550006',
  To: '+15005550199',
  CallStatus: 'in-progress',
  Direction: 'outbound-api',
  ApiVersion: '2010-04-01',
  Digits: '',
  Code: '123456',
  CallSeed: '42',
  Greeting: 'Grüße – 日本語 😀 a+b&c=d %20',
};

/** What a test server saw of one request. */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const servers: http.Server[] = [];
const clients: NodeWebhookClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const server of servers.splice(0)) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

/** An HTTP server on a free loopback port; `received` lists its requests. */
async function serve(handler: Handler) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  // No idle timeout: a connection the client leaves open stays open, and close() waits for it.
  server.keepAliveTimeout = 0;
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  return { server, received, origin: `http://127.0.0.1:${port}` };
}

function answer(status: number, contentType: string | null, body: string): Handler {
  return (_req, res) => {
    if (contentType !== null) res.setHeader('Content-Type', contentType);
    res.statusCode = status;
    res.end(body); // with Content-Length
  };
}

function client(options: Partial<Parameters<typeof nodeWebhookClient>[0]> = {}) {
  const created = nodeWebhookClient({ authToken: AUTH_TOKEN, ...options });
  clients.push(created);
  return created;
}

function post(url: string, params: Record<string, string> = PARAMS): TwimlRequest {
  return { url, method: 'POST', params };
}

/** A port nothing listens on: listened on, then closed. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

function failureOf(response: TwimlResponse) {
  if (response.ok) throw new Error(`expected a failure, got ${response.body}`);
  return response;
}

describe('twilioSignature', () => {
  it("matches Twilio's documented example (HMAC-SHA1 over URL + sorted name/value pairs)", () => {
    // The example of https://www.twilio.com/docs/usage/webhooks/webhooks-security, auth token 12345.
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it("equals the official library's expected signature, unicode and empty values included", () => {
    const url = 'https://example.com/voice?x=1';
    expect(twilioSignature(AUTH_TOKEN, url, PARAMS)).toBe(
      twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, PARAMS),
    );
  });
});

describe('requestUrl', () => {
  it('appends GET parameters, form-encoded, after the query the URL already has', () => {
    const url = requestUrl({
      url: 'http://127.0.0.1:3000/voice?reask=same#top',
      method: 'GET',
      params: { CallSid: 'CA1', Greeting: 'a b&c' },
    });
    expect(url.href).toBe('http://127.0.0.1:3000/voice?reask=same&CallSid=CA1&Greeting=a+b%26c');
  });

  it('starts the query when there is none, and keeps a POST URL as written minus its fragment', () => {
    const get = requestUrl({ url: 'http://h/voice', method: 'GET', params: { A: '1' } });
    const bare = requestUrl({ url: 'http://h/voice?', method: 'GET', params: { A: '1' } });
    const postUrl = requestUrl({ url: 'http://h/voice?q=1#f', method: 'POST', params: { A: '1' } });
    expect([get.href, bare.href, postUrl.href]).toEqual([
      'http://h/voice?A=1',
      'http://h/voice?A=1',
      'http://h/voice?q=1',
    ]);
  });
});

describe('nodeWebhookClient', () => {
  it('POSTs the parameters form-encoded, exactly, signed as the official validator expects', async () => {
    const { origin, received } = await serve(answer(200, 'text/xml', TWIML));
    const url = `${origin}/voice?reask=same`;
    const response = await client().request(post(url));

    expect(response).toEqual({ ok: true, body: TWIML, status: 200 });
    const [seen] = received;
    expect(seen!.method).toBe('POST');
    expect(seen!.url).toBe('/voice?reask=same');
    expect(seen!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const sent = Object.fromEntries(new URLSearchParams(seen!.body));
    expect(sent).toEqual(PARAMS);
    const signature = seen!.headers['x-twilio-signature'] as string;
    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, sent)).toBe(true);
    expect(twilio.validateRequest('another-token', signature, url, sent)).toBe(false);
  });

  it('GETs with the parameters in the query string, signed over the URL alone', async () => {
    const { origin, received } = await serve(answer(200, 'application/xml', TWIML));
    const response = await client().request({
      url: `${origin}/voice?reask=new&tries=3`,
      method: 'GET',
      params: PARAMS,
    });

    expect(response.ok).toBe(true);
    const [seen] = received;
    expect(seen!.method).toBe('GET');
    expect(seen!.body).toBe('');
    const query = new URLSearchParams(seen!.url.slice(seen!.url.indexOf('?')));
    expect(Object.fromEntries(query)).toEqual({ reask: 'new', tries: '3', ...PARAMS });
    const signature = seen!.headers['x-twilio-signature'] as string;
    expect(twilio.validateRequest(AUTH_TOKEN, signature, origin + seen!.url, {})).toBe(true);
  });

  it('keeps connections alive: requests in turn share one connection', async () => {
    const { server, origin } = await serve(answer(200, 'text/xml', TWIML));
    let connections = 0;
    server.on('connection', () => connections++);
    const webhooks = client();
    for (let i = 0; i < 3; i++) await webhooks.request(post(`${origin}/voice`));
    expect(connections).toBe(1);
  });

  it('sends once more, on a new connection, when a kept-alive connection is closed under it', async () => {
    const served = new WeakMap<net.Socket, number>();
    const { server, origin, received } = await serve((req, res, _body) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      // The second request on a connection finds it closed, as after an idle timeout.
      if (count === 2) req.socket.destroy();
      else answer(200, 'text/xml', TWIML)(req, res, _body);
    });
    let connections = 0;
    server.on('connection', () => connections++);
    const webhooks = client();
    const first = await webhooks.request(post(`${origin}/voice`));
    const second = await webhooks.request(post(`${origin}/voice`));
    expect([first.ok, second.ok, received.length, connections]).toEqual([true, true, 3, 2]);
  });

  it('does not send again when a new connection is closed before the answer', async () => {
    const { origin, received } = await serve((req) => req.socket.destroy());
    const response = failureOf(await client().request(post(`${origin}/voice`)));
    expect(response).toMatchObject({ kind: 'unreachable', twilioCode: 11205, status: null });
    expect(response.message).toMatch(
      /^no connection to 127\.0\.0\.1:\d+: ECONNRESET socket hang up$/,
    );
    expect(received).toHaveLength(1);
  });

  it('answers unreachable (11205) when the connection is refused', async () => {
    const port = await freePort();
    const response = failureOf(await client().request(post(`http://127.0.0.1:${port}/voice`)));
    expect(response).toMatchObject({ kind: 'unreachable', twilioCode: 11205, status: null });
    expect(response.message).toMatch(new RegExp(`^no connection to 127\\.0\\.0\\.1:${port}: `));
    expect(response.message).toContain('ECONNREFUSED');
  });

  it('answers unreachable (11210) when the host name does not resolve', async () => {
    // .invalid never resolves (RFC 6761 §6.4).
    const response = failureOf(await client().request(post('http://voice.invalid/voice')));
    expect(response).toMatchObject({ kind: 'unreachable', twilioCode: 11210, status: null });
    expect(response.message).toMatch(/^the host name "voice\.invalid" does not resolve \(E/);
  });

  it('answers unreachable (11100) for a URL that is not http: or https:', async () => {
    const webhooks = client();
    const ftp = failureOf(await webhooks.request(post('ftp://127.0.0.1/voice')));
    const junk = failureOf(await webhooks.request(post('/voice')));
    expect([ftp, junk]).toEqual([
      {
        ok: false,
        kind: 'unreachable',
        twilioCode: 11100,
        message: 'ftp: URLs are not fetched (expected http: or https:): "ftp://127.0.0.1/voice"',
        status: null,
      },
      {
        ok: false,
        kind: 'unreachable',
        twilioCode: 11100,
        message: 'not a URL: "/voice"',
        status: null,
      },
    ]);
  });

  it('answers unreachable (11206) when the answer is not HTTP', { timeout: 10_000 }, async () => {
    // Reads what it is sent (so it sees the client close), answers with something else than HTTP.
    const raw = net.createServer((socket) => socket.resume().end('HELLO\r\n\r\n'));
    await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done));
    try {
      const { port } = raw.address() as net.AddressInfo;
      const response = failureOf(await client().request(post(`http://127.0.0.1:${port}/voice`)));
      expect(response).toMatchObject({ kind: 'unreachable', twilioCode: 11206, status: null });
      expect(response.message).toMatch(/^the answer from 127\.0\.0\.1:\d+ is not valid HTTP: /);
    } finally {
      await new Promise((done) => raw.close(done));
    }
  });

  it('answers timeout (11205) when no answer comes within timeoutMs', async () => {
    const { origin, received } = await serve(() => {}); // reads the request, never answers
    const response = await client({ timeoutMs: 200 }).request(post(`${origin}/voice`));
    expect(response).toEqual({
      ok: false,
      kind: 'timeout',
      twilioCode: 11205,
      message: 'no answer within 200 ms',
      status: null,
    });
    expect(received).toHaveLength(1);
  });

  it('answers http-status (11200) with the status and the start of the body for non-2xx', async () => {
    const { origin } = await serve(answer(500, 'text/plain', 'Internal Server Error: boom\n'));
    const response = await client().request(post(`${origin}/voice`));
    expect(response).toEqual({
      ok: false,
      kind: 'http-status',
      twilioCode: 11200,
      message: 'HTTP 500 Internal Server Error: "Internal Server Error: boom"',
      status: 500,
    });
  });

  it('does not follow redirects: a 302 is an http-status failure', async () => {
    const { origin } = await serve((_req, res) => res.writeHead(302, { Location: '/x' }).end());
    const response = failureOf(await client().request(post(`${origin}/voice`)));
    expect(response).toMatchObject({ kind: 'http-status', twilioCode: 11200, status: 302 });
  });

  it('answers not-twiml (12100) for an HTML page served as text/html', async () => {
    const page = '<!DOCTYPE html><html><body>Hello</body></html>';
    const { origin } = await serve(answer(200, 'text/html; charset=utf-8', page));
    const response = await client().request(post(`${origin}/voice`));
    expect(response).toEqual({
      ok: false,
      kind: 'not-twiml',
      twilioCode: 12100,
      message: `expected a TwiML document (<Response> after an optional XML declaration); found "${page}"`,
      status: 200,
    });
  });

  it('answers not-twiml (12100) for white space before the XML declaration, or no body', async () => {
    const webhooks = client();
    const spaced = await serve(answer(200, 'text/xml', `\n${TWIML}`));
    const empty = await serve(answer(200, 'text/xml', ''));
    const [leading, none] = (
      await Promise.all([
        webhooks.request(post(`${spaced.origin}/voice`)),
        webhooks.request(post(`${empty.origin}/voice`)),
      ])
    ).map(failureOf);
    expect(leading).toMatchObject({ kind: 'not-twiml', twilioCode: 12100 });
    expect(none!.message).toBe(
      'expected a TwiML document (<Response> after an optional XML declaration); found an empty body',
    );
  });

  it('accepts a <Response> with no declaration, after comments, or self-closed', async () => {
    const bodies = ['<Response/>', '<!-- hi -->\n<Response>\n</Response>', '\uFEFF' + TWIML];
    const webhooks = client();
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const { origin } = await serve(answer(200, 'text/xml', body));
        return webhooks.request(post(`${origin}/voice`));
      }),
    );
    // The byte-order mark is not part of the text.
    expect(answers.map((a) => a.ok && a.body)).toEqual([bodies[0], bodies[1], TWIML]);
  });

  it('answers not-twiml (12300) for a Content-Type Twilio does not run as TwiML, or none', async () => {
    const webhooks = client();
    const json = await serve(answer(200, 'application/json', '{"ok":true}'));
    const plain = await serve(answer(200, 'text/plain', TWIML));
    const untyped = await serve((_req, res) => {
      res.removeHeader('Content-Type');
      res.writeHead(200).end(TWIML);
    });
    const found = await Promise.all(
      [json, plain, untyped].map(async ({ origin }) =>
        failureOf(await webhooks.request(post(`${origin}/voice`))),
      ),
    );
    expect(found.map((f) => [f.kind, f.twilioCode, f.message])).toEqual([
      [
        'not-twiml',
        12300,
        'expected Content-Type text/xml, application/xml or text/html; found "application/json"',
      ],
      [
        'not-twiml',
        12300,
        'expected Content-Type text/xml, application/xml or text/html; found "text/plain" (Twilio would read text or play audio; the simulator runs TwiML only)',
      ],
      [
        'not-twiml',
        12300,
        'expected Content-Type text/xml, application/xml or text/html; found none',
      ],
    ]);
  });

  it('answers not-twiml (11750) for a body over maxBodyBytes, declared or streamed', async () => {
    const big = `<Response><Say>${'a'.repeat(200)}</Say></Response>`;
    const declared = await serve(answer(200, 'text/xml', big));
    const streamed = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' }); // chunked: no Content-Length
      res.write(big.slice(0, 100));
      res.end(big.slice(100));
    });
    const webhooks = client({ maxBodyBytes: 100 });
    const [byLength, byStream] = await Promise.all(
      [declared, streamed].map(async ({ origin }) =>
        failureOf(await webhooks.request(post(`${origin}/voice`))),
      ),
    );
    expect(byLength).toEqual({
      ok: false,
      kind: 'not-twiml',
      twilioCode: 11750,
      message: `the body is ${big.length} bytes, over the limit of 100 bytes`,
      status: 200,
    });
    expect(byStream!.message).toBe('the body is more than the limit of 100 bytes');
  });

  it('reads a body of exactly maxBodyBytes', async () => {
    const { origin } = await serve(answer(200, 'text/xml', TWIML));
    const response = await client({ maxBodyBytes: Buffer.byteLength(TWIML) }).request(
      post(`${origin}/voice`),
    );
    expect(response.ok).toBe(true);
  });

  it(
    'close() ends requests in flight and leaves no connection or timer open',
    { timeout: 10_000 },
    async () => {
      const idle = await serve(answer(200, 'text/xml', TWIML)); // its connection stays in the pool
      const silent = await serve(() => {}); // never answers
      const connections: net.Socket[] = [];
      for (const { server } of [idle, silent]) server.on('connection', (c) => connections.push(c));
      const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const webhooks = nodeWebhookClient({ authToken: AUTH_TOKEN, timeoutMs: 60_000 });
      expect((await webhooks.request(post(`${idle.origin}/voice`))).ok).toBe(true);
      const pending = webhooks.request(post(`${silent.origin}/voice`));
      await new Promise<void>((done) => silent.server.once('request', () => done()));

      await webhooks.close();
      expect(await pending).toEqual({
        ok: false,
        kind: 'unreachable',
        twilioCode: 11205,
        message: 'the webhook client was closed',
        status: null,
      });
      // The client closed its end of each connection: the servers see them all close.
      expect(connections).toHaveLength(2);
      await Promise.all(
        connections.map((c) =>
          c.closed ? Promise.resolve() : new Promise((done) => c.once('close', done)),
        ),
      );
      const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      expect(timersAfter).toBe(timersBefore);
      expect(await webhooks.request(post(`${idle.origin}/voice`))).toEqual(await pending);
    },
  );
});
