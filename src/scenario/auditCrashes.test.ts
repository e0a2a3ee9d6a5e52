/**
 * The audit's scenarios (issue 10): each passed `sim validate`, then crashed or hung `sim run`.
 * Each is now refused by loadScenario, at once, with the path of what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from './index.ts';

/** Just below 2^53: the largest whole number of ms a JSON number carries exactly. */
const NEAR_2_53 = 2 ** 53 - 2;

const AUDIT_FILES: readonly { name: string; text: string; paths: readonly string[] }[] = [
  {
    // otplib refuses a period over an hour: a stack trace on the first trial.
    name: 'a TOTP step of two hours',
    text: '{ "code": { "kind": "totp", "periodSeconds": 7200 } }',
    paths: ['$.code.periodSeconds'],
  },
  {
    // A silent greeting never ends app_amd's initial silence, so compiling the scenario walked
    // totalAnalysisTimeMs / 20 frames: 4.5 × 10^14 of them, even for a naive-only run.
    name: 'app_amd timings near 2^53 and a silent greeting',
    text: JSON.stringify({
      strategies: ['naive'],
      voicemail: { greeting: [{ silence: 5 }] },
      amd: {
        initialSilenceMs: NEAR_2_53,
        greetingMs: NEAR_2_53,
        afterGreetingSilenceMs: NEAR_2_53,
        totalAnalysisTimeMs: NEAR_2_53,
        maximumWordLengthMs: NEAR_2_53,
      },
    }),
    paths: [
      '$.amd.initialSilenceMs',
      '$.amd.greetingMs',
      '$.amd.afterGreetingSilenceMs',
      '$.amd.totalAnalysisTimeMs',
      '$.amd.maximumWordLengthMs',
    ],
  },
  {
    // 10^7 trials of each of the four strategies, 11 calls each (10 attempts): an hour and a
    // half of CPU at event level, a year at signal level with an hour's greeting.
    name: 'trials × strategies unbounded',
    text: '{ "trials": 10000000, "attacker": { "attempts": 10 } }',
    paths: ['$.trials'],
  },
  {
    name: 'the same at signal level with an hour-long greeting',
    text: JSON.stringify({
      trials: 10_000,
      fidelity: 'signal',
      voicemail: { greeting: [{ speech: 1800 }, { silence: 1800 }] },
    }),
    paths: ['$.trials'],
  },
  {
    // Every key press is rendered at signal level: a day-long tone is 691 million samples.
    name: 'a key held for a day at signal level',
    text: JSON.stringify({ fidelity: 'signal', signal: { keyToneSeconds: 86_400 } }),
    paths: ['$.signal.keyToneSeconds'],
  },
];

describe("the audit's crash and hang scenarios", () => {
  it.each(AUDIT_FILES)('$name: refused by loadScenario at $paths', ({ text, paths }) => {
    let error: unknown;
    try {
      loadScenario(JSON.parse(text));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((issue) => issue.path)).toEqual(paths);
  });
});
