/**
 * The format's field bounds (src/scenario/bounds.ts) and the run's size (runBounds.ts) hold at
 * every entry point with the same path-precise message: `sim validate` (a real CLI process),
 * the app's editor linter and its form, and, for a phone's own fields, the control plane's
 * phone setup (msw, in process), which has no limits of its own any more.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditorView } from '@codemirror/view';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectVerifyError,
  sendJson,
  useVerifySimulator,
} from '../../src/api/testing/verifyTestServer.ts';
import { encodeWav, SAMPLE_RATE_HZ } from '../../src/audio/index.ts';
import { formatIssue, parseScenarioText } from '../../src/scenario/index.ts';
import { scenarioDiagnostics } from '../../src/ui/scenario/editor/scenarioLinter.ts';
import { withAppRules } from '../../src/ui/state/appRules.ts';
import { sim } from './testing/simProcess.ts';

const PHONE = '/sim/v1/Phones/+15005550101';

interface OverBound {
  readonly name: string;
  readonly scenario: Record<string, unknown>;
  /** The one line every entry point prints. */
  readonly message: string;
  /** Whether it is a phone's own field, which the control plane takes. */
  readonly phone: boolean;
}

const OVER_BOUND: readonly OverBound[] = [
  {
    name: 'patience',
    scenario: { person: { patienceSeconds: 61 } },
    message: '$.person.patienceSeconds: expected a number ≤ 60, found the number 61',
    phone: true,
  },
  {
    name: 'answer-delay-uniform',
    scenario: { person: { answerDelaySeconds: { uniform: [0, 601] } } },
    message:
      '$.person.answerDelaySeconds.uniform[1]: expected a number ≤ 600, found the number 601',
    phone: true,
  },
  {
    name: 'sigma',
    scenario: { person: { reactionSeconds: { lognormal: { median: 1, sigma: 2.5 } } } },
    message:
      '$.person.reactionSeconds.lognormal.sigma: expected a number ≤ 2, found the number 2.5',
    phone: true,
  },
  {
    name: 'record-limit',
    scenario: { voicemail: { maxRecordSeconds: 3601 } },
    message: '$.voicemail.maxRecordSeconds: expected a number ≤ 3600, found the number 3601',
    phone: true,
  },
  {
    name: 'totp-period',
    scenario: { code: { kind: 'totp', periodSeconds: 7200 } },
    message: '$.code.periodSeconds: expected a number ≤ 3600, found the number 7200',
    phone: false,
  },
  {
    name: 'amd-analysis',
    scenario: { amd: { totalAnalysisTimeMs: 9_007_199_254_740_990 } },
    message:
      '$.amd.totalAnalysisTimeMs: expected a number ≤ 60000, found the number 9007199254740990',
    phone: false,
  },
  {
    name: 'run-size',
    scenario: { trials: 10_000_000, attacker: { attempts: 10 } },
    message:
      '$.trials: expected at most 6818181 trials here (a run is bounded to 1 hour of CPU: trials × 4 strategies × (10 attacker.attempts + 1) calls, about 12 µs a call at fidelity "event" with this greeting and AMD), found the number 10000000 (440000000 calls, about 1.47 hours of CPU)',
    phone: false,
  },
];

function scenarioText(name: string, scenario: Record<string, unknown>): string {
  return `${JSON.stringify({ name, trials: 100, ...scenario }, null, 2)}\n`;
}

/** What the editor's linter reads from CodeMirror: only the document's text. */
function editorWith(text: string): EditorView {
  return { state: { doc: { toString: () => text } } } as unknown as EditorView;
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-bounds-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('a field past its bound', () => {
  useVerifySimulator();

  it(
    'is refused by sim validate with exit 2 and the message, for each file',
    { timeout: 60_000 },
    async () => {
      const files = await Promise.all(
        OVER_BOUND.map(async ({ name, scenario }) => {
          const file = join(workDir, `${name}.json`);
          await writeFile(file, scenarioText(name, scenario));
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
    ({ name, scenario, message }) => {
      const text = scenarioText(name, scenario);
      const diagnostics = scenarioDiagnostics(editorWith(text));
      expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([['error', message]]);
      const form = withAppRules(parseScenarioText(text));
      expect(form.ok ? [] : form.issues.map(formatIssue)).toEqual([message]);
    },
  );

  it.each(OVER_BOUND.filter((bound) => bound.phone))(
    '$name: is refused by the control plane with the same message',
    async ({ scenario, message }) => {
      const response = await sendJson('PUT', PHONE, scenario);
      expectVerifyError(response, 400, 60200);
      expect(response.body.message).toBe(`Invalid scenario (1 problem):\n  ${message}`);
    },
  );

  it('at the bound, sets up a phone through the control plane', async () => {
    const response = await sendJson('PUT', PHONE, {
      person: {
        patienceSeconds: 60,
        answerDelaySeconds: { uniform: [0, 600] },
        reactionSeconds: { lognormal: { median: 60, sigma: 2 } },
        entrySeconds: 3600,
      },
      voicemail: { maxRecordSeconds: 3600, pickupAfterSeconds: 600, beepSeconds: 60 },
    });
    expect(response).toEqual({ status: 200, body: { number: '+15005550101', configured: true } });
  });
});

describe("a run that a recording's length makes too big", () => {
  it('is refused by sim validate once the file is read', { timeout: 60_000 }, async () => {
    // 10 s of recording: at signal level each call decodes it, 1.5 ms more a call.
    await writeFile(
      join(workDir, 'ten-seconds.wav'),
      encodeWav(new Float32Array(10 * SAMPLE_RATE_HZ)),
    );
    const file = join(workDir, 'recorded-run.json');
    const text = `${JSON.stringify({
      name: 'Recorded',
      trials: 100_000,
      fidelity: 'signal',
      voicemail: { greeting: [{ speech: 1 }, { audio: 'ten-seconds.wav' }] },
    })}\n`;
    await writeFile(file, text);
    // Before the file is read the greeting is 1 s long, and the run fits.
    expect(parseScenarioText(text).ok).toBe(true);
    const run = await sim('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${file}: Invalid scenario (1 problem):\n  $.trials: expected at most 54804 trials here (a run is bounded to 1 hour of CPU: trials × 4 strategies × (5 attacker.attempts + 1) calls, about 2.74 ms a call at fidelity "signal" with this greeting and AMD), found the number 100000 (2400000 calls, about 1.82 hours of CPU)\n`,
    );
  });
});
