/**
 * An example phone login that places its own verification call with Twilio's Calls API and
 * serves its own TwiML, written as an application would write it: Express and the official
 * `twilio` library. Before reading the code, the call asks for a key: a random one per login
 * (`random-digit`), or always 1 (`press-1`), so a voicemail greeting that plays the tone for 1
 * hears the code one time in ten, or every time.
 *
 *   POST /login/start  {phone}        → a session, a 6-digit code, and a call to the phone
 *   POST /voice/:session              → "Press N to hear your code" (a Gather for one key)
 *   POST /voice/:session/key          → the right key reads the code; any other says goodbye
 *   POST /login/finish {phone, code}  → 200 signed in, 401 refused
 *
 * Run: npx tsx examples/voice-login/server.ts --port 3000 (README.md in this folder).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import twilio, { type Twilio } from 'twilio';

/** What the app needs: its Twilio client, its caller ID and the origin Twilio calls back. */
export interface VoiceLoginOptions {
  /** The official client (point `client.api.baseUrl` at a simulator to test). */
  readonly client: Twilio;
  /** The number the call comes from (E.164). */
  readonly from: string;
  /** This app's origin as Twilio reaches it, e.g. https://login.example.com (no path). */
  readonly publicUrl: string;
  /** The account's auth token, which signs Twilio's requests to the app. */
  readonly authToken: string;
  /** `random-digit`: ask for a random key per login; `press-1`: always ask for 1. */
  readonly mode: 'random-digit' | 'press-1';
  /** Uniform in [0, 1): draws codes and keys (default: node:crypto). Seed it in tests. */
  readonly rng?: () => number;
}

interface Login {
  readonly phone: string;
  readonly code: string;
  readonly key: string;
}

/** Uniform in [0, 1) from the operating system's secure random source. */
function secureRandom(): number {
  return randomBytes(4).readUInt32BE(0) / 2 ** 32;
}

/** `count` random digits. */
function randomDigits(rng: () => number, count: number): string {
  return Array.from({ length: count }, () => String(Math.floor(rng() * 10))).join('');
}

/** "481526" → "4 8 1 5 2 6": a text-to-speech voice reads digits apart, not as a number. */
function spoken(code: string): string {
  return [...code].join(' ');
}

function sendTwiml(res: Response, twiml: twilio.twiml.VoiceResponse): void {
  res.type('text/xml').send(twiml.toString());
}

/**
 * The call's first document: ask for the key, and say goodbye if none comes (a Gather that hears
 * no key goes on to the next verb: https://www.twilio.com/docs/voice/twiml/gather).
 */
function askForKey(publicUrl: string, session: string, key: string) {
  const twiml = new twilio.twiml.VoiceResponse();
  const action = `${publicUrl}/voice/${session}/key`;
  twiml.gather({ numDigits: 1, action, method: 'POST' }).say(`Press ${key} to hear your code.`);
  twiml.say('Goodbye');
  twiml.hangup();
  return twiml;
}

/** The Gather's action: the right key hears the code three times, any other key goodbye. */
function answerKey(login: Login, digits: unknown) {
  const twiml = new twilio.twiml.VoiceResponse();
  if (digits === login.key) {
    twiml.say({ loop: 3 }, `Your code is ${spoken(login.code)}.`);
  } else {
    twiml.say('Goodbye');
  }
  twiml.hangup();
  return twiml;
}

/**
 * Refuses (403) a request Twilio did not sign: X-Twilio-Signature is checked against the URL
 * Twilio was given (publicUrl + path and query) and the form parameters of a POST
 * (https://www.twilio.com/docs/usage/security#validating-requests).
 */
function signedByTwilio(authToken: string, publicUrl: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const params = req.method === 'POST' ? ((req.body ?? {}) as Record<string, string>) : {};
    const signature = req.header('x-twilio-signature') ?? '';
    if (twilio.validateRequest(authToken, signature, publicUrl + req.originalUrl, params)) {
      return next();
    }
    res.status(403).send('not signed by Twilio');
  };
}

/** The login app, an Express app to listen with or to mount. */
export function createVoiceLoginApp(options: VoiceLoginOptions): express.Express {
  const { client, from, publicUrl, authToken, mode } = options;
  const rng = options.rng ?? secureRandom;
  const logins = new Map<string, Login>(); // by session
  const latest = new Map<string, string>(); // phone → its latest session

  const app = express();
  app.use(express.json());
  app.use('/voice', express.urlencoded({ extended: false }), signedByTwilio(authToken, publicUrl));

  app.post('/login/start', async (req: Request, res: Response) => {
    const { phone } = (req.body ?? {}) as { phone?: unknown };
    if (typeof phone !== 'string' || !/^\+[1-9][0-9]{1,14}$/.test(phone)) {
      return res
        .status(400)
        .json({ error: `phone must be an E.164 number; found ${JSON.stringify(phone)}` });
    }
    const session = randomUUID();
    const code = randomDigits(rng, 6);
    const key = mode === 'press-1' ? '1' : randomDigits(rng, 1);
    logins.delete(latest.get(phone) ?? ''); // a new login replaces the phone's last one
    logins.set(session, { phone, code, key });
    latest.set(phone, session);
    const url = `${publicUrl}/voice/${session}`;
    await client.calls.create({ to: phone, from, url, method: 'POST' });
    res.status(202).json({ calling: phone });
  });

  const login = (req: Request) => logins.get(String(req.params.session));
  app.all('/voice/:session', (req: Request, res: Response) => {
    const found = login(req);
    if (!found) return res.status(404).send('no such login');
    sendTwiml(res, askForKey(publicUrl, String(req.params.session), found.key));
  });
  app.post('/voice/:session/key', (req: Request, res: Response) => {
    const found = login(req);
    if (!found) return res.status(404).send('no such login');
    sendTwiml(res, answerKey(found, (req.body as { Digits?: unknown }).Digits));
  });

  app.post('/login/finish', (req: Request, res: Response) => {
    const { phone, code } = (req.body ?? {}) as { phone?: unknown; code?: unknown };
    const session = typeof phone === 'string' ? latest.get(phone) : undefined;
    const found = session === undefined ? undefined : logins.get(session);
    // One try per call: the login ends here, so a code cannot be guessed digit by digit.
    if (found) {
      latest.delete(found.phone);
      logins.delete(session!);
    }
    if (!found || code !== found.code) return res.status(401).json({ signedIn: false });
    res.status(200).json({ signedIn: true });
  });
  return app;
}
