import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  promptDigit,
  spokenDigits,
  startServer,
  type StartedServer,
} from '../../examples/verify-server/server.ts';
import {
  nodeWebhookClient,
  twilioSignature,
  type NodeWebhookClient,
} from '../../src/node/webhookClient.ts';
import type { TwimlMethod } from '../../src/twiml/document.ts';

/**
 * examples/verify-server, driven as the simulator drives it: signed requests from the node
 * webhook client, the Gather's action URL followed as Twilio follows it.
 */

const AUTH_TOKEN = 'verify-server-test-token';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';

/** A call's parameters, as the engine sends them. */
function callParams(callSeed: string): Record<string, string> {
  return {
    CallSid: 'CA0123456789abcdef0123456789abcdef',
    AccountSid: `AC${'0'.repeat(32)}`,
    From: '+15005550006',
    To: '+15005550199',
    CallStatus: 'in-progress',
    Direction: 'outbound-api',
    ApiVersion: '2010-04-01',
    Code: '123456',
    CallSeed: callSeed,
  };
}

let server: StartedServer;
let webhooks: NodeWebhookClient;

beforeAll(async () => {
  server = await startServer({ port: 0, authToken: AUTH_TOKEN });
  webhooks = nodeWebhookClient({ authToken: AUTH_TOKEN });
});
afterAll(async () => {
  await webhooks.close();
  await server.close();
});

/** The TwiML at `path` (relative to the server), or the failure's message as an error. */
async function twiml(
  path: string,
  params: Record<string, string>,
  method: TwimlMethod = 'POST',
): Promise<string> {
  const response = await webhooks.request({ url: new URL(path, server.url).href, method, params });
  if (!response.ok) throw new Error(response.message);
  return response.body;
}

/** The action of the document's first Gather, as written (XML-unescaped). */
function gatherAction(document: string): string {
  return /<Gather [^>]*action="([^"]*)"/.exec(document)![1]!.replaceAll('&amp;', '&');
}

/** The key the document's first prompt asks for. */
function askedKey(document: string): string {
  return /Press (\d) to hear/.exec(document)![1]!;
}

/** The document asking for `key`, its first Gather prefaced by `first`. */
function promptDocument(key: string, action: string, first = ''): string {
  const gather = (text: string) =>
    `<Gather numDigits="1" action="${action.replaceAll('&', '&amp;')}" method="POST">` +
    `<Say>${text}Press ${key} to hear your verification code.</Say></Gather>`;
  return `${XML}<Response>${gather(first)}${gather('')}<Say>Goodbye.</Say><Hangup/></Response>`;
}

const READ_CODE = (times: number) =>
  `${XML}<Response><Say loop="${times}">Your verification code is 1 2 3 4 5 6.</Say><Hangup/></Response>`;
const HANG_UP = `${XML}<Response><Hangup/></Response>`;

/** A key other than `key`. */
function wrongKey(key: string): string {
  return String((Number(key) + 1) % 10);
}

describe('examples/verify-server', () => {
  it('asks for the key drawn from CallSeed, twice (no input re-prompts once), then says goodbye', async () => {
    const document = await twiml('/voice', callParams('7'));
    expect(document).toBe(
      promptDocument(promptDigit('7', 1), '/voice/check?reask=hangup&tries=3&repeat=3&attempt=1'),
    );
  });

  it('reads the code digit by digit, `repeat` times, for the right key', async () => {
    const params = callParams('11');
    const prompt = await twiml('/voice?repeat=2', params);
    const key = askedKey(prompt);
    const answer = await twiml(gatherAction(prompt), { ...params, Digits: key });
    expect(answer).toBe(READ_CODE(2));
  });

  it('hangs up on a wrong key by default: the first key decides', async () => {
    const params = callParams('12');
    const prompt = await twiml('/voice', params);
    const answer = await twiml(gatherAction(prompt), {
      ...params,
      Digits: wrongKey(askedKey(prompt)),
    });
    expect(answer).toBe(HANG_UP);
  });

  it('reask=same asks again for the same key, `tries` keys in all, then hangs up', async () => {
    const params = callParams('13');
    const key = promptDigit('13', 1);
    let document = await twiml('/voice?reask=same&tries=3', params);
    for (const attempt of [2, 3]) {
      document = await twiml(gatherAction(document), { ...params, Digits: wrongKey(key) });
      const action = `/voice/check?reask=same&tries=3&repeat=3&attempt=${attempt}`;
      expect(document).toBe(promptDocument(key, action, 'That is not the right key. '));
    }
    expect(await twiml(gatherAction(document), { ...params, Digits: key })).toBe(READ_CODE(3));
    expect(await twiml(gatherAction(document), { ...params, Digits: wrongKey(key) })).toBe(HANG_UP);
  });

  it('reask=new asks for a new draw from CallSeed after each wrong key', async () => {
    const params = callParams('14');
    let document = await twiml('/voice?reask=new&tries=3', params);
    expect(askedKey(document)).toBe(promptDigit('14', 1));
    for (const attempt of [2, 3]) {
      document = await twiml(gatherAction(document), {
        ...params,
        Digits: wrongKey(askedKey(document)),
      });
      expect(askedKey(document)).toBe(promptDigit('14', attempt));
    }
    // The key asked last is the right one now, whatever the first was.
    const last = promptDigit('14', 3);
    expect(await twiml(gatherAction(document), { ...params, Digits: last })).toBe(READ_CODE(3));
  });

  it('key=1 always asks for 1, and with reask=same gives `tries` tries at it', async () => {
    const params = callParams('15');
    let document = await twiml('/voice?key=1&reask=same&tries=3', params);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(askedKey(document)).toBe('1');
      expect(gatherAction(document)).toBe(
        `/voice/check?reask=same&tries=3&repeat=3&attempt=${attempt}&key=1`,
      );
      if (attempt < 3) document = await twiml(gatherAction(document), { ...params, Digits: '2' });
    }
    expect(await twiml(gatherAction(document), { ...params, Digits: '1' })).toBe(READ_CODE(3));
    await expect(twiml('/voice?key=12', params)).rejects.toThrow('key must be one digit 0-9');
  });

  it('answers GET requests too, with the parameters in the query string', async () => {
    const params = callParams('15');
    const prompt = await twiml('/voice', params, 'GET');
    const key = askedKey(prompt);
    expect(await twiml(gatherAction(prompt), { ...params, Digits: key }, 'GET')).toBe(READ_CODE(3));
  });

  it('refuses a request signed with another auth token (403)', async () => {
    const stranger = nodeWebhookClient({ authToken: 'not-the-token' });
    try {
      const response = await stranger.request({
        url: `${server.url}/voice`,
        method: 'POST',
        params: callParams('7'),
      });
      expect(response).toMatchObject({ ok: false, kind: 'http-status', status: 403 });
    } finally {
      await stranger.close();
    }
  });

  it('answers 400 with what is wrong for bad options or a missing parameter', async () => {
    const failures = await Promise.all(
      [
        ['/voice?reask=maybe', callParams('7')],
        ['/voice?tries=0', callParams('7')],
        ['/voice', { CallSid: 'CA1' }],
        ['/voice/check', { ...callParams('7'), Code: '', Digits: '1' }],
      ].map(async ([path, params]) => {
        const response = await webhooks.request({
          url: `${server.url}${path as string}`,
          method: 'POST',
          params: params as Record<string, string>,
        });
        return response.ok ? null : [response.status, response.message];
      }),
    );
    expect(failures).toEqual([
      [400, 'HTTP 400 Bad Request: "reask must be hangup, same or new; found "maybe""'],
      [400, 'HTTP 400 Bad Request: "tries must be a whole number from 1 to 10; found "0""'],
      [400, 'HTTP 400 Bad Request: "the CallSeed parameter is missing (the simulator sends it)"'],
      [400, 'HTTP 400 Bad Request: "the Code parameter must be digits; found """'],
    ]);
  });

  it('asks for the same key on every request of a call (same CallSeed)', async () => {
    const documents = await Promise.all([1, 2, 3].map(() => twiml('/voice', callParams('99'))));
    expect(new Set(documents).size).toBe(1);
    expect(askedKey(documents[0]!)).toBe(promptDigit('99', 1));
  });

  it('asks for every key 0-9 over CallSeeds 0 to 39', async () => {
    const keys = await Promise.all(
      Array.from({ length: 40 }, async (_, seed) =>
        askedKey(await twiml('/voice', callParams(String(seed)))),
      ),
    );
    expect(new Set(keys)).toEqual(new Set('0123456789'));
  });
});

describe('promptDigit', () => {
  it('is the first 4 bytes of SHA-256("CallSeed:draw"), big-endian, mod 10', () => {
    // `printf '7:1' | sha256sum` begins d7a0cee7; 0xd7a0cee7 = 3617640167, which ends in 7.
    expect(promptDigit('7', 1)).toBe('7');
  });
});

describe('spokenDigits', () => {
  it('spaces the digits so they are read one by one', () => {
    expect(spokenDigits('042199')).toBe('0 4 2 1 9 9');
  });
});

describe('createApp publicUrl', () => {
  it('checks signatures against the public origin, not the Host the request came to', async () => {
    const app = http.createServer(
      createApp({ authToken: AUTH_TOKEN, publicUrl: 'https://example.ngrok.app' }),
    );
    await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
    const { port } = app.address() as import('node:net').AddressInfo;
    const body = new URLSearchParams(callParams('7')).toString();
    const status = (signature: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/voice',
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              'X-Twilio-Signature': signature,
            },
          },
          (res) => resolve(res.resume().statusCode!),
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const publicSig = twilioSignature(
        AUTH_TOKEN,
        'https://example.ngrok.app/voice',
        callParams('7'),
      );
      const localSig = twilioSignature(
        AUTH_TOKEN,
        `http://127.0.0.1:${port}/voice`,
        callParams('7'),
      );
      expect([await status(publicSig), await status(localSig)]).toEqual([200, 403]);
    } finally {
      app.closeAllConnections();
      await new Promise((done) => app.close(done));
    }
  });

  it('refuses a publicUrl with a path, naming what it found', () => {
    expect(() =>
      createApp({ authToken: AUTH_TOKEN, publicUrl: 'https://example.ngrok.app/x' }),
    ).toThrow(
      'publicUrl must be an origin such as https://example.ngrok.app (http or https, no path); found "https://example.ngrok.app/x"',
    );
  });
});
