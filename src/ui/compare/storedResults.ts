import { z } from 'zod';
import { voicemailCompromise } from '../../attacker/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { RunResults } from '../../sim/results.ts';

/** Where the app keeps finished runs in localStorage; v1 is this file's format. */
export const STORED_RESULTS_PREFIX = 'voice-otp-lab:results:v1:';
/** The list of stored keys, most recently saved first. */
export const STORED_INDEX_KEY = 'voice-otp-lab:results:v1-index';
/** Runs kept: the oldest is dropped past this. */
export const MAX_STORED_RUNS = 12;
/** A run's JSON longer than this is not kept (a scenario of 20 strategies is about 12 kB). */
export const MAX_STORED_CHARS = 64_000;

/** What localStorage offers, so tests can pass a Map-backed store. */
export type ResultsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A finished run as kept: its results, and whether it was an automatic preview. */
export interface StoredRun {
  readonly results: RunResults;
  readonly preview: boolean;
}

/** cyrb53 (a 53-bit string hash, public domain, bryc/code jshash): 14 hex digits. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The key of a run of `scenario` (overrides applied): a hash of the whole scenario's JSON, its
 * seed and its trials. Any edit of the scenario gives another key.
 */
export function resultsKey(scenario: Scenario): string {
  return `${STORED_RESULTS_PREFIX}${hash53(JSON.stringify(scenario))}:${scenario.seed}:${scenario.trials}`;
}

const interval = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);
const rate = z.number().min(0).max(1);
const strategyResult = z.strictObject({
  trials: z.number().int().min(1),
  interceptionRate: rate,
  interceptionCi95: interval,
  leakRate: rate,
  campaignInterceptionRate: rate,
  campaignInterceptionCi95: interval,
  endToEndRate: rate,
  legitSuccessRate: rate,
  legitSuccessCi95: interval,
  legitMedianSecondsToCode: z.number().min(0).nullable(),
  abandonRate: rate,
  meanCallSeconds: z.number().min(0),
  meanCampaignCalls: z.number().min(0),
  applicationErrorCalls: z.number().int().min(0),
});
const storedJson = z.strictObject({
  key: z.string(),
  preview: z.boolean(),
  strategies: z.record(z.string(), strategyResult),
});

/**
 * The run stored for `scenario`, or null: none stored, or what is stored is not a run of it
 * (unreadable, another format, other strategies, another trial count). Only the sampled figures
 * are stored; the exact ones (compromise) come from the scenario.
 */
export function loadStoredRun(storage: ResultsStorage, scenario: Scenario): StoredRun | null {
  const key = resultsKey(scenario);
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = storedJson.safeParse(json);
  if (!parsed.success || parsed.data.key !== key) return null;
  const ids = Object.keys(parsed.data.strategies);
  const sameStrategies =
    ids.length === scenario.strategies.length &&
    scenario.strategies.every((id, i) => ids[i] === id);
  if (!sameStrategies || ids.some((id) => parsed.data.strategies[id]!.trials !== scenario.trials))
    return null;
  const compromise = voicemailCompromise(scenario.voicemail.pin, scenario.attacker.guessBudget);
  return {
    preview: parsed.data.preview,
    results: {
      scenario: scenario.name,
      seed: scenario.seed,
      trials: scenario.trials,
      compromiseRate: compromise.rate,
      compromise,
      strategies: parsed.data.strategies,
    },
  };
}

function readIndex(storage: ResultsStorage): string[] {
  try {
    const json: unknown = JSON.parse(storage.getItem(STORED_INDEX_KEY) ?? '[]');
    return Array.isArray(json) ? json.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Keeps a finished run of `scenario`, newest first, dropping the oldest past MAX_STORED_RUNS;
 * a run too large, or a full or refused storage, is skipped quietly (keeping is a convenience).
 * Returns whether it was kept.
 */
export function storeRun(storage: ResultsStorage, scenario: Scenario, run: StoredRun): boolean {
  const key = resultsKey(scenario);
  const text = JSON.stringify({ key, preview: run.preview, strategies: run.results.strategies });
  if (text.length > MAX_STORED_CHARS) return false;
  const index = [key, ...readIndex(storage).filter((k) => k !== key)];
  try {
    for (const dropped of index.splice(MAX_STORED_RUNS)) storage.removeItem(dropped);
    storage.setItem(key, text);
    storage.setItem(STORED_INDEX_KEY, JSON.stringify(index));
    return true;
  } catch {
    return false;
  }
}
