/**
 * TwiML flows through the command line, against closed forms: static documents, and `url` flows
 * served by the bundled example server (examples/verify-server), which each test file starts on
 * a free port and stops itself.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../examples/verify-server/server.ts';
import { REPO_ROOT, sim } from './testing/simProcess.ts';

interface RunJson {
  readonly strategies: Record<
    string,
    {
      readonly interceptionRate: number;
      readonly interceptionCi95: readonly [number, number];
      readonly legitSuccessRate: number;
      readonly applicationErrorCalls: number;
      readonly trials: number;
    }
  >;
}

let workDir: string;
let server: StartedServer;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-twiml-'));
  server = await startServer({ port: 0, host: '127.0.0.1', authToken: 'voice-otp-lab-test-token' });
});

afterAll(async () => {
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

/** The shipped webhook scenario, pointed at this test's server, `changes` on top. */
async function webhookScenario(name: string, changes: Record<string, unknown>): Promise<string> {
  const text = await readFile(join(REPO_ROOT, 'scenarios/webhook/example-server.json'), 'utf8');
  const scenario = JSON.parse(text.replaceAll('http://127.0.0.1:3000', server.url)) as Record<
    string,
    unknown
  >;
  const path = join(workDir, name);
  await writeFile(path, JSON.stringify({ ...scenario, $schema: undefined, ...changes }));
  return path;
}

async function runJson(...args: string[]): Promise<RunJson> {
  const run = await sim('run', ...args, '--json');
  expect(run.stderr).not.toMatch(/Error/);
  return JSON.parse(run.stdout) as RunJson;
}

/** The victim answers no night call: every call reaches the box. */
const BOX_ALWAYS = {
  attacker: {
    victimAnswerProbability: 0,
    retrievalSeconds: { uniform: [20, 60] },
    attempts: 1,
    retrySeconds: 90,
  },
};

describe('url flows against the bundled example server (random digit, 0–9 greeting)', () => {
  it('intercept as the closed forms say: 1/10, ≈1, 1 − 0.9^10, ≈1', async () => {
    const file = await webhookScenario('closed-forms.json', { trials: 1000, ...BOX_ALWAYS });
    const { strategies } = await runJson(file, '--workers', '2');
    const closedForm: Record<string, number> = {
      // The greeting's first key is 0: right when the server drew 0.
      'first-key-decides': 0.1,
      // Every wrong key asks for the same key again; the greeting tries all ten.
      'reask-same': 1,
      // Key k is right with chance 1/10 whatever came before.
      'reask-new': 1 - 0.9 ** 10,
      // 0 is wrong, 1 is right, within three tries.
      'press-1-three-tries': 1,
    };
    for (const [id, rate] of Object.entries(closedForm)) {
      const result = strategies[id]!;
      expect(result.applicationErrorCalls, id).toBe(0);
      if (rate === 1) expect(result.interceptionRate, id).toBe(1);
      else {
        expect(result.interceptionCi95[0], id).toBeLessThanOrEqual(rate);
        expect(result.interceptionCi95[1], id).toBeGreaterThanOrEqual(rate);
      }
    }
  });

  it('gives the same numbers on one worker as on two (the server draws from CallSeed)', async () => {
    const file = await webhookScenario('workers.json', { trials: 150 });
    const one = await sim('run', file, '--json', '--workers', '1', '--strategies', 'reask-new');
    const two = await sim('run', file, '--json', '--workers', '2', '--strategies', 'reask-new');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('replays an intercepted call with its requests to the webhook', async () => {
    const file = await webhookScenario('trial.json', { trials: 10 });
    const run = await sim('trial', file, '--strategy', 'reask-same', '--find', 'intercepted');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/requests POST http:\/\/127\.0\.0\.1:\d+\/voice\?reask=same/);
    expect(run.stdout).toMatch(/with Digits="\d"; TwiML received/);
    expect(run.stdout).toContain('recorded');
  });

  it('a webhook that refuses connections ends every call with the application error', async () => {
    const port = await closedPort();
    const file = await webhookScenario('down.json', {
      trials: 20,
      strategies: ['first-key-decides'],
      flows: { 'first-key-decides': { url: `http://127.0.0.1:${port}/voice` } },
      expect: {},
    });
    const { strategies } = await runJson(file);
    const result = strategies['first-key-decides']!;
    expect(result.interceptionRate).toBe(0);
    expect(result.legitSuccessRate).toBe(0);
    expect(result.applicationErrorCalls).toBe(40);
    const text = await sim('run', file);
    expect(text.stdout).toContain(
      'application errors: first-key-decides: 40 calls ended because a request for TwiML failed',
    );
  });
});

describe('static TwiML flows through the command line', () => {
  it('"press any key" against any DTMF greeting loses every call the victim does not answer', async () => {
    const scenario = JSON.parse(
      await readFile(join(REPO_ROOT, 'scenarios/twiml-press-any-key.json'), 'utf8'),
    ) as Record<string, unknown>;
    // The flow's files are found relative to the scenario file: copy them beside it.
    await cp(
      join(REPO_ROOT, 'scenarios/flows/press-any-key'),
      join(workDir, 'flows/press-any-key'),
      {
        recursive: true,
      },
    );
    const path = join(workDir, 'press-any-key.json');
    await writeFile(
      path,
      JSON.stringify({ ...scenario, $schema: undefined, ...BOX_ALWAYS, trials: 300 }),
    );
    const { strategies } = await runJson(path, '--strategies', 'press-any-key');
    expect(strategies['press-any-key']!.interceptionRate).toBe(1);
  });

  it('<Reject> first: never answered, so nothing leaks and no owner gets the code', async () => {
    const path = join(workDir, 'reject.json');
    await writeFile(
      path,
      JSON.stringify({
        trials: 200,
        flows: { reject: { twiml: '<Response><Reject/><Say>{{Code}}</Say></Response>' } },
        strategies: ['reject'],
      }),
    );
    const { strategies } = await runJson(path);
    expect(strategies.reject!.interceptionRate).toBe(0);
    expect(strategies.reject!.legitSuccessRate).toBe(0);
  });

  it('an inline document with a mistake is refused with its line (exit 2)', async () => {
    const path = join(workDir, 'bad-inline.json');
    await writeFile(
      path,
      JSON.stringify({
        flows: { gate: { twiml: '<Response>\n  <Gather numDigits="x"/>\n</Response>' } },
        strategies: ['gate'],
      }),
    );
    const run = await sim('run', path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\$\.flows\.gate\.twiml: expected a TwiML document, found .*line 2/);
  });

  it('--strategy naming a flow the scenario does not declare is a usage error (exit 2)', async () => {
    const run = await sim(
      'trial',
      'scenarios/twiml-press-pound.json',
      '--strategy',
      'press-any-key',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a flow the scenario declares (press-pound)');
  });
});

/** A loopback port nothing listens on (listened on, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
