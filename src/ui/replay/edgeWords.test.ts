import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../flows/index.ts';
import { STRATEGY_IDS } from '../../scenario/index.ts';
import { conditionWords, consequenceWords, transitionIdentifier } from './edgeWords.ts';
import { machineTransitions, rootTransitions } from './flowDiagram.ts';

describe('edge words', () => {
  it('has words for every event, guard, fallback and target state of every built-in flow', () => {
    const missing: string[] = [];
    for (const strategy of STRATEGY_IDS) {
      const machine = FLOWS[strategy];
      for (const t of [...machineTransitions(machine), ...rootTransitions(machine)]) {
        if (conditionWords(t) === null) missing.push(`${strategy}: ${transitionIdentifier(t)}`);
        if (consequenceWords(t.to, false) === null) missing.push(`${strategy}: state ${t.to}`);
      }
      for (const state of Object.keys(machine.root.states))
        if (consequenceWords(state, false) === null) missing.push(`${strategy}: state ${state}`);
    }
    expect(missing).toEqual([]);
  });

  it('says a guard as the condition and an unguarded fallback as what is left', () => {
    expect(conditionWords({ event: 'AMD_RESULT', guards: ['isHuman'], fallback: false })).toBe(
      'human',
    );
    expect(conditionWords({ event: 'DTMF', guards: [], fallback: true })).toBe('wrong key');
    expect(conditionWords({ event: 'NO_ANSWER', guards: [], fallback: false })).toBe('no answer');
    expect(
      conditionWords({
        event: 'AMD_RESULT',
        guards: ['isMachine', 'leavesCodeForMachines'],
        fallback: false,
      }),
    ).toBe('machine, leave code');
  });

  it('has no words for a name it does not know, so the diagram falls back to the identifier', () => {
    const unknown = { event: 'DTMF', guards: ['isLucky'], fallback: false };
    expect(conditionWords(unknown)).toBeNull();
    expect(transitionIdentifier(unknown)).toBe('DTMF [isLucky]');
    expect(consequenceWords('dreaming', false)).toBeNull();
  });

  it('says going back to the prompt as re-asking', () => {
    expect(consequenceWords('prompting', false)).toBe('ask for the key');
    expect(consequenceWords('prompting', true)).toBe('re-ask');
    expect(consequenceWords('ended', true)).toBe('hang up');
  });
});
