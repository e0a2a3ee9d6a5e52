import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveVerifyHttp, type VerifyHttpServer } from '../node/serveHttp.ts';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const AUTH_TOKEN = 'calls-api-test-token';
const FROM = '+15005550006';
const OWNER = '+15005550101';
const VICTIM = '+15005550199';
const CODE_TWIML = '<Response><Say>Your code is 481526.</Say></Response>';
const REPLACED_TWIML = '<Response><Say>This replaces the greeting.</Say></Response>';
const HANGS_UP = '+15005550102';
const BUSY = '+15005550103';
const NEVER_ANSWERS = '+15005550104';
/** The statuses a call ends with (twilio-node's CallStatus less the live ones). */
const FINAL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

interface Received {
  readonly path: string;
  readonly params: Record<string, string>;
  readonly signedCorrectly: boolean;
}

/**
 * A tiny app that places its own calls: its voice URL greets and holds, its async AMD callback
 * reads the code with `client.calls(sid).update({ twiml })` once a person or the end of a
 * greeting is detected, and its status callback records each event.
 */
function startApp(client: twilio.Twilio) {
  const received: Received[] = [];
  const completed = new Map<string, () => void>();
  const ended = new Map<string, Promise<void>>();
  const finished = (sid: string): Promise<void> => {
    if (!ended.has(sid)) ended.set(sid, new Promise((resolve) => completed.set(sid, resolve)));
    return ended.get(sid)!;
  };
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  let base = '';
  const record = (req: express.Request) => {
    const params = req.body as Record<string, string>;
    const signature = req.header('x-twilio-signature') ?? '';
    const signedCorrectly = twilio.validateRequest(AUTH_TOKEN, signature, base + req.path, params);
    received.push({ path: req.path, params, signedCorrectly });
    return params;
  };
  app.post('/voice', (req, res) => {
    record(req);
    res
      .type('text/xml')
      .send('<Response><Say>Hello from the bank.</Say><Pause length="30"/></Response>');
  });
  app.post('/amd', async (req, res) => {
    const { CallSid, AnsweredBy } = record(req);
    const reads = AnsweredBy === 'human' || AnsweredBy!.startsWith('machine_end');
    await client
      .calls(CallSid!)
      .update({ twiml: reads ? CODE_TWIML : '<Response><Hangup/></Response>' });
    res.sendStatus(204);
  });
  app.post('/amd-hangup', async (req, res) => {
    const { CallSid } = record(req);
    await client.calls(CallSid!).update({ status: 'completed' });
    res.sendStatus(204);
  });
  app.post('/status', async (req, res) => {
    const { CallSid, CallStatus } = record(req);
    const action = req.query.on === CallStatus ? req.query.update : undefined;
    if (action === 'canceled' || action === 'completed') {
      await client.calls(CallSid!).update({ status: action });
    } else if (action === 'twiml') {
      await client.calls(CallSid!).update({ twiml: REPLACED_TWIML });
    }
    res.sendStatus(204);
    if (FINAL_STATUSES.includes(CallStatus!)) {
      void finished(CallSid!);
      completed.get(CallSid!)!();
    }
  });
  const server: Server = app.listen(0, '127.0.0.1');
  return {
    received,
    async url(): Promise<string> {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    /** Resolves on the call's final status callback (whether it came before or after). */
    completedCallback(sid: string): Promise<void> {
      return finished(sid);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the Calls API with the official twilio client and an app of its own', () => {
  let served: VerifyHttpServer;
  const client = twilio(ACCOUNT_SID, AUTH_TOKEN);
  const app = startApp(client);
  let appUrl = '';

  beforeAll(async () => {
    served = await serveVerifyHttp({
      port: 0,
      seed: 1,
      auth: { mode: 'registered', accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN }] },
    });
    client.api.baseUrl = served.url;
    appUrl = await app.url();
    const phone = (number: string, setup: unknown) =>
      fetch(`${served.url}/sim/v1/Phones/${number}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(setup),
      });
    await phone(OWNER, { person: { answerProbability: 1 } });
    await phone(HANGS_UP, { person: { answerProbability: 1 } });
    await phone(BUSY, { line: 'busy', person: { answerProbability: 1 } });
    await phone(NEVER_ANSWERS, { person: { answerProbability: 0 } });
    await phone(VICTIM, {
      person: { answerProbability: 0 },
      voicemail: { greeting: [{ speech: 3 }] },
    });
  });
  afterAll(async () => {
    await app.close();
    await served.close();
  });

  async function placeCall(to: string, options: { amd?: string; status?: string } = {}) {
    const call = await client.calls.create({
      to,
      from: FROM,
      url: `${appUrl}/voice`,
      machineDetection: 'DetectMessageEnd',
      asyncAmd: 'true',
      asyncAmdStatusCallback: `${appUrl}${options.amd ?? '/amd'}`,
      statusCallback: `${appUrl}/status${options.status ?? ''}`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await app.completedCallback(call.sid);
    return call;
  }

  async function phoneLog(number: string, what: 'Handset' | 'Voicemail') {
    return await (await fetch(`${served.url}/sim/v1/Phones/${number}/${what}`)).json();
  }

  it('reads the code to a person once async AMD says human, and the person hears it', async () => {
    const created = await placeCall(OWNER);
    expect(created.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(created).toMatchObject({ status: 'queued', direction: 'outbound-api', to: OWNER });
    const fetched = await client.calls(created.sid).fetch();
    expect(fetched).toMatchObject({ status: 'completed', answeredBy: 'human' });
    const handset = await phoneLog(OWNER, 'Handset');
    expect(handset.calls).toEqual([
      {
        callSid: created.sid,
        from: FROM,
        heard: ['Hello from the bank', 'Your code is 4 8 1 5 2 6'],
        transcript: [
          { by: 'service', text: 'Hello from the bank' },
          { by: 'service', text: 'Your code is 4 8 1 5 2 6' },
        ],
        awaitingKey: false,
      },
    ]);
  });

  it('leaves the code in the box after the greeting ends (machine_end_beep)', async () => {
    const created = await placeCall(VICTIM);
    const fetched = await client.calls(created.sid).fetch();
    expect(fetched).toMatchObject({ status: 'completed', answeredBy: 'machine_end_beep' });
    const box = await phoneLog(VICTIM, 'Voicemail');
    expect(box.messages.map((m: any) => m.transcript)).toEqual(['Your code is 4 8 1 5 2 6']);
  });

  it('signs every request and sends the status callbacks in order', () => {
    expect(app.received.every((r) => r.signedCorrectly)).toBe(true);
    const statuses = app.received
      .filter((r) => r.path === '/status' && r.params.To === OWNER)
      .map((r) => [r.params.CallStatus, r.params.SequenceNumber, r.params.CallbackSource]);
    expect(statuses).toEqual([
      ['initiated', '0', 'call-progress-events'],
      ['ringing', '1', 'call-progress-events'],
      ['in-progress', '2', 'call-progress-events'],
      ['completed', '3', 'call-progress-events'],
    ]);
  });

  it('lists the calls newest first, page by page', async () => {
    const listed = await client.calls.list({ pageSize: 1 });
    expect(listed.map((call) => call.to)).toEqual([VICTIM, OWNER]);
    expect((await client.calls.list({ to: OWNER })).map((call) => call.to)).toEqual([OWNER]);
  });

  it('refuses an update of a completed call with 21220', async () => {
    const [latest] = await client.calls.list({ pageSize: 1, limit: 1 });
    await expect(client.calls(latest!.sid).update({ twiml: CODE_TWIML })).rejects.toMatchObject({
      status: 400,
      code: 21220,
    });
  });

  it.each([
    [{ From: FROM, Url: 'http://127.0.0.1/voice' }, 21201],
    [{ To: '5550100', From: FROM, Url: 'http://127.0.0.1/voice' }, 21211],
    [{ To: OWNER, Url: 'http://127.0.0.1/voice' }, 21213],
    [{ To: OWNER, From: FROM }, 21205],
    [{ To: OWNER, From: FROM, Url: 'ftp://127.0.0.1/voice' }, 21205],
    [{ To: OWNER, From: FROM, Url: 'http://127.0.0.1/voice', Timeout: '0' }, 21208],
    [{ To: OWNER, From: FROM, Url: 'http://127.0.0.1/voice', Method: 'PUT' }, 21209],
    [{ To: OWNER, From: FROM, Url: 'http://127.0.0.1/voice', MachineDetection: 'Yes' }, 70002],
  ])('refuses a create with %j as Twilio does: 400 / %i', async (fields, code) => {
    const response = await fetch(`${served.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code, status: 400 });
  });

  function callbacks(sid: string, path: string) {
    return app.received.filter((r) => r.path === path && r.params.CallSid === sid);
  }
  function statusesOf(sid: string) {
    return callbacks(sid, '/status').map((r) => [r.params.CallStatus, r.params.CallDuration]);
  }

  it('Status=completed from the async AMD callback hangs up the answered call at the verdict', async () => {
    const created = await placeCall(HANGS_UP, { amd: '/amd-hangup' });
    const [verdict] = callbacks(created.sid, '/amd-hangup');
    const decisionMs = Number(verdict!.params.MachineDetectionDuration);
    const fetched = await client.calls(created.sid).fetch();
    const seconds = Math.ceil(decisionMs / 1000);
    expect(fetched).toMatchObject({ status: 'completed', duration: String(seconds) });
    expect(statusesOf(created.sid)).toEqual([
      ['initiated', undefined],
      ['ringing', undefined],
      ['in-progress', undefined],
      ['completed', String(seconds)],
    ]);
  });

  it('Status=canceled while ringing ends the call canceled, with no duration', async () => {
    const created = await placeCall(HANGS_UP, { status: '?on=ringing&update=canceled' });
    const fetched = await client.calls(created.sid).fetch();
    expect(fetched).toMatchObject({ status: 'canceled', duration: null, answeredBy: null });
    expect(statusesOf(created.sid)).toEqual([
      ['initiated', undefined],
      ['ringing', undefined],
      ['canceled', '0'],
    ]);
  });

  it('Status=canceled leaves an in-progress call running to its end', async () => {
    const created = await placeCall(HANGS_UP, { status: '?on=in-progress&update=canceled' });
    const fetched = await client.calls(created.sid).fetch();
    expect(fetched.status).toBe('completed');
    expect(statusesOf(created.sid).map(([status]) => status)).toEqual([
      'initiated',
      'ringing',
      'in-progress',
      'completed',
    ]);
  });

  it('Status=completed while ringing ends the call canceled', async () => {
    const created = await placeCall(HANGS_UP, { status: '?on=ringing&update=completed' });
    expect(await client.calls(created.sid).fetch()).toMatchObject({ status: 'canceled' });
  });

  it('new Twiml on the answered call replaces the running document', async () => {
    const created = await placeCall(HANGS_UP, { status: '?on=in-progress&update=twiml' });
    const handset = await phoneLog(HANGS_UP, 'Handset');
    expect(handset.calls.find((c: any) => c.callSid === created.sid).heard).toEqual([
      'This replaces the greeting',
    ]);
  });

  it('a busy line ends the call busy, with its status callback', async () => {
    const created = await placeCall(BUSY);
    const fetched = await client.calls(created.sid).fetch();
    expect(fetched).toMatchObject({ status: 'busy', duration: null });
    expect(statusesOf(created.sid)).toEqual([
      ['initiated', undefined],
      ['busy', '0'],
    ]);
  });

  it('a person who never answers, with no voicemail, gives no-answer at the Timeout', async () => {
    const call = await client.calls.create({
      to: NEVER_ANSWERS,
      from: FROM,
      url: `${appUrl}/voice`,
      timeout: 25,
      statusCallback: `${appUrl}/status`,
    });
    await app.completedCallback(call.sid);
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched).toMatchObject({ status: 'no-answer', duration: null });
    expect(fetched.endTime.getTime() - fetched.startTime.getTime()).toBe(25_000);
    expect(statusesOf(call.sid)).toEqual([['no-answer', '0']]);
  });

  it.each([
    ['PageSize=1001', 20007],
    ['PageToken=PAnothing', 21481],
    ['PageSize=0', 60200],
    ['Page=x', 60200],
  ])('refuses a list with %s: 400 / %i', async (query, code) => {
    const response = await fetch(
      `${served.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?${query}`,
      { headers: { authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}` } },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code, status: 400 });
  });
});
