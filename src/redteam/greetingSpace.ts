/**
 * The greetings the red-team search tries: scenario greeting segments built from a discrete
 * structure (which DTMF keys, how many spoken words, which comes first) and continuous
 * parameters (word, silence, tone and gap lengths, repeats). The structure is what the search
 * enumerates; the parameters are what it samples and mutates. Every greeting it builds is a
 * valid scenario greeting (segments within the schema, the whole within greetingBounds), with
 * each default filled in, as `validateScenario` would give it back.
 */
import type { Rng } from '../core/rng.ts';
import type { GreetingSegment, Scenario } from '../scenario/index.ts';
import { SEARCH_MAX_REPEAT } from '../scenario/searchSchedule.ts';

/** The discrete part of a greeting. */
export interface GreetingStructure {
  /** DTMF keys played in this order ('' for none). */
  readonly keys: string;
  /** Spoken words: speech segments with short silences between them. */
  readonly words: number;
  /** The DTMF block plays before the words (else after them). */
  readonly dtmfFirst: boolean;
}

/** A structure's identity: its keys, its words, and their order where there are both. */
export function structureKey(structure: GreetingStructure): string {
  const ordered = structure.keys !== '' && structure.words > 0;
  return `${structure.keys}|${structure.words}|${ordered && structure.dtmfFirst ? 'dtmf-first' : 'words-first'}`;
}

/** The continuous part, in whole ms (and the repeat count). */
export interface GreetingParameters {
  readonly leadSilenceMs: number;
  readonly wordMs: number;
  readonly wordGapMs: number;
  /** Silence between the words and the DTMF block. */
  readonly midSilenceMs: number;
  readonly toneMs: number;
  readonly gapMs: number;
  readonly repeat: number;
  /** Silence after the last sound, before the beep. */
  readonly tailSilenceMs: number;
}

export type ParameterName = keyof GreetingParameters;

/** A point of the space. */
export interface GreetingDesign {
  readonly structure: GreetingStructure;
  readonly parameters: GreetingParameters;
}

/**
 * How a parameter is searched. `log`: uniform in log(value) over [min, max]. `log0`: uniform in
 * log(1 + value / 100 ms) over [0, max], so 0 (no segment at all) is reachable and short
 * silences are as finely searched as long ones. Values are whole numbers.
 */
export interface ParameterRange {
  readonly min: number;
  readonly max: number;
  readonly scale: 'log' | 'log0';
}

/** Every key a greeting may play: 0–9, *, # and the A–D column (the schema's DTMF keys). */
export const ALL_KEYS = '0123456789*#ABCD';

/**
 * The key sets enumerated: no key, every single key, and three runs through the keypad in
 * order (the ten digits; digits, * and #; all sixteen keys). Other orders and subsets (16! of
 * them) are not enumerated: a flow that decides on the first key sees one of the single keys,
 * and one that takes the right key anywhere sees one of the runs.
 */
export const KEY_SETS: readonly string[] = [
  '',
  ...ALL_KEYS,
  '0123456789',
  '0123456789*#',
  ALL_KEYS,
];

/**
 * Word counts enumerated: none, one ("Hello?"), two (app_amd's default maximumNumberOfWords,
 * amd.conf.sample) and four (past it: a message). Mutation reaches the others up to MAX_WORDS.
 */
export const ENUMERATED_WORDS: readonly number[] = [0, 1, 2, 4];

/** Most spoken words in a candidate: a sentence of a carrier's greeting. */
export const MAX_WORDS = 6;

/** Most plays of the DTMF block (16 keys × 10 = 160 tones, far inside the 10,000 allowed). */
export const MAX_REPEAT = SEARCH_MAX_REPEAT;

/**
 * The parameters' ranges for `scenario`, each with its reason:
 * - toneMs from 40 ms, the shortest key a DTMF receiver must accept (ITU-T Q.24, as
 *   src/audio/dtmfDetector.ts implements it; WebRTC's insertDTMF takes 40 to 6000 ms tones,
 *   https://searchfox.org/mozilla-central/source/testing/web-platform/tests/webrtc/coverage/RTCDTMFSender.txt),
 *   or from the service's dtmfDetectMs when that is longer: at event level a shorter tone is
 *   never reported, only heard by AMD as voice, which the spoken words cover. Up to a second.
 * - gapMs from 40 ms: a pause that short still splits two presses of the same key for a Q.24
 *   receiver (src/audio/dtmfDetector.ts: a 10 ms break is ridden out, a 40 ms pause is not), so
 *   what a greeting achieves at event level it achieves on a line; WebRTC enforces at least
 *   30 ms. Up to a second.
 * - wordMs from 100 ms, app_amd's minimumWordLength (amd.conf.sample; the scenario's own when
 *   shorter): shorter voice is no word to it. Up to 6 s, the carrier default greeting's one span.
 * - wordGapMs from 60 ms: app_amd's betweenWordsSilence (50 ms) plus a frame's rounding, so
 *   words stay words at its 20 ms frames; up to 2 s.
 * - leadSilenceMs up to 3 s, past app_amd's initialSilence (2.5 s, then MACHINE); midSilenceMs
 *   up to 3 s; tailSilenceMs up to 5 s, past app_amd's afterGreetingSilence (0.8 s, HUMAN) and
 *   Twilio's longest MachineDetectionSpeechEndThreshold (5000 ms, twilio/twilio-oai,
 *   spec/json/twilio_api_v2010.json; src/scenario/bounds.ts).
 * - repeat 1 to MAX_REPEAT.
 */
export function parameterRanges(scenario: Scenario): Record<ParameterName, ParameterRange> {
  const toneMin = Math.max(40, scenario.service.dtmfDetectMs);
  const wordMin = Math.max(20, Math.min(100, scenario.amd.minimumWordLengthMs));
  return {
    leadSilenceMs: { min: 0, max: 3000, scale: 'log0' },
    wordMs: { min: wordMin, max: 6000, scale: 'log' },
    wordGapMs: { min: 60, max: 2000, scale: 'log' },
    midSilenceMs: { min: 0, max: 3000, scale: 'log0' },
    toneMs: { min: toneMin, max: Math.max(toneMin, 1000), scale: 'log' },
    gapMs: { min: 40, max: 1000, scale: 'log' },
    repeat: { min: 1, max: MAX_REPEAT, scale: 'log' },
    tailSilenceMs: { min: 0, max: 5000, scale: 'log0' },
  };
}

const PARAMETER_NAMES: readonly ParameterName[] = [
  'leadSilenceMs',
  'wordMs',
  'wordGapMs',
  'midSilenceMs',
  'toneMs',
  'gapMs',
  'repeat',
  'tailSilenceMs',
];

/**
 * The centre of the space: a typical greeting's lengths (a 0.4 s word, 0.2 s between words,
 * 120 ms tones with 80 ms gaps as the schema's defaults, one play, 1 s of silence at the end,
 * past app_amd's afterGreetingSilence), held to the scenario's ranges. The first candidate of
 * every structure.
 */
export function centreParameters(scenario: Scenario): GreetingParameters {
  const ranges = parameterRanges(scenario);
  const clampTo = (name: ParameterName, value: number) =>
    Math.min(ranges[name].max, Math.max(ranges[name].min, value));
  return {
    leadSilenceMs: 0,
    wordMs: clampTo('wordMs', 400),
    wordGapMs: clampTo('wordGapMs', 200),
    midSilenceMs: 200,
    toneMs: clampTo('toneMs', 120),
    gapMs: clampTo('gapMs', 80),
    repeat: 1,
    tailSilenceMs: 1000,
  };
}

/**
 * The structures enumerated: every key set with every enumerated word count, in both orders
 * where there are both keys and words (137 with the lists above). In a fixed order, key set
 * first.
 */
export function enumeratedStructures(): GreetingStructure[] {
  return [...STRUCTURES];
}

const STRUCTURES: readonly GreetingStructure[] = KEY_SETS.flatMap((keys) =>
  ENUMERATED_WORDS.flatMap((words) =>
    keys !== '' && words > 0
      ? [
          { keys, words, dtmfFirst: false },
          { keys, words, dtmfFirst: true },
        ]
      : [{ keys, words, dtmfFirst: false }],
  ),
);

/** `value` in the range's search coordinate (uniform there). */
function toUnit(range: ParameterRange, value: number): number {
  return range.scale === 'log' ? Math.log(value) : Math.log1p(value / 100);
}

function fromUnit(range: ParameterRange, u: number): number {
  const value = range.scale === 'log' ? Math.exp(u) : 100 * Math.expm1(u);
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}

/** Parameters drawn uniformly in each range's search coordinate. */
export function randomParameters(scenario: Scenario, rng: Rng): GreetingParameters {
  const ranges = parameterRanges(scenario);
  const drawn = {} as Record<ParameterName, number>;
  for (const name of PARAMETER_NAMES) {
    const range = ranges[name];
    const low = toUnit(range, range.min);
    drawn[name] = fromUnit(range, low + rng.next() * (toUnit(range, range.max) - low));
  }
  return drawn;
}

/** A structure drawn uniformly from the enumerated ones, with random parameters. */
export function randomDesign(scenario: Scenario, rng: Rng): GreetingDesign {
  return {
    structure: STRUCTURES[rng.int(STRUCTURES.length)]!,
    parameters: randomParameters(scenario, rng),
  };
}

/** Step of a mutation, as a share of the range's width in its search coordinate (a Gaussian's σ). */
const MUTATION_STEP = 0.15;
/** Chance a mutation also changes the structure: words ±1, the order, or the key set. */
const STRUCTURE_MUTATION = 0.25;

/**
 * A neighbour of `design`: each parameter moved with probability 1/3 (at least one) by a
 * Gaussian step of MUTATION_STEP of its range in the search coordinate, and now and then the
 * structure changed a little.
 */
export function mutateDesign(scenario: Scenario, design: GreetingDesign, rng: Rng): GreetingDesign {
  const ranges = parameterRanges(scenario);
  const parameters = { ...design.parameters } as Record<ParameterName, number>;
  const forced = PARAMETER_NAMES[rng.int(PARAMETER_NAMES.length)]!;
  for (const name of PARAMETER_NAMES) {
    if (name !== forced && rng.next() >= 1 / 3) continue;
    const range = ranges[name];
    const low = toUnit(range, range.min);
    const width = toUnit(range, range.max) - low;
    const moved = toUnit(range, parameters[name]) + gaussian(rng) * MUTATION_STEP * width;
    parameters[name] = fromUnit(range, moved);
  }
  const structure =
    rng.next() < STRUCTURE_MUTATION ? mutateStructure(design.structure, rng) : design.structure;
  return { structure, parameters };
}

function mutateStructure(structure: GreetingStructure, rng: Rng): GreetingStructure {
  const choice = rng.int(3);
  if (choice === 0) {
    const words = Math.min(MAX_WORDS, Math.max(0, structure.words + (rng.next() < 0.5 ? -1 : 1)));
    return { ...structure, words };
  }
  if (choice === 1) return { ...structure, dtmfFirst: !structure.dtmfFirst };
  return { ...structure, keys: KEY_SETS[rng.int(KEY_SETS.length)]! };
}

/** A standard normal draw (Box–Muller on the stream). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * The greeting a design describes, as scenario segments: lead silence, then the words (each
 * `wordMs` of speech, `wordGapMs` of silence between them) and the DTMF block in the
 * structure's order with `midSilenceMs` between them, then the tail silence. Silences of 0 are
 * left out, so a design with no words, no keys and no silence is the empty greeting (the box
 * beeps at once).
 */
export function greetingOf(design: GreetingDesign): GreetingSegment[] {
  const { structure: s, parameters: p } = design;
  const segments: GreetingSegment[] = [];
  const silence = (ms: number) => {
    if (ms > 0) segments.push({ silence: ms / 1000 });
  };
  const words = () => {
    for (let w = 0; w < s.words; w++) {
      if (w > 0) silence(p.wordGapMs);
      segments.push({ speech: p.wordMs / 1000 });
    }
  };
  const dtmf = () => {
    if (s.keys !== '')
      segments.push({ dtmf: s.keys, toneMs: p.toneMs, gapMs: p.gapMs, repeat: p.repeat });
  };
  silence(p.leadSilenceMs);
  const [first, second] = s.dtmfFirst ? [dtmf, words] : [words, dtmf];
  first();
  if (s.keys !== '' && s.words > 0) silence(p.midSilenceMs);
  second();
  silence(p.tailSilenceMs);
  return segments;
}
