/**
 * The red-team search: which voicemail greeting does best against one flow, everything else in
 * the scenario fixed. Screening by successive halving on common random numbers, then a
 * confirmation of the best few on a different seed (README, "Red team").
 */
import { voicemailCompromise } from '../attacker/index.ts';
import { createRng, hashString, mix32, type Rng } from '../core/rng.ts';
import {
  greetingTotals,
  type GreetingSegment,
  type Scenario,
  type StrategyId,
} from '../scenario/index.ts';
import { MAX_SEED } from '../scenario/trialLimits.ts';
import { MAX_SEARCH_BUDGET, MAX_SEARCH_TRIALS } from '../scenario/bounds.ts';
import {
  SEARCH_CONFIRMED as CONFIRMED,
  SEARCH_RUNG_FACTOR as RUNG_FACTOR,
  searchRungLadder as rungLadder,
} from '../scenario/searchSchedule.ts';
import type { EvaluationResult, EvaluationTask, Objective } from '../sim/greetingEvaluation.ts';
import { wilsonInterval } from '../stats/index.ts';
import {
  centreParameters,
  enumeratedStructures,
  greetingOf,
  mutateDesign,
  randomDesign,
  structureKey,
  type GreetingDesign,
} from './greetingSpace.ts';

/** Runs a batch of evaluation tasks somewhere (this thread, worker threads, Web Workers). */
export type Evaluator = (tasks: readonly EvaluationTask[]) => Promise<EvaluationResult[]>;

export interface SearchOptions {
  readonly strategy: StrategyId;
  readonly objective: Objective;
  /** Candidate greetings to screen (DEFAULT_BUDGET). */
  readonly budget: number;
  /** Trials of each confirmed greeting on the confirmation seed (DEFAULT_CONFIRM_TRIALS). */
  readonly trials: number;
  /** The screening seed; the confirmation seed is derived from it (confirmationSeed). */
  readonly seed: number;
}

/**
 * Candidates screened by default. The 137 enumerated structures (greetingSpace.ts) at their
 * centre take the first 150; the rest are random designs and mutants of the survivors. In the
 * known-answer tests (README, "Red team") the best greeting is found by the first rung at
 * this budget; more buys more of the continuous space, fewer skips structures.
 */
export const DEFAULT_BUDGET = 300;
/** Confirmation trials by default: a rate near 10% to about ±1.3 points (Wilson 95%). */
export const DEFAULT_CONFIRM_TRIALS = 2000;

/** Share of the budget screened in the first rung (all the structures first). */
const FIRST_RUNG_SHARE = 0.5;
/** Tries at making a mutant not yet screened before giving up on that one. */
const MUTANT_TRIES = 20;

/** A greeting with its rate on some trials: the hits by the objective, rate and interval. */
export interface RatedGreeting {
  readonly greeting: readonly GreetingSegment[];
  /** hits / trials; for end-to-end, times the scenario's exact compromise rate. */
  readonly rate: number;
  /** Wilson 95% interval of the rate (end-to-end: scaled by the compromise rate, exact). */
  readonly ci95: readonly [number, number];
  readonly hits: number;
  readonly trials: number;
}

/** A screened candidate as the progress reports it. */
export interface CandidateRate {
  readonly id: number;
  readonly greeting: readonly GreetingSegment[];
  readonly rate: number;
  readonly trials: number;
}

export interface SearchProgress {
  readonly phase: 'screen' | 'confirm';
  /** Candidates screened so far (each counted once). */
  readonly candidatesTried: number;
  /** Attack trials run so far, screening and confirmation. */
  readonly trialsSpent: number;
  /** The best so far: on the screening seed while screening, confirmed once phase is confirm. */
  readonly best: (RatedGreeting & { readonly confirmed: boolean }) | null;
  /** Every candidate screened, with its rate on the trials it reached. */
  readonly candidates: readonly CandidateRate[];
}

export interface SearchHooks {
  onProgress?(progress: SearchProgress): void;
  /**
   * Asked before each rung of screening; true ends the screening there. The confirmation still
   * runs (one batch: CONFIRMED × trials), so the reported rates are always from the
   * confirmation seed.
   */
  shouldStop?(): boolean;
}

/** What a search found. */
export interface AttackReport {
  readonly strategy: StrategyId;
  readonly objective: Objective;
  /** The screening seed. */
  readonly seed: number;
  /** The confirmation seed (confirmationSeed(seed)): every rate below is measured on it. */
  readonly confirmSeed: number;
  readonly best: RatedGreeting;
  /** The other confirmed greetings, best first. */
  readonly runnersUp: readonly RatedGreeting[];
  /** Candidate greetings screened. */
  readonly evaluations: number;
  /** Attack trials run in all, screening and confirmation. */
  readonly trials: number;
  /**
   * Whether the search tried every greeting of its space: never, since the lengths are
   * continuous and sampled. The discrete structures are all screened when `structures.screened`
   * equals `structures.enumerated`; that is still evidence, not proof (README, "Red team").
   */
  readonly exhaustive: boolean;
  readonly structures: { readonly enumerated: number; readonly screened: number };
  /** The rungs of the screening: candidates in each and the trials each reached. */
  readonly rungs: readonly { readonly candidates: number; readonly trials: number }[];
  /** An attack trial of the confirmation seed the best greeting won (the first), or null. */
  readonly replay: { readonly trialIndex: number } | null;
  /** The search runs at event level, whatever the scenario's fidelity. */
  readonly fidelity: 'event';
  readonly scenarioFidelity: Scenario['fidelity'];
  /** For end-to-end: the exact compromise rate the campaign rate is multiplied by; else null. */
  readonly compromiseRate: number | null;
  /** shouldStop ended the screening early. */
  readonly stopped: boolean;
}

/**
 * The confirmation seed of a screening seed: a different 32-bit seed, a fixed function of it
 * (Murmur3's finaliser of the seed with the golden-ratio constant mixed in), so a search replays.
 */
export function confirmationSeed(seed: number): number {
  const derived = mix32((seed ^ 0x9e3779b9) >>> 0);
  return derived === seed ? (derived + 1) % (MAX_SEED + 1) : derived;
}

interface Candidate {
  readonly id: number;
  readonly design: GreetingDesign;
  readonly greeting: readonly GreetingSegment[];
  readonly key: string;
  /** Length and segments, for ties: the simpler greeting ranks first. */
  readonly ms: number;
  hits: number;
  trials: number;
  firstHitTrial: number | null;
}

/**
 * Searches for the greeting that maximises `options.objective` against `options.strategy`:
 *
 * 1. Screening. The first rung holds every enumerated structure at the space's centre, then
 *    random designs, up to half the budget (a budget below the 137 structures screens a seeded
 *    random choice of them). Every candidate of a rung is run on the same trials 0…t−1 of the
 *    screening seed (common random numbers: the same draws of who answers, when, which digit,
 *    so differences between greetings are theirs, not noise). The best third go on, with
 *    mutants of them (greetingSpace.ts mutateDesign) from the rest of the budget, to a rung of
 *    three times the trials, a survivor running only its new trials. Rungs stop before one
 *    would pass `options.trials` or SEARCH_MAX_RUNG_TRIALS (scenario/searchSchedule.ts).
 * 2. Confirmation. The best CONFIRMED run `options.trials` trials on a different seed
 *    (confirmationSeed), and the report gives those rates with Wilson 95% intervals: the
 *    screening picked the best of many noisy rates, which flatters them; fresh trials do not.
 *
 * Pure: randomness from the seed's own stream, no clock. Ties rank the shorter greeting, then
 * the one with fewer segments, then the one made first.
 */
export async function searchGreeting(
  scenario: Scenario,
  options: SearchOptions,
  evaluate: Evaluator,
  hooks: SearchHooks = {},
): Promise<AttackReport> {
  checkOptions(scenario, options);
  const search = new Search(scenario, options, evaluate, hooks);
  return search.run();
}

function checkOptions(scenario: Scenario, options: SearchOptions): void {
  const whole = (name: string, value: number, min: number, max: number) => {
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new RangeError(`${name} must be an integer from ${min} to ${max}; got ${value}.`);
  };
  whole('budget', options.budget, 1, MAX_SEARCH_BUDGET);
  whole('trials', options.trials, 1, MAX_SEARCH_TRIALS);
  whole('seed', options.seed, 0, MAX_SEED);
  if (!scenario.strategies.includes(options.strategy)) {
    throw new RangeError(
      `strategy '${options.strategy}' is not one of the scenario's strategies (${scenario.strategies.join(', ')}).`,
    );
  }
}

class Search {
  readonly #candidates: Candidate[] = [];
  readonly #seen = new Set<string>();
  readonly #rng: Rng;
  readonly #compromiseRate: number | null;
  #trialsSpent = 0;
  #stopped = false;
  readonly #rungs: { candidates: number; trials: number }[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SearchOptions,
    private readonly evaluate: Evaluator,
    private readonly hooks: SearchHooks,
  ) {
    this.#rng = createRng(options.seed, hashString('redteam search'));
    this.#compromiseRate =
      options.objective === 'end-to-end'
        ? voicemailCompromise(scenario.voicemail.pin, scenario.attacker.guessBudget).rate
        : null;
  }

  async run(): Promise<AttackReport> {
    const structures = this.#firstRung();
    const ladder = rungLadder(this.options.trials);
    let pool = [...this.#candidates];
    let budgetLeft = this.options.budget - pool.length;
    const mutantsPerRung = ladder.length > 1 ? Math.ceil(budgetLeft / (ladder.length - 1)) : 0;
    await this.#screen(pool, ladder[0]!);
    for (let rung = 1; rung < ladder.length && !this.#stopRequested(); rung++) {
      const survivors = pool.slice(0, Math.max(CONFIRMED, Math.ceil(pool.length / RUNG_FACTOR)));
      const mutants = this.#mutants(survivors, Math.min(budgetLeft, mutantsPerRung));
      budgetLeft -= mutants.length;
      if (mutants.length === 0 && survivors.length <= CONFIRMED) break;
      pool = [...survivors, ...mutants];
      await this.#screen(pool, ladder[rung]!);
    }
    return this.#confirm(finalists(pool), structures);
  }

  /** The first rung's candidates: the structures at the centre, then random designs. */
  #firstRung(): { enumerated: number; screened: number } {
    const structures = enumeratedStructures();
    const size = Math.min(
      this.options.budget,
      Math.max(structures.length, Math.ceil(this.options.budget * FIRST_RUNG_SHARE)),
    );
    const chosen =
      size >= structures.length ? structures : seededSample(structures, size, this.#rng);
    const centre = centreParameters(this.scenario);
    for (const structure of chosen) this.#add({ structure, parameters: centre });
    for (let tries = 0; this.#candidates.length < size && tries < size * MUTANT_TRIES; tries++) {
      this.#add(randomDesign(this.scenario, this.#rng));
    }
    return { enumerated: structures.length, screened: chosen.length };
  }

  /** Mutants of `parents` (the better ones more often), each a greeting not screened before. */
  #mutants(parents: readonly Candidate[], count: number): Candidate[] {
    const made: Candidate[] = [];
    for (let n = 0; n < count; n++) {
      for (let tries = 0; tries < MUTANT_TRIES; tries++) {
        // The smaller of two uniform picks: rank k is chosen with probability ∝ 2(n − k) − 1.
        const parent =
          parents[Math.min(this.#rng.int(parents.length), this.#rng.int(parents.length))]!;
        const added = this.#add(mutateDesign(this.scenario, parent.design, this.#rng));
        if (added) {
          made.push(added);
          break;
        }
      }
    }
    return made;
  }

  #add(design: GreetingDesign): Candidate | null {
    const greeting = greetingOf(design);
    const key = JSON.stringify(greeting);
    if (this.#seen.has(key)) return null;
    this.#seen.add(key);
    const candidate: Candidate = {
      id: this.#candidates.length,
      design,
      greeting,
      key,
      ms: greetingTotals(greeting).ms,
      hits: 0,
      trials: 0,
      firstHitTrial: null,
    };
    this.#candidates.push(candidate);
    return candidate;
  }

  /** Runs each candidate of `pool` up to trial `trials` − 1 of the screening seed; ranks `pool`. */
  async #screen(pool: Candidate[], trials: number): Promise<void> {
    const behind = pool.filter((c) => c.trials < trials);
    const tasks = behind.map((c) => ({
      greeting: c.greeting,
      seed: this.options.seed,
      fromTrial: c.trials,
      toTrial: trials,
    }));
    const results = await this.evaluate(tasks);
    behind.forEach((candidate, i) => {
      const result = results[i]!;
      candidate.hits += result.hits;
      candidate.trials += result.trials;
      candidate.firstHitTrial ??= result.firstHitTrial;
      this.#trialsSpent += result.trials;
    });
    pool.splice(0, pool.length, ...rank(pool));
    this.#rungs.push({ candidates: pool.length, trials });
    const top = pool[0]!;
    this.#progress('screen', {
      ...this.#rate(top.greeting, top.hits, top.trials),
      confirmed: false,
    });
  }

  async #confirm(
    finalists: readonly Candidate[],
    structures: { enumerated: number; screened: number },
  ): Promise<AttackReport> {
    const confirmSeed = confirmationSeed(this.options.seed);
    const results = await this.evaluate(
      finalists.map((c) => ({
        greeting: c.greeting,
        seed: confirmSeed,
        fromTrial: 0,
        toTrial: this.options.trials,
      })),
    );
    for (const result of results) this.#trialsSpent += result.trials;
    // Confirmed hits decide; the screening order (already ranked, ties included) breaks ties.
    const order = finalists
      .map((candidate, i) => ({ candidate, result: results[i]!, i }))
      .sort((a, b) => b.result.hits - a.result.hits || a.i - b.i);
    const rated = order.map(({ candidate, result }) =>
      this.#rate(candidate.greeting, result.hits, result.trials),
    );
    const best = rated[0]!;
    this.#progress('confirm', { ...best, confirmed: true });
    const firstHit = order[0]!.result.firstHitTrial;
    return {
      strategy: this.options.strategy,
      objective: this.options.objective,
      seed: this.options.seed,
      confirmSeed,
      best,
      runnersUp: rated.slice(1),
      evaluations: this.#candidates.length,
      trials: this.#trialsSpent,
      exhaustive: false,
      structures,
      rungs: this.#rungs,
      replay: firstHit === null ? null : { trialIndex: firstHit },
      fidelity: 'event',
      scenarioFidelity: this.scenario.fidelity,
      compromiseRate: this.#compromiseRate,
      stopped: this.#stopped,
    };
  }

  #rate(greeting: readonly GreetingSegment[], hits: number, trials: number): RatedGreeting {
    const factor = this.#compromiseRate ?? 1;
    const interval = wilsonInterval(hits, trials);
    return {
      greeting,
      rate: trials === 0 ? 0 : (factor * hits) / trials,
      ci95: [factor * interval.low, factor * interval.high],
      hits,
      trials,
    };
  }

  #stopRequested(): boolean {
    if (!this.#stopped && this.hooks.shouldStop?.()) this.#stopped = true;
    return this.#stopped;
  }

  #progress(phase: SearchProgress['phase'], best: SearchProgress['best']): void {
    if (!this.hooks.onProgress) return;
    const factor = this.#compromiseRate ?? 1;
    this.hooks.onProgress({
      phase,
      candidatesTried: this.#candidates.length,
      trialsSpent: this.#trialsSpent,
      best,
      candidates: this.#candidates
        .filter((c) => c.trials > 0)
        .map((c) => ({
          id: c.id,
          greeting: c.greeting,
          rate: (factor * c.hits) / c.trials,
          trials: c.trials,
        })),
    });
  }
}

/** Best first: more hits (all have the same trials), then shorter, fewer segments, made first. */
function rank(pool: readonly Candidate[]): Candidate[] {
  return [...pool].sort(
    (a, b) =>
      b.hits / Math.max(1, b.trials) - a.hits / Math.max(1, a.trials) ||
      a.ms - b.ms ||
      a.greeting.length - b.greeting.length ||
      a.id - b.id,
  );
}

/**
 * The greetings to confirm: the best of the ranked pool, then the best of each other structure
 * in rank order (so the runners-up show other ways in, not the winner with a millisecond
 * changed), then, if the pool holds fewer structures, the next best of any.
 */
function finalists(ranked: readonly Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  const structures = new Set<string>();
  for (const candidate of ranked) {
    const key = structureKey(candidate.design.structure);
    if (structures.has(key)) continue;
    structures.add(key);
    chosen.push(candidate);
    if (chosen.length === CONFIRMED) return chosen;
  }
  for (const candidate of ranked) {
    if (chosen.length === CONFIRMED) break;
    if (!chosen.includes(candidate)) chosen.push(candidate);
  }
  return chosen;
}

/** `count` items of `items` chosen without replacement by the stream, in their original order. */
function seededSample<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const indices = items.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
