/**
 * The run plan: chunk tallies merge to the same bytes in any order and any grouping, and the
 * dispatcher holds a bounded number of chunks and tallies whatever the trial count (README
 * "Performance", "What the numbers mean": Reproducibility).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../core/rng.ts';
import { loadScenario } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import { chunkCount, dispatchChunks, planChunks, RunTotals, runScenarioSync } from './runPlan.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import { StrategyTally, type StrategyTallyData } from './strategyTally.ts';

// Random legit timings (the default person), so the median sketch fills many bins per chunk.
const scenario = loadScenario({
  seed: 31,
  trials: 300,
  strategies: ['naive', 'random-digit'],
  voicemail: { greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '1', repeat: 10 }] },
  attacker: { attempts: 3 },
});
const CHUNK_TRIALS = 7;
const compiled = compileScenario(scenario);
const chunks = [...planChunks(scenario, CHUNK_TRIALS)];
const chunkTallies = chunks.map((chunk) => runChunk(compiled, chunk).toJSON());
const expected = JSON.stringify(runScenarioSync(scenario));

/** Fisher–Yates with the seeded generator. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A full collection, as global.gc() does with --expose-gc, for this test process only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Yields to the event loop: WeakRef targets stay alive until the current job ends (ECMA-262 ClearKeptObjects). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('planChunks', () => {
  it('makes the chunks one at a time and as many as chunkCount says', () => {
    const plan = planChunks(scenario, CHUNK_TRIALS);
    expect(Array.isArray(plan)).toBe(false);
    expect(plan.next().value).toEqual({ strategy: 'naive', fromTrial: 0, toTrial: 7 });
    expect(chunks).toHaveLength(chunkCount(scenario, CHUNK_TRIALS));
    expect(chunks.at(-1)).toEqual({ strategy: 'random-digit', fromTrial: 294, toTrial: 300 });
    expect(chunkCount(scenario)).toBe(2);
  });
});

describe('merging chunk tallies', () => {
  it('gives byte-identical results in any completion order', () => {
    const rng = createRng(2026, 10, 4);
    const pairs = chunks.map((chunk, i) => [chunk, chunkTallies[i]!] as const);
    for (let round = 0; round < 8; round++) {
      const totals = new RunTotals(scenario);
      for (const [chunk, tally] of shuffled(pairs, rng)) totals.add(chunk, tally);
      expect(JSON.stringify(totals.results())).toBe(expected);
    }
  });

  it('gives byte-identical tallies whatever the grouping (StrategyTally.merge is associative and commutative)', () => {
    const rng = createRng(2026, 10, 5);
    const naive = chunkTallies.filter((_, i) => chunks[i]!.strategy === 'naive');
    const inOrder = JSON.stringify(
      naive.reduce((sum, data) => sum.merge(StrategyTally.fromJSON(data)), new StrategyTally()),
    );
    for (let round = 0; round < 8; round++) {
      // Merge random pairs until one tally is left: a random binary tree over a shuffled order.
      const pool = shuffled(naive, rng).map((data) => StrategyTally.fromJSON(data));
      while (pool.length > 1) {
        const a = pool.splice(rng.int(pool.length), 1)[0]!;
        const b = pool.splice(rng.int(pool.length), 1)[0]!;
        pool.push(rng.int(2) ? a.merge(b) : b.merge(a));
      }
      expect(JSON.stringify(pool[0])).toBe(inOrder);
    }
  });
});

describe('dispatchChunks', () => {
  const tallyOf = new Map(chunks.map((chunk, i) => [chunkKey(chunk), chunkTallies[i]!]));
  function chunkKey(chunk: TrialChunk): string {
    return `${chunk.strategy}:${chunk.fromTrial}`;
  }

  it('holds at most one chunk and one tally per worker, whatever order chunks finish in', async () => {
    const WORKERS = 3;
    const rng = createRng(2026, 10, 6);
    let pulled = 0;
    let merged = 0;
    let maxUnmerged = 0;
    const finishOrder: number[] = [];
    // Tallies handed to the dispatcher, watched without being held.
    const delivered: WeakRef<StrategyTallyData>[] = [];
    const liveCounts: number[] = [];
    const source = (function* () {
      for (const chunk of planChunks(scenario, CHUNK_TRIALS)) {
        pulled++;
        yield chunk;
      }
    })();
    const totals = new RunTotals(scenario);

    const runOne = async (worker: number, chunk: TrialChunk) => {
      maxUnmerged = Math.max(maxUnmerged, pulled - merged);
      // Workers of different speeds, each chunk a random number of event-loop turns: chunks
      // finish out of order.
      const turns = 1 + worker + rng.int(4);
      for (let t = 0; t < turns; t++) await nextTask();
      if (pulled % 10 === 0 && delivered.length > 0) {
        collectGarbage();
        liveCounts.push(delivered.filter((ref) => ref.deref() !== undefined).length);
      }
      // A fresh object, as a structured clone from a worker is.
      const tally = structuredClone(tallyOf.get(chunkKey(chunk))!);
      delivered.push(new WeakRef(tally));
      return tally;
    };

    const result = await dispatchChunks(
      Array.from({ length: WORKERS }, (_, i) => i),
      source,
      runOne,
      (chunk, tally) => {
        totals.add(chunk, tally);
        merged++;
        finishOrder.push(chunks.findIndex((c) => chunkKey(c) === chunkKey(chunk)));
      },
    );

    expect(result).toBeUndefined();
    expect(JSON.stringify(totals.results())).toBe(expected);
    expect(finishOrder).toHaveLength(chunks.length);
    expect(finishOrder).not.toEqual([...finishOrder].sort((a, b) => a - b));
    // Chunks taken from the plan but not yet merged: at most one per worker.
    expect(maxUnmerged).toBeLessThanOrEqual(WORKERS);
    // Tallies already merged are garbage: only those in flight can still be alive.
    expect(liveCounts.length).toBeGreaterThan(5);
    expect(Math.max(...liveCounts)).toBeLessThanOrEqual(WORKERS);
    expect(delivered.length).toBe(chunks.length);
  });

  it('stops handing out chunks once one fails, and rejects with its error', async () => {
    let started = 0;
    const run = dispatchChunks(
      [0, 1],
      planChunks(scenario, CHUNK_TRIALS),
      async (_worker, chunk) => {
        started++;
        await nextTask();
        if (chunk.fromTrial === 14) throw new Error('worker lost');
        return tallyOf.get(chunkKey(chunk))!;
      },
      () => {},
    );
    await expect(run).rejects.toThrow('worker lost');
    expect(started).toBeLessThanOrEqual(4);
  });
});
