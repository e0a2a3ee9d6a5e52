import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import {
  MAX_ATTACKER_ATTEMPTS,
  STRATEGY_ID_PATTERN,
  type StrategyId,
} from '../../scenario/index.ts';
import { MAX_TRIAL_INDEX } from '../../scenario/trialLimits.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';

/**
 * The scenario carried by a link, in the URL's hash so it never reaches a server:
 * `#id=<bundled-id>` for a bundled scenario left as shipped, `#s=<lz-string>` for any other text.
 * Other `key=value` pairs in the hash are kept, so other views may add their own.
 */
export type ScenarioLink =
  | { readonly kind: 'bundled'; readonly id: string }
  | { readonly kind: 'text'; readonly text: string };

export type ScenarioLinkReading =
  | ScenarioLink
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly reason: string };

const SCENARIO_KEYS = ['s', 'id'] as const;

/** The hash's `key=value` pairs. Not URLSearchParams: it would turn lz-string's `+` into a space. */
function hashParams(hash: string): Array<[string, string]> {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return [];
  return body.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/** The scenario a location hash carries, or why it cannot be read. */
export function readScenarioLink(hash: string): ScenarioLinkReading {
  const params = new Map(hashParams(hash));
  const compressed = params.get('s');
  if (compressed !== undefined) {
    const text = decompress(compressed);
    if (text === null) {
      return {
        kind: 'unreadable',
        reason: 'its scenario data is corrupt or cut short, so it could not be decompressed',
      };
    }
    return { kind: 'text', text };
  }
  const id = params.get('id');
  if (id !== undefined) return { kind: 'bundled', id: safeDecode(id) };
  return { kind: 'none' };
}

/** `hash` with the scenario replaced by `link`, keeping its other parameters. */
export function withScenarioLink(hash: string, link: ScenarioLink): string {
  const kept = hashParams(hash).filter(
    ([key]) => !(SCENARIO_KEYS as readonly string[]).includes(key),
  );
  const scenario: [string, string] =
    link.kind === 'bundled'
      ? ['id', encodeURIComponent(link.id)]
      : ['s', compressToEncodedURIComponent(link.text)];
  return `#${[scenario, ...kept].map(([key, value]) => `${key}=${value}`).join('&')}`;
}

/** The `view=` parameter of a hash, or null. */
export function readViewParam(hash: string): string | null {
  const value = new Map(hashParams(hash)).get('view');
  return value === undefined ? null : safeDecode(value);
}

/** `hash` with `view=<id>` set (or removed, for null), keeping its other parameters in order. */
export function withViewParam(hash: string, id: string | null): string {
  return withHashParams(hash, { view: id });
}

/**
 * `hash` with each named parameter set to its value (encoded; appended when new, in place when
 * present) or removed (null), keeping the other parameters in order. '' when none is left.
 */
export function withHashParams(
  hash: string,
  values: Readonly<Record<string, string | null>>,
): string {
  const pairs = hashParams(hash)
    .filter(([key]) => !(key in values) || values[key] !== null)
    .map(([key, value]): [string, string] =>
      key in values ? [key, encodeURIComponent(values[key]!)] : [key, value],
    );
  const present = new Set(pairs.map(([key]) => key));
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && !present.has(key)) pairs.push([key, encodeURIComponent(value)]);
  }
  return pairs.length === 0 ? '' : `#${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`;
}

/**
 * The Story scene a hash names (`scene=<1-based>`), as a 0-based index, or null when it names
 * none or one outside 1..sceneCount (a bad link falls back to the view's own default).
 */
export function readSceneParam(hash: string, sceneCount: number): number | null {
  const value = new Map(hashParams(hash)).get('scene');
  if (value === undefined || !/^[1-9]\d{0,3}$/.test(value)) return null;
  const scene = Number(value);
  return scene <= sceneCount ? scene - 1 : null;
}

/** The `scene=` value for a 0-based scene index: the 1-based number a presenter reads. */
export function sceneParam(index: number): string {
  return String(index + 1);
}

/** The call Replay shows: the fields of src/ui/replay/replaySelection.svelte.ts. */
export interface CallLink {
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  readonly trialIndex: number;
  readonly callIndex: number;
}

const TRIAL_KINDS: readonly TrialKind[] = ['attack', 'legit'];

/** `call=<strategy>.<kind>.<trialIndex>.<callIndex>`: strategy ids have no dot (flowSchema.ts). */
export function callParam(call: CallLink): string {
  return `${call.strategy}.${call.kind}.${call.trialIndex}.${call.callIndex}`;
}

/**
 * The call a hash names, or null when it names none or any part is out of range: a strategy id
 * as the schema allows one, attack or legit, a trial index up to MAX_TRIAL_INDEX and a campaign
 * call below MAX_ATTACKER_ATTEMPTS. Whether the scenario has that strategy is Replay's to judge.
 */
export function readCallParam(hash: string): CallLink | null {
  const value = new Map(hashParams(hash)).get('call');
  if (value === undefined) return null;
  const parts = safeDecode(value).split('.');
  if (parts.length !== 4) return null;
  const [strategy, kind, trial, call] = parts as [string, string, string, string];
  const trialIndex = wholeNumberUpTo(trial, MAX_TRIAL_INDEX);
  const callIndex = wholeNumberUpTo(call, MAX_ATTACKER_ATTEMPTS - 1);
  if (
    !STRATEGY_ID_PATTERN.test(strategy) ||
    !(TRIAL_KINDS as readonly string[]).includes(kind) ||
    trialIndex === null ||
    callIndex === null
  ) {
    return null;
  }
  return { strategy, kind: kind as TrialKind, trialIndex, callIndex };
}

/** A decimal whole number from 0 to max written without sign, exponent or leading zeros. */
function wholeNumberUpTo(text: string, max: number): number | null {
  if (!/^(0|[1-9]\d{0,15})$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function decompress(compressed: string): string | null {
  try {
    // Some chat apps percent-encode `$`; lz-string's alphabet has no `%`, so decoding is safe.
    const text = decompressFromEncodedURIComponent(safeDecode(compressed));
    return text ? text : null;
  } catch {
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
