/**
 * Runs the voice login (app.ts) from the command line, against `sim serve` by default:
 *
 *   npm run sim -- serve                                  # the simulator, on port 4010
 *   npx tsx examples/voice-login/server.ts --port 3000    # this app
 *
 * Options: see USAGE below and README.md in this folder.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { createVoiceLoginApp } from './app.ts';

const USAGE = `Usage: npx tsx examples/voice-login/server.ts [options]

  --port <n>           port to listen on, on 127.0.0.1 (default 3000; 0: a free one)
  --public-url <url>   this app's origin as the caller reaches it (default: where it listens)
  --api-url <url>      the Calls API's base (default http://127.0.0.1:4010, sim serve;
                       https://api.twilio.com for Twilio)
  --account-sid <AC…>  default: $TWILIO_ACCOUNT_SID, else sim serve's test account
  --auth-token <t>     default: $TWILIO_AUTH_TOKEN, else sim serve's test token
  --from <number>      the caller ID (default +15005550006)
  --mode <m>           random-digit (default) or press-1
`;

const MODES = ['random-digit', 'press-1'] as const;

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '3000' },
      'public-url': { type: 'string' },
      'api-url': { type: 'string', default: 'http://127.0.0.1:4010' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      from: { type: 'string', default: '+15005550006' },
      mode: { type: 'string', default: 'random-digit' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE);
  const port = Number(values.port);
  if (!/^[0-9]+$/.test(values.port) || port > 65_535) {
    throw new Error(`--port must be a whole number from 0 to 65535; found "${values.port}"`);
  }
  const mode = MODES.find((m) => m === values.mode);
  if (mode === undefined) {
    throw new Error(`--mode must be random-digit or press-1; found "${values.mode}"`);
  }
  const accountSid =
    values['account-sid'] ?? process.env.TWILIO_ACCOUNT_SID ?? `AC${'0'.repeat(32)}`;
  const authToken =
    values['auth-token'] ?? process.env.TWILIO_AUTH_TOKEN ?? 'voice-otp-lab-test-token';
  const client = twilio(accountSid, authToken);
  client.api.baseUrl = values['api-url'];
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const listening = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicUrl = values['public-url'] ?? listening;
  server.on(
    'request',
    createVoiceLoginApp({ client, from: values.from, publicUrl, authToken, mode }),
  );
  process.stdout.write(`voice login (${mode}): POST ${publicUrl}/login/start (Ctrl-C to stop)\n`);
  process.once('SIGINT', () => server.close());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
  });
}
