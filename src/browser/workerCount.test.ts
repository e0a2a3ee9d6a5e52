import { describe, expect, it } from 'vitest';
import { browserWorkerCount } from './workerCount.ts';

describe('browserWorkerCount', () => {
  it('uses one worker per reported core', () => {
    expect(browserWorkerCount(8)).toBe(8);
  });

  it('falls back to one worker when the browser reports nothing usable', () => {
    expect(browserWorkerCount(undefined)).toBe(1);
    expect(browserWorkerCount(0)).toBe(1);
  });
});
