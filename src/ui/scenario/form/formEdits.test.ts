import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../../../scenario/index.ts';
import { editScenarioText, type ScenarioEdit } from './editScenarioText.ts';
import {
  addGreetingSegment,
  moveGreetingSegment,
  removeGreetingSegment,
  setCodeKind,
  setGreetingSegmentField,
  setPinChoice,
  setPinField,
  setVictimAnswerProbability,
} from './formEdits.ts';

const nightAttack = readFileSync(
  new URL('../../../../scenarios/night-attack-dtmf-1.json', import.meta.url),
  'utf8',
);

function resolved(text: string): Scenario {
  const result = parseScenarioText(text);
  if (!result.ok) throw new Error('fixture must be valid');
  return result.scenario;
}

/** The edited file as plain JSON: the tests check it field by field. */
function edited(text: string, edit: ScenarioEdit): any {
  const outcome = editScenarioText(text, edit);
  if (!outcome.ok) throw new Error(outcome.problem);
  return JSON.parse(outcome.text);
}

describe('editScenarioText', () => {
  it('changes one field and keeps every other field as written, with 2-space indentation', () => {
    const outcome = editScenarioText(nightAttack, setVictimAnswerProbability(0.25));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.text).toContain('\n  "attacker": {\n    "victimAnswerProbability": 0.25,');
    expect(outcome.text.endsWith('}\n')).toBe(true);
    const before = JSON.parse(nightAttack);
    before.attacker.victimAnswerProbability = 0.25;
    expect(JSON.parse(outcome.text)).toEqual(before);
  });

  it("refuses an edit the validator rejects, in the validator's words", () => {
    const outcome = editScenarioText(nightAttack, setVictimAnswerProbability(1.5));
    expect(outcome).toEqual({
      ok: false,
      problem: '$.attacker.victimAnswerProbability: expected a number ≤ 1, found the number 1.5.',
    });
    const commonPin = editScenarioText(nightAttack, setPinField('length', 6));
    expect(commonPin.ok ? '' : commonPin.problem).toContain('$.voicemail.pin.length: expected 4');
  });

  it('creates the objects a minimal scenario leaves to their defaults', () => {
    expect(edited('{}', setPinField('lockoutAfter', 3))).toEqual({
      voicemail: { pin: { lockoutAfter: 3 } },
    });
  });

  it('sets a 4-digit length when the PIN choice becomes "common", as its table requires', () => {
    const tenDigits = '{ "voicemail": { "pin": { "length": 10, "choice": "uniform" } } }';
    expect(edited(tenDigits, setPinChoice('common')).voicemail.pin).toEqual({
      length: 4,
      choice: 'common',
    });
  });

  it('refuses to edit text that is not a JSON object', () => {
    expect(editScenarioText('{', setVictimAnswerProbability(0.1)).ok).toBe(false);
    expect(editScenarioText('[]', setVictimAnswerProbability(0.1)).ok).toBe(false);
  });

  it('refuses to edit text whose names repeat, which writing it back would lose', () => {
    const text = '{ "trials": 300, "trials": 400 }';
    expect(editScenarioText(text, setVictimAnswerProbability(0.1))).toEqual({
      ok: false,
      problem:
        '$.trials: expected each property given once in an object, found "trials" given twice: first at line 1, column 3, then at line 1, column 18. Fix it in the editor first.',
    });
    const deep = `{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(editScenarioText(deep, setVictimAnswerProbability(0.1)).ok).toBe(false);
  });
});

describe('greeting segment edits', () => {
  const greeting = resolved(nightAttack).voicemail.greeting;

  it('adds, reorders and removes segments', () => {
    let text = JSON.stringify(edited(nightAttack, addGreetingSegment('silence', greeting)));
    expect(JSON.parse(text).voicemail.greeting.at(-1)).toEqual({ silence: 1 });
    text = JSON.stringify(edited(text, moveGreetingSegment(3, 0, greeting)));
    expect(
      JSON.parse(text)
        .voicemail.greeting.map(Object.keys)
        .map((k: string[]) => k[0]),
    ).toEqual(['silence', 'speech', 'silence', 'dtmf']);
    text = JSON.stringify(edited(text, removeGreetingSegment(1, greeting)));
    expect(JSON.parse(text).voicemail.greeting).toHaveLength(3);
  });

  it('sets a DTMF segment field and starts from the default greeting when none is written', () => {
    const minimal = '{ "name": "minimal" }';
    const defaults = resolved(minimal).voicemail.greeting;
    const result = edited(minimal, addGreetingSegment('dtmf', defaults));
    expect(result.voicemail.greeting).toEqual([
      { speech: 6 },
      { silence: 0.5 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 },
    ]);
    const longer = edited(nightAttack, setGreetingSegmentField(2, 'toneMs', 30, greeting));
    expect(longer.voicemail.greeting[2]).toEqual({ dtmf: '1', toneMs: 30, gapMs: 80, repeat: 10 });
  });
});

describe('setCodeKind', () => {
  it('switches a ttl code to a TOTP with a 30 s step, keeping a length TOTP allows', () => {
    const ttl = resolved(nightAttack).code;
    expect(edited(nightAttack, setCodeKind('totp', ttl)).code).toEqual({
      kind: 'totp',
      digits: 6,
      periodSeconds: 30,
    });
    const fourDigits = '{ "code": { "kind": "ttl", "digits": 4 } }';
    const totp = edited(fourDigits, setCodeKind('totp', resolved(fourDigits).code));
    expect(totp.code.digits).toBe(6);
  });
});
