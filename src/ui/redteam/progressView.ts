import type { AttackReport, RatedGreeting, SearchProgress } from '../../redteam/index.ts';
import { interval, percent } from '../../report/percent.ts';
import type { GreetingSegment } from '../../scenario/index.ts';
import { greetingWords } from './greetingWords.ts';

/** One screened candidate as the chart draws it. */
export interface CandidatePoint {
  /** 1-based: the order in which the search made it. */
  readonly order: number;
  /** Its rate on the screening trials it reached, in percent. */
  readonly percent: number;
  readonly trials: number;
  /** It is the best so far. */
  readonly best: boolean;
}

/** The best greeting so far, as the view shows it. */
export interface BestView {
  readonly greeting: readonly GreetingSegment[];
  readonly words: string;
  readonly rate: string;
  /** "[96.87%, 99.19%]". */
  readonly interval: string;
  /** Percent, for the chart's whisker. */
  readonly percent: number;
  readonly lowPercent: number;
  readonly highPercent: number;
  readonly hits: number;
  readonly trials: number;
  /** Measured on the confirmation seed (fresh trials), not on the screening it won. */
  readonly confirmed: boolean;
}

/** A search in progress, or finished, as the view shows it. */
export interface SearchView {
  readonly phase: SearchProgress['phase'];
  readonly candidatesTried: number;
  readonly budget: number;
  readonly trialsSpent: number;
  readonly best: BestView | null;
  /** Every candidate screened, in the order tried. */
  readonly points: readonly CandidatePoint[];
}

function bestView(best: RatedGreeting, confirmed: boolean): BestView {
  return {
    greeting: best.greeting,
    words: greetingWords(best.greeting),
    rate: percent(best.rate),
    interval: interval(best.ci95),
    percent: best.rate * 100,
    lowPercent: best.ci95[0] * 100,
    highPercent: best.ci95[1] * 100,
    hits: best.hits,
    trials: best.trials,
    confirmed,
  };
}

/**
 * A progress report of searchGreeting as the view shows it: the counts, the best so far with its
 * interval (and whether it is confirmed yet), and each candidate's rate in the order tried, the
 * best one marked (the candidate with the best's greeting).
 */
export function searchView(progress: SearchProgress, budget: number): SearchView {
  const bestKey = progress.best ? JSON.stringify(progress.best.greeting) : null;
  const points = [...progress.candidates]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      order: c.id + 1,
      percent: c.rate * 100,
      trials: c.trials,
      best: bestKey !== null && JSON.stringify(c.greeting) === bestKey,
    }));
  return {
    phase: progress.phase,
    candidatesTried: progress.candidatesTried,
    budget,
    trialsSpent: progress.trialsSpent,
    best: progress.best ? bestView(progress.best, progress.best.confirmed) : null,
    points,
  };
}

/** A confirmed greeting of the report, as the runners-up list shows it. */
export function confirmedView(rated: RatedGreeting): BestView {
  return bestView(rated, true);
}

/** What the finished search says of itself in one sentence. */
export function reportSentence(report: AttackReport): string {
  const count = (n: number) => n.toLocaleString('en');
  const how = report.stopped ? 'Stopped early: screened' : 'Screened';
  return `${how} ${count(report.evaluations)} candidate greetings in ${count(report.trials)} trials, then confirmed the best ${1 + report.runnersUp.length} on ${count(report.best.trials)} fresh trials each (seed ${report.confirmSeed}).`;
}

/**
 * What else the reader of a report should know: how much of the discrete space was screened, how
 * end-to-end rates are made, and that a signal-level scenario was searched at event level.
 */
export function reportNotes(report: AttackReport): string[] {
  const notes: string[] = [];
  const { enumerated, screened } = report.structures;
  notes.push(
    screened < enumerated
      ? `The budget screened ${screened} of the ${enumerated} structures (which keys, how many words, in which order), chosen at random; a larger budget screens them all.`
      : `Every one of the ${enumerated} structures (which keys, how many words, in which order) was screened; lengths were sampled, so this is evidence, not proof.`,
  );
  if (report.compromiseRate !== null) {
    notes.push(
      `End-to-end rates are the campaign’s times the exact voicemail compromise rate, ${percent(report.compromiseRate)}.`,
    );
  }
  if (report.scenarioFidelity === 'signal') {
    notes.push(
      'The scenario runs at fidelity "signal"; the search ran its calls at event level, hundreds of times cheaper.',
    );
  }
  return notes;
}

/**
 * The chart's content in sentences, for screen readers and anyone who would rather read it: how
 * many candidates, the range of their rates, and the best.
 */
export function chartSentences(view: SearchView): string[] {
  if (view.points.length === 0) return ['No candidate has been screened yet.'];
  const rates = view.points.map((p) => p.percent);
  const low = Math.min(...rates);
  const high = Math.max(...rates);
  const sentences = [
    `${view.points.length.toLocaleString('en')} candidates screened; their rates on the screening trials range from ${percent(low / 100)} to ${percent(high / 100)}.`,
  ];
  const best = view.points.find((p) => p.best);
  if (best && view.best) {
    sentences.push(
      `The best, candidate ${best.order}, scored ${percent(best.percent / 100)} on ${best.trials.toLocaleString('en')} screening trials; ${view.best.confirmed ? `confirmed at ${view.best.rate} ${view.best.interval}` : 'not confirmed yet'}.`,
    );
  }
  return sentences;
}
