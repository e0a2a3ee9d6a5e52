import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, DEFAULT_CONFIRM_TRIALS } from '../../redteam/index.ts';
import { loadScenario, type Scenario } from '../../scenario/index.ts';
import { compileScenario } from '../../sim/compile.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import {
  APP_MAX_BUDGET,
  attackCommandLine,
  defaultSettings,
  flowChoices,
  objectiveChoices,
  parseSettings,
  sameButGreeting,
  type SettingsText,
} from './searchSettings.ts';

const scenario = loadScenario(JSON.parse(bundledScenario('night-attack-dtmf-1')!.text));
const flows = flowChoices(compileScenario(scenario), scenario);

/** An inline TwiML flow whose <Redirect> goes to a web server: it sends requests. */
const linking: Scenario = loadScenario({
  name: 'linking',
  strategies: ['gate', 'static-prompt'],
  flows: {
    gate: { twiml: '<Response><Redirect>https://example.com/next</Redirect></Response>' },
  },
});
/** An inline TwiML flow with no link out: it runs from the scenario alone. */
const local: Scenario = loadScenario({
  name: 'local',
  strategies: ['read'],
  flows: { read: { twiml: '<Response><Say>Your code is {{Code}}.</Say></Response>' } },
});

describe('flowChoices', () => {
  it('offers every strategy of the scenario in its order, built-in ones by their id', () => {
    expect(flows.map((f) => [f.id, f.label, f.disabledReason])).toEqual([
      ['naive', 'naive', null],
      ['static-prompt', 'static-prompt', null],
      ['amd', 'amd', null],
      ['random-digit', 'random-digit', null],
    ]);
  });

  it('disables a TwiML flow that sends requests, saying why, and keeps an inline one', () => {
    const choices = flowChoices(compileScenario(linking), linking);
    expect(choices.map((f) => f.label)).toEqual(['gate (TwiML)', 'static-prompt']);
    expect(choices[0]!.disabledReason).toMatch(/^gate asks a web server for its documents/);
    expect(choices[1]!.disabledReason).toBeNull();
    expect(flowChoices(compileScenario(local), local)).toEqual([
      { id: 'read', label: 'read (TwiML)', disabledReason: null },
    ]);
  });
});

describe('defaultSettings', () => {
  it('starts at the first runnable flow, the search defaults and the scenario’s seed', () => {
    expect(defaultSettings(scenario, flows)).toEqual({
      strategy: 'naive',
      objective: 'interception',
      budget: String(DEFAULT_BUDGET),
      trials: String(DEFAULT_CONFIRM_TRIALS),
      seed: '7',
    });
  });

  it('skips a flow that cannot be searched', () => {
    const choices = flowChoices(compileScenario(linking), linking);
    expect(defaultSettings(linking, choices).strategy).toBe('static-prompt');
  });
});

describe('parseSettings', () => {
  const good: SettingsText = {
    strategy: 'static-prompt',
    objective: 'campaign',
    budget: ' 40 ',
    trials: '500',
    seed: '0',
  };

  it('reads the options from the fields', () => {
    expect(parseSettings(good, flows)).toEqual({
      ok: true,
      options: {
        strategy: 'static-prompt',
        objective: 'campaign',
        budget: 40,
        trials: 500,
        seed: 0,
      },
    });
  });

  it('says what each bad field expects', () => {
    const parsed = parseSettings(
      { strategy: 'press-9', objective: 'interception', budget: '0', trials: '1e3', seed: '-1' },
      flows,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.fromEntries(parsed.problems)).toEqual({
      strategy: 'Pick a flow to attack.',
      budget: `Enter a whole number from 1 to ${APP_MAX_BUDGET.toLocaleString('en')}.`,
      trials: 'Enter a whole number from 1 to 100,000.',
      seed: 'Enter a whole number from 0 to 4,294,967,295.',
    });
  });

  it('takes the app’s largest budget and refuses one more', () => {
    const at = parseSettings({ ...good, budget: String(APP_MAX_BUDGET) }, flows);
    expect(at.ok).toBe(true);
    const over = parseSettings({ ...good, budget: String(APP_MAX_BUDGET + 1) }, flows);
    expect(over.ok).toBe(false);
  });

  it('refuses a disabled flow with its reason', () => {
    const choices = flowChoices(compileScenario(linking), linking);
    const parsed = parseSettings({ ...good, strategy: 'gate' }, choices);
    expect(parsed.ok ? null : parsed.problems.get('strategy')).toBe(choices[0]!.disabledReason);
  });
});

describe('objectiveChoices', () => {
  it('names the three objectives of the search, the campaign with its calls', () => {
    const choices = objectiveChoices(5);
    expect(choices.map((c) => c.id)).toEqual(['interception', 'campaign', 'end-to-end']);
    expect(choices[1]!.hint).toBe('any of the attacker’s 5 calls is intercepted');
    expect(objectiveChoices(1)[1]!.hint).toBe('any of the attacker’s 1 call is intercepted');
  });
});

describe('attackCommandLine', () => {
  it('is the sim attack command with every option of the search', () => {
    expect(
      attackCommandLine('scenarios/night-attack-dtmf-1.json', {
        strategy: 'static-prompt',
        objective: 'interception',
        budget: 300,
        trials: 2000,
        seed: 7,
      }),
    ).toBe(
      'npm run sim -- attack scenarios/night-attack-dtmf-1.json --strategy static-prompt --objective interception --budget 300 --trials 2000 --seed 7',
    );
  });
});

describe('sameButGreeting', () => {
  it('holds for another greeting and not for any other change', () => {
    const greeting = [{ dtmf: '1', toneMs: 61, gapMs: 50, repeat: 1 }];
    expect(
      sameButGreeting(scenario, { ...scenario, voicemail: { ...scenario.voicemail, greeting } }),
    ).toBe(true);
    expect(sameButGreeting(scenario, { ...scenario, seed: 8 })).toBe(false);
    expect(
      sameButGreeting(scenario, {
        ...scenario,
        voicemail: { ...scenario.voicemail, enabled: false },
      }),
    ).toBe(false);
  });
});
