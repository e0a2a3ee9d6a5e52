/**
 * Issue 4's acceptance test: on every bundled scenario, trials run through rendered audio and
 * the real detectors give the interception and legit-success rates of the event level, within
 * their 95% confidence intervals. The two levels draw the same circumstances per trial (the
 * signal level renders from a stream of its own), so they differ only where a detector hears
 * something other than the symbols say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import type { StrategyResult } from './results.ts';
import { runScenarioSync } from './runPlan.ts';

const SCENARIOS_DIR = join(import.meta.dirname, '../../scenarios');
/** Enough for intervals a few points wide; the signal level costs ~1-4 ms a trial. */
const TRIALS = 80;

const files = readdirSync(SCENARIOS_DIR)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
  .sort();

/** The TwiML flows' documents, by path from the scenarios folder, as the command line reads them. */
const documents = Object.fromEntries(
  readdirSync(join(SCENARIOS_DIR, 'flows'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.xml'))
    .map((path) => [
      `flows/${path.replaceAll('\\', '/')}`,
      readFileSync(join(SCENARIOS_DIR, 'flows', path), 'utf8'),
    ]),
);

type Interval = readonly [number, number];
const overlap = (a: Interval, b: Interval) => a[0] <= b[1] && b[0] <= a[1];

const METRICS: ReadonlyArray<[string, (r: StrategyResult) => Interval]> = [
  ['interception', (r) => r.interceptionCi95],
  ['campaign interception', (r) => r.campaignInterceptionCi95],
  ['legit success', (r) => r.legitSuccessCi95],
];

describe('signal level agrees with event level on the bundled scenarios', () => {
  it('has scenarios to compare', () => expect(files.length).toBeGreaterThanOrEqual(10));

  for (const name of files) {
    it(name, () => {
      const raw = JSON.parse(readFileSync(join(SCENARIOS_DIR, name), 'utf8'));
      const run = (fidelity: 'event' | 'signal') =>
        runScenarioSync(
          loadScenario({ ...raw, trials: TRIALS, fidelity }),
          undefined,
          {},
          documents,
        );
      const event = run('event');
      const signal = run('signal');
      for (const [strategy, eventResult] of Object.entries(event.strategies)) {
        const signalResult = signal.strategies[strategy]!;
        expect(eventResult.applicationErrorCalls, `${strategy}: its documents ran`).toBe(0);
        for (const [metric, ci] of METRICS) {
          expect(
            overlap(ci(eventResult), ci(signalResult)),
            `${strategy} ${metric}: event ${ci(eventResult).join('–')}, signal ${ci(signalResult).join('–')}`,
          ).toBe(true);
        }
      }
    });
  }
});
