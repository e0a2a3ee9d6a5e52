import { jsonPath, type PathKey } from '../../scenario/jsonPath.ts';
import { parseStrictJson, type TextRange } from '../../scenario/strictJson.ts';

/** A span of the document, as character offsets (CodeMirror's positions for a plain string). */
export type { TextRange };

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

/**
 * Reads JSON text with the validator's own reader (scenario/strictJson.ts: iterative, so no
 * document is too deep for it), remembering where each value is. Reading stops where the
 * validator's does: at a syntax error, or at nesting too deep (whose issue names the value that
 * is, so it is found here).
 */
export function outlineJson(text: string): JsonOutline {
  const values = new Map<string, LocatedValue>();
  const { stop } = parseStrictJson(text, (keys, value, key, container) => {
    values.set(jsonPath(keys), { value, key, container });
  });
  return {
    values,
    syntaxErrorAt: stop?.syntax ? stop.offset : null,
    length: text.length,
  };
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
