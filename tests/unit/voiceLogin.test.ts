import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoiceLoginApp } from '../../examples/voice-login/app.ts';
import { createRng } from '../../src/core/rng.ts';
import { serveVerifyHttp, type VerifyHttpServer } from '../../src/api/node/serveHttp.ts';

const token = 'voice-otp-lab-test-token'; // sim serve's default account
const client = twilio(`AC${'0'.repeat(32)}`, token);
const owner = '+15005550101'; // answers and presses the key asked for
let sim: VerifyHttpServer;

/** Starts the example app on a free port, with a seeded random source. */
async function startApp(mode: 'random-digit' | 'press-1', seed: number) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rng = createRng(seed);
  const app = createVoiceLoginApp({
    client,
    from: '+15005550006',
    publicUrl: url,
    authToken: token,
    mode,
    rng: () => rng.next(), // seeded: the same keys and codes on every run
  });
  server.on('request', app);
  const post = async (path: string, body: unknown) =>
    (
      await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;
  return {
    url,
    post,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type App = Awaited<ReturnType<typeof startApp>>;

async function simGet(path: string) {
  return await (await fetch(sim.url + path)).json();
}

/** The latest call to `to` once it has ended. */
async function endedCall(to: string): Promise<string> {
  for (;;) {
    const [call] = await client.calls.list({ to, limit: 1 });
    if (call && !['queued', 'ringing', 'in-progress'].includes(call.status)) return call.sid;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The code in a text ("Your code is 4 8 1 5 2 6."), or a guess when it is not there. */
function codeIn(text: string | undefined): string {
  return /code is ([\d ]+)/.exec(text ?? '')?.[1]?.replaceAll(' ', '') ?? '000000';
}

/** A login of the owner: start it, hear the code on the handset, type it. */
async function ownerSignsIn(app: App): Promise<number> {
  await app.post('/login/start', { phone: owner });
  const sid = await endedCall(owner);
  const { calls } = await simGet(`/sim/v1/Phones/${owner}/Handset`);
  const heard: string[] = calls.find((call: { callSid: string }) => call.callSid === sid).heard;
  return await app.post('/login/finish', { phone: owner, code: codeIn(heard.at(-1)) });
}

/**
 * The counts [lo, hi] outside which Binomial(n, p) falls with probability at most alpha / 2 on
 * each side: exact, from the probability mass function.
 */
function binomialInterval(n: number, p: number, alpha: number): [number, number] {
  const pmf = [(1 - p) ** n];
  for (let k = 1; k <= n; k++) pmf.push((pmf[k - 1]! * (n - k + 1) * p) / (k * (1 - p)));
  let lo = 0;
  for (let tail = 0; tail + pmf[lo]! <= alpha / 2; lo++) tail += pmf[lo]!;
  let hi = n;
  for (let tail = 0; tail + pmf[hi]! <= alpha / 2; hi--) tail += pmf[hi]!;
  return [lo, hi];
}

/** `count` digits drawn as the app draws them (floor of rng × 10). */
function randomDigitsLike(rng: { next(): number }, count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(rng.next() * 10));
}

/** Configures a simulated phone through the control plane (the scenario format). */
async function putPhone(number: string, setup: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/sim/v1/Phones/${number}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setup),
  });
  if (!response.ok) throw new Error(`PUT ${number}: ${await response.text()}`);
}

beforeAll(async () => {
  sim = await serveVerifyHttp({ port: 0, seed: 1 }); // sim serve, in this process
  client.api.baseUrl = sim.url; // the official client's Calls API, pointed at it
  await putPhone(owner, { person: { answerProbability: 1, keypressErrorRate: 0 } });
});
afterAll(() => sim.close());

const victim = '+15005550199'; // asleep; the attacker knows the voicemail PIN
// The attacker's greeting: a hello, then the tone for 1 as it ends, so the code is read into the box.
const greeting = [{ speech: 2 }, { dtmf: '1' }];

beforeAll(async () => {
  await putPhone(victim, { person: { answerProbability: 0 }, voicemail: { greeting } });
});

/** An attack: start a login for the victim, read the code from the box, type it. */
async function attackerTries(app: App): Promise<boolean> {
  await app.post('/login/start', { phone: victim });
  const sid = await endedCall(victim);
  const { messages } = await simGet(`/sim/v1/Phones/${victim}/Voicemail`);
  const message = messages.find((m: { callSid: string }) => m.callSid === sid);
  return (
    (await app.post('/login/finish', { phone: victim, code: codeIn(message?.transcript) })) === 200
  );
}

describe('examples/voice-login against sim serve, with the official client', () => {
  it.each(['random-digit', 'press-1'] as const)(
    'signs the owner in (%s): they press the key asked for and type the code they heard',
    async (mode) => {
      const app = await startApp(mode, 1);
      expect([await ownerSignsIn(app), await ownerSignsIn(app)]).toEqual([200, 200]);
      await app.post('/login/start', { phone: owner });
      await endedCall(owner);
      expect(await app.post('/login/finish', { phone: owner, code: '000000' })).toBe(401);
      await app.close();
    },
  );

  it('refuses a TwiML request that Twilio did not sign (403)', async () => {
    const app = await startApp('random-digit', 1);
    const response = await fetch(`${app.url}/voice/any-session`, { method: 'POST' });
    expect(response.status).toBe(403);
    await app.close();
  });

  it('refuses a login for a number that is not E.164 (400), placing no call', async () => {
    const app = await startApp('random-digit', 1);
    const before = (await client.calls.list()).length;
    expect(await app.post('/login/start', { phone: '5550101' })).toBe(400);
    expect(await app.post('/login/start', {})).toBe(400);
    expect((await client.calls.list()).length).toBe(before);
    await app.close();
  });

  it('puts the 99.9% interval of 200 tries at 1 in 10 at 8 to 35 successes', () => {
    expect(binomialInterval(200, 0.1, 0.001)).toEqual([8, 35]);
  });

  it('signs the attacker in on exactly the logins whose key is 1', async () => {
    const app = await startApp('random-digit', 3);
    const draws = createRng(3); // the app's draws: 6 code digits, then the key, per login
    const keys = Array.from({ length: 40 }, () => randomDigitsLike(draws, 7).at(-1));
    const results = [];
    for (const _ of keys) results.push(await attackerTries(app));
    expect(keys.filter((key) => key === 1).length).toBeGreaterThan(0);
    expect(results).toEqual(keys.map((key) => key === 1));
    await app.close();
  });

  it('lets in an attacker whose greeting plays the tone for 1 about 1 time in 10', async () => {
    const app = await startApp('random-digit', 7); // each login asks for a random key
    let signedIn = 0;
    for (let attempt = 0; attempt < 200; attempt++) if (await attackerTries(app)) signedIn++;
    const [lo, hi] = binomialInterval(200, 0.1, 0.001);
    expect(signedIn).toBeGreaterThanOrEqual(lo);
    expect(signedIn).toBeLessThanOrEqual(hi);
    await app.close();
  });

  it('lets the same attacker in every time when the app always asks for 1', async () => {
    const app = await startApp('press-1', 7);
    let signedIn = 0;
    for (let attempt = 0; attempt < 20; attempt++) if (await attackerTries(app)) signedIn++;
    expect(signedIn).toBe(20);
    await app.close();
  });
});
