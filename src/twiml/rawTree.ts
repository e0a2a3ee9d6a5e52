/**
 * The document's elements as written, read with saxes (a strict XML 1.0 parser,
 * https://github.com/lddubeau/saxes) without namespaces: names, attributes, text and offsets,
 * no TwiML rules yet. Elements deeper than MAX_TWIML_DEPTH + 1 are not kept, nor the text of
 * those at that depth (such an element is always an issue, reported by its name), so the tree is
 * at most that deep whatever the input. The first well-formedness error is kept with where saxes
 * found it; nothing after it counts.
 */
import { SaxesParser } from 'saxes';
import { MAX_TWIML_DEPTH } from './defaults.ts';
import type { SourceText } from './sourceText.ts';

/** One element: its name, where its `<` is, its attributes, text and child elements. */
export interface RawElement {
  readonly name: string;
  /** Offset of the start tag's `<`. */
  readonly offset: number;
  /** 1 for the root. */
  readonly depth: number;
  /** In the order written (XML forbids a name twice). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly RawElement[];
  /** Text and CDATA inside it (not inside its children), decoded, as written. */
  readonly text: string;
  /** Offset of the first character of its text that is not white space; null if none. */
  readonly textOffset: number | null;
}

/** A well-formedness error: where and saxes' words for it. */
export interface XmlError {
  readonly offset: number;
  readonly message: string;
}

/** The root element of a well-formed document, or its first well-formedness error. */
export type RawTree =
  | { readonly ok: true; readonly root: RawElement }
  | { readonly ok: false; readonly error: XmlError };

interface OpenElement {
  readonly name: string;
  readonly offset: number;
  readonly depth: number;
  readonly attributes: Map<string, string>;
  readonly children: OpenElement[];
  text: string;
  textOffset: number | null;
}

/**
 * Reads `source` into elements; never throws. saxes itself throws on a lone surrogate (it reads
 * it as half of a pair, e.g. `<!--\ud800` gives `String.fromCodePoint(NaN)`), and XML has no such
 * character (https://www.w3.org/TR/xml/#NT-Char), so one is the document's error before saxes
 * reads it.
 */
export function readRawTree(source: SourceText): RawTree {
  const lone = loneSurrogateOffset(source.text);
  if (lone >= 0) {
    const code = source.text.charCodeAt(lone).toString(16).toUpperCase();
    return {
      ok: false,
      error: { offset: lone, message: `U+${code} (half of a surrogate pair) is not a character` },
    };
  }
  const parser = new SaxesParser({ xmlns: false, position: true });
  const text = source.text;
  /** Every open element, kept or not (for the depth and the "never closed" offset). */
  const open: (Tag & { readonly element: OpenElement | null })[] = [];
  let closed: Tag | undefined;
  // Set by the handlers below (`as`: TypeScript would otherwise take them to stay null).
  let root = null as OpenElement | null;
  let xmlError = null as XmlError | null;
  /** Where the last markup (tag, comment, CDATA, …) ended: stray text starts there. */
  let markupEnd = 0;

  const current = (): OpenElement | null => open.at(-1)?.element ?? null;
  const addText = (value: string, from: number) => {
    const element = current();
    if (!element || element.depth > MAX_TWIML_DEPTH || xmlError) return;
    element.text += value;
    if (element.textOffset === null && /[^ \t\r\n]/.test(value)) {
      element.textOffset = source.skipSpace(from);
    }
  };

  parser.on('opentagstart', (tag) => {
    // The `<` is just before the name; saxes has read the name and one character more.
    const offset = text.lastIndexOf(`<${tag.name}`, parser.position - tag.name.length - 1);
    const depth = open.length + 1;
    const parent = current();
    const keep = depth === 1 || (parent !== null && depth <= MAX_TWIML_DEPTH + 1);
    const element: OpenElement | null = keep ? newElement(tag.name, offset, depth) : null;
    if (element && parent) parent.children.push(element);
    if (element && depth === 1) root ??= element;
    open.push({ name: tag.name, offset, element });
  });
  parser.on('attribute', (attribute) => {
    current()?.attributes.set(attribute.name, attribute.value);
  });
  parser.on('opentag', () => {
    markupEnd = parser.position;
  });
  parser.on('closetag', () => {
    closed = open.pop();
    markupEnd = parser.position;
  });
  parser.on('text', (value) => addText(value, markupEnd));
  parser.on('cdata', (value) => {
    addText(value, markupEnd);
    markupEnd = parser.position;
  });
  for (const markup of ['comment', 'processinginstruction', 'doctype'] as const) {
    parser.on(markup, () => {
      markupEnd = parser.position;
    });
  }
  parser.on('error', (error) => {
    xmlError ??= describeXmlError(text, error.message, parser.position, open.at(-1), closed);
  });

  parser.write(text).close();
  if (xmlError) return { ok: false, error: xmlError };
  // A text without a root element is an error to saxes ("document must contain a root element").
  return { ok: true, root: root! };
}

/** The offset of the first surrogate code unit that is not half of a pair, or -1. */
function loneSurrogateOffset(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return i;
  }
  return -1;
}

function newElement(name: string, offset: number, depth: number): OpenElement {
  return { name, offset, depth, attributes: new Map(), children: [], text: '', textOffset: null };
}

/** An element's name and where its `<` is. */
interface Tag {
  readonly name: string;
  readonly offset: number;
}

/**
 * saxes' message without its `line:column: ` prefix, at the character it had just read. An
 * element left open is shown at its start tag rather than at the end of the text; a close tag
 * that does not match is shown at its `<`, with the one expected (saxes has just closed that
 * element, `closed`, before it complains).
 */
function describeXmlError(
  text: string,
  saxesMessage: string,
  position: number,
  innermost: Tag | undefined,
  closed: Tag | undefined,
): XmlError {
  const message = saxesMessage.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
  const offset = Math.max(0, position - 1);
  if (innermost && message.startsWith('unclosed tag: ')) {
    return { offset: innermost.offset, message: `<${innermost.name}> is never closed` };
  }
  if (closed && message === 'unexpected close tag') {
    const start = text.lastIndexOf('</', offset);
    const found = text.slice(start, offset + 1);
    return { offset: start, message: `found ${found} where </${closed.name}> was expected` };
  }
  return { offset, message };
}
