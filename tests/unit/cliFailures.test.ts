/**
 * How the command line fails (README, "Command line": exit codes): 2 for what the user can fix,
 * 3 for an internal error, on one line with the command line that reproduces it and no stack
 * trace unless SIM_DEBUG is set; never exit 1 (CI's "a threshold failed"), never a hang. The
 * internal errors are real failures (a worker thread that exits, crashes or throws, an uncaught
 * exception on the main thread) injected from outside src/ by testing/faults.mjs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { REPO_ROOT, sim, simProcess, type CliRun } from './testing/simProcess.ts';

const EXAMPLE = 'scenarios/night-attack-dtmf-1.json';
/** A scenario whose greeting is a WAV file, read by the CLI and sent to the workers. */
const RECORDED = 'scenarios/signal/recorded-attacker-greeting.json';
const FAULTS = fileURLToPath(new URL('./testing/faults.mjs', import.meta.url));

/** A line of a V8 stack trace. */
const STACK_LINE = /^\s+at /m;

/** Runs the command line with a fault of testing/faults.mjs, SIM_DEBUG unset unless asked. */
function withFault(fault: string, args: string[], env: Record<string, string> = {}) {
  return simProcess(args, {
    preload: [FAULTS],
    env: { SIM_TEST_FAULT: fault, SIM_DEBUG: '', ...env },
  });
}

/** What every internal error prints: one line, what failed, the reproduction, no stack. */
function expectInternalError(expect: ExpectStatic, run: CliRun, args: string[], what: RegExp) {
  expect(run.code, run.stderr).toBe(3);
  const lines = run.stderr.split('\n');
  expect(lines, run.stderr).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(/^sim: internal error: /);
  expect(lines[0]).toMatch(what);
  expect(lines[0]).toContain(
    `please report it with the command line that reproduces it: npm run sim -- ${args.join(' ')}`,
  );
  expect(lines[0]).toContain('(SIM_DEBUG=1 adds the stack trace)');
  expect(run.stderr).not.toMatch(STACK_LINE);
}

describe(
  'internal errors: exit 3, one line, no stack trace',
  { timeout: 120_000, concurrent: true },
  () => {
    const runArgs = ['run', EXAMPLE, '--trials', '40', '--workers', '1'];

    it('a worker thread that exits in the middle of a run', async ({ expect }) => {
      const run = await withFault('worker-exit', runArgs);
      expectInternalError(
        expect,
        run,
        runArgs,
        /simulation worker 1 of 1 stopped \(exit code 70\) while running naive trials 0 to 39\. /,
      );
      expect(run.stdout).toBe('');
    });

    it('a worker thread that crashes on an uncaught exception', async ({ expect }) => {
      const run = await withFault('worker-throw', runArgs);
      expectInternalError(
        expect,
        run,
        runArgs,
        /simulation worker 1 of 1 crashed: injected fault: an uncaught exception while running naive trials 0 to 39\. /,
      );
    });

    it('a call that throws inside a worker', async ({ expect }) => {
      const run = await withFault('worker-call-throws', runArgs);
      expectInternalError(
        expect,
        run,
        runArgs,
        /simulation worker 1 of 1 threw TypeError: .+ while running naive trials 0 to 39\. /,
      );
    });

    it('in check, too: the failure stops the check with exit 3, not 1', async ({ expect }) => {
      const args = ['check', 'scenarios/signal', '--trials', '40'];
      const run = await withFault('worker-exit', args);
      expectInternalError(expect, run, args, /simulation worker \d of 2 stopped \(exit code 70\)/);
    });

    it('an uncaught exception on the main thread', async ({ expect }) => {
      const run = await withFault('main-throw', runArgs);
      expectInternalError(
        expect,
        run,
        runArgs,
        /internal error: injected fault: an uncaught exception on the main thread\. /,
      );
    });

    it('a command that never finishes, which Node would end with exit code 13', async ({
      expect,
    }) => {
      const run = await withFault('worker-silent', runArgs);
      expectInternalError(
        expect,
        run,
        runArgs,
        /the command stopped before it finished \(a promise was never settled\)/,
      );
    });

    it('quotes the arguments of the reproduction for a shell', async ({ expect }) => {
      const args = [
        'run',
        EXAMPLE,
        '--trials',
        '40',
        '--workers',
        '1',
        '--strategies',
        'naive, amd',
      ];
      const run = await withFault('worker-exit', args);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        `npm run sim -- run ${EXAMPLE} --trials 40 --workers 1 --strategies 'naive, amd' (`,
      );
    });

    it('prints the line README "Command line" shows', async ({ expect }) => {
      const args = ['run', EXAMPLE, '--workers', '1'];
      const run = await withFault('worker-exit', args);
      const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
      const shown = readme.split('\n').filter((line) => line.startsWith('sim: internal error: '));
      expect(shown).toEqual([run.stderr.trimEnd()]);
    });

    it('prints the stack traces, the worker’s too, with SIM_DEBUG=1', async ({ expect }) => {
      const run = await withFault('worker-call-throws', runArgs, { SIM_DEBUG: '1' });
      expect(run.code).toBe(3);
      const [first, ...trace] = run.stderr.split('\n');
      expect(first).toMatch(/^sim: internal error: simulation worker 1 of 1 threw TypeError/);
      expect(first).not.toContain('SIM_DEBUG');
      expect(trace.join('\n')).toMatch(/^WorkerFailure: simulation worker 1 of 1 threw TypeError/);
      expect(trace.join('\n')).toMatch(STACK_LINE);
      // The cause is the worker's own TypeError, with the worker's stack (compiling the scenario).
      expect(trace.join('\n')).toMatch(/^Caused by: TypeError: [^\n]+\n\s+at .*compile/m);
    });
  },
);

describe('input problems: exit 2', { timeout: 120_000, concurrent: true }, () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-cli-failures-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('a ScenarioError thrown in a worker, with its JSON path and the file', async ({ expect }) => {
    // The worker does not get the greeting's audio, so compiling the scenario there refuses it.
    const run = await withFault('worker-lost-assets', ['run', RECORDED, '--trials', '40']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${RECORDED}: Invalid scenario (1 problem):`);
    expect(run.stderr).toContain(
      '$.voicemail.greeting[0].audio: expected an audio file loaded with the scenario',
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('check on an empty folder says where it looked', async ({ expect }) => {
    const empty = join(workDir, 'empty');
    await mkdir(empty);
    const run = await sim('check', empty);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `${empty}: no scenario to check in this folder (looked for *.json files other than *.schema.json in ${empty}).\n`,
    );
  });

  it('check on a folder with no scenario in it (only the JSON Schema, a README)', async ({
    expect,
  }) => {
    const folder = join(workDir, 'no-scenario');
    await mkdir(folder);
    await writeFile(join(folder, 'scenario.schema.json'), '{}');
    await writeFile(join(folder, 'README.md'), 'notes');
    const run = await sim('check', folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${folder}: no scenario to check in this folder`);
  });

  it('check on a mistyped path says where it looked, and runs nothing', async ({ expect }) => {
    const run = await sim('check', 'scenarios', 'scenarios/signl');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `scenarios/signl: no such file or folder (looked for ${join(REPO_ROOT, 'scenarios/signl')}); nothing to check.\n`,
    );
  });

  it('trial --wav into a folder that does not exist', async ({ expect }) => {
    const wav = join(workDir, 'no-such-folder', 'call.wav');
    const run = await sim('trial', EXAMPLE, '--strategy', 'amd', '--wav', wav);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${wav}: cannot write the recording (ENOENT: no such file or directory, open '${wav}').\n`,
    );
  });

  it('serve on a port already taken', async ({ expect }) => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await sim('serve', '--port', String(port));
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `cannot listen on 127.0.0.1:${port} (listen EADDRINUSE: address already in use 127.0.0.1:${port}).\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('serve with a malformed --account or --api-key, or an unknown --clock', async ({ expect }) => {
    const account = await sim('serve', '--port', '0', '--account', 'AC123:token');
    expect(account.code).toBe(2);
    expect(account.stderr).toContain(
      '--account must be AC and 32 lowercase hex digits, a colon, then the secret (1 to 128 printable characters); found "AC123:token".',
    );
    const key = await sim('serve', '--port', '0', '--api-key', `SK${'a'.repeat(32)}`);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--api-key must be SK and 32 lowercase hex digits');
    const clock = await sim('serve', '--port', '0', '--clock', 'fast');
    expect(clock.code).toBe(2);
    expect(clock.stderr).toContain('fast');
  });

  it('stdout closed by its reader before the output is written', async ({ expect }) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'trial', EXAMPLE, '--strategy', 'amd'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('sim: stdout was closed before all the output was written (EPIPE).\n');
  });
});
