/**
 * A strict reader of JSON text (RFC 8259) for scenario files. JSON.parse accepts the grammar but
 * keeps only the last of two members with one name, turns a number past a double's range into
 * Infinity and says where an error is only as a character offset. This reader reads the same
 * grammar (no comments, no trailing commas, no single quotes) and also:
 * - reports a name given twice in one object, with both places (RFC 8259 §4: "The names within
 *   an object SHOULD be unique"; software that meets duplicates behaves unpredictably);
 * - reports a number whose magnitude a 64-bit float cannot hold (RFC 8259 §6 lets a parser limit
 *   the range of numbers; such a number would become ±Infinity);
 * - stops at MAX_JSON_DEPTH levels of nesting (RFC 8259 §9 lets a parser limit the depth);
 * - refuses a leading byte order mark (RFC 8259 §8.1: one MUST NOT be added; a parser MAY ignore
 *   it, but a file that has one was saved by an editor set to add it, and other readers of the
 *   file may not ignore it);
 * - gives every position as a line and column.
 * It is a loop over an explicit stack, never a recursion, so no input can exhaust the call stack,
 * and it reads a 2 MB document in about 100 ms (JSON.parse: about 25). Problems are gathered in an IssueList, so
 * their cost is bounded however many there are.
 */
import { IssueList, type ScenarioIssue } from './issueList.ts';
import { jsonPath, shortKey, type PathKey } from './jsonPath.ts';

/**
 * Objects and lists inside each other, at most. A scenario goes four deep
 * (`$.expect.all.legitSuccessRate.min`); JSON that nests deeper than this is not a scenario.
 */
export const MAX_JSON_DEPTH = 64;

/** A span of the text, as UTF-16 offsets (what JavaScript strings and CodeMirror count). */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Told where each value is: a scalar once it is read; an object or list at its opening bracket
 * (`to` is `from + 1`) and again, whole, after its closing one. `keys` is the value's path; it is
 * only valid during the call.
 */
export type JsonValueVisitor = (
  keys: readonly PathKey[],
  value: TextRange,
  key: TextRange | null,
  container: boolean,
) => void;

/** Why reading stopped before the end of the text. */
export interface JsonStop {
  /** The problem, at `$` for a syntax error, at the too-deep value for nesting. */
  readonly issue: ScenarioIssue;
  /** Where reading stopped. */
  readonly offset: number;
  /** A syntax error (the text is not JSON), as opposed to nesting past MAX_JSON_DEPTH. */
  readonly syntax: boolean;
}

export interface ParsedJson {
  /**
   * The value read (a name given twice keeps its last value, as JSON.parse does); undefined if
   * reading stopped.
   */
  readonly value: unknown;
  readonly stop: JsonStop | null;
  /** Duplicate names and numbers out of range: problems of a document that is otherwise JSON. */
  readonly problems: IssueList;
  /** Whether a number out of a double's range was read (it is ±Infinity in `value`). */
  readonly nonFiniteNumbers: boolean;
}

/** A syntax error: where reading stopped and what was wrong there. */
class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  readonly list: boolean;
  readonly value: Record<string, unknown> | unknown[];
  /** The names met so far, in order, and where each was (objects only). */
  readonly names: string[];
  readonly offsets: number[];
  /** How often each name given more than once was given, once one is. */
  repeats: Map<string, number> | null;
  readonly from: number;
  readonly key: TextRange | null;
  members: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** RFC 8259 §7: the escapes a string may hold besides \uXXXX. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]{0,19}/y;

const BYTE_ORDER_MARK: ScenarioIssue = {
  path: '$',
  expected: 'JSON text with no byte order mark',
  found: 'a byte order mark (U+FEFF) before it: save the file as UTF-8 without BOM',
};

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** Reads JSON text; see the module comment. Never throws for any string. */
export function parseStrictJson(text: string, visit?: JsonValueVisitor): ParsedJson {
  const problems = new IssueList();
  const length = text.length;
  /** Offset of the first character of each line, in order (line 1 starts at 0). */
  const lineStarts = [0];
  const frames: Frame[] = [];
  /** The path of the value being read: one key or index per open frame with members. */
  const keys: PathKey[] = [];
  let pos = 0;
  let memberKey: TextRange | null = null;
  let current: unknown;
  let nonFiniteNumbers = false;

  const where = (offset: number): string => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return `line ${low + 1}, column ${offset - lineStarts[low]! + 1}`;
  };

  const skipWhitespace = () => {
    for (; pos < length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 0x0a) lineStarts.push(pos + 1);
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
    }
  };

  const foundHere = (): string => {
    if (pos >= length) return 'the end of the text';
    WORD.lastIndex = pos;
    const word = WORD.exec(text);
    if (word) return `'${word[0]}'`;
    const c = text.codePointAt(pos)!;
    if (c === 0x27) return `"'"`;
    if (c > 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
    return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  };

  const hintHere = (): string => {
    const c = text.charCodeAt(pos);
    if (c === 0x2f) return ' (JSON has no comments)';
    if (c === 0x27) return ' (JSON strings and names take double quotes)';
    if (c === 0xfeff) return ' (a byte order mark: save the file as UTF-8 without BOM)';
    return '';
  };

  const fail = (expected: string, hint = hintHere()): never => {
    throw new Stop(pos, `expected ${expected}, found ${foundHere()}${hint}`);
  };

  const readString = (): string => {
    const from = pos;
    pos++;
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= length) throw new Stop(from, 'a string with no closing quote');
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c === BACKSLASH) {
        out += text.slice(chunk, pos);
        const escape = text[pos + 1];
        if (escape === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!HEX4.test(hex)) {
            throw new Stop(pos, 'expected four hex digits after \\u in a string');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (escape !== undefined && ESCAPES.has(escape)) {
          out += ESCAPES.get(escape)!;
          pos += 2;
        } else {
          // The message names the character after the backslash, never prints it raw:
          // a raw line break (or any control character) would split the one-line message.
          const code = escape === undefined ? -1 : escape.charCodeAt(0);
          const shown =
            escape === undefined
              ? 'a backslash at the end of the text'
              : code < 0x20 || code === 0x7f
                ? `a backslash followed by the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
                : `an invalid escape '\\${escape}'`;
          throw new Stop(
            pos,
            `${shown} in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`,
          );
        }
        chunk = pos;
        continue;
      }
      if (c < 0x20) {
        throw new Stop(
          pos,
          `a control character U+${c.toString(16).toUpperCase().padStart(4, '0')} inside a string (write it escaped, as \\n or \\u00${c.toString(16).padStart(2, '0')})`,
        );
      }
      pos++;
    }
  };

  const readNumber = (): number => {
    const from = pos;
    if (text.charCodeAt(pos) === MINUS) pos++;
    const first = text.charCodeAt(pos);
    if (first === ZERO) {
      pos++;
      if (isDigit(text.charCodeAt(pos))) {
        throw new Stop(from, 'a number with a leading zero (JSON writes 7, not 07)');
      }
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      fail("a digit after '-'");
    }
    if (text.charCodeAt(pos) === DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) fail('a digit after the decimal point');
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === PLUS || sign === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) fail('a digit in the exponent');
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const literal = text.slice(from, pos);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      nonFiniteNumbers = true;
      const path = [...keys];
      problems.add(() => ({
        path: jsonPath(path),
        expected: `a number within a 64-bit float's range (magnitude at most ${Number.MAX_VALUE})`,
        found: `the number ${literal.length > 24 ? `${literal.slice(0, 20)}…` : literal} at ${where(from)}, which overflows to ${value}`,
      }));
    }
    return value;
  };

  const readName = (frame: Frame) => {
    if (text.charCodeAt(pos) !== QUOTE) {
      const afterComma = frame.members;
      if (afterComma && text.charCodeAt(pos) === CLOSE_BRACE) {
        fail("a property name after ','", " (JSON allows no comma before '}')");
      }
      fail(
        afterComma
          ? "a property name in double quotes after ','"
          : "a property name in double quotes or '}'",
      );
    }
    const from = pos;
    const name = readString();
    memberKey = { from, to: pos };
    if (frame.members) keys[keys.length - 1] = name;
    else keys.push(name);
    frame.members = true;
    // Every earlier member is in the object already (attach runs before the next name is read);
    // a Map of names would double the cost of reading an object with a million members.
    if (Object.prototype.hasOwnProperty.call(frame.value, name)) {
      frame.repeats ??= new Map();
      const times = (frame.repeats.get(name) ?? 1) + 1;
      frame.repeats.set(name, times);
      const path = [...keys];
      const { names, offsets } = frame;
      problems.add(() => {
        // Only for a problem that is listed: at most MAX_LISTED_ISSUES searches.
        const first = offsets[names.indexOf(name)]!;
        return {
          path: jsonPath(path),
          expected: 'each property given once in an object',
          found:
            times === 2
              ? `"${shortKey(name)}" given twice: first at ${where(first)}, then at ${where(from)}`
              : `"${shortKey(name)}" given ${times} times: first at ${where(first)}, again at ${where(from)}`,
        };
      });
    }
    frame.names.push(name);
    frame.offsets.push(from);
    skipWhitespace();
    if (text.charCodeAt(pos) !== COLON) fail("':' after the property name");
    pos++;
    skipWhitespace();
  };

  const open = (list: boolean) => {
    const from = pos;
    if (frames.length >= MAX_JSON_DEPTH) {
      throw new DepthStop(from, jsonPath(keys), where(from));
    }
    const frame: Frame = {
      list,
      value: list ? [] : {},
      names: [],
      offsets: [],
      repeats: null,
      from,
      key: memberKey,
      members: false,
    };
    frames.push(frame);
    visit?.(keys, { from, to: from + 1 }, memberKey, true);
    pos++;
    skipWhitespace();
    return frame;
  };

  /** Closes the innermost container (at its closing bracket): it becomes `current`. */
  const close = () => {
    const frame = frames.pop()!;
    if (frame.members) keys.pop();
    pos++;
    current = frame.value;
    visit?.(keys, { from: frame.from, to: pos }, frame.key, true);
  };

  /** Reads a value's start: a scalar whole (true), or opens a container (false unless empty). */
  const readValue = (): boolean => {
    const c = text.charCodeAt(pos);
    const from = pos;
    if (c === OPEN_BRACE) {
      const frame = open(false);
      if (text.charCodeAt(pos) === CLOSE_BRACE) {
        close();
        return true;
      }
      readName(frame);
      return false;
    }
    if (c === OPEN_BRACKET) {
      const frame = open(true);
      if (text.charCodeAt(pos) === CLOSE_BRACKET) {
        close();
        return true;
      }
      keys.push(0);
      frame.members = true;
      memberKey = null;
      return false;
    }
    if (c === QUOTE) current = readString();
    else if (c === MINUS || isDigit(c)) current = readNumber();
    else if (text.startsWith('true', pos)) {
      current = true;
      pos += 4;
    } else if (text.startsWith('false', pos)) {
      current = false;
      pos += 5;
    } else if (text.startsWith('null', pos)) {
      current = null;
      pos += 4;
    } else if (pos >= length && frames.length === 0) {
      throw new Stop(pos, 'the text is empty: expected a JSON value');
    } else {
      fail('a value (an object, list, string, number, true, false or null)');
    }
    visit?.(keys, { from, to: pos }, memberKey, false);
    return true;
  };

  /** Puts `current` into the innermost container; false once the root value is complete. */
  const attach = (): boolean => {
    const frame = frames[frames.length - 1];
    if (!frame) return false;
    if (frame.list) {
      (frame.value as unknown[]).push(current);
    } else {
      const name = keys[keys.length - 1] as string;
      const object = frame.value as Record<string, unknown>;
      // Like JSON.parse: "__proto__" is an own property, not the object's prototype.
      if (name === '__proto__') {
        Object.defineProperty(object, name, {
          value: current,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        object[name] = current;
      }
    }
    return true;
  };

  if (text.charCodeAt(0) === 0xfeff) {
    return {
      value: undefined,
      stop: { issue: BYTE_ORDER_MARK, offset: 0, syntax: true },
      problems,
      nonFiniteNumbers,
    };
  }
  try {
    skipWhitespace();
    let complete = readValue();
    for (;;) {
      if (!complete) {
        complete = readValue();
        continue;
      }
      if (!attach()) break;
      const frame = frames[frames.length - 1]!;
      skipWhitespace();
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        skipWhitespace();
        if (frame.list) {
          if (text.charCodeAt(pos) === CLOSE_BRACKET) {
            fail("a list item after ','", " (JSON allows no comma before ']')");
          }
          keys[keys.length - 1] = (keys[keys.length - 1] as number) + 1;
          memberKey = null;
        } else {
          readName(frame);
        }
        complete = false;
      } else if (c === (frame.list ? CLOSE_BRACKET : CLOSE_BRACE)) {
        close();
        complete = true;
      } else {
        fail(frame.list ? "',' or ']' after a list item" : "',' or '}' after a property");
      }
    }
    skipWhitespace();
    if (pos < length) fail('the end of the text after the JSON value');
    return { value: current, stop: null, problems, nonFiniteNumbers };
  } catch (error) {
    if (error instanceof DepthStop) {
      return {
        value: undefined,
        stop: {
          issue: {
            path: error.path,
            expected: `at most ${MAX_JSON_DEPTH} levels of objects and lists inside each other`,
            found: `level ${MAX_JSON_DEPTH + 1} at ${error.where}`,
          },
          offset: error.offset,
          syntax: false,
        },
        problems,
        nonFiniteNumbers,
      };
    }
    if (!(error instanceof Stop)) throw error;
    return {
      value: undefined,
      stop: {
        issue: {
          path: '$',
          expected: 'valid JSON',
          found: `a syntax error (${error.message} at ${where(error.offset)})`,
        },
        offset: error.offset,
        syntax: true,
      },
      problems,
      nonFiniteNumbers,
    };
  }
}

/** Nesting past MAX_JSON_DEPTH: where the level that is one too many opens. */
class DepthStop extends Error {
  constructor(
    readonly offset: number,
    readonly path: string,
    readonly where: string,
  ) {
    super(`nesting past ${MAX_JSON_DEPTH} levels at ${path}`);
  }
}
