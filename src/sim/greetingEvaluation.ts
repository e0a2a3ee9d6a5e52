/**
 * Evaluating voicemail greetings against one flow: the red-team search's unit of work
 * (src/redteam). A task is a greeting and a range of attack-trial indices on a seed; its result
 * counts the trials the objective calls hits. Only attack trials run: an owner's (legit) trial
 * counts toward no attack objective. Pure and synchronous: the same
 * task gives the same result on any thread, and results over disjoint trial ranges add up
 * exactly (mergeEvaluationResults), so a batch may be cut across workers at will.
 */
import {
  GreetingSegmentSchema,
  greetingBoundIssues,
  ScenarioError,
  type GreetingSegment,
  type Scenario,
  type ScenarioIssue,
  type StrategyId,
} from '../scenario/index.ts';
import { jsonPath } from '../scenario/jsonPath.ts';
import { compiledWithGreeting, compileScenario, type CompiledScenario } from './compile.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { runAttackTrial, type AttackTrialOutcome } from './trial.ts';
import { SECURITY_OBJECTIVES, type SecurityObjective } from './frontier.ts';
import type { TwimlTexts } from './twimlFlows.ts';

/**
 * What a greeting is scored on, per attack trial: the attack rates a sweep calls security
 * (sim/frontier.ts), named as in src/sim/results.ts. `interception`, the campaign's first call
 * was intercepted (interceptionRate); `campaign`, any call of the campaign was
 * (campaignInterceptionRate); `end-to-end`, the campaign's hits too, its rate being the exact
 * compromiseRate × the campaign rate (endToEndRate).
 */
export type Objective = SecurityObjective;

export const OBJECTIVES: readonly Objective[] = SECURITY_OBJECTIVES;

/** A greeting to try on attack trials [fromTrial, toTrial) of `seed`. */
export interface EvaluationTask {
  readonly greeting: readonly GreetingSegment[];
  readonly seed: number;
  readonly fromTrial: number;
  readonly toTrial: number;
}

/** How a task went: its hits by the objective, trials run, and the first trial that was a hit. */
export interface EvaluationResult {
  readonly hits: number;
  readonly trials: number;
  readonly firstHitTrial: number | null;
}

/** Whether an attack trial is a hit by `objective`. */
export function isHit(objective: Objective, outcome: AttackTrialOutcome): boolean {
  return objective === 'interception' ? outcome.calls[0]!.accepted : outcome.campaignIntercepted;
}

/**
 * Evaluates greetings for one scenario, strategy and objective: compiles the scenario once at
 * event level, then each greeting's own parts (compiledWithGreeting) once, whatever the seed.
 * `assets`: the recordings task greetings may name (`{ "audio" }` segments), as for a run.
 * A scenario at fidelity "signal" is evaluated at event level too: a signal-level call costs
 * hundreds of times more (README, "Performance"), and the search needs hundreds of thousands.
 */
export class GreetingEvaluator {
  readonly #scenario: Scenario;
  readonly #strategy: StrategyId;
  readonly #objective: Objective;
  readonly #base: CompiledScenario;
  readonly #assets: ScenarioAssets;
  readonly #byGreeting = new Map<string, CompiledScenario>();

  constructor(
    scenario: Scenario,
    strategy: StrategyId,
    objective: Objective,
    assets: ScenarioAssets = {},
    documents: TwimlTexts = {},
  ) {
    if (!scenario.strategies.includes(strategy)) {
      throw new Error(
        `Strategy '${strategy}' is not one of the scenario's strategies (${scenario.strategies.join(', ')}).`,
      );
    }
    this.#scenario = { ...scenario, fidelity: 'event' };
    this.#strategy = strategy;
    this.#objective = objective;
    this.#assets = assets;
    // Every task brings its own greeting: the scenario's own (a recording, perhaps) is not needed.
    const base = compileScenario(
      { ...this.#scenario, voicemail: { ...scenario.voicemail, greeting: [] } },
      {},
      documents,
    );
    if (base.twimlFlows.get(strategy)?.live) {
      throw new Error(
        `Flow '${strategy}' sends requests to a webhook; a greeting search runs only flows whose documents are in the scenario (a "twiml" flow that links to no URL, or a built-in one).`,
      );
    }
    // Interception looks at the campaign's first call only. A trial draws its first call before
    // anything of the later ones (sim/trial.ts), so a campaign of one call gives that call
    // exactly as the whole campaign would, for a fifth of the work at the default 5 attempts.
    this.#base =
      objective === 'interception'
        ? { ...base, campaignScheduleMs: base.campaignScheduleMs.slice(0, 1) }
        : base;
  }

  /**
   * Runs one task. Throws ScenarioError when its greeting is not a valid scenario greeting, or
   * names a recording not in the evaluator's assets.
   */
  evaluate(task: EvaluationTask): EvaluationResult {
    const compiled = { ...this.#compiledFor(task.greeting), seed: task.seed };
    let hits = 0;
    let firstHitTrial: number | null = null;
    for (let i = task.fromTrial; i < task.toTrial; i++) {
      if (isHit(this.#objective, runAttackTrial(compiled, this.#strategy, i))) {
        hits++;
        firstHitTrial ??= i;
      }
    }
    return { hits, trials: Math.max(0, task.toTrial - task.fromTrial), firstHitTrial };
  }

  #compiledFor(greeting: readonly GreetingSegment[]): CompiledScenario {
    const key = JSON.stringify(greeting);
    let compiled = this.#byGreeting.get(key);
    if (!compiled) {
      checkGreeting(greeting);
      compiled = compiledWithGreeting(this.#base, this.#scenario, greeting, this.#assets);
      // A search sends each greeting a few times (one per rung); a batch holds a few hundred.
      if (this.#byGreeting.size >= MAX_CACHED_GREETINGS) this.#byGreeting.clear();
      this.#byGreeting.set(key, compiled);
    }
    return compiled;
  }
}

/** Greetings a GreetingEvaluator keeps compiled (each a timeline and an AMD verdict: small). */
const MAX_CACHED_GREETINGS = 2000;

/**
 * Throws ScenarioError, at `$.voicemail.greeting…`, unless `greeting` is what the scenario format
 * takes as a greeting (each segment's schema, the greeting's bounds; a recording's length is
 * checked once it is expanded) with every default filled in.
 */
export function checkGreeting(greeting: readonly GreetingSegment[]): void {
  const issues: ScenarioIssue[] = [];
  greeting.forEach((segment, i) => {
    const parsed = GreetingSegmentSchema.safeParse(segment);
    const at = jsonPath(['voicemail', 'greeting', i]);
    if (!parsed.success) {
      issues.push({ path: at, expected: 'a greeting segment', found: JSON.stringify(segment) });
    } else if (JSON.stringify(parsed.data) !== JSON.stringify(segment)) {
      issues.push({
        path: at,
        expected: `the segment with its defaults filled in (${JSON.stringify(parsed.data)})`,
        found: JSON.stringify(segment),
      });
    }
  });
  issues.push(...greetingBoundIssues(greeting));
  if (issues.length > 0) throw new ScenarioError(issues);
}

/** evaluateTasks' work in one go: pure and synchronous, a fresh GreetingEvaluator. */
export function evaluateTasks(
  scenario: Scenario,
  strategy: StrategyId,
  objective: Objective,
  tasks: readonly EvaluationTask[],
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): EvaluationResult[] {
  const evaluator = new GreetingEvaluator(scenario, strategy, objective, assets, documents);
  return tasks.map((task) => evaluator.evaluate(task));
}

/** A piece of a batch: part of one task's trial range, and which task it came from. */
export interface EvaluationPiece {
  readonly taskIndex: number;
  readonly task: EvaluationTask;
}

/**
 * Cuts `tasks` into `batchCount` batches (fewer when there are fewer trials) of about equal
 * trials, splitting a task's trial range where a batch fills up, so workers finish together
 * whatever the mix of long and short tasks.
 */
export function planEvaluationBatches(
  tasks: readonly EvaluationTask[],
  batchCount: number,
): EvaluationPiece[][] {
  const total = tasks.reduce((sum, t) => sum + Math.max(0, t.toTrial - t.fromTrial), 0);
  const perBatch = Math.max(1, Math.ceil(total / Math.max(1, batchCount)));
  const batches: EvaluationPiece[][] = [];
  let batch: EvaluationPiece[] = [];
  let room = perBatch;
  tasks.forEach((task, taskIndex) => {
    let from = task.fromTrial;
    if (task.toTrial <= from) {
      batch.push({ taskIndex, task });
      return;
    }
    while (from < task.toTrial) {
      const to = Math.min(task.toTrial, from + room);
      batch.push({ taskIndex, task: { ...task, fromTrial: from, toTrial: to } });
      room -= to - from;
      from = to;
      if (room === 0) {
        batches.push(batch);
        batch = [];
        room = perBatch;
      }
    }
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The results of the pieces, added up per task (hits and trials add; the first hit is the least). */
export function mergeEvaluationResults(
  taskCount: number,
  pieces: readonly EvaluationPiece[],
  results: readonly EvaluationResult[],
): EvaluationResult[] {
  const merged = Array.from({ length: taskCount }, (): EvaluationResult => ({
    hits: 0,
    trials: 0,
    firstHitTrial: null,
  }));
  pieces.forEach((piece, i) => {
    const a = merged[piece.taskIndex]!;
    const b = results[i]!;
    merged[piece.taskIndex] = {
      hits: a.hits + b.hits,
      trials: a.trials + b.trials,
      firstHitTrial:
        a.firstHitTrial === null
          ? b.firstHitTrial
          : b.firstHitTrial === null
            ? a.firstHitTrial
            : Math.min(a.firstHitTrial, b.firstHitTrial),
    };
  });
  return merged;
}

/**
 * Runs `tasks` on `workers`, each taking the next batch when it finishes one (the loop both
 * worker pools share), and returns one result per task, in order. Batches: three per worker, so
 * a slow worker holds up at most a third of its share.
 */
export async function evaluateOnWorkers<W>(
  workers: readonly W[],
  tasks: readonly EvaluationTask[],
  runBatch: (worker: W, batch: readonly EvaluationTask[]) => Promise<readonly EvaluationResult[]>,
): Promise<EvaluationResult[]> {
  const batches = planEvaluationBatches(tasks, workers.length * 3);
  const results: EvaluationResult[][] = new Array<EvaluationResult[]>(batches.length);
  let next = 0;
  let failed = false;
  const drain = async (worker: W) => {
    while (!failed && next < batches.length) {
      const index = next++;
      try {
        results[index] = [
          ...(await runBatch(
            worker,
            batches[index]!.map((p) => p.task),
          )),
        ];
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(workers.map(drain));
  return mergeEvaluationResults(tasks.length, batches.flat(), results.flat());
}
