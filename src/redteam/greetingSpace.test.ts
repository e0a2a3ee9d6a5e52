import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { loadScenario, validateScenario, type GreetingSegment } from '../scenario/index.ts';
import {
  centreParameters,
  enumeratedStructures,
  greetingOf,
  KEY_SETS,
  mutateDesign,
  parameterRanges,
  randomDesign,
  structureKey,
  type GreetingDesign,
} from './greetingSpace.ts';

const scenario = loadScenario({});

/** The greeting as validateScenario gives it back inside a scenario, or the issues. */
function validated(greeting: readonly GreetingSegment[]): unknown {
  const result = validateScenario({ voicemail: { greeting } });
  return result.ok ? result.scenario.voicemail.greeting : result.issues;
}

describe('the greeting space', () => {
  it('enumerates every key set with 0, 1, 2 and 4 words, both orders where there are keys and words', () => {
    const structures = enumeratedStructures();
    // No keys: 4 word counts. Each of 19 key sets: no words once, 1, 2 and 4 words in two orders.
    expect(KEY_SETS).toHaveLength(20);
    expect(structures).toHaveLength(4 + 19 * 7);
    expect(new Set(structures.map(structureKey)).size).toBe(structures.length);
    for (const key of '0123456789*#ABCD') {
      expect(structures).toContainEqual({ keys: key, words: 0, dtmfFirst: false });
    }
    expect(structures).toContainEqual({ keys: '0123456789', words: 2, dtmfFirst: true });
  });

  it('lays a design out as lead silence, words, middle silence, DTMF block and tail silence', () => {
    const design: GreetingDesign = {
      structure: { keys: '1#', words: 2, dtmfFirst: false },
      parameters: {
        leadSilenceMs: 250,
        wordMs: 400,
        wordGapMs: 150,
        midSilenceMs: 0,
        toneMs: 90,
        gapMs: 60,
        repeat: 3,
        tailSilenceMs: 1200,
      },
    };
    expect(greetingOf(design)).toEqual([
      { silence: 0.25 },
      { speech: 0.4 },
      { silence: 0.15 },
      { speech: 0.4 },
      { dtmf: '1#', toneMs: 90, gapMs: 60, repeat: 3 },
      { silence: 1.2 },
    ]);
    expect(greetingOf({ ...design, structure: { keys: '1#', words: 1, dtmfFirst: true } })).toEqual(
      [
        { silence: 0.25 },
        { dtmf: '1#', toneMs: 90, gapMs: 60, repeat: 3 },
        { speech: 0.4 },
        { silence: 1.2 },
      ],
    );
    const silent = { ...design.parameters, leadSilenceMs: 0, tailSilenceMs: 0 };
    expect(
      greetingOf({ structure: { keys: '', words: 0, dtmfFirst: false }, parameters: silent }),
    ).toEqual([]);
  });

  it('makes only greetings the scenario format takes back unchanged, defaults filled in', () => {
    const rng = createRng(11);
    const designs: GreetingDesign[] = enumeratedStructures().map((structure) => ({
      structure,
      parameters: centreParameters(scenario),
    }));
    for (let i = 0; i < 2000; i++) designs.push(randomDesign(scenario, rng));
    for (let i = 0; i < 2000; i++)
      designs.push(mutateDesign(scenario, designs[rng.int(designs.length)]!, rng));
    for (const design of designs) {
      const greeting = greetingOf(design);
      expect(validated(greeting)).toEqual(greeting);
    }
  });

  it('keeps every drawn and mutated parameter within its range, reaching both ends', () => {
    const ranges = parameterRanges(scenario);
    const rng = createRng(12);
    let design = randomDesign(scenario, rng);
    const seen = new Map<string, { min: number; max: number }>();
    const outside: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      design = i % 2 === 0 ? randomDesign(scenario, rng) : mutateDesign(scenario, design, rng);
      for (const [name, value] of Object.entries(design.parameters)) {
        const range = ranges[name as keyof typeof ranges];
        if (!Number.isInteger(value) || value < range.min || value > range.max)
          outside.push(`${name} = ${value}`);
        const s = seen.get(name) ?? { min: Infinity, max: -Infinity };
        seen.set(name, { min: Math.min(s.min, value), max: Math.max(s.max, value) });
      }
    }
    expect(outside).toEqual([]);
    for (const [name, range] of Object.entries(ranges)) {
      expect(seen.get(name), name).toEqual({ min: range.min, max: range.max });
    }
  });

  it('starts tones at the service dtmfDetectMs when it is past 40 ms (shorter ones are never reported)', () => {
    expect(parameterRanges(scenario).toneMs).toEqual({ min: 40, max: 1000, scale: 'log' });
    const slow = loadScenario({ service: { dtmfDetectMs: 65 } });
    expect(parameterRanges(slow).toneMs).toEqual({ min: 65, max: 1000, scale: 'log' });
    expect(centreParameters(loadScenario({ service: { dtmfDetectMs: 200 } })).toneMs).toBe(200);
  });
});
