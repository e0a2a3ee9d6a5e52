import {
  inlineDocumentKey,
  isInlineTwiml,
  twimlIssueText,
  type ScenarioIssue,
} from '../../scenario/index.ts';
import { parseTwiml } from '../../twiml/index.ts';
import { locatePath, parseJsonPath, type JsonOutline, type TextRange } from './jsonLocator.ts';

/**
 * Where to underline a validator issue in the scenario's text: at its JSON path (locatePath),
 * except a problem inside an inline TwiML document (`$.flows.<id>.twiml`, found "… at line L,
 * column C"), which is underlined where the parser found it inside the JSON string: the tag,
 * attribute or word there.
 */
export function issueRange(text: string, outline: JsonOutline, issue: ScenarioIssue): TextRange {
  return inlineTwimlRange(text, outline, issue) ?? locatePath(outline, issue.path);
}

function inlineTwimlRange(
  text: string,
  outline: JsonOutline,
  issue: ScenarioIssue,
): TextRange | null {
  if (outline.syntaxErrorAt !== null) return null;
  const keys = parseJsonPath(issue.path);
  if (keys?.length !== 3 || keys[0] !== 'flows' || keys[2] !== 'twiml') return null;
  const located = outline.values.get(issue.path);
  if (!located || located.container) return null;
  const literal = text.slice(located.value.from, located.value.to);
  const document: unknown = JSON.parse(literal);
  if (typeof document !== 'string' || !isInlineTwiml(document)) return null;
  const parsed = parseTwiml(document, inlineDocumentKey(String(keys[1])));
  if (parsed.ok) return null;
  const found = parsed.issues.find((i) => twimlIssueText(i) === issue.found);
  if (!found) return null;
  const start = offsetOf(document, found.line, found.column);
  const end = tokenEnd(document, start);
  const raw = rawOffsets(literal);
  return {
    from: located.value.from + raw[Math.min(start, document.length - 1)]!,
    to: located.value.from + raw[Math.max(end, Math.min(start, document.length - 1) + 1)]!,
  };
}

/**
 * The offset of 1-based `line` and `column` (UTF-16 code units) in `text`, lines ending at `\n`,
 * `\r\n` or a lone `\r` as the TwiML parser counts them (src/twiml/sourceText.ts).
 */
export function offsetOf(text: string, line: number, column: number): number {
  let lineStart = 0;
  for (let l = 1; l < line; l++) {
    const lf = text.indexOf('\n', lineStart);
    const cr = text.indexOf('\r', lineStart);
    if (lf < 0 && cr < 0) return text.length;
    if (cr >= 0 && (lf < 0 || cr < lf)) lineStart = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
    else lineStart = lf + 1;
  }
  return Math.min(text.length, lineStart + column - 1);
}

const XML_SPACE = /[ \t\r\n]/;

/**
 * Where the markup starting at `start` ends: a start tag's name (`<Dial`, `<Hangup` of
 * `<Hangup/>`), a whole tag without attributes (`<Dial>`, `</Say>`), an attribute with its
 * quoted value, or a word of text.
 */
export function tokenEnd(text: string, start: number): number {
  let at = start;
  let quote: string | null = null;
  while (at < text.length) {
    const c = text[at]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (XML_SPACE.test(c) || (at > start && c === '<')) {
      break;
    } else if (c === '/' && text[at + 1] === '>' && at > start) {
      break;
    } else if (c === '>') {
      return text[start] === '<' ? at + 1 : at;
    }
    at++;
  }
  return at;
}

/**
 * For a JSON string literal (quotes included), the offset in the literal of each code unit of
 * the string it stands for, and one past the last: `"a\nb"` gives [1, 2, 4, 5].
 */
export function rawOffsets(literal: string): number[] {
  const offsets: number[] = [];
  let at = 1;
  const end = literal.length - 1;
  while (at < end) {
    offsets.push(at);
    at += literal[at] !== '\\' ? 1 : literal[at + 1] === 'u' ? 6 : 2;
  }
  offsets.push(end);
  return offsets;
}
