import { jsonPath, type PathKey } from '../../scenario/jsonPath.ts';

/** A span of the document, as character offsets (CodeMirror's positions for a plain string). */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** Where one value of the document sits: the value itself and, in an object, its key. */
export interface LocatedValue {
  readonly value: TextRange;
  readonly key: TextRange | null;
  readonly container: boolean;
}

/**
 * Every value of a JSON document keyed by its JSONPath (the validator's notation), and, when the
 * text is not JSON, where reading it stopped. A syntax error still keeps what came before it.
 */
export interface JsonOutline {
  readonly values: ReadonlyMap<string, LocatedValue>;
  readonly syntaxErrorAt: number | null;
  readonly length: number;
}

class SyntaxErrorAt extends Error {
  constructor(readonly at: number) {
    super(`JSON syntax error at offset ${at}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** Reads JSON text the way JSON.parse does, remembering where each value is. */
export function outlineJson(text: string): JsonOutline {
  const values = new Map<string, LocatedValue>();
  let pos = 0;

  const fail = (): never => {
    throw new SyntaxErrorAt(pos);
  };
  const skipWhitespace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const expectChar = (char: string) => {
    skipWhitespace();
    if (text[pos] !== char) fail();
    pos++;
  };
  const readString = (): string => {
    const from = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text.charCodeAt(pos) < 0x20) fail();
      pos += text[pos] === '\\' ? 2 : 1;
    }
    if (pos >= text.length) fail();
    pos++;
    try {
      return JSON.parse(text.slice(from, pos)) as string;
    } catch {
      pos = from;
      return fail();
    }
  };
  const readToken = (pattern: RegExp) => {
    pattern.lastIndex = pos;
    if (!pattern.test(text)) fail();
    pos = pattern.lastIndex;
  };

  const readValue = (keys: PathKey[], key: TextRange | null): void => {
    skipWhitespace();
    const from = pos;
    const path = jsonPath(keys);
    const char = text[pos];
    if (char === '{' || char === '[') {
      // Recorded before descending, so a syntax error inside still leaves the container findable.
      values.set(path, { value: { from, to: from + 1 }, key, container: true });
      pos++;
      if (char === '{') readObjectBody(keys);
      else readArrayBody(keys);
      values.set(path, { value: { from, to: pos }, key, container: true });
      return;
    }
    if (char === '"') readString();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) readToken(NUMBER);
    else readToken(LITERAL);
    values.set(path, { value: { from, to: pos }, key, container: false });
  };

  const readObjectBody = (keys: PathKey[]) => {
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') fail();
      const keyFrom = pos;
      const name = readString();
      const key = { from: keyFrom, to: pos };
      expectChar(':');
      readValue([...keys, name], key);
      skipWhitespace();
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') {
        pos++;
        return;
      } else fail();
    }
  };

  const readArrayBody = (keys: PathKey[]) => {
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    for (let index = 0; ; index++) {
      readValue([...keys, index], null);
      skipWhitespace();
      if (text[pos] === ',') pos++;
      else if (text[pos] === ']') {
        pos++;
        return;
      } else fail();
    }
  };

  try {
    readValue([], null);
    skipWhitespace();
    if (pos < text.length) fail();
    return { values, syntaxErrorAt: null, length: text.length };
  } catch (error) {
    if (!(error instanceof SyntaxErrorAt)) throw error;
    return { values, syntaxErrorAt: error.at, length: text.length };
  }
}

const PATH_STEP = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** The keys of a JSONPath such as `$.voicemail.greeting[2]["odd key"]`, or null if it is not one. */
export function parseJsonPath(path: string): PathKey[] | null {
  if (!path.startsWith('$')) return null;
  const keys: PathKey[] = [];
  let pos = 1;
  while (pos < path.length) {
    PATH_STEP.lastIndex = pos;
    const step = PATH_STEP.exec(path);
    if (!step) return null;
    if (step[1] !== undefined) keys.push(step[1]);
    else if (step[2] !== undefined) keys.push(Number(step[2]));
    else keys.push(JSON.parse(step[3]!) as string);
    pos = PATH_STEP.lastIndex;
  }
  return keys;
}

/**
 * The text to underline for a validator issue at `path`: a property with a scalar value as a
 * whole (`"trials": "many"`, so a misspelt key is marked too), a list item as itself, an object
 * or list by its key or opening bracket rather than its whole body, a missing field at its
 * nearest present parent, and a syntax error where reading stopped.
 */
export function locatePath(outline: JsonOutline, path: string): TextRange {
  if (outline.syntaxErrorAt !== null) return pointAt(outline.syntaxErrorAt, outline.length);
  const keys = parseJsonPath(path) ?? [];
  for (let depth = keys.length; depth >= 0; depth--) {
    const found = outline.values.get(jsonPath(keys.slice(0, depth)));
    if (!found) continue;
    if (!found.container)
      return found.key ? { from: found.key.from, to: found.value.to } : found.value;
    return found.key ?? { from: found.value.from, to: found.value.from + 1 };
  }
  return pointAt(0, outline.length);
}

function pointAt(at: number, length: number): TextRange {
  if (length === 0) return { from: 0, to: 0 };
  const from = Math.min(at, length - 1);
  return { from, to: from + 1 };
}
