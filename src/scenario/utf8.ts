import type { ScenarioIssue } from './issueList.ts';

export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly issue: ScenarioIssue };

/**
 * Bytes as UTF-8 text (RFC 8259 §8.1: JSON exchanged between systems is UTF-8), refusing what is
 * not UTF-8 rather than replacing it with U+FFFD as a lenient decoder would: the issue says where
 * the first bad byte is. A leading byte order mark is kept in the text (WHATWG Encoding's
 * `ignoreBOM`), so that the JSON reader can refuse it with its own message.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
    };
  } catch {
    return { ok: false, issue: notUtf8Issue(bytes) };
  }
}

function notUtf8Issue(bytes: Uint8Array): ScenarioIssue {
  const expected = 'UTF-8 text (RFC 3629)';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      path: '$',
      expected,
      found:
        'UTF-16 text (it starts with a UTF-16 byte order mark): save the file as UTF-8 without BOM',
    };
  }
  const at = firstInvalidUtf8(bytes);
  const offset = at < 0 ? 0 : at;
  const shown = Array.from(
    bytes.subarray(offset, Math.min(offset + 4, bytes.length)),
    (b) => `0x${b.toString(16).padStart(2, '0')}`,
  ).join(' ');
  return {
    path: '$',
    expected,
    found: `bytes that are not UTF-8 at ${lineAndColumn(bytes, offset)} (byte ${offset}: ${shown}): save the file as UTF-8`,
  };
}

/** `line L, column C` of a byte offset, counting characters (not bytes) in the valid text before it. */
function lineAndColumn(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) {
      // Each character's first byte; continuation bytes (10xxxxxx) are not counted.
      column++;
    }
  }
  return `line ${line}, column ${column}`;
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence, per the syntax
 * of RFC 3629 §4 (no overlong forms, no surrogates U+D800–U+DFFF, nothing past U+10FFFF), or -1
 * if every byte is part of one.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  const tail = (i: number, low = 0x80, high = 0xbf) =>
    i < n && bytes[i]! >= low && bytes[i]! <= high;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b <= 0x7f) {
      i++;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!tail(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      // E0: A0-BF (no overlong form); ED: 80-9F (no surrogate).
      const low = b === 0xe0 ? 0xa0 : 0x80;
      const high = b === 0xed ? 0x9f : 0xbf;
      if (!tail(i + 1, low, high) || !tail(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      // F0: 90-BF (no overlong form); F4: 80-8F (nothing past U+10FFFF).
      const low = b === 0xf0 ? 0x90 : 0x80;
      const high = b === 0xf4 ? 0x8f : 0xbf;
      if (!tail(i + 1, low, high) || !tail(i + 2) || !tail(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}
