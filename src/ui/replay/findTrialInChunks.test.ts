import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { compileScenario } from '../../sim/compile.ts';
import { findTrial, TRIAL_PREDICATES } from '../../sim/replay.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import { findTrialInChunks } from './findTrialInChunks.ts';

const compiled = compileScenario(
  loadScenario(JSON.parse(bundledScenario('night-attack-dtmf-1')!.text)),
);

describe('findTrialInChunks', () => {
  it('finds the same trial as one findTrial over the whole range', async () => {
    const expected = findTrial(compiled, 'random-digit', 'attack', TRIAL_PREDICATES.intercepted);
    const found = await findTrialInChunks({
      compiled,
      strategy: 'random-digit',
      kind: 'attack',
      matches: TRIAL_PREDICATES.intercepted,
      from: 0,
      limit: 1000,
      chunk: 7,
    });
    expect(found).toBe(expected);
  });

  it('reports progress and returns null when nothing in range matches', async () => {
    const progress: number[] = [];
    const found = await findTrialInChunks({
      compiled,
      strategy: 'naive',
      kind: 'attack',
      matches: () => false,
      from: 5,
      limit: 30,
      chunk: 10,
      onProgress: (n) => progress.push(n),
    });
    expect(found).toBeNull();
    expect(progress).toEqual([10, 20, 30]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const found = await findTrialInChunks({
      compiled,
      strategy: 'naive',
      kind: 'attack',
      matches: () => false,
      from: 0,
      limit: 1000,
      chunk: 10,
      signal: controller.signal,
      onProgress: (n) => {
        progress.push(n);
        controller.abort();
      },
    });
    expect(found).toBeNull();
    expect(progress).toEqual([10]);
  });
});
