import { describe, expect, it } from 'vitest';
import { readScenarioLink, withScenarioLink } from './urlState.ts';

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
