import { describe, expect, it } from 'vitest';
import type { AttackReport, SearchProgress } from '../../redteam/index.ts';
import type { GreetingSegment } from '../../scenario/index.ts';
import { chartSentences, reportNotes, reportSentence, searchView } from './progressView.ts';

const toneOne: GreetingSegment[] = [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 }];
const hello: GreetingSegment[] = [{ speech: 0.4 }, { silence: 1 }];
const both: GreetingSegment[] = [...hello, ...toneOne];

const screening: SearchProgress = {
  phase: 'screen',
  candidatesTried: 3,
  trialsSpent: 250,
  best: {
    greeting: toneOne,
    rate: 0.98,
    ci95: [0.9, 0.99],
    hits: 49,
    trials: 50,
    confirmed: false,
  },
  // Listed out of order: the view sorts by the order made.
  candidates: [
    { id: 2, greeting: both, rate: 0.96, trials: 150 },
    { id: 0, greeting: hello, rate: 0, trials: 50 },
    { id: 1, greeting: toneOne, rate: 0.98, trials: 50 },
  ],
};

describe('searchView', () => {
  it('lists each candidate’s rate in percent in the order tried, the best one marked', () => {
    const view = searchView(screening, 300);
    expect(view.points).toEqual([
      { order: 1, percent: 0, trials: 50, best: false },
      { order: 2, percent: 98, trials: 50, best: true },
      { order: 3, percent: 96, trials: 150, best: false },
    ]);
    expect([view.candidatesTried, view.budget, view.trialsSpent]).toEqual([3, 300, 250]);
    expect(view.phase).toBe('screen');
  });

  it('gives the best so far in words, with its rate, interval and whether it is confirmed', () => {
    expect(searchView(screening, 300).best).toEqual({
      greeting: toneOne,
      words: 'the key 1 (120 ms tone, 80 ms gap)',
      rate: '98.00%',
      interval: '[90.00%, 99.00%]',
      percent: 98,
      lowPercent: 90,
      highPercent: 99,
      hits: 49,
      trials: 50,
      confirmed: false,
    });
    const confirmed = searchView(
      {
        ...screening,
        phase: 'confirm',
        best: { ...screening.best!, hits: 1960, trials: 2000, confirmed: true },
      },
      300,
    );
    expect(confirmed.best?.confirmed).toBe(true);
    expect(confirmed.phase).toBe('confirm');
  });

  it('has no best and no points before the first rung', () => {
    const view = searchView({ ...screening, best: null, candidates: [] }, 300);
    expect(view.best).toBeNull();
    expect(view.points).toEqual([]);
    expect(chartSentences(view)).toEqual(['No candidate has been screened yet.']);
  });
});

describe('chartSentences', () => {
  it('says the range of the rates and the best candidate', () => {
    expect(chartSentences(searchView(screening, 300))).toEqual([
      '3 candidates screened; their rates on the screening trials range from 0.000% to 98.00%.',
      'The best, candidate 2, scored 98.00% on 50 screening trials; not confirmed yet.',
    ]);
  });
});

const rated = (greeting: GreetingSegment[], hits: number) => ({
  greeting,
  rate: hits / 2000,
  ci95: [hits / 2000 - 0.01, hits / 2000 + 0.01] as const,
  hits,
  trials: 2000,
});
const report: AttackReport = {
  strategy: 'static-prompt',
  objective: 'interception',
  seed: 7,
  confirmSeed: 123,
  best: rated(toneOne, 1960),
  runnersUp: [rated(both, 1958), rated(hello, 0)],
  evaluations: 300,
  trials: 71_600,
  exhaustive: false,
  structures: { enumerated: 137, screened: 137 },
  rungs: [{ candidates: 150, trials: 50 }],
  replay: { trialIndex: 0 },
  fidelity: 'event',
  scenarioFidelity: 'event',
  compromiseRate: null,
  stopped: false,
};

describe('reportSentence', () => {
  it('says what was screened and confirmed', () => {
    expect(reportSentence(report)).toBe(
      'Screened 300 candidate greetings in 71,600 trials, then confirmed the best 3 on 2,000 fresh trials each (seed 123).',
    );
  });

  it('says when the search was stopped early', () => {
    expect(reportSentence({ ...report, stopped: true })).toMatch(/^Stopped early: screened 300 /);
  });
});

describe('reportNotes', () => {
  it('says every structure was screened, and that this is evidence, not proof', () => {
    expect(reportNotes(report)).toEqual([
      'Every one of the 137 structures (which keys, how many words, in which order) was screened; lengths were sampled, so this is evidence, not proof.',
    ]);
  });

  it('says how many structures a small budget reached, how end-to-end is made, and the fidelity', () => {
    expect(
      reportNotes({
        ...report,
        structures: { enumerated: 137, screened: 40 },
        objective: 'end-to-end',
        compromiseRate: 0.123,
        scenarioFidelity: 'signal',
      }),
    ).toEqual([
      'The budget screened 40 of the 137 structures (which keys, how many words, in which order), chosen at random; a larger budget screens them all.',
      'End-to-end rates are the campaign’s times the exact voicemail compromise rate, 12.30%.',
      'The scenario runs at fidelity "signal"; the search ran its calls at event level, hundreds of times cheaper.',
    ]);
  });
});
