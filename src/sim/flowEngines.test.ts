import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepperEngine, xstateEngine, type FlowEngine } from '../flows/index.ts';
import { BUILT_IN_STRATEGY_IDS, loadScenario } from '../scenario/index.ts';
import { CallEventLog } from './callEvents.ts';
import { compileScenario } from './compile.ts';
import { runAttackTrial, runLegitTrial } from './trial.ts';

/**
 * Whole trials give the same outcome and the same typed events (every flow-state, prompt,
 * timer, readout and hang-up at its millisecond) whether the built-in flows run on the stepper
 * (the engine's default) or on XState's actors, in the bundled scenarios that exercise each flow.
 */
const SCENARIOS_DIR = join(import.meta.dirname, '../../scenarios');
const FILES = [
  'night-attack-dtmf-1.json',
  'dtmf-every-digit-greeting.json',
  'amd-leave-code-on-machine.json',
  'amd-hello-then-silence.json',
  'owner-answers-baseline.json',
  'random-digit-three-digit-choice.json',
  'random-digit-reask-all-digits.json',
];
const TRIALS = 150;

function trials(file: string, strategy: string, engine: FlowEngine) {
  const scenario = loadScenario(JSON.parse(readFileSync(join(SCENARIOS_DIR, file), 'utf8')));
  const compiled = compileScenario(scenario);
  const runs = [];
  for (let i = 0; i < TRIALS; i++) {
    for (const run of [runAttackTrial, runLegitTrial]) {
      const logs: CallEventLog[] = [];
      const recorder = (call: number) => (logs[call] = new CallEventLog());
      const outcome = run(compiled, strategy, i, { recorder, flowEngine: engine });
      runs.push({ outcome, events: logs.map((log) => log.events()) });
    }
  }
  return runs;
}

describe.each(FILES)('%s', (file) => {
  it.each(BUILT_IN_STRATEGY_IDS)(
    '%s: the same outcomes and call events on the stepper as on XState actors',
    (strategy) => {
      const stepped = trials(file, strategy, stepperEngine);
      expect(stepped.some((run) => run.events.flat().some((e) => e.type === 'flow-state'))).toBe(
        true,
      );
      expect(stepped).toEqual(trials(file, strategy, xstateEngine));
    },
  );
});
