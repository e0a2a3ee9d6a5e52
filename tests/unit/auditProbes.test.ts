/**
 * The probes of an independent audit of the command line (issue "Every scenario that validates
 * runs"), one of each kind, as files and option sets: each must be refused with exit 2, the JSON
 * path of what is wrong (where there is one), and no stack trace; nothing may crash, hang or
 * exhaust memory. Each runs `sim run` (or the command named) as a real process.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim, type CliRun } from './testing/simProcess.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-probes-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

function expectRefused(run: CliRun, path: string | null): void {
  const output = run.stdout + run.stderr;
  expect(run.code, output.slice(0, 2000)).toBe(2);
  if (path !== null) expect(output).toContain(path);
  // A message, not a crash: no stack frames.
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  // Bounded: a refusal is a screenful, not megabytes.
  expect(output.length).toBeLessThan(20_000);
}

const scenario = (body: Record<string, unknown>) => JSON.stringify({ trials: 10, ...body });

describe('files that passed validate and then crashed or hung run', () => {
  it('refuses a TOTP period the engine cannot use', async () => {
    const file = await write(
      'totp.json',
      scenario({ code: { kind: 'totp', periodSeconds: 7200 } }),
    );
    expectRefused(await sim('validate', file), '$.code.periodSeconds');
    expectRefused(await sim('run', file), '$.code.periodSeconds');
  });

  it('refuses a signal-level greeting over an hour', async () => {
    const file = await write(
      'long-signal.json',
      scenario({ fidelity: 'signal', voicemail: { greeting: [{ speech: 3601 }] } }),
    );
    expectRefused(await sim('run', file), '$.voicemail.greeting');
  });

  it('refuses AMD timings near 2^53 with a silent greeting', async () => {
    const huge = 2 ** 52;
    const file = await write(
      'amd-huge.json',
      scenario({
        strategies: ['naive'],
        voicemail: { greeting: [{ silence: 1 }] },
        amd: { initialSilenceMs: huge, totalAnalysisTimeMs: huge },
      }),
    );
    expectRefused(await sim('run', file), '$.amd.');
  });

  it('refuses 200 segments of 100 keys repeated 1000 times (2·10^7 tones)', async () => {
    const keys = '0123456789'.repeat(10);
    const greeting = Array.from({ length: 200 }, () => ({ dtmf: keys, repeat: 1000 }));
    const file = await write('tones.json', scenario({ voicemail: { greeting } }));
    expectRefused(await sim('run', file), '$.voicemail.greeting');
  });
});

describe('documents that crashed or fooled the validator', () => {
  it('refuses JSON nested 100,000 deep', async () => {
    const depth = 100_000;
    const file = await write('deep.json', `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expectRefused(await sim('validate', file), '$');
  });

  it('calls an infinite number Infinity', async () => {
    const file = await write('infinity.json', '{ "trials": 1e400 }');
    const run = await sim('validate', file);
    expectRefused(run, '$.trials');
    expect(run.stdout + run.stderr).toMatch(/Infinity/);
    expect(run.stdout + run.stderr).not.toMatch(/the number null/);
  });

  it('refuses duplicate keys, naming both', async () => {
    const file = await write('duplicate.json', '{ "trials": "x", "trials": 20 }');
    const run = await sim('run', file);
    expectRefused(run, '$.trials');
    expect(run.stdout + run.stderr).toMatch(/duplicate|twice|again/i);
  });

  it('refuses invalid UTF-8 and a byte-order mark', async () => {
    const invalid = await write(
      'latin1.json',
      Uint8Array.from([...Buffer.from('{ "name": "caf'), 0xe9, ...Buffer.from('" }')]),
    );
    expectRefused(await sim('validate', invalid), null);
    const bom = await write('bom.json', `\uFEFF${scenario({})}`);
    expectRefused(await sim('validate', bom), null);
  });

  it('reports a million unknown keys in a bounded message', async () => {
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":0`).join(',');
    const file = await write('unknown-keys.json', `{${keys}}`);
    expectRefused(await sim('validate', file), '$.k0');
  });
});

describe('options and folders', () => {
  it('refuses to check an empty or mistyped folder', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    expectRefused(await sim('check', empty), null);
    expectRefused(await sim('check', join(dir, 'no-such-folder')), null);
  });

  it('refuses a trial index no run can reach, with or without --find', async () => {
    const file = await write('plain.json', scenario({}));
    const index = String(2 ** 53 - 1);
    expectRefused(await sim('trial', file, '--strategy', 'naive', '--index', index), null);
    expectRefused(
      await sim('trial', file, '--strategy', 'naive', '--index', index, '--find', 'leaked'),
      null,
    );
  });

  it('refuses more workers than cores', async () => {
    const file = await write('workers.json', scenario({}));
    expectRefused(await sim('run', file, '--workers', '64'), null);
  });
});
