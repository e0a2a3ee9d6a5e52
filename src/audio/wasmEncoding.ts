/**
 * A minimal WebAssembly binary writer: enough to build one module with a memory and a few
 * functions of i32 parameters and no results, whose bodies are written as expression trees of
 * the instructions below. Encodings follow the WebAssembly core specification, binary format:
 * https://webassembly.github.io/spec/core/binary/modules.html (sections) and
 * https://webassembly.github.io/spec/core/binary/instructions.html (opcodes; vector
 * instructions are the 0xFD prefix followed by a LEB128 opcode).
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Instruction bytes, in the order a stack machine runs them. */
export type Code = readonly number[];

export function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

export function signedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

const vector = (items: readonly Code[]): number[] => [
  ...unsignedLeb128(items.length),
  ...items.flat(),
];
const name = (text: string): number[] => vector([...text].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: Code): number[] => [id, ...unsignedLeb128(body.length), ...body];
const seq = (...parts: Code[]): Code => parts.flat();

// ---- Instructions -----------------------------------------------------------------------------

export const localGet = (index: number): Code => [0x20, ...unsignedLeb128(index)];
export const localSet = (index: number, value: Code): Code =>
  seq(value, [0x21, ...unsignedLeb128(index)]);
export const i32Const = (value: number): Code => [0x41, ...signedLeb128(value)];
export const f64Zero: Code = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
export const i32Add = (a: Code, b: Code): Code => seq(a, b, [0x6a]);
export const i32Mul = (a: Code, b: Code): Code => seq(a, b, [0x6c]);
export const i32Ne = (a: Code, b: Code): Code => seq(a, b, [0x47]);
export const f64Add = (a: Code, b: Code): Code => seq(a, b, [0xa0]);
export const f64Mul = (a: Code, b: Code): Code => seq(a, b, [0xa2]);
/** f32.load at address + offset, widened to f64 (f64.promote_f32: exact). */
export const f32LoadAsF64 = (address: Code, offset: number): Code =>
  seq(address, [0x2a, 2, ...unsignedLeb128(offset), 0xbb]);
export const f64Load = (address: Code, offset: number): Code =>
  seq(address, [0x2b, 3, ...unsignedLeb128(offset)]);
export const f64Store = (address: Code, offset: number, value: Code): Code =>
  seq(address, value, [0x39, 3, ...unsignedLeb128(offset)]);

const simd = (opcode: number, ...immediates: number[]): number[] => [
  0xfd,
  ...unsignedLeb128(opcode),
  ...immediates,
];
export const v128Load = (address: Code, offset: number): Code =>
  seq(address, simd(0x00, 4, ...unsignedLeb128(offset)));
export const v128Store = (address: Code, offset: number, value: Code): Code =>
  seq(address, value, simd(0x0b, 4, ...unsignedLeb128(offset)));
/** v128.const holding two doubles, lane 0 then lane 1. */
export function f64x2Const(lane0: number, lane1: number): Code {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setFloat64(0, lane0, true);
  view.setFloat64(8, lane1, true);
  return simd(0x0c, ...bytes);
}
export const v128Zero: Code = f64x2Const(0, 0);
export const f64x2Splat = (value: Code): Code => seq(value, simd(0x14));
/** Lane-wise IEEE-754 double arithmetic, as JavaScript's on each lane. */
export const f64x2Add = (a: Code, b: Code): Code => seq(a, b, simd(0xf0));
export const f64x2Sub = (a: Code, b: Code): Code => seq(a, b, simd(0xf1));
export const f64x2Mul = (a: Code, b: Code): Code => seq(a, b, simd(0xf2));
/** All ones in each lane where a > b (false where either is NaN), else zeros. */
export const f64x2Gt = (a: Code, b: Code): Code => seq(a, b, simd(0x4a));
/** Bits of `ifSet` where `mask` is 1, of `ifClear` where it is 0. */
export const v128Bitselect = (ifSet: Code, ifClear: Code, mask: Code): Code =>
  seq(ifSet, ifClear, mask, simd(0x52));

/** `loop` whose body ends by branching back while `again` is non-zero. */
export const doWhile = (body: Code, again: Code): Code =>
  seq([0x03, 0x40], body, again, [0x0d, 0], [0x0b]);

// ---- Module -----------------------------------------------------------------------------------

export interface FunctionSpec {
  /** Exported under this name. */
  name: string;
  /** Number of i32 parameters (locals 0 .. params-1). */
  params: number;
  /** The other locals, in index order after the parameters. */
  locals: ReadonlyArray<readonly [count: number, type: ValueType]>;
  body: Code;
}

/** A module with one memory of `pages` 64 KiB pages, exported as "memory", and the functions. */
export function encodeModule(
  pages: number,
  functions: readonly FunctionSpec[],
): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(new Array(f.params).fill([I32])), 0]);
  const bodies = functions.map((f) => {
    const body = [
      ...vector(f.locals.map(([count, type]) => [...unsignedLeb128(count), type])),
      ...f.body,
      0x0b,
    ];
    return [...unsignedLeb128(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => unsignedLeb128(i)))),
    ...section(5, vector([[0x00, ...unsignedLeb128(pages)]])),
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0],
        ...functions.map((f, i) => [...name(f.name), 0x00, ...unsignedLeb128(i)]),
      ]),
    ),
    ...section(10, vector(bodies)),
  ]);
}
