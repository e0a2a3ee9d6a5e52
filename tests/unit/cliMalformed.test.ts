/**
 * `sim validate` (a real `node --import tsx src/cli/main.ts` process) on files an audit fed it:
 * each is refused with exit code 2, its JSON path and a reason, never a stack trace, in bounded
 * output (issue 10, "A validator nothing crashes").
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sim } from './testing/simProcess.ts';

let workDir: string;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Malformed files and a line each must print. */
const FILES: Record<string, { readonly bytes: Buffer; readonly line: string }> = {
  'deep.json': {
    bytes: utf8(`{"trials": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    line: `  $.trials${'[0]'.repeat(63)}: expected at most 64 levels of objects and lists inside each other, found level 65 at line 1, column 75`,
  },
  'duplicate-trials.json': {
    bytes: utf8('{\n  "trials": "x",\n  "trials": 20\n}\n'),
    line: '  $.trials: expected each property given once in an object, found "trials" given twice: first at line 2, column 3, then at line 3, column 3',
  },
  'duplicate-voicemail.json': {
    bytes: utf8('{\n  "voicemail": { "enabled": true },\n  "voicemail": { "enabled": false }\n}\n'),
    line: '  $.voicemail: expected each property given once in an object, found "voicemail" given twice: first at line 2, column 3, then at line 3, column 3',
  },
  'latin1.json': {
    bytes: Buffer.concat([utf8('{\n  "name": "Caf'), Buffer.from([0xe9]), utf8('"\n}\n')]),
    line: '  $: expected UTF-8 text (RFC 3629), found bytes that are not UTF-8 at line 2, column 15 (byte 16: 0xe9 0x22 0x0a 0x7d): save the file as UTF-8',
  },
  'bom.json': {
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{ "trials": 200 }\n')]),
    line: '  $: expected JSON text with no byte order mark, found a byte order mark (U+FEFF) before it: save the file as UTF-8 without BOM',
  },
  'huge-number.json': {
    bytes: utf8('{ "seed": 1e400 }\n'),
    line: "  $.seed: expected a number within a 64-bit float's range (magnitude at most 1.7976931348623157e+308), found the number 1e400 at line 1, column 11, which overflows to Infinity",
  },
  'syntax.json': {
    bytes: utf8('{\n  "trials": 200,\n}\n'),
    line: "  $: expected valid JSON, found a syntax error (expected a property name after ',', found '}' (JSON allows no comma before '}') at line 3, column 1)",
  },
};

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-malformed-'));
  await Promise.all(
    Object.entries(FILES).map(([name, { bytes }]) => writeFile(join(workDir, name), bytes)),
  );
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('sim validate on malformed files', { timeout: 120_000, concurrent: true }, () => {
  it('refuses each with exit 2, naming the file, the path and the reason, and no stack trace', async ({
    expect,
  }) => {
    const paths = Object.keys(FILES).map((name) => join(workDir, name));
    const run = await sim('validate', ...paths);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const [name, { line }] of Object.entries(FILES)) {
      expect(run.stderr).toContain(
        `${join(workDir, name)}: Invalid scenario (1 problem):\n${line}\n`,
      );
    }
    expect(run.stderr).not.toMatch(/\n\s+at |Error:|RangeError|TypeError/);
    expect(run.stderr.length).toBeLessThan(10_000);
  });

  it('refuses a file with a million unknown keys in seconds, listing 50 problems', async ({
    expect,
  }) => {
    const file = join(workDir, 'million-keys.json');
    await writeFile(
      file,
      `{${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}": ${i}`).join(',\n')}}\n`,
    );
    const started = performance.now();
    const run = await sim('validate', file);
    const elapsed = performance.now() - started;
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}: Invalid scenario (1000000 problems):`);
    expect(lines[1]).toMatch(/^ {2}\$\.k0: expected no property "k0" \(allowed here: /);
    expect(lines.at(-1)).toBe('  … and 999950 more problems');
    expect(lines).toHaveLength(52);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // About 5 s on an idle 2-core machine, start-up included.
    expect(elapsed).toBeLessThan(90_000);
  });

  it('refuses a malformed file given to run and check too, with exit 2', async ({ expect }) => {
    const file = join(workDir, 'duplicate-trials.json');
    for (const command of ['run', 'check']) {
      const run = await sim(command, file);
      expect(run.code, command).toBe(2);
      expect(run.stdout + run.stderr, command).toContain(FILES['duplicate-trials.json']!.line);
      expect(run.stderr, command).not.toMatch(/\n\s+at /);
    }
  });
});
