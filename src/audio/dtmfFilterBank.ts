/**
 * The DTMF receiver's filters, in WebAssembly: for each 51-sample half-block, the DFT at the
 * eight DTMF frequencies (eight Goertzel filters updated together, two frequencies per 128-bit
 * vector, one pass over the samples) and the half's energy; then the 102-sample window made of
 * the previous half and this one: its DFT, |DFT|² per frequency, total energy, and the loudest
 * row and column. The structure of spandsp's receiver, dtmf_rx() in
 * https://github.com/freeswitch/spandsp/blob/master/src/dtmf.c (per sample: the energy and
 * eight goertzel_samplex() updates; per DTMF_SAMPLES_PER_BLOCK = 102 samples: the peak row and
 * column), here with overlapping windows.
 *
 * Every result is bit for bit what the JavaScript formulas in the comments give: each lane of
 * an f64x2 instruction is one IEEE-754 double operation, and the expressions keep JavaScript's
 * order of evaluation (WebAssembly fuses no multiply-add). The loudest-tone scan keeps the
 * JavaScript loop's comparisons; the tests themselves stay in the detector (dtmfDetector.ts),
 * which reads the records from `memory`.
 *
 * One module is shared by all detectors on a thread; a detector copies its input into `input`
 * and its carried state into the previous-half and previous-window slots before each call.
 * The module is under 4 KiB, so browsers compile it synchronously on any thread (Chromium
 * refuses synchronous compilation of larger modules on the main thread:
 * https://github.com/nodejs/undici/issues/1073).
 */
import { DTMF_COLUMN_HZ, DTMF_ROW_HZ } from './dtmfTones.ts';
import { SAMPLE_RATE_HZ } from './sampleRate.ts';
import {
  type Code,
  F64,
  I32,
  V128,
  doWhile,
  encodeModule,
  f32LoadAsF64,
  f64Add,
  f64Load,
  f64Mul,
  f64Store,
  f64Zero,
  f64x2Add,
  f64x2Const,
  f64x2Gt,
  f64x2Mul,
  f64x2Splat,
  f64x2Sub,
  i32Add,
  i32Const,
  i32Mul,
  i32Ne,
  localGet,
  localSet,
  v128Load,
  v128Bitselect,
  v128Store,
  v128Zero,
} from './wasmEncoding.ts';

/** Samples in a half-block; a window is two halves. */
export const HALF = 51;
export const WINDOW = 2 * HALF;
/** Rows 697-941 Hz (0-3), then columns 1209-1633 Hz (4-7). */
export const FREQUENCIES: readonly number[] = [...DTMF_ROW_HZ, ...DTMF_COLUMN_HZ];
/** Halves analysed per call. */
export const CHUNK_HALVES = 128;

/** Radians per sample of frequency f. */
const omega = (f: number) => (2 * Math.PI * FREQUENCIES[f]!) / SAMPLE_RATE_HZ;
/** e^{-jω·51} per frequency: shifts a half's DFT onto the start of the window before it. */
export const SHIFT_RE = Float64Array.from(FREQUENCIES, (_, f) => Math.cos(omega(f) * HALF));
export const SHIFT_IM = Float64Array.from(FREQUENCIES, (_, f) => -Math.sin(omega(f) * HALF));

/**
 * Where frequency f sits in a record's block of eight doubles: vector j holds row j and
 * column j (frequencies j and j + 4), so rows are at 0, 2, 4, 6 and columns at 1, 3, 5, 7.
 */
export const lane = (f: number): number => (f < 4 ? 2 * f : 2 * (f - 4) + 1);

// ---- Memory layout (bytes; records are 16-byte aligned) -----------------------------------------

/** Per-frequency constants, each eight doubles in lane order. */
const CONSTANT = { coefficient: 0, cos: 64, sin: 128, alignRe: 192, alignIm: 256 } as const;
const SHIFT = { re: 320, im: 384 } as const;
const CONSTANTS_BYTES = 448;
/** A half's record: DFT (relative to its start) re[8], im[8], then its energy. */
const HALF_RECORD_BYTES = 144;
/**
 * A window's record: DFT re[8], im[8], |DFT|²[8]; the loudest row's and column's |DFT|², their
 * indices (0-3, 4-7, as doubles), the loudest of the other rows' and columns' |DFT|², and the
 * window's energy.
 */
const WINDOW_RECORD_BYTES = 256;
const RE = 0;
const IM = 64;
const ENERGY = 128;
const LOUDEST = 192;
const LOUDEST_INDEX = 208;
const RUNNER_UP = 224;
const TOTAL = 240;
/** Slot 0 holds the previous call's last half (window); halves 0..CHUNK-1 use slots 1.. */
const HALVES_BYTES = CONSTANTS_BYTES;
const WINDOWS_BYTES = HALVES_BYTES + (CHUNK_HALVES + 1) * HALF_RECORD_BYTES;
const INPUT_BYTES = WINDOWS_BYTES + (CHUNK_HALVES + 1) * WINDOW_RECORD_BYTES;
const END_BYTES = INPUT_BYTES + CHUNK_HALVES * HALF * 4;
const PAGES = Math.ceil(END_BYTES / 65536);

/** The layout in doubles, for reading `memory`. */
export const RECORD = {
  re: RE / 8,
  im: IM / 8,
  energy: ENERGY / 8,
  /** The loudest row's |DFT|², then the loudest column's. */
  loudest: LOUDEST / 8,
  /** Their frequency indices: the row's (0-3), then the column's (4-7). */
  loudestIndex: LOUDEST_INDEX / 8,
  /** The largest |DFT|² among the other three rows, then among the other three columns. */
  runnerUp: RUNNER_UP / 8,
  total: TOTAL / 8,
  halfDoubles: HALF_RECORD_BYTES / 8,
  windowDoubles: WINDOW_RECORD_BYTES / 8,
} as const;
/** The record of half h of the last call (h = -1: the half before it, carried in). */
export const halfRecordAt = (h: number): number => (HALVES_BYTES + (h + 1) * HALF_RECORD_BYTES) / 8;
/** The record of the window ending with half h of the last call (h = -1: carried in). */
export const windowRecordAt = (h: number): number =>
  (WINDOWS_BYTES + (h + 1) * WINDOW_RECORD_BYTES) / 8;

// ---- The function: analyse(halves) --------------------------------------------------------------

/** Local indices: i32 (0, the parameter, and 1-5), f64 (6-7), v128 (8-36). */
const L = {
  halves: 0,
  input: 1,
  halfEnd: 2,
  stop: 3,
  /** The previous half's record; this half's follows it. */
  previous: 4,
  window: 5,
  energy: 6,
  x: 7,
  /** Per vector j: filter outputs s[n-1] (a + j) and s[n-2] (b + j), coefficient (k + j). */
  a: 8,
  b: 12,
  k: 16,
  splat: 20,
  next: 21,
  yRe: 22,
  yIm: 23,
  re: 24,
  im: 25,
  windowRe: 26,
  windowIm: 27,
  /** Per vector j: |DFT|² of row j and column j. */
  energies: 28,
  loudest: 32,
  loudestIndex: 33,
  runnerUp: 34,
  louder: 35,
  louderThanRunnerUp: 36,
} as const;
const LOCALS = [
  [5, I32],
  [2, F64],
  [29, V128],
] as const;

const get = localGet;
const constant = (table: number, j: number) => v128Load(i32Const(0), table + 16 * j);
const forEachVector = (code: (j: number) => Code): Code => [0, 1, 2, 3].flatMap(code);
const previousHalf = (field: number, j: number) => v128Load(get(L.previous), field + 16 * j);
const thisHalf = (field: number) => field + HALF_RECORD_BYTES;

/** One sample through the eight filters: s = x + k·s[n-1] − s[n-2]; energy += x·x. */
const sampleStep: Code = [
  ...localSet(L.x, f32LoadAsF64(get(L.input), 0)),
  ...localSet(L.energy, f64Add(get(L.energy), f64Mul(get(L.x), get(L.x)))),
  ...localSet(L.splat, f64x2Splat(get(L.x))),
  ...forEachVector((j) => [
    ...localSet(
      L.next,
      f64x2Sub(f64x2Add(get(L.splat), f64x2Mul(get(L.k + j), get(L.a + j))), get(L.b + j)),
    ),
    ...localSet(L.b + j, get(L.a + j)),
    ...localSet(L.a + j, get(L.next)),
  ]),
  ...localSet(L.input, i32Add(get(L.input), i32Const(4))),
];

/**
 * Vector j's filter outputs to the half's DFT (y = s[n-1] − e^{-jω} s[n-2], rotated back by
 * ω·50), stored; then the window's DFT (previous half + this half · e^{-jω·51}) and |DFT|².
 */
const outputs = (j: number): Code => {
  const cos = constant(CONSTANT.cos, j);
  const sin = constant(CONSTANT.sin, j);
  const alignRe = constant(CONSTANT.alignRe, j);
  const alignIm = constant(CONSTANT.alignIm, j);
  const shiftRe = constant(SHIFT.re, j);
  const shiftIm = constant(SHIFT.im, j);
  return [
    // yRe = s1 - cos·s2; yIm = sin·s2
    ...localSet(L.yRe, f64x2Sub(get(L.a + j), f64x2Mul(cos, get(L.b + j)))),
    ...localSet(L.yIm, f64x2Mul(sin, get(L.b + j))),
    // re = yRe·alignRe - yIm·alignIm; im = yRe·alignIm + yIm·alignRe
    ...localSet(L.re, f64x2Sub(f64x2Mul(get(L.yRe), alignRe), f64x2Mul(get(L.yIm), alignIm))),
    ...localSet(L.im, f64x2Add(f64x2Mul(get(L.yRe), alignIm), f64x2Mul(get(L.yIm), alignRe))),
    ...v128Store(get(L.previous), thisHalf(RE + 16 * j), get(L.re)),
    ...v128Store(get(L.previous), thisHalf(IM + 16 * j), get(L.im)),
    // windowRe = aRe + re·shiftRe - im·shiftIm; windowIm = aIm + re·shiftIm + im·shiftRe
    ...localSet(
      L.windowRe,
      f64x2Sub(
        f64x2Add(previousHalf(RE, j), f64x2Mul(get(L.re), shiftRe)),
        f64x2Mul(get(L.im), shiftIm),
      ),
    ),
    ...localSet(
      L.windowIm,
      f64x2Add(
        f64x2Add(previousHalf(IM, j), f64x2Mul(get(L.re), shiftIm)),
        f64x2Mul(get(L.im), shiftRe),
      ),
    ),
    ...v128Store(get(L.window), RE + 16 * j, get(L.windowRe)),
    ...v128Store(get(L.window), IM + 16 * j, get(L.windowIm)),
    // |DFT|² = windowRe·windowRe + windowIm·windowIm
    ...localSet(
      L.energies + j,
      f64x2Add(
        f64x2Mul(get(L.windowRe), get(L.windowRe)),
        f64x2Mul(get(L.windowIm), get(L.windowIm)),
      ),
    ),
    ...v128Store(get(L.window), ENERGY + 16 * j, get(L.energies + j)),
  ];
};

/**
 * The loudest row and column, both at once (lane 0 rows, lane 1 columns), as a scan that starts
 * from -1 and keeps the first of equal maxima: `if (e > loudest) { loudest = e; index = f }`;
 * and the loudest of the others (a tie with the loudest makes the runner-up equal to it). A
 * NaN never wins a comparison, as in JavaScript.
 */
const loudestRowAndColumn: Code = [
  ...localSet(L.loudest, f64x2Const(-1, -1)),
  ...localSet(L.runnerUp, f64x2Const(-1, -1)),
  ...localSet(L.loudestIndex, f64x2Const(0, 4)),
  ...forEachVector((j) => [
    ...localSet(L.louder, f64x2Gt(get(L.energies + j), get(L.loudest))),
    ...localSet(L.louderThanRunnerUp, f64x2Gt(get(L.energies + j), get(L.runnerUp))),
    // runnerUp = louder ? loudest : louderThanRunnerUp ? e : runnerUp
    ...localSet(
      L.runnerUp,
      v128Bitselect(
        get(L.loudest),
        v128Bitselect(get(L.energies + j), get(L.runnerUp), get(L.louderThanRunnerUp)),
        get(L.louder),
      ),
    ),
    ...localSet(L.loudest, v128Bitselect(get(L.energies + j), get(L.loudest), get(L.louder))),
    ...localSet(
      L.loudestIndex,
      v128Bitselect(f64x2Const(j, j + 4), get(L.loudestIndex), get(L.louder)),
    ),
  ]),
  ...v128Store(get(L.window), LOUDEST, get(L.loudest)),
  ...v128Store(get(L.window), LOUDEST_INDEX, get(L.loudestIndex)),
  ...v128Store(get(L.window), RUNNER_UP, get(L.runnerUp)),
];

/** One half: zeroed filters over its 51 samples, its record, the window's record; next. */
const analyseHalf: Code = [
  ...forEachVector((j) => [...localSet(L.a + j, v128Zero), ...localSet(L.b + j, v128Zero)]),
  ...localSet(L.energy, f64Zero),
  ...localSet(L.halfEnd, i32Add(get(L.input), i32Const(HALF * 4))),
  ...doWhile(sampleStep, i32Ne(get(L.input), get(L.halfEnd))),
  ...forEachVector(outputs),
  ...loudestRowAndColumn,
  ...f64Store(get(L.previous), thisHalf(ENERGY), get(L.energy)),
  // total = previous half's energy + this half's
  ...f64Store(get(L.window), TOTAL, f64Add(f64Load(get(L.previous), ENERGY), get(L.energy))),
  ...localSet(L.previous, i32Add(get(L.previous), i32Const(HALF_RECORD_BYTES))),
  ...localSet(L.window, i32Add(get(L.window), i32Const(WINDOW_RECORD_BYTES))),
];

/** analyse(halves): halves >= 1 consecutive halves from INPUT. */
const analyse: Code = [
  ...forEachVector((j) => localSet(L.k + j, constant(CONSTANT.coefficient, j))),
  ...localSet(L.input, i32Const(INPUT_BYTES)),
  ...localSet(L.stop, i32Add(i32Const(INPUT_BYTES), i32Mul(get(L.halves), i32Const(HALF * 4)))),
  ...localSet(L.previous, i32Const(HALVES_BYTES)),
  ...localSet(L.window, i32Const(WINDOWS_BYTES + WINDOW_RECORD_BYTES)),
  ...doWhile(analyseHalf, i32Ne(get(L.input), get(L.stop))),
];

/** The module's bytes (exported for its size test). */
export const DTMF_FILTER_BANK_WASM = encodeModule(PAGES, [
  { name: 'analyse', params: 1, locals: LOCALS, body: analyse },
]);

// ---- Instance -----------------------------------------------------------------------------------

export interface DtmfFilterBank {
  /** Where a call's samples go: CHUNK_HALVES halves, full scale ±1. */
  readonly input: Float32Array;
  /** The whole memory as doubles: records at halfRecordAt / windowRecordAt. */
  readonly memory: Float64Array;
  /** Analyses the first `halves` (1..CHUNK_HALVES) halves of `input`. */
  analyse(halves: number): void;
}

let shared: DtmfFilterBank | null = null;

/** The thread's filter bank, compiled on first use. */
export function dtmfFilterBank(): DtmfFilterBank {
  shared ??= instantiate();
  return shared;
}

function instantiate(): DtmfFilterBank {
  if (!WebAssembly.validate(DTMF_FILTER_BANK_WASM)) {
    throw new Error(
      'DtmfDetector needs WebAssembly with 128-bit SIMD (Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+).',
    );
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(DTMF_FILTER_BANK_WASM));
  const { buffer } = instance.exports.memory as WebAssembly.Memory;
  const memory = new Float64Array(buffer);
  for (let f = 0; f < 8; f++) {
    const w = omega(f);
    const at = (table: number) => table / 8 + lane(f);
    memory[at(CONSTANT.coefficient)] = 2 * Math.cos(w);
    memory[at(CONSTANT.cos)] = Math.cos(w);
    memory[at(CONSTANT.sin)] = Math.sin(w);
    memory[at(CONSTANT.alignRe)] = Math.cos(w * (HALF - 1));
    memory[at(CONSTANT.alignIm)] = -Math.sin(w * (HALF - 1));
    memory[at(SHIFT.re)] = SHIFT_RE[f]!;
    memory[at(SHIFT.im)] = SHIFT_IM[f]!;
  }
  return {
    input: new Float32Array(buffer, INPUT_BYTES, CHUNK_HALVES * HALF),
    memory,
    analyse: instance.exports.analyse as (halves: number) => void,
  };
}
