import { describe, expect, it } from 'vitest';
import {
  V128,
  encodeModule,
  f64x2Add,
  f64x2Const,
  f64x2Gt,
  f64x2Mul,
  f64x2Sub,
  i32Const,
  localGet,
  localSet,
  signedLeb128,
  unsignedLeb128,
  v128Bitselect,
  v128Load,
  v128Store,
} from './wasmEncoding.ts';

describe('wasmEncoding', () => {
  it('writes LEB128 as the WebAssembly binary format does', () => {
    // The DWARF / LEB128 textbook values: 624485 = E5 8E 26, -123456 = C0 BB 78.
    expect(unsignedLeb128(0)).toEqual([0x00]);
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb128(-1)).toEqual([0x7f]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('builds a module whose f64x2 instructions compute what JavaScript does on each lane', () => {
    // run(): at 0..63 four vectors a, b, c, d; writes (a + b·c) − d at 64, and at 80 the lanes
    // of 7, 8 where a > b, of 9, 10 elsewhere.
    const load = (j: number) => v128Load(i32Const(0), 16 * j);
    const bytes = encodeModule(1, [
      {
        name: 'run',
        params: 0,
        locals: [[1, V128]],
        body: [
          ...localSet(0, f64x2Gt(load(0), load(1))),
          ...v128Store(
            i32Const(0),
            64,
            f64x2Sub(f64x2Add(load(0), f64x2Mul(load(1), load(2))), load(3)),
          ),
          ...v128Store(
            i32Const(0),
            80,
            v128Bitselect(f64x2Const(7, 8), f64x2Const(9, 10), localGet(0)),
          ),
        ],
      },
    ]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const memory = new Float64Array((exports.memory as WebAssembly.Memory).buffer);
    const a = [0.1, -3];
    const b = [0.7, NaN];
    const c = [1 / 3, 2];
    const d = [1e-17, 5];
    memory.set([a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!, d[0]!, d[1]!]);
    (exports.run as () => void)();
    expect([memory[8], memory[9]]).toEqual([a[0]! + b[0]! * c[0]! - d[0]!, NaN]);
    expect([memory[10], memory[11]]).toEqual([9, 10]);
    memory.set([0.8, 1], 0);
    (exports.run as () => void)();
    expect([memory[10], memory[11]]).toEqual([7, 10]);
  });
});
