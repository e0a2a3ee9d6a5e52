/**
 * The greeting's bounds (src/scenario/greetingBounds.ts) hold at every entry point, with the same
 * path-precise message: `sim validate` (a real CLI process), the app's editor linter and the
 * validation its form shows, and the control plane's phone setup (msw, in process).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditorView } from '@codemirror/view';
import { encodeWav, SAMPLE_RATE_HZ } from '../../src/audio/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectVerifyError,
  sendJson,
  useVerifySimulator,
} from '../../src/api/testing/verifyTestServer.ts';
import { parseScenarioText, formatIssue, type ScenarioInput } from '../../src/scenario/index.ts';
import { scenarioDiagnostics } from '../../src/ui/scenario/editor/scenarioLinter.ts';
import { withAppRules } from '../../src/ui/state/appRules.ts';
import { sim } from './testing/simProcess.ts';

const PHONE = '/sim/v1/Phones/+15005550100';

type Greeting = NonNullable<NonNullable<ScenarioInput['voicemail']>['greeting']>;

interface OverBound {
  readonly name: string;
  readonly fidelity: 'event' | 'signal';
  readonly greeting: Greeting;
  /** The one line every entry point prints. */
  readonly message: string;
}

const TEN_BY_100_TONES = { dtmf: '0123456789'.repeat(10), toneMs: 40, gapMs: 40, repeat: 50 };

const OVER_BOUND: readonly OverBound[] = [
  {
    name: 'too-many-tones',
    fidelity: 'event',
    greeting: [TEN_BY_100_TONES, TEN_BY_100_TONES, { dtmf: '1' }],
    message:
      '$.voicemail.greeting: expected at most 10000 DTMF tones in all (keys × repeat, summed over the segments), found 10001 tones',
  },
  {
    name: 'one-segment-too-many-tones',
    fidelity: 'event',
    greeting: [{ speech: 1 }, { dtmf: '1'.repeat(100), repeat: 1000 }],
    message:
      '$.voicemail.greeting[1].repeat: expected at most 100 repeats of these 100 keys (a greeting plays at most 10000 DTMF tones in all), found the number 1000 (100000 tones)',
  },
  {
    name: 'too-long',
    fidelity: 'event',
    greeting: [{ speech: 3600 }, { silence: 0.5 }],
    message:
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3600.5 s',
  },
  {
    name: 'too-many-segments',
    fidelity: 'event',
    greeting: Array.from({ length: 201 }, () => ({ silence: 0.1 })),
    message: '$.voicemail.greeting: expected a list with ≤ 200 items, found a list of 201 items',
  },
  {
    // The control plane's phones have no fidelity; they get the same greeting and message.
    name: 'signal-over-an-hour',
    fidelity: 'signal',
    greeting: [{ speech: 1800 }, { silence: 1800 }, { speech: 1 }],
    message:
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3601 s',
  },
];

/** 200 segments, 10,000 tones and 3600 s: every bound reached, none passed. */
const AT_BOUND: Greeting = [
  ...Array.from({ length: 199 }, () => ({ speech: 10 })),
  { dtmf: '1234567890'.repeat(10), toneMs: 80, gapMs: 81, repeat: 100 },
];

function scenarioText(name: string, fidelity: 'event' | 'signal', greeting: Greeting): string {
  return `${JSON.stringify({ name, fidelity, trials: 100, voicemail: { greeting } }, null, 2)}\n`;
}

/** What the editor's linter reads from CodeMirror: only the document's text. */
function editorWith(text: string): EditorView {
  return { state: { doc: { toString: () => text } } } as unknown as EditorView;
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-greeting-bounds-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('a greeting over a bound', () => {
  useVerifySimulator();

  it(
    'is refused by sim validate with exit 2 and the message, for each file',
    { timeout: 60_000 },
    async () => {
      const files = await Promise.all(
        OVER_BOUND.map(async ({ name, fidelity, greeting }) => {
          const file = join(workDir, `${name}.json`);
          await writeFile(file, scenarioText(name, fidelity, greeting));
          return file;
        }),
      );
      const run = await sim('validate', ...files);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      OVER_BOUND.forEach(({ message }, i) => {
        expect(run.stderr).toContain(`${files[i]}: Invalid scenario (1 problem):\n  ${message}\n`);
      });
    },
  );

  it.each(OVER_BOUND)(
    '$name: is refused by the app editor linter and form',
    ({ name, fidelity, greeting, message }) => {
      const text = scenarioText(name, fidelity, greeting);
      const diagnostics = scenarioDiagnostics(editorWith(text));
      expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([['error', message]]);
      // Underlined where the path points: the greeting's key, or the segment's repeat.
      const key = /\.(\w+):/.exec(message)![1]!;
      expect(text.slice(diagnostics[0]!.from)).toMatch(new RegExp(`^"${key}"`));
      const form = withAppRules(parseScenarioText(text));
      expect(form.ok ? [] : form.issues.map(formatIssue)).toEqual([message]);
    },
  );

  it.each(OVER_BOUND)(
    '$name: is refused by the control plane, naming the same path',
    async ({ greeting, message }) => {
      const response = await sendJson('PUT', PHONE, { voicemail: { greeting } });
      expectVerifyError(response, 400, 60200);
      expect(response.body.message).toBe(`Invalid scenario (1 problem):\n  ${message}`);
    },
  );
});

describe('a greeting that a recording makes longer than an hour', () => {
  it('is refused by sim validate once the file is read', { timeout: 60_000 }, async () => {
    await writeFile(join(workDir, 'one-second.wav'), encodeWav(new Float32Array(SAMPLE_RATE_HZ)));
    const file = join(workDir, 'recorded-too-long.json');
    await writeFile(
      file,
      scenarioText('Recorded', 'signal', [{ speech: 3599.5 }, { audio: 'one-second.wav' }]),
    );
    const run = await sim('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${file}: Invalid scenario (1 problem):\n  $.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3600.5 s\n`,
    );
  });
});

describe('a greeting at every bound', () => {
  useVerifySimulator();

  it('passes sim validate', { timeout: 60_000 }, async () => {
    const file = join(workDir, 'at-bound.json');
    await writeFile(file, scenarioText('At the bounds', 'signal', AT_BOUND));
    const run = await sim('validate', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${file}: valid ("At the bounds")\n`);
    expect(run.code).toBe(0);
  });

  it('passes the app editor linter and form', () => {
    const text = scenarioText('At the bounds', 'signal', AT_BOUND);
    expect(scenarioDiagnostics(editorWith(text))).toEqual([]);
    expect(withAppRules(parseScenarioText(text)).ok).toBe(true);
  });

  it('sets up a phone through the control plane', async () => {
    const response = await sendJson('PUT', PHONE, { voicemail: { greeting: AT_BOUND } });
    expect(response).toEqual({
      status: 200,
      body: { number: '+15005550100', configured: true },
    });
  });
});
