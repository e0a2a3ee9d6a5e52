/**
 * parseTwiml: a TwiML voice document's text to its typed verbs (document.ts), or the issues that
 * keep it from running, each with its line and column. In order:
 *
 * 1. Size: a document over MAX_TWIML_BYTES is refused unread (Twilio's 11750).
 * 2. XML: the text must be well-formed XML 1.0 (saxes, strict); the first error is the one issue
 *    (Twilio's 12100, https://www.twilio.com/docs/api/errors/12100).
 * 3. Root: it must be `<Response>` (Twilio's 12102); `<Response/>` alone is a valid document with
 *    no verbs (the call hangs up).
 * 4. Verbs: every element, attribute and text is checked against the TwiML reference (verbs.ts);
 *    all issues are collected, up to MAX_TWIML_ISSUES, and listed in document order.
 *
 * Never throws, whatever the text (src/twiml/parse.test.ts fuzzes it).
 */
import { MAX_TWIML_BYTES } from './defaults.ts';
import type { ParsedTwiml, TwimlIssue } from './document.ts';
import { TwimlIssues } from './issues.ts';
import { readRawTree } from './rawTree.ts';
import { SourceText, utf8ByteLength } from './sourceText.ts';
import { TWILIO_CODES } from './twilioCodes.ts';
import { readResponseVerbs } from './verbs.ts';

/**
 * Parses `text`, a TwiML document read from `source` (a path relative to the scenario, an inline
 * flow's name, or a URL; kept in the document for messages and URL resolution).
 */
export function parseTwiml(text: string, source: string): ParsedTwiml {
  const sourceText = new SourceText(text);
  const issues = new TwimlIssues(sourceText);
  const tooLarge = sizeIssue(text);
  if (tooLarge) return refused([tooLarge]);

  const tree = readRawTree(sourceText);
  if (!tree.ok) {
    issues.at(
      tree.error.offset,
      () => `the document is not well-formed XML: ${tree.error.message}`,
      TWILIO_CODES.documentParseFailure,
    );
    return refused(issues.list);
  }
  const root = tree.root;
  if (root.name !== 'Response') {
    issues.atElement(
      root,
      () => `the root element must be <Response>, found <${root.name}>`,
      TWILIO_CODES.rootNotResponse,
    );
    return refused(issues.list);
  }
  const verbs = readResponseVerbs(root, { source: sourceText, issues });
  if (issues.list.length > 0) return refused(inDocumentOrder(issues.list));
  return { ok: true, document: { source, verbs } };
}

function sizeIssue(text: string): TwimlIssue | null {
  // A UTF-16 code unit is at least one UTF-8 byte: a longer text is too large without counting.
  const bytes = text.length > MAX_TWIML_BYTES ? null : utf8ByteLength(text);
  if (bytes !== null && bytes <= MAX_TWIML_BYTES) return null;
  const size = bytes === null ? `${text.length} characters long` : `${bytes} bytes`;
  return {
    line: 1,
    column: 1,
    message: `the document is ${size}; Twilio takes at most 64 kB (${MAX_TWIML_BYTES} bytes)`,
    twilioCode: TWILIO_CODES.responseTooLarge,
  };
}

/** Issues by line and column (an element's attribute issues come before its content's). */
function inDocumentOrder(issues: readonly TwimlIssue[]): TwimlIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

function refused(issues: readonly TwimlIssue[]): ParsedTwiml {
  return { ok: false, issues };
}
