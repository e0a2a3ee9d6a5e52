/**
 * An example voice-verification webhook, written as an application would write it with Express
 * and the official `twilio` library: it asks the callee for a random key before reading the
 * code. The voice-otp-lab simulator calls it as Twilio's voice platform would (a scenario flow
 * `{ "url": "http://127.0.0.1:3000/voice" }`), signed with X-Twilio-Signature.
 *
 *   POST /voice        → "Press N to hear your verification code." (N from CallSeed), asked twice
 *   POST /voice/check  → the right key reads the code; a wrong one hangs up or asks again
 *
 * Run: npx tsx examples/verify-server/server.ts --port 3000 (README.md in this folder).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import express, { type Request, type Response } from 'express';
import twilio from 'twilio';

/** The auth token when neither --auth-token nor TWILIO_AUTH_TOKEN gives one. */
export const DEFAULT_AUTH_TOKEN = 'voice-otp-lab-test-token';

/** What a wrong key does: hang up (the first key decides), or ask again for the same or a new key. */
export type WrongKeyPolicy = 'hangup' | 'same' | 'new';

/** The flow's options, from the query string of /voice, carried in the Gather's action URL. */
export interface FlowOptions {
  /** `reask`: what a wrong key does (default `hangup`). */
  readonly reask: WrongKeyPolicy;
  /** `tries`: keys the caller may press in all, with `reask=same|new` (default 3, 1 to 10). */
  readonly tries: number;
  /** `repeat`: times the code is read (default 3, 1 to 10). */
  readonly repeat: number;
  /** `key`: always ask for this key (0-9) instead of drawing one per call, e.g. "press 1". */
  readonly key: string | null;
}

export interface VerifyAppOptions {
  /** The account's auth token, which signs the requests. */
  readonly authToken: string;
  /**
   * The origin the simulator (or Twilio) calls when it is not the one this server sees, e.g.
   * behind a tunnel: `https://example.ngrok.app`. Signatures are checked against it; without it,
   * against the request's own protocol and Host header.
   */
  readonly publicUrl?: string;
}

const POLICIES: readonly WrongKeyPolicy[] = ['hangup', 'same', 'new'];
const MAX_TRIES = 10;
const MAX_REPEAT = 10;

/**
 * The key to ask for: the first 4 bytes of SHA-256 of "CallSeed:draw", big-endian, modulo 10.
 * The same seed and draw give the same key on every request, so the server keeps no state;
 * `draw` is 1 for the first prompt and counts up with `reask=new`. Every key 0-9 is equally
 * likely to within 6 / 2^32 (2^32 is not a multiple of 10).
 */
export function promptDigit(callSeed: string, draw: number): string {
  const hash = createHash('sha256').update(`${callSeed}:${draw}`, 'utf8').digest();
  return String(hash.readUInt32BE(0) % 10);
}

/** The key prompt `attempt` asks for: the fixed `key`, or a draw (a new one per attempt with reask=new). */
function keyToAsk(options: FlowOptions, callSeed: string, attempt: number): string {
  return options.key ?? promptDigit(callSeed, options.reask === 'new' ? attempt : 1);
}

/** "123456" → "1 2 3 4 5 6": a text-to-speech voice reads digits apart, not as a number. */
export function spokenDigits(code: string): string {
  return [...code].join(' ');
}

/** The options in a query string, or what is wrong with them. */
export function parseFlowOptions(query: Request['query']): FlowOptions | string {
  const reask = query.reask ?? 'hangup';
  if (typeof reask !== 'string' || !POLICIES.includes(reask as WrongKeyPolicy)) {
    return `reask must be hangup, same or new; found ${JSON.stringify(reask)}`;
  }
  const tries = intOption(query, 'tries', 3, MAX_TRIES);
  if (typeof tries === 'string') return tries;
  const repeat = intOption(query, 'repeat', 3, MAX_REPEAT);
  if (typeof repeat === 'string') return repeat;
  const key = query.key ?? null;
  if (key !== null && (typeof key !== 'string' || !/^[0-9]$/.test(key))) {
    return `key must be one digit 0-9; found ${JSON.stringify(key)}`;
  }
  return { reask: reask as WrongKeyPolicy, tries, repeat, key };
}

function intOption(
  query: Request['query'],
  name: string,
  fallback: number,
  max: number,
): number | string {
  const value = query[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[1-9][0-9]*$/.test(value) || Number(value) > max) {
    return `${name} must be a whole number from 1 to ${max}; found ${JSON.stringify(value)}`;
  }
  return Number(value);
}

/**
 * The prompt: one Gather for a single key, and the same Gather again if no key came (Twilio
 * goes on to the next verb when a Gather times out with no input), then goodbye.
 */
function promptTwiml(options: FlowOptions, callSeed: string, attempt: number, first: string) {
  const digit = keyToAsk(options, callSeed, attempt);
  const prompt = `Press ${digit} to hear your verification code.`;
  const query = new URLSearchParams({
    reask: options.reask,
    tries: String(options.tries),
    repeat: String(options.repeat),
    attempt: String(attempt),
    ...(options.key === null ? {} : { key: options.key }),
  });
  const response = new twilio.twiml.VoiceResponse();
  for (const text of [first + prompt, prompt]) {
    response
      .gather({ numDigits: 1, action: `/voice/check?${query.toString()}`, method: 'POST' })
      .say(text);
  }
  response.say('Goodbye.');
  response.hangup();
  return response;
}

/** The code read `repeat` times, digit by digit; then the call ends. */
function readCodeTwiml(options: FlowOptions, code: string) {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ loop: options.repeat }, `Your verification code is ${spokenDigits(code)}.`);
  response.hangup();
  return response;
}

/** A request's Twilio parameters: the form body of a POST, the query string of a GET. */
function twilioParam(req: Request, name: string): string | undefined {
  const params = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown>;
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}

function sendTwiml(res: Response, twiml: InstanceType<typeof twilio.twiml.VoiceResponse>): void {
  res.type('text/xml').send(twiml.toString());
}

function badRequest(res: Response, message: string): void {
  res.status(400).type('text/plain').send(message);
}

/** The parameters every route needs, or the 400 they got. */
function readCall(req: Request, res: Response) {
  const options = parseFlowOptions(req.query);
  if (typeof options === 'string') return badRequest(res, options);
  const callSeed = twilioParam(req, 'CallSeed');
  if (callSeed === undefined) {
    return badRequest(res, 'the CallSeed parameter is missing (the simulator sends it)');
  }
  return { options, callSeed };
}

/** POST|GET /voice: the first prompt. */
function voice(req: Request, res: Response): void {
  const call = readCall(req, res);
  if (call) sendTwiml(res, promptTwiml(call.options, call.callSeed, 1, ''));
}

/** POST|GET /voice/check: the Gather's action, with the key pressed in `Digits`. */
function check(req: Request, res: Response): void {
  const call = readCall(req, res);
  if (!call) return;
  const { options, callSeed } = call;
  const code = twilioParam(req, 'Code') ?? '';
  if (!/^[0-9]+$/.test(code)) {
    return badRequest(res, `the Code parameter must be digits; found ${JSON.stringify(code)}`);
  }
  const attempt = Number(req.query.attempt ?? '1');
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > options.tries) {
    return badRequest(res, `attempt must be 1 to ${options.tries}; found ${String(attempt)}`);
  }
  const expected = keyToAsk(options, callSeed, attempt);
  if (twilioParam(req, 'Digits') === expected) return sendTwiml(res, readCodeTwiml(options, code));
  if (options.reask !== 'hangup' && attempt < options.tries) {
    return sendTwiml(
      res,
      promptTwiml(options, callSeed, attempt + 1, 'That is not the right key. '),
    );
  }
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  sendTwiml(res, response);
}

/** Where signatures are checked: the public origin, or (none) the request's own. */
function signedOrigin(publicUrl: string | undefined): { protocol?: string; host?: string } {
  if (publicUrl === undefined) return {};
  let url: URL | null = null;
  try {
    url = new URL(publicUrl);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.href !== `${url.origin}/`) {
    throw new Error(
      `publicUrl must be an origin such as https://example.ngrok.app (http or https, no path); found "${publicUrl}"`,
    );
  }
  return { protocol: url.protocol.slice(0, -1), host: url.host };
}

/**
 * The app. `twilio.webhook` checks X-Twilio-Signature against protocol://Host + the path and
 * query as requested (or publicUrl's origin): 400 without the header, 403 when it is wrong.
 */
export function createApp(options: VerifyAppOptions): express.Express {
  const validate = twilio.webhook(options.authToken, {
    validate: true,
    ...signedOrigin(options.publicUrl),
  });
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.route('/voice').get(validate, voice).post(validate, voice);
  app.route('/voice/check').get(validate, check).post(validate, check);
  return app;
}

export interface StartedServer {
  /** The origin it listens on, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Listens on `host` (default 127.0.0.1) and `port` (0: any free port). */
export async function startServer(options: {
  readonly port: number;
  readonly host?: string;
  readonly authToken: string;
  readonly publicUrl?: string;
}): Promise<StartedServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(createApp(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://${net.isIPv6(host) ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const USAGE = `Usage: npx tsx examples/verify-server/server.ts [options]

  --port <n>          port to listen on (default 3000)
  --host <host>       address to listen on (default 127.0.0.1)
  --auth-token <t>    auth token that signs requests (default: $TWILIO_AUTH_TOKEN, else
                      "${DEFAULT_AUTH_TOKEN}")
  --public-url <url>  origin the simulator calls, if not this server's own (e.g. a tunnel)
`;

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'auth-token': { type: 'string' },
      'public-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE);
  const port = Number(values.port);
  if (!/^[0-9]+$/.test(values.port) || port > 65_535) {
    throw new Error(`--port must be a whole number from 0 to 65535; found "${values.port}"`);
  }
  const server = await startServer({
    port,
    host: values.host,
    authToken: values['auth-token'] ?? process.env.TWILIO_AUTH_TOKEN ?? DEFAULT_AUTH_TOKEN,
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
  });
  process.stdout.write(`verify server: POST ${server.url}/voice (Ctrl-C to stop)\n`);
  process.once('SIGINT', () => void server.close());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
  });
}
