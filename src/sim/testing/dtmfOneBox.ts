import type { ScenarioInput } from '../../scenario/index.ts';
import { callTrace, type CallTrace } from '../callTrace.ts';
import type { CompiledScenario } from '../compile.ts';
import { replayTrial } from '../replay.ts';
import { compiledWith } from './scenarioWith.ts';

/**
 * The night attack's box on the deterministic base (scenarioWith): it picks up at 25 s and says
 * "Hi" (0.8 s), is silent for 1 s, then plays ten "1" tones, 120 ms on, 80 ms off (26.8 s to
 * 28.8 s); the beep follows until 29.3 s. One call per campaign.
 */
export const DTMF_1_BOX = {
  voicemail: {
    greeting: [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ],
  },
  attacker: { attempts: 1 },
} satisfies ScenarioInput;

/** The first attack call of static-prompt against that box, and the scenario it ran in. */
export function dtmfOneBoxCall(): { compiled: CompiledScenario; trace: CallTrace } {
  const compiled = compiledWith(DTMF_1_BOX);
  return { compiled, trace: callTrace(replayTrial(compiled, 'static-prompt', 'attack', 0), 0) };
}
