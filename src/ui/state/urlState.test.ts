import { describe, expect, it } from 'vitest';
import { MAX_ATTACKER_ATTEMPTS } from '../../scenario/index.ts';
import { MAX_TRIAL_INDEX } from '../../scenario/trialLimits.ts';
import {
  callParam,
  readCallParam,
  readSceneParam,
  readScenarioLink,
  readViewParam,
  sceneParam,
  withHashParams,
  withScenarioLink,
  withViewParam,
} from './urlState.ts';

const scenarioText = '{\n  "name": "Ünïcode & spaces + plus",\n  "trials": 500\n}\n';

describe('scenario links', () => {
  it('round-trips any scenario text exactly through #s=', () => {
    const hash = withScenarioLink('', { kind: 'text', text: scenarioText });
    expect(hash).toMatch(/^#s=[A-Za-z0-9+\-$]+$/);
    expect(readScenarioLink(hash)).toEqual({ kind: 'text', text: scenarioText });
  });

  it('names an unmodified bundled scenario by its id', () => {
    const hash = withScenarioLink('#s=abc', { kind: 'bundled', id: 'night-attack-dtmf-1' });
    expect(hash).toBe('#id=night-attack-dtmf-1');
    expect(readScenarioLink(hash)).toEqual({ kind: 'bundled', id: 'night-attack-dtmf-1' });
  });

  it("keeps the hash's other parameters", () => {
    const hash = withScenarioLink('#strategy=amd&id=old', { kind: 'bundled', id: 'new' });
    expect(hash).toBe('#id=new&strategy=amd');
  });

  it('reads a link whose `$` a chat app percent-encoded', () => {
    const hash = withScenarioLink('', { kind: 'text', text: scenarioText });
    expect(readScenarioLink(hash.replaceAll('$', '%24'))).toEqual({
      kind: 'text',
      text: scenarioText,
    });
  });

  it('says so when the compressed data is corrupt or empty', () => {
    expect(readScenarioLink('#s=').kind).toBe('unreadable');
    expect(readScenarioLink('#s=%E0%A4%A').kind).toBe('unreadable');
  });

  it('reads nothing from an empty or unrelated hash', () => {
    expect(readScenarioLink('')).toEqual({ kind: 'none' });
    expect(readScenarioLink('#strategy=amd')).toEqual({ kind: 'none' });
  });
});

describe('view links', () => {
  it('adds, replaces and removes view= while keeping the scenario', () => {
    const withLogin = withViewParam('#id=night-attack-dtmf-1', 'login');
    expect(withLogin).toBe('#id=night-attack-dtmf-1&view=login');
    expect(readViewParam(withLogin)).toBe('login');
    expect(readScenarioLink(withLogin)).toEqual({ kind: 'bundled', id: 'night-attack-dtmf-1' });
    expect(withViewParam(withLogin, 'greeting')).toBe('#id=night-attack-dtmf-1&view=greeting');
    expect(withViewParam(withLogin, null)).toBe('#id=night-attack-dtmf-1');
    expect(withViewParam('', null)).toBe('');
  });

  it('survives the scenario being rewritten', () => {
    const hash = withScenarioLink('#view=replay', { kind: 'text', text: '{"seed": 3}' });
    expect(readViewParam(hash)).toBe('replay');
  });

  it('reads no view from a hash without one', () => {
    expect(readViewParam('#id=x')).toBeNull();
    expect(readViewParam('')).toBeNull();
  });
});

describe('hash parameters', () => {
  it('sets parameters in place, appends new ones and removes those set to null', () => {
    expect(
      withHashParams('#id=a&view=story&scene=2', { view: 'replay', scene: null, call: 'x' }),
    ).toBe('#id=a&view=replay&call=x');
  });

  it('encodes the values it writes and leaves the others as they were', () => {
    expect(withHashParams('#s=ab+c$', { view: 'a b&c' })).toBe('#s=ab+c$&view=a%20b%26c');
  });

  it('leaves an empty hash when nothing is left', () => {
    expect(withHashParams('#view=story', { view: null, scene: null })).toBe('');
    expect(withHashParams('', { view: null })).toBe('');
  });
});

describe('scene links', () => {
  it('writes the 1-based scene a presenter reads and reads it back as an index', () => {
    expect(sceneParam(0)).toBe('1');
    const hash = withHashParams('#view=story', { scene: sceneParam(4) });
    expect(hash).toBe('#view=story&scene=5');
    expect(readSceneParam(hash, 8)).toBe(4);
  });

  it('reads the first and the last scene', () => {
    expect(readSceneParam('#scene=1', 8)).toBe(0);
    expect(readSceneParam('#scene=8', 8)).toBe(7);
  });

  it('ignores a scene out of range, not a whole number, or absent', () => {
    for (const bad of ['0', '9', '-1', '2.5', '02', 'two', '1e1', '', '99999']) {
      expect(readSceneParam(`#scene=${bad}`, 8), bad).toBeNull();
    }
    expect(readSceneParam('#view=story', 8)).toBeNull();
  });
});

describe('call links', () => {
  const call = { strategy: 'random-digit', kind: 'attack', trialIndex: 17, callIndex: 4 } as const;

  it('round-trips strategy, kind, trial and campaign call as call=s.k.t.c', () => {
    expect(callParam(call)).toBe('random-digit.attack.17.4');
    const hash = withHashParams('#id=x&view=replay', { call: callParam(call) });
    expect(hash).toBe('#id=x&view=replay&call=random-digit.attack.17.4');
    expect(readCallParam(hash)).toEqual(call);
  });

  it("reads a TwiML flow's id and a legit trial", () => {
    expect(readCallParam('#call=press_1-gate.legit.0.0')).toEqual({
      strategy: 'press_1-gate',
      kind: 'legit',
      trialIndex: 0,
      callIndex: 0,
    });
  });

  it('reads the largest trial index and campaign call and refuses one more', () => {
    const last = `amd.attack.${MAX_TRIAL_INDEX}.${MAX_ATTACKER_ATTEMPTS - 1}`;
    expect(readCallParam(`#call=${last}`)).toEqual({
      strategy: 'amd',
      kind: 'attack',
      trialIndex: MAX_TRIAL_INDEX,
      callIndex: MAX_ATTACKER_ATTEMPTS - 1,
    });
    expect(readCallParam(`#call=amd.attack.${MAX_TRIAL_INDEX + 1}.0`)).toBeNull();
    expect(readCallParam(`#call=amd.attack.0.${MAX_ATTACKER_ATTEMPTS}`)).toBeNull();
  });

  it('ignores a call with a bad part, a part missing or too many', () => {
    for (const bad of [
      'amd.attack.1',
      'amd.attack.1.0.0',
      'amd.robbery.1.0',
      'amd.attack.-1.0',
      'amd.attack.1.5.0',
      'amd.attack.01.0',
      'amd.attack.1e3.0',
      'am d.attack.1.0',
      '.attack.1.0',
      '%E0%A4%A',
    ]) {
      expect(readCallParam(`#call=${bad}`), bad).toBeNull();
    }
    expect(readCallParam('#view=replay')).toBeNull();
  });
});
