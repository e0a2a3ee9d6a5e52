/**
 * Positions in a document's text: offsets (UTF-16 indexes, as saxes' `position` counts them) to
 * 1-based lines and columns, an attribute's offset inside its start tag, and the text's size in
 * UTF-8 bytes. Columns count UTF-16 code units, as the scenario reader does (strictJson.ts), so an
 * editor's column matches. Lines end at `\n`, `\r\n` or a lone `\r`, as XML reads them
 * (https://www.w3.org/TR/xml/#sec-line-ends).
 */
import type { SourcePosition } from './document.ts';

const LF = 0x0a;
const CR = 0x0d;

/** XML's white space: space, tab, CR, LF (https://www.w3.org/TR/xml/#NT-S). */
export function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === LF || code === CR;
}

export class SourceText {
  readonly text: string;
  #lineStarts: number[] | null = null;

  constructor(text: string) {
    this.text = text;
  }

  /** The line and column of `offset` (clamped to the text; the LF of a CRLF is its CR's). */
  position(offset: number): SourcePosition {
    const starts = this.#starts();
    let at = Math.max(0, Math.min(offset, this.text.length));
    if (this.text.charCodeAt(at) === LF && this.text.charCodeAt(at - 1) === CR) at--;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - starts[low]! + 1 };
  }

  /** The first offset at or after `from` that is not XML white space (or the text's end). */
  skipSpace(from: number): number {
    let at = from;
    while (at < this.text.length && isXmlSpace(this.text.charCodeAt(at))) at++;
    return at;
  }

  /**
   * Where attribute `name` is written in the start tag that begins at `tagStart` (its `<`),
   * or `tagStart` when it is not found. Reads the tag as XML writes it: names, `=`, a quoted
   * value; stops at `>` or the text's end, so it never runs past one tag.
   */
  attributeOffset(tagStart: number, name: string): number {
    const text = this.text;
    let at = tagStart + 1;
    while (at < text.length && !isXmlSpace(text.charCodeAt(at)) && !'/>'.includes(text[at]!)) {
      at++;
    }
    while (at < text.length) {
      at = this.skipSpace(at);
      if (at >= text.length || text[at] === '>' || text[at] === '/') return tagStart;
      const nameStart = at;
      while (at < text.length && text[at] !== '=' && !isXmlSpace(text.charCodeAt(at))) at++;
      if (text.slice(nameStart, at) === name) return nameStart;
      at = this.skipSpace(at);
      if (text[at] === '=') at = this.skipSpace(at + 1);
      const quote = text[at];
      if (quote !== '"' && quote !== "'") return tagStart;
      const close = text.indexOf(quote, at + 1);
      if (close < 0) return tagStart;
      at = close + 1;
    }
    return tagStart;
  }

  #starts(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === LF) starts.push(i + 1);
      else if (code === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      }
    }
    this.#lineStarts = starts;
    return starts;
  }
}

/**
 * The text's size in UTF-8 bytes, as a server would send it; a lone surrogate counts as the
 * 3-byte replacement character an encoder writes for it.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
