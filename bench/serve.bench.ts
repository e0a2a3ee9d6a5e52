/**
 * npm run bench, last part: a real `sim serve` (a child process on an ephemeral loopback port)
 * under 2,000 mixed requests with 100 in flight (README "Verify-compatible simulator",
 * "Figures"). The mix, in jobs of a few requests each run one after another, 100 jobs at a time:
 *
 * - six sends to one number: five answer 201, the sixth 429 / 60203 (5 sends in 10 minutes);
 * - one send, then six wrong checks: four answer 200 `pending`, the fifth 200
 *   `max_attempts_reached`, the sixth 429 / 60202 (5 check attempts);
 * - one send, the code read from the phone's SMS inbox, one right check: 200 `approved`;
 * - reads: the service, the services list, a phone's messages, a verification.
 *
 * Fails (exit 1) on any 5xx or any limit off by one; prints p50 and p99 latency and requests per
 * second.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TOTAL = 2000;
const IN_FLIGHT = 100;
const ACCOUNT = `AC${'0'.repeat(32)}`;
const AUTH = `Basic ${Buffer.from(`${ACCOUNT}:voice-otp-lab-test-token`).toString('base64')}`;
const FORM = { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' };

const latencies: number[] = [];
const failures: string[] = [];

async function startServe(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'],
    { cwd: fileURLToPath(new URL('../', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sim serve exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** One timed request; its status and JSON body (or null for an empty body). */
async function call(
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  latencies.push(performance.now() - started);
  if (response.status >= 500) failures.push(`${init.method ?? 'GET'} ${url} → ${response.status}`);
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

function expectThat(ok: boolean, what: string): void {
  if (!ok) failures.push(what);
}

type Job = (base: string, service: string, index: number) => Promise<number>;

const send = (base: string, service: string, to: string) =>
  call(`${base}/v2/Services/${service}/Verifications`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ To: to, Channel: 'sms' }),
  });
const check = (base: string, service: string, to: string, code: string) =>
  call(`${base}/v2/Services/${service}/VerificationCheck`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ To: to, Code: code }),
  });
const number = (job: number) => `+1500${String(job).padStart(7, '0')}`;

/** The jobs, each returning how many requests it made. */
const JOBS: Job[] = [
  async (base, service, i) => {
    const statuses = [];
    for (let n = 0; n < 6; n++) statuses.push((await send(base, service, number(i))).status);
    expectThat(statuses.join() === '201,201,201,201,201,429', `send limit: ${statuses.join()}`);
    return 6;
  },
  async (base, service, i) => {
    await send(base, service, number(i));
    const answers = [];
    for (let n = 0; n < 6; n++) {
      const { status, body } = await check(base, service, number(i), '0000000');
      answers.push(status === 200 ? String(body.status) : `${status}/${String(body.code)}`);
    }
    // The fifth wrong check is still answered (200), its status max_attempts_reached; the
    // sixth is refused (README "Verify-compatible simulator").
    const want = 'pending,pending,pending,pending,max_attempts_reached,429/60202';
    expectThat(answers.join() === want, `check limit: ${answers.join()}`);
    return 7;
  },
  async (base, service, i) => {
    await send(base, service, number(i));
    const inbox = await call(`${base}/sim/v1/Phones/${number(i)}/Messages`, {});
    const messages = inbox.body.messages as Array<{ body: string }>;
    const code = /(\d{6})$/.exec(messages.at(-1)?.body ?? '')?.[1] ?? '';
    const approved = await check(base, service, number(i), code);
    expectThat(approved.body.status === 'approved', `right code: ${String(approved.body.status)}`);
    return 3;
  },
  async (base, service) => {
    const fetched = await call(`${base}/v2/Services/${service}`, { headers: FORM });
    const listed = await call(`${base}/v2/Services?PageSize=1`, { headers: FORM });
    expectThat(fetched.status === 200 && listed.status === 200, 'reads');
    return 2;
  },
];

async function main(): Promise<void> {
  const served = await startServe();
  try {
    const created = await call(`${served.url}/v2/Services`, {
      method: 'POST',
      headers: FORM,
      body: 'FriendlyName=Bench',
    });
    const service = String(created.body.sid);
    let made = 1;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (made < TOTAL) {
        const index = next++;
        made += 7; // reserve the most a job makes, so the total never passes TOTAL by much
        const used = await JOBS[index % JOBS.length]!(served.url, service, index);
        made -= 7 - used;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    console.log(
      `sim serve: ${latencies.length} requests, ${IN_FLIGHT} in flight: ` +
        `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, ` +
        `${Math.round(latencies.length / seconds)} requests/s; ` +
        `5xx and limits off: ${failures.length}`,
    );
    if (failures.length > 0) {
      console.error(failures.slice(0, 20).join('\n'));
      process.exitCode = 1;
    }
  } finally {
    served.stop();
  }
}

await main();
