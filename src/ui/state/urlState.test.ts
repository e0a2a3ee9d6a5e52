import { describe, expect, it } from 'vitest';
import { readScenarioLink, readViewParam, withScenarioLink, withViewParam } from './urlState.ts';

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
