import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateScenario } from './validate.ts';
import { parseSweepPath, parseVary, resolveSweepAxes, resolveSweepPath } from './sweepAxes.ts';
import { MAX_SWEEP_POINTS } from './sweepSchema.ts';

const base = loadScenario({
  strategies: ['amd', 'my-flow'],
  flows: { 'my-flow': { twiml: '<Response><Say>hi</Say></Response>' } },
  voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }] },
});

const axis = (path: string, from: number, to: number, step: number) => ({ path, from, to, step });

function values(path: string, from: number, to: number, step: number): readonly number[] {
  const resolved = resolveSweepAxes(base, [axis(path, from, to, step)]);
  if ('problems' in resolved) throw new Error(JSON.stringify(resolved.problems));
  return resolved.axes[0]!.values;
}

describe('parseVary', () => {
  it('reads <path>=<from>..<to>:<step>, negative and decimal numbers included', () => {
    expect(parseVary('amd.afterGreetingSilenceMs=500..2500:100')).toEqual(
      axis('amd.afterGreetingSilenceMs', 500, 2500, 100),
    );
    expect(parseVary('signal.twistDb=-6..6:0.5')).toEqual(axis('signal.twistDb', -6, 6, 0.5));
    expect(parseVary('person.answerProbability=.5..1:.05')).toEqual(
      axis('person.answerProbability', 0.5, 1, 0.05),
    );
  });

  it('says what it expected when the text is not of that form', () => {
    expect(parseVary('amd.afterGreetingSilenceMs=500-2500')).toEqual({
      problem:
        'expected <path>=<from>..<to>:<step> with decimal numbers (e.g. amd.afterGreetingSilenceMs=500..2500:100), found "amd.afterGreetingSilenceMs=500-2500"',
    });
    expect(parseVary('x=1e3..2e3:1')).toHaveProperty('problem');
  });
});

describe('the grid', () => {
  it('is exact to the decimals written: 0.1 steps give 0.3, never 0.30000000000000004', () => {
    expect(values('person.answerProbability', 0, 1, 0.1)).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    expect(values('service.gatherTimeoutSeconds', 0.5, 2.5, 0.25)).toEqual([
      0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5,
    ]);
    expect(values('amd.afterGreetingSilenceMs', 500, 2500, 500)).toEqual([
      500, 1000, 1500, 2000, 2500,
    ]);
  });

  it('gives every value as the double its shortest decimal reads as (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 4 }),
        (fromUnits, stepUnits, steps, decimals) => {
          const scale = 10 ** decimals;
          const from = fromUnits / scale;
          const step = stepUnits / scale;
          const to = (fromUnits + steps * stepUnits) / scale;
          const got = values('signal.twistDb', from, to, step);
          expect(got).toHaveLength(steps + 1);
          got.forEach((v, k) =>
            expect(v).toBe(Number(((fromUnits + k * stepUnits) / scale).toFixed(decimals))),
          );
        },
      ),
    );
  });

  it('refuses a last value that is not from plus a whole number of steps, naming the two nearest', () => {
    expect(resolveSweepAxes(base, [axis('amd.afterGreetingSilenceMs', 500, 2450, 100)])).toEqual({
      problems: [
        {
          axis: 0,
          part: 'to',
          expected: 'from (500) plus a whole number of steps (100), such as 2400 or 2500',
          found: 'the number 2450',
        },
      ],
    });
  });

  it('refuses a step of 0, a last value below the first, and more than 9 decimal places', () => {
    const problem = (from: number, to: number, step: number) => {
      const r = resolveSweepAxes(base, [axis('signal.twistDb', from, to, step)]);
      return 'problems' in r ? r.problems[0] : null;
    };
    expect(problem(0, 1, 0)).toMatchObject({ part: 'step', expected: 'a number > 0' });
    expect(problem(2, 1, 1)).toMatchObject({ part: 'to', expected: 'a number ≥ from (2)' });
    expect(problem(0, 1, 1e-10)).toMatchObject({
      part: 'step',
      expected: 'a number of at most 9 decimal places',
    });
  });

  it(`refuses more than ${MAX_SWEEP_POINTS} points in all`, () => {
    expect(
      resolveSweepAxes(base, [
        axis('amd.afterGreetingSilenceMs', 0, 100, 1),
        axis('amd.greetingMs', 0, 100, 1),
      ]),
    ).toEqual({
      problems: [
        {
          axis: 0,
          part: null,
          expected: 'at most 10000 points in all (each is a whole run; use a coarser step)',
          found: '101 × 101 = 10201 points',
        },
      ],
    });
  });
});

describe('sweep paths', () => {
  it('reads dotted paths and the JSONPath the validator prints alike', () => {
    expect(parseSweepPath('voicemail.greeting.1.silence')).toEqual([
      'voicemail',
      'greeting',
      '1',
      'silence',
    ]);
    expect(parseSweepPath('$.voicemail.greeting[1].silence')).toEqual([
      'voicemail',
      'greeting',
      1,
      'silence',
    ]);
    expect(parseSweepPath('a..b')).toBeNull();
  });

  it('resolves a flow option, a list item and a default the file does not write', () => {
    expect(resolveSweepPath(base, 'flows.my-flow.machineDetectionSpeechEndThreshold')).toEqual({
      keys: ['flows', 'my-flow', 'machineDetectionSpeechEndThreshold'],
    });
    expect(resolveSweepPath(base, 'voicemail.greeting.1.silence')).toEqual({
      keys: ['voicemail', 'greeting', 1, 'silence'],
    });
    expect(resolveSweepPath(base, 'person.answerDelaySeconds.lognormal.median')).toEqual({
      keys: ['person', 'answerDelaySeconds', 'lognormal', 'median'],
    });
  });

  it('names the path, what it expected and what it found for a path that is not a number', () => {
    expect(resolveSweepPath(base, 'amd.afterGreetingSilence')).toEqual({
      expected:
        'a field of $.amd (did you mean "afterGreetingSilenceMs"? fields here: initialSilenceMs, greetingMs, afterGreetingSilenceMs, totalAnalysisTimeMs, minimumWordLengthMs, betweenWordsSilenceMs, maximumNumberOfWords, silenceThreshold, maximumWordLengthMs, onMachine, onNotSure)',
      found: 'the string "afterGreetingSilence"',
    });
    expect(resolveSweepPath(base, 'amd.onMachine')).toEqual({
      expected: 'a number at $.amd.onMachine',
      found: 'the string "hangup"',
    });
    expect(resolveSweepPath(base, 'person.answerDelaySeconds')).toEqual({
      expected:
        'a number at $.person.answerDelaySeconds (a duration drawn from a distribution: vary one of its numbers, such as its lognormal.median or uniform.0)',
      found: 'an object {"lognormal":{"median":6,"sigma":0.4}}',
    });
    expect(resolveSweepPath(base, 'voicemail.greeting.2.silence')).toEqual({
      expected: 'an index from 0 to 1 into $.voicemail.greeting (a list of 2)',
      found: 'the string "2"',
    });
    expect(resolveSweepPath(base, 'voicemail.pin.lockoutAfter')).toEqual({
      expected: 'a number at $.voicemail.pin.lockoutAfter',
      found: 'null',
    });
    expect(resolveSweepPath(base, 'flows.my-flow.machineDetectionSpeechEndTreshold')).toEqual({
      expected:
        'a field of $.flows["my-flow"] (did you mean "machineDetectionSpeechEndThreshold"? fields here: twiml, timeout, machineDetectionTimeout, machineDetectionSpeechThreshold, machineDetectionSpeechEndThreshold, machineDetectionSilenceTimeout, media, mediaSeconds, keysOutsideGather, machineDetection, sendDigits, url, method)',
      found: 'the string "machineDetectionSpeechEndTreshold"',
    });
    expect(resolveSweepPath(base, 'flows.other.timeout')).toEqual({
      expected: 'a field of $.flows (flows declared here: my-flow)',
      found: 'the string "other"',
    });
    expect(resolveSweepPath(base, 'flows.my-flow.sendDigits')).toEqual({
      expected:
        'a field this scenario sets: $.flows["my-flow"].sendDigits has no default (give it a value in the file to sweep it)',
      found: 'nothing',
    });
  });

  it('refuses the seed and the trials: every point shares them (common random numbers)', () => {
    expect(resolveSweepPath(base, 'seed')).toEqual({
      expected:
        'a field other than seed, trials, expect, sweep, expectWorstCase, worstCaseSearch (every point runs on the same seed (common random numbers); give it with --seed)',
      found: 'the string "seed"',
    });
    expect(resolveSweepPath(base, 'trials')).toHaveProperty('expected');
    expect(resolveSweepPath(base, 'worstCaseSearch.budget')).toHaveProperty('expected');
  });
});

describe('a scenario\'s "sweep"', () => {
  it('is checked at its JSON paths: the field varied, the grid, the thresholds', () => {
    const result = validateScenario({
      strategies: ['amd'],
      sweep: {
        vary: [axis('amd.afterGreetingSilence', 500, 2500, 100), axis('amd.greetingMs', 0, 5, 2)],
        expect: [
          { strategy: 'naive', some: { interceptionRate: { max: 0.05 } } },
          { strategy: 'amd', some: {}, every: {} },
          { strategy: 'amd', every: { legitSuccessRate: { min: 0.9, max: 0.8 } } },
        ],
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => `${i.path}: expected ${i.expected}`)).toEqual([
      '$.sweep.vary[0].path: expected a field of $.amd (did you mean "afterGreetingSilenceMs"? fields here: initialSilenceMs, greetingMs, afterGreetingSilenceMs, totalAnalysisTimeMs, minimumWordLengthMs, betweenWordsSilenceMs, maximumNumberOfWords, silenceThreshold, maximumWordLengthMs, onMachine, onNotSure)',
      '$.sweep.vary[1].to: expected from (0) plus a whole number of steps (2), such as 4 or 6',
      '$.sweep.expect[0].strategy: expected "all" or a strategy listed in "strategies" (amd), or it would never be checked',
      '$.sweep.expect[1]: expected exactly one of "some" (a point meets every bound) and "every" (every point does)',
      '$.sweep.expect[2].every.legitSuccessRate: expected "min" ≤ "max"',
    ]);
  });

  it('is absent from a scenario that does not give one', () => {
    expect('sweep' in base).toBe(false);
  });
});
