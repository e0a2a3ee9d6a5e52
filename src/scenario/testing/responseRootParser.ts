import type { TwimlParser } from '../flowDocuments.ts';

/**
 * A TwimlParser for the tests of the scenario format and the command-line loader, until the
 * TwiML parser (src/twiml/parse.ts, `parseTwiml`) is on this branch: it checks one rule, that the
 * root element is `<Response>`, and reports the first element otherwise, at its line and column,
 * with Twilio's code for a document it cannot parse (12100, src/twiml/document.ts). A document
 * it accepts has no verbs. Swap in `parseTwiml` where this is used once that file is merged.
 */
export const responseRootParser: TwimlParser = (text, source) => {
  const prolog = /^\s*(?:<\?xml[^>]*\?>\s*)?/.exec(text)![0];
  const root = /^<([A-Za-z][\w.-]*)/.exec(text.slice(prolog.length));
  if (root?.[1] === 'Response') return { ok: true, document: { source, verbs: [] } };
  const before = prolog.split('\n');
  return {
    ok: false,
    issues: [
      {
        line: before.length,
        column: before[before.length - 1]!.length + 1,
        message: root ? `the root element is <${root[1]}>, not <Response>` : 'no root element',
        twilioCode: 12100,
      },
    ],
  };
};
