/**
 * Scores a detector's key presses against the keys a signal holds. Reported and expected keys
 * are matched in time order: a report matches the earliest expected key not yet matched that
 * has the same digit and overlaps it in time (within SLACK_MS, so that neither detector is
 * punished for where it puts a press's edges). A report that matches nothing is false (a key
 * that was never sent, or the second report of one press); an expected key left unmatched is
 * missed.
 */
import type { DtmfKeyPress } from '../../src/audio/index.ts';

export interface ExpectedKey {
  digit: string;
  startMs: number;
  endMs: number;
}

export interface KeyScore {
  expected: number;
  found: number;
  missed: number;
  falseKeys: number;
}

const SLACK_MS = 10;

export function scoreKeys(
  expected: readonly ExpectedKey[],
  reported: readonly DtmfKeyPress[],
): KeyScore {
  const matched = new Array<boolean>(expected.length).fill(false);
  let found = 0;
  let falseKeys = 0;
  const inOrder = [...reported].sort((a, b) => a.startMs - b.startMs);
  for (const press of inOrder) {
    const digit = press.digit.toUpperCase();
    const index = expected.findIndex(
      (key, i) =>
        !matched[i] &&
        key.digit === digit &&
        press.startMs < key.endMs + SLACK_MS &&
        press.endMs > key.startMs - SLACK_MS,
    );
    if (index < 0) {
      falseKeys++;
    } else {
      matched[index] = true;
      found++;
    }
  }
  return { expected: expected.length, found, missed: expected.length - found, falseKeys };
}

export function addScores(a: KeyScore, b: KeyScore): KeyScore {
  return {
    expected: a.expected + b.expected,
    found: a.found + b.found,
    missed: a.missed + b.missed,
    falseKeys: a.falseKeys + b.falseKeys,
  };
}

export const NO_SCORE: KeyScore = { expected: 0, found: 0, missed: 0, falseKeys: 0 };
